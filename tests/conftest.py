"""Shared fixtures: the embedded 2012 draft in its three formats, and an in-process CLI runner."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "inputs"
GOLDEN = Path(__file__).resolve().parent / "golden"
DRAFT_2012 = {fmt: INPUTS / f"np2012-draft.{fmt}" for fmt in ("docx", "pdf", "txt")}
# Regenerate golden files after an intended change: UPDATE_GOLDEN=1 make test
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(capsys):
    """Run `natprog ARGS...` in-process; returns exit code, stdout and stderr."""
    from natprog.cli import main

    def run(*args: str) -> CliResult:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def results_2012():
    """The processed 2012 draft, once per session, for each format."""
    from natprog.run import process

    return {fmt: process(path) for fmt, path in DRAFT_2012.items()}


@pytest.fixture
def draft_copy(tmp_path):
    """Copy an embedded input to a temporary folder (tests must never touch inputs/)."""

    def copy(fmt: str, name: str | None = None) -> Path:
        target = tmp_path / (name or DRAFT_2012[fmt].name)
        shutil.copyfile(DRAFT_2012[fmt], target)
        return target

    return copy
