"""spaCy's Bulgarian tokenizer rules as data: dumped from spaCy, so natprog can tokenize without it.

`python -m natprog.abbreviations.spacy_rules` rewrites pipeline/data/spacy_bg_tokenizer.json from
the installed spaCy (MIT licence; the patterns are spaCy's, see its `lang/bg` and
`lang/punctuation.py`). tests/test_tokenizer.py fails when the file and spaCy disagree.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

RULES_PATH = Path(__file__).resolve().parents[1] / "data" / "spacy_bg_tokenizer.json"

# The alphabet of the narrow patterns: Latin, Greek and Cyrillic (U+0000–U+052F); punctuation,
# currency, letterlike, arrows and other symbols (U+2000–U+2BFF); the Symbol font's private
# characters (U+F000–U+F0FF, Word's bullets in PDFs); ligatures (U+FB00–U+FB4F); half- and
# full-width forms and specials (U+FE00–U+FFFF). A Bulgarian draft's chunks are written in it,
# bar the odd CJK, Arabic or emoji character (the full patterns take those).
NARROW_ALPHABET = (
    (0x0000, 0x052F),
    (0x2000, 0x2BFF),
    (0xF000, 0xF0FF),
    (0xFB00, 0xFB4F),
    (0xFE00, 0xFFFF),
)
NARROW_KEYS = ("prefix", "suffix", "infix", "url_match")
# A character no chunk in the alphabet holds: the class that matches none of the alphabet.
_OUTSIDE = "\\U0010ffff"


def dump_rules() -> dict:
    """The prefix, suffix and infix patterns, token/url matches and special cases of blank("bg")."""
    import spacy

    tokenizer = spacy.blank("bg").tokenizer

    def pattern(function) -> str | None:
        return function.__self__.pattern if function is not None else None

    specials = {
        orth: [token[65] for token in tokens]  # 65: spaCy's ORTH attribute id
        for orth, tokens in tokenizer.rules.items()
    }
    rules = {
        "spacy_version": spacy.__version__,
        "prefix": pattern(tokenizer.prefix_search),
        "suffix": pattern(tokenizer.suffix_search),
        "infix": pattern(tokenizer.infix_finditer),
        "token_match": pattern(tokenizer.token_match),
        "url_match": pattern(tokenizer.url_match),
        "special_cases": dict(sorted(specials.items())),
    }
    rules["narrow"] = {key: narrowed(rules[key]) for key in NARROW_KEYS if rules[key]}
    return rules


def narrowed(pattern: str) -> str:
    """`pattern` with every character class cut to NARROW_ALPHABET.

    Why: spaCy's letter classes hold ~44,000 code points each (CJK included), and Python's
    regex compiler walks every one of them: the full patterns took ~45 ms to compile, a tenth
    of a cold `extract`. On a text whose characters are all in the alphabet, a class and its
    cut match exactly the same characters, so the narrow pattern finds exactly what the full
    one finds; the tokenizer uses it for such chunks and the full pattern (compiled when first
    needed) for any other.
    """
    out: list[str] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            out.append(pattern[i : i + 2])
            i += 2
        elif char == "[":
            end = _class_end(pattern, i)
            out.append(_narrow_class(pattern[i : end + 1]))
            i = end + 1
        else:
            out.append(char)
            i += 1
    return "".join(out)


def _class_end(pattern: str, start: int) -> int:
    """The index of the `]` closing the class opened at `start`."""
    j = start + 1
    if pattern[j] == "^":
        j += 1
    if pattern[j] == "]":  # a `]` first in a class is a literal
        j += 1
    while pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j


def _narrow_class(text: str) -> str:
    from re import _constants as sre
    from re import _parser

    ((op, items),) = list(_parser.parse(text))
    assert op is sre.IN, text
    negated = False
    categories: list[str] = []
    points: set[int] = set()
    for kind, value in items:
        if kind is sre.NEGATE:
            negated = True
        elif kind is sre.LITERAL:
            points.add(value)
        elif kind is sre.RANGE:
            for low, high in NARROW_ALPHABET:
                points.update(range(max(low, value[0]), min(high, value[1]) + 1))
        elif kind is sre.CATEGORY:
            categories.append(_category_names()[value])
        else:  # pragma: no cover - spaCy's classes hold nothing else
            raise ValueError(f"unexpected {kind} in {text}")
    points = {p for p in points if any(low <= p <= high for low, high in NARROW_ALPHABET)}
    body = "".join(_ranges(sorted(points))) + "".join(categories)
    return f"[{'^' if negated else ''}{body or _OUTSIDE}]"


def _ranges(points: list[int]) -> list[str]:
    out: list[str] = []
    start = 0
    while start < len(points):
        end = start
        while end + 1 < len(points) and points[end + 1] == points[end] + 1:
            end += 1
        low, high = points[start], points[end]
        if high == low + 1:  # two in a row: shorter as two than as a range
            out.append(_class_char(low) + _class_char(high))
        else:
            out.append(
                _class_char(low) if low == high else f"{_class_char(low)}-{_class_char(high)}"
            )
        start = end + 1
    return out


def _class_char(point: int) -> str:
    """A character as written in a class: itself when it is a plain printable one (the regex
    parser reads those several times faster than escapes), else its escape."""
    char = chr(point)
    if char.isprintable() and not char.isspace() and char not in "\\]^-[":
        return char
    return f"\\u{point:04x}"


def _category_names() -> dict:
    from re import _constants as sre

    return {
        sre.CATEGORY_DIGIT: "\\d",
        sre.CATEGORY_NOT_DIGIT: "\\D",
        sre.CATEGORY_SPACE: "\\s",
        sre.CATEGORY_NOT_SPACE: "\\S",
        sre.CATEGORY_WORD: "\\w",
        sre.CATEGORY_NOT_WORD: "\\W",
    }


def _main() -> None:
    data = dump_rules()
    data.pop("spacy_version")  # the rules, not the version, decide whether the file is current
    RULES_PATH.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    sys.stderr.write(f"wrote {RULES_PATH}\n")


if __name__ == "__main__":
    _main()
