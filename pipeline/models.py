"""Typed models passed between the stages: blocks in, programme and findings out.

Every model that reaches an output has a `to_dict()`; the emitters start from those only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from .abbreviations.index import AbbreviationIndex

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
Format = Literal["docx", "pdf", "txt"]
Part = Literal["body", "header", "footer"]
DeadlineKind = Literal["date", "month", "quarter", "year", "permanent", "unknown"]
DEADLINE_KINDS: tuple[str, ...] = ("date", "month", "quarter", "year", "permanent", "unknown")

# The six fields of an activity, in document order. Keys are the JSON contract.
FIELD_KEYS: tuple[str, ...] = (
    "responsible",
    "partners",
    "financing",
    "deadline",
    "expected_results",
    "indicators",
)


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a piece of text came from: page (PDF), paragraph (DOCX), line (TXT), table cell."""

    page: int | None = None
    paragraph: int | None = None
    line: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    part: Part = "body"

    def __post_init__(self) -> None:
        for name in ("page", "paragraph", "line", "table", "row", "cell"):
            value = getattr(self, name)
            if value is not None and value < 1:
                raise ValueError(f"Provenance.{name} is 1-based, got {value}")

    def to_dict(self) -> dict:
        return {
            "page": self.page,
            "paragraph": self.paragraph,
            "line": self.line,
            "table": self.table,
            "row": self.row,
            "cell": self.cell,
            "bbox": [round(v, 2) for v in self.bbox] if self.bbox else None,
            "part": self.part,
        }


@dataclass(slots=True)
class Context:
    """Where a block sits in the programme's structure; set by the parser."""

    section: int | None = None
    activity: str | None = None  # activity id, e.g. "III.5"
    field: str | None = (
        None  # a FIELD_KEYS key, "title", "strategic_goal", "operational_goals", ...
    )


@dataclass(slots=True)
class Block:
    """One unit of text as the reader sees it: a paragraph, a table-cell paragraph or a line.

    `text` already contains the number an automatic list shows (`list_label`), so offsets into
    `text` past `len(list_label)` map back to the document's own runs.
    """

    text: str
    prov: Provenance
    bold: bool = False
    style: str | None = None
    indent: int = 0
    list_label: str | None = None
    context: Context = field(default_factory=Context)
    seq: int = 0  # position in Document.blocks, i.e. document order
    offset: int = 0  # where `text` starts in the source paragraph (a value split off its label)

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise TypeError("Block.text must be a str")


@dataclass(frozen=True, slots=True)
class TrackedChanges:
    insertions: int = 0
    deletions: int = 0
    moves: int = 0
    formatting: int = 0
    authors: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return self.insertions + self.deletions + self.moves + self.formatting

    def to_dict(self) -> dict:
        return {
            "insertions": self.insertions,
            "deletions": self.deletions,
            "moves": self.moves,
            "formatting": self.formatting,
            "total": self.total,
            "authors": list(self.authors),
        }


@dataclass(frozen=True, slots=True)
class Comment:
    """A reviewer's comment already in the draft (not part of its text)."""

    author: str
    text: str
    anchor_text: str
    prov: Provenance | None = None
    date: str | None = None

    def to_dict(self) -> dict:
        return {
            "author": self.author,
            "text": self.text,
            "anchor_text": self.anchor_text,
            "date": self.date,
            "source": self.prov.to_dict() if self.prov else None,
        }


@dataclass(frozen=True, slots=True)
class ProofMark:
    """A span Word's own proofing flagged (`w:proofErr`), kept as an extra spelling signal."""

    paragraph: int
    start: int
    end: int
    kind: str  # "spellStart" / "gramStart"


@dataclass(slots=True)
class Document:
    """What ingest hands to the parser: the body blocks plus what is not body text."""

    path: str
    format: Format
    sha256: str
    blocks: list[Block]
    header_blocks: list[Block] = field(default_factory=list)
    footer_blocks: list[Block] = field(default_factory=list)
    pages: int | None = None
    tracked_changes: TrackedChanges | None = None
    comments: list[Comment] = field(default_factory=list)
    proof_marks: list[ProofMark] = field(default_factory=list)
    layout: str | None = (
        None  # set by the parser: "label-table", "paragraphs", "wide-table", "mixed"
    )
    encoding: str | None = None  # for text files
    # Automatic-numbering start values outside what Word accepts, as written (clamped on reading).
    numbering_clamped: list[int] = field(default_factory=list)
    # The DOCX walk (ingest.wordxml.WordWalk), kept for the annotated copy; never serialized.
    word_walk: Any = field(default=None, repr=False, compare=False)


