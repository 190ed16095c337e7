"""Abbreviation checks: undefined, unused, variant, conflicting, outdated, inline-only, glossary order.

They read the `AbbreviationIndex` the abbreviations stage built; each finding sits at the exact
mention or glossary entry, with the fix as suggestion.
"""

from __future__ import annotations

from bisect import bisect_left

from ..abbreviations.similarity import collation_key, same_meaning
from ..models import AbbreviationIndex
from .registry import CheckContext, Rule, check


def _index(ctx: CheckContext) -> AbbreviationIndex | None:
    """The abbreviations stage's index; None for a programme that did not go through the stage
    (a hand-built one in library use): these checks then have nothing to read."""
    return ctx.programme.abbreviations


def _entry_block(entry):
    return entry.blocks[0] if entry.blocks else None


def _glossary_line(abbreviation: str, expansion: str | None) -> str:
    return f"{abbreviation} – {expansion}" if expansion else abbreviation


@check(Rule("abbreviation.undefined", "warning", "Неопределена абревиатура"))
def undefined(ctx: CheckContext) -> None:
    """An abbreviation used but defined neither in the document's list nor inline (at its first use).

    Known only to the master list: info, with the master's expansion; unknown anywhere: warning.
    Well-known ones (ЕС, САЩ) need no definition; near misses are `abbreviation.variant`.
    """
    index = _index(ctx)
    if index is None:
        return
    for name, mentions in index.uses().items():
        where = index.defined_in(name)
        if where in ("document", "inline") or name in index.variants:
            continue
        if where == "master" and index.master.well_known(name):
            continue
        first = mentions[0]
        times = f" (среща се {len(mentions)} пъти)" if len(mentions) > 1 else ""
        if where == "master":
            expansion = index.expansion(name)
            message = (
                f"абревиатурата „{name}“ не е определена в документа{times}; "
                f"в общия списък: „{expansion}“"
            )
            suggestion = f"добавете в списъка с абревиатури: „{_glossary_line(name, expansion)}“"
            severity = "info"
        else:
            message = (
                f"абревиатурата „{name}“ не е определена нито в документа, "
                f"нито в общия списък{times}"
            )
            suggestion = f"добавете „{name}“ и разшифровката ѝ в списъка с абревиатури"
            severity = None
        ctx.report(
            "abbreviation.undefined",
            message,
            block=first.block,
            text=first.block.text[first.start : first.end],
            start=first.start,
            end=first.end,
            suggestion=suggestion,
            severity=severity,
        )


@check(Rule("abbreviation.unused", "warning", "Неизползвана абревиатура"))
def unused(ctx: CheckContext) -> None:
    """An entry of the document's list of abbreviations that the text never uses."""
    index = _index(ctx)
    if index is None:
        return
    used = {mention.abbreviation for mention in index.mentions}
    used |= {index.variants[name] for name in used if name in index.variants}
    for name, entry in index.glossary.items():
        if name in used:
            continue
        ctx.report(
            "abbreviation.unused",
            f"абревиатурата „{name}“ е в списъка с абревиатури, но не се използва в текста",
            block=_entry_block(entry),
            text=name,
            suggestion=f"премахнете „{_glossary_line(name, entry.expansion)}“ от списъка",
        )


@check(Rule("abbreviation.variant", "warning", "Сгрешена абревиатура"))
def variant(ctx: CheckContext) -> None:
    """A near miss of a defined abbreviation: a letter off or two swapped (`МОНМ` for `МОМН`)."""
    index = _index(ctx)
    if index is None:
        return
    for mention in index.mentions:
        intended = index.variants.get(mention.abbreviation)
        if intended is None:
            continue
        expansion = index.expansion(intended)
        meaning = f" ({expansion})" if expansion else ""
        ctx.report(
            "abbreviation.variant",
            f"„{mention.abbreviation}“ не е определена; вероятно е „{intended}“{meaning}",
            block=mention.block,
            text=mention.block.text[mention.start : mention.end],
            start=mention.start,
            end=mention.end,
            suggestion=intended,
        )


@check(Rule("abbreviation.conflict", "info", "Различно значение на абревиатура"))
def conflict(ctx: CheckContext) -> None:
    """The document's meaning differs from the master list's, or its list from its own text.

    The document's definition wins for the document; this only asks to make sure.
    """
    index = _index(ctx)
    if index is None:
        return
    for name in [*index.glossary, *(n for n in index.inline if n not in index.glossary)]:
        own = index.document_expansion(name)
        entry = index.glossary.get(name)
        block = _entry_block(entry) if entry else index.inline[name].block
        rows = index.master.entries(name)
        if own and rows and not any(same_meaning(own, row.expansion) for row in rows):
            master = " / ".join(f"„{row.expansion}“" for row in rows)
            ctx.report(
                "abbreviation.conflict",
                f"„{name}“ означава „{own}“ в документа, а в общия списък – {master}",
                block=block,
                text=name,
                suggestion=rows[0].expansion,
            )
    for name, use in index.inline.items():
        entry = index.glossary.get(name)
        long = use.definition.long
        if entry is None or not entry.expansion or same_meaning(entry.expansion, long):
            continue
        ctx.report(
            "abbreviation.conflict",
            f"„{name}“ е определена в текста като „{long}“, "
            f"а в списъка с абревиатури – като „{entry.expansion}“",
            block=use.block,
            text=name,
            start=use.definition.short_start,
            end=use.definition.short_end,
            suggestion=entry.expansion,
        )


