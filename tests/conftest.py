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


@pytest.fixture(scope="session")
def generated_series(tmp_path_factory):
    """Ten drafts (2012–2016, two versions each) generated from the 2012 text, their extraction
    JSON and a dataset loaded from the JSON.

    Built once per test run: pytest-xdist workers share one copy (made under a file lock), so
    the drafts are processed once. Returns (generator, folder of drafts, folder of JSON,
    database); the files are shared, so a test that changes them works on a copy.
    """
    import fcntl

    from dataset_fixtures import generate

    generator = generate(DRAFT_2012["txt"].read_text(encoding="utf-8"))
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, shared by its workers
    root = base / "generated-series"
    root.mkdir(exist_ok=True)
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (root / "done").exists():
            _build_series(generator, root)
            (root / "done").touch()
    return generator, root / "drafts", root / "json", root / "programmes.sqlite"


def _build_series(generator, root: Path) -> None:
    from dataset_fixtures import write_drafts

    from natprog.dataset import load
    from natprog.emit.jsonout import dumps
    from natprog.run import process

    extractions = root / "json"
    extractions.mkdir(exist_ok=True)
    for draft in write_drafts(generator, root / "drafts"):
        data = process(draft).to_dict()
        (extractions / f"{draft.stem}.json").write_text(dumps(data), encoding="utf-8")
    report = load([extractions], root / "programmes.sqlite")
    assert report.exit_code() == 0, [outcome.line() for outcome in report.outcomes]
