"""Typed models passed between the stages: blocks in, programme and findings out.

Every model that reaches an output has a `to_dict()`; the emitters start from those only.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from typing import Any, Literal, Protocol

from .collation import collation_key
from .options import Options

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
    ocr: bool = False  # the text was read by OCR from a scanned page
    confidence: float | None = None  # OCR's mean word confidence in the block, 0–100

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
            # Only on OCR'd text, so the outputs of drafts with a text layer stay as they were.
            **({"ocr": True, "confidence": self.confidence} if self.ocr else {}),
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
    encoding: str | None = None  # for text files
    # Automatic-numbering start values outside what Word accepts, as written (clamped on reading).
    numbering_clamped: list[int] = field(default_factory=list)


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

    def copy(self) -> Field:
        items = None if self.items is None else [replace(item) for item in self.items]
        return replace(self, blocks=list(self.blocks), items=items)

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

    def copy(self) -> Activity:
        fields = {key: value.copy() for key, value in self.fields.items()}
        return replace(self, fields=fields, title_blocks=list(self.title_blocks))

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

    def copy(self) -> Section:
        return replace(
            self,
            strategic_goal=self.strategic_goal.copy() if self.strategic_goal else None,
            operational_goals=list(self.operational_goals),
            activities=[activity.copy() for activity in self.activities],
            title_blocks=list(self.title_blocks),
            intro_blocks=list(self.intro_blocks),
        )

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
    count: int = 1  # a wide table's column header stands for each row it labels


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
    layout: str | None = None  # "label-table", "paragraphs", "wide-table" or "mixed"
    abbreviations: AbbreviationIndex | None = None  # set by the abbreviations stage
    # The body blocks as the parser placed them (each with its section/activity/field context);
    # the parser's own copies, so ingest's Document stays as ingest made it.
    blocks: list[Block] = field(default_factory=list)

    @property
    def activities(self) -> list[Activity]:
        return [activity for section in self.sections for activity in section.activities]

    def copy(self) -> Programme:
        """A copy for the next stage to build on (normalize, abbreviations): new sections,
        activities, fields and institution items, so filling them in changes nothing of this
        programme. Blocks, labels and glossary entries are shared: no stage after the parser
        changes them."""
        return replace(
            self,
            sections=[section.copy() for section in self.sections],
            glossary=list(self.glossary),
            labels=list(self.labels),
            title_blocks=list(self.title_blocks),
            unknown_labels=list(self.unknown_labels),
            blocks=list(self.blocks),
        )


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


# -- What the abbreviations stage knows: definitions (document, inline, master) and every use.
# Built by `abbreviations.resolve`; the checks, the institutions and the JSON's `abbreviations`
# key all read it.

DEFINED_IN = ("document", "inline", "master")


class MasterLookup(Protocol):
    """The master glossary as the index uses it (`abbreviations.master.MasterGlossary`)."""

    by_abbreviation: dict

    def __contains__(self, abbreviation: str) -> bool: ...
    def best(self, abbreviation: str, year: int | None) -> Any: ...
    def outdated(self, abbreviation: str, year: int | None) -> bool: ...


@dataclass(frozen=True, slots=True)
class InlineDefinition:
    """One definition found in a text; offsets index that text."""

    short: str
    long: str
    short_start: int
    short_end: int
    long_start: int
    long_end: int


@dataclass(slots=True)
class Mention:
    """One use of an abbreviation; `start`/`end` index `block.text`."""

    abbreviation: str
    block: Block
    start: int
    end: int
    suffix: str | None = None
    place: str | None = None


@dataclass(slots=True)
class InlineUse:
    """An inline definition and the block it was found in."""

    definition: InlineDefinition
    block: Block


@dataclass(slots=True)
class AbbreviationIndex:
    year: int | None
    master: MasterLookup
    glossary: dict[str, GlossaryEntry] = field(default_factory=dict)  # first entry per abbreviation
    inline: dict[str, InlineUse] = field(default_factory=dict)  # first inline definition
    mentions: list[Mention] = field(default_factory=list)  # uses, in document order
    variants: dict[str, str] = field(default_factory=dict)  # as written -> the intended one

    def defined_in(self, abbreviation: str) -> str | None:
        if abbreviation in self.glossary:
            return "document"
        if abbreviation in self.inline:
            return "inline"
        return "master" if abbreviation in self.master else None

    def known(self, abbreviation: str) -> bool:
        return self.defined_in(abbreviation) is not None

    def document_expansion(self, abbreviation: str) -> str | None:
        """The document's own meaning: its glossary, else its inline definition."""
        entry = self.glossary.get(abbreviation)
        if entry is not None and entry.expansion:
            return entry.expansion
        use = self.inline.get(abbreviation)
        return use.definition.long if use else None

    def expansion(self, abbreviation: str) -> str | None:
        """The document's meaning wins; the master's row for the programme's year otherwise."""
        own = self.document_expansion(abbreviation)
        if own:
            return own
        row = self.master.best(abbreviation, self.year)
        return row.expansion if row else None

    def uses(self) -> dict[str, list[Mention]]:
        out: dict[str, list[Mention]] = {}
        for mention in self.mentions:
            out.setdefault(mention.abbreviation, []).append(mention)
        return out

    def to_dict(self) -> list[dict]:
        """The resolved table: every abbreviation the document defines or uses, in Bulgarian order."""
        counts = Counter(mention.abbreviation for mention in self.mentions)
        first_use: dict[str, Mention] = {}
        for mention in self.mentions:
            first_use.setdefault(mention.abbreviation, mention)
        names = set(self.glossary) | set(self.inline) | set(counts)
        rows = []
        for name in sorted(names, key=collation_key):
            entry = self.glossary.get(name)
            inline = self.inline.get(name)
            master = self.master.best(name, self.year)
            use = first_use.get(name)
            rows.append(
                {
                    "abbreviation": name,
                    "expansion": self.expansion(name),
                    "defined_in": self.defined_in(name),
                    "used": counts.get(name, 0),
                    "document": entry.expansion if entry else None,
                    "inline": inline.definition.long if inline else None,
                    "master": master.to_dict() if master else None,
                    "variant_of": self.variants.get(name),
                    "outdated": self.master.outdated(name, self.year),
                    "source": entry.to_dict()["source"]
                    if entry
                    else inline.block.prov.to_dict()
                    if inline
                    else None,
                    "first_use": use.block.prov.to_dict() if use else None,
                }
            )
        return rows


