"""Words written apart that are one: `до там` (дотам), `по късно` (по-късно), `четиридесет седмо`.

Three text-level checks, each from a rule of the official spelling, not from statistics: a list
of adverbs written as one word (pipeline/data/adverbs_bg.txt), the hyphen of по-/най-
comparatives, and the `и` between the tens and the units of a compound numeral.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .registry import CheckContext, Rule, check

SPLIT_ADVERB = Rule("spelling.split_adverb", "warning", "Наречие, писано разделно")
COMPARATIVE = Rule("spelling.comparative_hyphen", "warning", "По-/най- без дефис")
ORDINAL = Rule("spelling.ordinal_compound", "warning", "Съставно числително без „и“")
ADVERBS_PATH = Path(__file__).resolve().parent.parent / "data" / "adverbs_bg.txt"
_NEXT_WORD = re.compile(r"[ \u00a0]+([^\W\d_]+)")
_NUMBER_NEXT = re.compile(r"[ \u00a0]+\d")
_COMPARED = re.compile(r"(?<![\w-])(по|най)[ \u00a0]+([^\W\d_]{3,})(?![\w-])", re.IGNORECASE)
# Adverbs that are no neuter adjective's (по-добре, най-често is an adjective's, so found).
_ADVERBS = frozenset(
    [
        "добре",
        "зле",
        "рано",
        "късно",
        "скоро",
        "често",
        "рядко",
        "далеч",
        "далече",
        "близо",
        "напред",
        "назад",
        "нагоре",
        "надолу",
        "нататък",
        "бързо",
        "бавно",
        "лесно",
        "трудно",
        "ниско",
        "високо",
        "дълго",
        "кратко",
        "вече",
    ]
)
# After `по` these are a distributive (по малко, по много, по един), not a comparative.
_DISTRIBUTIVE = frozenset(
    ["малко", "много", "един", "една", "едно", "някой", "някоя", "някое", "няколко"]
)
# Nouns `по` governs with an adjective between (по нов начин, по друга линия).
_MANNER = frozenset(
    [
        "начин",
        "път",
        "линия",
        "ред",
        "повод",
        "тема",
        "въпрос",
        "случай",
        "причина",
        "схема",
        "модел",
        "програма",
        "проект",
        "закон",
        "правило",
        "механизъм",
        "инициатива",
        "направление",
        "канал",
        "сметка",
        "процедура",
    ]
)
# Relational adjectives have no comparative (по европейски проект, по национална програма).
_RELATIONAL = ("ски", "ска", "ско", "ските", "ален", "ална", "ално", "ални", "ионен", "ионна")
# Stems of adjectives that are compared far more often than they follow the preposition `по`
# (по-добра координация, по-бърз достъп, по-ефективно противодействие).
_GRADABLE = tuple(
    [
        "добр",
        "добър",
        "лош",
        "голям",
        "голем",
        "мал",
        "висок",
        "висш",
        "ниск",
        "нисък",
        "бърз",
        "бав",
        "ефективн",
        "ефикасн",
        "важн",
        "лесн",
        "трудн",
        "силн",
        "слаб",
        "широк",
        "тесн",
        "дълг",
        "дълъг",
        "кратк",
        "кратък",
        "скъп",
        "евтин",
        "качествен",
        "успешн",
        "сериозн",
        "активн",
        "точн",
        "ясн",
        "подробн",
        "задълбочен",
        "пълн",
        "чест",
        "рядк",
        "рядък",
        "строг",
        "гъвкав",
        "устойчив",
        "интензивн",
        "надежд",
        "достъпн",
        "удобн",
        "съвременн",
        "модерн",
        "прозрачн",
        "справедлив",
        "значим",
        "голям",
        "близ",
        "далеч",
    ]
)
_TENS = (
    "двадесет|тридесет|четиридесет|петдесет|шестдесет|седемдесет|осемдесет|деветдесет|"
    "двайсет|трийсет|четирийсет|сто|двеста|триста|четиристотин|петстотин|шестстотин|"
    "седемстотин|осемстотин|деветстотин"
)
_UNIT_ORDINAL = r"(?:първ|втор|трет|четвърт|пет|шест|седм|осм|девет)(?:и|а|о|ия|ият|ата|ото|ите)"
_UNIT = r"(?:един|една|едно|два|две|три|четири|пет|шест|седем|осем|девет)"
_ORDINAL = re.compile(
    rf"(?<![\w-])({_TENS})[ \u00a0]+({_UNIT_ORDINAL}|{_UNIT})(?![\w-])", re.IGNORECASE
)


_GAP = r"[ \u00a0]+"


def _split_forms() -> list[tuple[list[str], str, frozenset[str]]]:
    """(the words of the split form, the one word, next words that make the split form right)."""
    out = []
    for raw in ADVERBS_PATH.read_text("utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        wrong, right, *unless = (part.strip() for part in line.split("|"))
        exceptions = frozenset(w.strip() for w in unless[0].split(",")) if unless else frozenset()
        out.append((wrong.split(), right, exceptions))
    return out


@lru_cache(maxsize=1)
def split_adverbs() -> tuple[tuple[re.Pattern, str, frozenset[str]], ...]:
    """(pattern of the split form, the one word, next words that make the split form right)."""
    return tuple(
        (
            re.compile(rf"(?<![\w-]){_GAP.join(map(re.escape, words))}(?![\w-])", re.IGNORECASE),
            right,
            exceptions,
        )
        for words, right, exceptions in _split_forms()
    )


@lru_cache(maxsize=1)
def any_split_adverb() -> re.Pattern:
    """Every split form in one pattern, grouped by first word and without the word-boundary
    checks: a block it finds nothing in holds none of the forms, so only the few blocks it
    finds something in go through the patterns one by one (those took ~35 ms a draft)."""
    by_first: dict[str, list[str]] = {}
    for words, _, _ in _split_forms():
        rest = _GAP.join(map(re.escape, words[1:]))
        by_first.setdefault(re.escape(words[0]), []).append(rest)
    alternatives = (
        first + "(?:" + "|".join(_GAP + rest if rest else "" for rest in rests) + ")"
        for first, rests in by_first.items()
    )
    return re.compile("|".join(alternatives), re.IGNORECASE)


def written_adjective(written: str, following: str, morphology) -> bool:
    """The split form's last word is an adjective of the noun after it (`на ново поколение`)."""
    last = written.split()[-1].lower()
    if not following or morphology.adjective(last) is None:
        return False
    noun = morphology.form(following)
    return noun is not None and noun.kind in ("noun", "adjective")


