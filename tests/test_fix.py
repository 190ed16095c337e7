"""`natprog fix`: confident fixes as tracked changes in `<stem>.corrected.docx`, the rest comments.

Checked by reading the corrected copy back with natprog's own reader: with the changes accepted
the fixed findings are gone and every other character is where it was; with the changes
rejected (the original view) it is the draft. The LibreOffice side (change marks rendered,
accept-all) is in test_fix_libreoffice.py.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
from lxml import etree

from conftest import DRAFT_2012, ROOT
from natprog.emit.annotate import related_part
from natprog.emit.corrections import applied_codes, correct_docx
from natprog.emit.fixes import DEFAULT_APPLY, propose, token_edits
from natprog.errors import ExitCode, UsageError
from natprog.ingest.docx import read_docx
from natprog.ingest.numbering import Numbering
from natprog.ingest.wordxml import WordWalker, read_styles
from natprog.options import FixOptions, Options
from natprog.project import load_config, options_from_config
from natprog.run import process

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
DATE = "2026-01-02T03:04:05Z"
FIXTURES = ROOT / "tests" / "fixtures"
# Findings about the document as a whole: the corrected copy has tracked changes and comments
# of its own, so these change by design.
_ABOUT_THE_FILE = ("document.tracked_changes", "document.comments")


def corrected(path: Path, options: Options | None = None, **fix):
    """(result of the draft, corrected bytes, outcomes) with the given fix options."""
    result = process(path, options or Options())
    data = result.to_dict()
    raw, outcomes = correct_docx(
        path.read_bytes(), data, FixOptions(**fix), result.options.revisions, date=DATE
    )
    return result, data, raw, outcomes


def blocks(raw: bytes, revisions: str, text_only: bool = False):
    return read_docx(raw, "x.docx", Options(revisions=revisions, text_only=text_only)).blocks


def key(finding) -> tuple:
    if isinstance(finding, dict):
        return finding["code"], finding["text"], finding["location"]["paragraph"]
    return finding.code, finding.text, finding.location.paragraph


@pytest.fixture(scope="module")
def fixed_2012():
    return corrected(DRAFT_2012["docx"])


# -- the fixes themselves ------------------------------------------------------------------


def test_token_edits_touch_only_what_differs():
    assert token_edits("МТСП  и", "МТСП и") == [(5, 6, "")]
    assert token_edits("брошури,брой", "брошури, брой") == [(8, 8, " ")]
    assert token_edits("от бюдцета на", "от бюджета на") == [(3, 10, "бюджета")]
    assert token_edits("на на", "на") == [(2, 5, "")]
    assert token_edits("Повишено  информираност", "Повишена информираност") == [
        (0, 8, "Повишена"),
        (9, 10, ""),
    ]


def _spelling(word: str, suggestions: list[str], signals: tuple[str, ...] = ()) -> dict:
    return {
        "code": "spelling.unknown_word",
        "text": word,
        "suggestion": suggestions[0],
        "suggestions": suggestions,
        "signals": list(signals),
        "message": "",
    }


def test_spelling_is_sure_only_without_an_equally_close_rival():
    sure = propose(_spelling("ситуция", ["ситуация", "сития"]), {})
    tie = propose(_spelling("обласно", ["огласно", "областно"]), {})
    backed = propose(_spelling("средсва", ["средства", "сресва"], ("document-usage",)), {})
    threshold = FixOptions().min_confidence
    assert sure.replacement == "ситуация" and sure.confidence >= threshold
    assert tie.confidence < threshold  # `огласно` would change the meaning
    assert backed.replacement == "средства" and backed.confidence >= threshold


def test_advice_is_not_a_replacement(fixed_2012):
    _, data, _, outcomes = fixed_2012
    for finding, outcome in zip(data["findings"], outcomes, strict=True):
        if finding["code"] == "numbering.gap":  # 2, 4, 5: a missing activity or a typo
            assert not outcome.tracked and outcome.reason == "no-fix"
        if finding["code"] == "label.variant":  # another word for the label: not applied
            assert not outcome.tracked and outcome.reason == "not-applied"


# -- the 2012 draft --------------------------------------------------------------------------


def test_2012_fixes_become_changes_and_the_rest_comments(fixed_2012):
    _, data, raw, outcomes = fixed_2012
    tracked = [o for o in outcomes if o.tracked]
    codes = Counter(data["findings"][o.finding]["code"] for o in tracked)
    assert codes["text.spacing"] == 15 and codes["grammar.agreement"] == 6
    assert codes["spelling.unknown_word"] >= 14 and codes["script.mixed"] == 1
    assert {data["findings"][o.finding]["code"] for o in tracked} <= set(DEFAULT_APPLY)
    word = docx.Document(io.BytesIO(raw))
    ours = [c for c in word.comments if c.author == "natprog"]
    hosts = [o for o in tracked if o.edits]  # the others are settled by a wider change
    assert len(ours) == len(hosts) + sum(1 for o in outcomes if not o.tracked)
    messages = "\n".join(c.text for c in ours)
    assert all(finding["message"] in messages for finding in data["findings"])


def walked(raw: bytes, revisions: str = "accepted") -> dict[int, str]:
    """Paragraph number -> text, as natprog's walker reads the DOCX."""
    word = docx.Document(io.BytesIO(raw))
    styles = read_styles(related_part(word, "styles"))
    numbering = Numbering(related_part(word, "numbering"), styles)
    walker = WordWalker(numbering, styles, revisions)
    return {p.index: p.text for p in walker.walk(word.element.body)}


