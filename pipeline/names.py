"""Bulgarian names of the parts of a programme, for every message, sheet and report.

One table, so a field is called the same in a finding, the workbook, the report and the diff.
"""

from __future__ import annotations

FIELD_NAMES: dict[str, str] = {
    "title": "Наименование на дейността",
    "responsible": "Отговорна институция",
    "partners": "Партньори",
    "financing": "Финансиране",
    "deadline": "Срок",
    "expected_results": "Очаквани резултати",
    "indicators": "Индикатори за изпълнение",
    "strategic_goal": "Стратегическа цел",
    "operational_goals": "Оперативни цели",
    "heading": "Заглавие на раздела",
    "section_title": "Заглавие на раздела",
    "section": "Раздел",
    "glossary": "Списък с абревиатури",
    "programme_title": "Заглавие на програмата",
    "intro": "Въведение",
    "draft_marker": "Означение „ПРОЕКТ“",
    "table_header": "Заглавен ред на таблица",
}

# `deadline.kind` (a code in the JSON) as the workbook and CSV show it.
DEADLINE_KIND_NAMES: dict[str, str] = {
    "date": "дата",
    "month": "месец",
    "quarter": "тримесечие",
    "year": "година",
    "permanent": "постоянен",
    "unknown": "неразпознат",
}

# A finding's `signals` (codes in the JSON) as the report shows them.
SIGNAL_NAMES: dict[str, str] = {
    "document-usage": "предложението се среща другаде в документа",
    "word-proofing": "Word също е отбелязал думата",
}
