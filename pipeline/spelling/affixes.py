"""The suffix rules of the Hunspell .aff file, read in Python to list a stem's inflected forms.

Hunspell answers "is this form a word"; the lexicon's tests and the grammar check also need the
other way round: every form a stem with its flags produces, and which rule produced a form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .paths import DICTIONARY_DIR, LANG


@dataclass(frozen=True, slots=True)
class Suffix:
    flag: str
    strip: str  # removed from the stem's end (and required there: bg_BG has no other conditions)
    add: str


class Affixes:
    """Suffix rules by flag; bg_BG uses one-character flags and only `.` conditions."""

    def __init__(self, path: Path) -> None:
        self.rules: dict[str, list[Suffix]] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            # Rule lines have five fields; the header `SFX A Y 8` has four.
            if len(parts) >= 5 and parts[0] == "SFX":
                _, flag, strip, add, _condition = parts[:5]
                self.rules.setdefault(flag, []).append(
                    Suffix(flag, "" if strip == "0" else strip, "" if add == "0" else add)
                )

    def forms(self, stem: str, flags: str) -> dict[str, list[Suffix | None]]:
        """Every form of `stem` under `flags` (the stem itself included) and the rules making it."""
        out: dict[str, list[Suffix | None]] = {stem: [None]}
        for flag in flags:
            for rule in self.rules.get(flag, ()):
                if stem.endswith(rule.strip) and len(stem) > len(rule.strip):
                    form = stem[: len(stem) - len(rule.strip)] + rule.add
                    out.setdefault(form, []).append(rule)
        return out


@lru_cache(maxsize=1)
def get_affixes() -> Affixes:
    return Affixes(DICTIONARY_DIR / f"{LANG}.aff")


@lru_cache(maxsize=1)
def stem_flags() -> dict[str, str]:
    """Flags of every stem in the .dic (~40 ms): Hunspell's analysis omits them for bare stems."""
    out: dict[str, str] = {}
    with open(DICTIONARY_DIR / f"{LANG}.dic", encoding="utf-8") as handle:
        next(handle)  # the word count
        for line in handle:
            stem, _, flags = line.rstrip("\n").partition("/")
            out[stem] = out.get(stem, "") + flags
    return out


# A .dic line opening with a capital (A–Z, Ѐ–Я in UTF-8): searched in the file's bytes, since
# decoding and splitting its 78,000 lines is what made `stem_flags` cost ~30 ms.
_CAPITALISED_LINE = re.compile(rb"^(?:[A-Z]|\xd0[\x80-\xaf])[^/\n]*", re.MULTILINE)


@lru_cache(maxsize=1)
def capitalised_stems() -> dict[str, None]:
    """The .dic's stems that open with a capital, in the file's order: exactly the keys of
    `stem_flags()` whose first letter is upper case (a test holds the two together); from the
    ready tables (`ready.py`) when they are current."""
    from .ready import ready_tables

    ready = ready_tables()
    return dict.fromkeys(ready["capitalised"]) if ready else build_capitalised_stems()


def build_capitalised_stems() -> dict[str, None]:
    """`capitalised_stems` read from the .dic (~10 ms)."""
    data = (DICTIONARY_DIR / f"{LANG}.dic").read_bytes()
    return dict.fromkeys(
        stem.decode("utf-8").rstrip("\r") for stem in _CAPITALISED_LINE.findall(data)
    )
