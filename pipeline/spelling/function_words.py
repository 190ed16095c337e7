"""Bulgarian function words the proofreading rules share: one list of prepositions.

The article check (`на министърът`), the agreement check (`под наем`: a preposition, not a
noun) and the suggester (`отбюджета` → `от бюджета`) all read `PREPOSITIONS` from here.
"""

from __future__ import annotations

# Simple prepositions of the official grammar (Граматика на съвременния български книжовен
# език), and the compound ones written as one word.
PREPOSITIONS = frozenset(
    ["в", "във", "с", "със", "на", "за", "от", "до", "по", "при", "към", "без", "чрез", "над",
     "под", "пред", "след", "през", "между", "сред", "срещу", "според", "около", "върху", "освен",
     "заради", "покрай", "измежду", "из", "у", "спрямо", "съгласно"]
)  # fmt: skip
# Particles and conjunctions that a typist runs into the next word as often (`даго` → да го).
PARTICLES = frozenset(["и", "а", "но", "да", "не", "ще", "се", "си", "ли", "че", "то", "са", "е"])