@check(Rule("abbreviation.inline", "info", "Абревиатура, определена само в текста"))
def inline(ctx: CheckContext) -> None:
    """`long form (SHORT)` in the text while the list of abbreviations lacks SHORT."""
    index = _index(ctx)
    if index is None:
        return
    for name, use in index.inline.items():
        if name in index.glossary or index.master.well_known(name):
            continue
        definition = use.definition
        ctx.report(
            "abbreviation.inline",
            f"„{name}“ е определена в текста („{definition.long}“), "
            f"но липсва в списъка с абревиатури",
            block=use.block,
            text=name,
            start=definition.short_start,
            end=definition.short_end,
            suggestion=f"добавете в списъка с абревиатури: „{name} – {definition.long}“",
        )


@check(Rule("abbreviation.outdated", "warning", "Остаряло наименование"))
def outdated(ctx: CheckContext) -> None:
    """A name not valid in the programme's year (МОМН in a 2014 draft): a copy from an old programme."""
    index = _index(ctx)
    if index is None:
        return
    year = index.year
    names = {mention.abbreviation for mention in index.mentions} | set(index.glossary)
    stale = {name for name in names if index.master.outdated(name, year)}
    if not stale:
        return

    def report(name: str, block, start=None, end=None) -> None:
        current = index.master.current_name(name, year)
        spans = ", ".join(
            _years(row.valid_from, row.valid_to) for row in index.master.entries(name)
        )
        ctx.report(
            "abbreviation.outdated",
            f"„{name}“ не е валидно наименование през {year} г. (валидно {spans})"
            + (f"; през {year} г. е „{current}“" if current else ""),
            block=block,
            text=name if start is None else block.text[start:end],
            start=start,
            end=end,
            suggestion=current,
        )

    for name, entry in index.glossary.items():
        if name in stale:
            report(name, _entry_block(entry))
    for mention in index.mentions:
        if mention.abbreviation in stale:
            report(mention.abbreviation, mention.block, mention.start, mention.end)


def _years(start: int | None, end: int | None) -> str:
    if start and end:
        return f"{start}–{end}"
    return f"от {start}" if start else f"до {end}"


@check(Rule("glossary.order", "info", "Списъкът с абревиатури не е по азбучен ред"))
def glossary_order(ctx: CheckContext) -> None:
    """Entries out of Bulgarian alphabetical order: the fewest moves that sort the list."""
    entries = ctx.programme.glossary
    keys = [collation_key(entry.abbreviation) for entry in entries]
    keep = _longest_sorted(keys)
    ordered = [entries[i] for i in sorted(keep)]
    for position, entry in enumerate(entries):
        if position in keep:
            continue
        key = keys[position]
        before = [e for e in ordered if collation_key(e.abbreviation) < key]
        after = before[-1].abbreviation if before else None
        ctx.report(
            "glossary.order",
            f"„{entry.abbreviation}“ не е на мястото си по азбучен ред",
            block=_entry_block(entry),
            text=entry.abbreviation,
            suggestion=f"преместете „{entry.abbreviation}“ след „{after}“"
            if after
            else f"преместете „{entry.abbreviation}“ в началото на списъка",
        )


def _longest_sorted(keys: list) -> set[int]:
    """Indices of a longest non-decreasing subsequence (patience sorting)."""
    tails: list = []
    tail_index: list[int] = []
    parent = [-1] * len(keys)
    for index, key in enumerate(keys):
        slot = bisect_left(tails, (key, index))
        if slot == len(tails):
            tails.append((key, index))
            tail_index.append(index)
        else:
            tails[slot] = (key, index)
            tail_index[slot] = index
        parent[index] = tail_index[slot - 1] if slot else -1
    keep = set()
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        keep.add(index)
        index = parent[index]
    return keep


@check(Rule("glossary.duplicate", "warning", "Повторена абревиатура в списъка"))
def glossary_duplicate(ctx: CheckContext) -> None:
    """The same abbreviation listed twice (at the second entry; says whether the meanings agree)."""
    first: dict = {}
    for entry in ctx.programme.glossary:
        earlier = first.setdefault(entry.abbreviation, entry)
        if earlier is entry:
            continue
        same = same_meaning(earlier.expansion, entry.expansion)
        how = (
            "със същото значение"
            if same
            else f"с друго значение („{earlier.expansion}“ и „{entry.expansion}“)"
        )
        ctx.report(
            "glossary.duplicate",
            f"„{entry.abbreviation}“ е в списъка с абревиатури повече от веднъж, {how}",
            block=_entry_block(entry),
            text=entry.abbreviation,
            suggestion=f"оставете един ред „{_glossary_line(entry.abbreviation, earlier.expansion)}“",
        )
