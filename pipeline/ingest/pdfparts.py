"""The pieces a PDF page is read into: lines of words, table cells and pieces of tables, text
blocks; and how the lines of one cell or paragraph become its text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .hyphenation import continues_fragment, join_forced_break, keep_hyphen, makes_word

if TYPE_CHECKING:
    from .pdflayout import PageContent, Word


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
        if not self.lines:
            return ""
        # The text stops where the right padding starts; cells pad both sides alike.
        padding = min(max(min(line.x0 for line in self.lines) - self.bbox[0], 1.0), 8.0)
        return join_lines(self.lines, self.bbox[2] - padding, cells=True)

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


def join_lines(lines: list[Line], right_edge: float, cells: bool = False) -> str:
    """Lines of one cell or paragraph into text: wrapped lines joined, hard breaks kept.

    A line that stops well short of the right edge, leaving room for the next line's first word,
    was ended by the author (a paragraph or line break), not by wrapping. A line-end hyphen is a
    hyphenation or a compound's hyphen (see `hyphenation`). A one-word line whose room left is
    narrower than the next line's first letter may be, in a table cell (`cells`), a word the
    cell was too narrow for, cut without a hyphen: the next fragments (a long word takes several
    lines) decide as a whole. No word is wider than a page, so paragraphs are never cut.
    Punctuation that starts a line (`МТСП` | `, МО`) was pushed there from the word before it.
    """
    if not lines:
        return ""
    gaps = [
        _gap(lines[index - 1], line, right_edge, cells) for index, line in enumerate(lines) if index
    ]
    # Each line's first word continued through the cuts after it, decided last first (whether
    # `ИЗПЪЛНЕ` | `НИЕ` is one word decides what the line above goes on with); the cuts are then
    # decided first to last with the whole word before them (`Сред` | `ства` | `по`).
    tails = [line.words[0].text for line in lines]
    for index in range(len(gaps) - 1, -1, -1):
        word = lines[index].text
        if gaps[index] == "author" or len(lines[index].words) != 1:
            continue
        right = _continuation(lines[index + 1], tails[index + 1])
        if word.endswith("-") and word[-2:-1].isalpha() and right[:1].isalpha():
            if not keep_hyphen(word[:-1], right):  # `компенса-` | `ция`
                tails[index] = word[:-1] + tails[index + 1]
        elif (gaps[index] == "cut" and continues_fragment(word, right)) or (
            gaps[index] == "edge" and makes_word(word, right)
        ):
            tails[index] += tails[index + 1]
    out = lines[0].text
    for index, line in enumerate(lines[1:], start=1):
        text = line.text
        gap = gaps[index - 1]
        if gap == "author":
            out += "\n" + text
        elif out.endswith("\u00ad"):
            out = out[:-1] + text
        elif out.endswith("-") and out[-2:-1].isalpha() and text[:1].isalnum():
            out = out + text if keep_hyphen(out[:-1], text) else out[:-1] + text
        elif text[:1] in _PUSHED or _joined(
            gaps[index - 1], out, _continuation(line, tails[index])
        ):
            out += text
        else:
            out += " " + text
    # A soft hyphen some producers keep inside a word is as invisible as in the document.
    return out.replace("\u00ad", "")


# Punctuation a line never starts with unless the word before it filled the line.
_PUSHED = tuple(",.;:!?)»”")


def _gap(previous: Line, line: Line, right_edge: float, cells: bool) -> str:
    """`author` (a break typed or paragraph spacing), `cut` (a one-word line filled up to less
    than the next letter: perhaps one word cut), `edge` (about a letter left), or `wrap`."""
    first_word = line.words[0]
    room = right_edge - previous.x1
    if room > (first_word.x1 - first_word.x0) + 6 or line.top - previous.bottom > (
        previous.bottom - previous.top
    ):
        return "author"
    letter = max(
        (first_word.x1 - first_word.x0) / max(len(first_word.text), 1), _char_width(previous)
    )
    if not cells or len(previous.words) != 1:
        return "wrap"
    if room < letter:
        return "cut"
    # The letter is the words' average: a room a little wider may still be too narrow for it,
    # and then only a join that makes a word (`ОТГОВОР` + `НА`) is believed.
    return "edge" if room < letter * 1.25 else "wrap"


def _joined(gap: str, left: str, right: str) -> bool:
    if gap == "cut":
        return join_forced_break(left, right)
    return gap == "edge" and makes_word(left, right)


def _continuation(line: Line, tail: str) -> str:
    """The line's text with its first word continued through the cuts after it."""
    return tail + line.text[len(line.words[0].text) :] if len(line.words) > 1 else tail


def _char_width(line: Line) -> float:
    return (line.x1 - line.x0) / max(len(line.text), 1)
