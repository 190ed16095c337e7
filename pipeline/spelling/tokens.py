"""Words of a text block with what the spelling check needs to know about each one.

Finds the words (hyphenated compounds split, each part with its own offsets) and marks those
that are not spelling matter: abbreviations (МКБТХ, МВнР, гр.), URLs, e-mail addresses, letters
glued to numbers (чл. 76а), Latin words, names (a capital inside a sentence, a quoted name).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .edits import VOWELS

# A soft hyphen (U+00AD) inside a word is the typesetter's, not the author's: it stays inside.
_WORD = re.compile(r"[^\W\d_]+(?:\u00ad[^\W\d_]+)*")
_SKIP = re.compile(
    r"(?:https?://|ftp://|www\.)\S+"  # URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|\b[\w-]+\.(?:bg|com|org|net|eu|int|gov|info)\b(?:/\S*)?",  # bare domains: mvr.bg
    re.IGNORECASE,
)
_OPEN_QUOTES = "„“«\"'‘"
_CLOSE_QUOTES = "”“»\"'’"
_SENTENCE_END = ".!?…:;"
_BULLETS = "-–—•·*▪►●○"
_CYRILLIC = re.compile(r"^[\u0400-\u04FF]+$")
_BULGARIAN = re.compile(r"^[а-яА-Я]+$")
# Lower-case abbreviations written with a full stop that are longer than three letters.
_DOTTED = frozenset({"напр", "вкл", "млрд", "хил", "проф", "доц", "инж", "стр", "изд", "прот"})
_HEADING_SHARE = 0.6
# Latin letters that look Cyrillic: a word mixing them is looked up as the Cyrillic word it shows
# (script.mixed reports the mix itself).
_LOOK_ALIKE = str.maketrans("AaBCcEeHKMOoPpTXxyIi", "АаВСсЕеНКМОоРрТХхуІі")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    sentence_start: bool  # capitalised and first in the block, a sentence or a list item
    quoted: bool  # inside „…“
    skip: str | None  # why this is not spelling matter, or None to check it
    compound: tuple[int, int] | None = None  # span of the whole hyphenated word, if any
    lookup: str = ""  # the word to look up: `text` with Latin look-alikes made Cyrillic

    @property
    def is_title(self) -> bool:
        return self.text[:1].isupper() and not self.text[1:].isupper()


def heading_like(text: str) -> bool:
    """Most words are in capitals: a heading, whose capitals are words, not abbreviations."""
    words = [w for w in _WORD.findall(text) if len(w) >= 3]
    caps = [w for w in words if w.isupper()]
    return len(caps) >= 2 and len(caps) >= _HEADING_SHARE * len(words)


def abbreviation_like(word: str, heading: bool) -> bool:
    """МВнР, НСлС (capitals inside), МКБТХ, ОССЕ (short or vowel-poor capitals).

    Issue 5 owns abbreviations; this only keeps them out of the spelling check. Capitals in a
    heading are words, unless short or without vowels; in running text only long, vowel-rich
    capitals (ПРОГРАМА, СТРАТЕГИЧЕСКА) are checked as words.
    """
    if word[1:].islower() or len(word) < 2:
        return False
    if not word.isupper():
        return sum(ch.isupper() for ch in word) >= 2
    vowels = sum(ch.lower() in VOWELS for ch in word) / len(word)
    if len(word) <= 4 or vowels < 0.3:
        return True
    return not heading and len(word) < 8


@lru_cache(maxsize=8192)
def tokenize(text: str) -> tuple[Token, ...]:
    """`tokens(text)`, remembered: the spelling and the grammar checks read the same blocks."""
    return tuple(tokens(text))


def tokens(text: str) -> Iterator[Token]:
    """The words of `text` with their offsets and what the spelling check should do with each."""
    skip_spans = [m.span() for m in _SKIP.finditer(text)] if ("." in text or "@" in text) else []
    heading = heading_like(text)
    has_quotes = any(ch in text for ch in _OPEN_QUOTES)
    quote_depth = 0
    position = 0
    for match in _WORD.finditer(text):
        start, end = match.span()
        if has_quotes:
            for ch in text[position:start]:
                if ch in _OPEN_QUOTES and not (ch in _CLOSE_QUOTES and quote_depth):
                    quote_depth += 1
                elif ch in _CLOSE_QUOTES and quote_depth:
                    quote_depth -= 1
        position = end
        word = match.group()
        lookup = word.replace("\u00ad", "")
        if not lookup.isascii() and not _CYRILLIC.match(lookup):
            lookup = lookup.translate(_LOOK_ALIKE)
        yield Token(
            text=word,
            start=start,
            end=end,
            # Only a capitalised word needs this: is the capital a name's or a sentence's?
            sentence_start=word[0].isupper() and _starts_sentence(text, start),
            quoted=quote_depth > 0,
            skip=_skip_reason(text, lookup, start, end, skip_spans, heading),
            compound=_compound(text, start, end),
            lookup=lookup,
        )


def _compound(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of a hyphenated word (деца-жертви) this part belongs to."""
    first, last = start, end
    while first >= 2 and text[first - 1] in "-‑" and text[first - 2].isalpha():
        first -= 2
        while first > 0 and text[first - 1].isalpha():
            first -= 1
    while last + 1 < len(text) and text[last] in "-‑" and text[last + 1].isalpha():
        last += 2
        while last < len(text) and text[last].isalpha():
            last += 1
    return (first, last) if (first, last) != (start, end) else None


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\u00a0" + _OPEN_QUOTES + "(")
    if not before or before.endswith("\n"):
        return True
    last = before[-1]
    if last in _SENTENCE_END or last in _BULLETS:
        return True
    # A numbered item: `1. Разширяване`, `2) Организация`
    return bool(re.search(r"(?:^|\s)(?:\d+|[IVXivx]+|[а-я])[.)]$", before))


MAX_WORD_LETTERS = 60  # the longest Bulgarian words have about 30 letters


def _skip_reason(
    text: str, word: str, start: int, end: int, spans: list[tuple[int, int]], heading: bool
) -> str | None:
    if any(a <= start < b for a, b in spans):
        return "url"
    if (start > 0 and text[start - 1].isdigit()) or (end < len(text) and text[end].isdigit()):
        return "number"
    if not _BULGARIAN.match(word):
        # Latin words are not Bulgarian spelling; Ukrainian І, Ё, … are script.mixed's.
        return "latin" if word.isascii() else "script"
    if len(word) == 1:
        return "letter"
    if len(word) > MAX_WORD_LETTERS:
        # No word is this long; looking one up builds its edits and parts, which grows with the
        # square of its length (a 150,000-letter "word" took gigabytes).
        return "too long"
    if abbreviation_like(word, heading):
        return "abbreviation"
    dotted = end < len(text) and text[end] == "."
    if dotted and word.islower() and (len(word) <= 3 or word in _DOTTED):
        return "abbreviation"
    return None
