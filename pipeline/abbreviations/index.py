"""What a run knows about abbreviations: definitions (document, inline, master) and every use.

Built once by `resolve.resolve_abbreviations`; the checks, the institutions and the
`abbreviations` key of the JSON all read it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..models import Block, GlossaryEntry
from .inline import InlineDefinition
from .master import MasterGlossary
from .similarity import collation_key

DEFINED_IN = ("document", "inline", "master")


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
    master: MasterGlossary
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
