"""The monitoring part of the workbook: follow-up columns, deadlines by month, finding links.

A monitoring officer fills `Статус` (a drop-down), `Отчет` and `Бележки` through the year;
overdue activities turn red by themselves (conditional formatting against TODAY()).
"""

from __future__ import annotations

from copy import copy

from .cells import Formula, append_row
from .serialize import ACTIVITY_COLUMNS, FINDING_COLUMNS
from .sheet_layout import FONT_NAME, FONT_SIZE
from .table_sheet import add_table_sheet

FOLLOW_UP_COLUMNS: tuple[str, ...] = ("Статус", "Отчет", "Бележки")
STATUSES: tuple[str, ...] = ("Неизпълнена", "В процес", "Изпълнена", "Отложена")
DONE = "Изпълнена"
DEADLINE_COLUMNS: tuple[str, ...] = (
    "Месец", "Срок до", "ID", "Дейност", "Отговорна институция", "Срок", "Статус",
)  # fmt: skip
MONTHS = (
    "Януари", "Февруари", "Март", "Април", "Май", "Юни",
    "Юли", "Август", "Септември", "Октомври", "Ноември", "Декември",
)  # fmt: skip
_FOLLOW_UP_WIDTHS = {"Статус": 13.0, "Отчет": 26.0, "Бележки": 18.0}
_OVERDUE_FILL = "FFC7CE"
_OVERDUE_FONT = "9C0006"
_LINK_FONT = "0563C1"


