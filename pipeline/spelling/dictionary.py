"""The Bulgarian Hunspell dictionary through chunspell, with the domain lexicon, once per process.

`known()` answers for a single word form, case-insensitively where Hunspell is case-strict in
the wrong direction (an ALL-CAPS heading word is checked in lower case too).
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

DICTIONARY_DIR = Path(__file__).resolve().parent.parent / "data" / "hunspell"
LANG = "bg_BG"
_LOCK = threading.Lock()


class Dictionary:
    def __init__(
        self, directory: Path = DICTIONARY_DIR, lang: str = LANG, *, lexicon: bool = True
    ) -> None:
        from hunspell import Hunspell  # chunspell's module name

        self._hunspell = Hunspell(lang, hunspell_data_dir=str(directory), system_encoding="UTF-8")
        self._cache: dict[str, bool] = {}
        if lexicon:
            from .lexicon import install, read_lexicon

            install(self._hunspell, read_lexicon())

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
        return word.isupper() and len(word) > 1 and self.spell(word[0] + word[1:].lower())

    def suggest(self, word: str) -> list[str]:
        """Hunspell's own suggestions: slow for Bulgarian (0.1–0.3 s a word), use sparingly."""
        return list(self._hunspell.suggest(word))


@lru_cache(maxsize=1)
def _load() -> Dictionary:
    return Dictionary()


def get_dictionary() -> Dictionary:
    with _LOCK:
        return _load()
