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

The same test decides a word broken without any hyphen, as narrow table cells force
(`Мониториран` + `е`): joined unless both halves are words and the joined form is not.
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

        return get_dictionary().known
    except Exception:  # no Hunspell here: decide conservatively
        return None


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
    """A line that is one word filling the width, then a lower-case fragment: one word?"""
    if not right_text[:1].islower():
        return False
    halves = _halves(left_text, right_text)
    known = _known()
    if halves is None or known is None:
        return False
    return not _compound(*halves, known)


def _compound(left: str, right: str, known) -> bool:
    """Two words joined by a hyphen. When the joined form is a word too (`наказателноправните`
    is as right as `наказателно-правните`), long halves decide: a syllable break rarely leaves
    two words of four letters or more, while `за-щита` does leave two short ones."""
    if not (known(left) and known(right)):
        return False
    return not known(left + right) or (len(left) >= 4 and len(right) >= 4)
