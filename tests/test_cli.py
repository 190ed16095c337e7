"""The command line: help, version, outputs, and one-line errors with distinct exit codes."""

from __future__ import annotations

from conftest import DRAFT_2012
from natprog import __version__
from natprog.errors import ExitCode


def test_version(run_cli):
    result = run_cli("--version")
    assert result.code == 0 and __version__ in result.out


def test_help_lists_commands(run_cli):
    result = run_cli("--help")
    assert result.code == 0 and "extract" in result.out


def test_extract_writes_three_outputs(run_cli, tmp_path, draft_copy):
    source = draft_copy("docx", "проект 2012 г.docx")
    result = run_cli("extract", source, "-o", tmp_path / "out")
    assert result.code == 0, result.err
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert {"проект 2012 г.json", "проект 2012 г.xlsx", "проект 2012 г.activities.csv"} <= set(
        names
    )


def test_missing_file_is_one_line(run_cli, tmp_path):
    result = run_cli("extract", tmp_path / "nope.docx", "-o", tmp_path / "out")
    assert result.code == ExitCode.UNREADABLE
    assert result.err.strip().count("\n") == 0
    assert "no such file" in result.err and "Traceback" not in result.err
    assert not (tmp_path / "out").exists()


def test_unknown_option_is_a_usage_error(run_cli):
    result = run_cli("extract", "--no-such-option", str(DRAFT_2012["txt"]))
    assert result.code == ExitCode.USAGE
    assert "no such option" in result.err.lower()


def test_one_bad_file_does_not_stop_the_others(run_cli, tmp_path, draft_copy):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 broken")
    good = draft_copy("txt")
    result = run_cli("extract", bad, good, "-o", tmp_path / "out")
    assert result.code == ExitCode.UNREADABLE
    assert (tmp_path / "out" / "np2012-draft.json").exists()
    assert not (tmp_path / "out" / "bad.json").exists()


def test_the_installed_command_writes_what_the_library_writes(run_cli, tmp_path):
    """`python -m natprog` (spaCy in a helper process, preloading, a fast exit) changes nothing."""
    import subprocess
    import sys

    from conftest import ROOT

    standalone, in_process = tmp_path / "standalone", tmp_path / "in-process"
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "natprog",
            "extract",
            str(DRAFT_2012["docx"]),
            "-o",
            str(standalone),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert run_cli("extract", DRAFT_2012["docx"], "-o", in_process).code == 0
    names = sorted(p.name for p in standalone.iterdir())
    assert names == sorted(p.name for p in in_process.iterdir()) and len(names) >= 7
    for name in names:
        assert (standalone / name).read_bytes() == (in_process / name).read_bytes(), name


def test_a_broken_project_file_is_a_usage_error_that_says_what_to_fix(run_cli, tmp_path):
    config = tmp_path / "natprog.toml"
    config.write_text("[severity\n", encoding="utf-8")
    result = run_cli("extract", DRAFT_2012["txt"], "-o", tmp_path / "out", "--config", config)
    assert result.code == ExitCode.USAGE
    assert "not valid TOML" in result.err and "fix the line it names" in result.err
    assert not (tmp_path / "out").exists()

    config.write_text('severties = {"text.spacing" = "error"}\n', encoding="utf-8")
    result = run_cli("extract", DRAFT_2012["txt"], "-o", tmp_path / "out", "--config", config)
    assert result.code == ExitCode.USAGE
    assert "unknown setting(s): severties; known: accept, disable" in result.err
