"""Words broken at a PDF line end: rejoin a hyphenated word, keep the hyphen of a compound.

PDF producers (Word, LibreOffice) write a hyphenation hyphen and a compound's hyphen as the same
U+002D, so the text alone cannot tell `пре-` + `венция` from `наказателно-` + `правните`. The rule:

* a soft hyphen (U+00AD) left in the text is a hyphenation point: dropped, halves joined;
* the hyphen is kept (no space) when the next line starts with a capital or a digit
  (`МКБТХ-Варна`, `2012-2013`) or when both halves are dictionary words and the joined form is
  not (`държавите-членки`, `по-добре`), or is but both halves have four letters or more
  (`наказателно-правните`);
* otherwise the halves are one word broken at a syllable (`пре-венция`, `за-щита`): joined
  without the hyphen. A word the dictionary does not know (a name) is joined too: hyphenation
  of an unknown word is far more common in drafts than an unknown compound.

A word broken without any hyphen, as narrow table cells force (`Мониториран` + `е`), is
joined when the joined form is a word or the left part is not one (a fragment of a name or
of a misspelt word).
Without a dictionary (chunspell missing) hyphens are kept and forced breaks left as spaces:
nothing is joined that might not belong together.
"""

from __future__ import annotations

import re
from functools import lru_cache

_LETTERS = re.compile(r"[^\W\d_]+$")
_LEADING_LETTERS = re.compile(r"^[^\W\d_]+")


@lru_cache(maxsize=1)
def _known():
    try:
        from ..spelling.dictionary import get_dictionary

        known = get_dictionary().known
    except Exception:  # no Hunspell here: decide conservatively
        return None

    def known_any_case(word: str) -> bool:
        # Labels and headers come in capitals (`СРОК ЗА ИЗПЪЛНЕНИЕ`): look them up as words.
        return known(word) or (word.isupper() and known(word.lower()))

    return known_any_case


def _halves(left_text: str, right_text: str) -> tuple[str, str] | None:
    left = _LETTERS.search(left_text)
    right = _LEADING_LETTERS.match(right_text)
    if left is None or right is None:
        return None
    return left.group(0), right.group(0)


def keep_hyphen(left_text: str, right_text: str) -> bool:
    """`left_text` ends just before a line-end hyphen, `right_text` is the next line."""
    if not right_text[:1].isalpha() or right_text[:1].isupper():
        return True
    halves = _halves(left_text, right_text)
    known = _known()
    if halves is None or known is None:
        return True
    return _compound(*halves, known)


def join_forced_break(left_text: str, right_text: str) -> bool:
    """A line that is one word filling the width, then a fragment no wider than the room left:
    one word cut where the cell ran out (`ФИНАНСИРАН` + `Е`, `НКБТ` + `Х,`), unless the left
    part is a word and the join is not (`Отговорна` + `институция`), or a capital follows a
    lower-case letter (a new word). `right_text` is the whole continuation."""
    if left_text[-1:].isdigit() and right_text[:1].isdigit():
        return True  # `201` + `2`: a number is never two
    if not right_text[:1].isalpha() or (left_text[-1:].islower() and right_text[:1].isupper()):
        return False
    halves = _halves(left_text, right_text)
    if (
        halves is not None
        and len(halves[0]) > 1
        and halves[0].isupper()
        and halves[1][:1].islower()
    ):
        return False  # `МОМН` + `и`: an abbreviation does not go on in lower case
    if halves is not None and halves[0].isupper() and halves[1][1:2].islower():
        return False  # `МКБТХ` + `Варна`: capitals, then a capitalised word
    known = _known()
    if halves is None or known is None:
        return False
    left, right = halves
    # A word on either side of a join that is no word: two words (`Всички` + `представни`,
    # `представни` + `в`); a cut leaves fragments (`инстититу` + `ции`, `НКБТ` + `Х`) or makes
    # a word (`ФИНАНСИРАН` + `Е`).
    return known(left + right) or not (known(left) or known(right))


def makes_word(left_text: str, right_text: str) -> bool:
    """The last word of `left_text` and the first of `right_text` make a known word together,
    or are capitals with nothing between them (`ЦКБПП` + `МН`: abbreviations in a list are
    kept apart by commas or `и`)."""
    halves = _halves(left_text, right_text)
    known = _known()
    if halves is None or known is None:
        return False
    left, right = halves
    if left.isupper() and right.isupper() and not (known(left) or known(right)):
        return True
    return known(left + right)


def continues_fragment(fragment: str, right_text: str) -> bool:
    """Does a one-word line go on into the next (read from below, before the word it started
    in is known)? When the join is a word (`ИЗПЪЛНЕ` + `НИЕ`), or neither part is one
    (`НКБТ` + `Х`); `ства` + `по` stays open until the word before it (`Сред`) is read."""
    if fragment[-1:].isdigit() and right_text[:1].isdigit():
        return True
    halves = _halves(fragment, right_text)
    known = _known()
    if halves is None or known is None:
        return False
    left, right = halves
    return known(left + right) or not (known(left) or known(right))


def _compound(left: str, right: str, known) -> bool:
    """Two words joined by a hyphen. When the joined form is a word too, it is the word, broken
    at a syllable (`между-народно`, `представи-тели`), unless the left half is a compound's
    adverb-like first part (`наказателно-правните`, as right as `наказателноправните`)."""
    if not (known(left) and known(right)):
        return False
    if not known(left + right):
        return True
    return left[-1:].lower() == "о" and len(left) >= 6 and len(right) >= 4
