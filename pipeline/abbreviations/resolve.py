"""The abbreviations stage: definitions, inline definitions, mentions, variants, institutions.

Runs after normalize; returns a new programme carrying an `AbbreviationIndex`, with every item of
`Отговорна институция` and `Партньори` resolved.
"""

from __future__ import annotations

from collections import Counter

from ..models import AbbreviationIndex, InlineUse, Mention, Programme
from ..options import Options
from .inline import find_definitions
from .institutions import resolve_institutions
from .master import load_master
from .mentions import Lexicon, find_mentions
from .similarity import collation_key, near_miss

_MASTER_VARIANT_MIN = 4  # below this, one letter off a master-only abbreviation is chance


def resolve_abbreviations(normalized: Programme, options: Options | None = None) -> Programme:
    """A copy of the programme with its `AbbreviationIndex` and its institution items resolved."""
    options = options or Options()
    programme = normalized.copy()
    index = AbbreviationIndex(year=programme.year, master=load_master(options.glossary_path))
    for entry in programme.glossary:
        index.glossary.setdefault(entry.abbreviation, entry)
    blocks = [
        block
        for block in programme.blocks
        if block.context.field != "glossary" and any(ch.isupper() for ch in block.text)
    ]
    definitions: dict[int, list[tuple[int, int]]] = {}
    for block in blocks:
        for definition in find_definitions(block.text):
            index.inline.setdefault(definition.short, InlineUse(definition, block))
            definitions.setdefault(id(block), []).append(
                (definition.short_start, definition.short_end)
            )
    lexicon = Lexicon(index.known)
    found = find_mentions((block.text for block in blocks), lexicon)
    for block, mentions in zip(blocks, found, strict=True):
        spans = definitions.get(id(block), ())
        for raw in mentions:
            if any(start <= raw.start < end for start, end in spans):
                continue  # the short form of its own definition is not a use
            index.mentions.append(
                Mention(raw.abbreviation, block, raw.start, raw.end, raw.suffix, raw.place)
            )
    index.variants = find_variants(index)
    resolve_institutions(programme, index, lexicon)
    programme.abbreviations = index
    return programme


def find_variants(index: AbbreviationIndex) -> dict[str, str]:
    """Used but defined nowhere, and one letter off (or two swapped) from a defined abbreviation.

    The document's own abbreviations are the likely intended ones; master-only ones count only
    for longer forms. An abbreviation the master knows is never someone else's variant.
    """
    counts = Counter(mention.abbreviation for mention in index.mentions)
    defined = list(dict.fromkeys([*index.glossary, *index.inline]))
    variants = {}
    for written in sorted(counts, key=collation_key):
        if index.known(written):
            continue
        candidates = [name for name in defined if near_miss(written, name)]
        if not candidates and len(written) >= _MASTER_VARIANT_MIN:
            candidates = [
                name
                for name in index.master.by_abbreviation
                if len(name) >= _MASTER_VARIANT_MIN and near_miss(written, name)
            ]
        if candidates:
            variants[written] = min(
                candidates,
                key=lambda name: (len(name) != len(written), -counts[name], collation_key(name)),
            )
    return variants
