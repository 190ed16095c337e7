"""The findings core: one table of rules, one exit-code rule, options checked when built, and
stages that hand on new artefacts instead of changing what they were given."""

from __future__ import annotations

import copy
import re
import shutil

import pytest

from conftest import DRAFT_2012, ROOT
from natprog.errors import ConfigError, ExitCode, UsageError
from natprog.findings import RULES, Outcome, Report
from natprog.options import Limits, Options
from natprog.project import options_from_config, rule_table

README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCUMENTED = re.findall(r"^\| `([a-z_]+\.[a-z_]+)` \|", README, flags=re.MULTILINE)


def test_the_readme_code_table_lists_every_rule_and_nothing_else():
    assert sorted(DOCUMENTED) == sorted(rule_table())


@pytest.mark.parametrize("code", DOCUMENTED)
def test_the_project_file_accepts_every_documented_code(code, tmp_path):
    options = options_from_config({"disable": [code], "severity": {code: "info"}})
    assert code in options.disabled and options.severities[code] == "info"


def test_the_project_file_refuses_an_unknown_code_and_says_where_to_look():
    with pytest.raises(ConfigError, match=r"unknown finding code\(s\): spelling\.unknwn_word"):
        options_from_config({"disable": ["spelling.unknwn_word"]})


def test_options_are_checked_when_built():
    with pytest.raises(UsageError, match="pdf_engine must be one of auto, pdfplumber, pdfium"):
        Options(pdf_engine="pdfiumm")  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="revisions"):
        Options(revisions="all")  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="max_pages must be a positive number"):
        Limits(max_pages=0)
    with pytest.raises(UsageError, match="severity"):
        Options(severities={"text.spacing": "fatal"})


def test_report_decides_like_black():
    report = Report("warning")
    report.add(Outcome("a", {"info": 3}))
    assert report.exit_code() == ExitCode.OK
    report.add(Outcome("b", {"warning": 1}))
    assert report.exit_code() == ExitCode.FINDINGS
    report.add_failure("c", ExitCode.NO_TEXT, "no text layer")
    assert report.exit_code() == ExitCode.NO_TEXT
    assert Report("never", [Outcome("d", {"error": 5})]).exit_code() == ExitCode.OK


@pytest.mark.parametrize("fail_on", ["error", "warning", "never"])
def test_extract_check_and_batch_give_the_same_exit_code(fail_on, run_cli, tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    draft = drafts / "np2012.txt"
    shutil.copyfile(DRAFT_2012["txt"], draft)
    extract = run_cli("extract", draft, "-o", tmp_path / "e", "--fail-on", fail_on)
    check = run_cli("check", draft, "--fail-on", fail_on)
    batch = run_cli("batch", drafts, "-o", tmp_path / "b", "--fail-on", fail_on, "--jobs", "1")
    expected = ExitCode.OK if fail_on == "never" else ExitCode.FINDINGS  # the draft has errors
    assert (extract.code, check.code, batch.code) == (expected, expected, expected)


def test_extract_check_and_batch_give_the_same_exit_code_for_a_bad_file(run_cli, tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    bad = drafts / "empty.txt"
    bad.write_bytes(b"")
    codes = {
        run_cli("extract", bad, "-o", tmp_path / "e").code,
        run_cli("check", bad).code,
        run_cli("batch", drafts, "-o", tmp_path / "b", "--jobs", "1").code,
    }
    assert len(codes) == 1 and codes != {ExitCode.OK}


def test_stages_leave_their_inputs_as_they_were():
    from natprog.abbreviations import resolve_abbreviations
    from natprog.ingest import ingest
    from natprog.normalize import normalize
    from natprog.parse import parse

    options = Options()
    document = ingest(DRAFT_2012["docx"], options)
    before = copy.deepcopy([(b.text, b.context, b.prov) for b in document.blocks])
    parsed = parse(document)
    assert [(b.text, b.context, b.prov) for b in document.blocks] == before
    assert all(b.context.section is None and b.context.field is None for b in document.blocks)
    assert any(b.context.activity for b in parsed.blocks)

    def shape(programme):
        return [
            (a.id, [(f.text, f.deadline, f.items) for f in a.fields.values()])
            for a in programme.activities
        ]

    parsed_shape = copy.deepcopy(shape(parsed))
    normalized = normalize(parsed)
    assert normalized is not parsed and shape(parsed) == parsed_shape
    assert all(a.fields["deadline"].deadline is None for a in parsed.activities)
    normalized_shape = copy.deepcopy(shape(normalized))
    resolved = resolve_abbreviations(normalized, options)
    assert resolved is not normalized and normalized.abbreviations is None
    assert shape(normalized) == normalized_shape
    assert resolved.abbreviations is not None


def test_every_registered_rule_has_a_bulgarian_title():
    rule_table()
    for rule in RULES.values():
        assert re.search("[а-яА-Я]", rule.title), rule.code