def edited(texts: dict[int, str], outcomes) -> dict[int, str]:
    """The paragraphs' texts with every tracked change of `outcomes` made."""
    texts = dict(texts)
    edits = sorted((e for o in outcomes for e in o.edits), key=lambda e: -e.start)
    for edit in edits:
        text = texts[edit.paragraph]
        texts[edit.paragraph] = text[: edit.start] + edit.text + text[edit.end :]
    return texts


def test_2012_accepted_view_has_the_fixes_and_nothing_else(fixed_2012):
    result, data, raw, outcomes = fixed_2012
    accepted = read_docx(raw, "x.docx", Options(revisions="accepted"))
    expected = edited(walked(DRAFT_2012["docx"].read_bytes()), outcomes)
    assert walked(raw) == expected
    before, after = result.document.blocks, accepted.blocks
    assert len(after) == len(before)
    for old, new in zip(before, after, strict=True):  # tables, numbering and styles as they were
        assert (new.prov.table, new.prov.row, new.prov.cell, new.prov.paragraph) == (
            old.prov.table,
            old.prov.row,
            old.prov.cell,
            old.prov.paragraph,
        )
        assert (new.list_label, new.style, new.bold) == (old.list_label, old.style, old.bold)

    again = process_bytes(raw, Options(revisions="accepted"))
    remaining = Counter(key(f) for f in again.findings if f.code not in _ABOUT_THE_FILE)
    for finding, outcome in zip(data["findings"], outcomes, strict=True):
        if outcome.tracked:
            assert remaining[key(finding)] == 0, finding
    kept = Counter(key(f) for f, o in zip(data["findings"], outcomes, strict=True) if not o.tracked)
    assert kept == remaining


def process_bytes(raw: bytes, options: Options):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "corrected.docx"
        path.write_bytes(raw)
        return process(path, options)


def test_2012_original_view_is_the_draft(fixed_2012):
    result, _, raw, _ = fixed_2012
    assert [b.text for b in blocks(raw, "original")] == [b.text for b in result.document.blocks]


def _revisions(raw: bytes, author: str | None = None) -> list[etree._Element]:
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(raw)).read("word/document.xml"))
    marks = root.iter(W + "ins", W + "del")
    return [m for m in marks if author is None or m.get(W + "author") == author]


