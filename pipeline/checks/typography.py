"""Typography checks: a word typed twice (`на на`), spacing around punctuation, unbalanced quotes.

Text-level: they run on any document (`check --text-only`), block by block; a quote may close
in the next block (a heading split over two lines).
"""

from __future__ import annotations

import re

from ..models import Block
from .registry import CheckContext, Rule, check

_REPEATED = re.compile(r"(?<![\w-])([^\W\d_]+)(\s+)(\1)(?![\w-])", re.IGNORECASE)
_SPACES = re.compile(r"(?<=\S)([ \u00a0]{2,})(?=\S)")  # a no-break space counts too
_SPACE_BEFORE = re.compile(r"(?<=[^\W_])(\s+)([,.;:])(?![.\d])")
_NO_SPACE_AFTER = re.compile(r"(?<=[^\W\d_])([,;:])(?=[^\W\d_])|(?<=[а-я]{2})(\.)(?=[А-Я])")
# Each alternative may only start where a token starts: unanchored, `[\w-]+\.` retried at every
# letter of a 150,000-letter "word" made this check quadratic (minutes for one long line).
_URLISH = re.compile(
    r"(?:https?://|www\.)\S+|(?<!\S)\S+@\S+|(?<![\w-])[\w-]+\.(?:bg|com|org|net|eu)\b", re.I
)
_OPEN = "„«"
_CLOSE = "”»"
_PUNCTUATION_NAMES = {",": "запетая", ".": "точка", ";": "точка и запетая", ":": "двоеточие"}


@check(Rule("text.repeated_word", "warning", "Повторена дума"), scope="text")
def repeated_word(ctx: CheckContext) -> None:
    """The same word twice in a row (`на на`), usually a slip while editing."""
    for block in ctx.body_blocks():
        for match in _REPEATED.finditer(block.text):
            word = match.group(1)
            ctx.report(
                "text.repeated_word",
                f"думата „{word}“ е написана два пъти подред",
                block=block,
                text=match.group(0),
                start=match.start(),
                end=match.end(),
                suggestion=word,
            )


def _in_url(spans: list[tuple[int, int]], position: int) -> bool:
    return any(a <= position < b for a, b in spans)


@check(Rule("text.spacing", "info", "Интервали"), scope="text")
def spacing(ctx: CheckContext) -> None:
    """Double spaces, a space before `,.;:`, and no space after `,;:` or a sentence's full stop."""
    for block in ctx.body_blocks():
        text = block.text
        urls = [m.span() for m in _URLISH.finditer(text)]
        for match in _SPACES.finditer(text):
            start, end = match.span()
            around_start, around_end = _word_before(text, start), _word_after(text, end)
            ctx.report(
                "text.spacing",
                f"{end - start} интервала подред",
                block=block,
                text=text[around_start:around_end],
                start=around_start,
                end=around_end,
                suggestion=text[around_start:start] + " " + text[end:around_end],
            )
        for match in _SPACE_BEFORE.finditer(text):
            if "\n" in match.group(1) or _in_url(urls, match.start(2)):
                continue
            mark = match.group(2)
            start = _word_before(text, match.start())
            ctx.report(
                "text.spacing",
                f"интервал пред {_PUNCTUATION_NAMES[mark]}",
                block=block,
                text=text[start : match.end()],
                start=start,
                end=match.end(),
                suggestion=text[start : match.start()] + mark,
            )
        for match in _NO_SPACE_AFTER.finditer(text):
            position = match.start()
            if _in_url(urls, position):
                continue
            mark = text[position]
            start, end = _letters_before(text, position), _letters_after(text, position + 1)
            ctx.report(
                "text.spacing",
                f"липсва интервал след {_PUNCTUATION_NAMES[mark]}",
                block=block,
                text=text[start:end],
                start=start,
                end=end,
                suggestion=text[start : position + 1] + " " + text[position + 1 : end],
            )


