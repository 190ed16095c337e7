"""The result of comparing two drafts: matched pairs with their changes, added and dropped
activities, glossary changes and findings. `to_dict()` is what diff.json, XLSX and HTML start from.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..models import SEVERITIES, Finding
from .compare import FieldChange, GlossaryChange
from .match import Method
from .model import Draft, DraftActivity

DIFF_SCHEMA_VERSION = "1.0"


@dataclass(frozen=True, slots=True)
class Match:
    """An activity found in both drafts, with what changed in it."""

    old: DraftActivity
    new: DraftActivity
    score: float
    method: Method
    changes: tuple[FieldChange, ...]

    @property
    def status(self) -> str:
        return "changed" if self.changes else "unchanged"

    @property
    def renumbered(self) -> bool:
        return self.old.id != self.new.id

    def to_dict(self) -> dict:
        return {
            "old_id": self.old.id,
            "new_id": self.new.id,
            "title": self.new.title,
            "score": round(self.score, 1),
            "method": self.method,
            "renumbered": self.renumbered,
            "moved": self.old.section != self.new.section,
            "changed_fields": [change.field for change in self.changes],
            "changes": [change.to_dict() for change in self.changes],
            "old": self.old.to_dict(),
            "new": self.new.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class Unmatched:
    """An activity found in one draft only, with its nearest look-alike in the other."""

    activity: DraftActivity
    nearest: DraftActivity | None
    nearest_score: float | None

    def to_dict(self) -> dict:
        return {
            "id": self.activity.id,
            "title": self.activity.title,
            "nearest": {
                "id": self.nearest.id,
                "title": self.nearest.title,
                "score": round(self.nearest_score or 0.0, 1),
            }
            if self.nearest is not None
            else None,
            "activity": self.activity.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class DiffResult:
    old: Draft
    new: Draft
    threshold: float
    matches: tuple[Match, ...]  # in the new draft's order
    added: tuple[Unmatched, ...]  # in the new draft only
    dropped: tuple[Unmatched, ...]  # in the old draft only
    glossary: tuple[GlossaryChange, ...]
    findings: tuple[Finding, ...]

    @property
    def same_year(self) -> bool:
        return self.old.year is not None and self.old.year == self.new.year

    @property
    def changed(self) -> tuple[Match, ...]:
        return tuple(match for match in self.matches if match.changes)

    @property
    def unchanged(self) -> tuple[Match, ...]:
        return tuple(match for match in self.matches if not match.changes)

    def summary(self) -> dict:
        fields = Counter(change.field for match in self.matches for change in match.changes)
        glossary = Counter(change.change for change in self.glossary)
        severities = Counter(finding.severity for finding in self.findings)
        return {
            "added": len(self.added),
            "dropped": len(self.dropped),
            "changed": len(self.changed),
            "unchanged": len(self.unchanged),
            "renumbered": sum(match.renumbered for match in self.matches),
            "moved": sum(match.old.section != match.new.section for match in self.matches),
            "changed_fields": dict(sorted(fields.items())),
            "glossary": {kind: glossary.get(kind, 0) for kind in ("added", "removed", "changed")},
            "findings": len(self.findings),
            "by_severity": {severity: severities.get(severity, 0) for severity in SEVERITIES},
            "by_code": dict(sorted(Counter(finding.code for finding in self.findings).items())),
        }

    def to_dict(self) -> dict:
        return {
            "schema_version": DIFF_SCHEMA_VERSION,
            "kind": "natprog-diff",
            "old": self.old.describe(),
            "new": self.new.describe(),
            "same_year": self.same_year,
            "threshold": self.threshold,
            "summary": self.summary(),
            "added": [item.to_dict() for item in self.added],
            "dropped": [item.to_dict() for item in self.dropped],
            "changed": [match.to_dict() for match in self.changed],
            "unchanged": [match.to_dict() for match in self.unchanged],
            "glossary": [change.to_dict() for change in self.glossary],
            "findings": [finding.to_dict() for finding in self.findings],
        }


def notes_by_activity(data: dict) -> dict[str, list[dict]]:
    """The findings of a serialized diff grouped by the id of the new activity they are about."""
    notes: dict[str, list[dict]] = {}
    for finding in data["findings"]:
        activity = finding["location"]["activity"]
        if activity:
            notes.setdefault(activity, []).append(finding)
    return notes
