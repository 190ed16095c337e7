"""DOCX renderings turned into PDF by LibreOffice, many files per call, cached by content.

A PDF is stored under the hash of the DOCX bytes it came from (which the seed and the generator
decide), so an unchanged variant is never converted twice; one `soffice` call converts a batch,
far faster than one call per file.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
CACHE = Path(os.environ.get("NATPROG_LAYOUT_CACHE", ROOT / ".cache" / "layoutgen"))


def cached_pdf(docx: Path) -> Path:
    digest = hashlib.sha256(docx.read_bytes()).hexdigest()[:24]
    return CACHE / f"{digest}.pdf"


def convert_pdfs(docxs: list[Path], soffice: str) -> dict[Path, Path]:
    """The PDF of each DOCX, converting only those not cached yet, in one LibreOffice call."""
    CACHE.mkdir(parents=True, exist_ok=True)
    wanted = {docx: cached_pdf(docx) for docx in docxs}
    # One conversion at a time: a parallel test worker waits, then finds its PDFs made.
    with open(CACHE / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        missing = [docx for docx, pdf in wanted.items() if not pdf.exists()]
        if missing:
            _convert(missing, wanted, soffice)
    return wanted


def _convert(missing: list[Path], wanted: dict[Path, Path], soffice: str) -> None:
    if missing:
        with tempfile.TemporaryDirectory(prefix="layoutgen-") as tmp:
            work = Path(tmp)
            sources = []
            for index, docx in enumerate(missing):
                source = work / f"v{index}.docx"
                shutil.copyfile(docx, source)
                sources.append(source)
            # Its own profile, so that a LibreOffice already running elsewhere does not take
            # the job (and cannot be disturbed).
            profile = (work / "profile").as_uri()
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(work / "out"),
                    *map(str, sources),
                ],
                check=True,
                capture_output=True,
                timeout=3600,
            )
            for source, docx in zip(sources, missing, strict=True):
                made = work / "out" / f"{source.stem}.pdf"
                # Write then rename: a parallel worker never reads half a PDF.
                partial = wanted[docx].with_suffix(f".{os.getpid()}.part")
                shutil.copyfile(made, partial)
                partial.replace(wanted[docx])
