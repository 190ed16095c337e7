"""The pypdfium2 engine reads every PDF fixture exactly as the pdfplumber reference does.

Same words, bold, table grids and blocks (text, page, table/row/cell); boxes agree within a
tenth of a point. Damaged and encrypted files fail the same way in both engines.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import INPUTS, ROOT
from natprog.errors import EncryptedFileError, NatprogError, UnreadableFileError
from natprog.ingest.pdf import plumber_pages, read_pdf
from natprog.ingest.pdfium import pdfium_pages
from natprog.options import Options

FIXTURES = sorted({*INPUTS.glob("*.pdf"), *(ROOT / "tests").rglob("*.pdf")})
TOLERANCE = 0.1  # points: pdfium computes in 32-bit floats, and reads a few /W widths its own way


def _close(a, b) -> bool:
    return (
        a is None
        and b is None
        or (
            a is not None
            and b is not None
            and all(abs(x - y) <= TOLERANCE for x, y in zip(a, b, strict=True))
        )
    )


def _read(path: Path, engine):
    try:
        return engine(path.read_bytes(), str(path), Options()), None
    except NatprogError as error:
        return None, error


def test_there_are_pdf_fixtures_beyond_the_2012_draft():
    assert INPUTS / "np2012-draft.pdf" in FIXTURES and len(FIXTURES) >= 3


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: str(p.relative_to(ROOT)))
def test_pages_are_identical(path):
    reference, error = _read(path, plumber_pages)
    fast, fast_error = _read(path, pdfium_pages)
    if error or fast_error:  # a file neither can read fails the same way in both
        assert error and fast_error, (error, fast_error)
        assert fast_error.exit_code == error.exit_code
        return
    assert len(fast) == len(reference)
    for ref, got in zip(reference, fast, strict=True):
        where = f"page {ref.number}"
        assert got.number == ref.number, where
        assert _close((got.width, got.height), (ref.width, ref.height)), where
        assert [(w.text, w.bold) for w in got.words] == [(w.text, w.bold) for w in ref.words], where
        for w_ref, w_got in zip(ref.words, got.words, strict=True):
            assert _close(
                (w_got.x0, w_got.x1, w_got.top, w_got.bottom),
                (w_ref.x0, w_ref.x1, w_ref.top, w_ref.bottom),
            ), (where, w_ref, w_got)
        assert len(got.grids) == len(ref.grids), where
        for g_ref, g_got in zip(ref.grids, got.grids, strict=True):
            assert _close(g_got.bbox, g_ref.bbox), where
            assert [len(row) for row in g_got.rows] == [len(row) for row in g_ref.rows], where
            for row_ref, row_got in zip(g_ref.rows, g_got.rows, strict=True):
                assert all(_close(a, b) for a, b in zip(row_got, row_ref, strict=True)), where


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: str(p.relative_to(ROOT)))
def test_blocks_are_identical(path):
    data = path.read_bytes()
    try:
        reference = read_pdf(data, str(path), Options(pdf_engine="pdfplumber"))
    except NatprogError as error:
        with pytest.raises(NatprogError) as fast:
            read_pdf(data, str(path), Options(pdf_engine="pdfium"))
        assert fast.value.exit_code == error.exit_code
        return
    fast = read_pdf(data, str(path), Options(pdf_engine="pdfium"))
    for part in ("blocks", "header_blocks", "footer_blocks"):
        ref_blocks, got_blocks = getattr(reference, part), getattr(fast, part)
        assert [b.text for b in got_blocks] == [b.text for b in ref_blocks], part
        for ref, got in zip(ref_blocks, got_blocks, strict=True):
            keys = ("page", "table", "row", "cell", "part")
            assert [getattr(got.prov, k) for k in keys] == [getattr(ref.prov, k) for k in keys]
            assert got.bold == ref.bold
            assert _close(got.prov.bbox, ref.prov.bbox), (ref.text, ref.prov.bbox, got.prov.bbox)
    assert fast.pages == reference.pages


def test_auto_is_the_reference_engine(monkeypatch):
    """pdfium differs from pdfplumber on real files (the peer corpus), so it is opt-in."""
    import natprog.ingest.pdfium as pdfium

    used = []
    monkeypatch.setattr(pdfium, "pdfium_pages", lambda *a: used.append("pdfium") or [])
    path = INPUTS / "np2012-draft.pdf"
    document = read_pdf(path.read_bytes(), str(path), Options())  # auto
    assert used == [] and document.blocks


def test_encrypted_pdf_is_refused_as_password_protected():
    path = ROOT / "tests" / "fixtures" / "pdf" / "encrypted.pdf"
    with pytest.raises(EncryptedFileError, match="password-protected"):
        pdfium_pages(path.read_bytes(), str(path), Options())


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[:900], id="truncated-early"),
        pytest.param(lambda data: data[: len(data) // 2], id="truncated-half"),
        pytest.param(lambda data: b"%PDF-1.4\ngarbage\n%%EOF\n", id="no-objects"),
    ],
)
def test_damaged_pdfs_fail_alike_in_both_engines(damage):
    data = damage((INPUTS / "np2012-draft.pdf").read_bytes())
    errors = []
    for engine in ("pdfplumber", "pdfium"):
        try:
            read_pdf(data, "damaged.pdf", Options(pdf_engine=engine))
        except NatprogError as error:
            errors.append(error)
    assert len(errors) == 2, errors
    assert all(isinstance(error, UnreadableFileError) for error in errors), errors
    assert all("\n" not in error.one_line() for error in errors)


def test_page_limit_applies_to_the_fast_engine():
    from natprog.errors import LimitExceededError
    from natprog.options import Limits

    path = INPUTS / "np2012-draft.pdf"
    with pytest.raises(LimitExceededError, match="page limit"):
        pdfium_pages(path.read_bytes(), str(path), Options(limits=Limits(max_pages=3)))


def test_random_damage_raises_only_declared_errors():
    import random

    path = ROOT / "tests" / "fixtures" / "pdf" / "synthetic-layouts.pdf"
    data = path.read_bytes()
    rnd = random.Random(2012)
    for _ in range(25):
        damaged = bytearray(data)
        for _ in range(rnd.choice([1, 10, 100, 1000])):
            damaged[rnd.randrange(len(damaged))] = rnd.randrange(256)
        try:
            read_pdf(bytes(damaged), "damaged.pdf", Options(pdf_engine="pdfium"))
        except NatprogError as error:
            assert "\n" not in error.one_line()


def _two_fonts_of_one_name() -> bytes:
    """Two pages in two embeddings of one font that share its name (as in a merged file): the
    first with the real Ascent/Descent in its descriptor (as Word writes them), the second with
    0 for both (as LibreOffice does), which pdfminer takes as a descent of 0 and pdfium replaces
    by its own guess."""
    import ctypes
    import io

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    path = Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf")
    if not path.exists():
        pytest.skip("needs Debian's fonts-liberation")
    data = path.read_bytes()
    buffer = ctypes.create_string_buffer(data, len(data))
    pdf = pdfium.PdfDocument.new()
    for i in range(2):
        page = raw.FPDFPage_New(pdf.raw, i, 595, 842)
        font = raw.FPDFText_LoadFont(
            pdf.raw,
            ctypes.cast(buffer, ctypes.POINTER(ctypes.c_uint8)),
            len(data),
            raw.FPDF_FONT_TRUETYPE,
            True,
        )
        text = raw.FPDFPageObj_CreateTextObj(pdf.raw, font, 12)
        # no letter reaches above pdfium's guess of an ascent nor below its guess of a descent,
        # so its boxes do not give the descriptor of zeros away
        encoded = "нова мисия\0".encode("utf-16-le")
        chars = ctypes.create_string_buffer(encoded, len(encoded))
        raw.FPDFText_SetText(text, ctypes.cast(chars, ctypes.POINTER(ctypes.c_ushort)))
        raw.FPDFPageObj_Transform(text, 1, 0, 0, 1, 72, 700)
        raw.FPDFPage_InsertObject(page, text)
        raw.FPDFPage_GenerateContent(page)
        raw.FPDF_ClosePage(page)
    out = io.BytesIO()
    pdf.save(out)
    written = out.getvalue()
    metrics = b"/Ascent 891/CapHeight 891/Descent -215"
    assert written.count(metrics) == 2
    second = written.rindex(metrics)  # same length, so the cross-reference table stays right
    zeros = b"/Ascent 0  /CapHeight 891/Descent 0   "
    return written[:second] + zeros + written[second + len(metrics) :]


def test_fonts_sharing_a_name_keep_their_own_descriptors():
    data = _two_fonts_of_one_name()
    reference = plumber_pages(data, "fonts.pdf", Options())
    fast = pdfium_pages(data, "fonts.pdf", Options())
    # same baseline on both pages, the box 0.215 em lower with the real descriptor
    tops = [{round(w.top, 3) for w in page.words} for page in reference]
    assert len(tops[0]) == len(tops[1]) == 1
    assert abs(tops[0].pop() - tops[1].pop() - 0.215 * 12) < 0.01
    for ref, got in zip(reference, fast, strict=True):
        assert [w.text for w in got.words] == [w.text for w in ref.words]
        for w_ref, w_got in zip(ref.words, got.words, strict=True):
            assert _close(
                (w_got.x0, w_got.x1, w_got.top, w_got.bottom),
                (w_ref.x0, w_ref.x1, w_ref.top, w_ref.bottom),
            ), (w_ref, w_got)
