"""The annotated Word copy: one natprog comment per finding, on exactly the offending text.

Besides the 2012 draft, a small DOCX is built here whose findings are known in advance: a
mixed-script word spread over three runs, one inside a tracked insertion, one in a numbered
list, one with a soft hyphen, two in the same run, one in a table cell, and a reviewer's comment
that must survive.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import DRAFT_2012
from natprog.emit.annotate import AUTHOR, annotate_docx, comment_text
from natprog.ingest.wordxml import WordWalker
from natprog.options import Options

LATIN_A = "a"  # the Latin letter hidden in Cyrillic words below
# The mixed-script words the fixture contains, in document order (what script.mixed reports).
EXPECTED = [
    "ІІІ",
    f"Национ{LATIN_A}лната",
    f"Обучени{LATIN_A}",
    f"вмъкнат{LATIN_A}",
    f"превенци{LATIN_A}",
    f"Р{LATIN_A}з",
    f"дв{LATIN_A}",
    f"клетк{LATIN_A}",
]


def _run(paragraph, text: str, bold: bool = False):
    run = paragraph.add_run(text)
    run.bold = bold or None
    return run


def build_fixture(path: Path) -> Path:
    """A DOCX whose script.mixed findings are `EXPECTED`."""
    document = docx.Document()
    document.add_paragraph("РАЗДЕЛ ІІІ")  # Cyrillic І as a Roman numeral
    split = document.add_paragraph()
    _run(split, "Провеждане на обучение в Нацио", bold=True)
    _run(split, f"н{LATIN_A}")  # the word continues across three runs
    _run(split, "лната комисия.")
    document.add_paragraph(f"Обучени{LATIN_A} на кадри", style="List Number")
    tracked = document.add_paragraph()
    _run(tracked, "Текст с ")
    insertion = OxmlElement(
        "w:ins",
        {qn("w:id"): "7", qn("w:author"): "Рецензент", qn("w:date"): "2012-01-01T00:00:00Z"},
    )
    inserted = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = f"вмъкнат{LATIN_A}"
    inserted.append(text)
    insertion.append(inserted)
    tracked._p.append(insertion)
    _run(tracked, " дума.")
    hyphen = document.add_paragraph()
    _run(hyphen, "Мерки за\tпрев\u00adенци" + LATIN_A + " и закрила.")
    twice = document.add_paragraph()
    _run(twice, f"Р{LATIN_A}з и дв{LATIN_A} пъти в един и същи ред.")
    reviewed = document.add_paragraph()
    existing = _run(reviewed, "Абзац с коментар от рецензент.")
    document.add_comment(existing, text="Моля, проверете.", author="Рецензент", initials="Р")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Етикет"
    table.cell(0, 1).text = f"Текст в клетк{LATIN_A}."
    document.save(path)
    return path


def walk_texts(data: bytes, revisions: str = "accepted") -> list[str]:
    """The text of every paragraph as natprog reads it (list labels included)."""
    return [block.text for block in _ingest_bytes(data, revisions).blocks]


def _ingest_bytes(data: bytes, revisions: str = "accepted"):
    from natprog.ingest.docx import read_docx

    return read_docx(data, "x.docx", Options(revisions=revisions))


_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\ufeff\u2060"))


def anchored(data: bytes) -> dict[str, tuple[str, str, str]]:
    """comment id -> (author, comment text, anchored text) of an annotated DOCX."""
    word = docx.Document(io.BytesIO(data))
    walker = WordWalker()
    list(walker.walk(word.element.body))
    return {
        str(comment.comment_id): (
            comment.author,
            comment.text,
            "".join(walker.comment_text.get(str(comment.comment_id), [])).translate(_INVISIBLE),
        )
        for comment in word.comments
    }


@pytest.fixture(scope="module")
def fixture_docx(tmp_path_factory) -> Path:
    return build_fixture(tmp_path_factory.mktemp("fixture") / "fixture.docx")


@pytest.fixture(scope="module")
def fixture_data(fixture_docx) -> dict:
    """The fixture's serialized result, kept to the script.mixed findings it was built for
    (other text checks may find more in it; the anchoring is what is tested here)."""
    from natprog.run import process

    data = process(fixture_docx, Options(text_only=True)).to_dict()
    data["findings"] = [f for f in data["findings"] if f["code"] == "script.mixed"]
    return data


def test_fixture_findings_are_the_expected_words(fixture_data):
    assert [f["text"] for f in fixture_data["findings"]] == EXPECTED


def test_one_comment_per_finding_on_the_offending_text(fixture_docx, fixture_data):
    data = fixture_data
    annotated = annotate_docx(fixture_docx.read_bytes(), data)
    comments = anchored(annotated)
    ours = [c for c in comments.values() if c[0] == AUTHOR]
    assert len(ours) == len(data["findings"]) == len(EXPECTED)
    for finding, (_, text, anchor) in zip(data["findings"], ours, strict=True):
        assert anchor == finding["text"]
        assert text == comment_text(finding)
        assert finding["message"] in text and finding["suggestion"] in text


def test_text_formatting_and_other_content_unchanged(fixture_docx, fixture_data):
    original = fixture_docx.read_bytes()
    annotated = annotate_docx(original, fixture_data)
    assert walk_texts(annotated) == walk_texts(original)
    assert walk_texts(annotated, "original") == walk_texts(original, "original")
    before, after = _ingest_bytes(original), _ingest_bytes(annotated)
    assert after.tracked_changes == before.tracked_changes  # the insertion is still tracked
    reviewer = [c for c in after.comments if c.author == "Рецензент"]
    assert [(c.text, c.anchor_text) for c in reviewer] == [
        ("Моля, проверете.", "Абзац с коментар от рецензент.")
    ]
    # The bold run was split where the word starts; both halves keep its formatting.
    word = docx.Document(io.BytesIO(annotated))
    split = word.paragraphs[1]
    assert (
        "".join(r.text for r in split.runs)
        == f"Провеждане на обучение в Национ{LATIN_A}лната комисия."
    )
    assert [r.text for r in split.runs if r.bold] == ["Провеждане на обучение в ", "Нацио"]
    # Parts other than the body and the comments are kept byte for byte.
    with zipfile.ZipFile(io.BytesIO(original)) as a, zipfile.ZipFile(io.BytesIO(annotated)) as b:
        for name in ("word/styles.xml", "word/numbering.xml", "docProps/core.xml"):
            assert _canonical(b.read(name)) == _canonical(a.read(name)), name


def _canonical(xml: bytes) -> bytes:
    return etree.tostring(etree.fromstring(xml), method="c14n")


def test_same_input_same_bytes(fixture_docx, fixture_data):
    data = fixture_data
    raw = fixture_docx.read_bytes()
    assert annotate_docx(raw, data) == annotate_docx(raw, data)


def _finding(paragraph, context, start, end, *, activity=None, text=None, offset=0):
    return {
        "code": "label.misspelled",
        "severity": "warning",
        "message": "тестова забележка",
        "text": text if text is not None else (context[start:end] if context else None),
        "suggestion": "поправка",
        "suggestions": [],
        "location": {
            "block": None, "section": 1 if activity else None, "activity": activity,
            "field": None, "page": None, "paragraph": paragraph, "line": None,
        },
        "context": context,
        "start": start,
        "end": end,
        "context_offset": offset,
        "signals": [],
    }  # fmt: skip


def test_anchors_without_offsets_or_paragraph(fixture_docx):
    """Fallbacks: a search for the text, a finding in a list label, one with no paragraph."""
    texts = walk_texts(fixture_docx.read_bytes())
    label_paragraph = 3  # "1.\tОбучениa на кадри": the list label has no runs
    assert texts[2].startswith("1.")
    data = {
        "findings": [
            # offsets into a value written after its label: context_offset shifts them
            _finding(2, "обучение в Национ", 11, 17, offset=14),
            # no offsets at all: found by its text
            _finding(6, None, None, None, text="един и същи"),
            # the list label itself: the whole paragraph's own text
            _finding(label_paragraph, texts[2], 0, 2),
            # no paragraph (a missing field): the heading of its activity
            _finding(None, None, None, None, activity="I.1"),
            # a point (a missing character): the character before it
            _finding(5, texts[4], 8, 8),
            # about a whole value written after its label: the value only
            _finding(7, texts[6][6:], None, None, offset=6),
        ],
        "activities": [{"id": "I.1", "source": {"paragraph": 1}}],
        "sections": [],
    }
    comments = anchored(annotate_docx(fixture_docx.read_bytes(), data))
    anchors = [anchor for author, _, anchor in comments.values() if author == AUTHOR]
    assert anchors == [
        "Национ",
        "един и същи",
        f"Обучени{LATIN_A} на кадри",
        "РАЗДЕЛ ІІІ",
        "\u0430",
        texts[6][6:],
    ]
    assert walk_texts(annotate_docx(fixture_docx.read_bytes(), data)) == texts


def test_2012_draft_one_comment_per_finding(tmp_path, run_cli):
    result = run_cli("extract", DRAFT_2012["docx"], "-o", tmp_path)
    assert result.code == 0, result.err
    import json

    data = json.loads((tmp_path / "np2012-draft.json").read_text(encoding="utf-8"))
    annotated = (tmp_path / "np2012-draft.annotated.docx").read_bytes()
    comments = [c for c in anchored(annotated).values() if c[0] == AUTHOR]
    assert len(comments) == len(data["findings"]) > 0
    for finding, (_, text, anchor) in zip(data["findings"], comments, strict=True):
        start, end = finding["start"], finding["end"]
        if start is not None and end > start:  # exactly the characters the finding is about
            # the XML keeps a no-break space where the extracted text shows a space
            assert anchor.replace("\xa0", " ") == finding["context"][start:end], finding["code"]
        elif finding["text"]:  # no offsets: around the text it names
            assert finding["text"] in anchor, finding["code"]
        assert finding["message"] in text
    assert walk_texts(annotated) == walk_texts(DRAFT_2012["docx"].read_bytes())


def test_no_findings_no_change(fixture_docx, tmp_path):
    from natprog.emit.annotate import write_annotated_docx
    from natprog.emit.original import Original
    from natprog.run import process

    result = process(fixture_docx, Options(text_only=True))
    data = dict(result.to_dict(), findings=[])
    written = write_annotated_docx(data, tmp_path / "copy.docx", Original(fixture_docx))
    assert written.read_bytes() == fixture_docx.read_bytes()


@pytest.mark.parametrize("fmt", ["pdf", "txt"])
def test_no_annotated_copy_for_other_formats(fmt, tmp_path, run_cli):
    result = run_cli("extract", DRAFT_2012[fmt], "-o", tmp_path)
    assert result.code == 0, result.err
    assert not (tmp_path / "np2012-draft.annotated.docx").exists()
    assert (tmp_path / "np2012-draft.report.html").exists()


@pytest.mark.libreoffice
def test_libreoffice_shows_every_comment(fixture_docx, fixture_data, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip(
            "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
        )
    source = tmp_path / "annotated.docx"
    source.write_bytes(annotate_docx(fixture_docx.read_bytes(), fixture_data))
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
         "--convert-to", "odt", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    with zipfile.ZipFile(tmp_path / "annotated.odt") as odt:
        content = etree.fromstring(odt.read("content.xml"))
    ns = {
        "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
        "dc": "http://purl.org/dc/elements/1.1/",
    }
    authors = content.xpath("//office:annotation/dc:creator/text()", namespaces=ns)
    assert sorted(authors) == sorted([AUTHOR] * len(EXPECTED) + ["Рецензент"])


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_spans_anchor_exactly_and_change_no_text(fixture_docx, data):
    """Random, possibly overlapping spans anywhere in the runs' text: each comment covers exactly
    its span, and the document reads exactly as before."""
    raw = fixture_docx.read_bytes()
    blocks = _ingest_bytes(raw).blocks
    findings, expected = [], []
    for _ in range(data.draw(st.integers(1, 6))):
        block = data.draw(st.sampled_from(blocks))
        own = len(block.list_label) + 1 if block.list_label else 0  # the label is not in runs
        start = data.draw(st.integers(own, len(block.text) - 1))
        end = data.draw(st.integers(start + 1, len(block.text)))
        findings.append(_finding(block.prov.paragraph, block.text, start, end))
        expected.append(block.text[start:end])
    annotated = annotate_docx(raw, {"findings": findings, "activities": [], "sections": []})
    anchors = [anchor for author, _, anchor in anchored(annotated).values() if author == AUTHOR]
    assert anchors == expected
    assert walk_texts(annotated) == [block.text for block in blocks]
