"""Spelling check: words no dictionary knows, with ranked suggestions (pipeline/spelling/).

The dictionary loads on first use (~0.07 s), so runs that disable `spelling` never pay for it.
"""

from __future__ import annotations

from .registry import CheckContext, Rule, check


def _times(count: int) -> str:
    return "веднъж" if count == 1 else f"{count} пъти"


@check(
    Rule("spelling.unknown_word", "warning", "Непозната дума"),
    Rule(
        "spelling.ocr_suspect", "info", "Непозната дума в сканиран текст (може да е грешка на OCR)"
    ),
    scope="text",
)
def unknown_words(ctx: CheckContext) -> None:
    """Words unknown to bg_BG, the domain lexicon and the accepted words, with suggestions.

    In text read by OCR from a scan an unknown word is as likely the scanner's misreading as
    the author's typo: it is reported as `spelling.ocr_suspect` (signal `ocr`), apart.
    """
    if not (ctx.enabled("spelling.unknown_word") or ctx.enabled("spelling.ocr_suspect")):
        return
    from ..spelling.checker import SIGNAL_WORD, find_misspellings

    for found in find_misspellings(
        ctx.document, list(ctx.body_blocks()), ctx.options.accepted_words
    ):
        words = tuple(s.word for s in found.suggestions)
        message = f"непозната дума „{found.word}“"
        if found.suggestions and found.suggestions[0].uses:
            best = found.suggestions[0]
            message += f"; в документа „{best.word}“ се среща {_times(best.uses)}"
        if SIGNAL_WORD in found.signals:
            message += "; отбелязана и от проверката на Word"
        if not words:
            message += f" (ако е вярна: natprog check --add-word {found.word})"
        code, signals = "spelling.unknown_word", found.signals
        if found.block.prov.ocr:
            code, signals = "spelling.ocr_suspect", (*signals, "ocr")
            message += f"; текстът е разпознат от сканиране (OCR, увереност {_confidence(found.block)}): проверете в оригинала"
        ctx.report(
            code,
            message,
            block=found.block,
            text=found.word,
            start=found.start,
            end=found.end,
            suggestions=words,
            signals=signals,
        )


def _confidence(block) -> str:
    value = block.prov.confidence
    return "неизвестна" if value is None else f"{value:.0f}%"
