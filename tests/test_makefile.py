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
    shutil.copytree(ROOT / "tools", tmp_path / "tools")
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / ".installed").touch()
    (tmp_path / "outputs").mkdir()
    (tmp_path / "outputs" / "summary.json").touch()
    # Everything copied a while ago, the last build after it: a change made now is newer.
    now = time.time()
    for path in tmp_path.rglob("*"):
        os.utime(path, (now - 100, now - 100))
    up_to_date(tmp_path)  # make writes its listing of the drafts
    os.utime(tmp_path / "outputs" / ".inputs-listing", (now - 75, now - 75))
    for path in (tmp_path / ".venv" / ".installed", tmp_path / "outputs" / "summary.json"):
        os.utime(path, (now - 50, now - 50))
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
    assert not up_to_date(project)


def _mark_built(project) -> None:
    now = time.time()
    os.utime(project / "outputs" / "summary.json", (now + 20, now + 20))


def test_an_edit_of_a_draft_with_spaces_in_its_name_triggers_a_run(project):
    """`cp` over `inputs/Проект 2013 v2.txt`: make must see it, though it cannot name the file."""
    draft = project / "inputs" / "Проект 2013 v2.txt"
    shutil.copy(project / "inputs" / "np2012-draft.txt", draft)
    up_to_date(project)  # make reads the new listing
    _mark_built(project)
    assert up_to_date(project)
    with draft.open("a", encoding="utf-8") as file:
        file.write("\nРедакция.\n")
    os.utime(draft, (time.time() + 30, time.time() + 30))  # as `cp` would date it, after the build
    assert not up_to_date(project)


def test_a_removed_draft_triggers_a_run(project):
    (project / "inputs" / "np2012-draft.txt").unlink()
    assert not up_to_date(project)


def test_make_prunes_the_outputs_of_removed_drafts():
    """The recipe passes --prune, so outputs of a draft removed from inputs/ go, and are listed."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "$(NATPROG) batch inputs -o outputs --prune" in makefile


def test_make_db_waits_for_a_changed_draft(project):
    later = time.time() + 5
    for name in ("programmes.sqlite", ".programmes-loaded"):
        (project / "outputs" / name).touch()
        os.utime(project / "outputs" / name, (later, later))

    def db_up_to_date() -> bool:
        done = subprocess.run(["make", "-q", "db"], cwd=project, capture_output=True, timeout=60)
        assert done.returncode in (0, 1), done.stderr
        return done.returncode == 0

    assert db_up_to_date()
    touch_later(project / "inputs" / "np2012-draft.txt")
    assert not db_up_to_date()


def test_make_db_rebuilds_a_deleted_database(project):
    later = time.time() + 5
    (project / "outputs" / ".programmes-loaded").touch()
    os.utime(project / "outputs" / ".programmes-loaded", (later, later))
    done = subprocess.run(["make", "-q", "db"], cwd=project, capture_output=True, timeout=60)
    assert done.returncode == 1  # no outputs/programmes.sqlite