def _letter(columns: tuple[str, ...], name: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(columns.index(name) + 1)


def _overdue_rule(range_ref: str, end: str, status: str, first_row: int) -> tuple[str, object]:
    """Red rows: the deadline has passed (`Срок до` < TODAY()) and the status is not done."""
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Font, PatternFill

    formula = f'AND(${end}{first_row}<>"",${end}{first_row}<TODAY(),${status}{first_row}<>"{DONE}")'
    fill = PatternFill(start_color=_OVERDUE_FILL, end_color=_OVERDUE_FILL, fill_type="solid")
    return range_ref, FormulaRule(formula=[formula], fill=fill, font=Font(color=_OVERDUE_FONT))


def add_follow_up(sheet, activity_count: int) -> None:
    """Status drop-down and overdue highlighting on the `Дейности` sheet (columns already there)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    columns = ACTIVITY_COLUMNS + FOLLOW_UP_COLUMNS
    for name, width in _FOLLOW_UP_WIDTHS.items():
        sheet.column_dimensions[_letter(columns, name)].width = width
    if not activity_count:
        return
    last = activity_count + 1
    status = _letter(columns, "Статус")
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(STATUSES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorTitle="Непознат статус",
        error="Изберете статус от списъка: " + ", ".join(STATUSES) + ".",
        promptTitle="Статус",
        prompt="Изберете от списъка.",
    )
    validation.add(f"{status}2:{status}{last}")
    sheet.add_data_validation(validation)
    sheet.conditional_formatting.add(
        *_overdue_rule(
            f"A2:{_letter(columns, columns[-1])}{last}", _letter(columns, "Срок до"), status, 2
        )
    )


def _link(cell, sheet: str, row: int, styled: dict) -> None:
    """Link `cell` to row `row` of `sheet`, in link colours.

    `styled` maps a cell style to its linked version: assigning a font re-hashes it per cell,
    which with a thousand findings is most of the workbook's time.
    """
    from openpyxl.styles import Font
    from openpyxl.worksheet.hyperlink import Hyperlink

    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{sheet}'!A{row}")
    key = tuple(cell._style)
    if key not in styled:
        cell.font = Font(name=FONT_NAME, sz=FONT_SIZE, color=_LINK_FONT, underline="single")
        styled[key] = copy(cell._style)
    cell._style = copy(styled[key])


def activity_row_finder(data: dict):
    """location -> row of its activity in `Дейности`; with a repeated id, the one above it."""
    rows: dict[str, list[tuple[int, int]]] = {}
    for index, activity in enumerate(data["activities"]):
        source = activity.get("source") or {}
        where = source.get("paragraph") or source.get("line") or source.get("page") or 0
        rows.setdefault(activity["id"], []).append((where, index + 2))

    def find(location: dict) -> int | None:
        candidates = rows.get(location.get("activity") or "")
        if not candidates:
            return None
        where = location.get("paragraph") or location.get("line") or location.get("page") or 0
        before = [row for start, row in candidates if start <= where]
        return before[-1] if before else candidates[0][1]

    return find


def link_findings(sheet, data: dict) -> None:
    """Each finding's `Дейност` links to its activity row, `Раздел` to its section row."""
    activity_row = activity_row_finder(data)
    section_rows: dict[int, int] = {}
    for index, section in enumerate(data["sections"]):
        section_rows.setdefault(section["number"], index + 2)
    activity_col = FINDING_COLUMNS.index("Дейност") + 1
    section_col = FINDING_COLUMNS.index("Раздел") + 1
    styled: dict = {}
    for index, finding in enumerate(data["findings"]):
        location = finding["location"]
        row = index + 2
        target = activity_row(location)
        if target is not None:
            _link(sheet.cell(row, activity_col), "Дейности", target, styled)
        if location.get("section") in section_rows:
            _link(
                sheet.cell(row, section_col), "Раздели", section_rows[location["section"]], styled
            )


def _deadline_row(activity: dict, row: int, status: str) -> dict:
    deadline = activity["deadline"]
    end = deadline.get("end")
    return {
        "Месец": f"{MONTHS[int(end[5:7]) - 1]} {end[:4]}" if end else None,
        "Срок до": end,
        "ID": activity["id"],
        "Дейност": activity["title"],
        "Отговорна институция": activity["responsible"]["text"],
        "Срок": deadline["text"],
        "Статус": Formula(f"=IF('Дейности'!{status}{row}=\"\",\"\",'Дейности'!{status}{row})"),
        "_row": row,
    }


def add_deadlines_sheet(workbook, data: dict):
    """`Срокове`: activities by the month their deadline ends; permanent and undated ones apart."""
    from openpyxl.styles import Alignment, Font

    status = _letter(ACTIVITY_COLUMNS + FOLLOW_UP_COLUMNS, "Статус")
    dated, permanent, undated = [], [], []
    for index, activity in enumerate(data["activities"]):
        row = _deadline_row(activity, index + 2, status)
        kind = activity["deadline"]["kind"]
        if kind == "permanent":
            permanent.append(row)
        elif row["Срок до"]:
            dated.append(row)
        else:
            undated.append(row)
    dated.sort(key=lambda r: (r["Срок до"], r["_row"]))
    sheet = add_table_sheet(workbook, "Срокове", DEADLINE_COLUMNS, dated)
    id_col = DEADLINE_COLUMNS.index("ID") + 1
    styled: dict = {}
    for offset, row in enumerate(dated, start=2):
        _link(sheet.cell(offset, id_col), "Дейности", row["_row"], styled)
    status_here = _letter(DEADLINE_COLUMNS, "Статус")
    if dated:
        last = f"{_letter(DEADLINE_COLUMNS, DEADLINE_COLUMNS[-1])}{len(dated) + 1}"
        end = _letter(DEADLINE_COLUMNS, "Срок до")
        sheet.conditional_formatting.add(*_overdue_rule(f"A2:{last}", end, status_here, 2))
    for title, rows in (
        ("Постоянни дейности (без краен срок)", permanent),
        ("Без разпознат срок", undated),
    ):
        if not rows:
            continue
        append_row(sheet, [])
        append_row(sheet, [title])
        sheet.cell(sheet.max_row, 1).font = Font(name=FONT_NAME, sz=FONT_SIZE, bold=True)
        month = "постоянен" if rows is permanent else None
        for row in rows:
            append_row(sheet, [month if c == "Месец" else row.get(c) for c in DEADLINE_COLUMNS])
            for cell in sheet[sheet.max_row]:
                cell.alignment = Alignment(vertical="top", wrap_text=True)
            _link(sheet.cell(sheet.max_row, id_col), "Дейности", row["_row"], styled)
    sheet.column_dimensions[status_here].width = _FOLLOW_UP_WIDTHS["Статус"]
    return sheet
