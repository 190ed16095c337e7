"""The XLSX workbook: a summary, then activities, sections, abbreviations, findings, deadlines.

Built with openpyxl from the serialized result; bold frozen headers (and frozen ID/title columns),
autofilter, wrapped text in rows as tall as it needs, widths from the content, print set-up
(`sheet_layout.py`), real Excel dates, fixed document properties so the bytes are reproducible.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from ..models import to_roman
from .atomic import deterministic_zip, write_bytes
from .monitoring import FOLLOW_UP_COLUMNS, add_deadlines_sheet, add_follow_up, link_findings
from .original import Original
from .serialize import ACTIVITY_COLUMNS, FINDING_COLUMNS, activity_rows, finding_rows, source_text
from .sheet_layout import fit_rows, set_up_printing
from .summary_sheet import add_summary_sheet
from .table_sheet import add_table_sheet, use_default_font
from .xlsxlib import load_openpyxl

_FIXED = dt.datetime(2000, 1, 1)
# The columns kept in sight while scrolling right: the ID and title of each row.
FROZEN = {
    "Дейности": "D2",
    "Раздели": "C2",
    "Съкращения": "B2",
    "Срокове": "E2",
    "Институции": "B2",
}


def prepare() -> None:
    """Import openpyxl and the parts of it the sheets use before there is a workbook to build
    (the workbook-and-report child does this while the draft is read)."""
    load_openpyxl()
    import openpyxl.formatting.rule  # noqa: F401
    import openpyxl.styles  # noqa: F401
    import openpyxl.worksheet.datavalidation  # noqa: F401
    import openpyxl.worksheet.hyperlink  # noqa: F401
    import openpyxl.writer.excel  # noqa: F401

    from .institutions_table import INSTITUTION_COLUMNS  # noqa: F401


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
