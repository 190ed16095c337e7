"""diff.xlsx: new, dropped, changed and unchanged activities, glossary changes and findings.

Same look as the extraction workbook (bold frozen header, wrapped text, fitted widths); changed
text is rich text with deletions struck through in red and insertions underlined in green.
"""

from __future__ import annotations

import datetime as dt
import io

from ..diff.result import notes_by_activity
from ..models import to_roman
from ..names import FIELD_NAMES
from .atomic import deterministic_zip
from .serialize import FINDING_COLUMNS, finding_rows, source_text
from .sheet_layout import FONT_NAME, FONT_SIZE, fit_rows, set_up_printing
from .table_sheet import add_table_sheet, use_default_font
from .xlsxlib import load_openpyxl

_FIXED = dt.datetime(2000, 1, 1)
_DELETED = "C00000"
_INSERTED = "007A33"

GLOSSARY_CHANGES = {"added": "добавена", "removed": "премахната", "changed": "променена"}

NEAREST_IN_OLD = "Най-близка в стария проект"
NEAREST_IN_NEW = "Най-близка в новия проект"


def activity_columns(nearest: str) -> tuple[str, ...]:
    """Columns of `Нови` and `Отпаднали`; findings are about the new draft, so only `Нови` has
    a `Забележки` column."""
    notes = ("Забележки",) if nearest == NEAREST_IN_OLD else ()
    return (
        "ID", "Раздел", "Дейност", "Отговорна институция", "Партньори", "Финансиране", "Срок",
        "Очаквани резултати", "Индикатори", nearest, "Сходство", *notes, "Източник",
    )  # fmt: skip


CHANGED_COLUMNS = (
    "ID (стар)", "ID (нов)", "Дейност", "Поле", "Беше", "Стана", "Промяна", "Сходство",
    "Забележки", "Източник",
)  # fmt: skip
UNCHANGED_COLUMNS = (
    "ID (стар)", "ID (нов)", "Дейност", "Срок", "Сходство", "Забележки", "Източник",
)  # fmt: skip
GLOSSARY_COLUMNS = ("Абревиатура", "Промяна", "Беше", "Стана", "Разлика")
SUMMARY_COLUMNS = ("Показател", "Стойност")


