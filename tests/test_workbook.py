"""The monitoring workbook: follow-up columns, status drop-down, overdue rows, `Срокове`, links.

openpyxl reads the structure back; LibreOffice (when installed) opens the file, evaluates the
formulas and the conditional formatting, and exports what a user would see.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import lxml.html
import openpyxl
import pytest

from conftest import DRAFT_2012
from natprog.emit.monitoring import DEADLINE_COLUMNS, FOLLOW_UP_COLUMNS, STATUSES
from natprog.emit.serialize import ACTIVITY_COLUMNS, FINDING_COLUMNS


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    import json

    from natprog.run import extract

    out = tmp_path_factory.mktemp("workbook")
    extract(DRAFT_2012["docx"], out)
    data = json.loads((out / "np2012-draft.json").read_text(encoding="utf-8"))
    return out / "np2012-draft.xlsx", data


@pytest.fixture(scope="module")
def workbook(extracted):
    return openpyxl.load_workbook(extracted[0])


def _column(sheet, name: str) -> int:
    return [cell.value for cell in sheet[1]].index(name) + 1


def test_sheets(workbook):
    assert workbook.sheetnames == [
        "Обобщение", "Дейности", "Раздели", "Съкращения", "Забележки", "Срокове", "Институции",
    ]  # fmt: skip


def test_follow_up_columns_with_status_drop_down(workbook, extracted):
    _, data = extracted
    sheet = workbook["Дейности"]
    header = [cell.value for cell in sheet[1]]
    assert header == list(ACTIVITY_COLUMNS + FOLLOW_UP_COLUMNS)
    status = _column(sheet, "Статус")
    letter = openpyxl.utils.get_column_letter(status)
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list"
    assert validation.formula1 == '"' + ",".join(STATUSES) + '"'
    assert str(validation.sqref) == f"{letter}2:{letter}{len(data['activities']) + 1}"
    assert validation.showErrorMessage and not validation.showDropDown  # the arrow is shown
    assert STATUSES == ("Неизпълнена", "В процес", "Изпълнена", "Отложена")
    assert all(sheet.cell(row, status).value is None for row in range(2, sheet.max_row + 1))


def test_overdue_rows_are_highlighted(workbook):
    sheet = workbook["Дейности"]
    end = openpyxl.utils.get_column_letter(_column(sheet, "Срок до"))
    status = openpyxl.utils.get_column_letter(_column(sheet, "Статус"))
    (rules,) = list(sheet.conditional_formatting)
    assert str(rules.sqref).startswith("A2:")
    (rule,) = rules.rules
    assert rule.formula == [f'AND(${end}2<>"",${end}2<TODAY(),${status}2<>"Изпълнена")']
    assert rule.dxf.fill is not None


def test_deadlines_sheet_by_month_with_permanent_apart(workbook, extracted):
    _, data = extracted
    sheet = workbook["Срокове"]
    assert [cell.value for cell in sheet[1]] == list(DEADLINE_COLUMNS)
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    dated = []
    for row in rows:
        if row[0] is None:
            break
        dated.append(row)
    ends = [row[1] for row in dated]
    assert ends == sorted(ends) and all(end is not None for end in ends)
    with_end = [a for a in data["activities"] if a["deadline"]["end"]]
    assert sorted(row[2] for row in dated) == sorted(a["id"] for a in with_end)
    assert dated[0][0] == "Март 2012" and dated[-1][0] == "Декември 2012"
    heading = rows.index(("Постоянни дейности (без краен срок)",) + (None,) * 6)
    permanent = [row[2] for row in rows[heading + 1 :] if row[0] == "постоянен"]
    assert permanent == [
        a["id"] for a in data["activities"] if a["deadline"]["kind"] == "permanent"
    ]
    assert sheet.auto_filter.ref == f"A1:G{len(dated) + 1}"


def test_deadlines_link_to_their_activity_row(workbook):
    activities = workbook["Дейности"]
    id_column = _column(activities, "ID")
    status = openpyxl.utils.get_column_letter(_column(activities, "Статус"))
    sheet = workbook["Срокове"]
    linked = 0
    for row in sheet.iter_rows(min_row=2):
        link = row[2].hyperlink
        if row[2].value is None or link is None:
            continue
        target = int(link.location.split("!A")[1])
        assert link.location == f"'Дейности'!A{target}"
        assert activities.cell(target, id_column).value == row[2].value
        assert (
            row[6].value
            == f"=IF('Дейности'!{status}{target}=\"\",\"\",'Дейности'!{status}{target})"
        )
        linked += 1
    assert linked == activities.max_row - 1


def test_findings_link_to_activity_and_section_rows(workbook, extracted):
    _, data = extracted
    sheet = workbook["Забележки"]
    activity_col = FINDING_COLUMNS.index("Дейност")
    section_col = FINDING_COLUMNS.index("Раздел")
    activities, sections = workbook["Дейности"], workbook["Раздели"]
    id_column = _column(activities, "ID")
    checked = 0
    for row, finding in zip(sheet.iter_rows(min_row=2), data["findings"], strict=True):
        location = finding["location"]
        if location["activity"]:
            target = int(row[activity_col].hyperlink.location.split("!A")[1])
            assert activities.cell(target, id_column).value == location["activity"]
            checked += 1
        else:
            assert row[activity_col].hyperlink is None
        if location["section"]:
            target = int(row[section_col].hyperlink.location.split("!A")[1])
            assert sections.cell(target, 1).value == row[section_col].value
    assert checked == sum(1 for f in data["findings"] if f["location"]["activity"])


def test_repeated_activity_id_links_to_the_row_above_the_finding():
    from natprog.emit.monitoring import activity_row_finder

    data = {
        "activities": [
            {"id": "I.1", "source": {"paragraph": 10}},
            {"id": "I.2", "source": {"paragraph": 20}},
            {"id": "I.2", "source": {"paragraph": 30}},  # a duplicate number
        ]
    }
    find = activity_row_finder(data)
    assert find({"activity": "I.2", "paragraph": 25}) == 3
    assert find({"activity": "I.2", "paragraph": 31}) == 4
    assert find({"activity": "I.1", "paragraph": None}) == 2
    assert find({"activity": None}) is None


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip(
            "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui"
        )
    return found


def _convert(source: Path, target: str, outdir: Path) -> None:
    subprocess.run(
        [_soffice(), f"-env:UserInstallation=file://{outdir}/lo-profile", "--headless",
         "--convert-to", target, "--outdir", str(outdir), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip


@pytest.mark.libreoffice
def test_libreoffice_opens_it_and_evaluates_status_and_overdue(extracted, tmp_path):
    """A status typed in `Дейности` shows in `Срокове`; overdue rows turn red unless done."""
    path, data = extracted
    book = openpyxl.load_workbook(path)
    sheet = book["Дейности"]
    status = _column(sheet, "Статус")
    done = data["activities"][0]["id"]
    sheet.cell(2, status).value = "Изпълнена"
    edited = tmp_path / "monitoring.xlsx"
    book.save(edited)
    _soffice()  # the file as written opens and prints: tests/test_workbook_print.py
    _convert(edited, "html", tmp_path)
    page = lxml.html.parse(str(tmp_path / "monitoring.html")).getroot()
    names = [h.text_content() for h in page.xpath("//h1")][1:]
    sheets = ["Обобщение", "Дейности", "Раздели", "Съкращения", "Забележки", "Срокове"]
    assert names[:6] == [f"Sheet {i}: {name}" for i, name in enumerate(sheets, 1)]
    tables = page.xpath("//table")[1:]  # after the summary
    red = {}
    for row in tables[0].xpath(".//tr")[1:]:
        cells = row.xpath("./td")
        red[cells[ACTIVITY_COLUMNS.index("ID")].text_content()] = cells[0].get("bgcolor")
    for activity in data["activities"]:
        overdue = activity["deadline"]["end"] is not None and activity["id"] != done
        assert (red[activity["id"]] is not None) == overdue, activity["id"]
    mirrored = {}
    for row in tables[4].xpath(".//tr")[1:]:
        cells = [cell.text_content() for cell in row.xpath("./td")]
        if len(cells) == len(DEADLINE_COLUMNS) and cells[2]:
            mirrored[cells[2]] = cells[6]
    assert mirrored[done] == "Изпълнена"
    assert {value for key, value in mirrored.items() if key != done} == {""}


def test_summary_sheet_says_what_the_workbook_holds(workbook, extracted):
    _, data = extracted
    sheet = workbook["Обобщение"]
    rows: dict = {}
    for label, value in sheet.iter_rows(values_only=True, max_col=2):
        rows.setdefault(label, value)  # the counts come before the guide to the sheets
    assert sheet["A1"].value == data["programme"]["title"]
    assert rows["Година"] == 2012 and rows["Дейности"] == 48
    assert rows["Раздели"] == len(data["sections"])
    assert [rows["Грешки"], rows["Предупреждения"], rows["Бележки"]] == [
        data["summary"]["by_severity"][s] for s in ("error", "warning", "info")
    ]
    assert rows["Общо"] == len(data["findings"])
    guide = [cell for cell in sheet["A"] if cell.hyperlink is not None]
    assert [cell.value for cell in guide] == workbook.sheetnames[1:]
    assert all(cell.hyperlink.location == f"'{cell.value}'!A1" for cell in guide)


def test_every_sheet_is_set_up_for_print_and_scrolling(workbook):
    frozen = {"Дейности": "D2", "Раздели": "C2", "Съкращения": "B2", "Забележки": "A2",
              "Срокове": "E2", "Институции": "B2"}  # fmt: skip
    for sheet in workbook.worksheets[1:]:
        setup = sheet.page_setup
        assert setup.orientation == "landscape", sheet.title
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert sheet.print_title_rows == "$1:$1", sheet.title
        assert sheet.freeze_panes == frozen[sheet.title]
    for sheet in workbook.worksheets:  # every row as tall as its text, none left at the default
        assert all(sheet.row_dimensions[r].height for r in range(1, sheet.max_row + 1)), sheet.title


def test_row_heights_follow_the_wrapped_text():
    """A long value in a narrow column gets a taller row than a short one, line for line."""
    from natprog.emit.sheet_layout import LINE_HEIGHT, ROW_PADDING, wrapped_lines

    assert wrapped_lines("МВР", 10) == 1
    assert wrapped_lines("Министерство на вътрешните работи и Държавна агенция", 20) == 3
    assert wrapped_lines("един\nдва\nтри", 40) == 3
    assert wrapped_lines("Надграждащо" * 4, 10) >= 4  # a word wider than its column breaks
    from natprog.emit.table_sheet import use_default_font

    openpyxl_book = openpyxl.Workbook()
    use_default_font(openpyxl_book)
    sheet = openpyxl_book.active
    sheet.column_dimensions["A"].width = 20
    sheet["A1"], sheet["A2"] = "МВР", "Министерство на вътрешните работи и Държавна агенция"
    sheet["A3"] = sheet["A2"].value  # not wrapped: one line, running on to the right
    from openpyxl.styles import Alignment

    from natprog.emit.sheet_layout import fit_rows

    for cell in (sheet["A1"], sheet["A2"]):
        cell.alignment = Alignment(wrap_text=True, vertical="top")

    fit_rows(sheet)
    assert sheet.row_dimensions[1].height == LINE_HEIGHT + ROW_PADDING
    assert sheet.row_dimensions[2].height == 3 * LINE_HEIGHT + ROW_PADDING
    assert sheet.row_dimensions[3].height == LINE_HEIGHT + ROW_PADDING
