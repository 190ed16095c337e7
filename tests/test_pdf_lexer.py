"""`pdflexer.tokens` reads a content stream into exactly the objects pdfminer's parser gives, or
refuses it (`Fallback`, and pdfminer reads the page): on every stream of the PDFs at hand and on
generated streams full of the corner cases of pdfminer's tokenizer.
"""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from peer_corpus import CORPUS

from conftest import INPUTS, ROOT
from natprog.ingest.pdflexer import Fallback, tokens

FIXTURES = sorted({*INPUTS.glob("*.pdf"), *(ROOT / "tests").rglob("*.pdf")})
CORPUS_PDFS = sorted(CORPUS.rglob("*.pdf")) if CORPUS.is_dir() else []


def _strict(obj):
    """An object with its type spelt out (1 == 1.0 == True in Python, not in a PDF)."""
    if isinstance(obj, list):
        return ("list", [_strict(item) for item in obj])
    if isinstance(obj, dict):
        return ("dict", {key: _strict(value) for key, value in obj.items()})
    return (type(obj).__name__, obj)


def pdfminer_objects(streams: list[bytes]) -> list:
    """What `PDFPageInterpreter.execute` gets from pdfminer's parser for these streams."""
    from pdfminer.pdfinterp import PDFContentParser
    from pdfminer.pdftypes import PDFStream
    from pdfminer.psparser import PSEOF

    try:
        parser = PDFContentParser([PDFStream({}, data) for data in streams])
    except PSEOF:
        return []
    out = []
    while True:
        try:
            _, obj = parser.nextobject()
        except PSEOF:
            return out
        out.append(_strict(obj))


def fast_objects(streams: list[bytes]) -> list | None:
    """The same from `tokens`, joined as `fast_execute` joins streams; None for a fallback."""
    out = []
    try:
        for index, data in enumerate(streams):
            if index and data[:1] == b">":
                return None
            objects, _ = tokens(data)
            out.extend(_strict(obj) for obj in objects)
    except Fallback:
        return None
    return out


def _check_open_end(data: bytes) -> None:
    """A stream's last object is open-ended when a digit after it would join it (`ET1`, `121`,
    `/F11`): pdfminer finishes it only when it reads on."""
    try:
        objects, open_end = tokens(data)
        longer, _ = tokens(data + b"1")
    except Fallback:
        return
    joined = [_strict(o) for o in longer[: len(objects)]] != [_strict(o) for o in objects]
    assert open_end == joined, data


def check(streams: list[bytes]) -> None:
    for data in streams:
        _check_open_end(data)
    fast = fast_objects(streams)
    if fast is not None:
        try:
            expected = pdfminer_objects(streams)
        except Exception:  # pdfminer refuses the stream; the lexer must have fallen back
            pytest.fail(f"pdfminer fails on {streams!r}, the lexer read it")
        assert fast == expected, streams


def _page_streams(path) -> list[list[bytes]]:
    """Every page's content streams and every form's, as bytes."""
    import pdfplumber
    from pdfminer.pdftypes import PDFStream, list_value, resolve1, stream_value

    found: list[list[bytes]] = []
    try:
        pdf = pdfplumber.open(io.BytesIO(path.read_bytes()))
        pages = pdf.pages
    except Exception:
        return found
    with pdf:
        for page in pages:
            try:
                found.append(
                    [stream_value(s).get_data() for s in list_value(page.page_obj.contents)]
                )
                xobjects = resolve1(resolve1(page.page_obj.resources).get("XObject", {}))
                for ref in (xobjects or {}).values():
                    xobject = resolve1(ref)
                    if isinstance(xobject, PDFStream) and xobject.get("Subtype").name == "Form":
                        found.append([xobject.get_data()])
            except Exception:  # a damaged page: pdfminer reads it, and fails alike
                continue
    return found


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: str(p.relative_to(ROOT)))
def test_streams_of_the_fixtures(path):
    for streams in _page_streams(path):
        check(streams)


@pytest.mark.slow
@pytest.mark.parametrize("path", CORPUS_PDFS, ids=lambda p: str(p.relative_to(CORPUS)))
def test_streams_of_the_corpus(path):
    for streams in _page_streams(path):
        check(streams)


def test_ordinary_text_is_read_without_fallback():
    data = b"BT /F1 12 Tf 72 712.5 Td [(Hello) -250 (W\\(or\\)ld)] TJ <48 65> Tj T* ET"
    objects, open_end = tokens(data)
    assert [_strict(o) for o in objects] == pdfminer_objects([data])
    assert open_end  # `ET` ends only when the next stream starts (or at the end)


