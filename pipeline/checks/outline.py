"""Structure checks: numbering of sections, goals and activities; missing fields; labels.

These only read the parsed `Programme`; text-level checks live in their own modules.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from rapidfuzz.distance import OSA

from ..models import FIELD_KEYS, Activity, Block, Programme, to_roman
from ..names import FIELD_NAMES
from ..parse.labels import LABELS, fold
from .registry import CheckContext, Rule, check, location_of


def _numbering(
    ctx: CheckContext,
    items: list[tuple[int | None, Block]],
    noun: str,
    where: str,
    show: Callable[[int], str] = str,
) -> None:
    """Gaps, duplicates and order in one numbered sequence (activities, goals or sections)."""
    seen: set[int] = set()
    previous: int | None = None
    for number, block in items:
        if number is None:
            continue
        if number in seen:
            ctx.report(
                "numbering.duplicate",
                f"{noun} {show(number)} се повтаря{where}",
                block=block,
                text=block.text.split("\n")[0][:60],
                suggestion=f"преномерирайте: следващият свободен номер е {show(max(seen) + 1)}",
            )
            continue
        if previous is not None and number < previous:
            ctx.report(
                "numbering.order",
                f"{noun} {show(number)} идва след {noun.lower()} {show(previous)}{where}",
                block=block,
                text=block.text.split("\n")[0][:60],
                suggestion=f"подредете по номер или преномерирайте като {show(previous + 1)}",
            )
        else:
            expected = 1 if previous is None else previous + 1
            if number > expected:
                missing = list(range(expected, number))
                shown = ", ".join(show(n) for n in missing)
                after = f" (след {noun.lower()} {show(previous)})" if previous is not None else ""
                ctx.report(
                    "numbering.gap",
                    f"липсва {noun.lower()} {shown}{where}{after}",
                    block=block,
                    text=block.text.split("\n")[0][:60],
                    suggestion=f"преномерирайте като {show(expected)} или добавете липсващата дейност"
                    if noun == "Дейност"
                    else f"преномерирайте като {show(expected)}",
                )
        seen.add(number)
        previous = number if previous is None or number > previous else previous


@check(
    Rule("numbering.gap", "error", "Пропуснат номер"),
    Rule("numbering.duplicate", "error", "Повторен номер"),
    Rule("numbering.order", "error", "Номер не по ред"),
)
def numbering(ctx: CheckContext) -> None:
    """Activity numbers within each section, operational goal numbers, and section numbers."""
    programme = ctx.programme
    sections = [(s.number, s.heading_block) for s in programme.sections]
    _numbering(ctx, sections, "Раздел", "", to_roman)
    for section in programme.sections:
        where = f" в Раздел {to_roman(section.number)}"
        _numbering(ctx, [(a.number, a.heading_block) for a in section.activities], "Дейност", where)
        goals = [(g.number, g.blocks[0]) for g in section.operational_goals if g.blocks]
        _numbering(ctx, goals, "Оперативна цел", where)


@check(
    Rule("field.missing", "error", "Липсващо поле"),
    Rule("field.empty", "error", "Празно поле"),
)
def fields(ctx: CheckContext) -> None:
    """Every activity has a title and the six fields, each with a value; sections have goals."""
    for section in ctx.programme.sections:
        where = f"Раздел {to_roman(section.number)}"
        if section.strategic_goal is None:
            ctx.report(
                "field.missing",
                f"{where}: липсва „Стратегическа цел“",
                block=section.heading_block,
                location=location_of(section.heading_block, field="strategic_goal"),
            )
        elif not section.strategic_goal.blocks:
            block = section.strategic_goal.label_block or section.heading_block
            ctx.report("field.empty", f"{where}: „Стратегическа цел“ е без текст", block=block)
        if section.goals_label is None and not section.operational_goals:
            ctx.report(
                "field.missing",
                f"{where}: липсват „Оперативни цели“",
                block=section.heading_block,
                location=location_of(section.heading_block, field="operational_goals"),
            )
        elif not section.operational_goals:
            ctx.report(
                "field.empty", f"{where}: „Оперативни цели“ са без текст", block=section.goals_label
            )
        for activity in section.activities:
            head = activity.heading_block
            name = f"Раздел {to_roman(section.number)}, Дейност {activity.number or '?'}"
            if not activity.title.strip():
                ctx.report(
                    "field.missing",
                    f"{name}: липсва наименование на дейността",
                    block=head,
                    location=location_of(head, field="title"),
                )
            strays = stray_labels(ctx.programme, activity)
            for key in FIELD_KEYS:
                item = activity.fields[key]
                label = FIELD_NAMES[key]
                if item.text is None and item.label_block is None and not item.blocks:
                    if key in strays:  # written, but misspelled: label.misspelled says so
                        continue
                    ctx.report(
                        "field.missing",
                        f"{name}: липсва полето „{label}“",
                        block=head,
                        location=location_of(head, field=key, activity=activity.id),
                        suggestion=f"добавете „{label}“",
                    )
                elif not (item.text or "").strip():
                    block = item.label_block or head
                    ctx.report(
                        "field.empty",
                        f"{name}: полето „{item.label or label}“ е празно",
                        block=block,
                        location=location_of(block, field=key, activity=activity.id),
                    )


def _near_label(text: str, key: str) -> str | None:
    """The label of `key` that `text` misspells by a letter or two (`Сррок`), if any."""
    folded = fold(text)
    for label in LABELS[key]:
        target = fold(label)
        allowed = 1 if len(target) <= 10 else 2
        if (
            abs(len(folded) - len(target)) <= allowed
            and 0 < OSA.distance(folded, target) <= allowed
        ):
            return label
    return None


def stray_labels(programme: Programme, activity: Activity) -> dict[str, tuple[Block, str]]:
    """Fields an activity lacks whose label is there but too misspelled for the parser to see
    (its value was read into the field before): missing field key -> (label block, label)."""
    missing = [
        key
        for key in FIELD_KEYS
        if activity.fields[key].text is None
        and activity.fields[key].label_block is None
        and not activity.fields[key].blocks
    ]
    if not missing:
        return {}
    candidates = [block for key in FIELD_KEYS for block in activity.fields[key].blocks]
    candidates += [b for b in programme.unknown_labels if b.context.activity == activity.id]
    found: dict[str, tuple[Block, str]] = {}
    for block in candidates:
        text = block.text.strip()
        if not text or len(text) > 40 or "\n" in text:
            continue
        for key in missing:
            label = _near_label(text, key)
            if label and key not in found:
                found[key] = (block, label)
    return found


def _cased_like(written: str, canonical: str) -> str:
    """The canonical label in the case and with the colon the author used."""
    core = written.rstrip(" :")
    fixed = canonical.upper() if core.isupper() else canonical
    return fixed + (":" if written.rstrip().endswith(":") else "")


@check(
    Rule("label.misspelled", "warning", "Грешно изписан етикет"),
    Rule("label.variant", "info", "Различен вариант на етикет"),
    Rule("label.unknown", "warning", "Непознат етикет"),
)
def labels(ctx: CheckContext) -> None:
    """Labels with typos (`СТАРТЕГИЧЕСКА ЦЕЛ`), minority variants (`Експертна помощ`), unknown ones."""
    programme = ctx.programme
    uses = list(programme.labels)
    for use in uses:
        if use.distance > 0:
            suggestion = _cased_like(use.written, use.canonical)
            ctx.report(
                "label.misspelled",
                f"етикетът „{use.written.rstrip(' :')}“ е изписан грешно",
                block=use.block,
                text=use.written.rstrip(" :"),
                suggestion=suggestion.rstrip(":"),
            )
    by_key: dict[str, Counter] = {}
    for use in uses:
        if use.key in LABELS and len(LABELS[use.key]) > 1:
            by_key.setdefault(use.key, Counter())[use.canonical.casefold()] += use.count
    for use in uses:
        counts = by_key.get(use.key)
        if not counts or len(counts) < 2:
            continue
        ((majority, majority_count),) = counts.most_common(1)
        if (
            use.canonical.casefold() != majority
            and counts[use.canonical.casefold()] < majority_count
        ):
            preferred = next(label for label in LABELS[use.key] if label.casefold() == majority)
            ctx.report(
                "label.variant",
                f"етикет „{use.written.rstrip(' :')}“, а в останалите {majority_count} случая е „{preferred}“",
                block=use.block,
                text=use.written.rstrip(" :"),
                suggestion=preferred,
            )
    reported: set[int] = set()
    for activity in programme.activities:
        for key, (block, label) in stray_labels(programme, activity).items():
            written = block.text.strip().rstrip(" :")
            reported.add(id(block))
            ctx.report(
                "label.misspelled",
                f"етикетът „{written}“ е изписан грешно: не е разпознат като „{label}“ и "
                f"стойността под него е прочетена като част от предходното поле",
                block=block,
                text=written,
                suggestion=_cased_like(block.text.strip(), label).rstrip(":"),
                location=location_of(block, field=key, activity=activity.id),
            )
    for block in programme.unknown_labels:
        if id(block) in reported:
            continue
        ctx.report(
            "label.unknown",
            f"непознат етикет „{block.text[:60]}“: стойността е запазена в предходното поле",
            block=block,
            text=block.text[:60],
        )
