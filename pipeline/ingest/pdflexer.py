"""PDF content streams tokenized by one regular expression into the objects pdfminer's parser
gives, and run through pdfminer's operators: the same page drawn in a third of the time.

pdfminer's `PSBaseParser` reads a byte at a time through a state machine, which costs most of
the time a page takes. `tokens` reads the streams of ordinary pages (operators, numbers, names,
strings, arrays, dictionaries) into the same objects; whatever it is not sure to read alike —
inline images, `#` escapes in names, procedures, unbalanced brackets, odd dictionaries, a
backslash before a carriage return, an object cut by the end of a stream — raises `Fallback`,
and the page is read again by pdfminer's own parser (`pdfchars.PageReader`).
`tests/test_pdf_lexer.py` compares the two on every stream at hand and on generated ones.
"""

from __future__ import annotations

import logging
import re
from typing import Any

log = logging.getLogger("pdfminer.pdfinterp")  # pdfminer's warnings, under pdfminer's name


class Fallback(Exception):
    """A stream `tokens` does not read exactly as pdfminer: the page goes to pdfminer's parser."""


_DELIMITED = rb"[^#/%\[\]()<>{}\s]"  # a name or operator runs to the next of these (pdfminer)
# One token a match, after the white space and comments before it; the groups in this order.
_TOKEN = re.compile(
    rb"(?:[\s\x00]++|%[^\r\n]*+)*+"
    rb"(?:(?P<num>[-+0-9][0-9]*+(?:\.[0-9]*+)?+|\.[0-9]*+)"
    rb"|(?P<kw>[A-Za-z]" + _DELIMITED + rb"*+)"
    rb"|/(?P<lit>" + _DELIMITED + rb"*+)(?!#)"
    rb"|\((?P<str>[^()\\]*+)\)"
    rb"|<(?P<hex>[0-9a-fA-F\s]*+)>(?!>)"
    rb"|(?P<abeg>\[)"
    rb"|(?P<aend>\])"
    rb"|(?P<dbeg><<)"
    rb"|(?P<dend>>>)"
    rb"|(?P<cstr>\()"
    rb"|(?P<bad>[/<>{}])"
    rb"|(?P<other>.))?",
    re.DOTALL,
)
NUM, KW, LIT, STR, HEX, ABEG, AEND, DBEG, DEND, CSTR, BAD, OTHER = range(1, 13)
_ESCAPES = {ord(k): v for k, v in {b"b": 8, b"t": 9, b"n": 10, b"f": 12, b"r": 13}.items()} | {
    ord("("): 40,
    ord(")"): 41,
    ord("\\"): 92,
}
_OCTAL = frozenset(b"01234567")
_STRING_END = re.compile(rb"[()\\]")
_INLINE_IMAGE = frozenset((b"BI", b"ID", b"EI"))
_OPEN_ENDED = frozenset((NUM, KW, LIT))  # tokens pdfminer ends only at a delimiter


def _string(data: bytes, i: int) -> tuple[bytes, int]:
    """A literal string from just after its `(`, as pdfminer's `_parse_string` reads it."""
    out = bytearray()
    depth = 1
    size = len(data)
    while True:
        match = _STRING_END.search(data, i)
        if match is None:
            raise Fallback  # cut by the end of the stream
        j = match.start()
        out += data[i:j]
        char = data[j]
        if char == 0x5C:  # backslash
            k = j + 1
            end = k
            while end < size and end - k < 3 and data[end] in _OCTAL:
                end += 1
            if end > k:
                code = int(data[k:end], 8)
                if code > 255 or end == size:
                    raise Fallback  # pdfminer fails an assertion here; or cut by the end
                out.append(code)
                i = end
            elif k >= size or data[k] == 0x0D:
                # at the end; or CR, which pdfminer reads differently at a 4096-byte boundary
                raise Fallback
            else:
                escaped = _ESCAPES.get(data[k])
                if escaped is not None:
                    out.append(escaped)
                i = k + 1  # any other escaped byte (a line feed too) is dropped
        elif char == 0x28:
            depth += 1
            out.append(char)
            i = j + 1
        else:
            depth -= 1
            if not depth:
                return bytes(out), j + 1
            out.append(char)
            i = j + 1