def rich(spans: list[dict]):
    """Word-level changes as one cell: deletions red and struck through, insertions green."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    # Every run names the cell's font and size: a run without them is shown by LibreOffice in
    # its own default font, so the inserted words looked pasted in from elsewhere.
    base = {"rFont": FONT_NAME, "sz": FONT_SIZE}
    fonts = {
        "equal": InlineFont(**base),
        "delete": InlineFont(**base, color=_DELETED, strike=True),
        "insert": InlineFont(**base, color=_INSERTED, u="single", b=True),
    }
    return CellRichText([TextBlock(fonts[span["op"]], span["text"]) for span in spans])


def _notes(notes: dict[str, list[dict]], activity_id: str | None) -> str | None:
    """The messages of the findings about one activity of the new draft, one a line."""
    messages = [finding["message"] for finding in notes.get(activity_id or "", [])]
    return "\n".join(messages) or None


def activity_row(item: dict, nearest_column: str, notes: dict[str, list[dict]]) -> dict:
    """An activity found in one draft only, with its nearest look-alike in the other."""
    activity = item["activity"]
    nearest = item["nearest"]
    return {
        "ID": activity["id"],
        "Раздел": to_roman(activity["section"]),
        "Дейност": activity["title"],
        "Отговорна институция": activity["responsible"]["text"],
        "Партньори": activity["partners"]["text"],
        "Финансиране": activity["financing"]["text"],
        "Срок": activity["deadline"]["text"],
        "Очаквани резултати": activity["expected_results"]["text"],
        "Индикатори": activity["indicators"]["text"],
        nearest_column: f"{nearest['id']} {nearest['title']}" if nearest else None,
        "Сходство": nearest["score"] if nearest else None,
        "Забележки": _notes(notes, activity["id"]) if nearest_column == NEAREST_IN_OLD else None,
        "Източник": source_text(activity["source"]),
    }


def changed_rows(data: dict) -> list[dict]:
    """One row per changed field of each changed activity."""
    notes = notes_by_activity(data)
    rows = []
    for match in data["changed"]:
        for change in match["changes"]:
            rows.append(
                {
                    "ID (стар)": match["old_id"],
                    "ID (нов)": match["new_id"],
                    "Дейност": match["title"],
                    "Поле": FIELD_NAMES.get(change["field"], change["field"]),
                    "Беше": change["old"],
                    "Стана": change["new"],
                    "Промяна": rich(change["spans"]),
                    "Сходство": match["score"],
                    "Забележки": _notes(notes, match["new_id"]),
                    "Източник": source_text(match["new"]["source"]),
                }
            )
    return rows


def unchanged_rows(data: dict) -> list[dict]:
    notes = notes_by_activity(data)
    return [
        {
            "ID (стар)": match["old_id"],
            "ID (нов)": match["new_id"],
            "Дейност": match["title"],
            "Срок": match["new"]["deadline"]["text"],
            "Сходство": match["score"],
            "Забележки": _notes(notes, match["new_id"]),
            "Източник": source_text(match["new"]["source"]),
        }
        for match in data["unchanged"]
    ]


def glossary_rows(data: dict) -> list[dict]:
    return [
        {
            "Абревиатура": change["abbreviation"],
            "Промяна": GLOSSARY_CHANGES[change["change"]],
            "Беше": change["old"],
            "Стана": change["new"],
            "Разлика": rich(change["spans"]),
        }
        for change in data["glossary"]
    ]


def summary_rows(data: dict) -> list[dict]:
    old, new, summary = data["old"], data["new"], data["summary"]
    pairs = [
        ("Стар проект", old["file"]),
        ("Година (стар)", old["year"]),
        ("Нов проект", new["file"]),
        ("Година (нов)", new["year"]),
        ("Нови дейности", summary["added"]),
        ("Отпаднали дейности", summary["dropped"]),
        ("Променени дейности", summary["changed"]),
        ("Дейности без промяна", summary["unchanged"]),
        ("Преномерирани", summary["renumbered"]),
        ("Преместени в друг раздел", summary["moved"]),
        ("Промени в съкращенията", len(data["glossary"])),
        ("Забележки", summary["findings"]),
        ("Праг на сходство", data["threshold"]),
    ]
    return [{"Показател": name, "Стойност": value} for name, value in pairs]


def build_workbook(data: dict):
    Workbook = load_openpyxl().Workbook  # noqa: N806  (the class, named as openpyxl names it)

    workbook = Workbook()
    workbook.remove(workbook.active)
    use_default_font(workbook)
    notes = notes_by_activity(data)
    added = [activity_row(item, NEAREST_IN_OLD, notes) for item in data["added"]]
    dropped = [activity_row(item, NEAREST_IN_NEW, notes) for item in data["dropped"]]
    add_table_sheet(workbook, "Нови", activity_columns(NEAREST_IN_OLD), added)
    add_table_sheet(workbook, "Отпаднали", activity_columns(NEAREST_IN_NEW), dropped)
    add_table_sheet(workbook, "Променени", CHANGED_COLUMNS, changed_rows(data))
    add_table_sheet(workbook, "Без промяна", UNCHANGED_COLUMNS, unchanged_rows(data))
    add_table_sheet(workbook, "Съкращения", GLOSSARY_COLUMNS, glossary_rows(data))
    add_table_sheet(workbook, "Забележки", FINDING_COLUMNS, finding_rows(data))
    add_table_sheet(workbook, "Сравнение", SUMMARY_COLUMNS, summary_rows(data))
    for sheet in workbook.worksheets:
        fit_rows(sheet)
        set_up_printing(sheet)
    props = workbook.properties
    props.creator = "natprog"
    props.lastModifiedBy = "natprog"
    props.created = _FIXED
    props.modified = _FIXED
    props.title = f"Сравнение: {data['old']['file']} → {data['new']['file']}"
    return workbook


def xlsx_bytes(data: dict) -> bytes:
    buffer = io.BytesIO()
    build_workbook(data).save(buffer)
    return deterministic_zip(buffer.getvalue())
