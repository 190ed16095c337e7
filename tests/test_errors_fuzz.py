"""Fuzzing: random block streams, deadlines, institution lists and damaged files.

Whatever comes in, only the declared errors (`NatprogError` subclasses) may come out. The budget
is fixed and the examples derandomized so CI is quick and repeatable; for a longer hunt with
fresh random examples run `NATPROG_FUZZ_EXAMPLES=5000 pytest -m fuzz`.
"""

from __future__ import annotations

import io
import json
import os
import zipfile

import pytest
from badfiles import programme_docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from natprog.errors import NatprogError, NotAProgrammeError
from natprog.models import Block, Document, Provenance
from natprog.normalize import normalize, split_items
from natprog.options import Options
from natprog.parse import parse
from natprog.parse.deadlines import MONTHS, parse_deadline
from natprog.parse.labels import LABELS

pytestmark = pytest.mark.fuzz

_LONG_RUN = int(os.environ.get("NATPROG_FUZZ_EXAMPLES", "0"))


def budget(examples: int):
    """CI: a fixed number of derandomized examples; a long run: fresh random ones."""
    return settings(
        max_examples=_LONG_RUN or examples,
        deadline=None,  # wall-clock deadlines flake on a shared 2-core machine; the budget is fixed
        derandomize=not _LONG_RUN,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )


# --- block streams ---------------------------------------------------------------------------

_CYRILLIC = st.characters(min_codepoint=0x0410, max_codepoint=0x044F)
_WORDS = st.text(
    alphabet=st.one_of(_CYRILLIC, st.sampled_from(" ,.;:-–„”()\t\n0123456789IVX")), max_size=40
)
_NOISE = st.text(max_size=30)  # any Unicode: controls, surrogates excluded by Hypothesis, emoji


@st.composite
def label_text(draw) -> str:
    """A label as authors type it: any case, a colon or not, sometimes one letter wrong."""
    text = draw(st.sampled_from([form for forms in LABELS.values() for form in forms]))
    if draw(st.booleans()):
        text = text.upper()
    if text and draw(st.integers(0, 4)) == 0:
        index = draw(st.integers(0, len(text) - 1))
        text = text[:index] + draw(_CYRILLIC) + text[index + 1 :]
    return text + draw(st.sampled_from(["", ":", " :", "  "]))


_ROMAN = st.sampled_from(["I", "II", "III", "IV", "V", "VI", "VII", "ІІ", "1", "X", "IIII", ""])
_HEADING = st.one_of(
    st.builds(lambda n, rest: f"РАЗДЕЛ {n} {rest}", _ROMAN, _WORDS),
    st.builds(lambda n, rest: f"Дейност {n} {rest}", st.integers(-3, 1000), _WORDS),
    st.builds(lambda n: f"Дейност {n}", st.integers(0, 99)),
    st.sampled_from(["Дейност", "ДЕЙНОСТ 1.", "Дейност 2:", "ПРОЕКТ!", "№", "Дейности"]),
)
_TEXT = st.one_of(label_text(), _HEADING, _WORDS, _NOISE, st.just(""), st.just("   "))


@st.composite
def block_stream(draw) -> list[Block]:
    """Paragraphs and label | value table rows in random order, with plausible provenance."""
    blocks: list[Block] = []
    table = 0
    for _ in range(draw(st.integers(0, 40))):
        if draw(st.integers(0, 3)) == 0:  # a table of a few rows of one to three cells
            table += 1
            for row in range(1, draw(st.integers(1, 5)) + 1):
                for cell in range(1, draw(st.integers(1, 3)) + 1):
                    prov = Provenance(paragraph=len(blocks) + 1, table=table, row=row, cell=cell)
                    blocks.append(Block(draw(_TEXT), prov, bold=draw(st.booleans())))
        else:
            prov = Provenance(paragraph=len(blocks) + 1)
            blocks.append(Block(draw(_TEXT), prov, bold=draw(st.booleans())))
    return blocks


def _document(blocks: list[Block]) -> Document:
    for index, block in enumerate(blocks):
        block.seq = index
    return Document(path="fuzz.docx", format="docx", sha256="0" * 64, blocks=blocks)


@budget(200)
@given(block_stream())
def test_parser_raises_only_declared_errors(blocks):
    from natprog.checks import run_checks
    from natprog.models import Result, result_to_dict

    document = _document(blocks)
    try:
        programme = parse(document)
    except NotAProgrammeError as error:
        assert error.one_line() and "\n" not in error.one_line()
        return
    assert programme.activities  # parse promises a programme with activities, or the error
    normalize(programme)
    once = [activity.to_dict() for activity in programme.activities]
    normalize(programme)
    assert [activity.to_dict() for activity in programme.activities] == once  # idempotent
    findings = run_checks(document, programme, Options())
    json.dumps(result_to_dict(Result(document, programme, findings, Options())))


