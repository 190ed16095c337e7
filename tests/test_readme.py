"""Docs that cannot drift: every CLI command is in the README with its help text."""

from __future__ import annotations

import re

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
