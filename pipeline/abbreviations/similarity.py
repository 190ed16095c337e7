"""How abbreviations and their expansions compare: Bulgarian order, near misses, same meaning.

Expansions are compared after folding case, quotes and Bulgarian endings, so `Отдел за закрила
на детето` and `Отдел „Закрила на детето”` agree while `Министерство на отбраната` does not.
"""

from __future__ import annotations

import re

from ..collation import collation_key  # noqa: F401  (the abbreviation stage sorts with it)

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Function words carry no meaning of their own in an institution's name.
FUNCTION_WORDS = frozenset("в във до за и към на над от по при пред с със срещу чрез".split())  # noqa: SIM905
_STEM = 5  # Bulgarian inflects at the end: "малолетни"/"малолетните", "Национален"/"Националния"
SAME_MEANING = 85  # rapidfuzz ratio of folded expansions at or above which they mean the same
SAME_NAME = 90  # stricter: a full institution name resolved to an abbreviation


def fold_expansion(text: str) -> str:
    """Content words cut to their stems: `Отдел „Закрила на детето”` -> `отдел закри детет`."""
    words = [word.casefold() for word in _WORD.findall(text)]
    return " ".join(word[:_STEM] for word in words if word not in FUNCTION_WORDS)


def expansion_similarity(first: str, second: str) -> float:
    from rapidfuzz import fuzz

    return fuzz.ratio(fold_expansion(first), fold_expansion(second))


def same_meaning(first: str | None, second: str | None) -> bool:
    """Two expansions name the same thing (tolerating case, quotes, articles, small words)."""
    if not first or not second:
        return True
    return expansion_similarity(first, second) >= SAME_MEANING


def near_miss(written: str, defined: str) -> bool:
    """One letter off or two neighbours swapped (`МОНМ`/`МОМН`, `МКБППМН`/`ЦКБППМН`)."""
    from rapidfuzz.distance import OSA

    if written == defined or min(len(written), len(defined)) < 3:
        return False
    return OSA.distance(written.casefold(), defined.casefold()) == 1


def vowel_ratio(word: str) -> float:
    letters = [ch for ch in word.casefold() if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(ch in "аеиоуъюяэы" for ch in letters) / len(letters)
