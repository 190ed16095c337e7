"""Single-letter edits of a word and what each costs: how likely a typist made that slip.

A neighbouring key (on the BDS or the phonetic layout), a doubled letter or two swapped letters
are cheap; an arbitrary letter is dearer. The suggester keeps the edits that are real words.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Protocol

ALPHABET = "абвгдежзийклмнопрстуфхцчшщъьюя"
VOWELS = frozenset("аеиоуъюя")

# Key rows from the left edge of the Q, A and Z rows; a space holds a key with no letter.
_LAYOUTS = {
    "bds": (" уеишщксдзц", "ьяаожгтнвмч", "юйъэфхпрлб"),
    "phonetic": ("явертъуиопшщ", "асдфгхйкл", "зьцжбнм"),
}
_ROW_SHIFT = (0.0, 0.25, 0.75)  # the stagger of the physical rows
# Letters Hunspell's bg_BG MAP groups as sounding alike (voiced/voiceless pairs, reduced vowels).
_SOUND_ALIKE = ("аъ", "еи", "оу", "бп", "вф", "гк", "дт", "жш", "зс", "юу", "яа")

COST_SWAP = 0.6
COST_DOUBLED = 0.5  # the typo doubled a letter: deleting the copy
COST_DELETE = 0.9  # the typo added a stray letter
COST_DELETE_NEIGHBOUR = 0.7  # ... typed by a neighbouring key of the letter beside it
COST_INSERT = 0.8  # the typo dropped a letter
COST_NEIGHBOUR = 0.7
COST_SOUND = 0.75
COST_VOWEL = 0.85
COST_OTHER = 1.0
COST_STUTTER = 0.9  # a two-letter chunk typed twice
COST_FIRST = 0.2  # slips at the first letter are rarer
COST_SOFT_SIGN = 0.3  # ь typed for ъ (сьобщи): the keys sit together and the letters look alike


@lru_cache(maxsize=1)
def neighbours() -> dict[str, frozenset[str]]:
    """Letters whose keys touch, on either of the two Bulgarian layouts."""
    out: dict[str, set[str]] = {ch: set() for ch in ALPHABET}
    for rows in _LAYOUTS.values():
        keys = [
            (ch, r, i + _ROW_SHIFT[r])
            for r, row in enumerate(rows)
            for i, ch in enumerate(row)
            if ch in out
        ]
        for a, ra, xa in keys:
            for b, rb, xb in keys:
                if a != b and abs(ra - rb) <= 1 and abs(xa - xb) <= (1.0 if ra == rb else 0.8):
                    out[a].add(b)
    return {ch: frozenset(near) for ch, near in out.items()}


@lru_cache(maxsize=1)
def _sound_alike() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for group in _SOUND_ALIKE:
        for ch in group:
            out.setdefault(ch, set()).update(c for c in group if c != ch)
    return {ch: frozenset(near) for ch, near in out.items()}


def substitution_cost(typed: str, meant: str) -> float:
    if typed == "ь" and meant == "ъ":
        return COST_SOFT_SIGN
    if meant in neighbours().get(typed, ()):
        return COST_NEIGHBOUR
    if meant in _sound_alike().get(typed, ()):
        return COST_SOUND
    if typed in VOWELS and meant in VOWELS:
        return COST_VOWEL
    return COST_OTHER


class LetterFilter(Protocol):
    """Which letter sequences occur in words (ngrams.Ngrams); positions are in `^word$`."""

    def fitting(self, left: str, right: str) -> frozenset[str]: ...

    def plausible(self, padded: str, first: int, last: int) -> bool: ...

    def unknown_positions(self, padded: str) -> list[int]: ...


@lru_cache(maxsize=1)
def likely_substitutes() -> dict[str, frozenset[str]]:
    """The letters a typist plausibly hits instead of each letter: a neighbouring key, a letter
    that sounds alike, another vowel for a vowel."""
    sound = _sound_alike()
    out = {}
    for ch in ALPHABET:
        near = set(neighbours()[ch]) | set(sound.get(ch, ()))
        if ch in VOWELS:
            near |= VOWELS
        if ch == "ь":
            near.add("ъ")
        near.discard(ch)
        out[ch] = frozenset(near)
    return out


def edits1(
    word: str, grams: LetterFilter | None = None, *, any_substitution: bool = True
) -> Iterator[tuple[str, float]]:
    """Every string one edit away from `word` (lower case) with the cost of that edit as a typo.

    With `grams`, only strings whose letter 3- and 4-grams all occur in some word come out: an
    edit must also repair each unknown n-gram of `word` itself (`слт` in `законодатеслтво`), so
    edits elsewhere are not even built. Without `any_substitution`, a letter is replaced only
    by its likely substitutes. The same string may come out more than once (by different
    edits); callers keep the cheapest.
    """
    near = neighbours()
    n = len(word)
    padded = "^" + word + "$"  # word[i] is padded[i + 1]
    letters = frozenset(ALPHABET)
    likely = likely_substitutes()
    bad = [] if grams is None else grams.unknown_positions(padded)

    def covers(first: int, last: int) -> bool:
        """The edit rewrites every unknown n-gram (those start at first..last)."""
        return all(first <= j <= last for j in bad)

    for i in range(n):  # the typist added word[i]
        if not covers(i - 2, i + 1):
            continue
        ch = word[i]
        if (i > 0 and word[i - 1] == ch) or (i + 1 < n and word[i + 1] == ch):
            cost = COST_DOUBLED
        elif (i > 0 and word[i - 1] in near.get(ch, ())) or (
            i + 1 < n and word[i + 1] in near.get(ch, ())
        ):
            cost = COST_DELETE_NEIGHBOUR
        else:
            cost = COST_DELETE
        candidate = word[:i] + word[i + 1 :]
        if grams is None or grams.plausible("^" + candidate + "$", i, i + 1):
            yield candidate, cost + (COST_FIRST if i == 0 else 0.0)
    for i in range(n - 1):  # the typist swapped two letters
        if word[i] != word[i + 1] and covers(i - 2, i + 2):
            candidate = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
            if grams is None or grams.plausible("^" + candidate + "$", i + 1, i + 2):
                yield candidate, COST_SWAP
    for i in range(n):  # the typist hit another key
        if not covers(i - 2, i + 1):
            continue
        typed = word[i]
        first = COST_FIRST if i == 0 else 0.0
        fits = letters
        if grams is not None:
            fits = grams.fitting(padded[max(0, i - 2) : i + 1], padded[i + 2 : i + 5])
        if not any_substitution:
            fits = fits & likely.get(typed, frozenset())
        for meant in ALPHABET:
            if meant != typed and meant in fits:
                cost = substitution_cost(typed, meant) + first
                yield word[:i] + meant + word[i + 1 :], cost
    for i in range(n + 1):  # the typist dropped a letter before word[i]
        if not covers(i - 2, i):
            continue
        first = COST_FIRST if i == 0 else 0.0
        fits = letters
        if grams is not None:
            fits = grams.fitting(padded[max(0, i - 2) : i + 1], padded[i + 1 : i + 4])
        for meant in ALPHABET:
            if meant in fits:
                yield word[:i] + meant + word[i:], COST_INSERT + first


def deletes2(word: str, grams: LetterFilter | None = None) -> Iterator[tuple[str, float]]:
    """Strings without two adjacent letters: a stuttered syllable (`инстититуции`), a stray pair.

    Two separate slips in one word are found only among the document's own words (suggest.py).
    """
    bad = [] if grams is None else grams.unknown_positions("^" + word + "$")
    for i in range(len(word) - 1):  # word[i], word[i + 1] are padded i + 1, i + 2
        if not all(i - 2 <= j <= i + 2 for j in bad):
            continue
        pair = word[i : i + 2]
        candidate = word[:i] + word[i + 2 :]
        stutter = pair in (word[i - 2 : i] if i >= 2 else "", word[i + 2 : i + 4])
        if grams is None or grams.plausible("^" + candidate + "$", i, i + 1):
            yield candidate, COST_STUTTER if stutter else 2 * COST_DELETE
