"""The token patterns of an abbreviation mention, shared by the tokenizer and the mention rules.

`MATCHER_PATTERNS` says the same in spaCy's Matcher language (`tokenizer.spacy_pipeline`).
"""

from __future__ import annotations

# A capital, then another within a few letters: `МВР`, `МВнР`, `НСлС`, and capitalised words too.
TOKEN = r"^[А-Я][а-я]{0,2}[А-Я][А-Яа-я]{0,10}\.?$"
DASHES = ("-", "–", "—")
LOWER_SUFFIX = r"^[а-я]{1,6}$"  # `то` in `НПО-то`
PLACE_WORD = r"^[А-Я][а-я]+$"  # `Варна` in `МКБТХ – Варна`

_ABBR = {"TEXT": {"REGEX": TOKEN}}
# Matcher patterns by name: one token, two (`ИА ГИТ`), with a suffix (`НПО-то`) or a place
# (`МКБТХ – Варна`, `МКБТХ Варна`).
MATCHER_PATTERNS: dict[str, list[list[dict]]] = {
    "ABBR": [[_ABBR]],
    "MULTI": [[_ABBR, _ABBR]],
    "SUFFIX": [[_ABBR, {"ORTH": "-"}, {"TEXT": {"REGEX": LOWER_SUFFIX}}]],
    "PLACE": [[_ABBR, {"ORTH": {"IN": list(DASHES)}, "OP": "?"}, {"TEXT": {"REGEX": PLACE_WORD}}]],
}
