"""`natprog check`: linter lines, JSON, --fail-on, --text-only, the project file, --add-word."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import DRAFT_2012
from natprog.errors import ExitCode

LINE = re.compile(r"^(?P<file>.+?):(?P<location>.+?): (?P<severity>error|warning|info) "
                  r"(?P<code>[a-z_]+\.[a-z_]+): (?P<message>.+?)(?: \(→ (?P<suggestion>.+)\))?$")  # fmt: skip
CLEAN = Path(__file__).resolve().parent / "data" / "clean" / "motives-2013.txt"


@pytest.fixture(autouse=True)
def _no_project_file(tmp_path, monkeypatch):
    """Run every test in an empty folder: no natprog.toml of the developer's leaks in."""
    monkeypatch.chdir(tmp_path)


def _lines(out: str) -> list[dict]:
    parsed = [LINE.match(line) for line in out.splitlines()]
    assert all(parsed), [line for line, m in zip(out.splitlines(), parsed, strict=True) if not m]
    return [m.groupdict() for m in parsed]


def test_docx_findings_are_linter_lines_with_structure(run_cli):
    result = run_cli("check", DRAFT_2012["docx"])
    assert result.code == ExitCode.FINDINGS  # numbering gaps are errors
    lines = _lines(result.out)
    assert {"file": str(DRAFT_2012["docx"]),
            "location": "Раздел III, Дейност 4, Финансиране, „От бюдцета на НКБТХ, средства по…“ (paragraph 274)",
            "severity": "warning", "code": "spelling.unknown_word",
            "message": "непозната дума „бюдцета“; в документа „бюджета“ се среща 25 пъти",
            "suggestion": "бюджета"} in lines  # fmt: skip
    assert "findings (3 errors" in result.err


def test_pdf_locations_are_pages(run_cli):
    lines = _lines(run_cli("check", DRAFT_2012["pdf"]).out)
    gap = next(line for line in lines if line["code"] == "numbering.gap")
    assert re.fullmatch(
        r"Раздел I, Дейност 4, Наименование на дейността, „Дейност 4“ \(page \d+\)",
        gap["location"],
    )


def test_fail_on_sets_the_exit_code(run_cli, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("Текст с  два интервала.\n", encoding="utf-8")  # one info finding
    assert run_cli("check", "--text-only", note).code == ExitCode.OK
    assert run_cli("check", "--text-only", "--fail-on", "warning", note).code == ExitCode.OK
    note.write_text("Текст с грешкка.\n", encoding="utf-8")  # one warning
    assert run_cli("check", "--text-only", note).code == ExitCode.OK
    assert run_cli("check", "--text-only", "--fail-on", "warning", note).code == ExitCode.FINDINGS
    assert run_cli("check", DRAFT_2012["txt"], "--fail-on", "never").code == ExitCode.OK


def test_json_format(run_cli):
    result = run_cli("check", "--format", "json", DRAFT_2012["txt"])
    data = json.loads(result.out)
    assert data["exit_code"] == result.code == ExitCode.FINDINGS
    assert data["files"][0]["file"] == str(DRAFT_2012["txt"])
    typo = next(f for f in data["findings"] if f["text"] == "бюдцета")
    assert typo["suggestion"] == "бюджета" and typo["suggestions"][0] == "бюджета"
    assert typo["location_text"] == (
        "Раздел III, Дейност 4, Финансиране, „От бюдцета на НКБТХ, средства по…“ (line 438)"
    )
    assert typo["context"][typo["start"] : typo["end"]] == "бюдцета"
    assert {f["file"] for f in data["findings"]} == {str(DRAFT_2012["txt"])}


def test_text_only_proofreads_any_document(run_cli, tmp_path):
    result = run_cli("check", "--text-only", CLEAN)
    assert result.code == ExitCode.OK and result.out == ""
    report = tmp_path / "доклад.txt"
    report.write_text("Доклад\n\nПроведени бяха обучения на на служители и ефктивно...\n", "utf-8")
    lines = _lines(run_cli("check", "--text-only", report).out)
    assert [(line["location"], line["code"]) for line in lines] == [
        ("„Проведени бяха обучения на на служители и ефктивно...“ (line 3)", "text.repeated_word"),
        ("„…обучения на на служители и ефктивно...“ (line 3)", "spelling.unknown_word"),
    ]


def test_a_document_without_programme_points_at_text_only(run_cli):
    result = run_cli("check", CLEAN)
    assert result.code == ExitCode.NOT_PROGRAMME
    assert "natprog check --text-only" in result.err


def test_one_bad_file_does_not_stop_the_others(run_cli, tmp_path):
    result = run_cli("check", "--text-only", tmp_path / "missing.docx", CLEAN)
    assert result.code == ExitCode.UNREADABLE
    assert "no such file" in result.err and "motives-2013.txt: 0 findings" in result.err


def test_no_files_is_a_usage_error(run_cli):
    assert run_cli("check").code == ExitCode.USAGE


def test_add_word_then_accept_it(run_cli, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("Проектът Трафикинфо и трафикинфо.\n", encoding="utf-8")
    before = _lines(run_cli("check", "--text-only", note).out)
    assert [line["message"] for line in before] == ["непозната дума „трафикинфо“"]
    result = run_cli("check", "--add-word", "Трафикинфо")
    assert result.code == ExitCode.OK and "added Трафикинфо" in result.err
    assert 'words = [\n    "Трафикинфо",\n]' in (tmp_path / "natprog.toml").read_text("utf-8")
    assert run_cli("check", "--text-only", note).out == ""
    again = run_cli("check", "--add-word", "Трафикинфо")
    assert "already accepted" in again.err


def test_add_word_keeps_the_rest_of_the_project_file(run_cli, tmp_path):
    config = tmp_path / "custom.toml"
    original = '# ours\ndisable = ["text.spacing"]\n\n[accept]\nwords = ["едно"]  # kept\n'
    config.write_text(original, encoding="utf-8")
    result = run_cli("check", "--config", config, "--add-word", "две")
    assert result.code == ExitCode.OK
    text = config.read_text("utf-8")
    assert text.startswith('# ours\ndisable = ["text.spacing"]\n') and "# kept" in text
    import tomllib

    assert tomllib.loads(text)["accept"]["words"] == ["едно", "две"]
    assert not (tmp_path / "natprog.toml").exists()


def test_project_file_sets_severities_and_disables(run_cli, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("Текст с грешкка и  два интервала на на края.\n", encoding="utf-8")
    # `text.spacing` unquoted is a nested table in TOML; it means the same as the quoted code.
    (tmp_path / "natprog.toml").write_text(
        'disable = ["text.repeated_word"]\n\n[severity]\n"spelling.unknown_word" = "error"\n'
        'text.spacing = "warning"\n',
        encoding="utf-8",
    )
    result = run_cli("check", "--text-only", note)
    found = {(line["code"], line["severity"]) for line in _lines(result.out)}
    assert found == {("spelling.unknown_word", "error"), ("text.spacing", "warning")}
    assert result.code == ExitCode.FINDINGS


def test_a_typo_in_the_project_file_is_refused(run_cli, tmp_path):
    (tmp_path / "natprog.toml").write_text('disable = ["spelling.unknwn"]\n', encoding="utf-8")
    result = run_cli("check", "--text-only", CLEAN)
    assert result.code == ExitCode.USAGE
    assert "unknown finding code(s): spelling.unknwn" in result.err
