"""Abbreviations defined in running text: `long form (SHORT)` and `SHORT (long form)`.

Schwartz–Hearst (2003) adapted to Bulgarian: the short form's letters align with the initials of
the long form's content words (`за`, `на`, `и` carry no letter); brackets that do not align
define nothing.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..models import InlineDefinition
from .similarity import FUNCTION_WORDS

_QUOTES = "„“”\"«»'‚‘’"
_WORD = re.compile(r"\S+")
_CALLED = re.compile(
    r"^(?:наричан[аои]?|наричани|по-нататък|по-долу|за краткост|накратко|съкратено)"
    r"(?:\s+(?:по-нататък|по-долу|за краткост|само))?\s*[:–-]?\s*",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[.;:!?](?=\s)|[\n\t]")
_MAX_SHORT = 12
_EXTRA_WORDS = 5  # Schwartz–Hearst: at most |short| + 5 words of long form
_MIN_INITIALS = 0.5  # at least half the short form's letters must be initials of content words


def find_definitions(text: str) -> list[InlineDefinition]:
    """Every `long (SHORT)` and `SHORT (long)` definition in `text`, in order."""
    if "(" not in text:
        return []
    found = []
    for open_, close, outer in _bracket_pairs(text):
        content_end = _first_nested(text, open_, close)
        definition = _long_then_short(text, open_, content_end, outer)
        if definition is None:
            definition = _short_then_long(text, open_, content_end, outer)
        if definition is not None:
            found.append(definition)
    return sorted(found, key=lambda d: d.short_start)


def is_short_form(text: str) -> bool:
    """`НМН`, `МВнР`, `ИА ГИТ`: at most two words, letters (and hyphens), two capitals or more."""
    words = text.split()
    if not words or len(words) > 2 or len(text) > _MAX_SHORT:
        return False
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) != len(text.replace(" ", "").replace("-", "")) or len(letters) < 2:
        return False
    return sum(ch.isupper() for ch in letters) >= 2 and text[0].isupper()


def _bracket_pairs(text: str) -> list[tuple[int, int, int]]:
    """(open, close, start of the enclosing bracket's content or 0) for balanced round brackets."""
    pairs = []
    stack: list[int] = []
    for index, ch in enumerate(text):
        if ch == "(":
            stack.append(index)
        elif ch == ")" and stack:
            open_ = stack.pop()
            pairs.append((open_, index, stack[-1] + 1 if stack else 0))
    return sorted(pairs)


def _first_nested(text: str, open_: int, close: int) -> int:
    """Where this bracket's own content ends: at a nested bracket (`(ЗБТХ (обн. ДВ))`) or close."""
    nested = text.find("(", open_ + 1, close)
    return close if nested < 0 else nested


def _short_candidate(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The short form inside a bracket, past `наричана по-нататък` and quotes, before a comma."""
    content = text[start:end]
    called = _CALLED.match(content)
    skip = called.end() if called else 0
    part = re.split(r"[,;]", content[skip:], maxsplit=1)[0]
    lead = len(part) - len(part.lstrip(" " + _QUOTES))
    core = part.strip(" " + _QUOTES)
    if not is_short_form(core):
        return None
    first = start + skip + lead
    return first, first + len(core)


def _long_then_short(text: str, open_: int, end: int, outer: int) -> InlineDefinition | None:
    span = _short_candidate(text, open_ + 1, end)
    if span is None:
        return None
    short = text[span[0] : span[1]]
    window_start = outer
    for match in _CLAUSE_END.finditer(text, outer, open_):
        window_start = match.end()
    words = [(m.group(), m.start()) for m in _WORD.finditer(text, window_start, open_)]
    letters = _letters(short)
    limit = len(letters) + _EXTRA_WORDS
    content = 0
    start = len(words)
    while start > 0 and content < limit:
        start -= 1
        if _content(words[start][0]):
            content += 1
    words = words[start:]
    best = _best_start(letters, [w for w, _ in words])
    if best is None:
        return None
    long_start = words[best][1]
    long_end = open_
    while long_end > long_start and text[long_end - 1] in " \t,–-":
        long_end -= 1
    return InlineDefinition(
        short, text[long_start:long_end], span[0], span[1], long_start, long_end
    )


def _short_then_long(text: str, open_: int, end: int, outer: int) -> InlineDefinition | None:
    before = text[outer:open_].rstrip()
    tokens = before.split()
    short = None
    for count in (2, 1):
        if len(tokens) >= count:
            candidate = " ".join(tokens[-count:]).strip(_QUOTES)
            if is_short_form(candidate) and (count == 1 or candidate.replace(" ", "").isupper()):
                short = candidate
                break
    if short is None:
        return None
    content = text[open_ + 1 : end]
    lead = len(content) - len(content.lstrip(" " + _QUOTES))
    long_text = content.strip().rstrip(".,;")
    if len(long_text.split()) < 2:
        return None
    words = long_text.split()
    if _best_start(_letters(short), words, anchored=True) != 0:
        return None
    short_start = before.rindex(short) + outer
    long_start = open_ + 1 + lead
    return InlineDefinition(
        short, long_text.strip(_QUOTES + " "), short_start, short_start + len(short),
        long_start, long_start + len(long_text.strip(_QUOTES + " ")),
    )  # fmt: skip


def _letters(short: str) -> str:
    return "".join(ch for ch in short.casefold() if ch.isalnum())


def _content(word: str) -> bool:
    return word.strip(_QUOTES + ",.").casefold() not in FUNCTION_WORDS


def _best_start(letters: str, words: list[str], anchored: bool = False) -> int | None:
    """The start word whose alignment uses the most content-word initials; the shortest on ties."""
    best: tuple[int, int] | None = None
    starts = [0] if anchored else range(len(words) - 1, -1, -1)
    for start in starts:
        word = words[start].lstrip(_QUOTES)
        if not word or word[0].casefold() != letters[0] or not _content(words[start]):
            continue
        initials = _align(letters, tuple(w.lstrip(_QUOTES).casefold() for w in words[start:]))
        if initials is None or initials < _MIN_INITIALS * len(letters):
            continue
        if best is None or initials > best[0]:
            best = (initials, start)
    return None if best is None else best[1]


def _align(letters: str, words: tuple[str, ...]) -> int | None:
    """Most letters matched at content-word initials when all letters align in order, or None."""
    chars: list[tuple[str, bool]] = []  # (letter, is a content word's initial)
    for word in words:
        content = word.strip(",.") not in FUNCTION_WORDS
        for position, ch in enumerate(word):
            if ch.isalnum():
                chars.append((ch, content and position == 0))
    return _align_chars(letters, tuple(chars))


@lru_cache(maxsize=4096)
def _align_chars(letters: str, chars: tuple[tuple[str, bool], ...]) -> int | None:
    # chars[0] is the start word's initial and must carry the first letter.
    if not chars or chars[0][0] != letters[0]:
        return None
    NEG = -1

    @cache
    def best(k: int, pos: int) -> int:
        """Best initials for letters[k:] using chars after pos; NEG when impossible."""
        if k == len(letters):
            return 0
        result = NEG
        for nxt in range(pos + 1, len(chars)):
            ch, initial = chars[nxt]
            if ch != letters[k]:
                continue
            rest = best(k + 1, nxt)
            if rest != NEG:
                result = max(result, rest + int(initial))
        return result

    rest = best(1, 0)
    return None if rest == NEG else rest + 1
