"""The XLSX workbook: a summary, then activities, sections, abbreviations, findings, deadlines.

Built with openpyxl from the serialized result; bold frozen headers (and frozen ID/title columns),
autofilter, wrapped text in rows as tall as it needs, widths from the content, print set-up
(`sheet_layout.py`), real Excel dates, fixed document properties so the bytes are reproducible.
"""

from __future__ import annotations

import datetime as dt
import io
from copy import copy
from pathlib import Path

from ..models import to_roman
from .atomic import deterministic_zip, write_bytes
from .monitoring import FOLLOW_UP_COLUMNS, add_deadlines_sheet, add_follow_up, link_findings
from .original import Original
from .serialize import ACTIVITY_COLUMNS, FINDING_COLUMNS, activity_rows, finding_rows, source_text
from .sheet_layout import FONT_NAME, FONT_SIZE, content_width, fit_rows, set_up_printing
from .summary_sheet import add_summary_sheet

_FIXED = dt.datetime(2000, 1, 1)
_DATE_COLUMNS = ("Срок от", "Срок до")
_GRID = "A6A6A6"
_WIDE = 34.0  # the widest a column of long text gets: wider reads badly and prints small
# Columns of long text that may wrap to `_WIDE`; any other column wraps at `_NARROW`.
_NARROW = 20.0
_WIDE_COLUMNS = frozenset({
    "Дейност", "Очаквани резултати", "Индикатори", "Стратегическа цел", "Оперативни цели",
    "Разшифровка", "Забележка", "Текст", "Заглавие", "Отчет",
})  # fmt: skip
# The columns kept in sight while scrolling right: the ID and title of each row.
FROZEN = {
    "Дейности": "D2",
    "Раздели": "C2",
    "Съкращения": "B2",
    "Срокове": "E2",
    "Институции": "B2",
}


def use_default_font(workbook) -> None:
    """Arial 10 for every cell: its metrics are what `sheet_layout` wraps text with."""
    from openpyxl.styles import Font
    from openpyxl.utils.indexed_list import IndexedList

    workbook._fonts = IndexedList([Font(name=FONT_NAME, sz=FONT_SIZE, family=2)])


def add_table_sheet(
    workbook, title: str, columns: tuple[str, ...], rows: list[dict], freeze: str = "A2"
):
    """A sheet with a bold frozen header, autofilter, wrapped text and widths from the content."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    line = Side(style="thin", color=_GRID)
    grid = Border(left=line, right=line, top=line, bottom=line)  # printed: rows stay apart
    sheet = workbook.create_sheet(title)
    sheet.append(list(columns))
    header_font = Font(name=FONT_NAME, sz=FONT_SIZE, bold=True)
    header_fill = PatternFill("solid", fgColor="DDE7F0")
    for cell in sheet[1]:
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        cell.border = grid
    wrap = Alignment(vertical="top", wrap_text=True)
    for row in rows:
        values = []
        for column in columns:
            value = row.get(column)
            if column in _DATE_COLUMNS and isinstance(value, str):
                value = dt.date.fromisoformat(value)
            values.append(value)
        sheet.append(values)
    wrapped = dated = None  # style arrays, copied to each cell: setting a style re-hashes it
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            if isinstance(cell.value, dt.date):
                if dated is None:
                    cell.alignment = wrap
                    cell.border = grid
                    cell.number_format = "DD.MM.YYYY"
                    dated = copy(cell._style)
                cell._style = copy(dated)
            else:
                if wrapped is None:
                    cell.alignment = wrap
                    cell.border = grid
                    wrapped = copy(cell._style)
                cell._style = copy(wrapped)
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        cap = _WIDE if column in _WIDE_COLUMNS else _NARROW
        values = [row.get(column) for row in rows]
        sheet.column_dimensions[letter].width = content_width(values, column, cap=cap)
    sheet.freeze_panes = freeze
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    sheet.print_title_rows = "1:1"
    return sheet


def section_rows(data: dict) -> list[dict]:
    rows = []
    for section in data["sections"]:
        goals = "\n".join(
            f"{goal['number']}. {goal['text']}" if goal["number"] is not None else goal["text"]
            for goal in section["operational_goals"]
        )
        rows.append(
            {
                "Раздел": to_roman(section["number"]),
                "Заглавие": section["title"],
                "Стратегическа цел": section["strategic_goal"],
                "Оперативни цели": goals,
                "Брой дейности": len(section["activities"]),
                "Източник": source_text(section["source"]),
            }
        )
    return rows


SECTION_COLUMNS = (
    "Раздел",
    "Заглавие",
    "Стратегическа цел",
    "Оперативни цели",
    "Брой дейности",
    "Източник",
)
GLOSSARY_COLUMNS = ("Абревиатура", "Разшифровка", "Източник")


def glossary_rows(data: dict) -> list[dict]:
    return [
        {
            "Абревиатура": entry["abbreviation"],
            "Разшифровка": entry["expansion"],
            "Източник": source_text(entry["source"]),
        }
        for entry in data["glossary"]
    ]


def add_institutions_sheet(workbook, data: dict):
    """`Институции`: each institution with the activities it leads and those it partners."""
    from .institutions_table import INSTITUTION_COLUMNS, institution_rows

    return add_table_sheet(workbook, "Институции", INSTITUTION_COLUMNS, institution_rows(data))


def build_workbook(data: dict):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    use_default_font(workbook)
    activities = add_table_sheet(
        workbook, "Дейности", ACTIVITY_COLUMNS + FOLLOW_UP_COLUMNS, activity_rows(data)
    )
    add_follow_up(activities, len(data["activities"]))
    add_table_sheet(workbook, "Раздели", SECTION_COLUMNS, section_rows(data))
    add_table_sheet(workbook, "Съкращения", GLOSSARY_COLUMNS, glossary_rows(data))
    link_findings(add_table_sheet(workbook, "Забележки", FINDING_COLUMNS, finding_rows(data)), data)
    add_deadlines_sheet(workbook, data)
    add_institutions_sheet(workbook, data)
    summary = add_summary_sheet(workbook, data)
    workbook.active = 0
    for sheet in workbook.worksheets:
        sheet.freeze_panes = FROZEN.get(sheet.title, sheet.freeze_panes)
        fit_rows(sheet)
        set_up_printing(
            sheet, landscape=sheet is not summary, title_rows=None if sheet is summary else "1:1"
        )
    props = workbook.properties
    props.creator = "natprog"
    props.lastModifiedBy = "natprog"
    props.created = _FIXED
    props.modified = _FIXED
    props.title = (data.get("programme") or {}).get("title") or data["source"]["file"]
    return workbook


def workbook_bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return deterministic_zip(buffer.getvalue())


def write_xlsx(data: dict, path: Path, original: Original) -> Path:
    return write_bytes(path, workbook_bytes(build_workbook(data)))
