"""The 2012 draft in every layout and format gives the programme of the text draft.

The renditions in tests/fixtures are generated from inputs/np2012-draft.txt (see its README);
each must yield the same 48 activities with the same field texts, modulo whitespace.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache

import pytest
from lxml import etree

from conftest import DRAFT_2012
from natprog.ingest.convert import find_soffice
from natprog.models import FIELD_KEYS
from natprog.options import Options
from natprog.run import process

FIXTURES = DRAFT_2012["txt"].parent.parent / "tests" / "fixtures"
LAYOUTS = {
    "np2012-label-table": "label-table",
    "np2012-borderless": "label-table",
    "np2012-paragraphs": "paragraphs",
    "np2012-wide-table": "wide-table",
    "np2012-mixed": "mixed",
}
needs_libreoffice = pytest.mark.skipif(
    find_soffice() is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)",
)


def _ws(text: str | None) -> str | None:
    return None if text is None else " ".join(text.split())


def comparable(programme, labels: dict[str, str] | None = None) -> dict:
    """Everything a user reads from a programme, whitespace collapsed."""
    out: dict = {
        "title": _ws(programme.title),
        "year": programme.year,
        "draft": programme.draft,
        "glossary": [(_ws(g.abbreviation), _ws(g.expansion)) for g in programme.glossary],
    }
    for section in programme.sections:
        out[f"section {section.number}"] = (
            section.numeral,
            _ws(section.title),
            _ws(section.strategic_goal.text if section.strategic_goal else None),
            [(goal.number, _ws(goal.text)) for goal in section.operational_goals],
        )
    for activity in programme.activities:
        out[activity.id] = (
            _ws(activity.title),
            *(_ws(activity.fields[key].text) for key in FIELD_KEYS),
            activity.fields["partners"].label,
        )
    return out


@cache
def reference() -> dict:
    return comparable(process(DRAFT_2012["txt"]).programme)


def wide_reference() -> dict:
    """In a wide table a column header labels every row: the label most activities of the
    section use (the text draft has one `Експертна помощ` among `Партньори` in section III)."""
    expected = dict(reference())
    by_section: dict[str, Counter] = {}
    for key, value in expected.items():
        if re.fullmatch(r"[IVX]+\.\d+", key):
            by_section.setdefault(key.split(".")[0], Counter())[value[-1]] += 1
    for key, value in expected.items():
        if re.fullmatch(r"[IVX]+\.\d+", key):
            label = by_section[key.split(".")[0]].most_common(1)[0][0]
            expected[key] = (*value[:-1], label)
    return expected


@cache
def processed(name: str):
    """Each rendition is processed once per test session."""
    return process(FIXTURES / name)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("stem", sorted(LAYOUTS))
def test_rendition_gives_the_text_draft(stem, fmt):
    result = processed(f"{stem}.{fmt}")
    assert result.programme.layout == LAYOUTS[stem]
    assert len(result.programme.activities) == 48
    expected = wide_reference() if stem == "np2012-wide-table" else reference()
    assert comparable(result.programme) == expected


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("stem", sorted(LAYOUTS))
def test_rendition_has_the_same_numbering_findings(stem, fmt):
    findings = processed(f"{stem}.{fmt}").findings
    gaps = sorted(f.location.activity for f in findings if f.code == "numbering.gap")
    assert gaps == ["I.4", "V.8"]
    assert not [f for f in findings if f.code in ("field.missing", "field.empty")]


def test_auto_numbered_goals_and_headings_keep_the_numbers_the_reader_sees():
    """Sections III and IV of the mixed rendition are Word lists restarted per section."""
    result = processed("np2012-mixed.docx")
    section = result.programme.sections[3]  # IV: 5 activities, numbering restarted at 1
    assert [a.number for a in section.activities] == [1, 2, 3, 4, 5]
    assert [a.heading_block.list_label for a in section.activities] == [
        f"Дейност {n}" for n in range(1, 6)
    ]
    assert [g.number for g in section.operational_goals] == [1, 2, 3, 4]
    assert section.operational_goals[0].blocks[0].list_label == "1."


def test_values_split_by_soft_breaks_keep_their_line_breaks():
    result = processed("np2012-mixed.docx")
    texts = [f.text for a in result.programme.activities for f in a.fields.values()]
    assert any("\n" in (text or "") for text in texts)


# -- tracked changes --------------------------------------------------------------------------------
def _changes() -> tuple[list[str], list[str]]:
    lines = (FIXTURES / "np2012-tracked.changes.txt").read_text(encoding="utf-8").splitlines()
    inserted = [line[2:] for line in lines if line.startswith("+ ")]
    deleted = [line[2:] for line in lines if line.startswith("- ")]
    return inserted, deleted


def _result_text(result) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False)


def test_tracked_changes_accepted_view_is_the_text_draft():
    result = process(FIXTURES / "np2012-tracked.docx")
    assert comparable(result.programme) == reference()
    inserted, deleted = _changes()
    assert len(inserted) > 48 and len(deleted) > 7
    body = _ws("\n".join(block.text for block in result.document.blocks))
    output = _ws(_result_text(result))
    for text in map(_ws, inserted):
        # Goals are emitted without their typed number (it is the goal's `number`).
        assert text in body and re.sub(r"^\d+\.\s*", "", text) in output, text
    for text in set(map(_ws, deleted)):
        assert text not in body and text not in output, text


def test_tracked_changes_original_view():
    result = process(FIXTURES / "np2012-tracked.docx", Options(revisions="original"))
    body = _ws("\n".join(block.text for block in result.document.blocks))
    _inserted, deleted = _changes()
    for text in set(map(_ws, deleted)):
        assert text in body, text
    # Every title line lacks the word inserted at its end; the inserted goals are not there.
    ref = process(DRAFT_2012["txt"]).programme
    original = result.programme
    titles = {a.id: _ws(a.title) for a in original.activities if a.number != 99}
    assert titles == {
        a.id: _ws(" ".join(b.text.rpartition(" ")[0] for b in a.title_blocks))
        for a in ref.activities
    }
    assert [len(s.operational_goals) for s in original.sections] == [1] * 7
    # The deleted rows are back: one `Дейност 99` per section.
    assert [a.id for a in original.activities if a.number == 99] == [
        f"{s}.99" for s in ("I", "II", "III", "IV", "V", "VI", "VII")
    ]


def test_tracked_change_counts_and_authors():
    import zipfile

    path = FIXTURES / "np2012-tracked.docx"
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def count(*tags: str) -> int:
        return sum(1 for _ in root.iter(*(w + tag for tag in tags)))

    changes = process(path).document.tracked_changes
    assert changes.insertions == count("ins") > 0
    assert changes.deletions == count("del") > 0
    assert changes.moves == count("moveTo") == 48
    assert changes.formatting == count("rPrChange", "pPrChange") == 9
    assert changes.authors == ("Иван Петров", "Мария Иванова")
    # The same counts whichever view is read.
    original = process(path, Options(revisions="original")).document.tracked_changes
    assert original == changes


# -- other formats ---------------------------------------------------------------------------------
@pytest.mark.libreoffice
@needs_libreoffice
@pytest.mark.parametrize("suffix", ["odt", "doc"])
def test_odt_and_doc_through_libreoffice(suffix):
    result = process(FIXTURES / f"np2012.{suffix}")
    assert result.programme.layout == "label-table"
    assert comparable(result.programme) == reference()


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_vertically_merged_cells_hold_for_every_row(fmt):
    """The wide rendition merges equal consecutive `Отговорна институция` and `Финансиране`
    cells (w:vMerge); each activity still gets the value, read from the one merged cell."""
    import zipfile

    xml = zipfile.ZipFile(FIXTURES / "np2012-wide-table.docx").read("word/document.xml")
    assert xml.count(b"<w:vMerge/>") == 31
    activities = processed(f"np2012-wide-table.{fmt}").programme.activities
    shared = 0
    for before, after in zip(activities, activities[1:], strict=False):
        for key in ("responsible", "financing"):
            first, second = before.fields[key], after.fields[key]
            # Same paragraph (DOCX) or same box (PDF): one merged cell.
            place = lambda f: (f.source.paragraph, f.source.bbox)  # noqa: E731
            if first.blocks and second.blocks and place(first) == place(second):
                assert first.text == second.text
                shared += 1
    # In the PDF a merge running over a page break is drawn as a box on each page.
    assert shared == 31 if fmt == "docx" else shared >= 20
