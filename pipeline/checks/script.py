"""Script check: Latin look-alike letters inside Cyrillic words, Cyrillic letters in Roman numerals.

`РАЗДЕЛ ІІІ` written with the Cyrillic `І` looks right and sorts, searches and numbers wrong.
"""

from __future__ import annotations

import re

from .registry import CheckContext, Rule, check

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_URLISH = re.compile(r"(https?://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)
_LATIN_TO_CYRILLIC = str.maketrans("AaBCcEeHKMOoPpTXxyIi", "АаВСсЕеНКМОоРрТХхуІі")
_CYRILLIC_TO_LATIN = str.maketrans("АаВСсЕеНКМОоРрТХхуІі", "AaBCcEeHKMOoPpTXxyIi")
# Roman numerals with any Cyrillic look-alike (І, Х, С, М) among Latin ones, or all Cyrillic І/Х.
_ROMAN_LIKE = re.compile(r"^[IVXLCMІХСМ]+$")
_NON_BULGARIAN_CYRILLIC = set("ІіЇїЄєЁёЫыЭэ")


def _is_latin(ch: str) -> bool:
    return "a" <= ch.lower() <= "z"


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


@check(Rule("script.mixed", "error", "Смесени кирилица и латиница"), scope="text")
def mixed_script(ctx: CheckContext) -> None:
    """Words mixing Latin and Cyrillic letters, and Roman numerals typed with Cyrillic `І`/`Х`.

    Not on text read by OCR: on a scan a Latin and a Cyrillic look-alike cannot be told apart,
    so which one OCR chose says nothing about what the author typed.
    """
    for block in ctx.body_blocks():
        if block.prov.ocr:
            continue
        text = block.text
        if not any(_is_latin(ch) for ch in text) and not any(
            ch in _NON_BULGARIAN_CYRILLIC for ch in text
        ):
            continue
        skip = [(m.start(), m.end()) for m in _URLISH.finditer(text)]
        for match in _WORD.finditer(text):
            if any(a <= match.start() < b for a, b in skip):
                continue
            word = match.group()
            latin = [ch for ch in word if _is_latin(ch)]
            cyrillic = [ch for ch in word if _is_cyrillic(ch)]
            # "МС" is an abbreviation, not a numeral: a numeral needs an І or a real Latin letter.
            if _ROMAN_LIKE.match(word) and cyrillic and ("І" in word or latin):
                ctx.report(
                    "script.mixed",
                    f"римската цифра „{word}“ е написана с кирилски букви",
                    block=block,
                    text=word,
                    start=match.start(),
                    end=match.end(),
                    suggestion=word.translate(_CYRILLIC_TO_LATIN),
                )
            elif latin and cyrillic:
                if len(cyrillic) >= len(latin):
                    fixed = word.translate(_LATIN_TO_CYRILLIC)
                    what = "латински букви в кирилска дума"
                else:
                    fixed = word.translate(_CYRILLIC_TO_LATIN)
                    what = "кирилски букви в латинска дума"
                odd = "".join(
                    sorted({ch for ch in (latin if len(cyrillic) >= len(latin) else cyrillic)})
                )
                ctx.report(
                    "script.mixed",
                    f"{what} „{word}“ (букви: {odd})",
                    block=block,
                    text=word,
                    start=match.start(),
                    end=match.end(),
                    suggestion=fixed if fixed != word else None,
                )
            elif cyrillic and any(ch in _NON_BULGARIAN_CYRILLIC for ch in word) and len(word) > 1:
                fixed = word.translate(str.maketrans("Іі", "Ии"))
                ctx.report(
                    "script.mixed",
                    f"„{word}“ съдържа букви, които не са от българската азбука",
                    block=block,
                    text=word,
                    start=match.start(),
                    end=match.end(),
                    suggestion=fixed if fixed != word else None,
                )
