"""Build edited versions of the 2012 draft's text, and the record of what was edited.

The diff tests compare the real 2012 draft with a version made here: activities dropped, added,
moved, reworded and renumbered, deadlines shifted, abbreviations edited. `Expected` is what the
edits imply, worked out from the text alone, never from natprog's own output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
_SECTION = re.compile(r"^РАЗДЕЛ\s")
_ACTIVITY = re.compile(r"^\tДейност (\d+)\s*$")
_GLOSSARY = re.compile(r"^СПИСЪК С АБ")
_LABELS = {
    "responsible": "Отговорна институция",
    "partners": ("Партньори", "Експертна помощ"),
    "financing": "Финансиране",
    "deadline": "Срок",
    "expected_results": "Очаквани резултати",
    "indicators": "Индикатори за изпълнение",
}


@dataclass
class ActivityText:
    """One `Дейност N` block: its lines, where it came from, and what was edited in it."""

    lines: list[str]
    origin: str | None  # the activity's id in the original draft; None for an added one
    edited: set[str] = field(default_factory=set)  # fields changed, as natprog names them

    @property
    def title(self) -> str:
        return self.lines[1].strip()

    def _value_index(self, key: str) -> int:
        labels = _LABELS[key] if isinstance(_LABELS[key], tuple) else (_LABELS[key],)
        for index, line in enumerate(self.lines):
            if line.strip() in labels:
                return index + 1
        raise KeyError(f"{self.origin}: no {key} label")

    def value(self, key: str) -> str:
        return self.title if key == "title" else self.lines[self._value_index(key)].strip()

    def set_value(self, key: str, text: str) -> None:
        index = 1 if key == "title" else self._value_index(key)
        if self.lines[index].strip() != text:
            self.lines[index] = "\t" + text
            self.edited.add(key)


@dataclass
class SectionText:
    head: list[str]  # from `РАЗДЕЛ N` to the first activity
    activities: list[ActivityText]


@dataclass
class Expected:
    """What a correct diff of the original against the edited text reports."""

    pairs: dict[str, str]  # old id -> new id, for every activity kept
    added: set[str]
    dropped: set[str]
    changed: dict[str, set[str]]  # new id -> the fields that changed

    @property
    def unchanged(self) -> set[str]:
        return set(self.pairs.values()) - set(self.changed)


class DraftText:
    """The 2012 draft's text, split into preamble, sections with their activities, glossary."""

    def __init__(self, text: str) -> None:
        lines = text.split("\n")
        starts = [i for i, line in enumerate(lines) if _SECTION.match(line)]
        tail = next(i for i, line in enumerate(lines) if _GLOSSARY.match(line))
        self.preamble = lines[: starts[0]]
        self.glossary = lines[tail:]
        self.sections: list[SectionText] = []
        for position, start in enumerate(starts):
            end = starts[position + 1] if position + 1 < len(starts) else tail
            body = lines[start:end]
            heads = [i for i, line in enumerate(body) if _ACTIVITY.match(line)]
            activities = []
            for k, first in enumerate(heads):
                last = heads[k + 1] if k + 1 < len(heads) else len(body)
                number = _ACTIVITY.match(body[first]).group(1)
                activities.append(ActivityText(body[first:last], f"{ROMAN[position]}.{number}"))
            self.sections.append(SectionText(body[: heads[0]], activities))
        self._dropped: set[str] = set()
        self._renumbered = False

    # -- edits ------------------------------------------------------------------------------
    def find(self, origin: str) -> ActivityText:
        for section in self.sections:
            for activity in section.activities:
                if activity.origin == origin:
                    return activity
        raise KeyError(origin)

    def drop(self, origin: str) -> None:
        for section in self.sections:
            section.activities = [a for a in section.activities if a.origin != origin]
        self._dropped.add(origin)

    def move(self, origin: str, to_section: int) -> None:
        """Move an activity to the end of section `to_section` (1-based)."""
        activity = self.find(origin)
        for section in self.sections:
            if activity in section.activities:
                section.activities.remove(activity)
        self.sections[to_section - 1].activities.append(activity)
        if ROMAN[to_section - 1] != origin.split(".")[0]:
            activity.edited.add("section")

    def add(self, section: int, lines: list[str]) -> None:
        """Append a new activity (its lines without the `Дейност N` heading) to a section."""
        self.sections[section - 1].activities.append(ActivityText(["\tДейност 0", *lines], None))

    def shift_deadlines(self, old: str, new: str, keep: tuple[str, ...] = ()) -> None:
        """Replace year `old` by `new` in every deadline, except in the activities `keep`."""
        for section in self.sections:
            for activity in section.activities:
                if activity.origin in keep:
                    continue
                deadline = activity.value("deadline")
                if old in deadline:
                    activity.set_value("deadline", deadline.replace(old, new))

    def set_year(self, old: str, new: str) -> None:
        self.preamble = [line.replace(f"за {old} г.", f"за {new} г.") for line in self.preamble]

    def renumber(self) -> None:
        """Number the activities of each section 1, 2, 3… as an editor fixing gaps would."""
        for section in self.sections:
            for number, activity in enumerate(section.activities, start=1):
                activity.lines[0] = f"\tДейност {number}"
        self._renumbered = True

    def glossary_remove(self, abbreviation: str) -> None:
        index = self._glossary_index(abbreviation)
        end = self._glossary_value(index) + 1
        while end < len(self.glossary) and not self.glossary[end].strip():
            end += 1
        del self.glossary[index:end]

    def glossary_change(self, abbreviation: str, expansion: str) -> None:
        self.glossary[self._glossary_value(self._glossary_index(abbreviation))] = "\t" + expansion

    def glossary_add(self, abbreviation: str, expansion: str) -> None:
        while self.glossary and not self.glossary[-1].strip():
            self.glossary.pop()
        self.glossary += ["", f"\t{abbreviation}", f"\t{expansion}", ""]

    def _glossary_index(self, abbreviation: str) -> int:
        return next(i for i, line in enumerate(self.glossary) if line.strip() == abbreviation)

    def _glossary_value(self, index: int) -> int:
        return next(i for i in range(index + 1, len(self.glossary)) if self.glossary[i].strip())

    # -- results ----------------------------------------------------------------------------
    def new_id(self, activity: ActivityText) -> str:
        for position, section in enumerate(self.sections):
            if activity in section.activities:
                number = _ACTIVITY.match(activity.lines[0]).group(1)
                return f"{ROMAN[position]}.{number}"
        raise KeyError(activity.origin)

    def render(self) -> str:
        lines = list(self.preamble)
        for section in self.sections:
            lines += section.head
            for activity in section.activities:
                lines += activity.lines
        return "\n".join(lines + self.glossary)

    def expected(self) -> Expected:
        pairs, added, changed = {}, set(), {}
        for section in self.sections:
            for activity in section.activities:
                new_id = self.new_id(activity)
                if activity.origin is None:
                    added.add(new_id)
                    continue
                pairs[activity.origin] = new_id
                if activity.edited:
                    changed[new_id] = set(activity.edited)
        return Expected(pairs, added, set(self._dropped), changed)