@dataclass(slots=True)
class Deadline:
    text: str | None
    kind: DeadlineKind = "unknown"
    start: dt.date | None = None
    end: dt.date | None = None

    def __post_init__(self) -> None:
        if self.kind not in DEADLINE_KINDS:
            raise ValueError(f"unknown deadline kind {self.kind!r}")
        if self.start and self.end and self.start > self.end:
            raise ValueError(f"deadline starts after it ends: {self.start} > {self.end}")

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "kind": self.kind,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
        }


@dataclass(slots=True)
class Institution:
    """One item of `Отговорна институция`/`Партньори`, resolved against the glossaries."""

    name: str
    abbreviation: str | None = None
    expansion: str | None = None
    # "document", "master", "inline", or None when not resolved
    defined_in: str | None = None
    place: str | None = None  # "Варна" in "МКБТХ – Варна"
    # how it resolved: "abbreviation", "place", "variant" (a near miss), "name" (full name)
    match: str | None = None

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "abbreviation": self.abbreviation,
            "expansion": self.expansion,
            "defined_in": self.defined_in,
            "place": self.place,
            "match": self.match,
        }


@dataclass(slots=True)
class Field:
    """A labelled value of an activity (or of a section), with the blocks it was read from."""

    key: str
    label: str | None  # the label exactly as written, e.g. "Експертна помощ"
    text: str | None  # None when the field is absent
    blocks: list[Block] = field(default_factory=list)
    label_block: Block | None = None
    items: list[Institution] | None = None  # responsible / partners
    deadline: Deadline | None = None  # deadline only

    @property
    def source(self) -> Provenance | None:
        if self.blocks:
            return self.blocks[0].prov
        return self.label_block.prov if self.label_block else None

    def to_dict(self) -> dict:
        out: dict = {"text": self.text, "label": self.label, "source": _span(self.blocks)}
        if self.items is not None:
            out["items"] = [item.to_dict() for item in self.items]
        if self.key == "deadline":
            deadline = self.deadline or Deadline(self.text)
            out.update({k: v for k, v in deadline.to_dict().items() if k != "text"})
        return out


def join_blocks(blocks: list[Block]) -> str:
    """Field text from its blocks: paragraphs joined by a newline, spaces inside tidied."""
    lines = []
    for block in blocks:
        for line in block.text.split("\n"):
            tidy = " ".join(line.split())
            if tidy:
                lines.append(tidy)
    return "\n".join(lines)


def _span(blocks: list[Block]) -> dict | None:
    """Provenance of a run of blocks: the first block's place plus where the run ends."""
    if not blocks:
        return None
    out = blocks[0].prov.to_dict()
    last = blocks[-1].prov
    out["page_end"] = last.page
    out["paragraph_end"] = last.paragraph
    out["line_end"] = last.line
    return out


@dataclass(slots=True)
class Activity:
    section: int
    number: int | None
    number_text: str  # as written: "Дейност 3"
    title: str
    fields: dict[str, Field]
    heading_block: Block
    title_blocks: list[Block] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{to_roman(self.section)}.{self.number if self.number is not None else '?'}"

    @property
    def partners_label(self) -> str | None:
        return self.fields["partners"].label

    def field(self, key: str) -> Field:
        return self.fields[key]

    def to_dict(self) -> dict:
        out = {
            "id": self.id,
            "section": self.section,
            "number": self.number,
            "number_text": self.number_text,
            "title": self.title,
            "partners_label": self.partners_label,
            "source": self.heading_block.prov.to_dict(),
        }
        for key in FIELD_KEYS:
            out[key] = self.fields[key].to_dict()
        return out


@dataclass(slots=True)
class OperationalGoal:
    number: int | None
    text: str
    blocks: list[Block] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"number": self.number, "text": self.text, "source": _span(self.blocks)}


