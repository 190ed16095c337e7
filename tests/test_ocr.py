"""Scanned drafts: OCR (Tesseract, Bulgarian) feeds the same layout, parser, checks and outputs.

The scans are made at test time from the 2012 draft's PDF (`scans.py`: pdftoppm at 300 and
150 dpi, one page turned by a degree, one speckled). `make test` reads one page; the whole
draft is the slow tier (`make test-slow`).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import jsonschema
import pytest
import scans
from badfiles import assert_refused, files_under
from rapidfuzz.distance import Levenshtein
from test_programme_2012 import EXPECTED_NUMBERS

from conftest import DRAFT_2012
from natprog.ingest import ocr
from natprog.ingest.ocrgrid import find_grids, roman_from_glyphs
from natprog.ingest.pdflayout import PageContent, Word
from natprog.models import FIELD_KEYS
from natprog.options import Options
from natprog.run import process

BAD = Path(__file__).resolve().parent / "fixtures" / "bad"
HAVE_OCR = ocr._engine_problem() is None and scans.have_poppler()
needs_ocr = pytest.mark.skipif(
    not HAVE_OCR, reason="needs tesseract-ocr, tesseract-ocr-bul and poppler-utils"
)
SCHEMA = json.loads(
    (
        Path(__file__).resolve().parent.parent / "pipeline" / "data" / "programme.schema.json"
    ).read_text(encoding="utf-8")
)
FONT = Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf")


@pytest.fixture
def engine_cache():
    """`_engine_problem` is asked once per process: forget the answer around a test."""
    ocr._engine_problem.cache_clear()
    yield
    ocr._engine_problem.cache_clear()


# -- which pages, and without the engine -------------------------------------------------------
def test_pages_to_read_follow_the_ocr_option():
    pages = [PageContent(1, 612, 792, [Word("Дейност", 1, 2, 1, 2)]), PageContent(2, 612, 792, [])]
    assert ocr.pages_to_read(pages, "auto") == [2]
    assert ocr.pages_to_read(pages, "always") == [1, 2]
    assert ocr.pages_to_read(pages, "never") == []


def test_missing_engine_exits_5_with_what_to_install(run_cli, tmp_path, monkeypatch, engine_cache):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # no tesseract anywhere on PATH
    source, out = BAD / "scan.pdf", tmp_path / "out"
    result = run_cli("extract", source, "-o", out)
    assert result.code == 5
    assert result.err.splitlines()[-1] == (
        f"natprog: {source}: the PDF has no text layer (a scan?) and the OCR engine Tesseract is "
        "not installed: install Tesseract with its Bulgarian model, e.g. `sudo apt-get install "
        "tesseract-ocr tesseract-ocr-bul`, then retry"
    )
    assert files_under(out) == []


def test_missing_bulgarian_model_says_so(run_cli, tmp_path, monkeypatch, engine_cache):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "tesseract"  # a Tesseract with only the English model
    fake.write_text('#!/bin/sh\necho "List of available languages (1):"\necho eng\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    result = run_cli("check", BAD / "scan.pdf")
    assert result.code == 5
    assert "Tesseract's Bulgarian model (bul) is not installed" in result.err
    assert "tesseract-ocr-bul" in result.err


def test_ocr_always_without_the_engine_says_it_was_asked_for(
    run_cli, tmp_path, monkeypatch, engine_cache
):
    monkeypatch.setenv("PATH", str(tmp_path))
    result = run_cli("check", "--ocr", "always", DRAFT_2012["pdf"])
    assert result.code == 5
    assert "OCR was asked for (--ocr always) and the OCR engine Tesseract is not installed" in (
        result.err
    )


def test_ocr_never_keeps_the_scan_refused(run_cli, tmp_path, monkeypatch, engine_cache):
    monkeypatch.setenv("PATH", str(tmp_path))  # never asks for the engine at all
    result = run_cli("extract", BAD / "scan.pdf", "--ocr", "never", "-o", tmp_path / "out")
    assert result.code == 5 and "leave out `--ocr never`" in result.err


def test_project_file_refuses_an_unknown_ocr_mode(run_cli, tmp_path):
    config = tmp_path / "natprog.toml"
    config.write_text('ocr = "sometimes"\n', encoding="utf-8")
    result = run_cli("check", "--config", config, DRAFT_2012["txt"])
    assert (
        result.code == 2 and "ocr must be one of auto, always, never, got 'sometimes'" in result.err
    )


@needs_ocr
def test_a_scan_of_a_blank_page_says_ocr_found_nothing(run_cli, tmp_path):
    from PIL import Image

    source, out = tmp_path / "blank.pdf", tmp_path / "out"
    Image.new("L", (1275, 1650), 255).save(source, "PDF", resolution=150.0)
    result = run_cli("extract", source, "-o", out)
    note, error = result.err.splitlines()
    assert "the page has no text layer (a scan?): reading with OCR (Tesseract, bul)" in note
    assert_refused(
        result.__class__(result.code, result.out, error + "\n"),
        5,
        f"{source}: the PDF has no text layer (a scan?): OCR found no text on its pages (blank "
        "pages or pictures?): ask the sender for a scan of the draft or for the Word file",
        out,
    )


@needs_ocr
def test_the_vector_only_page_is_now_read(run_cli, tmp_path):
    """`bad/scan.pdf` draws page 1 of the draft without a text layer: OCR reads it."""
    result = process(BAD / "scan.pdf")
    assert [a.id for a in result.programme.activities] == ["I.1", "I.2"]


# -- the image side: rules and numerals ---------------------------------------------------------
def test_table_rules_become_cells_and_are_erased():
    from PIL import Image, ImageDraw

    image = Image.new("L", (1200, 800), 255)
    draw = ImageDraw.Draw(image)
    for y in (100, 300, 500):
        draw.line((100, y, 1100, y), fill=0, width=3)
    for x in (100, 500, 1100):
        draw.line((x, 100, x, 500), fill=0, width=3)
    draw.rectangle((200, 180, 260, 220), fill=0)  # a blot of "text" inside a cell stays
    cleaned, grids = find_grids(image, 300 / 72)
    assert len(grids) == 1
    rows = [[tuple(round(v * 300 / 72) for v in cell) for cell in row] for row in grids[0].rows]
    assert rows == [
        [(100, 100, 500, 300), (500, 100, 1100, 300)],
        [(100, 300, 500, 500), (500, 300, 1100, 500)],
    ]
    assert cleaned.getpixel((700, 100)) == 255 and cleaned.getpixel((230, 200)) == 0


@pytest.mark.skipif(not FONT.is_file(), reason="needs fonts-liberation")
@pytest.mark.parametrize("numeral", ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"])
def test_roman_numerals_are_read_from_their_letters(numeral):
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (400, 120), 255)
    ImageDraw.Draw(image).text((20, 20), numeral, font=ImageFont.truetype(str(FONT), 58), fill=0)
    assert roman_from_glyphs(image) == numeral


# -- one scanned page through the whole pipeline (make test) -----------------------------------
@needs_ocr
def test_one_scanned_page_reads_like_its_text_layer(tmp_path, run_cli, results_2012):
    scan = scans.scan(300, first=1, last=1, spoil=False)
    out = tmp_path / "out"
    result = run_cli("extract", scan, "-o", out)
    assert result.code == 0, result.err
    assert "page has no text layer (a scan?): reading with OCR" in result.err
    data = json.loads((out / f"{scan.stem}.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)
    reference = results_2012["pdf"].programme
    first = reference.activities[0]
    activity = data["activities"][0]
    assert activity["id"] == "I.1"
    assert _close(activity["title"], first.title)
    for key in FIELD_KEYS:
        assert _close(activity[key]["text"], first.fields[key].text), key
        source = activity[key]["source"]
        assert source["ocr"] is True and 80 <= source["confidence"] <= 100
        assert source["page"] == 1 and source["bbox"]
    findings = {f["code"] for f in data["findings"]}
    assert "script.mixed" not in findings and "spelling.unknown_word" not in findings


def _close(text: str | None, expected: str | None, share: float = 0.02) -> bool:
    """Equal within `share` of the expected characters, whitespace normalised."""
    text, expected = " ".join((text or "").split()), " ".join((expected or "").split())
    return Levenshtein.distance(text, expected) <= share * max(len(expected), 1)


# -- the whole draft, scanned (make test-slow) --------------------------------------------------
@pytest.fixture(scope="module")
def scanned_300():
    return process(scans.scan(300))


def _field_texts(programme) -> dict:
    return {
        (activity.id, key): activity.title if key == "title" else activity.fields[key].text
        for activity in programme.activities
        for key in ("title", *FIELD_KEYS)
    }


@pytest.mark.slow
@needs_ocr
def test_300_dpi_scan_has_the_programme_of_the_draft(scanned_300, results_2012):
    programme = scanned_300.programme
    assert {
        s.number: [a.number for a in s.activities] for s in programme.sections
    } == EXPECTED_NUMBERS
    assert len(programme.activities) == 48
    expected = _field_texts(results_2012["docx"].programme)
    found = _field_texts(programme)
    close = [key for key, text in expected.items() if _close(found.get(key), text)]
    assert len(close) >= 0.95 * len(expected), sorted(set(expected) - set(close))
    glossary = results_2012["docx"].programme.glossary
    assert len(programme.glossary) == len(glossary) == 26
    for got, want in zip(programme.glossary, glossary, strict=True):
        assert _close(got.expansion, want.expansion), (got, want)


@pytest.mark.slow
@needs_ocr
def test_300_dpi_scan_findings(scanned_300):
    findings = scanned_300.findings
    gaps = {f.location.activity for f in findings if f.code == "numbering.gap"}
    assert gaps == {"I.4", "V.8"}
    assert not [f for f in findings if f.code == "script.mixed"]
    assert not [f for f in findings if f.code == "spelling.unknown_word"]
    suspects = [f for f in findings if f.code == "spelling.ocr_suspect"]
    assert all("ocr" in f.signals for f in suspects)
    blocks = scanned_300.document.blocks
    assert blocks and all(b.prov.ocr and b.prov.confidence is not None for b in blocks)


@pytest.mark.slow
@needs_ocr
def test_150_dpi_scan_still_gives_the_programme():
    programme = process(scans.scan(150)).programme
    assert [s.number for s in programme.sections] == [1, 2, 3, 4, 5, 6, 7]
    assert len(programme.activities) >= 46
    assert len(programme.glossary) == 26


@pytest.mark.slow
@needs_ocr
def test_ocr_always_reads_a_text_pdf_too(results_2012):
    if not shutil.which("pdftoppm"):
        pytest.skip("needs poppler-utils")
    result = process(DRAFT_2012["pdf"], Options(ocr="always"))
    assert len(result.programme.activities) == 48
    assert all(block.prov.ocr for block in result.document.blocks)
    assert os.environ.get("OMP_THREAD_LIMIT") is None  # set only for Tesseract's processes


def test_the_progress_bar_counts_pages_and_goes_away(capsys):
    from natprog.cli import _ocr_progress

    advance = _ocr_progress()
    for done in range(3):
        advance(done, 2)
    advance(0, 1)  # a second scan in the same run gets a bar of its own
    advance(1, 1)
    assert capsys.readouterr().out == ""  # the bar is on stderr, never among the data