NEW_ACTIVITY = [
    "\tРазработване на мобилно приложение за подаване на сигнали за случаи на трафик на хора.",
    "",
    "\tОтговорна институция",
    "\tНКБТХ, МВР",
    "",
    "\tПартньори",
    "\tНПО, доставчици на мобилни услуги",
    "",
    "\tФинансиране",
    "\tСредства по проекти и програми",
    "",
    "\tСрок",
    "\tОктомври 2013",
    "",
    "\tОчаквани резултати",
    "\tРаботещо мобилно приложение, достъпно безплатно за гражданите.",
    "",
    "\tИндикатори за изпълнение ",
    "\tБрой изтегляния на приложението, брой получени сигнали",
    "",
    "",
]


def next_year(text: str) -> tuple[str, Expected]:
    """The 2012 draft turned into a 2013 draft the way a secretariat would write it.

    I.6 dropped; II.8 moved to the end of section III; III.2 and I.5 reworded; IV.4 gets another
    responsible institution; a new activity at the end of section IV; every deadline moved to
    2013 except I.4's (left `Декември 2012` by mistake); the year in the title set to 2013;
    every section renumbered 1, 2, 3… (which also closes the gaps of the 2012 draft).
    """
    draft = DraftText(text)
    draft.set_year("2012", "2013")
    draft.drop("I.6")
    draft.move("II.8", to_section=3)
    reworded = draft.find("III.2")
    reworded.set_value(
        "title",
        reworded.title.replace("съдии и служители", "съдии, следователи и служители").replace(
            " и НСлС", ""
        ),
    )
    # reworded and renumbered (I.5 becomes I.4, while the old I.4 becomes I.3)
    draft.find("I.5").set_value(
        "title",
        "Откриване в гр. София на приют за временно настаняване на пълнолетни жертви на трафик, "
        "ползван и като транзитен при насочването на жертви на трафик.",
    )
    responsible = draft.find("IV.4")
    responsible.set_value("responsible", responsible.value("responsible") + ", МВР")
    draft.add(4, NEW_ACTIVITY)
    draft.shift_deadlines("2012", "2013", keep=("I.4",))
    draft.renumber()
    return draft.render(), draft.expected()


def revision(text: str) -> tuple[str, Expected]:
    """A second version of the 2012 draft: same year, two fields edited, glossary edited.

    III.5's expected results reworded; VI.4's deadline typed as 2011; МОН added to the glossary,
    НСлС removed, ДБТ expanded in the singular.
    """
    draft = DraftText(text)
    results = draft.find("III.5")
    results.set_value("expected_results", "Актуализирана и приета методика за разследване")
    deadline = draft.find("VI.4")
    deadline.set_value("deadline", deadline.value("deadline").replace("2012", "2011"))
    draft.glossary_add("МОН", "Министерство на образованието и науката")
    draft.glossary_remove("НСлС")
    draft.glossary_change("ДБТ", "Дирекция „Бюро по труда”")
    return draft.render(), draft.expected()


def compared(builder, original, folder):
    """The comparison of `original` (a loaded Draft) with the draft `builder` makes of the 2012
    text, written into `folder`; and what the builder says must be found."""
    from conftest import DRAFT_2012
    from natprog.diff import compare
    from natprog.diff.load import load_draft

    text, expected = builder(DRAFT_2012["txt"].read_text(encoding="utf-8"))
    path = folder / f"{builder.__name__}.txt"
    path.write_text(text, encoding="utf-8")
    return compare(original, load_draft(path)), expected
