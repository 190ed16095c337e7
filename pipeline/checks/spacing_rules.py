"""A space missing or misplaced around a year's `г.` and a hyphen: `2021г.`, `превантивно- информационна`.

Text-level: both run on any document (`check --text-only`), block by block.
"""

from __future__ import annotations

import re

from .registry import CheckContext, Rule, check

YEAR = Rule("text.year_abbreviation", "warning", "Година без интервал преди „г.“")
HYPHEN = Rule("text.hyphen_space", "warning", "Дефис с интервал от едната страна")
_YEAR = re.compile(r"(?<![\w.,])((?:1[89]|20|21)\d\d)(г(?:од)?\.|г(?![\w]))")
# `превантивно- информационна` and `социално -икономически`; a letter on both sides.
_HYPHEN = re.compile(r"(?<![\w-])([^\W\d_]{2,})(?:([-‑])[ \u00a0]+|[ \u00a0]+([-‑]))([^\W\d_]{2,})")
# `средно- и дългосрочни`: a hyphen hanging before a conjunction is right.
_HANGING = frozenset({"и", "или", "а", "до", "както"})


@check(YEAR, scope="text")
def year_abbreviation(ctx: CheckContext) -> None:
    """`2021г.`: between the year and `г.` stands a space (`2021 г.`)."""
    if not ctx.enabled(YEAR.code):
        return
    for block in ctx.body_blocks():
        for match in _YEAR.finditer(block.text):
            fixed = f"{match.group(1)} {match.group(2)}"
            ctx.report(
                YEAR.code,
                f"„{match.group(0)}“: между годината и „г.“ се пише интервал",
                block=block,
                text=match.group(0),
                start=match.start(),
                end=match.end(),
                suggestion=fixed,
            )


@check(HYPHEN, scope="text")
def hyphen_space(ctx: CheckContext) -> None:
    """`превантивно- информационна`: a compound's hyphen takes no space (a dash takes two)."""
    if not ctx.enabled(HYPHEN.code):
        return
    from ..spelling import get_dictionary

    dictionary = get_dictionary()
    for block in ctx.body_blocks():
        text = block.text
        for match in _HYPHEN.finditer(text):
            left, right = match.group(1), match.group(4)
            if right.lower() in _HANGING or right[:1].isupper():
                continue  # `прибрали- Когато`: a dash typed as a hyphen before a new sentence
            if match.group(2) and dictionary.known(left + right):
                continue  # a word broken at a line's end (предот- вратяване): the PDF's
            if match.group(3) and match.start(3) > 0 and text[match.start(3) - 1] == "\n":
                continue
            fixed = f"{left}-{right}"
            ctx.report(
                HYPHEN.code,
                f"„{match.group(0)}“: дефисът в сложна дума се пише без интервали — „{fixed}“"
                " (тирето — с интервали от двете страни)",
                block=block,
                text=match.group(0),
                start=match.start(),
                end=match.end(),
                suggestion=fixed,
            )
