"""The token patterns of an abbreviation mention, shared by the Matcher and the mention rules."""

from __future__ import annotations

# A capital, then another within a few letters: `МВР`, `МВнР`, `НСлС`, and capitalised words too.
TOKEN = r"^[А-Я][а-я]{0,2}[А-Я][А-Яа-я]{0,10}\.?$"
DASHES = ("-", "–", "—")

_ABBR = {"TEXT": {"REGEX": TOKEN}}
# Matcher patterns by name: one token, two (`ИА ГИТ`), with a suffix (`НПО-то`) or a place
# (`МКБТХ – Варна`, `МКБТХ Варна`).
MATCHER_PATTERNS: dict[str, list[list[dict]]] = {
    "ABBR": [[_ABBR]],
    "MULTI": [[_ABBR, _ABBR]],
    "SUFFIX": [[_ABBR, {"ORTH": "-"}, {"TEXT": {"REGEX": r"^[а-я]{1,6}$"}}]],
    "PLACE": [
        [_ABBR, {"ORTH": {"IN": list(DASHES)}, "OP": "?"}, {"TEXT": {"REGEX": r"^[А-Я][а-я]+$"}}]
    ],
}
