"""PDF reading: provenance, running headers and footers, tables across pages, hyphenation, scans.

The fixture PDFs are LibreOffice exports of the DOCX fixtures (tests/fixtures/README.md); the
layout rules are also tested on hand-made `PageContent`, independent of any PDF engine.
"""

from __future__ import annotations

from functools import cache

import pdfplumber
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DRAFT_2012
from natprog.errors import ExitCode, NoTextLayerError
from natprog.ingest import hyphenation, ingest
from natprog.ingest.pdflayout import Grid, PageContent, Word, group_lines, join_lines, layout
from natprog.options import Options

FIXTURES = DRAFT_2012["txt"].parent.parent / "tests" / "fixtures"
PDFS = sorted(p.name for p in FIXTURES.glob("np2012-*.pdf")) + ["../../inputs/np2012-draft.pdf"]


@cache
def read(name: str):
    """Each fixture PDF is read once per test session (reading PDFs is the slow part)."""
    return ingest(FIXTURES / name)


@pytest.mark.parametrize("name", PDFS)
def test_every_block_has_page_and_bbox(name):
    document = read(name)
    assert document.blocks
    for block in document.blocks + document.header_blocks + document.footer_blocks:
        assert block.prov.page is not None and 1 <= block.prov.page <= document.pages
        x0, top, x1, bottom = block.prov.bbox
        assert x0 < x1 and top < bottom


@pytest.mark.parametrize("name", PDFS)
def test_running_headers_and_page_numbers_are_not_body_text(name):
    document = read(name)
    footers = [b.text for b in document.footer_blocks]
    assert footers and all(text.split()[-1].isdigit() for text in footers)
    for block in document.blocks:
        assert "ПРОЕКТ!" not in block.text or block.prov.page == 1
        assert not block.text.startswith("Стр. ")


def test_headers_and_footers_of_the_label_table_pdf():
    document = read("np2012-label-table.pdf")
    assert [b.text for b in document.header_blocks] == ["ПРОЕКТ!"]
    assert [b.text for b in document.footer_blocks] == ["Стр. 1 от 21"]
    assert {b.prov.part for b in document.footer_blocks} == {"footer"}


def test_wide_table_continues_across_pages_as_one_table_of_whole_rows():
    document = read("np2012-wide-table.pdf")
    pages = {b.prov.page for b in document.blocks if b.prov.table == 1}
    assert len(pages) > 1  # section I's table runs over several pages ...
    tables = sorted({b.prov.table for b in document.blocks if b.prov.table})
    assert tables == list(range(1, 8))  # ... and still is one table per section
    headers = [b for b in document.blocks if b.text == "№"]
    assert len(headers) == 7  # the header rows repeated on each page are dropped
    for table in tables:
        numbers = [b.text for b in document.blocks if b.prov.table == table and b.prov.cell == 1]
        assert numbers[0] == "№" and all(n.isdigit() for n in numbers[1:])
        rows = {b.prov.row for b in document.blocks if b.prov.table == table}
        assert len(rows) == len(numbers)  # no row without its number: split rows rejoined


def test_label_split_by_a_page_break_is_rejoined():
    """In np2012-label-table.pdf the label `Индикатори за изпълнение` of IV.2 breaks over
    pages 12 and 13; its two halves make one label again."""
    document = read("np2012-label-table.pdf")
    labels = [b for b in document.blocks if b.text.startswith("Индикатори за")]
    assert {b.text for b in labels} == {"Индикатори за изпълнение"}
    assert any(b.prov.page == 12 for b in labels)


def test_label_value_reading_order():
    document = read("np2012-label-table.pdf")
    cells = [(b.prov.table, b.prov.row, b.prov.cell) for b in document.blocks if b.prov.table]
    assert cells == sorted(cells)  # label before its value, rows in order
    deadline = next(i for i, b in enumerate(document.blocks) if b.text == "Срок")
    assert document.blocks[deadline + 1].text == "Май 2012"


def test_borderless_label_value_table_is_read_label_by_label():
    """Without rulings only alignment tells the label column from the value column."""
    document = read("np2012-borderless.pdf")
    blocks = document.blocks
    first = next(i for i, b in enumerate(blocks) if b.text.startswith("СТРАТЕГИЧЕСКА"))
    assert [(b.text, b.prov.cell) for b in blocks[first : first + 4]] == [
        ("СТРАТЕГИЧЕСКА ЦЕЛ:", 1),
        (
            "Изграждане на механизмите за институционална подкрепа и развиване на "
            "административните структури, предвидени в Закона за борба с трафика на хора, на "
            "национално и местно ниво и осигуряване на тяхното ефективно функциониране.",
            2,
        ),
        ("ОПЕРАТИВНИ ЦЕЛИ:", 1),
        (
            "1. Разширяване, ръководене и контролиране на дейността на структурите по Закона за "
            "борба с трафика на хора.\n2. Организация и координацията между отделните ведомства и "
            "организации с оглед прилагането на Закона за борба с трафика на хора и ефективното "
            "прилагане на политиката и стратегията за предотвратяване и противодействие на "
            "трафика на хора.",
            2,
        ),
    ]
    glossary = [b for b in blocks if b.text == "АЗ"]
    assert len(glossary) == 1 and glossary[0].prov.cell == 1  # tab-separated paragraphs too


