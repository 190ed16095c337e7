"""Word features read as the reader sees them: one fixture per feature family (tests/fixtures).

Each test states the exact text natprog must extract, so a feature that loses or invents a
word fails here, not in a downstream golden file.
"""

from __future__ import annotations

import zipfile
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import DRAFT_2012
from natprog.ingest import ingest
from natprog.ingest.numbering import Numbering
from natprog.ingest.wordxml import W, WordWalker, read_styles
from natprog.options import Options
from natprog.run import process

FIXTURES = DRAFT_2012["txt"].parent.parent / "tests" / "fixtures"


def texts(name: str, revisions: str = "accepted") -> list[str]:
    return [b.text for b in ingest(FIXTURES / name, Options(revisions=revisions)).blocks]


ACTIVITY_TAIL = ["Финансиране", "—", "Срок"]  # rows the mini programmes share


def test_inline_features_come_out_as_the_reader_sees_them():
    assert texts("inline-features.docx") == [
        "ПРОГРАМА ЗА 2012 г.",
        "РАЗДЕЛ I",
        "„ОБУЧЕНИЕ”",
        "СТРАТЕГИЧЕСКА ЦЕЛ:",
        "Обучение на кадри.",
        "ОПЕРАТИВНИ ЦЕЛИ:",
        "1. Обучение на полицаи.",
        "Дейност 1",
        "Обучение на служители на МВР",  # runs split mid-word
        "Отговорна институция",
        "НКБТХ, Община Варна",  # inline content control, smart tag
        "Партньори",
        "МВР и НПО (www.mvr.bg)",  # hyperlink, HYPERLINK field result (not its URL)
        "Финансиране",
        "От бюджета на НКБТХ",  # bookmark, customXml; the unfilled placeholder is no text
        "Срок",
        "Декември 2012 г.",  # split run, non-breaking space, simple field result
        "Очаквани резултати",
        "Обучени служители от МВР-София и прокуратурата",  # soft hyphens, hidden text gone
        "Индикатори за изпълнение",
        "Брой обучения\tи участници",  # nested fields: the outer result only
        "Дейност 2",  # a row inside a content control
        "Семинар за съдии",
        "Отговорна институция",
        "НИП",  # a cell inside a content control
        "Партньори",  # a row inside customXml
        "—",
        *ACTIVITY_TAIL,
        "Май 2012",
        "Очаквани резултати",
        "—",
        "Индикатори за изпълнение",
        "—",
        "РАЗДЕЛ II",  # paragraphs inside a block-level content control
        "„ПРЕВЕНЦИЯ”",
        "СТРАТЕГИЧЕСКА ЦЕЛ:",  # a whole table inside a content control
        "Превенция.",
        "ОПЕРАТИВНИ ЦЕЛИ:",
        "1. Кампании.",
        "Дейност 1",
        "Кампания в училищата",
        "Отговорна институция",
        "—",
        "Партньори",
        "—",
        *ACTIVITY_TAIL,
        "Постоянен",
        "Очаквани резултати",
        "—",
        "Индикатори за изпълнение",
        "—",
        "Бележка в customXml.",
    ]


def test_inline_features_keep_table_positions():
    blocks = ingest(FIXTURES / "inline-features.docx").blocks
    places = {b.text: (b.prov.table, b.prov.row, b.prov.cell) for b in blocks}
    assert places["НИП"] == (1, 11, 2)  # the cell in a content control keeps its column
    assert places["Семинар за съдии"] == (1, 10, 2)
    assert places["Кампания в училищата"] == (2, 3, 2)


def test_inline_features_parse_into_fields():
    activity = process(FIXTURES / "inline-features.docx").programme.activities[0]
    assert activity.title == "Обучение на служители на МВР"
    assert activity.fields["responsible"].text == "НКБТХ, Община Варна"
    assert [i.name for i in activity.fields["responsible"].items] == ["НКБТХ", "Община Варна"]
    assert activity.fields["deadline"].deadline.kind == "month"


