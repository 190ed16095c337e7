"""Deadlines as written (`Май 2012`, `III тримесечие 2013`, `31.05.2012`, `Постоянен`) to ranges.

Never raises on odd input: what is not understood is `unknown`, and the deadline checks say why.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ..models import Deadline

MONTHS = {
    "януари": 1, "февруари": 2, "март": 3, "април": 4, "май": 5, "юни": 6, "юли": 7,
    "август": 8, "септември": 9, "октомври": 10, "ноември": 11, "декември": 12,
}  # fmt: skip
_MONTH_ABBR = {name[:3]: number for name, number in MONTHS.items()}
_PERMANENT = ("постоянен", "постоянна", "постоянно", "текущ", "текуща", "текущо", "непрекъснат",
              "непрекъснато", "ежегодно", "постоянeн")  # fmt: skip
_ROMAN_QUARTER = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "і": 1, "іі": 2, "ііі": 3, "іv": 4}
_ORDINAL_QUARTER = {"първо": 1, "първото": 1, "второ": 2, "второто": 2, "трето": 3, "третото": 3,
                    "четвърто": 4, "четвъртото": 4}  # fmt: skip
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TAIL = r"\s*(?:г\.?|год\.?|година)?\s*\.?$"

_DATE = re.compile(
    r"^(?:до\s+)?(?P<day>\d{1,2})\s*[./-]\s*(?P<month>\d{1,2})\s*[./-]\s*" + _YEAR + _TAIL
)
_MONTH = re.compile(
    r"^(?:до\s+|през\s+|м\.\s*|месец\s+|края\s+на\s+)*(?P<month>[а-я]+)\.?\s*(?:[-–—]\s*(?P<month2>[а-я]+)\.?)?\s*,?\s*"
    + _YEAR
    + _TAIL
)
_QUARTER = re.compile(
    r"^(?:до\s+края\s+на\s+|през\s+|до\s+)?(?P<q>[ivxі]+|[1-4]|първо|първото|второ|второто|трето|третото|четвърто|четвъртото)"
    r"(?:\s*-?\s*(?:во|ро|то|о))?\s+(?:тримесечие|трим\.)\s*(?:на\s+)?" + _YEAR + _TAIL
)
_YEAR_ONLY = re.compile(r"^(?:до\s+края\s+на\s+|края\s+на\s+|през\s+|до\s+)?" + _YEAR + _TAIL)


def _clean(text: str) -> str:
    text = text.replace("\u00a0", " ").strip().lower()
    text = re.sub(r"\s+", " ", text)
    return text


def _month_number(word: str) -> int | None:
    word = word.strip(".").lower()
    if word in MONTHS:
        return MONTHS[word]
    if len(word) >= 3 and word[:3] in _MONTH_ABBR and any(name.startswith(word) for name in MONTHS):
        return _MONTH_ABBR[word[:3]]
    return None


def _month_range(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])


def parse_deadline(text: str | None) -> Deadline:
    """The deadline's kind and date range; `unknown` with no dates for anything not understood."""
    if text is None:
        return Deadline(None)
    cleaned = _clean(text)
    if not cleaned:
        return Deadline(text)
    if cleaned.rstrip(".") in _PERMANENT:
        return Deadline(text, "permanent")
    try:
        match = _DATE.match(cleaned)
        if match:
            day = dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
            return Deadline(text, "date", day, day)
        match = _MONTH.match(cleaned)
        if match:
            first = _month_number(match["month"])
            last = _month_number(match["month2"]) if match["month2"] else first
            if first and last and first <= last:
                start, end = _month_range(int(match["year"]), first, last)
                return Deadline(text, "month", start, end)
        match = _QUARTER.match(cleaned)
        if match:
            q = match["q"]
            quarter = int(q) if q.isdigit() else _ROMAN_QUARTER.get(q) or _ORDINAL_QUARTER.get(q)
            if quarter:
                start, end = _month_range(int(match["year"]), 3 * quarter - 2, 3 * quarter)
                return Deadline(text, "quarter", start, end)
        match = _YEAR_ONLY.match(cleaned)
        if match:
            year = int(match["year"])
            return Deadline(text, "year", dt.date(year, 1, 1), dt.date(year, 12, 31))
    except ValueError:  # 31.06.2013 and the like: reported by deadline.invalid
        return Deadline(text)
    return Deadline(text)
