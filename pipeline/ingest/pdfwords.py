"""A PDF page's characters into words, whichever way its text runs and however it was written.

Both engines hand over pdfminer-style character boxes; here overprinted copies go, split UTF-16
halves are joined, the page's main text direction is turned upright, and word gaps come from the
characters' positions when the PDF stores no spaces.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from typing import Any

from .pdfpage import Word

_SURROGATES = range(0xD800, 0xE000)
# A PDF that draws its spaces has about one per word; one that stores none (it only moves the
# pen) has next to none, and its word gaps must come from the characters' positions.
_SPACES_PER_CHAR = 1 / 50
# A gap over this share of the font size between two characters is a word gap (pdfplumber's
# `x_tolerance_ratio`): a fixed 3 pt glues small type together when no spaces are stored.
_GAP_RATIO = 0.15
_DUPLICATE = 1.0  # points: a copy printed within this distance is an overprint (fake bold)


@dataclass(slots=True)
class PageWords:
    """A page's words in its text's upright frame, and the characters left unread."""

    words: list[Word]
    width: float
    height: float
    direction: int  # degrees the page's main text runs anticlockwise (0 = upright)
    skipped: int  # characters running in another direction than the page's main text


def direction(a: float, b: float) -> int:
    """Which way a character's baseline runs, from its text matrix's first column (a, b)."""
    if abs(a) >= abs(b):
        return 0 if a > 0 else 180
    return 90 if b > 0 else 270


def page_words(chars: list[dict[str, Any]], width: float, height: float, bold: Any) -> PageWords:
    """Words of one page from its characters (dicts with text, x0, x1, top, bottom, direction,
    size and `font`; upright and doctop as pdfplumber's where they are upright already);
    `bold(font)` says whether a font is bold."""
    chars = _join_surrogates(_dedupe(chars))
    counts: dict[int, int] = {}
    for char in chars:
        if not char["text"].isspace():
            counts[char["direction"]] = counts.get(char["direction"], 0) + 1
    main = max(counts, key=lambda d: (counts[d], d == 0)) if counts else 0
    upright = [
        char if main == 0 and char.get("upright") else _turn(char, main, width, height)
        for char in chars
        if char["direction"] == main
    ]
    if main in (90, 270):
        width, height = height, width
    # A change of font does not end a word: a fallback font's 😀 before a comma, a bold
    # letter in a word. A word is bold when all its characters are.
    words = [
        Word(text, x0, x1, top, bottom, all(bold(c["font"]) for c in group))
        for text, x0, top, x1, bottom, group in line_words(upright, gap_ratio(upright))
    ]
    skipped = sum(count for d, count in counts.items() if d != main)
    return PageWords(words, width, height, main, skipped)


def gap_ratio(upright: list[dict]) -> float | None:
    """The share of the font size that is a word gap when the page stores no spaces; None when
    it does (a gap over 3 pt then ends a word, as pdfplumber's `x_tolerance`)."""
    spaces = sum(1 for char in upright if char["text"] == " ")
    return _GAP_RATIO if spaces < len(upright) * _SPACES_PER_CHAR else None


_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
_X_TOLERANCE = _Y_TOLERANCE = 3
_X0, _TOP, _X1, _BOTTOM = (itemgetter(key) for key in ("x0", "top", "x1", "bottom"))


def line_words(chars: list[dict], ratio: float | None) -> list[tuple]:
    """(text, x0, top, x1, bottom, chars) of each word of upright characters: pdfplumber's
    `WordExtractor(x_tolerance=3 or x_tolerance_ratio=ratio, y_tolerance=3)` of left-to-right
    lines, the same steps with the same floats, without its generality (rotated and
    right-to-left text, extra attributes, punctuation splits), which cost half its time here."""
    if not chars:
        return []
    # Lines: `cluster_objects` by top — tops within 3 pt of the one before share a line.
    tops = sorted(set(char["top"] for char in chars))
    line_of: dict[float, int] = {}
    index = 0
    last = tops[0]
    for top in tops:
        if not top <= last + _Y_TOLERANCE:
            index += 1
        line_of[top] = index
        last = top
    by_line = sorted(((char, line_of.get(char["top"])) for char in chars), key=itemgetter(1))
    words: list[tuple] = []

    def add(group: list[dict]) -> None:
        words.append(
            (
                "".join(_LIGATURES.get(c["text"], c["text"] or "") for c in group),
                min(map(_X0, group)),
                min(map(_TOP, group)),
                max(map(_X1, group)),
                max(map(_BOTTOM, group)),
                group,
            )
        )

    for _, members in groupby(by_line, key=itemgetter(1)):
        current: list[dict] = []
        for char in sorted((pair[0] for pair in members), key=_by_x):
            text = char["text"]
            if text.isspace():
                if current:
                    add(current)
                current = []
            elif not text:  # pdfplumber's empty `split_at_punctuation` holds "" alone
                if current:
                    add(current)
                add([char])
                current = []
            elif current:
                previous = current[-1]
                x = _X_TOLERANCE if ratio is None else ratio * previous["size"]
                if (
                    char["x0"] < previous["x0"]
                    or char["x0"] > previous["x1"] + x
                    or abs(char["top"] - previous["top"]) > _Y_TOLERANCE
                ):
                    add(current)
                    current = [char]
                else:
                    current.append(char)
            else:
                current.append(char)
        if current:
            add(current)
    return words


def _by_x(char: dict) -> tuple[float, float]:
    return (char["x0"], char["x0"])


def _turn(char: dict, turn: int, width: float, height: float) -> dict:
    """The character in the frame where text running `turn` degrees reads upright."""
    x0, x1, top, bottom = char["x0"], char["x1"], char["top"], char["bottom"]
    if turn == 90:  # reads bottom to top: its up is the page's left
        x0, x1, top, bottom = height - bottom, height - top, x0, x1
    elif turn == 270:  # reads top to bottom: its up is the page's right
        x0, x1, top, bottom = top, bottom, width - x1, width - x0
    elif turn == 180:
        x0, x1, top, bottom = width - x1, width - x0, height - bottom, height - top
    return {
        "text": char["text"],
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "upright": True,
        "size": bottom - top if turn else char["size"],
        "font": char["font"],
    }


def _dedupe(chars: list[dict]) -> list[dict]:
    """Without the copies of a character printed over itself, as pdfplumber's `dedupe_chars`:
    the same text, font and size within a point of an earlier copy (looked up by the point
    grid cells around it, row by row, so a page costs one pass)."""
    seen: dict[tuple, dict[int, dict[int, list[tuple[float, float]]]]] = {}
    out = []
    for char in chars:
        text = char["text"]
        if text.isspace():
            out.append(char)
            continue
        x0, top = char["x0"], char["top"]
        key = (text, char["font"], round(char["size"], 1), char["direction"])
        cx, cy = round(x0), round(top)
        rows = seen.get(key)
        if rows is None:
            rows = seen[key] = {}
        else:
            duplicate = False
            for row in (rows.get(cy - 1), rows.get(cy), rows.get(cy + 1)):
                if row:
                    for cell in (row.get(cx - 1), row.get(cx), row.get(cx + 1)):
                        if cell:
                            for x, y in cell:
                                if abs(x - x0) <= _DUPLICATE and abs(y - top) <= _DUPLICATE:
                                    duplicate = True
                                    break
            if duplicate:
                continue
        row = rows.get(cy)
        if row is None:
            row = rows[cy] = {}
        cell = row.get(cx)
        if cell is None:
            row[cx] = [(x0, top)]
        else:
            cell.append((x0, top))
        out.append(char)
    return out


def _join_surrogates(chars: list[dict]) -> list[dict]:
    """A character beyond the BMP as one character, not the two UTF-16 halves some PDFs (and
    PDFium) give; a half without its partner becomes U+FFFD rather than unencodable text."""
    if not any(ord(c) in _SURROGATES for char in chars for c in char["text"]):
        return chars
    out: list[dict] = []
    for char in chars:
        previous = out[-1] if out else None
        text = char["text"]
        if (
            previous is not None
            and len(text) == 1
            and 0xDC00 <= ord(text) < 0xE000
            and 0xD800 <= ord(previous["text"][-1]) < 0xDC00
        ):
            out[-1] = {
                **previous,
                "text": previous["text"] + text,
                "x1": max(previous["x1"], char["x1"]),
            }
            continue
        out.append(char)
    for index, char in enumerate(out):
        if any(ord(c) in _SURROGATES for c in char["text"]):
            text = char["text"].encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
            out[index] = {**char, "text": text}
    return out
