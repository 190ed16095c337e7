"""What changed between two matched activities, field by field, and between two glossaries.

Texts are compared with whitespace tidied; a changed text is split into words and diffed with
difflib, giving the spans kept, deleted and inserted that the outputs highlight.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

from ..models import to_roman
from .match import normalized
from .model import CONTENT_KEYS, DraftActivity, DraftGlossaryEntry

Op = Literal["equal", "insert", "delete"]
# Words, runs of punctuation and the spaces between them; joined back they give the text again.
_TOKEN = re.compile(r"\w+|[^\w\s]+|\s+")


@dataclass(frozen=True, slots=True)
class Span:
    op: Op
    text: str

    def to_dict(self) -> dict:
        return {"op": self.op, "text": self.text}


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of an activity (or its section) that differs between the two drafts."""

    field: str  # "title", one of FIELD_KEYS, or "section"
    old: str | None
    new: str | None
    spans: tuple[Span, ...]

    def to_dict(self) -> dict:
        return {
            "field": self.field,
            "old": self.old,
            "new": self.new,
            "spans": [span.to_dict() for span in self.spans],
        }


def word_diff(old: str | None, new: str | None) -> tuple[Span, ...]:
    """The new text as spans kept, deleted and inserted, word by word.

    A single space between two changes is folded into them, so `<del>a b</del><ins>x y</ins>`
    is shown rather than `<del>a</del><ins>x</ins> <del>b</del><ins>y</ins>`.
    """
    left = _TOKEN.findall(normalized(old))
    right = _TOKEN.findall(normalized(new))
    ops = difflib.SequenceMatcher(None, left, right, autojunk=False).get_opcodes()
    # (kept?, old text, new text) runs; whitespace-only runs between two changes count as changed
    runs: list[tuple[bool, str, str]] = [
        (tag == "equal", "".join(left[i1:i2]), "".join(right[j1:j2])) for tag, i1, i2, j1, j2 in ops
    ]
    for index in range(1, len(runs) - 1):
        kept, text, _ = runs[index]
        if kept and not text.strip() and not runs[index - 1][0] and not runs[index + 1][0]:
            runs[index] = (False, text, text)
    merged: list[tuple[bool, str, str]] = []
    for run in runs:
        if merged and not run[0] and not merged[-1][0]:
            merged[-1] = (False, merged[-1][1] + run[1], merged[-1][2] + run[2])
        else:
            merged.append(run)
    spans: list[Span] = []
    for kept, removed, added in merged:
        if kept:
            spans.append(Span("equal", added))
            continue
        if removed:
            spans.append(Span("delete", removed))
        if added:
            spans.append(Span("insert", added))
    return tuple(spans)


def activity_changes(old: DraftActivity, new: DraftActivity) -> tuple[FieldChange, ...]:
    """The fields that differ, title first; a move to another section counts, a new number alone
    does not (renumbering follows from other activities being added or dropped)."""
    changes = []
    if old.section != new.section:
        before, after = to_roman(old.section), to_roman(new.section)
        changes.append(FieldChange("section", before, after, word_diff(before, after)))
    for key in CONTENT_KEYS:
        before, after = old.text(key), new.text(key)
        if normalized(before) != normalized(after):
            changes.append(FieldChange(key, before, after, word_diff(before, after)))
    return tuple(changes)


@dataclass(frozen=True, slots=True)
class GlossaryChange:
    abbreviation: str
    change: Literal["added", "removed", "changed"]
    old: str | None  # the expansion in the old draft
    new: str | None
    spans: tuple[Span, ...]

    def to_dict(self) -> dict:
        return {
            "abbreviation": self.abbreviation,
            "change": self.change,
            "old": self.old,
            "new": self.new,
            "spans": [span.to_dict() for span in self.spans],
        }


def glossary_changes(
    old: tuple[DraftGlossaryEntry, ...], new: tuple[DraftGlossaryEntry, ...]
) -> tuple[GlossaryChange, ...]:
    """Abbreviations added, removed or expanded differently, in alphabetical order."""
    before = _glossary(old)
    after = _glossary(new)
    changes = []
    for abbreviation in sorted(before.keys() | after.keys()):
        if abbreviation not in after:
            kind, left, right = "removed", before[abbreviation], None
        elif abbreviation not in before:
            kind, left, right = "added", None, after[abbreviation]
        elif normalized(before[abbreviation]) != normalized(after[abbreviation]):
            kind, left, right = "changed", before[abbreviation], after[abbreviation]
        else:
            continue
        changes.append(GlossaryChange(abbreviation, kind, left, right, word_diff(left, right)))
    return tuple(changes)


def _glossary(entries: tuple[DraftGlossaryEntry, ...]) -> dict[str, str | None]:
    """Abbreviation -> expansion; a repeated abbreviation keeps its first expansion (the
    proofreading checks report the repetition itself)."""
    out: dict[str, str | None] = {}
    for entry in entries:
        out.setdefault(normalized(entry.abbreviation), entry.expansion)
    return out