# --- normalizers -----------------------------------------------------------------------------

_MONTH = st.sampled_from(sorted(MONTHS) + ["ян.", "фев", "Май", "МАРТ", "мааай", "юнии"])
_YEAR = st.integers(1890, 2110)
_DEADLINE = st.one_of(
    st.builds(
        lambda d, m, y, sep, pre: f"{pre}{d}{sep}{m}{sep}{y}",
        st.integers(0, 40),
        st.integers(0, 14),
        _YEAR,
        st.sampled_from([".", "/", "-", " . "]),
        st.sampled_from(["", "до ", "До "]),
    ),
    st.builds(
        lambda m, m2, y, tail: f"{m}{m2} {y}{tail}",
        _MONTH,
        st.sampled_from(["", " – юни", "-декември", " - януари"]),
        _YEAR,
        st.sampled_from(["", " г.", " година", "г"]),
    ),
    st.builds(
        lambda q, y: f"{q} тримесечие {y}",
        st.sampled_from(["I", "II", "III", "IV", "V", "0", "1", "4", "5", "първо", "ІІІ"]),
        _YEAR,
    ),
    st.builds(lambda pre, y: f"{pre}{y}", st.sampled_from(["", "до края на ", "през "]), _YEAR),
    st.sampled_from(["Постоянен", "постоянно", "ТЕКУЩ", "ежегодно", "—", "n/a"]),
    st.text(max_size=40),
)


@budget(400)
@given(_DEADLINE)
def test_any_deadline_normalizes_without_raising(text):
    deadline = parse_deadline(text)
    assert deadline.text == text
    if deadline.kind in ("date", "month", "quarter", "year"):
        assert deadline.start is not None and deadline.start <= deadline.end
        assert str(deadline.start.year) in text
    else:
        assert deadline.start is None and deadline.end is None
    assert parse_deadline(text) == deadline  # deterministic


_INSTITUTION = st.one_of(
    st.sampled_from(
        [
            "НКБТХ",
            "МВР",
            "ИА ГИТ",
            "МКБТХ – Варна",
            "Министерство на труда и социалната политика",
            "„Институт по социални дейности и практики”",
            "Държавна агенция за закрила на детето (ДАЗД)",
            "НПО",
            "общини и областни администрации",
            "Международни организации",
        ]
    ),
    _WORDS,
)
_SEPARATOR = st.sampled_from([", ", "; ", "\n", " и ", ",", " , ", "\n- ", " ; "])


@budget(300)
@given(st.lists(_INSTITUTION, max_size=8), st.lists(_SEPARATOR, min_size=8, max_size=8))
def test_institution_lists_split_without_inventing(names, separators):
    text = "".join(name + separator for name, separator in zip(names, separators, strict=False))
    items = split_items(text)
    for item in items:
        assert item and item == item.strip()
        assert item in text or item in " ".join(text.split())  # nothing invented
    assert split_items(text) == items


# --- damaged files ---------------------------------------------------------------------------

_BASE_DOCX = programme_docx(1, 2)


@st.composite
def damaged_docx(draw) -> bytes:
    """The small programme with bytes flipped, cut, or one member's text garbled."""
    data = bytearray(_BASE_DOCX)
    how = draw(st.sampled_from(["flip", "cut", "member"]))
    if how == "flip":
        for _ in range(draw(st.integers(1, 8))):
            index = draw(st.integers(0, len(data) - 1))
            data[index] = draw(st.integers(0, 255))
    elif how == "cut":
        data = data[: draw(st.integers(0, len(data)))]
    else:
        archive = zipfile.ZipFile(io.BytesIO(_BASE_DOCX))
        name = draw(st.sampled_from(archive.namelist()))
        content = bytearray(archive.read(name))
        start = draw(st.integers(0, len(content)))
        content[start : start + draw(st.integers(0, 50))] = draw(st.binary(max_size=50))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for other in archive.namelist():
                target.writestr(other, bytes(content) if other == name else archive.read(other))
        data = bytearray(out.getvalue())
    return bytes(data)


@budget(150)
@given(damaged_docx(), st.sampled_from([".docx", ".pdf", ".txt", ".bin"]))
def test_damaged_files_raise_only_declared_errors(tmp_path_factory, data, suffix):
    from natprog.run import process

    path = tmp_path_factory.mktemp("fuzz") / f"damaged{suffix}"
    path.write_bytes(data)
    try:
        result = process(path)
    except NatprogError as error:
        assert "\n" not in error.one_line()
    else:
        assert result.programme is not None and result.programme.activities


@budget(200)
@given(st.binary(max_size=2000))
def test_text_decoding_raises_only_declared_errors(data):
    from natprog.ingest.text import read_text

    try:
        document = read_text(data, "fuzz.txt", Options())
    except NatprogError:
        return
    assert all(block.text.strip() for block in document.blocks)
