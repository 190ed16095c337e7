"""Grammar: an adjective or participle that disagrees with its noun, and a doubled article.

Rules, not a model: a pair is judged only when Hunspell's paradigms classify both words beyond
doubt (pipeline/spelling/morphology.py), so the check misses much and says little that is wrong.
"""

from __future__ import annotations

import re

from ..spelling.function_words import PREPOSITIONS
from .registry import CheckContext, Rule, check

_GENDER = {"m": "мъжки род", "f": "женски род", "n": "среден род"}
_BETWEEN = re.compile(r"^[ \u00a0]+$")
# Neuter forms that are adverbs far more often than adjectives (`само жени`, `особено децата`).
_ADVERBS = frozenset(
    [
        "само",
        "също",
        "много",
        "малко",
        "повече",
        "доста",
        "твърде",
        "съвсем",
        "почти",
        "особено",
        "главно",
        "основно",
        "предимно",
        "единствено",
        "изключително",
        "специално",
        "допълнително",
        "включително",
        "общо",
        "точно",
        "лично",
        "отделно",
        "частично",
        "изцяло",
        "напълно",
        "предварително",
        "обикновено",
        "съответно",
        "евентуално",
        "непрекъснато",
        "постоянно",
        "регулярно",
        "редовно",
        "ежегодно",
        "ежемесечно",
        "седмично",
        "месечно",
        "годишно",
        "средно",
        "пряко",
        "директно",
        "наскоро",
        "вече",
        "още",
        "едва",
        "тъкмо",
        "нарочно",
        "взаимно",
        "заедно",
        "активно",
        "ефективно",
        "достатъчно",
        "необходимо",
        "нужно",
        "възможно",
        "задължително",
        "първо",
        "второ",
        "трето",
        "последно",
    ]
)
# Words after which an adjective-looking form is a verb: `да видим`, `ще търсим`.
_VERB_BEFORE = frozenset(
    ["да", "ще", "не", "ги", "го", "я", "ни", "ви", "ми", "ти", "му", "се", "си", "ли", "нека"]
)
# Vocatives that stay plural before a singular noun: `Уважаеми господин министър`.
_VOCATIVES = frozenset({"уважаеми", "скъпи", "драги"})
# After these a neuter form is an adjective, not an adverb: `за повишено информираност`.
_BEFORE_ADJECTIVE = frozenset(
    [
        "и",
        "а",
        "но",
        "или",
        "за",
        "с",
        "със",
        "на",
        "в",
        "във",
        "от",
        "по",
        "към",
        "чрез",
        "при",
        "до",
        "без",
    ]
)


# Neuter past participles (`Повишено`, `Проследено`), which stay adjectives before any noun.
_PARTICIPLE_NEUTER = ("ено", "ано", "яно", "ато", "ято", "ито", "уто")
# Nouns of quantity that read as adjectives before a plural (`редица проблеми`).
_QUANTITIES = frozenset(
    ["редица", "множество", "група", "част", "половина", "мнозинство", "поредица"]
)
# Nouns used as adverbs after a number or adjective: `необходимите минимум 270`.
_ADVERBIAL_NOUNS = frozenset(["минимум", "максимум", "общо"])


def _ambiguous(adjective, first: str, second: str, dictionary) -> bool:
    """Pairs a paradigm cannot settle: `под наем` (под is a noun too), `държавният глава`
    (masculine nouns in -а), `твърди` (a verb too), `студия` (a noun's form too)."""
    lower, noun = first.lower(), second.lower()
    if (
        lower in _QUANTITIES
        or noun in PREPOSITIONS
        or noun in _BEFORE_ADJECTIVE
        or noun in _ADVERBIAL_NOUNS
    ):
        return True
    if adjective.gender == "m" and noun.endswith(("а", "я")):
        return True
    base = lower[:-1]
    if lower.endswith("и") and (dictionary.spell(base + "ят") or dictionary.spell(base + "ат")):
        return True
    return lower.endswith("ия") and dictionary.spell(lower + "та")


