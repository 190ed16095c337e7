"""The one serializer: a `Result` as plain data. JSON, CSV, XLSX and HTML all start here.

No timestamps, no absolute paths: the same input gives the same data.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..abbreviations.institutions import institutions_table
from ..models import SEVERITIES, to_roman
from ..names import DEADLINE_KIND_NAMES, FIELD_NAMES

if TYPE_CHECKING:
    from ..run import Result

SCHEMA_VERSION = "1.0"


def result_to_dict(result: Result) -> dict:
    document = result.document
    programme = result.programme
    findings = [finding.to_dict() for finding in result.findings]
    out: dict = {
        "schema_version": SCHEMA_VERSION,
        "source": {
            "file": Path(document.path).name,
            "format": document.format,
            "sha256": document.sha256,
        },
        "document": {
            "layout": document.layout,
            "pages": document.pages,
            "encoding": document.encoding,
            "header": [block.text for block in document.header_blocks],
            "footer": [block.text for block in document.footer_blocks],
            "tracked_changes": document.tracked_changes.to_dict()
            if document.tracked_changes
            else None,
            "comments": [comment.to_dict() for comment in document.comments],
        },
        "findings": findings,
        "summary": summarize(result),
    }
    if programme is None:
        out.update(
            {
                "programme": None,
                "sections": [],
                "activities": [],
                "glossary": [],
                "abbreviations": [],
                "institutions": [],
            }
        )
        return out
    sections = [section.to_dict() for section in programme.sections]
    activities = [activity for section in sections for activity in section["activities"]]
    index = programme.abbreviations
    out.update(
        {
            "programme": {
                "title": programme.title,
                "year": programme.year,
                "draft": programme.draft,
            },
            "sections": sections,
            "activities": activities,
            "glossary": [entry.to_dict() for entry in programme.glossary],
            "abbreviations": index.to_dict() if index is not None else [],
            "institutions": institutions_table(activities),
        }
    )
    return out


def summarize(result: Result) -> dict:
    """Counts of sections, activities, glossary entries and findings (by severity and code)."""
    severities = Counter(finding.severity for finding in result.findings)
    codes = Counter(finding.code for finding in result.findings)
    programme = result.programme
    return {
        "sections": len(programme.sections) if programme else 0,
        "activities": len(programme.activities) if programme else 0,
        "glossary": len(programme.glossary) if programme else 0,
        "findings": len(result.findings),
        "by_severity": {severity: severities.get(severity, 0) for severity in SEVERITIES},
        "by_code": dict(sorted(codes.items())),
    }


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
