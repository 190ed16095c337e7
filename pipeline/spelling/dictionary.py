"""The Bulgarian Hunspell dictionary through chunspell, with the domain lexicon, once per process.

`known()` answers for a single word form, case-insensitively where Hunspell is case-strict in
the wrong direction (an ALL-CAPS heading word is checked in lower case too).
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

from .paths import DICTIONARY_DIR, LANG

_LOCK = threading.Lock()
_MIN_COMPOUND_REST = 4


class Dictionary:
    def __init__(
        self, directory: Path = DICTIONARY_DIR, lang: str = LANG, *, lexicon: bool = True
    ) -> None:
        from hunspell import Hunspell  # chunspell's module name

        self._hunspell = Hunspell(lang, hunspell_data_dir=str(directory), system_encoding="UTF-8")
        self._cache: dict[str, bool] = {}
        self.combining_forms: tuple[str, ...] = ()
        if lexicon:
            from .lexicon import combining_forms, install, read_lexicon

            entries = read_lexicon()
            install(self._hunspell, entries)
            self.combining_forms = combining_forms(entries)

    @property
    def hunspell(self):
        """The chunspell object, for analysis (`analyze`, `stem`) the wrapper does not cover."""
        return self._hunspell

    def spell(self, word: str) -> bool:
        """Hunspell's own verdict for exactly this form."""
        cached = self._cache.get(word)
        if cached is None:
            cached = self._cache[word] = bool(self._hunspell.spell(word))
        return cached

    def known(self, word: str) -> bool:
        """The word is in the dictionary as written, or lower-cased (headings, sentence starts)."""
        if self.spell(word):
            return True
        lower = word.lower()
        if lower != word and self.spell(lower):
            return True
        if word.isupper() and len(word) > 1 and self.spell(word[0] + word[1:].lower()):
            return True
        return self.compound(lower)

    def compound(self, lower: str) -> bool:
        """A combining form and a known word of four letters or more: радиоспот, антикорупционен."""
        for form in self.combining_forms:
            rest = lower[len(form) :]
            if lower.startswith(form) and len(rest) >= _MIN_COMPOUND_REST and self.spell(rest):
                return True
        return False

    def suggest(self, word: str) -> list[str]:
        """Hunspell's own suggestions: slow for Bulgarian (0.1–0.3 s a word), use sparingly."""
        return list(self._hunspell.suggest(word))


@lru_cache(maxsize=1)
def _load() -> Dictionary:
    return Dictionary()


def get_dictionary() -> Dictionary:
    with _LOCK:
        return _load()
