"""The domain lexicon (pipeline/data/lexicon_bg.txt): words bg_BG lacks, with all their forms.

Each word borrows the affix flags of a model stem, so Hunspell itself accepts every inflected
form; `forms()` lists them through the same rules, for the suggester and for review.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .affixes import get_affixes, stem_flags

LEXICON_PATH = Path(__file__).resolve().parent.parent / "data" / "lexicon_bg.txt"


@dataclass(frozen=True, slots=True)
class Entry:
    word: str  # a word, or a combining form ending in `-` (радио-)
    model: str | None
    line: int

    @property
    def combining(self) -> bool:
        return self.word.endswith("-")


def read_lexicon(path: Path = LEXICON_PATH) -> list[Entry]:
    entries = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) > 2:
            raise ValueError(f"{path.name}:{number}: expected `word model`, got {raw!r}")
        entry = Entry(parts[0], parts[1] if len(parts) == 2 else None, number)
        if entry.combining and entry.model:
            raise ValueError(f"{path.name}:{number}: a combining form takes no model")
        entries.append(entry)
    return entries


def combining_forms(entries: list[Entry]) -> tuple[str, ...]:
    """The combining forms (радио, видео, анти, …), longest first."""
    forms = {entry.word[:-1] for entry in entries if entry.combining}
    return tuple(sorted(forms, key=lambda form: (-len(form), form)))


def install(hunspell, entries: list[Entry]) -> None:
    """Add the entries to a live Hunspell object (in memory only; the .dic stays untouched)."""
    for entry in entries:
        if entry.combining:
            continue
        if entry.model:
            hunspell.add_with_affix(entry.word, entry.model)
        else:
            hunspell.add(entry.word)


def entry_forms(entry: Entry) -> list[str]:
    """Every form of one entry, generated from its model's flags by the .aff rules."""
    flags = stem_flags().get(entry.model, "") if entry.model else ""
    return sorted(get_affixes().forms(entry.word, flags))


@lru_cache(maxsize=1)
def lexicon_forms() -> frozenset[str]:
    """Every form of every lexicon word."""
    return frozenset(
        form for entry in read_lexicon() if not entry.combining for form in entry_forms(entry)
    )


def _main() -> None:
    """Print each lexicon word with its model and forms, to review an addition."""
    for entry in read_lexicon():
        if entry.combining:
            sys.stdout.write(f"{entry.word} (combining form)\n")
            continue
        flags = stem_flags().get(entry.model, "") if entry.model else ""
        forms = entry_forms(entry)
        sys.stdout.write(
            f"{entry.word} ({entry.model or '-'}, {flags or '-'}): {' '.join(forms)}\n"
        )


if __name__ == "__main__":
    _main()
