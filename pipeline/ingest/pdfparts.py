"""The pieces a PDF page is read into: lines of words, table cells and pieces of tables, text
blocks; and how the lines of one cell or paragraph become its text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .hyphenation import join_forced_break, keep_hyphen

if TYPE_CHECKING:
    from .pdfpage import PageContent, Word


@dataclass(slots=True)
class Line:
    words: list[Word]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def bold(self) -> bool:
        return all(w.bold for w in self.words)


@dataclass(slots=True)
class Cell:
    lines: list[Line]
    bbox: tuple[float, float, float, float]
    page: int
    column: int  # 1-based slot in the grid row, so spanned slots keep later cells in place
    merged: bool = False  # the box reaches below its row: merged with the cells under it

    @property
    def text(self) -> str:
        return join_lines(self.lines, self.bbox[2] - 4) if self.lines else ""

    @property
    def bold(self) -> bool:
        return bool(self.lines) and all(line.bold for line in self.lines)


@dataclass(slots=True)
class TablePiece:
    page: int
    top: float
    bottom: float
    left: float
    right: float
    slots: int
    rows: list[list[Cell]]
    pages_end: int = 0


@dataclass(slots=True)
class TextBlock:
    page: int
    top: float
    text: str
    bbox: tuple[float, float, float, float]
    bold: bool
    order: tuple[float, int, float] | None = None  # (stretch top, column, top) in two columns


@dataclass(slots=True)
class PageParts:
    content: PageContent
    lines: list[Line]  # words outside tables, as lines, top to bottom
    tables: list[TablePiece]


def group_lines(words: list[Word]) -> list[Line]:
    """Words into lines: same baseline band, left to right."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (round(w.top, 1), w.x0)):
        if lines:
            last = lines[-1]
            height = max(last.bottom - last.top, 1.0)
            if abs(word.top - last.words[-1].top) <= height * 0.4:
                last.words.append(word)
                continue
        lines.append(Line([word]))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    lines.sort(key=lambda line: (line.top, line.x0))
    return lines


def join_lines(lines: list[Line], right_edge: float) -> str:
    """Lines of one cell or paragraph into text: wrapped lines joined, hard breaks kept.

    A line that stops well short of the right edge, leaving room for the next line's first word,
    was ended by the author (a paragraph or line break), not by wrapping. A line-end hyphen is a
    hyphenation or a compound's hyphen (see `hyphenation`); a one-word line filling the width
    followed by a lower-case fragment is a word the cell was too narrow for.
    """
    out = ""
    for index, line in enumerate(lines):
        text = line.text
        if index == 0:
            out = text
            continue
        previous = lines[index - 1]
        first_word = line.words[0]
        room = right_edge - previous.x1
        gap = line.top - previous.bottom
        if room > (first_word.x1 - first_word.x0) + 6 or gap > (previous.bottom - previous.top):
            out += "\n" + text  # ended by the author, or paragraph spacing before the line
        elif out.endswith("\u00ad"):
            out = out[:-1] + text
        elif out.endswith("-") and out[-2:-1].isalpha() and text[:1].isalnum():
            out = out + text if keep_hyphen(out[:-1], text) else out[:-1] + text
        elif (
            len(previous.words) == 1
            and room < _char_width(previous) * 1.5
            and join_forced_break(out, text)
        ):
            out += text
        else:
            out += " " + text
    # A soft hyphen some producers keep inside a word is as invisible as in the document.
    return out.replace("\u00ad", "")


def _char_width(line: Line) -> float:
    return (line.x1 - line.x0) / max(len(line.text), 1)