# -- A run's result and its one serialization: JSON, CSV, XLSX and HTML all start from
# `Result.to_dict()`. No timestamps, no absolute paths: the same input gives the same data.


@dataclass(slots=True)
class Result:
    """Everything one run knows about one input."""

    document: Document
    programme: Programme | None
    findings: list[Finding]
    options: Options

    @property
    def stem(self) -> str:
        return PurePath(self.document.path).stem

    def to_dict(self) -> dict:
        return result_to_dict(self)

    def summary(self) -> dict:
        """The `summary` part of `to_dict()`, without serializing the rest again."""
        return summarize(self)


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
            "layout": programme.layout if programme else None,
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


def institutions_table(activities: list[dict]) -> list[dict]:
    """One row per institution with the activities it leads and those it partners, from the data."""
    rows: dict[tuple, dict] = {}
    for activity in activities:
        for role in ("responsible", "partners"):
            for item in activity[role].get("items") or []:
                abbreviation = item.get("abbreviation")
                place = item.get("place")
                if abbreviation:
                    key = ("abbreviation", abbreviation, place or "")
                    title = f"{abbreviation} – {place}" if place else abbreviation
                else:
                    key = ("name", " ".join(item["name"].casefold().split()), "")
                    title = item["name"]
                row = rows.setdefault(
                    key,
                    {
                        "name": title,
                        "abbreviation": abbreviation,
                        "expansion": item.get("expansion"),
                        "place": place,
                        "defined_in": item.get("defined_in"),
                        "responsible": [],
                        "partners": [],
                        "written": [],
                    },
                )
                if activity["id"] not in row[role]:
                    row[role].append(activity["id"])
                if item["name"] not in row["written"]:
                    row["written"].append(item["name"])
    out = []
    for row in sorted(rows.values(), key=lambda r: collation_key(r["name"])):
        row["responsible_count"] = len(row["responsible"])
        row["partners_count"] = len(row["partners"])
        row["written"] = sorted(row["written"], key=collation_key)
        out.append(row)
    return out
