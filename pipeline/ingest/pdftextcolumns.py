"""Pages set in columns of running text, read down each column in turn, left to right.

A line of words reaches across the page only when the page has one column; in a page set in
columns every line stops at the gutters between them, which no word crosses. The lines of such a
stretch are cut at the gutter, so that a sentence is not read across into its neighbour.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median
from typing import TYPE_CHECKING

from .pdfparts import Line

if TYPE_CHECKING:
    from .pdfpage import Word

_GUTTER = 6.0  # points: the narrowest white gap between two columns
_MARGIN = 0.15  # share of the text width at either side where no gutter is looked for
_MIN_LINES = 4  # lines each column needs in a stretch before it is believed
_SAME_WIDTH = 0.75  # the narrowest column of running text against the widest
_SAME_FILL = 0.5  # the emptiest column of running text against the fullest, in lines


@dataclass(slots=True)
class ColumnRun:
    """The lines of one column within one stretch of a page, read as a unit."""

    top: float  # top of the stretch: all its columns sort there, left before right
    column: int
    lines: list[Line]
    right: float  # the column's right edge, where its lines wrap


def split_columns(lines: list[Line]) -> tuple[list[Line], list[ColumnRun]]:
    """The lines outside multi-column stretches, and the columns of each stretch."""
    gutters = _find_gutters(lines)
    if not gutters:
        return lines, []
    rest: list[Line] = []
    runs: list[ColumnRun] = []
    stretch: list[Line] = []
    for line in lines:
        if any(w.x0 < end and w.x1 > start for w in line.words for start, end in gutters):
            _close(stretch, gutters, rest, runs)  # a line reaching across: one column here
            stretch = []
            rest.append(line)
        else:
            stretch.append(line)
    _close(stretch, gutters, rest, runs)
    return rest, runs


def _close(
    stretch: list[Line], gutters: list[tuple[float, float]], rest: list[Line], runs: list[ColumnRun]
) -> None:
    bounds = [-float("inf"), *(end for _, end in gutters)]
    columns: list[list[Line]] = []
    for index, low in enumerate(bounds):
        high = gutters[index][0] if index < len(gutters) else float("inf")
        columns.append(
            [Line(ws) for line in stretch if (ws := [w for w in line.words if low <= w.x0 < high])]
        )
    if sum(len(column) >= _MIN_LINES for column in columns) < 2 or not _running_text(columns):
        rest.extend(stretch)
        return
    top = stretch[0].top
    for index, column in enumerate(columns):
        if column:
            runs.append(ColumnRun(top, index, column, max(line.x1 for line in column)))


def _running_text(columns: list[list[Line]]) -> bool:
    """Columns of running text are about as wide as each other and about as full. A borderless
    label | value table is not: its label column is narrower, and its labels, one or two short
    lines each, are far fewer than the lines of the values beside them."""
    filled = [column for column in columns if column]
    widths = [max(line.x1 for line in c) - min(line.x0 for line in c) for c in filled]
    counts = [len(c) for c in filled]
    return min(widths) >= _SAME_WIDTH * max(widths) and min(counts) >= _SAME_FILL * max(counts)


def _find_gutters(lines: list[Line]) -> list[tuple[float, float]]:
    """The white bands between columns of text that no word of most lines crosses.

    Running text fills its column: the lines left of a gutter end close to it. A label | value
    table (`pdfcolumns`) has short labels far from its split, and is left alone.
    """
    words: list[Word] = [w for line in lines for w in line.words]
    if len(lines) < 2 * _MIN_LINES:
        return []
    left_edge = min(w.x0 for w in words)
    right_edge = max(w.x1 for w in words)
    width = right_edge - left_edge
    low, high = int(left_edge + _MARGIN * width), int(right_edge - _MARGIN * width)
    if high <= low:
        return []
    crossing = [0] * (high - low + 1)
    for w in words:
        for x in range(max(low, int(w.x0)), min(high, int(w.x1)) + 1):
            crossing[x - low] += 1
    allowed = max(1, len(lines) // 20)  # a title or two may reach across
    gutters: list[tuple[float, float]] = []
    run_start = None
    for index, count in enumerate([*crossing, allowed + 1]):
        if count <= allowed:
            run_start = index if run_start is None else run_start
            continue
        if run_start is not None and index - run_start >= _GUTTER:
            gutters.append((float(low + run_start), float(low + index)))
        run_start = None
    previous = left_edge
    for start, end in gutters:
        parts = [
            ws
            for line in lines
            if (ws := [w for w in line.words if previous <= w.x0 and w.x1 <= start + 1])
        ]
        if len(parts) < _MIN_LINES:
            return []
        column = start - median(ws[0].x0 for ws in parts)
        if start - median(ws[-1].x1 for ws in parts) > 0.25 * column:
            return []  # short lines: labels, not a column of running text
        previous = end
    return gutters
