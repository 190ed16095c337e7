"""The pypdfium2 engine reads every PDF fixture exactly as the pdfplumber reference does.

Same words, bold, table grids and blocks (text, page, table/row/cell); boxes agree within a
tenth of a point. Damaged and encrypted files fail the same way in both engines.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import INPUTS, ROOT
from pipeline.errors import EncryptedFileError, NatprogError, UnreadableFileError
from pipeline.ingest.pdf import plumber_pages, read_pdf
from pipeline.ingest.pdfium import pdfium_pages
from pipeline.options import Options

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


def test_auto_is_the_fast_engine(monkeypatch):
    import pipeline.ingest.pdf as pdf

    used = []
    monkeypatch.setattr(pdf, "plumber_pages", lambda *a: used.append("pdfplumber") or [])
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
    from pipeline.errors import LimitExceededError
    from pipeline.options import Limits

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
