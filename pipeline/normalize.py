"""Normalize: deadlines to date ranges, responsible/partner values to institution items.

Returns a new `Programme` and leaves the parsed one as it was; running it twice changes nothing.
"""

from __future__ import annotations

import re

from .models import Institution, Programme
from .parse.deadlines import parse_deadline

_OPEN = '„“"«('
_CLOSE = '”“"»)'
_LEADING_JUNK = re.compile(r"^[\s•·\-–—*]+")


def split_items(text: str | None) -> list[str]:
    """`НКБТХ, МП и Национално бюро за правна помощ` -> three items.

    Splits at commas, semicolons and line breaks outside quotes and brackets, and at ` и ` only
    where a new name starts (a capital letter or an abbreviation on either side), so
    `Министерство на труда и социалната политика` stays whole and `МКБТХ – Варна` too.
    """
    if not text:
        return []
    parts: list[str] = []
    depth = 0
    current = ""
    index = 0
    while index < len(text):
        ch = text[index]
        if ch in _OPEN and not (ch in _CLOSE and depth > 0):
            depth += 1
        elif ch in _CLOSE and depth > 0:
            depth -= 1
        if depth == 0 and ch in ",;\n":
            parts.append(current)
            current = ""
            index += 1
            continue
        if depth == 0 and text.startswith(" и ", index):
            left = current.strip().split()
            right = text[index + 3 :].lstrip()
            left_abbr = bool(left) and sum(c.isupper() for c in left[-1]) >= 2
            if right[:1].isupper() or left_abbr:
                parts.append(current)
                current = ""
                index += 3
                continue
        current += ch
        index += 1
    parts.append(current)
    items = []
    for part in parts:
        part = _LEADING_JUNK.sub("", part).strip().rstrip(".")
        if part:
            items.append(part)
    return items


def normalize(parsed: Programme) -> Programme:
    programme = parsed.copy()
    for activity in programme.activities:
        deadline = activity.fields["deadline"]
        deadline.deadline = parse_deadline(deadline.text)
        for key in ("responsible", "partners"):
            item = activity.fields[key]
            if item.items is None or not item.items:
                item.items = [Institution(name=name) for name in split_items(item.text)]
    return programme
