"""Outputs replaced as one unit (issue 19): whatever kills a run, the folder holds the old set or
the new set, the next run removes the staging folders of dead runs (never a live run's), and a
batch summary matches what is on disk.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from programme_text import Sec, acts, programme

from conftest import DRAFT_2012
from natprog.emit import staging


def consistent(folder: Path) -> bool:
    """The folder's datapackage.json describes the CSVs beside it, byte for byte."""
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        raw = (folder / resource["path"]).read_bytes()
        if resource["hash"] != "sha256:" + hashlib.sha256(raw).hexdigest():
            return False
    return True


def leftovers(folder: Path) -> list[Path]:
    return sorted(folder.rglob(f"{staging.PREFIX}*{staging.SUFFIX}")) if folder.exists() else []


def dead_pid() -> tuple[int, str]:
    """A pid that has just exited, with the start time it had."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    started = staging._start_time(child.pid)
    child.kill()
    child.wait()
    return child.pid, started


def test_stale_staging_folders_of_dead_runs_are_removed_not_live_ones(tmp_path):
    pid, started = dead_pid()
    dead = tmp_path / f"{staging.PREFIX}{pid}-{started}-abcd{staging.SUFFIX}"
    dead.mkdir()
    (dead / "half.xlsx").write_bytes(b"half")
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        alive = tmp_path / (
            f"{staging.PREFIX}{sleeper.pid}-{staging._start_time(sleeper.pid)}-ef01{staging.SUFFIX}"
        )
        alive.mkdir()
        foreign = tmp_path / f"{staging.PREFIX}something-else{staging.SUFFIX}"
        foreign.mkdir()
        staging.clean_stale(tmp_path)
        assert not dead.exists()
        assert alive.exists() and foreign.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


def test_an_old_natprogs_staging_folder_goes_after_a_day(tmp_path):
    old = tmp_path / f"{staging.PREFIX}k3j2x9ab{staging.SUFFIX}"
    old.mkdir()
    recent = tmp_path / f"{staging.PREFIX}zz9911aa{staging.SUFFIX}"
    recent.mkdir()
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(old, (two_days_ago, two_days_ago))
    staging.clean_stale(tmp_path)
    assert not old.exists() and recent.exists()


def test_a_sealed_set_of_a_dead_run_is_finished(tmp_path):
    """Killed outright mid-move: the journal says the set was whole, the next run moves it in."""
    pid, started = dead_pid()
    stage = tmp_path / f"{staging.PREFIX}{pid}-{started}-abcd{staging.SUFFIX}"
    stage.mkdir()
    (stage / "draft.csv").write_text("new")
    (stage / staging.JOURNAL).write_text(".\n")
    (tmp_path / "draft.json").write_text("new")  # moved before the kill
    (tmp_path / "draft.csv").write_text("old")
    staging.clean_stale(tmp_path)
    assert (tmp_path / "draft.csv").read_text() == "new"
    assert leftovers(tmp_path) == []


def test_ctrl_c_during_the_move_waits_for_the_last_rename(tmp_path, monkeypatch):
    """SIGINT arriving between two renames is held until the whole set is in place."""
    from natprog.run import extract

    source = tmp_path / "draft.txt"
    source.write_text(programme([Sec("I", activities=acts(1, 2))]), encoding="utf-8")
    out = tmp_path / "out"
    extract(source, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    source.write_text(programme([Sec("I", activities=acts(1, 2, 3))]), encoding="utf-8")
    real_replace = os.replace
    calls = []

    def interrupting_replace(src, dst):
        real_replace(src, dst)
        if staging.PREFIX in str(src) and staging.PREFIX not in str(dst):  # moving the set in
            calls.append(dst)
            if len(calls) == 1:
                os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(staging.os, "replace", interrupting_replace)
    with pytest.raises(KeyboardInterrupt):
        extract(source, out)
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert set(after) == set(before)
    assert len(calls) == len(after)  # every file was moved before the interrupt came
    assert all(after[name] != before[name] for name in after if name.endswith(".json"))
    assert consistent(out)
    assert leftovers(out) == []


@pytest.mark.parametrize(
    "delay",
    [pytest.param(0.8, marks=pytest.mark.slow), 1.6, pytest.param(2.4, marks=pytest.mark.slow)],
)
def test_sigkill_of_extract_leaves_old_or_new_set(tmp_path, delay):
    source = tmp_path / "np2012-draft.docx"
    shutil.copyfile(DRAFT_2012["docx"], source)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "natprog", "extract", str(source), "-o", str(out)]
    subprocess.run(command, capture_output=True, timeout=300, check=True)
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    process.kill()
    process.wait()
    staging.clean_stale(out)  # what the next run does first
    assert leftovers(out) == []
    assert consistent(out)


def test_a_worker_killed_mid_file_leaves_no_stale_outputs(run_cli, tmp_path, monkeypatch):
    """The OOM killer takes a worker: the file is reported failed and its old outputs go."""
    import natprog.run

    drafts = tmp_path / "drafts"
    drafts.mkdir()
    shutil.copyfile(DRAFT_2012["txt"], drafts / "a.txt")
    out = tmp_path / "out"
    assert run_cli("batch", drafts, "-o", out, "--jobs", "1").code == 0
    assert (out / "a-txt" / "a.json").is_file()

    def killed(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)

    monkeypatch.setattr(natprog.run, "extract", killed)
    result = run_cli("batch", drafts, "-o", out, "--jobs", "1", "--no-cache")
    assert result.code == 70 and "a.txt: error" in result.out
    assert not (out / "a-txt").exists()
    assert leftovers(out) == []


@pytest.mark.slow
def test_sigkill_of_batch_leaves_whole_folders(tmp_path):
    drafts = tmp_path / "drafts-kill"
    drafts.mkdir()
    for index in range(4):
        shutil.copyfile(DRAFT_2012["docx"], drafts / f"d{index}.docx")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "natprog", "batch", str(drafts), "-o", str(out), "-j", "2"]
    subprocess.run([*command, "--no-cache"], capture_output=True, timeout=600, check=True)
    process = subprocess.Popen(
        [*command, "--no-cache"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(3)
    process.kill()
    process.wait()
    time.sleep(1)  # the workers die with their parent
    for index in range(4):
        assert consistent(out / f"d{index}-docx")
    rerun = subprocess.run(command, capture_output=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert leftovers(out) == []


@pytest.mark.slow
def test_sigterm_of_extract_cleans_up_at_once(tmp_path):
    """SIGTERM ends a run like Ctrl-C: exit 130, no staging folder, the old or the new set."""
    source = tmp_path / "np2012-draft.docx"
    shutil.copyfile(DRAFT_2012["docx"], source)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "natprog", "extract", str(source), "-o", str(out)]
    subprocess.run(command, capture_output=True, timeout=300, check=True)
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(1.0)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=300)
    # -15: the signal came while Python was still starting, before natprog handles it
    assert process.returncode in (0, 130, -signal.SIGTERM), err
    if process.returncode == 130:  # (click starts a new line first, as after a ^C)
        assert [line for line in err.decode().splitlines() if line] == [
            "natprog: interrupted (no output was left half-written)"
        ]
    assert leftovers(out) == []
    assert consistent(out)
