"""The PDF reading of issue 20 reads exactly as the pdfplumber reading it replaced.

`pdfchars.PageReader` records characters while pdfminer draws them and tokenizes content
streams with `pdflexer`; `pdfchars.reference_page_objects` is the old reading through
pdfplumber's `page.layout`. Both must give the same characters and edges (the same floats), the
same blocks with provenance, the same refusals, and `extract` the same bytes. The fixtures and
`inputs/` run in `make test`; the peer corpus's 58 PDFs and the layout variants' PDFs in
`make test-slow`. The hot loops rewritten for speed (overprint removal, the word builder, the
search for the cells of ruled tables) are compared with what they replaced on the same pages.
The tokenizer itself is compared with pdfminer's parser in `tests/test_pdf_lexer.py`.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from layoutgen import Variant, convert_pdfs, render_docx
from peer_corpus import CORPUS
from test_layout_variants import SAMPLE, SLOW, WIDE_CASE, needs_libreoffice

import natprog.ingest.pdf as pdf_module
from conftest import INPUTS, ROOT
from natprog.errors import NatprogError
from natprog.ingest.convert import find_soffice
from natprog.ingest.pdfchars import PageReader, reference_page_objects
from natprog.ingest.pdfgrids import intersection_cells, intersections
from natprog.ingest.pdfwords import _GAP_RATIO, _dedupe, _join_surrogates, line_words
from natprog.options import Options
from natprog.run import extract

FIXTURES = sorted({*INPUTS.glob("*.pdf"), *(ROOT / "tests").rglob("*.pdf")})
CORPUS_PDFS = sorted(CORPUS.rglob("*.pdf")) if CORPUS.is_dir() else []
# Small, and each a reading problem of its own (tests/test_peer_corpus.py's sample).
CORPUS_SAMPLE = [
    "pdfplumber/tests__pdfs__password-example.pdf",
    "pdfplumber/tests__pdfs__issue-71-duplicate-chars.pdf",
    "pdfplumber/tests__pdfs__pr-88-example.pdf",
    "pdfplumber/tests__pdfs__line-char-render-example.pdf",
]
# The layout variants of tests/test_layout_variants.py as PDFs (LibreOffice makes them once,
# cached by content under .cache/layoutgen), read in this many parts (spread over the workers).
VARIANT_PARTS = 8


class _ReferenceReader:
    """`PageReader` as it was: pdfplumber's layout objects."""

    def __init__(self, pdf) -> None:
        pass

    def page_objects(self, page):
        return reference_page_objects(page)


@contextlib.contextmanager
def reference_reading():
    """`read_pdf` with the reference reading of every page."""
    real = pdf_module.PageReader
    pdf_module.PageReader = _ReferenceReader
    try:
        yield
    finally:
        pdf_module.PageReader = real


def _without_marks(edges: list[dict]) -> list[dict]:
    # pdfplumber tags the object drawn last with its marked-content id; the table finder never
    # reads it, and with no characters among the objects the last one drawn is another.
    return [{k: v for k, v in edge.items() if k not in ("mcid", "tag")} for edge in edges]


def _objects(path: Path, fast: bool) -> list:
    """Every page's (chars, edges), or where reading stops, its error."""
    import pdfplumber

    out: list = []
    try:
        pdf = pdfplumber.open(io.BytesIO(path.read_bytes()))
        pages = pdf.pages
    except Exception as error:  # the PDF does not open: no page is read by either
        return [("open", type(error).__name__, str(error))]
    reader = PageReader(pdf)
    with pdf:
        for page in pages:
            try:
                chars, edges = reader.page_objects(page) if fast else reference_page_objects(page)
            except Exception as error:
                cause = error.args[0] if error.args else error
                out.append(("error", type(error).__name__, type(cause).__name__, str(cause)))
                break
            out.append((chars, _without_marks(edges)))
    return out


def reference_dedupe(chars: list[dict]) -> list[dict]:
    """`pdfwords._dedupe` before issue 20 (one dictionary of point cells, nine looked up per
    character), which the faster one must equal."""
    seen: dict[tuple, list[tuple[float, float]]] = {}
    out = []
    for char in chars:
        text = char["text"]
        if text.isspace():
            out.append(char)
            continue
        x0, top = char["x0"], char["top"]
        key = (text, char["font"], round(char["size"], 1), char["direction"])
        cx, cy = round(x0), round(top)
        if any(
            abs(x - x0) <= 1.0 and abs(y - top) <= 1.0
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for x, y in seen.get((key, cx + dx, cy + dy), ())
        ):
            continue
        seen.setdefault((key, cx, cy), []).append((x0, top))
        out.append(char)
    return out