# -- hyphenation ------------------------------------------------------------------------------------
SENTENCE = (
    "Информационна кампания за превенция на наказателно-правните разпоредби и "
    "държавите-членки на Европейския съюз в съответствие с международните стандарти за "
    "защита на деца-жертви и стажант-дипломати по-добре обучени."
)


def test_line_end_hyphens_rejoined_compounds_kept():
    path = FIXTURES / "hyphenation.pdf"
    with pdfplumber.open(path) as pdf:
        line_ends = {
            w["text"] for page in pdf.pages for w in page.extract_words() if w["text"][-1] == "-"
        }
    # The PDF really breaks lines at soft hyphens and at compounds' hyphens.
    assert {"пре-", "съот-", "за-"} <= line_ends
    assert {"наказателно-", "държавите-", "деца-", "по-"} <= line_ends
    values = [b.text for b in ingest(path).blocks if b.prov.cell == 2]
    assert values == [SENTENCE] * 16


@pytest.mark.parametrize(
    ("left", "right", "kept"),
    [
        ("пре", "венция", False),  # hyphenation of a word
        ("за", "щита", False),  # both halves words, but so is the whole: hyphenation
        ("наказателно", "правните", True),  # compound
        ("държавите", "членки", True),
        ("по", "добре", True),
        ("МКБТХ", "Варна", True),  # capital after the hyphen
        ("2012", "2013", True),
    ],
)
def test_keep_hyphen(left, right, kept):
    assert hyphenation.keep_hyphen(left, right) is kept


def test_without_a_dictionary_hyphens_are_kept(monkeypatch):
    monkeypatch.setattr(hyphenation, "_known", lambda: None)
    assert hyphenation.keep_hyphen("пре", "венция") is True
    assert hyphenation.join_forced_break("Септемвр", "и") is False


def _line(text: str, x0: float, top: float, width_per_char: float = 5.0, bold=False) -> list[Word]:
    words, x = [], x0
    for token in text.split(" "):
        words.append(Word(token, x, x + len(token) * width_per_char, top, top + 10, bold))
        x += (len(token) + 1) * width_per_char
    return words


def test_join_lines():
    def joined(*texts: str, right: float = 200.0, cells: bool = False) -> str:
        lines = group_lines([w for i, t in enumerate(texts) for w in _line(t, 0, i * 12)])
        return join_lines(lines, right, cells)

    # A wrapped line fills the width; a short one was ended by the author.
    assert joined("Информационна кампания за пре-", "венция", right=150) == (
        "Информационна кампания за превенция"
    )
    assert joined("Информационна кампания за наказателно-", "правните", right=190) == (
        "Информационна кампания за наказателно-правните"
    )
    assert joined("Първи абзац.", "Втори абзац.") == "Първи абзац.\nВтори абзац."
    assert joined("Информационна кампания за", "обучение", right=130) == (
        "Информационна кампания за обучение"
    )
    # A word too wide for a narrow cell, broken without a hyphen.
    assert joined("Септемвр", "и 2012", right=41, cells=True) == "Септември 2012"
    assert joined("ФИНАНСИРАН", "Е", right=51, cells=True) == "ФИНАНСИРАНЕ"
    assert joined("НКБТ", "Х,", "МТСП", ", МО", right=21, cells=True) == "НКБТХ, МТСП, МО"
    # Two words in a narrow cell stay two: room for a letter was left, or both are words.
    assert joined("Продоставени", "качетсвени", right=70, cells=True) == "Продоставени качетсвени"
    assert joined("Отговорна", "институци", "я", right=46, cells=True) == "Отговорна институция"
    # The last word on a page-wide line is never cut: no word is wider than the page.
    assert joined("Септемвр", "и 2012", right=41) == "Септемвр и 2012"
    # Paragraph spacing inside a cell.
    lines = group_lines(_line("Първа цел и още", 0, 0) + _line("2. Втора", 0, 30))
    assert join_lines(lines, 75) == "Първа цел и още\n2. Втора"


