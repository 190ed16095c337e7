"""Gender, number and article of Bulgarian adjectives and nouns, read off Hunspell's paradigms.

bg_BG carries no morphological tags, but its paradigms do: only an adjective or participle has
a full masculine article (`-ият`), only a noun a masculine (`-ът`), feminine (`-та`) or neuter
(`-то`) article on its bare form. A form is classified only when that evidence is unambiguous;
anything else is None, and the grammar check stays silent about it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .dictionary import Dictionary

Gender = Literal["m", "f", "n"] | None  # None: plural (Bulgarian has no gender in the plural)
Number = Literal["sg", "pl"]
_CONSONANTS = frozenset("бвгджзйклмнпрстфхцчшщ")

# Adjective endings: (ending, gender, number, definite); longest first.
_ADJECTIVE_ENDINGS: tuple[tuple[str, Gender, Number, bool], ...] = (
    ("ият", "m", "sg", True),
    ("ото", "n", "sg", True),
    ("ата", "f", "sg", True),
    ("ите", None, "pl", True),
    ("ия", "m", "sg", True),
    ("о", "n", "sg", False),
    ("а", "f", "sg", False),
    ("и", None, "pl", False),
    ("", "m", "sg", False),
)


@dataclass(frozen=True, slots=True)
class Form:
    word: str
    kind: Literal["adjective", "noun"]
    gender: Gender
    number: Number
    definite: bool
    base: str  # adjective: the stem before the ending; noun: the indefinite form

    def agrees_with(self, other: Form) -> bool:
        return self.number == other.number and (self.number == "pl" or self.gender == other.gender)

    def inflect(self, gender: Gender, number: Number, definite: bool) -> str | None:
        """This adjective in another gender, number or article."""
        for ending, g, n, d in _ADJECTIVE_ENDINGS:
            if (g, n, d) == (gender, number, definite):
                if ending == "" and self.base[-1:] == "н" and self.base[-2:-1] in _CONSONANTS:
                    return None  # социалн- → социален: the vowel comes back, not worth guessing
                return self.base + ending
        return None

    def adjective_as(self, noun: Form) -> str | None:
        """This adjective in the gender and number of `noun`, keeping its article or not."""
        return self.inflect(noun.gender, noun.number, self.definite)


class Morphology:
    def __init__(self, dictionary: Dictionary) -> None:
        self.dictionary = dictionary
        self._cache: dict[str, Form | None] = {}
        self._stem_cache: dict[str, set[str]] = {}
        self._not_adjective: set[str] = set()

    def _word(self, form: str) -> bool:
        return self.dictionary.spell(form)

    def _stems(self, word: str) -> set[str]:
        """The dictionary stems Hunspell derives the word from (empty: not a word)."""
        stems = self._stem_cache.get(word)
        if stems is None:
            stems = set()
            for analysis in self.dictionary.hunspell.analyze(word):
                fields = dict(part.split(":", 1) for part in analysis.split() if ":" in part)
                if fields.get("st"):
                    stems.add(fields["st"])
            self._stem_cache[word] = stems
        return stems

    def _form_of(self, form: str, stems: set[str]) -> bool:
        """`form` is a word derived from one of `stems` (`предвидят` is no form of `предвид`)."""
        return self._word(form) and bool(self._stems(form) & stems)

    def form(self, word: str) -> Form | None:
        """The word's class, gender, number and article, or None when unknown or ambiguous."""
        lower = word.lower()
        if lower not in self._cache:
            stems = self._stems(lower)
            adjective = self._adjective(lower, stems)
            genders = {self._noun_stem(stem) for stem in stems}
            if adjective is not None:
                # A form that is also a noun's (`нарушения`, `опита`) is left alone.
                self._cache[lower] = adjective if genders <= {"none"} else None
            else:
                self._cache[lower] = self._noun(lower, stems, genders)
        return self._cache[lower]

    def adjective(self, word: str) -> Form | None:
        """The word as an adjective or participle, or None (cheaper than `form` for nouns)."""
        lower = word.lower()
        if lower in self._cache:
            found = self._cache[lower]
            return found if found is not None and found.kind == "adjective" else None
        if lower in self._not_adjective:
            return None
        if self._adjective(lower, None) is None:
            self._not_adjective.add(lower)
            return None
        found = self.form(lower)
        return found if found is not None and found.kind == "adjective" else None

    def _adjective(self, word: str, stems: set[str] | None) -> Form | None:
        for ending, gender, number, definite in _ADJECTIVE_ENDINGS:
            if ending and not word.endswith(ending):
                continue
            base = word[: len(word) - len(ending)] if ending else word
            if len(base) < 2:
                continue
            # Only adjectives and participles have the full masculine article and a feminine
            # form, made from the same stem (`петият` is the ordinal's, not `пет`'s).
            if not self._word(base + "ият"):
                if ending:  # the longest matching ending decides; a shorter one would misread
                    return None
                continue
            if stems is None:
                stems = self._stems(word)
            if (
                self._form_of(base + "ият", stems)
                and self._form_of(base + "а", stems)
                and self._form_of(base + "и", stems)
            ):
                if ending == "и" and not self._masculine_differs(base, stems):
                    return None  # `български`: singular masculine and plural alike
                return Form(word, "adjective", gender, number, definite, base)
            if ending:  # the longest matching ending decides; a shorter one would misread
                return None
        return None

    def _masculine_differs(self, base: str, stems: set[str]) -> bool:
        """The masculine singular is not the plural: нов/нови, социален/социални, добър/добри."""
        tail = base[-1]
        candidates = (base, base[:-1] + "е" + tail, base[:-1] + "ъ" + tail)
        return any(self._form_of(candidate, stems) for candidate in candidates)

    def _noun_stem(self, stem: str) -> Gender | Literal["none"]:
        """The gender of a noun in its dictionary form, or "none" when it is no noun."""
        if not stem:
            return "none"
        own = {stem}
        last = stem[-1]
        if last in _CONSONANTS:
            masculine = self._form_of(stem + "ът", own) or self._form_of(stem + "ят", own)
            feminine = self._form_of(stem + "та", own)
            if masculine != feminine:
                return "m" if masculine else "f"
        elif last in "ая":
            if self._form_of(stem + "та", own) and self._form_of(stem[:-1] + "и", own):
                return "f"
        elif last in "оеи" and self._form_of(stem + "то", own):
            return "n"
        return "none"

    def _noun(self, word: str, stems: set[str], genders: set) -> Form | None:
        if not stems:
            return None
        if len(genders) != 1 or "none" in genders:
            return None  # a verb, an adjective, or a form of two different words
        (gender,) = genders
        if word in stems:  # the dictionary form: indefinite singular
            return Form(word, "noun", gender, "sg", False, word)
        stem = min(stems)
        if word.endswith(("ите", "ете")) and self._word(word[:-2]):
            return Form(word, "noun", None, "pl", True, word[:-2])
        if word.endswith(("ът", "ят")) and gender == "m":
            return Form(word, "noun", "m", "sg", True, stem)
        if word.endswith("та") and gender == "f" and word[:-2] == stem:
            return Form(word, "noun", "f", "sg", True, stem)
        if word.endswith("то") and gender == "n" and word[:-2] == stem:
            return Form(word, "noun", "n", "sg", True, stem)
        if word.endswith(("и", "ове", "ища")) and self._word(word + "те"):
            return Form(word, "noun", None, "pl", False, word)
        return None
