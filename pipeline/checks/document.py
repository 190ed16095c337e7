"""Document checks: what a draft going to adoption should no longer carry.

Tracked changes still in the file and reviewers' comments, both read from the DOCX by ingest.
"""

from __future__ import annotations

from ..models import Block, Comment
from .registry import CheckContext, Rule, check


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


@check(
    Rule("document.tracked_changes", "warning", "Проектът съдържа проследени промени"),
    scope="text",
)
def tracked_changes(ctx: CheckContext) -> None:
    """Revision marks left in the draft: the adopted text must have all of them accepted or rejected."""
    changes = ctx.document.tracked_changes
    if changes is None or changes.total == 0:
        return
    kinds = [
        _count(changes.insertions, "вмъкване", "вмъквания"),
        _count(changes.deletions, "изтриване", "изтривания"),
        _count(changes.moves, "преместване", "премествания"),
        _count(changes.formatting, "промяна на форматирането", "промени на форматирането"),
    ]
    counted = ", ".join(kind for kind in kinds if not kind.startswith("0 "))
    authors = ", ".join(changes.authors) if changes.authors else "неизвестен автор"
    view = (
        "текстът е прочетен с приети промени"
        if ctx.options.revisions == "accepted"
        else "текстът е прочетен без промените (първоначалния вариант)"
    )
    ctx.report(
        "document.tracked_changes",
        f"проектът все още съдържа проследени промени: {counted} (автори: {authors}); {view}",
        text=authors,
        suggestion="приемете или отхвърлете всички промени в Word (Преглед → Приеми) "
        "преди проектът да бъде внесен за приемане",
    )


@check(Rule("document.comments", "info", "Коментар в проекта"), scope="text")
def comments(ctx: CheckContext) -> None:
    """Reviewers' comments still in the draft, each with its author and the text it is about."""
    if not ctx.document.comments:
        return
    by_paragraph: dict[int, Block] = {}
    for block in ctx.body_blocks():
        if block.prov.paragraph is not None:
            by_paragraph.setdefault(block.prov.paragraph, block)
    for comment in ctx.document.comments:
        block = _anchor_block(comment, by_paragraph)
        about = f" към „{_short(comment.anchor_text)}“" if comment.anchor_text else ""
        author = comment.author or "неизвестен автор"
        # The finding points at the commented text in its first paragraph.
        first_line = comment.anchor_text.split("\n")[0] or None
        start = end = None
        if block is not None and first_line:
            found = block.text.find(first_line)
            if found >= 0:
                start, end = found, found + len(first_line)
        ctx.report(
            "document.comments",
            f"коментар от {author}{about}: {_short(comment.text, 200)}",
            block=block,
            text=first_line,
            start=start,
            end=end,
            suggestion="отговорете на коментара и го изтрийте преди приемане на програмата",
        )


@check(
    Rule("document.numbering_clamped", "warning", "Невъзможно начало на автоматичната номерация"),
    scope="text",
)
def numbering_clamped(ctx: CheckContext) -> None:
    """A list whose automatic numbering starts at a number Word cannot show (0..32767): the
    file was damaged or made by a program; the labels are read as if it started at the limit."""
    from ..ingest.numbering import MAX_START

    for value in sorted(set(ctx.document.numbering_clamped)):
        ctx.report(
            "document.numbering_clamped",
            f"автоматичната номерация започва от {value}, а Word позволява от 0 до {MAX_START}; "
            f"номерата са прочетени като започващи от {max(0, min(value, MAX_START))}",
            text=str(value),
            suggestion="проверете номерацията на списъка в Word (Начало → Номерация → "
            "Задаване на начална стойност) и запишете файла отново",
        )


def _anchor_block(comment: Comment, by_paragraph: dict[int, Block]) -> Block | None:
    if comment.prov is None or comment.prov.paragraph is None:
        return None
    return by_paragraph.get(comment.prov.paragraph)


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
