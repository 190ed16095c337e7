"""Bulgarian alphabetical order: the one sort key of glossaries, abbreviation tables and reports.

At the bottom of the package, so models and every stage can sort the same way.
"""

from __future__ import annotations

# The Bulgarian alphabet in its own order; anything else sorts after it, by code point.
ALPHABET = "абвгдежзийклмнопрстуфхцчшщъьюя"
_RANK = {letter: index for index, letter in enumerate(ALPHABET)}
_RANK["ѝ"] = _RANK["и"]


def collation_key(text: str) -> tuple:
    """Bulgarian alphabetical order, case-insensitive (`МВнР` before `МВР`)."""
    folded = text.casefold()
    letters = tuple(
        (0, _RANK[ch]) if ch in _RANK else (1, ord(ch)) for ch in folded if not ch.isspace()
    )
    return letters, text