def test_automatic_numbering_renders_the_labels_the_reader_sees():
    assert texts("numbering.docx") == [
        "ПРОГРАМА ЗА 2012 г.",
        "РАЗДЕЛ I",  # upper Roman, the label alone
        "„ПРЕВЕНЦИЯ”",
        "СТРАТЕГИЧЕСКА ЦЕЛ:",
        "Намаляване на трафика.",
        "ОПЕРАТИВНИ ЦЕЛИ:",
        "1.\tИнформиране на обществото.",  # numbered through its paragraph style
        "1.1.\tПодцел на първата цел.",
        "•\tТочка с водач.",
        "2.\tРабота с училищата.",
        "Цел без номер.",  # numId 0 switches the style's numbering off
        "Дейност 1 ",
        "Кампания в медиите.",
        "Срок",
        "Май 2012",
        "Дейност 2 Обучение на учители.",
        "а)\tпърва точка от списъчен стил",  # list style, Cyrillic letters
        "б)\tвтора точка",
        "РАЗДЕЛ II",
        "„ЗАКРИЛА”",
        "ОПЕРАТИВНИ ЦЕЛИ:",
        "1.\tЗакрила на жертвите.",  # a derived style restarting the list
        "Дейност 1 ",  # startOverride restarts the activity list
        "Подслон за жертви.",
        "Дейност 2 1. Typed and automatic number.",  # both numbers kept
        "Дейност 5 Списък, започващ от пет.",
        "1.\tДейност 7 – Дейност в номериран списък",
        "Срок",
        "2.\tЮни 2012",
    ]


def test_automatic_numbering_gives_the_programme_structure():
    programme = process(FIXTURES / "numbering.docx").programme
    assert [(s.number, s.numeral) for s in programme.sections] == [(1, "I"), (2, "II")]
    assert [a.id for a in programme.activities] == ["I.1", "I.2", "II.1", "II.2", "II.5", "II.7"]
    first = programme.sections[0]
    assert [(g.number, g.text) for g in first.operational_goals] == [
        (1, "Информиране на обществото. 1.1. Подцел на първата цел. • Точка с водач."),
        (2, "Работа с училищата. Цел без номер."),
    ]
    typed = programme.activities[-1]  # `1.` is the list's decoration, `Дейност 7` the heading
    assert (typed.number, typed.title) == (7, "Дейност в номериран списък")
    assert typed.heading_block.list_label == "1."


def test_tracked_changes_accepted_view():
    blocks = texts("revisions.docx")
    assert blocks[7:13] == [
        "Дейност 1",
        "Кампания за превенция в училищата",  # w:ins in, w:del out
        "и в детските градини",  # a deleted paragraph mark joins two paragraphs
        "Добавен абзац.",  # an inserted paragraph
        "Отговорна институция",
        "НКБТХ, МОН",  # moved: moveTo in, moveFrom out
    ]
    assert "Обучени учители." in blocks and "Изтрит резултат." not in " ".join(blocks)
    assert blocks[-2:] == ["Дейност 2", "Нова дейност"]  # inserted row; deleted row gone
    assert "Изтрит ред" not in blocks


def test_tracked_changes_original_view():
    blocks = texts("revisions.docx", "original")
    assert blocks[7:13] == [
        "Дейност 1",
        "Кампания за борба в училищата",
        "и в детските ",
        "градини",
        "Отговорна институция",
        "МОН, НКБТХ",
    ]
    assert "Изтрит резултат. Обучени учители." in blocks
    assert blocks[-2:] == ["Бележка", "Изтрит ред"]
    assert "Нова дейност" not in blocks and "Добавен абзац." not in blocks


def test_joined_paragraph_keeps_the_number_of_its_first_paragraph():
    blocks = ingest(FIXTURES / "revisions.docx").blocks
    joined = next(b for b in blocks if b.text == "и в детските градини")
    original = ingest(FIXTURES / "revisions.docx", Options(revisions="original")).blocks
    first = next(b for b in original if b.text == "и в детските ")
    assert joined.prov.paragraph == first.prov.paragraph


@pytest.mark.parametrize("revisions", ["accepted", "original"])
def test_tracked_change_counts(revisions):
    changes = ingest(FIXTURES / "revisions.docx", Options(revisions=revisions)).tracked_changes
    assert changes.to_dict() == {
        "insertions": 6,  # runs, a paragraph mark, an inserted row and its two cells' runs
        "deletions": 5,  # runs, a paragraph mark, a deleted row and its run
        "moves": 1,
        "formatting": 2,
        "total": 14,
        "authors": ["Иван", "Мария"],
    }


