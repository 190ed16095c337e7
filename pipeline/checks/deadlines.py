"""Deadline checks: dates that do not exist, deadlines outside the programme's year, odd forms.

Reads each activity's `Срок` as normalized by pipeline/deadlines.py; `deadline.format` compares
the forms the draft uses and points at the rare ones (`Декември, 2012` among `Декември 2012`).
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Callable, Iterator

from ..models import Activity, Block, Field
from ..parse.deadlines import MONTHS
from .registry import CheckContext, Rule, check

_NUMERIC = re.compile(r"\b(\d{1,2})\s*([./-])\s*(\d{1,2})\s*\2\s*(\d{4})\b")
_WORD = re.compile(r"[^\W\d_]+")
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_BAD_YEAR = re.compile(r"(?<!\d)(\d{3}|\d{5,})(?!\d)")
_QUARTER = re.compile(r"\b([IVXІ]+|\d)\s*(?:-?\s*(?:во|ро|то|о))?\s+(?:тримесечие|трим\.)", re.I)
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6}
_COMMA = re.compile(r"([^\W\d_]\.?)\s*,\s*((?:19|20)\d\d)")
_SUFFIX = re.compile(r"((?:19|20)\d\d)\s*(г\.?|год\.?|година)\s*\.?\s*$")
_MINORITY = 0.2  # a form used by at most this share of the deadlines is the odd one out
_MIN_MAJORITY = 3
_MONTH_NAMES = tuple(MONTHS)


def _deadline_fields(ctx: CheckContext) -> Iterator[tuple[Activity, Field, Block]]:
    for activity in ctx.programme.activities:
        item = activity.fields["deadline"]
        if item.text and item.blocks:
            yield activity, item, item.blocks[0]


def _report(ctx: CheckContext, code: str, message: str, item: Field, block: Block, **kw) -> None:
    text = item.text.split("\n")[0]
    ctx.report(code, message, block=block, text=text, **kw)


# -- deadline.invalid ----------------------------------------------------------------------------


def _month_typo(word: str) -> str | None:
    """The month a misspelled month name stands for (`Декемри` → `декември`), if any."""
    from rapidfuzz.distance import OSA

    lower = word.lower()
    if len(lower) < 4 or lower in MONTHS:
        return None
    best = min(_MONTH_NAMES, key=lambda name: (OSA.distance(lower, name), name))
    return best if OSA.distance(lower, best) <= (1 if len(lower) < 6 else 2) else None


def _invalid(text: str) -> tuple[str, str | None] | None:
    """Why a deadline cannot be a real date, and what was probably meant."""
    for match in _NUMERIC.finditer(text):
        day, sep, month, year = int(match[1]), match[2], int(match[3]), int(match[4])
        if 1 <= month <= 12:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                fixed = f"{min(max(day, 1), last):02d}{sep}{month:02d}{sep}{year}"
                return (
                    f"датата {match[0]} не съществува: месецът има {last} дни",
                    text.replace(match[0], fixed, 1),
                )
        elif 1 <= day <= 12 and month <= 31:  # day and month swapped
            fixed = f"{month:02d}{sep}{day:02d}{sep}{year}"
            return f"в {match[0]} няма месец {month}", text.replace(match[0], fixed, 1)
        else:
            return f"датата {match[0]} не съществува", None
    for match in _QUARTER.finditer(text):
        number = match[1].lower().replace("і", "i")
        quarter = int(number) if number.isdigit() else _QUARTERS.get(number)
        if quarter is not None and not 1 <= quarter <= 4:
            return f"тримесечие {match[1]} не съществува (годината има четири)", None
    months = [MONTHS[w.lower()] for w in _WORD.findall(text) if w.lower() in MONTHS]
    if len(months) == 2 and months[0] > months[1]:
        return "периодът започва след края си (месеците са в обратен ред)", None
    for word in _WORD.findall(text):
        meant = _month_typo(word)
        if meant:
            fixed = meant.capitalize() if word[:1].isupper() else meant
            return f"„{word}“ не е име на месец", text.replace(word, fixed, 1)
    bad_year = _BAD_YEAR.search(text)
    if bad_year and not _YEAR.search(text) and (months or "тримесеч" in text.lower()):
        return f"годината „{bad_year[0]}“ не е четирицифрена", None
    return None


@check(Rule("deadline.invalid", "error", "Невъзможен срок"))
def invalid_deadline(ctx: CheckContext) -> None:
    """Dates that do not exist (`31.06.2013`), misspelled months, ranges that run backwards."""
    for _activity, item, block in _deadline_fields(ctx):
        problem = _invalid(item.text)
        if problem:
            message, suggestion = problem
            _report(ctx, "deadline.invalid", f"срок „{item.text}“: {message}", item, block,
                    suggestion=suggestion)  # fmt: skip


# -- deadline.out_of_year ------------------------------------------------------------------------


@check(Rule("deadline.out_of_year", "warning", "Срок извън годината на програмата"))
def out_of_year(ctx: CheckContext) -> None:
    """A deadline before or after the year the programme is for (`Декември 2013` in 2012)."""
    year = ctx.year
    if year is None:
        return
    for _activity, item, block in _deadline_fields(ctx):
        deadline = item.deadline
        if deadline is None or deadline.start is None or deadline.end is None:
            continue
        if deadline.end.year < year:
            where = "преди"
        elif deadline.start.year > year:
            where = "след"
        elif deadline.end.year > year:
            where = "отвъд края на"
        else:
            continue
        years = set(_YEAR.findall(item.text))
        suggestion = None
        if len(years) == 1 and where != "отвъд края на":
            suggestion = _YEAR.sub(str(year), item.text.split("\n")[0])
        _report(
            ctx,
            "deadline.out_of_year",
            f"срокът „{item.text}“ е {where} {year} г., годината на програмата",
            item,
            block,
            suggestion=suggestion,
        )


# -- deadline.format -----------------------------------------------------------------------------


def _month_case(text: str) -> str | None:
    for word in _WORD.findall(text):
        if word.lower() in MONTHS:
            if word.isupper():
                return "upper"
            return "title" if word[0].isupper() else "lower"
    return None


def _recase(text: str, case: str) -> str:
    def fix(match: re.Match) -> str:
        word = match.group()
        if word.lower() not in MONTHS:
            return word
        return {"upper": word.upper(), "title": word.capitalize(), "lower": word.lower()}[case]

    return _WORD.sub(fix, text)


def _add_year_suffix(text: str) -> str:
    """`Декември 2012` → `Декември 2012 г.`"""
    return text if _SUFFIX.search(text) else _YEAR.sub(lambda m: m[1] + " г.", text, count=1)


def _separator(text: str) -> str | None:
    match = _NUMERIC.search(text)
    return match[2] if match else None


# Each aspect of a deadline's form: how to read it, how to rewrite a deadline to a given value,
# and how to name the values in a message.
_ASPECTS: dict[str, tuple[Callable, Callable, dict[str, str]]] = {
    "comma": (
        lambda t, kind: ("comma" if _COMMA.search(t) else "plain") if kind == "month" else None,
        lambda t, v: _COMMA.sub(r"\1 \2", t) if v == "plain" else _COMMA.sub(r"\1, \2", t),
        {"comma": "със запетая пред годината", "plain": "без запетая пред годината"},
    ),
    "suffix": (
        lambda t, kind: ("г." if _SUFFIX.search(t) else "none") if _YEAR.search(t) else None,
        lambda t, v: _SUFFIX.sub(r"\1", t).rstrip() if v == "none" else _add_year_suffix(t),
        {"г.": "с „г.“ след годината", "none": "без „г.“ след годината"},
    ),
    "case": (
        lambda t, kind: _month_case(t),
        _recase,
        {
            "upper": "с главни букви",
            "title": "месецът с главна буква",
            "lower": "месецът с малка буква",
        },
    ),
    "separator": (
        lambda t, kind: _separator(t),
        lambda t, v: _NUMERIC.sub(lambda m: v.join((m[1], m[3], m[4])), t),
        {".": "с точки (31.05.2012)", "/": "с наклонени черти", "-": "с тирета"},
    ),
}


@check(Rule("deadline.format", "info", "Непоследователен запис на срок"))
def deadline_format(ctx: CheckContext) -> None:
    """A deadline written in a form the rest of the draft does not use (`Декември, 2012`)."""
    fields = [(item, block) for _a, item, block in _deadline_fields(ctx) if item.deadline]
    for _name, (read, rewrite, names) in _ASPECTS.items():
        values = [
            (read(item.text.split("\n")[0], item.deadline.kind), item, block)
            for item, block in fields
        ]
        counts = Counter(value for value, _, _ in values if value is not None)
        if len(counts) < 2:
            continue
        total = sum(counts.values())
        (majority, majority_count), *_ = counts.most_common()
        if majority_count < _MIN_MAJORITY:
            continue
        for value, item, block in values:
            if value is None or value == majority or counts[value] > _MINORITY * total:
                continue
            text = item.text.split("\n")[0]
            _report(
                ctx,
                "deadline.format",
                f"срокът „{text}“ е записан {names[value]}, а {majority_count} от "
                f"{total} срока — {names[majority]}",
                item,
                block,
                suggestion=rewrite(text, majority),
            )