def test_changes_are_dated_authored_and_keep_the_formatting(fixed_2012):
    _, _, raw, outcomes = fixed_2012
    marks = _revisions(raw, "natprog")
    assert marks and all(m.get(W + "date") == DATE for m in marks)
    ids = [m.get(W + "id") for m in _revisions(raw)]
    assert len(ids) == len(set(ids))
    deleted = "".join(t.text for m in marks if m.tag == W + "del" for t in m.iter(W + "delText"))
    inserted = "".join(t.text for m in marks if m.tag == W + "ins" for t in m.iter(W + "t"))
    wrong = "".join(w for o in outcomes for w, _ in o.changes)
    right = "".join(r for o in outcomes for _, r in o.changes)
    assert Counter(deleted) == Counter(wrong) and Counter(inserted) == Counter(right)
    for mark in marks:
        if mark.tag == W + "ins" and mark.getprevious() is not None:
            before = mark.getprevious()
            if before.tag == W + "del":
                model = before.find(W + "r/" + W + "rPr")
                mine = mark.find(W + "r/" + W + "rPr")
                assert (model is None) == (mine is None)
                if model is not None:
                    assert etree.tostring(model) == etree.tostring(mine)
        if mark.tag == W + "del":
            assert not list(mark.iter(W + "t")), "deleted runs hold w:delText only"


@pytest.mark.slow
def test_same_input_same_bytes(fixed_2012):
    _, _, raw, _ = fixed_2012
    assert corrected(DRAFT_2012["docx"])[2] == raw


# -- options ---------------------------------------------------------------------------------


def test_apply_and_confidence_choose_the_changes():
    _, data, _, outcomes = corrected(DRAFT_2012["docx"], apply=("text",), min_confidence=0.99)
    tracked = {data["findings"][o.finding]["code"] for o in outcomes if o.tracked}
    assert tracked == {"text.spacing"}
    reasons = {o.reason for o in outcomes if not o.tracked}
    assert reasons == {"not-applied"}
    with pytest.raises(UsageError, match="cannot become a tracked change"):
        applied_codes(FixOptions(apply=("abbreviation.undefined",)))


def test_project_file_sets_the_fix_options(tmp_path):
    config = tmp_path / "natprog.toml"
    config.write_text('[fix]\napply = ["spelling", "text.spacing"]\nmin_confidence = 0.9\n')
    options = options_from_config(load_config(config), path=config)
    assert options.fix == FixOptions(("spelling", "text.spacing"), 0.9)
    config.write_text("[fix]\nconfidence = 0.9\n")
    with pytest.raises(UsageError, match=r"\[fix\] takes apply"):
        options_from_config(load_config(config), path=config)


def test_cli_writes_the_corrected_copy_and_the_report(run_cli, tmp_path):
    result = run_cli("fix", DRAFT_2012["docx"], "-o", tmp_path, "--apply", "text.spacing")
    assert result.code == 0, result.err
    assert re.search(r"15 tracked changes, 53 comments", result.err)
    assert (tmp_path / "np2012-draft.corrected.docx").is_file()
    report = (tmp_path / "np2012-draft.report.html").read_text(encoding="utf-8")
    assert report.count('class="badge tracked"') == 15
    assert "15 от 68 забележки са поправени" in report


def test_cli_refuses_a_pdf_and_writes_nothing(run_cli, tmp_path):
    result = run_cli("fix", DRAFT_2012["pdf"], "-o", tmp_path)
    assert result.code == int(ExitCode.UNSUPPORTED)
    assert "natprog fix writes tracked changes into Word files" in result.err
    assert result.err.count("\n") == 1 and not list(tmp_path.iterdir())
    result = run_cli("fix", DRAFT_2012["docx"], "-o", tmp_path, "--apply", "nonsense")
    assert result.code == int(ExitCode.USAGE) and not list(tmp_path.iterdir())


