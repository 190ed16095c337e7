"""Where the Bulgarian Hunspell dictionary lives: one place for the modules that read its files.

The dictionary, its affix rules and the lexicon all read these files; keeping the paths here
keeps those modules from importing each other in a circle.
"""

from __future__ import annotations

from pathlib import Path

DICTIONARY_DIR = Path(__file__).resolve().parent.parent / "data" / "hunspell"
LANG = "bg_BG"
