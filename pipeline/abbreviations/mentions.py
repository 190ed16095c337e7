"""Abbreviation mentions in text: spaCy's Bulgarian tokenizer, a Matcher, then dictionary and context.

A token shaped like an abbreviation (`НКБТХ`, `МВнР`, `ИА ГИТ`, `НПО-та`, `МКБТХ – Варна`) is
one unless it is an ordinary word in capitals: in the dictionary and not a known abbreviation,
or part of a heading (a run of capitalised dictionary words such as `СОФИЯ ФОРУМ`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .patterns import TOKEN
from .similarity import vowel_ratio
from .tokenizer import Analysis, analyse

_CANDIDATE = re.compile(r"[А-Я][а-я]{0,2}[А-Я]")
_NON_BULGARIAN = set("ЫЭЁІЇЄ")
_ROMAN_LOOKALIKES = set("ХСМ")


@dataclass(frozen=True, slots=True)
class RawMention:
    """An abbreviation found in one text; offsets index that text."""

    abbreviation: str  # as written, without suffix or place: "МКБТХ", "ИА ГИТ"
    start: int
    end: int
    suffix: str | None = None  # "-то" in "НПО-то"
    place: str | None = None  # "Варна" in "МКБТХ – Варна"


class Lexicon:
    """What the mention finder needs to know: defined abbreviations and dictionary words."""

    def __init__(self, known: Callable[[str], bool], word: Callable[[str], bool] | None = None):
        self.known = known
        self._word = word
        self._proper: Callable[[str], bool] | None = None

    def word(self, text: str) -> bool:
        """An ordinary Bulgarian word (any case)."""
        if self._word is None:
            self._word = _dictionary().known
        return self._word(text)

    def proper_noun(self, text: str) -> bool:
        """`Варна`: known capitalised, unknown in lower case."""
        dictionary = _dictionary()
        return dictionary.spell(text) and not dictionary.spell(text.lower())


def _dictionary():
    from ..spelling import get_dictionary

    return get_dictionary()


def find_mentions(texts: Iterable[str], lexicon: Lexicon) -> list[list[RawMention]]:
    """Mentions in each text, in order; texts without two capitals close together are skipped."""
    texts = list(texts)
    results: list[list[RawMention]] = [[] for _ in texts]
    wanted = [index for index, text in enumerate(texts) if _CANDIDATE.search(text)]
    if not wanted:
        return results
    for index, doc in zip(wanted, analyse([texts[i] for i in wanted]), strict=True):
        results[index] = _mentions_in_doc(doc, lexicon)
    return results


def _mentions_in_doc(doc: Analysis, lexicon: Lexicon) -> list[RawMention]:
    by_start: dict[int, dict[str, int]] = {}
    for label, start, end in doc.matches:
        kinds = by_start.setdefault(start, {})
        kinds[label] = max(kinds.get(label, 0), end)
    if not by_start:
        return []
    headings = _heading_tokens(doc, lexicon)
    out: list[RawMention] = []
    skip_to = 0
    for start in sorted(by_start):
        if start < skip_to:
            continue
        kinds = by_start[start]
        first = doc[start]
        last = start
        form = _bare(first.text)
        multi = kinds.get("MULTI")
        if multi and first.whitespace_ == " ":
            joined = f"{form} {_bare(doc[start + 1].text)}"
            if lexicon.known(joined) and not first.text.endswith("."):
                form, last = joined, start + 1
        if last == start and not _is_abbreviation(form, start in headings, lexicon):
            continue
        end_token = doc[last]
        end_char = end_token.idx + len(_bare(end_token.text))
        suffix = place = None
        suffix_end = kinds.get("SUFFIX")
        if (
            last == start
            and suffix_end
            and first.whitespace_ == ""
            and not doc[start + 1].whitespace_
        ):
            suffix = "-" + doc[suffix_end - 1].text
            last = suffix_end - 1
        else:
            place = _place(doc, last, by_start.get(last, {}).get("PLACE"), lexicon)
        out.append(RawMention(form, first.idx, end_char, suffix, place))
        skip_to = last + 1
    return out


def _bare(text: str) -> str:
    return text[:-1] if text.endswith(".") else text


def _place(doc: Analysis, last: int, place_end: int | None, lexicon: Lexicon) -> str | None:
    """`МКБТХ – Варна`, `МКБТХ-Бургас`, `МКБТХ Варна`: a dash, or a proper noun right after."""
    if not place_end or doc[last].text.endswith("."):
        return None
    word = doc[place_end - 1]
    dashed = place_end - last == 3
    if dashed or lexicon.proper_noun(word.text):
        return word.text
    return None


def _is_abbreviation(form: str, in_heading: bool, lexicon: Lexicon) -> bool:
    """Dictionary and context decide; a definition anywhere outweighs the dictionary."""
    if any(ch in _NON_BULGARIAN for ch in form):
        return False
    if lexicon.known(form):
        return not (in_heading and lexicon.word(form))
    if lexicon.word(form):
        return False  # РАЗДЕЛ, ФОРУМ, СОФИЯ: ordinary words in capitals
    if set(form) <= _ROMAN_LOOKALIKES:
        return False  # `ХХ век`: a Roman numeral typed in Cyrillic (script.mixed reports it)
    mixed = any(ch.islower() for ch in form)
    # An unknown word in capitals is an abbreviation when it looks like one: short, or few
    # vowels (ЦКБППМН, НСОРБ); long vowel-rich ones are misspelt or rare words (АБРИВИАТУРИ).
    return mixed or len(form) <= 4 or vowel_ratio(form) <= 1 / 3


def _heading_tokens(doc: Analysis, lexicon: Lexicon) -> set[int]:
    """Token indices inside runs of capitals that hold two or more ordinary words."""
    headings: set[int] = set()
    run: list[int] = []
    ordinary = 0

    def close() -> None:
        if ordinary >= 2:
            headings.update(run)

    for token in doc:
        text = token.text
        letters = [ch for ch in text if ch.isalpha()]
        if not letters:
            continue  # punctuation and numbers neither break nor extend a run
        if text.isupper() or re.match(TOKEN, text):
            run.append(token.i)
            bare = _bare(text)
            if bare.isupper() and len(bare) >= 2 and not lexicon.known(bare) and lexicon.word(bare):
                ordinary += 1
            continue
        close()
        run, ordinary = [], 0
    close()
    return headings