@pytest.mark.parametrize(
    "data",
    [
        b"BI /W 1 /H 1 ID \x00 EI",  # inline image
        b"/A#20B Tf",  # escape in a name
        b"{ 1 2 }",  # procedure
        b"] 1",  # unbalanced
        b"<< /A >>",  # odd dictionary
        b"(a\\\r\nb) Tj",  # pdfminer reads it differently at a buffer boundary
        b"(\\777) Tj",  # pdfminer fails an assertion
        b"(open",  # cut by the end of the stream
        b"[1 2",
        b"<48>> Tj",
        b"1 /",
    ],
)
def test_what_it_leaves_to_pdfminer(data):
    with pytest.raises(Fallback):
        tokens(data)


_PIECES = [
    b"BT", b"ET", b"Tf", b"TJ", b"Tj", b"T*", b"'", b'"', b"Td", b"re", b"f*", b"q", b"Q",
    b"/F1", b"/", b"/A#20", b"/\xc3\xa9", b"/\xff", b"0", b"12", b"-3.5", b".5", b"-", b"+",
    b"+.", b"5.", b"1.2.3", b"--4", b"007", b"true", b"false", b"null",
    b"(abc)", b"(a(b)c)", b"(a\\)b)", b"(\\101\\60x)", b"(\\7)", b"(\\777)", b"(\\q\\\n)",
    b"(x\\\r\ny)", b"(\\", b"(", b")", b"<48656c6c6f>", b"<4 8 6>", b"<>", b"<48>>", b"<4G>",
    b"<", b">", b"<<", b">>", b"[", b"]", b"{", b"}", b"%comment\n", b"%", b"\x00", b"#",
    b"\\", b"\x80", b"BI", b"ID", b"EI",
]  # fmt: skip
# The pieces it reads itself, so that most generated streams are compared, not refused.
_READABLE = [
    piece
    for piece in _PIECES
    if piece not in {b"/", b"/A#20", b"(\\777)", b"(x\\\r\ny)", b"(\\", b"(", b"<48>>", b"<4G>"}
    and piece not in {b"<", b">", b"[", b"]", b"{", b"}", b"BI", b"ID", b"EI"}
] + [b"[1 (a) /B [-2.5] ]", b"<< /A 1 /B [2] /C << /D (x) >> >>", b"[ BT 1 ]"]
_SEPARATORS = [b"", b" ", b"\n", b"\r", b"\r\n", b"\t", b"\x0c", b"\x0b", b"\x00"]
_stream = st.lists(
    st.tuples(st.sampled_from(_PIECES), st.sampled_from(_SEPARATORS)), max_size=30
).map(lambda pairs: b"".join(piece + sep for piece, sep in pairs))


@settings(max_examples=300, deadline=None)
@given(st.lists(_stream, min_size=1, max_size=3))
def test_generated_streams(streams):
    check(streams)


@pytest.mark.slow
@settings(max_examples=5000, deadline=None)
@given(st.lists(_stream, min_size=1, max_size=3))
def test_many_generated_streams(streams):
    check(streams)


_readable_stream = st.lists(
    st.tuples(st.sampled_from(_READABLE), st.sampled_from(_SEPARATORS)), max_size=30
).map(lambda pairs: b"".join(piece + sep for piece, sep in pairs))


@settings(max_examples=300, deadline=None)
@given(st.lists(_readable_stream, min_size=1, max_size=3))
def test_generated_readable_streams(streams):
    check(streams)


@pytest.mark.slow
@settings(max_examples=5000, deadline=None)
@given(st.lists(_readable_stream, min_size=1, max_size=3))
def test_many_generated_readable_streams(streams):
    check(streams)


def test_most_readable_streams_are_read():
    """The generated streams above are compared, not mostly refused."""
    import random

    rng = random.Random(20)
    read = 0
    for _ in range(500):
        pieces = [rng.choice(_READABLE) + rng.choice(_SEPARATORS) for _ in range(10)]
        read += fast_objects([b"".join(pieces)]) is not None
    assert read > 350, read


@settings(max_examples=300, deadline=None)
@given(st.lists(st.binary(max_size=60), min_size=1, max_size=2))
def test_random_bytes(streams):
    check(streams)


def test_a_long_stream_across_pdfminer_buffers():
    """pdfminer reads 4,096 bytes at a time; tokens cut by a buffer's end read the same."""
    line = b"BT /F1 9.5 Tf 1 0 0 1 72.25 700 Tm [(Lorem) -250.5 (ipsum\\051)] TJ ET\n"
    for shift in range(0, 70, 7):
        check([b" " * shift + line * 200])
