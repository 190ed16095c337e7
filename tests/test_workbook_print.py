"""The workbook as LibreOffice prints it: pages per sheet, and no text overflowing its row.

The 2012 draft's workbook is rendered to PDF by LibreOffice (`soffice --convert-to pdf`); each
page names its sheet in the header. Every cell has a thin border, so the PDF's ruling gives the
rows and columns, and every cell's words must be found inside its own box: text cut off at the
bottom of a row, or running into the row below, fails. With UPDATE_GOLDEN=1 the first page of
each sheet is saved as a picture for the README (docs/workbook-*.png).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections import Counter

import openpyxl
import pytest

from conftest import DRAFT_2012, ROOT, UPDATE_GOLDEN
from natprog.emit.sheet_layout import LINE_HEIGHT, ROW_PADDING

pytestmark = pytest.mark.libreoffice

PICTURES = {
    "Обобщение": "summary",
    "Дейности": "activities",
    "Раздели": "sections",
    "Съкращения": "abbreviations",
    "Забележки": "findings",
    "Срокове": "deadlines",
    "Институции": "institutions",
}
WORD = re.compile(r"\w+")


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """(the workbook, {sheet name: [pdfplumber pages]}, the PDF's path)."""
    import pdfplumber

    from natprog.run import extract

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip(
            "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui"
        )
    out = tmp_path_factory.mktemp("printed")
    extract(DRAFT_2012["docx"], out, formats=("xlsx",))
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{out}/lo-profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(out), str(out / "np2012-draft.xlsx")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = pdfplumber.open(out / "np2012-draft.pdf")
    by_sheet: dict[str, list] = {}
    for page in pdf.pages:
        header = min(page.extract_words(), key=lambda w: w["top"])["text"]  # the sheet's name
        by_sheet.setdefault(header, []).append(page)
    yield openpyxl.load_workbook(out / "np2012-draft.xlsx"), by_sheet, out / "np2012-draft.pdf"
    pdf.close()


def test_every_sheet_prints_landscape_and_activities_on_few_pages(printed):
    workbook, pages, _ = printed
    assert list(pages) == workbook.sheetnames
    assert workbook.sheetnames[0] == "Обобщение"
    assert len(pages["Обобщение"]) == 1
    assert len(pages["Дейности"]) <= 8
    for name, sheet_pages in pages.items():
        for page in sheet_pages:
            assert (page.width > page.height) == (name != "Обобщение"), name


def _rendered(value) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y")
    return "" if value is None else str(value)


def _cells(page) -> tuple[list[float], list[float]]:
    """The x of the column borders and the y of the row borders drawn on a page."""
    xs = _merged(e["x0"] for e in page.edges if e["orientation"] == "v")
    # a row border runs across the table; a link's underline is short
    across: Counter = Counter()
    for edge in page.edges:
        if edge["orientation"] == "h":
            across[round(edge["top"])] += edge["x1"] - edge["x0"]
    ys = _merged(
        e["top"]
        for e in page.edges
        if e["orientation"] == "h" and across[round(e["top"])] > (xs[-1] - xs[0]) / 2
    )
    return xs, ys


def _merged(values) -> list[float]:
    """Positions closer than a point are one border (a line and a fill's edge, say)."""
    merged: list[float] = []
    for value in sorted(values):
        if not merged or value - merged[-1] > 1.0:
            merged.append(value)
    return merged


def _boxes(sheet, pages):
    """Yield (sheet row, column, text drawn in that cell's box, lines drawn, the box's top/bottom)."""
    data_row = 2
    for page in pages:
        xs, ys = _cells(page)
        chars = [c for c in page.chars if ys[0] - 1 < (c["top"] + c["bottom"]) / 2 < ys[-1] + 1]
        boxes: dict[tuple[int, int], list[dict]] = {}
        for char in chars:
            middle_y, middle_x = (char["top"] + char["bottom"]) / 2, (char["x0"] + char["x1"]) / 2
            band = next((i for i in range(len(ys) - 1) if ys[i] <= middle_y < ys[i + 1]), None)
            column = next((i for i in range(len(xs) - 1) if xs[i] <= middle_x < xs[i + 1]), None)
            if band is not None and column is not None:
                boxes.setdefault((band, column + 1), []).append(char)
        for band, (top, bottom) in enumerate(zip(ys, ys[1:], strict=False)):
            row = 1 if band == 0 else data_row
            for column in range(1, len(xs)):
                text, lines = _text(boxes.get((band, column), []))
                yield row, column, text, lines, (top, bottom)
            if band:
                data_row += 1


def _text(chars: list[dict]) -> tuple[str, int]:
    """The characters of one box as text (a space where there is a gap), and its line count."""
    lines: list[list[dict]] = []
    visible = [c for c in chars if c["text"].strip()]  # a space may sit off its line
    for char in sorted(visible, key=lambda c: (c["top"], c["x0"])):
        if lines and abs(char["top"] - lines[-1][0]["top"]) < char["size"] / 2:
            lines[-1].append(char)
        else:
            lines.append([char])
    parts = []
    for line in lines:
        line.sort(key=lambda c: c["x0"])
        previous = None
        for char in line:
            if previous is not None and char["x0"] - previous["x1"] > char["size"] * 0.15:
                parts.append(" ")
            parts.append(char["text"])
            previous = char
        parts.append(" ")
    return "".join(parts), len(lines)


def test_no_text_overflows_its_row(printed):
    """Each cell's words, and only those, are drawn inside the cell's box on the page; the first
    row of every page is the header row (print titles)."""
    workbook, pages, _ = printed
    for name in ("Дейности", "Раздели", "Забележки", "Институции"):
        sheet = workbook[name]
        seen_rows = set()
        for row, column, text, _, _ in _boxes(sheet, pages[name]):
            seen_rows.add(row)
            expected = WORD.findall(_rendered(sheet.cell(row, column).value))
            drawn = WORD.findall(text)
            assert Counter(drawn) == Counter(expected), (name, row, column)
        assert seen_rows == set(range(1, sheet.max_row + 1)), name


def test_rows_are_as_tall_as_their_text(printed):
    """No row has more than one empty line below its tallest cell's text."""
    workbook, pages, _ = printed
    sheet = workbook["Дейности"]
    scale = _scale(pages["Дейности"][0], sheet)
    tallest: dict[int, tuple[int, float]] = {}
    for row, _column, _text, lines, (top, bottom) in _boxes(sheet, pages["Дейности"]):
        height = (bottom - top) / scale
        tallest[row] = (max(lines, tallest.get(row, (0, 0.0))[0]), height)
    slack = {row: height - lines * LINE_HEIGHT for row, (lines, height) in tallest.items()}
    assert max(slack.values()) < LINE_HEIGHT + ROW_PADDING + 1, slack
    assert min(slack.values()) > -1, slack  # and none is shorter than its text


def _scale(page, sheet) -> float:
    """The print scale LibreOffice chose to fit the width: drawn height of the header row / set."""
    _, ys = _cells(page)
    return (ys[1] - ys[0]) / sheet.row_dimensions[1].height


def test_pictures_of_each_sheet(printed):
    """docs/workbook-*.png: the first page of each sheet (refreshed with UPDATE_GOLDEN=1)."""
    workbook, pages, pdf = printed
    for name, slug in PICTURES.items():
        picture = ROOT / "docs" / f"workbook-{slug}.png"
        if UPDATE_GOLDEN:
            number = pages[name][0].page_number
            subprocess.run(
                ["pdftoppm", "-png", "-r", "90", "-singlefile", "-f", str(number),
                 "-l", str(number), str(pdf), str(picture.with_suffix(""))],
                check=True, timeout=60,
            )  # fmt: skip
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for slug in PICTURES.values():
        picture = ROOT / "docs" / f"workbook-{slug}.png"
        assert picture.exists(), f"{picture} is missing: run UPDATE_GOLDEN=1 make test"
        assert f"docs/{picture.name}" in readme