def _case_like(text: str, model: str) -> str:
    if model.isupper() and len(model) > 1:
        return text.upper()
    return text[:1].upper() + text[1:] if model[:1].isupper() else text


def _next_word(text: str, end: int) -> str:
    match = _NEXT_WORD.match(text, end)
    return match.group(1).lower() if match else ""


@check(SPLIT_ADVERB, scope="text")
def split_adverb(ctx: CheckContext) -> None:
    """`до там`, `от части`, `в последствие`: one word in the official spelling."""
    if not ctx.enabled(SPLIT_ADVERB.code):
        return
    from ..spelling import get_dictionary
    from ..spelling.morphology import Morphology

    morphology = Morphology(get_dictionary())
    for block in ctx.body_blocks():
        text = block.text
        if not any_split_adverb().search(text):
            continue
        for pattern, right, exceptions in split_adverbs():
            for match in pattern.finditer(text):
                following = _next_word(text, match.end())
                if exceptions and following in exceptions:
                    continue
                if _NUMBER_NEXT.match(text, match.end()):
                    continue  # `от близо 1400 паунда`: a word before a number is no adverb's part
                if written_adjective(match.group(0), following, morphology):
                    continue  # `на пълно съответствие`, `на ново поколение`: an adjective
                written = match.group(0)
                ctx.report(
                    SPLIT_ADVERB.code,
                    f"„{written}“ се пише слято: „{_case_like(right, written)}“",
                    block=block,
                    text=written,
                    start=match.start(),
                    end=match.end(),
                    suggestion=_case_like(right, written),
                )


@check(COMPARATIVE, scope="text")
def comparative_hyphen(ctx: CheckContext) -> None:
    """`по късно`, `най голям`: the comparative and superlative take a hyphen."""
    if not ctx.enabled(COMPARATIVE.code):
        return
    from ..spelling import get_dictionary
    from ..spelling.morphology import Morphology

    morphology = Morphology(get_dictionary())
    for block in ctx.body_blocks():
        text = block.text
        for match in _COMPARED.finditer(text):
            particle, word = match.group(1), match.group(2)
            lower = word.lower()
            if particle.lower() == "по":
                if lower in _DISTRIBUTIVE:
                    continue
                following = _next_word(text, match.end())
                if following in _MANNER or lower.endswith(_RELATIONAL):
                    continue  # `по нов начин`, `по национална програма`: the preposition
                noun = morphology.form(following) if following else None
                before_noun = noun is not None and noun.kind == "noun"
                definite = lower.endswith(("ия", "ият", "ата", "ото", "ите"))
                gradable = lower in _ADVERBS or lower.startswith(_GRADABLE)
                if definite or not gradable or (before_noun and not gradable):
                    continue  # `по оперативните програми`, `по семейно планиране`
            if lower not in _ADVERBS and morphology.adjective(lower) is None:
                # `най` never stands alone: any known word but a noun after it (най голям)
                form = morphology.form(lower)
                if particle.lower() != "най" or not morphology.dictionary.spell(lower):
                    continue
                if form is not None and form.kind == "noun":
                    continue
            fixed = f"{particle}-{word}"
            ctx.report(
                COMPARATIVE.code,
                f"„{match.group(0)}“: сравнителната и превъзходната степен се пишат с "
                f"дефис — „{fixed}“",
                block=block,
                text=match.group(0),
                start=match.start(),
                end=match.end(),
                suggestion=fixed,
            )


@check(ORDINAL, scope="text")
def ordinal_compound(ctx: CheckContext) -> None:
    """`Четиридесет седмото`: between the tens and the units of a numeral stands `и`."""
    if not ctx.enabled(ORDINAL.code):
        return
    for block in ctx.body_blocks():
        text = block.text
        for match in _ORDINAL.finditer(text):
            fixed = f"{match.group(1)} и {match.group(2)}"
            ctx.report(
                ORDINAL.code,
                f"„{match.group(0)}“: между десетиците и единиците се пише „и“ — „{fixed}“",
                block=block,
                text=match.group(0),
                start=match.start(),
                end=match.end(),
                suggestion=fixed,
            )
