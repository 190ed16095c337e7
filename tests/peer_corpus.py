"""Other projects' test files as natprog's test suite: what natprog makes of each, and what a
reference reader finds in it. Regenerate the table after an intended change:

    .venv/bin/python tests/peer_corpus.py            # rewrites tests/peer_corpus_expected.csv

The files stay in `../shared/peer-corpus/` beside the checkout (never copied into the
repository); `NATPROG_PEER_CORPUS` points elsewhere.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("NATPROG_PEER_CORPUS", ROOT.parent / "shared" / "peer-corpus"))
EXPECTED = Path(__file__).resolve().parent / "peer_corpus_expected.csv"
FIELDS = ["file", "extract_exit", "check_exit", "words", "reference_words", "note"]
# natprog's word count may differ from the reference reader's by this share (or 5 words)
# before a row needs a note saying why.
AGREEMENT = 0.05
# Exit codes a refusal may carry (README, "When something goes wrong"); 70 is a bug.
REFUSALS = {3, 4, 5, 7}


@dataclass
class Outcome:
    file: str
    extract_exit: int
    check_exit: int
    words: int
    extract_stderr: str = ""
    left_behind: tuple[str, ...] = ()

    def row(self) -> dict[str, str]:
        return {
            "file": self.file,
            "extract_exit": str(self.extract_exit),
            "check_exit": str(self.check_exit),
            "words": str(self.words),
        }


def corpus_files() -> list[str]:
    """Every test file of the corpus, as its path inside it."""
    return sorted(
        str(path.relative_to(CORPUS))
        for path in CORPUS.rglob("*")
        if path.is_file() and path.name != "README.md"
    )


def read_expected() -> dict[str, dict[str, str]]:
    with open(EXPECTED, newline="", encoding="utf-8") as handle:
        return {row["file"]: row for row in csv.DictReader(handle)}


@contextlib.contextmanager
def _converting_once():
    """LibreOffice converts an ODT or RTF once for both commands (it takes seconds a time)."""
    import natprog.ingest.convert as convert

    real = convert.convert_to_docx
    done: dict[tuple, bytes] = {}

    def once(path, options, suffix=None, **more):
        key = (str(path), suffix)
        if key not in done:
            done[key] = real(path, options, suffix=suffix, **more)
        return done[key]

    convert.convert_to_docx = once
    try:
        yield
    finally:
        convert.convert_to_docx = real


def outcome(name: str) -> Outcome:
    """`natprog extract FILE` and `check --text-only FILE` (in-process), and the words read."""
    with _converting_once():
        return _outcome(name)


def _outcome(name: str) -> Outcome:
    from natprog.cli import main
    from natprog.errors import NatprogError
    from natprog.options import Options
    from natprog.run import process

    path = CORPUS / name
    with tempfile.TemporaryDirectory() as out:
        stderr = io.StringIO()
        saved = sys.stderr
        sys.stderr = stderr
        try:
            extract_exit = main(["extract", str(path), "-o", out])
        finally:
            sys.stderr = saved
        left = tuple(sorted(p.name for p in Path(out).iterdir())) if extract_exit else ()
    try:
        result = process(path, Options(text_only=True))
    except NatprogError as error:
        return Outcome(name, extract_exit, int(error.exit_code), 0, stderr.getvalue(), left)
    document = result.document
    blocks = document.blocks + document.header_blocks + document.footer_blocks
    words = sum(len(block.text.split()) for block in blocks)
    return Outcome(name, extract_exit, 0, words, stderr.getvalue(), left)


def reference_words(name: str) -> int | None:
    """The words a reference reader finds: pdfplumber's `extract_words` for a PDF, the `w:t`
    text of a DOCX (body, headers, footers), the paragraphs of an ODT; None otherwise or when
    the reference cannot read the file."""
    path = CORPUS / name
    try:
        if path.suffix == ".pdf":
            import pdfplumber

            with pdfplumber.open(path) as pdf:
                return sum(len(page.extract_words()) for page in pdf.pages)
        if path.suffix == ".docx":
            return _xml_words(path, re.compile(r"word/(document|header\d*|footer\d*)\.xml"), "w")
        if path.suffix == ".odt":
            return _xml_words(path, re.compile(r"content\.xml"), "text")
    except Exception:  # the reference cannot read it either
        return None
    return None


def _xml_words(path: Path, parts: re.Pattern, kind: str) -> int:
    """Words of the paragraphs of the matching XML parts (tabs and breaks as spaces)."""
    from lxml import etree

    ns = {
        "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    }[kind]
    spaces = {"w": ("tab", "br", "cr"), "text": ("s", "tab", "line-break")}[kind]
    words = 0
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not parts.fullmatch(name):
                continue
            root = etree.fromstring(archive.read(name))
            for local in spaces:
                for element in root.iter(f"{{{ns}}}{local}"):
                    element.text = " "
            for local in ("p", "h"):
                for paragraph in root.iter(f"{{{ns}}}{local}"):
                    if kind == "w":
                        pieces = (
                            t.text or ""
                            for t in paragraph.iter(f"{{{ns}}}t", *(f"{{{ns}}}{x}" for x in spaces))
                        )
                    else:
                        pieces = paragraph.itertext()
                    words += len("".join(pieces).split())
    return words


def _measure(name: str) -> dict[str, str]:
    row = outcome(name).row()
    reference = reference_words(name)
    row["reference_words"] = "" if reference is None else str(reference)
    return row


def agrees(words: int, reference: int) -> bool:
    return abs(words - reference) <= max(5, AGREEMENT * reference)


def update() -> None:
    """Run the whole corpus (slow: minutes) and rewrite the expected-outcomes table."""
    from multiprocessing import Pool

    old = read_expected() if EXPECTED.exists() else {}
    rows = []
    with Pool(int(os.environ.get("JOBS", "2"))) as pool:
        for row in pool.imap(_measure, corpus_files()):
            row["note"] = old.get(row["file"], {}).get("note", "")
            rows.append(row)
            print(",".join(row.values()), flush=True)
    with open(EXPECTED, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    update()
