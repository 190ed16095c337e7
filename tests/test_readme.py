"""Docs that cannot drift: every CLI command is in the README with its help text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from natprog.cli import cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_documented_with_its_help():
    for name, command in cli.commands.items():
        assert f"### `natprog {name}`" in README, f"README lacks a section for `natprog {name}`"
        help_line = (command.help or "").strip().split("\n")[0]
        assert help_line and help_line in README, f"README lacks the help text of `natprog {name}`"


def test_readme_shows_the_two_setup_commands():
    assert re.search(r"^make\s", README, re.M) and "make test" in README


def test_readme_lists_every_exit_code():
    from natprog.errors import ExitCode

    for code in ExitCode:
        assert re.search(rf"^\| {int(code)} \|", README, re.M), (
            f"exit code {int(code)} missing from README"
        )


def test_readme_lists_every_finding_code():
    from natprog.checks import RULES

    for code in RULES:
        assert f"`{code}`" in README, f"finding code {code} missing from README"


def _readme_commands() -> list[str]:
    """Every `natprog` command line of the README's shell examples, comments stripped."""
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.S):
        for line in block.splitlines():
            # `browse` serves until stopped: tests/test_dataset_browser.py runs it
            if line.startswith(".venv/bin/natprog ") and not line.startswith(
                ".venv/bin/natprog browse "
            ):
                commands.append(re.sub(r"\s+#.*$", "", line).strip())
    return commands


@pytest.mark.slow  # about 25 s: a dozen extractions, checks, two batches and two diffs
def test_every_readme_command_runs_as_written(run_cli, tmp_path, monkeypatch):
    """Each example of the README, run as written in a folder holding the files it names."""
    import glob
    import json
    import shlex
    import shutil

    from conftest import DRAFT_2012, GOLDEN

    commands = _readme_commands()
    assert len(commands) >= 12, commands
    monkeypatch.chdir(tmp_path)
    (tmp_path / "inputs").mkdir()
    (tmp_path / "drafts").mkdir()
    for fmt in ("docx", "pdf"):
        shutil.copyfile(DRAFT_2012[fmt], tmp_path / "inputs" / f"np2012-draft.{fmt}")
    shutil.copyfile(DRAFT_2012["docx"], tmp_path / "drafts" / "np2012.docx")
    shutil.copyfile(DRAFT_2012["pdf"], tmp_path / "drafts" / "np2012-scan.pdf")
    draft_2013 = GOLDEN / "diff-2012-2013" / "np2013-draft.txt"  # read by content, not by name
    for name in ("np2013.docx", "np2013-v2.docx"):
        shutil.copyfile(draft_2013, tmp_path / "drafts" / name)
    shutil.copyfile(DRAFT_2012["docx"], tmp_path / "доклад.docx")
    assert run_cli("extract", "drafts/np2013.docx", "-o", "outputs/v1").code == 0
    for command in commands:
        words = shlex.split(command.removeprefix(".venv/bin/natprog "))
        redirect = None
        if ">" in words:
            words, redirect = words[: words.index(">")], words[words.index(">") + 1]
        args = [match for word in words for match in (sorted(glob.glob(word)) or [word])]
        result = run_cli(*args)
        assert result.code in (0, 1), (command, result.err)  # 1: findings, as documented
        assert "internal error" not in result.err, command
        if redirect:
            Path(redirect).write_text(result.out, encoding="utf-8")
    assert (tmp_path / "outputs" / "2012" / "np2012-draft.xlsx").exists()
    written = sorted(p.name for p in (tmp_path / "outputs" / "all").glob("*.json"))
    assert written == ["datapackage.json", "np2012-scan.json", "np2012.json", "np2013-v2.json",
                       "np2013.json"]  # fmt: skip
    assert json.loads((tmp_path / "findings.json").read_text(encoding="utf-8"))["findings"]
    assert (tmp_path / "abbreviations-2012.csv").read_text(encoding="utf-8").startswith("\ufeff")
    assert (tmp_path / "outputs" / "summary.csv").exists()
    assert (tmp_path / "out" / "summary.csv").exists()
    for folder in ("2012-2013", "v1-v2"):
        assert (tmp_path / "outputs" / folder / "diff.html").exists()