# -- layout rules on hand-made pages ----------------------------------------------------------------
def _page(number: int, lines: list[list[Word]], grids=(), height=800.0) -> PageContent:
    return PageContent(number, 600.0, height, [w for line in lines for w in line], list(grids))


def test_running_footer_found_by_recurrence_not_by_band():
    pages = [
        _page(
            n,
            [
                _line("ПРОЕКТ!", 500, 30),
                _line(f"Дейност {2 * n}", 50, 100),  # same place, a number not the page's
                _line("Срок", 50, 700 + n * 13),  # a label near the foot, at varying heights
                _line(f"Стр. {n} от 3", 270, 780),
            ],
        )
        for n in (1, 2, 3)
    ]
    body, headers, footers = layout(pages)
    assert [b.text for b in headers] == ["ПРОЕКТ!"]
    assert [b.text for b in footers] == ["Стр. 1 от 3"]
    assert [b.text for b in body].count("Срок") == 3


def test_single_page_keeps_edge_text_but_drops_its_page_number():
    page = _page(1, [_line("Заглавие", 50, 30), _line("Текст.", 50, 100), _line("1", 300, 780)])
    body, headers, footers = layout([page])
    assert [b.text for b in body] == ["Заглавие", "Текст."]
    assert headers == [] and [b.text for b in footers] == ["1"]


def test_table_row_split_by_a_page_break_and_repeated_header():
    def table_page(number: int, rows: list[tuple[str, str]], top: float) -> PageContent:
        words, boxes, y = [], [], top
        for label, value in rows:
            words += _line(label, 55, y + 2) if label else []
            words += _line(value, 205, y + 2) if value else []
            boxes.append([(50, y, 200, y + 20), (200, y, 500, y + 20)])
            y += 20
        return PageContent(number, 600, 800, words, [Grid((50, top, 500, y), boxes)])

    full = "Информационна кампания за обучение на полицаи и съдии в"  # fills the cell
    first = table_page(1, [("Дейност", "Срок"), ("Дейност 1", "Кампания"), ("Срок", full)], 100)
    second = table_page(2, [("Дейност", "Срок"), ("", "София"), ("Дейност 2", "Обучение")], 50)
    body, _, _ = layout([first, second])
    assert [(b.text, b.prov.table, b.prov.row, b.prov.page) for b in body] == [
        ("Дейност", 1, 1, 1),
        ("Срок", 1, 1, 1),
        ("Дейност 1", 1, 2, 1),
        ("Кампания", 1, 2, 1),
        ("Срок", 1, 3, 1),
        (full + " София", 1, 3, 1),  # the row's rest from page 2, whole again
        ("Дейност 2", 1, 4, 2),
        ("Обучение", 1, 4, 2),
    ]


# -- scans ------------------------------------------------------------------------------------------
def test_pdf_without_text_layer_says_to_run_ocr():
    with pytest.raises(NoTextLayerError) as raised:
        ingest(FIXTURES / "scan.pdf", Options(ocr="never"))
    assert "no text layer" in raised.value.message
    assert "ocrmypdf -l bul" in raised.value.message
    assert raised.value.exit_code == ExitCode.NO_TEXT != ExitCode.NOT_PROGRAMME


def test_cli_exit_code_for_a_scan(run_cli, tmp_path):
    result = run_cli("extract", FIXTURES / "scan.pdf", "--ocr", "never", "-o", tmp_path / "out")
    assert result.code == 5
    assert "ocrmypdf -l bul" in result.err
    assert not (tmp_path / "out" / "scan.json").exists()


# -- nothing lost, nothing invented ----------------------------------------------------------------
_WORDS = st.text(alphabet="АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЮЯ", min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(_WORDS, min_size=1, max_size=8),
            st.floats(min_value=40, max_value=300),  # where the line starts
            st.floats(min_value=4, max_value=40),  # gap between words
        ),
        min_size=1,
        max_size=25,
    )
)
def test_layout_keeps_every_word_once(lines):
    """Whatever the geometry (columns, gaps, short lines), every word of the page comes out
    exactly once: as body, header or footer text."""
    words, top = [], 120.0
    for tokens, x0, gap in lines:
        x = x0
        for token in tokens:
            words.append(Word(token, x, x + 6 * len(token), top, top + 10))
            x += 6 * len(token) + gap
        top += 14
    body, headers, footers = layout([PageContent(1, 2000, 842, words)])
    out = [token for block in body + headers + footers for token in block.text.split()]
    # Letters, not tokens: a one-word line filling a table cell may be a word the cell cut,
    # and its next line is then joined to it (`ФИНАНСИРАН` + `Е`).
    assert sorted("".join(out)) == sorted("".join(w.text for w in words))