def test_comments_are_reported_not_read_as_text():
    document = ingest(FIXTURES / "comments.docx")
    assert [
        (c.author, c.text, c.anchor_text, c.prov.paragraph, c.prov.row, c.prov.cell)
        for c in document.comments
    ] == [
        ("Мария Иванова", "Да се уточни кои училища.", "Кампания в училищата", 9, 3, 2),
        ("Иван Петров", "Срокът е нереалистичен.\nПредлагам юни.", "Декември 2012", 17, 7, 2),
        ("Мария Иванова", "Колко?", "Информирани ученици\nи учители", 19, 8, 2),
    ]
    body = " ".join(b.text for b in document.blocks)
    assert "уточни" not in body and "нереалистичен" not in body
    assert "— Декември 2012" in body


def test_headers_and_footers_are_kept_apart():
    result = process(FIXTURES / "furniture.docx")
    document = result.document
    assert [b.text for b in document.header_blocks] == [
        "ПРОЕКТ!",
        "Национална комисия за борба с трафика на хора",
    ]
    assert [b.text for b in document.footer_blocks] == ["Стр. 1 от 1", "1"]
    assert {b.prov.part for b in document.header_blocks} == {"header"}
    assert result.programme.draft is True
    body = " ".join(b.text for b in document.blocks)
    assert "ПРОЕКТ" not in body and "Стр." not in body
    assert [a.fields["deadline"].text for a in result.programme.activities] == [
        "Май 2012",
        "Юни 2012",
    ]


def test_draft_marker_in_the_body():
    programme = process(FIXTURES / "np2012-paragraphs.docx").programme
    assert programme.draft is True
    assert programme.title.startswith("НАЦИОНАЛНАТА ПРОГРАМА")


def test_the_real_draft_has_no_revisions_or_comments():
    document = ingest(DRAFT_2012["docx"])
    assert document.tracked_changes.total == 0 and document.comments == []


# -- the segment map the annotated copy relies on ---------------------------------------------------
def _walk(name: str, revisions: str):
    with zipfile.ZipFile(FIXTURES / name) as package:
        body = etree.fromstring(package.read("word/document.xml")).find(W + "body")
        styles = read_styles(etree.fromstring(package.read("word/styles.xml")))
        numbering = Numbering(etree.fromstring(package.read("word/numbering.xml")), styles)
    return list(WordWalker(numbering, styles, revisions).walk(body))


_NODE_TEXT = {W + "tab": "\t", W + "ptab": "\t", W + "br": "\n", W + "noBreakHyphen": "-"}


@pytest.mark.parametrize("revisions", ["accepted", "original"])
@pytest.mark.parametrize(
    "name",
    ["inline-features.docx", "numbering.docx", "revisions.docx", "np2012-mixed.docx",
     "np2012-tracked.docx", "comments.docx", "text-boxes.docx", "np2012-wide-table.docx"],
)  # fmt: skip
def test_segments_map_every_character_back_to_its_run(name, revisions):
    for paragraph in _walk(name, revisions):
        label = paragraph.list_label
        start = 0
        if label is not None:
            assert paragraph.text.startswith(label)
            start = len(label) + (paragraph.text[len(label) : len(label) + 1] in ("\t", " "))
        covered = start
        for segment in paragraph.segments:
            assert segment.start == covered, (paragraph.text, segment)
            covered = segment.end
            piece = paragraph.text[segment.start : segment.end]
            node = segment.node
            source = _NODE_TEXT.get(node.tag, node.text or "")
            source = source.replace("\u00a0", " ")
            assert source[segment.node_offset : segment.node_offset + len(piece)] == piece
            if node.tag == W + "t":
                assert node.getparent() is segment.run
        assert covered == len(paragraph.text), paragraph.text


