"""`Обобщение`, the workbook's first sheet: what the programme is, its counts, its findings.

It also says what each of the other sheets is for, each name a link to its sheet, so the
workbook reads like a finished document to someone who opens it cold.
"""

from __future__ import annotations

from collections import Counter

from ..models import SEVERITIES
from .cells import append_row
from .sheet_layout import FONT_NAME, FONT_SIZE

TITLE = "Обобщение"
SEVERITY_PLURALS = {"error": "Грешки", "warning": "Предупреждения", "info": "Бележки"}
SHEET_GUIDE: tuple[tuple[str, str], ...] = (
    (
        "Дейности",
        "По един ред за всяка дейност, с всички полета от проекта. През годината попълвайте "
        "„Статус“ (от падащия списък), „Отчет“ и „Бележки“; редът става червен, когато срокът "
        "е изтекъл, а дейността не е изпълнена.",
    ),
    ("Раздели", "Разделите на програмата със стратегическата и оперативните цели и броя дейности."),
    ("Съкращения", "Списъкът с абревиатури, както е в проекта."),
    (
        "Забележки",
        "Забележките от проверката: тежест, раздел, дейност, поле, текстът и предложение за "
        "поправка. Дейността и разделът водят към своя ред.",
    ),
    (
        "Срокове",
        "Дейностите по месеца, в който изтича срокът им, най-ранните първи; постоянните и тези "
        "без разпознат срок са отделно. Статусът идва от листа „Дейности“.",
    ),
    (
        "Институции",
        "Всяка институция с дейностите, за които отговаря, и тези, в които е партньор.",
    ),
)
TOP_CODES = 5
COLUMN_WIDTHS = {"A": 44.0, "B": 80.0}


def _rule_titles() -> dict[str, str]:
    from ..checks.registry import RULES

    return {code: rule.title for code, rule in RULES.items()}


def summary_rows(data: dict) -> list[tuple[str, object, str | None]]:
    """(label, value, style) rows; style is `title`, `heading`, `link` or None."""
    programme = data.get("programme") or {}
    summary = data["summary"]
    source = data["source"]
    rows: list[tuple[str, object, str | None]] = [
        (programme.get("title") or source["file"], None, "title"),
        ("Година", programme.get("year") or "неизвестна", None),
        ("Проект", "да" if programme.get("draft") else "не", None),
        ("Файл", f"{source['file']} ({source['format'].upper()})", None),
        ("", None, None),
        ("Брой", None, "heading"),
        ("Раздели", summary["sections"], None),
        ("Дейности", summary["activities"], None),
        ("Абревиатури в списъка", summary["glossary"], None),
        ("Институции", len(data.get("institutions") or []), None),
        ("", None, None),
        ("Забележки от проверката", None, "heading"),
    ]
    for severity in SEVERITIES:
        rows.append((SEVERITY_PLURALS[severity], summary["by_severity"].get(severity, 0), None))
    rows.append(("Общо", summary["findings"], None))
    codes = Counter(summary["by_code"]).most_common(TOP_CODES)
    if codes:
        titles = _rule_titles()
        rows += [("", None, None), ("Най-чести забележки", None, "heading")]
        rows += [(f"{titles.get(code, code)} ({code})", count, None) for code, count in codes]
    rows += [("", None, None), ("Как да използвате листовете", None, "heading")]
    rows += [(name, text, "link") for name, text in SHEET_GUIDE]
    return rows


def add_summary_sheet(workbook, data: dict):
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.hyperlink import Hyperlink

    sheet = workbook.create_sheet(TITLE, 0)
    title_font = Font(name=FONT_NAME, sz=14, bold=True)
    heading_font = Font(name=FONT_NAME, sz=FONT_SIZE, bold=True)
    link_font = Font(name=FONT_NAME, sz=FONT_SIZE, color="0563C1", underline="single")
    wrap = Alignment(vertical="top", wrap_text=True)
    left = Alignment(vertical="top", horizontal="left", wrap_text=True)
    for label, value, style in summary_rows(data):
        append_row(sheet, [label, value])
        row = sheet.max_row
        label_cell, value_cell = sheet.cell(row, 1), sheet.cell(row, 2)
        label_cell.alignment, value_cell.alignment = wrap, left
        if style == "title":
            label_cell.font = title_font
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        elif style == "heading":
            label_cell.font = heading_font
        elif style == "link":
            label_cell.hyperlink = Hyperlink(ref=label_cell.coordinate, location=f"'{label}'!A1")
            label_cell.font = link_font
    for letter, width in COLUMN_WIDTHS.items():
        sheet.column_dimensions[letter].width = width
    return sheet