@dataclass(slots=True)
class Section:
    number: int | None
    numeral: str  # as written, possibly with Cyrillic look-alikes
    title: str
    heading_block: Block
    strategic_goal: Field | None = None
    operational_goals: list[OperationalGoal] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    title_blocks: list[Block] = field(default_factory=list)
    intro_blocks: list[Block] = field(default_factory=list)  # unlabelled text before the goals
    goals_label: Block | None = None

    def to_dict(self) -> dict:
        return {
            "number": self.number,
            "numeral": self.numeral,
            "title": self.title,
            "strategic_goal": self.strategic_goal.text if self.strategic_goal else None,
            "strategic_goal_source": _span(self.strategic_goal.blocks)
            if self.strategic_goal
            else None,
            "operational_goals": [goal.to_dict() for goal in self.operational_goals],
            "activities": [activity.to_dict() for activity in self.activities],
            "intro": join_blocks(self.intro_blocks) if self.intro_blocks else None,
            "source": self.heading_block.prov.to_dict(),
        }


@dataclass(slots=True)
class GlossaryEntry:
    abbreviation: str
    expansion: str | None
    blocks: list[Block] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "abbreviation": self.abbreviation,
            "expansion": self.expansion,
            "source": _span(self.blocks),
        }


@dataclass(slots=True)
class LabelUse:
    """A label as written in the draft, matched to its canonical form; for the label checks."""

    canonical: str  # canonical label text, e.g. "СТРАТЕГИЧЕСКА ЦЕЛ"
    key: str  # field key or structural key
    written: str
    block: Block
    distance: int


@dataclass(slots=True)
class Programme:
    title: str | None
    year: int | None
    draft: bool
    sections: list[Section]
    glossary: list[GlossaryEntry]
    labels: list[LabelUse] = field(default_factory=list)
    glossary_label: LabelUse | None = None
    title_blocks: list[Block] = field(default_factory=list)
    unknown_labels: list[Block] = field(default_factory=list)  # label cells matching no label
    layout: str | None = None
    abbreviations: AbbreviationIndex | None = None  # set by the abbreviations stage

    @property
    def activities(self) -> list[Activity]:
        return [activity for section in self.sections for activity in section.activities]


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding is: structure (section/activity/field) and place (page/paragraph/line)."""

    section: int | None = None
    activity: str | None = None
    field: str | None = None
    page: int | None = None
    paragraph: int | None = None
    line: int | None = None
    block: int | None = None  # index of the block in document order

    def to_dict(self) -> dict:
        return {
            "block": self.block,
            "section": self.section,
            "activity": self.activity,
            "field": self.field,
            "page": self.page,
            "paragraph": self.paragraph,
            "line": self.line,
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """One proofreading result. `start`/`end` index into the block's text when known."""

    code: str
    severity: Severity
    message: str
    text: str | None = None
    suggestion: str | None = None
    location: Location = field(default_factory=Location)
    context: str | None = None  # the sentence or value around `text`
    start: int | None = None  # offset of `text` within `context`
    end: int | None = None
    context_offset: int = 0  # offset of `context` within its source paragraph (DOCX anchoring)
    suggestions: tuple[str, ...] = ()
    signals: tuple[str, ...] = ()  # extra evidence, e.g. "word-proofing"

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")
        if "." not in self.code:
            raise ValueError(f"finding codes are `family.name`, got {self.code!r}")

    def sort_key(self) -> tuple:
        loc = self.location
        return (
            loc.block if loc.block is not None else 1 << 30,
            loc.page or 0,
            loc.paragraph or 0,
            loc.line or 0,
            self.start or 0,
            self.code,
            self.text or "",
        )

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "text": self.text,
            "suggestion": self.suggestion,
            "suggestions": list(self.suggestions),
            "location": self.location.to_dict(),
            "context": self.context,
            "start": self.start,
            "end": self.end,
            "context_offset": self.context_offset,
            "signals": list(self.signals),
        }


ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def to_roman(number: int | None) -> str:
    if number is None or not 1 <= number <= len(ROMAN):
        return "?"
    return ROMAN[number - 1]