def test_page_hints_from_last_rendered_page_breaks():
    """Word records where it broke pages; a row split over a page has the mark in each cell."""
    xml = f"""<w:body xmlns:w="{W[1:-1]}">
      <w:p><w:r><w:t>Едно</w:t></w:r></w:p>
      <w:p><w:r><w:br w:type="page"/></w:r><w:r><w:lastRenderedPageBreak/><w:t>Две</w:t></w:r></w:p>
      <w:tbl><w:tr>
        <w:tc><w:p><w:r><w:t>Срок</w:t></w:r></w:p></w:tc>
        <w:tc><w:p><w:r><w:t>Май</w:t></w:r></w:p>
              <w:p><w:r><w:lastRenderedPageBreak/><w:t>2012</w:t></w:r></w:p></w:tc>
        <w:tc><w:p><w:r><w:lastRenderedPageBreak/><w:t>бележка</w:t></w:r></w:p></w:tc>
      </w:tr></w:tbl>
      <w:p><w:r><w:t>Три</w:t></w:r></w:p>
    </w:body>"""
    walked = list(WordWalker(page_hints=True).walk(etree.fromstring(xml)))
    assert [(p.text, p.page, p.cell) for p in walked] == [
        ("Едно", 1, None),
        ("\nДве", 2, None),
        ("Срок", 2, 1),
        ("Май", 2, 2),
        ("2012", 3, 2),
        ("бележка", 3, 3),
        ("Три", 3, None),
    ]


# -- property: any nesting of Word's inline wrappers gives the text the rules say -----------------
_TEXT = st.text(alphabet="абвгд ежз", min_size=1, max_size=6)
# kind -> (XML around a run, in the accepted view, in the original view)
_WRAPPERS = {
    "plain": ("{}", True, True),
    "ins": ('<w:ins w:id="1" w:author="А">{}</w:ins>', True, False),
    "del": ('<w:del w:id="2" w:author="Б">{}</w:del>', False, True),
    "moveTo": ('<w:moveTo w:id="3" w:author="А">{}</w:moveTo>', True, False),
    "moveFrom": ('<w:moveFrom w:id="4" w:author="А">{}</w:moveFrom>', False, True),
    "hyperlink": ("<w:hyperlink>{}</w:hyperlink>", True, True),
    "smartTag": ('<w:smartTag w:element="x">{}</w:smartTag>', True, True),
    "sdt": ("<w:sdt><w:sdtPr/><w:sdtContent>{}</w:sdtContent></w:sdt>", True, True),
    "customXml": ('<w:customXml w:element="x">{}</w:customXml>', True, True),
    "fldSimple": ('<w:fldSimple w:instr=" PAGE ">{}</w:fldSimple>', True, True),
}


def _run(text: str, deleted: bool, hidden: bool) -> str:
    props = "<w:rPr><w:vanish/></w:rPr>" if hidden else ""
    tag = "w:delText" if deleted else "w:t"
    return f'<w:r>{props}<{tag} xml:space="preserve">{escape(text)}</{tag}></w:r>'


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(st.lists(st.sampled_from(sorted(_WRAPPERS)), max_size=3), _TEXT, st.booleans()),
        min_size=1,
        max_size=8,
    )
)
def test_inline_wrappers_in_any_nesting(pieces):
    xml, accepted, original = "", "", ""
    for wrappers, text, hidden in pieces:
        deleted = any(w in ("del", "moveFrom") for w in wrappers)
        inner = _run(text, deleted and "del" in wrappers, hidden)
        for wrapper in wrappers:
            inner = _WRAPPERS[wrapper][0].format(inner)
        xml += inner
        if not hidden and all(_WRAPPERS[w][1] for w in wrappers):
            accepted += text
        if not hidden and all(_WRAPPERS[w][2] for w in wrappers):
            original += text
    body = etree.fromstring(f'<w:body xmlns:w="{W[1:-1]}"><w:p>{xml}</w:p></w:body>')
    for view, expected in (("accepted", accepted), ("original", original)):
        (paragraph,) = WordWalker(revisions=view).walk(body)
        assert paragraph.text == expected.replace("\u00a0", " ")


def test_text_boxes_are_read_once_after_their_paragraph():
    """Word writes a text box twice (DrawingML and a VML fallback); the reader sees it once."""
    result = process(FIXTURES / "text-boxes.docx")
    blocks = [b.text for b in result.document.blocks]
    assert blocks[:2] == ["ПРОЕКТ!", "ПРОГРАМА ЗА 2012 г."]
    assert blocks.count("ПРОЕКТ!") == 1
    assert result.programme.draft is True
    assert result.programme.activities[0].fields["deadline"].text == "Май 2012\n(уточнява се)"
    assert [b.text for b in result.document.header_blocks] == ["Проект на НКБТХ"]
