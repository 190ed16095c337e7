"""The programme's parsed structure, read once from the 2012 text draft, and what a rendering of
it must read back as: activity ids, titles, the six fields and the labels they were written under.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
TXT = ROOT / "inputs" / "np2012-draft.txt"


@dataclass(frozen=True)
class ActivityContent:
    number: int
    title: list[str]
    fields: dict[str, list[str]]  # key -> value lines, in the draft's order
    labels: dict[str, str]  # key -> label as the draft wrote it (no colon)


@dataclass(frozen=True)
class SectionContent:
    number: int
    numeral: str
    title: str
    strategic_goal: str
    goals: list[str]  # "1. ..." as typed
    activities: list[ActivityContent]


@cache
def load_content() -> tuple[SectionContent, ...]:
    from natprog.ingest import ingest
    from natprog.parse import parse

    programme = parse(ingest(TXT))
    sections = []
    for section in programme.sections:
        goals = [f"{goal.number}. {goal.text}" for goal in section.operational_goals]
        activities = [
            ActivityContent(
                number=activity.number,
                title=[b.text.strip() for b in activity.title_blocks],
                fields={
                    key: [b.text.strip() for b in item.blocks]
                    for key, item in activity.fields.items()
                    if item.text is not None
                },
                labels={
                    key: item.label.strip().rstrip(":").strip()
                    for key, item in activity.fields.items()
                    if item.label
                },
            )
            for activity in section.activities
        ]
        sections.append(
            SectionContent(
                number=section.number,
                numeral=section.numeral,
                title=section.title,
                strategic_goal=section.strategic_goal.text if section.strategic_goal else "",
                goals=goals,
                activities=activities,
            )
        )
    return tuple(sections)


@dataclass
class Expected:
    """What the rendering says, as the reader must give it back (whitespace collapsed)."""

    activities: dict[str, dict[str, str]] = field(default_factory=dict)  # id -> key -> text
    labels: dict[str, dict[str, str]] = field(default_factory=dict)  # id -> key -> label
    text: list[str] = field(default_factory=list)  # every string rendered

    def add(self, activity_id: str, key: str, value: str, label: str | None = None) -> None:
        self.activities.setdefault(activity_id, {})[key] = " ".join(value.split())
        if label is not None:
            self.labels.setdefault(activity_id, {})[key] = label
        self.text.append(value)
