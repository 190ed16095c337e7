"""Fuzzing the DOCX numbering and the PDF reader (issue 19): whatever the numbering part or the
PDF holds, only declared errors come out, and labels stay short (no unbounded work).

Fixed, derandomized budget for CI, like tests/test_errors_fuzz.py; for a longer hunt with fresh
random examples: `NATPROG_FUZZ_EXAMPLES=5000 pytest -m fuzz tests/test_fuzz_readers.py`.
"""

from __future__ import annotations

import contextlib
import os
import zlib

import pytest
from hostile import list_paragraph, numbered_docx, pdf_with_stream
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from natprog.errors import NatprogError
from natprog.ingest import ingest
from natprog.ingest.numbering import Numbering
from natprog.options import Options

pytestmark = pytest.mark.fuzz

_LONG_RUN = int(os.environ.get("NATPROG_FUZZ_EXAMPLES", "0"))
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FORMATS = [
    "decimal", "upperRoman", "lowerRoman", "upperLetter", "lowerLetter", "russianLower",
    "russianUpper", "bullet", "none", "decimalZero", "ordinal", "chicago", "",
]  # fmt: skip
# Values as a hostile or damaged file writes them: huge, negative, not numbers at all.
NUMBERS = st.one_of(
    st.integers(-(10**15), 10**15),
    st.sampled_from(["", "x", "1e9", "0x10", "٣", " 7", "-0", "99999999999999999999999"]),
)


def budget(examples: int):
    return settings(
        max_examples=_LONG_RUN or examples,
        deadline=None,  # wall-clock deadlines flake on a shared 2-core machine; the budget is fixed
        derandomize=not _LONG_RUN,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )


@st.composite
def numbering_part(draw) -> tuple[str, list[tuple[str, str]]]:
    """numbering.xml with random levels and overrides, and the (numId, ilvl) of some items."""
    levels = "".join(
        f'<w:lvl w:ilvl="{draw(NUMBERS)}"><w:start w:val="{draw(NUMBERS)}"/>'
        f'<w:numFmt w:val="{draw(st.sampled_from(FORMATS))}"/>'
        f'<w:lvlText w:val="{draw(st.sampled_from(["%1.", "%1.%2.", "%9", "%3%3%3", "", "•"]))}"/>'
        + ("<w:isLgl/>" if draw(st.booleans()) else "")
        + "</w:lvl>"
        for _ in range(draw(st.integers(0, 4)))
    )
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{draw(NUMBERS)}"><w:startOverride w:val="{draw(NUMBERS)}"/>'
        "</w:lvlOverride>"
        for _ in range(draw(st.integers(0, 3)))
    )
    xml = (
        f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0">{levels}'
        f'</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/>{overrides}</w:num>'
        "</w:numbering>"
    )
    items = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["1", "0", "2", "x"]),
                st.from_regex(r"-?[0-9x]{1,3}", fullmatch=True),
            ),
            max_size=12,
        )
    )
    return xml, items


@budget(80)
@given(numbering_part())
def test_numbering_labels_are_bounded(case):
    xml, items = case
    numbering = Numbering(etree.fromstring(xml.encode()))
    for num_id, ilvl in items:
        try:
            level = int(ilvl)
        except ValueError:
            continue  # the walker never passes a level that is not a number
        label = numbering.label(num_id, level)
        if label is not None:
            assert len(label[0]) < 200  # nine levels of at most a few dozen characters each


@budget(25)
@given(numbering_part())
def test_numbered_docx_gives_only_declared_errors(case):
    xml, items = case
    body = "".join(list_paragraph(f"т{i}", ilvl, num) for i, (num, ilvl) in enumerate(items))
    data = numbered_docx('<?xml version="1.0" encoding="UTF-8"?>\n' + xml, items=0, extra_body=body)
    try:
        document = _ingest(data, ".docx")
    except NatprogError:
        return
    assert all(len(block.text) < 10_000 for block in document.blocks)


_OPERATORS = st.sampled_from([
    b"BT", b"ET", b"Tj", b"TJ", b"Tf", b"Td", b"TD", b"Tm", b"T*", b"'", b'"', b"q", b"Q", b"cm",
    b"re", b"f", b"m", b"l", b"S", b"Do", b"BI", b"ID", b"EI", b"gs", b"Tz", b"TL", b"Tc",
])  # fmt: skip
_OPERANDS = st.one_of(
    st.integers(-(10**12), 10**12).map(lambda n: str(n).encode()),
    st.floats(allow_nan=True, allow_infinity=True).map(lambda f: repr(f).encode()),
    st.binary(max_size=12).map(lambda b: b"(" + b.replace(b")", b"") + b")"),
    st.sampled_from([b"/F1", b"/F9", b"[", b"]", b"<<", b">>", b"<41424>", b"[(A) -250 (B)]"]),
)


@st.composite
def content_stream(draw) -> bytes:
    parts = draw(st.lists(st.one_of(_OPERANDS, _OPERATORS), max_size=60))
    return b" ".join(parts)


@budget(40)
@given(content_stream(), st.sampled_from(["pdfplumber", "pdfium"]), st.integers(0, 3))
def test_pdf_reader_gives_only_declared_errors(stream, engine, damage):
    data = pdf_with_stream(stream)
    if damage == 1:  # a truncated file
        data = data[: len(data) * 2 // 3]
    elif damage == 2:  # a stream that does not inflate
        data = data.replace(zlib.compress(stream, 9), b"\x78\x9cbroken")
    elif damage == 3:  # a lying length
        data = data.replace(b"/Length ", b"/Length 9", 1)
    with contextlib.suppress(NatprogError):
        _ingest(data, ".pdf", Options(pdf_engine=engine))


def _ingest(data: bytes, suffix: str, options: Options | None = None):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        return ingest(path, options or Options())
