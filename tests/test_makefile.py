"""The Makefile's promise: `make` reruns only when a draft, natprog or its configuration changed.

Checked with `make -q` (question mode: nothing is run) on a copy of the project whose outputs
are marked as built, so the test reads the dependency graph, not the pipeline.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time

import pytest

from conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="`make` is not installed")


@pytest.fixture
def project(tmp_path):
    for name in ("Makefile", "pyproject.toml", "abbreviations.csv"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(
        ROOT / "pipeline", tmp_path / "pipeline", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(ROOT / "inputs", tmp_path / "inputs")
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / ".installed").touch()
    (tmp_path / "outputs").mkdir()
    later = time.time() + 5
    for path in (tmp_path / ".venv" / ".installed", tmp_path / "outputs" / "summary.json"):
        path.touch()
        os.utime(path, (later, later))  # newer than everything copied above
    return tmp_path


def up_to_date(project) -> bool:
    completed = subprocess.run(["make", "-q", "all"], cwd=project, capture_output=True, timeout=60)
    assert completed.returncode in (0, 1), completed.stderr
    return completed.returncode == 0


def touch_later(path) -> None:
    later = time.time() + 10
    os.utime(path, (later, later))


def test_nothing_to_do_when_nothing_changed(project):
    assert up_to_date(project)


@pytest.mark.parametrize(
    "changed",
    [
        "inputs/np2012-draft.docx",
        "pipeline/checks/spelling.py",
        "abbreviations.csv",
        "pipeline/templates/report.css",
    ],
)
def test_a_changed_draft_source_or_glossary_triggers_a_run(project, changed):
    touch_later(project / changed)
    assert not up_to_date(project)


def test_a_new_draft_with_spaces_in_its_name_triggers_a_run(project):
    shutil.copy(project / "inputs" / "np2012-draft.txt", project / "inputs" / "проект 2013 г.txt")
    touch_later(project / "inputs")
    assert not up_to_date(project)


def test_make_db_waits_for_a_changed_draft(project):
    database = project / "outputs" / "programmes.sqlite"
    database.touch()
    later = time.time() + 5
    os.utime(database, (later, later))

    def db_up_to_date() -> bool:
        done = subprocess.run(["make", "-q", "db"], cwd=project, capture_output=True, timeout=60)
        assert done.returncode in (0, 1), done.stderr
        return done.returncode == 0

    assert db_up_to_date()
    touch_later(project / "inputs" / "np2012-draft.txt")
    assert not db_up_to_date()
