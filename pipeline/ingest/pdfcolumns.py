"""Two-column label | value tables drawn without borders, found from how their words line up.

A ruled table comes with its grid; a borderless one shows only as a second column that starts
at the same x on many lines, after a gap far wider than a space. Those lines are cut at that x
into a label cell and a value cell, so that a label is not read into the middle of its value.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from statistics import median
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .pdflayout import Word
    from .pdfparts import Line

_GAP = 12.0  # points between a label and its value: far wider than any space
_ALIGN = 3.0  # words starting within this many points of a column start are in it
_MIN_PAIRS = 3  # label | value lines on a page needed before a column is believed


@dataclass(slots=True)
class Region:
    """A run of page lines that is a borderless table: rows of (label words, value words)."""

    lines: list[Line]
    left: float  # x where labels start
    split: float  # x where values start
    rows: list[list[tuple[list[Word], list[Word]]]]  # each row: its lines, cut in two


def _first_gap(line: Line, known: frozenset[int] = frozenset()) -> int | None:
    """Index of the first word after a gap wider than `_GAP`, or None; a word at a known column
    start comes first (a justified label line has wide gaps of its own, and a narrow one
    before the value)."""
    words = line.words
    gaps = [i for i in range(1, len(words)) if words[i].x0 - words[i - 1].x1 >= _GAP]
    at_known = [
        i
        for i in range(1, len(words))
        if round(words[i].x0 / 2) in known and words[i].x0 - words[i - 1].x1 >= 2
    ]
    return (at_known or gaps or [None])[0]


def find_regions(lines: list[Line], known: frozenset[int] = frozenset()) -> list[Region]:
    """Borderless label | value tables among the body lines of one page (top to bottom).

    A page may hold two such tables with their columns at different places (the last
    section's table and the glossary): each column start seen on enough lines is tried.
    `known` are column starts (x / 2, rounded) found on other pages: there one line is enough,
    as when the last rows of a table run onto a new page.
    """
    cuts = {id(line): cut for line in lines if (cut := _first_gap(line, known)) is not None}
    starts = Counter(round(line.words[cuts[id(line)]].x0 / 2) for line in lines if id(line) in cuts)
    regions: list[Region] = []
    taken: set[int] = set()
    for column, count in starts.most_common():
        least = 1 if column in known else _MIN_PAIRS
        if count < least:
            continue
        free = [line for line in lines if id(line) not in taken]
        found = _regions_at(free, cuts, column, least)
        for region in found:
            taken.update(id(line) for line in region.lines)
        regions += found
    return sorted(regions, key=lambda region: region.lines[0].top)


def _regions_at(
    lines: list[Line], cuts: dict, column: int, least: int = _MIN_PAIRS
) -> list[Region]:
    at_column = [
        line
        for line in lines
        if id(line) in cuts and round(line.words[cuts[id(line)]].x0 / 2) == column
    ]
    if len(at_column) < least:
        return []
    split = median(line.words[cuts[id(line)]].x0 for line in at_column)
    left = median(line.x0 for line in at_column)
    if left >= split - _GAP:
        return []
    regions: list[Region] = []
    current: list[tuple[Line, str]] = []
    for index, line in enumerate(lines):
        kind = _kind(line, cuts, split, left)
        # A value line at the top of the page continues a table from the page before.
        if kind == "pair" or (current or index == 0) and kind in ("value", "label"):
            current.append((line, kind))
            continue
        _close(current, regions, left, split)
        current = []
    _close(current, regions, left, split)
    return regions


def _kind(line: Line, cuts: dict, split: float, left: float) -> str | None:
    cut = cuts.get(id(line))
    if cut is not None and abs(line.words[cut].x0 - split) <= _ALIGN:
        return "pair" if abs(line.x0 - left) <= _ALIGN else None
    if abs(line.x0 - split) <= _ALIGN:
        return "value"
    if abs(line.x0 - left) <= _ALIGN and line.x1 < split - _ALIGN:
        return "label"
    return None


def _close(current: list, regions: list[Region], left: float, split: float) -> None:
    # Label-only lines after the last value are paragraphs after the table, unless they
    # continue a label wrapped on the line before.
    while current and current[-1][1] == "label":
        line = current[-1][0]
        previous = current[-2][0] if len(current) > 1 else None
        if previous is not None and not _new_row(
            _label_words(previous, current[-2][1], split), previous, line, line.words, split
        ):
            break
        current.pop()
    if not current:
        return
    rows: list[list[tuple[list[Word], list[Word]]]] = []
    previous_left: list[Word] | None = None
    previous_line: Line | None = None
    for line, kind in current:
        label = _label_words(line, kind, split)
        value = line.words[len(label) :]
        if not rows or (label and _new_row(previous_left, previous_line, line, label, split)):
            rows.append([])
        rows[-1].append((label, value))
        previous_left = label
        previous_line = line
    regions.append(Region([line for line, _ in current], left, split, rows))


def _label_words(line: Line, kind: str, split: float) -> list[Word]:
    if kind == "value":
        return []
    return [w for w in line.words if w.x0 < split - _ALIGN]


def _new_row(
    previous_left: list[Word] | None, previous: Line | None, line: Line, label, split: float
) -> bool:
    """A label starts a new row unless it continues a label wrapped on the line before."""
    if not previous_left or previous is None:
        return True
    height = previous.bottom - previous.top
    if line.top - previous.bottom > height:
        return True  # row spacing
    room = split - 4 - previous_left[-1].x1
    return room > (label[0].x1 - label[0].x0) + 6