def tokens(data: bytes) -> tuple[list[Any], bool]:
    """The objects pdfminer's `PDFContentParser.nextobject` gives for one stream, and whether the
    last ends at the stream's end (pdfminer then finishes it only when the next stream opens)."""
    from pdfminer.psparser import KWD, PSKeywordTable, PSLiteralTable, literal_name
    from pdfminer.psparser import LIT as literal
    from pdfminer.utils import choplist

    keywords = PSKeywordTable.dict
    words: dict[bytes, Any] = {b"true": True, b"false": False}  # the rest pdfminer's keywords
    literals = PSLiteralTable.dict
    spaces = re.compile(rb"\s")
    out: list[Any] = []
    stack: list[tuple[int, list[Any]]] = []  # open arrays and dictionaries
    current = out
    kind: int | None = None
    end = 0
    appended = 0  # objects at the top level before the last token
    size = len(data)
    restart: int | None = 0
    while restart is not None:
        pos, restart = restart, None
        for match in _TOKEN.finditer(data, pos):
            if match.lastindex is None:  # white space to the end
                break
            kind = match.lastindex
            end = match.end()
            appended = len(out)
            token = match[kind]
            if kind == NUM:
                try:  # noqa: SIM105  (contextlib.suppress costs more, once per number)
                    current.append(float(token) if b"." in token else int(token))
                except ValueError:  # a sign or a dot alone: pdfminer drops it
                    pass
            elif kind == KW:
                word = words.get(token)
                if word is None:
                    if token in _INLINE_IMAGE:
                        raise Fallback
                    word = words[token] = KWD(token)
                current.append(word)
            elif kind == LIT:
                try:
                    name: str | bytes = str(token, "utf-8")
                except UnicodeDecodeError:
                    name = token
                if not name:
                    raise Fallback  # `/` at a stream's end runs on into the next one
                current.append(literals.get(name) or literal(name))
            elif kind == STR:
                current.append(token)
            elif kind == HEX:
                # pdfminer's HEX_PAIR.sub: digits two by two, a lone last digit a byte of its own
                digits = spaces.sub(b"", token).decode("ascii")
                if len(digits) % 2:
                    current.append(bytes.fromhex(digits[:-1]) + bytes((int(digits[-1], 16),)))
                else:
                    current.append(bytes.fromhex(digits))
            elif kind in (ABEG, DBEG):
                stack.append((kind, current))
                current = []
            elif kind == AEND:
                if not stack or stack[-1][0] != ABEG:
                    raise Fallback
                parent = stack.pop()[1]
                parent.append(current)
                current = parent
            elif kind == DEND:
                if not stack or stack[-1][0] != DBEG or len(current) % 2:
                    raise Fallback
                parent = stack.pop()[1]
                parent.append(
                    {literal_name(k): v for (k, v) in choplist(2, current) if v is not None}
                )
                current = parent
            elif kind == OTHER:
                current.append(keywords.get(token) or KWD(token))
            elif kind == CSTR:  # a string with escapes or parentheses: read on from here
                text, restart = _string(data, end)
                current.append(text)
                break
            else:  # BAD
                raise Fallback
    if stack:
        raise Fallback  # an array or dictionary open at the stream's end
    return out, kind in _OPEN_ENDED and end == size and len(out) > appended


def fast_execute(interpreter: Any, streams: list) -> None:
    """`PDFPageInterpreter.execute` with the streams read by `tokens`: the same operators run in
    the same order, and a stream's data is decoded when pdfminer's parser would decode it."""
    from pdfminer import settings
    from pdfminer.pdftypes import stream_value
    from pdfminer.psparser import PSKeyword, keyword_name

    if settings.STRICT:
        raise Fallback
    valid_streams = []
    interpreter.stream_ids.clear()
    for obj in streams:  # pdfminer's guard against content streams that call themselves
        stream = stream_value(obj)
        if stream.objid is None:
            log.warning("Execute called on non-indirect object (inline image?) %r", stream)
            continue
        if stream.objid in interpreter.parent_stream_ids:
            log.warning("Refusing to execute circular reference to content stream %d", stream.objid)
        else:
            valid_streams.append(stream)
            interpreter.stream_ids.add(stream.objid)
    operators: dict[Any, tuple[Any, int] | None] = {}

    def run(objects: list) -> None:
        for obj in objects:
            if not isinstance(obj, PSKeyword):
                interpreter.argstack.append(obj)
                continue
            operator = operators.get(obj, False)
            if operator is False:
                name = keyword_name(obj)
                method = "do_" + name.replace("*", "_a").replace('"', "_w").replace("'", "_q")
                func = getattr(interpreter, method, None)
                operator = operators[obj] = (
                    None if func is None else (func, func.__code__.co_argcount - 1)
                )
            if operator is None:
                continue
            func, nargs = operator
            if nargs:
                stack = interpreter.argstack
                args = stack[-nargs:]
                del stack[-nargs:]
                if len(args) == nargs:
                    func(*args)
            else:
                func()

    pending: list = []
    for index, stream in enumerate(valid_streams):
        data = stream.get_data()
        if not data:
            continue
        if index and data[:1] == b">":
            raise Fallback  # may close a `>` the stream before ended with
        objects, open_end = tokens(data)
        run(pending)
        if open_end:
            run(objects[:-1])
            pending = objects[-1:]
        else:
            run(objects)
            pending = []
    run(pending)
