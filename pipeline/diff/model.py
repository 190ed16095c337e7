"""The comparable view of one draft: what `natprog diff` needs of a programme, and nothing else.

Built from a processed draft (`from_result`) or from its extraction JSON (`load.draft_from_json`);
both give equal objects for the same draft, so a diff does not depend on where its input came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..models import FIELD_KEYS, Deadline, Provenance

if TYPE_CHECKING:
    from ..models import Result

Origin = Literal["draft", "json"]
# Keys compared for each activity: the title first, then the six fields in document order.
CONTENT_KEYS: tuple[str, ...] = ("title", *FIELD_KEYS)


@dataclass(frozen=True, slots=True)
class DraftField:
    """One of the six fields of an activity as written, with where it was read from."""

    key: str
    text: str | None
    label: str | None = None
    items: tuple[str, ...] | None = None  # institution names (responsible / partners only)
    deadline: Deadline | None = None  # deadline only
    source: Provenance | None = None

    def to_dict(self) -> dict:
        out: dict = {"text": self.text, "label": self.label}
        if self.items is not None:
            out["items"] = list(self.items)
        if self.deadline is not None:
            deadline = self.deadline.to_dict()
            out.update({k: v for k, v in deadline.items() if k != "text"})
        out["source"] = self.source.to_dict() if self.source else None
        return out


@dataclass(frozen=True, slots=True)
class DraftActivity:
    id: str  # "III.5"
    section: int | None
    number: int | None
    title: str
    fields: tuple[DraftField, ...]  # in FIELD_KEYS order
    source: Provenance | None = None

    def field(self, key: str) -> DraftField:
        return self.fields[FIELD_KEYS.index(key)]

    def text(self, key: str) -> str | None:
        """The text of the title or of one of the six fields."""
        return self.title if key == "title" else self.field(key).text

    def to_dict(self) -> dict:
        out: dict = {
            "id": self.id,
            "section": self.section,
            "number": self.number,
            "title": self.title,
            "source": self.source.to_dict() if self.source else None,
        }
        for item in self.fields:
            out[item.key] = item.to_dict()
        return out


@dataclass(frozen=True, slots=True)
class DraftSection:
    number: int | None
    numeral: str
    title: str


@dataclass(frozen=True, slots=True)
class DraftGlossaryEntry:
    abbreviation: str
    expansion: str | None
    source: Provenance | None = None


@dataclass(frozen=True, slots=True)
class Draft:
    """A programme as `natprog diff` compares it; `origin` says where it was loaded from."""

    file: str
    format: str
    sha256: str
    title: str | None
    year: int | None
    draft: bool
    sections: tuple[DraftSection, ...]
    activities: tuple[DraftActivity, ...]
    glossary: tuple[DraftGlossaryEntry, ...]
    origin: Origin = field(default="draft", compare=False)

    def section_title(self, number: int | None) -> str | None:
        for section in self.sections:
            if section.number == number:
                return section.title
        return None

    def describe(self) -> dict:
        """The draft's identity for the outputs (no absolute paths)."""
        return {
            "file": self.file,
            "format": self.format,
            "sha256": self.sha256,
            "title": self.title,
            "year": self.year,
            "draft": self.draft,
            "origin": self.origin,
            "activities": len(self.activities),
            "glossary": len(self.glossary),
            "sections": [
                {"number": section.number, "numeral": section.numeral, "title": section.title}
                for section in self.sections
            ],
        }


def rounded(prov: Provenance | None) -> Provenance | None:
    """Provenance as the JSON keeps it (bounding boxes to 2 decimals), so both paths compare equal."""
    if prov is None or prov.bbox is None:
        return prov
    return replace(prov, bbox=tuple(round(v, 2) for v in prov.bbox))


def from_result(result: Result) -> Draft:
    """The comparable view of a processed draft (its `programme` must not be None)."""
    document, programme = result.document, result.programme
    assert programme is not None, "from_result needs a parsed programme"
    activities = []
    for activity in programme.activities:
        fields = []
        for key in FIELD_KEYS:
            value = activity.fields[key]
            fields.append(
                DraftField(
                    key=key,
                    text=value.text,
                    label=value.label,
                    items=tuple(item.name for item in value.items)
                    if value.items is not None
                    else None,
                    # the JSON always spells out a deadline's kind and range, even when unparsed
                    deadline=(value.deadline or Deadline(value.text))
                    if key == "deadline"
                    else None,
                    source=rounded(value.blocks[0].prov) if value.blocks else None,
                )
            )
        activities.append(
            DraftActivity(
                id=activity.id,
                section=activity.section,
                number=activity.number,
                title=activity.title,
                fields=tuple(fields),
                source=rounded(activity.heading_block.prov),
            )
        )
    return Draft(
        file=Path(document.path).name,
        format=document.format,
        sha256=document.sha256,
        title=programme.title,
        year=programme.year,
        draft=programme.draft,
        sections=tuple(
            DraftSection(section.number, section.numeral, section.title)
            for section in programme.sections
        ),
        activities=tuple(activities),
        glossary=tuple(
            DraftGlossaryEntry(
                entry.abbreviation,
                entry.expansion,
                rounded(entry.blocks[0].prov) if entry.blocks else None,
            )
            for entry in programme.glossary
        ),
        origin="draft",
    )
