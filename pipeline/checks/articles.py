"""grammar.article: the full article where only the short one can stand (пълен/кратък член).

After a preposition a masculine noun or adjective is never the subject (`на министърът` →
`на министъра`); at a sentence's start an adjective and its noun are (`Националния съвет
проведе` → `Националният съвет`). Only pairs Hunspell's paradigms classify beyond doubt.
"""

from __future__ import annotations

import re

from ..spelling.function_words import PREPOSITIONS
from .registry import CheckContext, Rule, check

ARTICLE = Rule("grammar.article", "warning", "Пълен или кратък член")
_SPACE = re.compile(r"^[ \u00a0]+$")
# Time words that take the short article at a sentence's start: `Миналия месец`, `Целия ден`.
_TIME_NOUNS = frozenset(
    [
        "ден",
        "път",
        "час",
        "месец",
        "век",
        "сезон",
        "период",
        "мандат",
        "уикенд",
        "следобед",
        "понеделник",
        "вторник",
        "четвъртък",
        "петък",
        "момент",
        "миг",
        "срок",
        "четиригодишен",
        "семестър",
    ]
)


def _case_like(text: str, model: str) -> str:
    if model.isupper() and len(model) > 1:
        return text.upper()
    return text[:1].upper() + text[1:] if model[:1].isupper() else text


def short_article(word: str, morphology) -> str | None:
    """`министърът` → `министъра`, `новият` → `новия`, `пътят` → `пътя`; None if not a
    masculine singular with the full article."""
    lower = word.lower()
    if not lower.endswith(("ът", "ят")) or len(lower) < 4:
        return None
    spell = morphology.dictionary.spell
    form = morphology.form(lower)
    if form is not None:
        if form.number != "sg" or form.gender != "m" or not form.definite:
            return None
        short = (
            lower[:-1] if form.kind == "adjective" else lower[:-2] + lower[-2:-1].replace("ъ", "а")
        )
        return short if spell(short) else None
    # A noun Hunspell's paradigm leaves ambiguous (пътят, денят); never a verb (стоят, бият):
    # a noun's stem ends in a consonant.
    base = lower[:-2]
    if lower.endswith("ят") and base[-1:] not in "аеиоуъюяй" and spell(base) and spell(base + "я"):
        return base + "я"
    return None


@check(ARTICLE, scope="text")
def article(ctx: CheckContext) -> None:
    """`на министърът`, `със съветът` (full article after a preposition); `Националния съвет
    проведе` (short article on a sentence's subject)."""
    if not ctx.enabled(ARTICLE.code):
        return
    from ..spelling import get_dictionary
    from ..spelling.morphology import Morphology
    from ..spelling.tokens import tokenize

    morphology = Morphology(get_dictionary())
    for block in ctx.body_blocks():
        text = block.text
        words = [t for t in tokenize(text) if t.skip is None or t.skip == "letter"]
        for index in range(len(words) - 1):
            first, second = words[index], words[index + 1]
            if not _SPACE.match(text[first.end : second.start]):
                continue
            if first.text.lower() in PREPOSITIONS:
                if second.is_title and not second.sentence_start:
                    continue  # a name: `в Съветът на Европа` is reported, not guessed here
                short = short_article(second.text, morphology)
                if short:
                    span = text[first.start : second.end]
                    ctx.report(
                        ARTICLE.code,
                        f"пълен член след предлог в „{span}“: пише се кратък член",
                        block=block,
                        text=span,
                        start=first.start,
                        end=second.end,
                        suggestion=f"{first.text} {_case_like(short, second.text)}",
                    )
            elif first.sentence_start and index + 2 < len(words):
                _subject(ctx, block, first, second, words[index + 2], morphology)


def _subject(ctx, block, first, second, third, morphology) -> None:
    """`Националния съвет проведе`: a sentence opening with adjective + noun is its subject."""
    text = block.text
    adjective = morphology.adjective(first.text)
    if adjective is None or adjective.gender != "m" or adjective.number != "sg":
        return
    if not adjective.definite or first.text.lower().endswith("ият"):
        return
    noun = morphology.form(second.text)
    if noun is None or noun.kind != "noun" or noun.gender != "m" or noun.definite:
        return
    if noun.number != "sg" or second.text.lower() in _TIME_NOUNS:
        return
    if not _SPACE.match(text[second.end : third.start]) or third.text.lower() in PREPOSITIONS:
        return  # `Българския съвет за ...` may head a title, not a sentence
    if morphology.form(third.text) is not None:
        return  # a noun or an adjective follows: a heading or a list, not a clause
    full = first.text.lower()[:-1] + "ят"
    if not morphology.dictionary.spell(full):
        return
    span = text[first.start : second.end]
    ctx.report(
        ARTICLE.code,
        f"кратък член на подлога в „{span}“: пише се пълен член",
        block=block,
        text=span,
        start=first.start,
        end=second.end,
        suggestion=f"{_case_like(full, first.text)} {second.text}",
    )
