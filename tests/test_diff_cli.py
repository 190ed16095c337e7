"""`natprog diff` from the command line: files written, JSON inputs, exit codes, golden outputs."""

from __future__ import annotations

import json
import re

import pytest
from diff_fixtures import next_year
from test_golden import _compare

from conftest import DRAFT_2012, GOLDEN, ROOT, UPDATE_GOLDEN
from natprog.errors import ExitCode

CASE = GOLDEN / "diff-2012-2013"
OUTPUTS = ("diff.json", "diff.xlsx", "diff.html")


@pytest.fixture(scope="module")
def new_draft(tmp_path_factory):
    """The 2013 version of the 2012 draft; kept beside the golden outputs for review."""
    text, _ = next_year(DRAFT_2012["txt"].read_text(encoding="utf-8"))
    stored = CASE / "np2013-draft.txt"
    if UPDATE_GOLDEN or not stored.exists():
        stored.parent.mkdir(parents=True, exist_ok=True)
        stored.write_text(text, encoding="utf-8")
    assert stored.read_text(encoding="utf-8") == text, "diff_fixtures changed: UPDATE_GOLDEN=1"
    path = tmp_path_factory.mktemp("drafts") / "np2013-draft.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _json(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_diff_writes_three_files_and_exits_0(run_cli, tmp_path, new_draft):
    result = run_cli("diff", DRAFT_2012["txt"], new_draft, "-o", tmp_path / "out")
    assert result.code == 0, result.err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(OUTPUTS)
    assert "1 new, 1 dropped, 38 changed, 9 unchanged, 10 findings" in result.err
    assert result.out == ""  # messages go to stderr
    data = _json(tmp_path / "out" / "diff.json")
    assert data["kind"] == "natprog-diff" and data["threshold"] == 65.0
    assert (data["old"]["year"], data["new"]["year"]) == (2012, 2013)


def test_outputs_match_golden(run_cli, tmp_path, new_draft):
    result = run_cli("diff", DRAFT_2012["txt"], new_draft, "-o", tmp_path)
    assert result.code == 0, result.err
    for name in ("diff.json", "diff.html"):
        _compare((tmp_path / name).read_text(encoding="utf-8"), CASE / name)


def test_same_inputs_give_the_same_bytes(run_cli, tmp_path, new_draft):
    for out in ("a", "b"):
        assert run_cli("diff", DRAFT_2012["txt"], new_draft, "-o", tmp_path / out).code == 0
    for name in OUTPUTS:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_extraction_json_inputs_give_the_same_diff(run_cli, tmp_path, new_draft):
    """Each side may be the JSON `natprog extract` wrote; the diff is the same, origin aside."""
    assert run_cli("extract", DRAFT_2012["txt"], new_draft, "-o", tmp_path / "x").code == 0
    old_json = tmp_path / "x" / "np2012-draft.json"
    new_json = tmp_path / "x" / "np2013-draft.json"
    runs = {
        "files": (DRAFT_2012["txt"], new_draft),
        "json": (old_json, new_json),
        "mixed": (old_json, new_draft),
    }
    results = {}
    for name, (old, new) in runs.items():
        result = run_cli("diff", old, new, "-o", tmp_path / name)
        assert result.code == 0, result.err
        data = _json(tmp_path / name / "diff.json")
        results[name] = data
    assert results["json"]["old"]["origin"] == "json" == results["mixed"]["old"]["origin"]
    assert results["mixed"]["new"]["origin"] == "draft"
    for data in results.values():
        data["old"].pop("origin"), data["new"].pop("origin")
    assert results["files"] == results["json"] == results["mixed"]


def test_threshold_option(run_cli, tmp_path, new_draft):
    result = run_cli("diff", DRAFT_2012["txt"], new_draft, "-o", tmp_path, "--threshold", "99.5")
    assert result.code == 0, result.err
    data = _json(tmp_path / "diff.json")
    assert data["threshold"] == 99.5 and data["summary"]["added"] == 3


@pytest.mark.parametrize("value", ["101", "-1", "много"])
def test_a_bad_threshold_is_a_usage_error(run_cli, tmp_path, new_draft, value):
    result = run_cli(
        "diff", DRAFT_2012["txt"], new_draft, "-o", tmp_path / "o", "--threshold", value
    )
    assert result.code == ExitCode.USAGE
    assert not (tmp_path / "o").exists()


def test_a_missing_file_is_one_line_and_writes_nothing(run_cli, tmp_path):
    result = run_cli("diff", DRAFT_2012["txt"], tmp_path / "nope.docx", "-o", tmp_path / "o")
    assert result.code == ExitCode.UNREADABLE
    assert result.err.strip().count("\n") == 0 and "no such file" in result.err
    assert "Traceback" not in result.err and not (tmp_path / "o").exists()


def test_a_json_that_is_not_an_extraction_says_what_to_pass(run_cli, tmp_path, new_draft):
    assert run_cli("diff", DRAFT_2012["txt"], new_draft, "-o", tmp_path / "d").code == 0
    result = run_cli("diff", tmp_path / "d" / "diff.json", new_draft, "-o", tmp_path / "o")
    assert result.code == ExitCode.USAGE
    assert "not a natprog extraction" in result.err and "natprog extract" in result.err
    assert result.err.strip().count("\n") == 0 and not (tmp_path / "o").exists()


def test_a_file_that_is_not_a_programme(run_cli, tmp_path):
    notes = tmp_path / "бележки.txt"
    notes.write_text("Списък за пазаруване: хляб, мляко.\n", encoding="utf-8")
    result = run_cli("diff", notes, DRAFT_2012["txt"], "-o", tmp_path / "o")
    assert result.code == ExitCode.NOT_PROGRAMME
    assert not (tmp_path / "o").exists()


def test_readme_documents_the_diff_findings_and_outputs():
    from natprog.diff.findings import RULES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code in RULES:
        assert f"| `{code}` |" in readme, f"finding code {code} missing from the README table"
    for key in ("added", "dropped", "changed", "unchanged", "glossary", "threshold", "spans"):
        assert re.search(rf"`{key}(\[\])?`", readme), f"diff.json key {key} not documented"


def test_an_output_folder_that_cannot_be_made_is_a_usage_error(run_cli, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = run_cli("diff", DRAFT_2012["txt"], DRAFT_2012["txt"], "-o", blocker / "sub")
    assert result.code == ExitCode.USAGE
    assert "cannot write the outputs" in result.err and "Traceback" not in result.err
