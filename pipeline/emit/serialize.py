"""Rows and texts the emitters share, all from the one serialized result (`Result.to_dict()`).

No timestamps, no absolute paths: the same input gives the same data.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import SCHEMA_VERSION, Result, result_to_dict, summarize, to_roman  # noqa: F401
from ..names import DEADLINE_KIND_NAMES, FIELD_NAMES


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table output: its header, its open-data type and a Bulgarian title."""

    name: str  # the header exactly as in the CSV/XLSX
    type: str  # Frictionless Table Schema type: string, integer, date
    title: str
    description: str
    required: bool = False


# The activities table (CSV, `Дейности` sheet, data package): one definition for all three.
ACTIVITY_FIELDS: tuple[Column, ...] = (
    Column("Раздел", "string", "Раздел", "Номер на раздела с римска цифра (I, II, …).", True),
    Column("№", "integer", "Номер на дейността", "Номер на дейността в раздела."),
    Column("Дейност", "string", "Наименование на дейността", "Наименованието, както е в проекта."),
    Column("Отговорна институция", "string", "Отговорна институция", "Както е изписана в проекта."),
    Column("Партньори", "string", "Партньори", "Партньори (или „Експертна помощ“), както са изписани."),
    Column("Финансиране", "string", "Финансиране", "Източник на финансиране."),
    Column("Срок", "string", "Срок (текст)", "Срокът, както е изписан в проекта."),
    Column("Срок от", "date", "Начало на срока", "Първият ден от срока (ISO 8601)."),
    Column("Срок до", "date", "Край на срока", "Последният ден от срока (ISO 8601)."),
    Column("Очаквани резултати", "string", "Очаквани резултати", "Очакваните резултати от дейността."),
    Column("Индикатори", "string", "Индикатори за изпълнение", "Индикаторите за изпълнение."),
    Column("ID", "string", "Идентификатор", "Раздел и номер на дейността, напр. III.5.", True),
    Column(
        "Вид срок", "string", "Вид срок",
        "дата, месец, тримесечие, година, постоянен или неразпознат "
        "(в JSON: date, month, quarter, year, permanent, unknown).",
    ),
    Column("Етикет партньори", "string", "Етикет на партньорите", "Етикетът, както е изписан."),
    Column("Източник", "string", "Място в проекта", "Страница, абзац или ред в изходния файл."),
)  # fmt: skip
ACTIVITY_COLUMNS: tuple[str, ...] = tuple(column.name for column in ACTIVITY_FIELDS)


def source_text(source: dict | None) -> str:
    """`стр. 3`, `абзац 12`, `ред 40` (with the table cell) from a provenance dict."""
    if not source:
        return ""
    bits = []
    if source.get("page"):
        page, end = source["page"], source.get("page_end")
        bits.append(f"стр. {page}" + (f"–{end}" if end and end != page else ""))
    if source.get("paragraph"):
        bits.append(f"абзац {source['paragraph']}")
    if source.get("line"):
        bits.append(f"ред {source['line']}")
    if source.get("table"):
        bits.append(f"таблица {source['table']}, ред {source['row']}")
    return ", ".join(bits)


def activity_rows(data: dict) -> list[dict]:
    """One row per activity, keyed by `ACTIVITY_COLUMNS` (dates as ISO strings)."""
    rows = []
    for activity in data["activities"]:
        deadline = activity["deadline"]
        rows.append(
            {
                "Раздел": to_roman(activity["section"]),
                "№": activity["number"],
                "Дейност": activity["title"],
                "Отговорна институция": activity["responsible"]["text"],
                "Партньори": activity["partners"]["text"],
                "Финансиране": activity["financing"]["text"],
                "Срок": deadline["text"],
                "Срок от": deadline["start"],
                "Срок до": deadline["end"],
                "Очаквани резултати": activity["expected_results"]["text"],
                "Индикатори": activity["indicators"]["text"],
                "ID": activity["id"],
                "Вид срок": DEADLINE_KIND_NAMES.get(deadline["kind"], deadline["kind"]),
                "Етикет партньори": activity["partners_label"],
                "Източник": source_text(activity["source"]),
            }
        )
    return rows


FINDING_COLUMNS: tuple[str, ...] = (
    "Тежест", "Код", "Раздел", "Дейност", "Поле", "Място", "Текст", "Забележка", "Предложение",
)  # fmt: skip
SEVERITY_NAMES = {"error": "грешка", "warning": "предупреждение", "info": "бележка"}


def place_text(location: dict) -> str:
    bits = []
    if location.get("page"):
        bits.append(f"стр. {location['page']}")
    if location.get("paragraph"):
        bits.append(f"абзац {location['paragraph']}")
    if location.get("line"):
        bits.append(f"ред {location['line']}")
    return ", ".join(bits)


def finding_rows(data: dict) -> list[dict]:
    rows = []
    for finding in data["findings"]:
        location = finding["location"]
        rows.append(
            {
                "Тежест": SEVERITY_NAMES.get(finding["severity"], finding["severity"]),
                "Код": finding["code"],
                "Раздел": to_roman(location["section"]) if location["section"] else "",
                "Дейност": location["activity"] or "",
                "Поле": FIELD_NAMES.get(location["field"] or "", location["field"] or ""),
                "Място": place_text(location),
                "Текст": finding["text"] or "",
                "Забележка": finding["message"],
                "Предложение": finding["suggestion"] or "",
            }
        )
    return rows