def _word_before(text: str, position: int) -> int:
    start = position
    while start > 0 and text[start - 1] in " \u00a0":
        start -= 1
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return start


def _word_after(text: str, position: int) -> int:
    end = position
    while end < len(text) and not text[end].isspace():
        end += 1
    return end


def _letters_before(text: str, position: int) -> int:
    while position > 0 and (text[position - 1].isalnum() or text[position - 1] == "-"):
        position -= 1
    return position


def _letters_after(text: str, position: int) -> int:
    while position < len(text) and (text[position].isalnum() or text[position] == "-"):
        position += 1
    return position


def _quote_marks(text: str) -> tuple[list[int], list[int]]:
    """Unmatched opening and closing quotes of one block (positions). `“` opens a quote when
    nothing is open and a word follows (English style), and closes one otherwise (Bulgarian)."""
    opened: list[int] = []
    closed: list[int] = []
    for index, ch in enumerate(text):
        if ch == "“":
            before = text[index - 1] if index else " "
            after = text[index + 1] if index + 1 < len(text) else " "
            starts = not opened and (before.isspace() or before in "([") and after.isalnum()
            ch = "„" if starts else "”"
        if ch in _OPEN:
            opened.append(index)
        elif ch in _CLOSE:
            if opened:
                opened.pop()
            else:
                closed.append(index)
    return opened, closed


@check(Rule("text.quotes", "warning", "Незатворени кавички"), scope="text")
def quotes(ctx: CheckContext) -> None:
    """Quotes opened and never closed (`„Безопасна ваканция`), or closed without opening."""
    carried: tuple[Block, list[int]] | None = None  # open quotes left at the end of a block
    for block in ctx.body_blocks():
        text = block.text
        if not any(ch in text for ch in '„“”«»"'):
            opened, closed = [], []
        else:
            opened, closed = _quote_marks(text)
        if carried is not None:
            previous, still_open = carried
            # A heading split over two lines closes in the next block what the first opened.
            while still_open and closed:
                still_open.pop()
                closed.pop(0)
            for position in still_open:
                _report_quote(ctx, previous, position, opening=True)
        for position in closed:
            _report_quote(ctx, block, position, opening=False)
        # Only a block broken off mid-phrase (no full stop) may close its quote in the next one.
        continues = text.rstrip()[-1:].isalnum() or text.rstrip()[-1:] in ",-–"
        if opened and not continues:
            for position in opened:
                _report_quote(ctx, block, position, opening=True)
            opened = []
        carried = (block, opened) if opened else None
        _straight_quotes(ctx, block)
    if carried is not None:
        for position in carried[1]:
            _report_quote(ctx, carried[0], position, opening=True)


def _report_quote(ctx: CheckContext, block: Block, position: int, *, opening: bool) -> None:
    text = block.text
    if opening:
        end = _letters_after(text, position + 1)
        snippet = text[position:end]
        message = f"кавичките, отворени при „{snippet.lstrip('„«“')}…“, не са затворени"
        suggestion = "затворете кавичките с “"
        start = position
    else:
        start = _word_before(text, position)
        end = position + 1
        snippet = text[start:end]
        message = f"кавичките пред „{snippet.rstrip('”»“')}“ са затворени, без да са отворени"
        suggestion = "отворете кавичките с „"
    ctx.report(
        "text.quotes",
        message,
        block=block,
        text=snippet,
        start=start,
        end=start + len(snippet),
        suggestion=suggestion,
    )


def _straight_quotes(ctx: CheckContext, block: Block) -> None:
    """An odd number of straight quotes `"` leaves one of them unmatched."""
    positions = [index for index, ch in enumerate(block.text) if ch == '"']
    if len(positions) % 2:
        last = positions[-1]
        ctx.report(
            "text.quotes",
            'нечетен брой прави кавички ": една от тях не е затворена',
            block=block,
            text='"',
            start=last,
            end=last + 1,
            suggestion="използвайте „…“ и проверете къде свършва цитатът",
        )