# -- what is never touched ---------------------------------------------------------------------


def _xml(fragment: str) -> list[etree._Element]:
    wrapper = etree.fromstring(
        f'<w:body xmlns:w="{W_NS}" xmlns:r="http://schemas.openxmlformats.org/'
        f'officeDocument/2006/relationships">{fragment}</w:body>'
    )
    return list(wrapper)


def _run(text: str) -> str:
    return f'<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def build_untouchables(path: Path) -> Path:
    """Double spaces in plain text, a field result, an existing insertion, a hyperlink's text
    and a content control; only the plain one and the hyperlink's text may change."""
    document = docx.Document()
    rel = document.part.relate_to(
        "https://example.org/a  b", docx.opc.constants.RELATIONSHIP_TYPE.HYPERLINK, True
    )
    paragraphs = [
        _run("Обикновен текст  с два интервала."),
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> REF  x </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + _run("Резултат на  поле.")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        '<w:ins w:id="901" w:author="Рецензент" w:date="2012-03-01T10:00:00Z">'
        + _run("Вмъкнат от  рецензент текст.")
        + "</w:ins>",
        f'<w:hyperlink r:id="{rel}">' + _run("Текст на  връзка.") + "</w:hyperlink>",
        '<w:sdt><w:sdtPr><w:tag w:val="етикет  с два"/></w:sdtPr><w:sdtContent>'
        + _run("Поле за  попълване.")
        + "</w:sdtContent></w:sdt>",
    ]
    body = document.element.body
    for content in paragraphs:
        for element in _xml(f"<w:p>{content}</w:p>"):
            body.insert(len(body) - 1, element)
    document.save(path)
    return path


def test_never_in_a_field_or_an_existing_revision(tmp_path):
    path = build_untouchables(tmp_path / "untouchables.docx")
    result, data, raw, outcomes = corrected(path, Options(text_only=True))
    by_text = {data["findings"][o.finding]["text"]: o for o in outcomes}
    assert by_text["текст  с"].tracked
    assert by_text["на  връзка."].tracked  # the link's text; its target is not text
    assert by_text["за  попълване."].tracked  # the control's content; its tag is not text
    assert (by_text["на  поле."].tracked, by_text["на  поле."].reason) == (False, "field")
    assert (by_text["от  рецензент"].reason, by_text["от  рецензент"].tracked) == (
        "revision",
        False,
    )
    document = etree.fromstring(zipfile.ZipFile(io.BytesIO(raw)).read("word/document.xml"))
    assert document.find(f".//{W}tag").get(W + "val") == "етикет  с два"
    assert " REF  x " in "".join(t.text for t in document.iter(W + "instrText"))
    rels = zipfile.ZipFile(io.BytesIO(raw)).read("word/_rels/document.xml.rels").decode()
    assert "https://example.org/a  b" in rels
    texts = [b.text for b in blocks(raw, "accepted", text_only=True)]
    assert texts[0] == "Обикновен текст с два интервала."
    assert texts[3] == "Текст на връзка."


# -- drafts that already have tracked changes and comments ---------------------------------


