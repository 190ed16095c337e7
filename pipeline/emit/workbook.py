"""The XLSX workbook: activities, sections, abbreviations, findings and deadlines, ready to filter.

Built with openpyxl from the serialized result; bold frozen headers, autofilter, wrapped text,
fitted widths, real Excel dates, fixed document properties so the bytes are reproducible.
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
from .xlsxlib import load_openpyxl

_FIXED = dt.datetime(2000, 1, 1)
_DATE_COLUMNS = ("Срок от", "Срок до")
_MAX_WIDTH = 60
_MIN_WIDTH = 6


def _width(values: list) -> float:
    longest = 0
    for value in values:
        if value is None:
            continue
        text = value.strftime("%d.%m.%Y") if isinstance(value, dt.date) else str(value)
        longest = max(longest, max((len(line) for line in text.split("\n")), default=0))
    return float(min(max(longest + 2, _MIN_WIDTH), _MAX_WIDTH))


def add_table_sheet(workbook, title: str, columns: tuple[str, ...], rows: list[dict]):
    """A sheet with a bold frozen header, autofilter, wrapped text and fitted widths."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    sheet.append(list(columns))
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDE7F0")
    for cell in sheet[1]:
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="top", wrap_text=True)
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
                    cell.number_format = "DD.MM.YYYY"
                    dated = copy(cell._style)
                cell._style = copy(dated)
            else:
                if wrapped is None:
                    cell.alignment = wrap
                    wrapped = copy(cell._style)
                cell._style = copy(wrapped)
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = _width([column] + [row.get(column) for row in rows])
    sheet.freeze_panes = "A2"
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
    Workbook = load_openpyxl().Workbook  # noqa: N806  (the class, named as openpyxl names it)

    workbook = Workbook()
    workbook.remove(workbook.active)
    activities = add_table_sheet(
        workbook, "Дейности", ACTIVITY_COLUMNS + FOLLOW_UP_COLUMNS, activity_rows(data)
    )
    add_follow_up(activities, len(data["activities"]))
    add_table_sheet(workbook, "Раздели", SECTION_COLUMNS, section_rows(data))
    add_table_sheet(workbook, "Съкращения", GLOSSARY_COLUMNS, glossary_rows(data))
    link_findings(add_table_sheet(workbook, "Забележки", FINDING_COLUMNS, finding_rows(data)), data)
    add_deadlines_sheet(workbook, data)
    add_institutions_sheet(workbook, data)
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
