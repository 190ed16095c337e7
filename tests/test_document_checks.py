"""document.tracked_changes and document.comments: what a draft going to adoption should not carry."""

from __future__ import annotations

from test_layouts import FIXTURES

from conftest import DRAFT_2012
from natprog.options import Options
from natprog.run import process


def _document_findings(name: str, options: Options | None = None):
    findings = process(FIXTURES / name, options).findings
    return [f for f in findings if f.code.startswith("document.")]


def test_tracked_changes_finding():
    (finding,) = _document_findings("revisions.docx")
    assert finding.code == "document.tracked_changes"
    assert finding.severity == "warning"
    assert finding.message == (
        "проектът все още съдържа проследени промени: 6 вмъквания, 5 изтривания, "
        "1 преместване, 2 промени на форматирането (автори: Иван, Мария); "
        "текстът е прочетен с приети промени"
    )
    assert finding.text == "Иван, Мария"


def test_tracked_changes_finding_says_which_view_was_read():
    findings = _document_findings("revisions.docx", Options(revisions="original"))
    assert findings[0].message.endswith("текстът е прочетен без промените (първоначалния вариант)")


def test_comment_findings_point_at_the_commented_text():
    findings = _document_findings("comments.docx")
    assert [(f.code, f.severity) for f in findings] == [("document.comments", "info")] * 3
    assert [f.message for f in findings] == [
        "коментар от Мария Иванова към „Кампания в училищата“: Да се уточни кои училища.",
        "коментар от Иван Петров към „Декември 2012“: Срокът е нереалистичен. Предлагам юни.",
        "коментар от Мария Иванова към „Информирани ученици и учители“: Колко?",
    ]
    first, second, third = findings
    assert (first.location.activity, first.location.field) == ("I.1", "title")
    assert (second.location.field, second.text, second.context) == (
        "deadline",
        "Декември 2012",
        "— Декември 2012",
    )
    assert second.context[second.start : second.end] == "Декември 2012"
    assert third.location.field == "expected_results" and third.text == "Информирани ученици"


def test_severity_and_switches_apply():
    options = Options(
        severities={"document.tracked_changes": "error"}, disabled=frozenset({"document.comments"})
    )
    assert [(f.code, f.severity) for f in _document_findings("np2012-tracked.docx", options)] == [
        ("document.tracked_changes", "error")
    ]


def test_clean_drafts_have_no_document_findings():
    for path in DRAFT_2012.values():
        assert not [f for f in process(path).findings if f.code.startswith("document.")]


def test_cli_reads_either_view_and_reports_both_in_json(run_cli, tmp_path):
    import json

    for view in ("accepted", "original"):
        out = tmp_path / view
        result = run_cli("extract", FIXTURES / "revisions.docx", "-o", out, "--revisions", view)
        assert result.code == 0, result.err
        data = json.loads((out / "revisions.json").read_text(encoding="utf-8"))
        assert data["document"]["tracked_changes"] == {
            "insertions": 6,
            "deletions": 5,
            "moves": 1,
            "formatting": 2,
            "total": 14,
            "authors": ["Иван", "Мария"],
        }
        title = data["activities"][0]["title"]
        expected = (
            "Кампания за превенция в училищата" if view == "accepted" else "Кампания за борба"
        )
        assert title.startswith(expected)
        codes = [f["code"] for f in data["findings"]]
        assert codes.count("document.tracked_changes") == 1


def test_comments_in_json(run_cli, tmp_path):
    import json

    result = run_cli("extract", FIXTURES / "comments.docx", "-o", tmp_path)
    assert result.code == 0, result.err
    data = json.loads((tmp_path / "comments.json").read_text(encoding="utf-8"))
    assert [(c["author"], c["anchor_text"], c["text"]) for c in data["document"]["comments"]] == [
        ("Мария Иванова", "Кампания в училищата", "Да се уточни кои училища."),
        ("Иван Петров", "Декември 2012", "Срокът е нереалистичен.\nПредлагам юни."),
        ("Мария Иванова", "Информирани ученици\nи учители", "Колко?"),
    ]
    assert data["document"]["comments"][0]["source"]["paragraph"] == 9