def _describe(form) -> str:
    return "множествено число" if form.number == "pl" else _GENDER[form.gender]


def _case_like(text: str, model: str) -> str:
    if model.isupper() and len(model) > 1:
        return text.upper()
    return text[:1].upper() + text[1:] if model[:1].isupper() else text


@check(Rule("grammar.agreement", "warning", "Несъгласуване"), scope="text")
def agreement(ctx: CheckContext) -> None:
    """`Повишено информираност`, `Проследени процес`; `местните структурите` (two articles)."""
    if not ctx.enabled("grammar.agreement"):
        return
    from ..spelling import get_dictionary
    from ..spelling.morphology import Morphology
    from ..spelling.tokens import tokenize

    morphology = Morphology(get_dictionary())
    for block in ctx.body_blocks():
        text = block.text
        words = [t for t in tokenize(text) if t.skip is None]
        for index in range(len(words) - 1):
            first, second = words[index], words[index + 1]
            if not _BETWEEN.match(text[first.end : second.start]):
                continue
            if first.is_title and not first.sentence_start:
                continue  # a name: `Българска асоциация`
            if first.compound or second.compound:
                continue  # `министър-председателка`: the hyphenated whole is the noun
            adjective = morphology.adjective(first.text)
            if adjective is None:
                continue
            other = morphology.form(second.text) if len(second.text) >= 3 else None
            if other is None:
                continue
            span = text[first.start : second.end]
            before = text[: first.start].rstrip().split()
            if before and before[-1].lower().strip('„"(') in _VERB_BEFORE:
                continue  # `да видим нещо`: a verb that reads as an adjective
            if adjective.base[-1:] == "щ":
                continue  # a present participle takes an object: `изпълняващият длъжността`
            third = words[index + 2] if index + 2 < len(words) else None
            if (
                other.kind == "noun"
                and third is not None
                and _BETWEEN.match(text[second.end : third.start])
                and (following := morphology.form(third.text)) is not None
                and following.kind == "noun"
            ):
                continue  # a noun used as an attribute: `бизнес организация`, `коронавирус инфекции`
            if adjective.definite and other.definite:
                if other.kind == "noun":
                    fixed = other.base
                else:  # `съответните нормативните актове`: the second adjective loses it
                    head = morphology.form(third.text) if third else None
                    if head is None or head.kind != "noun":
                        continue
                    fixed = other.inflect(other.gender, other.number, definite=False)
                if not fixed:
                    continue
                ctx.report(
                    "grammar.agreement",
                    f"двоен определителен член в „{span}“: членува се само първата дума",
                    block=block,
                    text=span,
                    start=first.start,
                    end=second.end,
                    suggestion=f"{first.text} {_case_like(fixed, second.text)}",
                )
                continue
            if other.kind != "noun" or other.definite or adjective.agrees_with(other):
                continue
            if _ambiguous(adjective, first.text, second.text, morphology.dictionary):
                continue
            if adjective.base[-1:] in "лщ" or first.text.lower() in _VOCATIVES:
                continue  # active participles take objects: `получили защита`, `търсещи работа`
            if not adjective.definite and adjective.number == "sg" and adjective.gender == "n":
                if first.text.lower() in _ADVERBS:
                    continue
                if (
                    before
                    and before[-1].lower() not in _BEFORE_ADJECTIVE
                    and not first.sentence_start
                ):
                    continue  # `бързо` before a noun mid-sentence: more likely an adverb
                if other.number == "pl" and not first.text.lower().endswith(_PARTICIPLE_NEUTER):
                    continue  # `Междувременно представители`: an adverb before a plural
            fixed = adjective.adjective_as(other)
            ctx.report(
                "grammar.agreement",
                f"несъгласувани „{span}“: {first.text} е в {_describe(adjective)}, "
                f"а {second.text} — в {_describe(other)}",
                block=block,
                text=span,
                start=first.start,
                end=second.end,
                suggestion=f"{_case_like(fixed, first.text)} {second.text}" if fixed else None,
            )