def reference_words(chars: list[dict], ratio: float | None) -> list[tuple]:
    """`pdfwords.line_words` before issue 20: pdfplumber's `WordExtractor` itself."""
    from pdfplumber.utils.text import WordExtractor

    settings = {"x_tolerance": 3} if ratio is None else {"x_tolerance_ratio": ratio}
    extractor = WordExtractor(y_tolerance=3, keep_blank_chars=False, **settings)
    return [
        (w["text"], w["x0"], w["top"], w["x1"], w["bottom"], w["chars"])
        for w in extractor.extract_words(chars, return_chars=True)
    ]


def check_words(chars: list[dict]) -> None:
    """The word builder equals pdfplumber's on the page's upright characters, with spaces
    stored and without."""
    upright = [c for c in _join_surrogates(_dedupe(chars)) if c["upright"] and not c["direction"]]
    for ratio in (None, _GAP_RATIO):
        assert line_words(upright, ratio) == reference_words(upright, ratio), ratio


def check_cells(edges: list[dict]) -> None:
    """The cell search equals pdfplumber's `intersections_to_cells` on the page's crossings."""
    from pdfplumber.table import intersections_to_cells

    crossings = intersections(edges)
    assert intersection_cells(crossings) == intersections_to_cells(crossings)


def _document(path: Path, reference: bool):
    data = path.read_bytes()
    with reference_reading() if reference else contextlib.nullcontext():
        try:
            # OCR reads page images, which the text layer's reading has no part in
            document = pdf_module.read_pdf(data, str(path), Options(ocr="never"))
        except NatprogError as error:
            return (type(error).__name__, int(error.exit_code), str(error))
    return document


def check_same_reading(path: Path) -> None:
    fast, reference = _objects(path, fast=True), _objects(path, fast=False)
    assert len(fast) == len(reference)
    for number, (got, expected) in enumerate(zip(fast, reference, strict=True), start=1):
        assert got == expected, f"page {number}"
        if isinstance(got[0], list):
            assert _dedupe(got[0]) == reference_dedupe(got[0]), f"page {number}"
            check_words(got[0])
            check_cells(got[1])
    assert _document(path, reference=False) == _document(path, reference=True)


def _name(path: Path) -> str:
    return str(path.relative_to(path.parents[1]))


@pytest.mark.parametrize("path", FIXTURES, ids=_name)
def test_fixtures_read_alike(path):
    check_same_reading(path)


def test_there_are_encrypted_pdfs_and_scans_among_them():
    refusals = [path for path in FIXTURES if "encrypted" in path.name or "scan" in path.name]
    assert len(refusals) >= 4, refusals


def test_extract_writes_the_same_bytes(tmp_path):
    draft = INPUTS / "np2012-draft.pdf"
    _, written = extract(draft, tmp_path / "fast")
    with reference_reading():
        _, expected = extract(draft, tmp_path / "reference")
    assert [p.name for p in written] == [p.name for p in expected]
    for got, want in zip(written, expected, strict=True):
        assert got.read_bytes() == want.read_bytes(), got.name


@pytest.mark.skipif(not CORPUS_PDFS, reason=f"the peer corpus is not at {CORPUS}")
@pytest.mark.parametrize("path", [CORPUS / name for name in CORPUS_SAMPLE], ids=_name)
def test_sample_of_the_corpus_reads_alike(path):
    check_same_reading(path)


@pytest.mark.slow
@pytest.mark.parametrize("path", CORPUS_PDFS, ids=_name)
def test_corpus_reads_alike(path):
    check_same_reading(path)


@pytest.fixture(scope="module")
def variant_pdfs(tmp_path_factory) -> list[Path]:
    """Every seed's PDF (one LibreOffice call for those not cached yet)."""
    folder = tmp_path_factory.mktemp("variants")
    docxs = []
    for variant in [*(Variant.from_seed(seed) for seed in (*SAMPLE, *SLOW)), WIDE_CASE]:
        path = folder / f"variant-{variant.seed}.docx"
        render_docx(variant, path)
        docxs.append(path)
    made = convert_pdfs(docxs, find_soffice())
    return [made[docx] for docx in docxs]


@pytest.mark.slow
@pytest.mark.libreoffice
@needs_libreoffice
@pytest.mark.parametrize("part", range(VARIANT_PARTS))
def test_layout_variants_read_alike(part, variant_pdfs):
    for path in variant_pdfs[part::VARIANT_PARTS]:
        fast, reference = _objects(path, fast=True), _objects(path, fast=False)
        assert fast == reference, path
