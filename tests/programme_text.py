"""Small programme drafts as text, laid out like inputs/np2012-draft.txt, for check fixtures.

`programme(...)` writes the text of a draft whose numbering, fields and labels a test controls;
everything not given is filled in with correct values, so only the planted defect shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from natprog.models import FIELD_KEYS
from natprog.names import FIELD_NAMES

FIELD_LABELS = {key: FIELD_NAMES[key] for key in FIELD_KEYS}
DEFAULTS = {
    "responsible": "НКБТХ",
    "partners": "МВР, МО и НПО",
    "financing": "От бюджета на НКБТХ",
    "deadline": "Декември 2012",
    "expected_results": "Проведени обучения",
    "indicators": "Брой обучения",
}
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII")


@dataclass
class Act:
    number: str | int
    title: str = "Провеждане на обучения на служители."
    values: dict[str, str | None] = field(default_factory=dict)  # None: leave the field out
    labels: dict[str, str] = field(default_factory=dict)  # a field written under another label


@dataclass
class Sec:
    numeral: str
    title: str = "ОБУЧЕНИЕ"
    goals: list[str | int] = field(default_factory=lambda: [1, 2])
    activities: list[Act] = field(default_factory=list)
    strategic_label: str = "СТРАТЕГИЧЕСКА ЦЕЛ:"
    strategic_goal: str | None = "Повишаване на капацитета на служителите."


def programme(sections: list[Sec], year: int = 2012) -> str:
    lines = [
        "НАЦИОНАЛНА ПРОГРАМА ЗА ПРЕДОТВРАТЯВАНЕ И ПРОТИВОДЕЙСТВИЕ НА ТРАФИКА НА ХОРА",
        "И ЗАКРИЛА НА ЖЕРТВИТЕ",
        f"за {year} г.",
    ]
    for section in sections:
        lines += [f"РАЗДЕЛ {section.numeral}", f"„{section.title}”"]
        if section.strategic_goal is not None:
            lines += [f"\t{section.strategic_label}", f"\t{section.strategic_goal}", ""]
        lines.append("\tОПЕРАТИВНИ ЦЕЛИ:")
        for goal in section.goals:
            lines += [f"\t{goal}. Повишаване на квалификацията на служителите.", ""]
        for act in section.activities:
            lines += ["", f"\tДейност {act.number}", f"\t{act.title}", ""]
            for key, label in FIELD_LABELS.items():
                value = act.values.get(key, DEFAULTS[key])
                if value is None and key not in act.labels:
                    continue
                lines += [f"\t{act.labels.get(key, label)}", f"\t{value or ''}", ""]
    return "\n".join(lines) + "\n"


def acts(*numbers: int | str, **values: str) -> list[Act]:
    return [Act(number, values=dict(values)) for number in numbers]
