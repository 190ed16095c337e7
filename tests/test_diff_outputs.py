"""What a reader of diff.xlsx and diff.html sees: the sheets and rows, the highlighted words."""

from __future__ import annotations

import dataclasses
import io

import pytest
from diff_fixtures import compared, next_year, revision

from conftest import DRAFT_2012
from natprog.diff import compare
from natprog.diff.emit import write_outputs
from natprog.diff.load import load_draft
from natprog.emit.diff_page import render_html
from natprog.emit.diff_workbook import xlsx_bytes


@pytest.fixture(scope="module")
def original():
    return load_draft(DRAFT_2012["txt"])


def _result(builder, original, tmp_path_factory):
    return compared(builder, original, tmp_path_factory.mktemp(builder.__name__))


@pytest.fixture(scope="module")
def year(original, tmp_path_factory):
    return _result(next_year, original, tmp_path_factory)


@pytest.fixture(scope="module")
def workbook(year):
    from openpyxl import load_workbook

    result, _ = year
    return load_workbook(io.BytesIO(xlsx_bytes(result.to_dict())), rich_text=True)


def _rows(sheet) -> list[dict]:
    header = [cell.value for cell in sheet[1]]
    return [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(2, values_only=True)]


def test_sheets_in_order(workbook):
    assert workbook.sheetnames[:4] == ["Нови", "Отпаднали", "Променени", "Без промяна"]
    assert {"Съкращения", "Забележки"} <= set(workbook.sheetnames)


def test_headers_are_bold_frozen_and_text_wraps(workbook):
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert all(cell.font.b for cell in sheet[1]), sheet.title
        for row in sheet.iter_rows(min_row=2, max_row=min(3, sheet.max_row)):
            assert all(cell.alignment.wrap_text for cell in row), sheet.title


def test_rows_are_the_diff(workbook, year):
    result, expected = year
    assert [row["ID"] for row in _rows(workbook["Нови"])] == ["IV.6"]
    dropped = _rows(workbook["Отпаднали"])
    assert [row["ID"] for row in dropped] == ["I.6"]
    assert dropped[0]["Срок"] == "Юли 2012" and dropped[0]["Най-близка в новия проект"]
    changed = {(row["ID (нов)"], row["Поле"]) for row in _rows(workbook["Променени"])}
    assert len(changed) == sum(len(fields) for fields in expected.changed.values())
    assert ("III.14", "Раздел") in changed and ("IV.4", "Отговорна институция") in changed
    unchanged = {row["ID (нов)"]: row for row in _rows(workbook["Без промяна"])}
    assert set(unchanged) == expected.unchanged
    assert unchanged["I.3"]["ID (стар)"] == "I.4"
    assert "преди годината на програмата" in unchanged["I.3"]["Забележки"]
    assert len(_rows(workbook["Забележки"])) == len(result.findings)


def test_changed_words_are_struck_and_underlined(workbook):
    row = next(
        row
        for row in _rows(workbook["Променени"])
        if row["ID (нов)"] == "III.2" and row["Поле"] == "Наименование на дейността"
    )
    cell = row["Промяна"]
    marked = {
        (block.text, bool(block.font.strike), bool(block.font.u))
        for block in cell
        if block.font.strike or block.font.u
    }
    assert marked == {(", следователи", False, True), (" и НСлС", True, False)}
    assert "".join(block if isinstance(block, str) else block.text for block in cell) == (
        "Мултидисциплинарни обучения на полицаи, прокурори, съдии, следователи и служители "
        "на ДАНС и НСлС."
    )


def test_glossary_sheet_of_a_revision(original, tmp_path_factory):
    from openpyxl import load_workbook

    result, _ = _result(revision, original, tmp_path_factory)
    sheet = load_workbook(io.BytesIO(xlsx_bytes(result.to_dict())))["Съкращения"]
    assert [(row["Абревиатура"], row["Промяна"]) for row in _rows(sheet)] == [
        ("ДБТ", "променена"),
        ("МОН", "добавена"),
        ("НСлС", "премахната"),
    ]


def test_html_highlights_insertions_and_deletions(year):
    from lxml import html

    result, _ = year
    page = html.fromstring(render_html(result.to_dict()))
    article = next(
        node for node in page.iter("article") if node.findtext("h3").startswith("III.2 ")
    )
    assert [node.text for node in article.iter("ins")] == [", следователи", "2013"]
    assert [node.text for node in article.iter("del")] == [" и НСлС", "2012"]
    counts = {a.get("href"): a.findtext("span") for a in page.iter("a")}
    assert counts == {
        "#added": "1", "#dropped": "1", "#changed": "38", "#unchanged": "9",
        "#glossary": "0", "#findings": "10",
    }  # fmt: skip


def test_html_is_self_contained(year):
    result, _ = year
    text = render_html(result.to_dict())
    assert "<style>" in text and "http://" not in text and "https://" not in text
    assert "<script" not in text and "<link" not in text


def test_html_escapes_the_drafts_text(year):
    result, _ = year
    activity = result.new.activities[0]
    hostile = dataclasses.replace(activity, title="<script>alert(1)</script> & „кампания“")
    new = dataclasses.replace(
        result.new, activities=(hostile, *result.new.activities[1:]), file="<b>x</b>.txt"
    )
    text = render_html(compare(result.old, new).to_dict())
    assert "<script>alert" not in text and "<b>x</b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; „кампания“" in text


def test_outputs_are_written_atomically_into_a_new_folder(year, tmp_path):
    result, _ = year
    paths = write_outputs(result, tmp_path / "нова папка")
    assert [p.name for p in paths] == ["diff.json", "diff.xlsx", "diff.html"]
    assert sorted(p.name for p in (tmp_path / "нова папка").iterdir()) == sorted(
        p.name for p in paths
    )  # no temporary files left behind


def test_highlighted_words_keep_the_cell_font(workbook):
    """Every run of a highlighted cell, inserted words included, in the cell's own font."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock

    sheet = workbook["Променени"]
    cell_font = sheet.cell(2, 1).font
    runs = [
        part
        for row in sheet.iter_rows(min_row=2)
        for cell in row
        if isinstance(cell.value, CellRichText)
        for part in cell.value
    ]
    assert runs
    for part in runs:
        assert isinstance(part, TextBlock), part
        assert (part.font.rFont, float(part.font.sz)) == (cell_font.name, float(cell_font.sz))


def test_html_leads_with_what_changed_and_folds_the_notes(year):
    """New, dropped and changed activities first; the carry-over notes grouped and collapsed."""
    from lxml import html

    result, _ = year
    page = html.fromstring(render_html(result.to_dict()))
    order = [section.get("id") for section in page.iter("section") if section.get("id")]
    assert order == ["added", "dropped", "changed", "glossary", "findings", "unchanged"]
    findings = page.get_element_by_id("findings")
    groups = findings.findall(".//details")
    assert groups and all(group.get("open") is None for group in groups)
    rows = [row for group in groups for row in group.iterfind(".//tbody/tr")]
    assert len(rows) == len(result.findings)
    titles = [" ".join(group.findtext("summary/code").split()) for group in groups]
    assert sorted(titles) == sorted({finding.code for finding in result.findings})
    assert all(row.getparent().getparent().getparent().tag == "details" for row in rows)
    unchanged = page.get_element_by_id("unchanged")
    assert unchanged.find(".//details") is not None
