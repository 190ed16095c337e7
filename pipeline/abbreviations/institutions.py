"""Institutions: each `Отговорна институция`/`Партньори` item resolved, and the per-institution table.

An item resolves by its abbreviation (`МВР`, `МКБТХ – Варна` with the place kept, `МОНМ` as the
variant of `МОМН`) or by its full name matching an expansion; anything else stays unknown
(`defined_in` null) rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from ..models import Institution, Programme
from .similarity import SAME_NAME, fold_expansion

if TYPE_CHECKING:
    from ..models import AbbreviationIndex
    from .mentions import Lexicon

_TRAILING = " .,;:"
_ITEM_PLACE = re.compile(r"^\s*(?:[–—-]\s*)?((?:\s?[А-Я][а-я]+){1,3})$")


def resolve_institutions(programme: Programme, index: AbbreviationIndex, lexicon: Lexicon) -> None:
    from .mentions import find_mentions

    items = [
        item
        for activity in programme.activities
        for key in ("responsible", "partners")
        for item in activity.fields[key].items or []
    ]
    names = list(dict.fromkeys(item.name for item in items))
    found = dict(zip(names, find_mentions(names, lexicon), strict=True))
    by_name = _expansion_choices(index)
    for item in items:
        _resolve(item, found[item.name], index, by_name)


def _expansion_choices(index: AbbreviationIndex) -> dict[str, str]:
    """Folded expansion -> abbreviation; the document's meanings first, then the master's."""
    choices: dict[str, str] = {}
    for name in [*index.glossary, *index.inline]:
        expansion = index.document_expansion(name)
        if expansion:
            choices.setdefault(fold_expansion(expansion), name)
    for name, rows in index.master.by_abbreviation.items():
        if name in index.glossary or name in index.inline:
            continue
        for row in rows:
            if row.valid_in(index.year):
                choices.setdefault(fold_expansion(row.expansion), name)
    return choices


def _resolve(item: Institution, mentions, index: AbbreviationIndex, by_name: dict) -> None:
    name = item.name.strip()
    whole = _whole_mention(name, mentions)
    if whole is not None:
        written = whole.abbreviation
        intended = index.variants.get(written, written)
        item.abbreviation = intended
        item.place = whole.place
        item.defined_in = index.defined_in(intended)
        item.expansion = index.expansion(intended) if item.defined_in else None
        if item.defined_in is None:
            item.match = None
        elif intended != written:
            item.match = "variant"
        else:
            item.match = "place" if whole.place else "abbreviation"
        return
    from rapidfuzz import fuzz, process

    best = process.extractOne(
        fold_expansion(name), list(by_name), scorer=fuzz.ratio, score_cutoff=SAME_NAME
    )
    if best is not None:
        abbreviation = by_name[best[0]]
        item.abbreviation = abbreviation
        item.expansion = index.expansion(abbreviation)
        item.defined_in = index.defined_in(abbreviation)
        item.match = "name"
        return
    item.abbreviation = item.expansion = item.defined_in = item.match = item.place = None


def _whole_mention(name: str, mentions):
    """The one mention that is the whole item (abbreviation, maybe with suffix or place).

    In an item, capitalised words after the abbreviation are its place even when the dictionary
    does not call them proper nouns (`МКБТХ Стара Загора`).
    """
    if len(mentions) != 1:
        return None
    mention = mentions[0]
    if name[: mention.start].strip(' „“"(') != "":
        return None
    end = mention.end
    if mention.place:
        end = name.index(mention.place, end) + len(mention.place)
    elif mention.suffix:
        end += len(mention.suffix)
    rest = name[end:].rstrip(_TRAILING + '”“")')
    if not rest.strip():
        return mention
    place = _ITEM_PLACE.match(rest)
    if place is None or mention.suffix:
        return None
    return replace(mention, place=" ".join(filter(None, [mention.place, place.group(1).strip()])))
