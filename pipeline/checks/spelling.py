"""Spelling check: words no dictionary knows, with ranked suggestions (pipeline/spelling/).

The dictionary loads on first use (~0.07 s), so runs that disable `spelling` never pay for it.
"""

from __future__ import annotations

from .registry import CheckContext, Rule, check


def _times(count: int) -> str:
    return "веднъж" if count == 1 else f"{count} пъти"


VARIANT = Rule("spelling.name_variant", "info", "Име, изписано различно")
OCR_SUSPECT = Rule(
    "spelling.ocr_suspect", "info", "Непозната дума в сканиран текст (може да е грешка на OCR)"
)


@check(
    Rule("spelling.unknown_word", "warning", "Непозната дума"), VARIANT, OCR_SUSPECT, scope="text"
)
def unknown_words(ctx: CheckContext) -> None:
    """Words no source of vocabulary.py knows, with suggestions; names written two ways.

    In text read by OCR from a scan an unknown word is as likely the scanner's misreading as
    the author's typo: it is reported as `spelling.ocr_suspect` (signal `ocr`), apart.
    """
    codes = ("spelling.unknown_word", VARIANT.code, OCR_SUSPECT.code)
    if not any(ctx.enabled(code) for code in codes):
        return
    from ..spelling.checker import SIGNAL_WORD, find_misspellings

    for found in find_misspellings(
        ctx.document, list(ctx.body_blocks()), ctx.options.accepted_words
    ):
        words = tuple(s.word for s in found.suggestions)
        ocr = ("ocr",) if found.block.prov.ocr else ()  # read from a scan: may be OCR's doing
        if found.name_variant:
            best = found.suggestions[0]
            ctx.report(
                VARIANT.code,
                f"името „{found.word}“ е изписано и като „{best.word}“ ({_times(best.uses)} "
                "в документа): проверете кое е вярното",
                block=found.block,
                text=found.word,
                start=found.start,
                end=found.end,
                suggestions=words,
                signals=(*found.signals, *ocr),
            )
            continue
        message = f"непозната дума „{found.word}“"
        if found.suggestions and found.suggestions[0].uses:
            best = found.suggestions[0]
            message += f"; в документа „{best.word}“ се среща {_times(best.uses)}"
        if SIGNAL_WORD in found.signals:
            message += "; отбелязана и от проверката на Word"
        if not words:
            message += f" (ако е вярна: natprog check --add-word {found.word})"
        code = OCR_SUSPECT.code if ocr else "spelling.unknown_word"
        if ocr:
            message += f"; текстът е разпознат от сканиране (OCR, увереност {_confidence(found.block)}): проверете в оригинала"
        ctx.report(
            code,
            message,
            block=found.block,
            text=found.word,
            start=found.start,
            end=found.end,
            suggestions=words,
            signals=(*found.signals, *ocr),
        )


def _confidence(block) -> str:
    value = block.prov.confidence
    return "неизвестна" if value is None else f"{value:.0f}%"