def _existing_revisions(raw: bytes) -> Counter:
    """Every revision that is not natprog's: kind, author, date and the text it holds."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(raw)).read("word/document.xml"))
    kinds = ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "trPrChange")
    found: Counter = Counter()
    for element in root.iter(*(W + k for k in kinds)):
        if element.get(W + "author") == "natprog":
            continue
        text = "".join(t.text or "" for t in element.iter(W + "t", W + "delText"))
        kind = etree.QName(element).localname
        # A run split for a comment keeps its formatting change in each part: count it once.
        found[(kind, element.get(W + "author"), element.get(W + "date"), text)] = 1
    return found


def _existing_comments(raw: bytes) -> dict[str, tuple[str, str, str]]:
    """Comments not by natprog: id -> (author, text, anchored text in the original view)."""
    word = docx.Document(io.BytesIO(raw))
    walker = WordWalker(revisions="original")
    list(walker.walk(word.element.body))
    return {
        str(c.comment_id): (
            c.author,
            c.text,
            "".join(walker.comment_text.get(str(c.comment_id), [])),
        )
        for c in word.comments
        if c.author != "natprog"
    }


@pytest.mark.parametrize("name", ["np2012-tracked.docx", "comments.docx", "revisions.docx"])
def test_existing_changes_and_comments_are_kept(name):
    path = FIXTURES / name
    result, _, raw, outcomes = corrected(path)
    original = path.read_bytes()
    assert _existing_revisions(raw) == _existing_revisions(original)
    assert _existing_comments(raw) == _existing_comments(original)
    assert [b.text for b in blocks(raw, "original")] == [
        b.text for b in blocks(original, "original")
    ]
    if name == "np2012-tracked.docx":
        assert sum(o.tracked for o in outcomes) > 20
        assert any(o.reason == "revision" for o in outcomes)
        assert not any(
            m.getparent().tag in (W + "ins", W + "del") for m in _revisions(raw, "natprog")
        )


def build_reviewed(path: Path) -> Path:
    """np2012-tracked.docx with a reviewer's comment on every paragraph natprog will change."""
    source = FIXTURES / "np2012-tracked.docx"
    _, _, _, outcomes = corrected(source)
    wrong = {w.strip() for o in outcomes for w, _ in o.changes if w.strip()}
    word = docx.Document(source)
    body = word.element.body
    commented = 0
    for element in list(body.iter(W + "p")):
        paragraph = docx.text.paragraph.Paragraph(element, word._body)
        runs = paragraph.runs
        if runs and any(w in "".join(r.text for r in runs) for w in wrong):
            word.add_comment(runs, text=f"Бележка {commented}", author="Рецензент", initials="Р")
            commented += 1
    assert commented >= 10
    word.save(path)
    return path


@pytest.mark.slow
def test_changes_inside_a_reviewers_comment_keep_it(tmp_path):
    path = build_reviewed(tmp_path / "reviewed.docx")
    _, _, raw, outcomes = corrected(path)
    original = path.read_bytes()
    assert sum(o.tracked for o in outcomes) > 20
    assert _existing_revisions(raw) == _existing_revisions(original)
    comments = _existing_comments(original)
    assert len(comments) >= 10 and _existing_comments(raw) == comments


def test_any_word_document_with_text_only(run_cli, tmp_path):
    path = build_untouchables(tmp_path / "letter.docx")
    result = run_cli("fix", path, "-o", tmp_path / "out")
    assert result.code == int(ExitCode.NOT_PROGRAMME)
    assert "natprog fix --text-only FILE" in result.err and not (tmp_path / "out").exists()
    result = run_cli("fix", "--text-only", path, "-o", tmp_path / "out")
    assert result.code == 0 and "3 tracked changes" in result.err


def test_a_failed_report_keeps_the_previous_pair(run_cli, tmp_path, monkeypatch):
    """The corrected copy and its report are staged and moved in together: when the report
    cannot be written, the previous run's pair stays as it was, with nothing left beside it."""
    import errno
    import os

    import natprog.emit.atomic as atomic

    out = tmp_path / "out"
    assert run_cli("fix", DRAFT_2012["docx"], "-o", out).code in (0, 1)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (out / "np2012-draft.report.html").write_text("old report", encoding="utf-8")
    before["np2012-draft.report.html"] = b"old report"
    real = atomic.write_text

    def full(path, text, *args, **kwargs):
        if str(path).endswith(".report.html"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(path, text, *args, **kwargs)

    monkeypatch.setattr(atomic, "write_text", full)
    result = run_cli("fix", DRAFT_2012["docx"], "-o", out)
    assert result.code == int(ExitCode.CANNOT_WRITE) and "No space left on device" in result.err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
