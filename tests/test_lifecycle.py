"""Batch workers never outlive the command: after success, failure, SIGKILL, SIGTERM or SIGINT of
the parent alone, no process is left 1 s later, and `natprog batch … | cat` always returns.

The commands run as real subprocesses (the installed code path); leftover processes are found by
the unique folder name on their command line, which forked workers inherit.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from badfiles import programme_docx

from conftest import DRAFT_2012


def natprog(*args) -> list[str]:
    return [sys.executable, "-m", "natprog", *map(str, args)]


def survivors(marker: str) -> list[int]:
    """Processes whose command line mentions `marker` (this test's folder), zombies excluded."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marker.encode() in cmdline and state != "Z":
            found.append(int(entry.name))
    return found


def settle(marker: str, seconds: float = 1.0) -> list[int]:
    """Survivors still there `seconds` after the command returned (the issue's promise)."""
    time.sleep(seconds)
    return survivors(marker)


@pytest.fixture
def drafts(tmp_path):
    folder = tmp_path / "drafts-lifecycle"
    folder.mkdir()
    for index in range(6):
        shutil.copyfile(DRAFT_2012["docx"], folder / f"draft{index}.docx")
    return folder


@pytest.mark.slow
def test_success_leaves_no_worker(drafts, tmp_path):
    out = tmp_path / "out"
    done = subprocess.run(
        natprog("batch", drafts, "-o", out, "-j", "2", "--no-cache"),
        capture_output=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert settle(str(drafts)) == []


@pytest.mark.slow
def test_failure_leaves_no_worker(drafts, tmp_path):
    """A batch whose summary cannot be written fails (73), and still stops its workers."""
    (drafts / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    out = tmp_path / "out"
    out.mkdir()
    (out / "summary.json").mkdir()  # the summary cannot replace a folder
    done = subprocess.run(
        natprog("batch", drafts, "-o", out, "-j", "2", "--no-cache"),
        capture_output=True,
        timeout=600,
    )
    assert done.returncode == 73, done.stderr
    assert len(done.stderr.decode().strip().splitlines()) == 1
    assert settle(str(drafts)) == []


@pytest.mark.parametrize(
    "signum",
    [
        signal.SIGKILL,
        pytest.param(signal.SIGTERM, marks=pytest.mark.slow),
        pytest.param(signal.SIGINT, marks=pytest.mark.slow),
    ],
)
def test_signal_to_the_parent_alone_stops_the_workers(drafts, tmp_path, signum):
    out = tmp_path / "out"
    process = subprocess.Popen(
        natprog("batch", drafts, "-o", out, "-j", "2", "--no-cache"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while len(survivors(str(drafts))) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)  # wait until the workers are busy
    assert len(survivors(str(drafts))) >= 2, "the workers never started"
    time.sleep(0.5)
    process.send_signal(signum)
    process.wait(timeout=60)
    assert settle(str(drafts)) == []
    if signum != signal.SIGKILL:
        assert process.returncode == 130
    # whatever was written is whole: no staging folder survives a handled signal
    if signum != signal.SIGKILL and out.exists():
        assert not [p for p in out.rglob(".natprog-*")]


def piped_batch(folder: Path, out: Path) -> int:
    """`natprog batch folder | cat` through a real shell pipe; returns cat's view of the end."""
    command = " ".join(f"'{part}'" for part in natprog("batch", folder, "-o", out, "-j", "2"))
    done = subprocess.run(
        ["sh", "-c", f"{command} --no-cache | cat"], capture_output=True, timeout=300
    )
    assert b"summary.csv" in done.stdout, done.stderr
    return done.returncode


def test_batch_piped_returns(tmp_path):
    folder = tmp_path / "drafts-pipe"
    folder.mkdir()
    for index in range(3):
        (folder / f"d{index}.docx").write_bytes(programme_docx(1, 2))
    assert piped_batch(folder, tmp_path / "out") == 0
    assert settle(str(folder)) == []


@pytest.mark.slow
def test_fifty_piped_batches_all_return(tmp_path):
    """The issue's promise: 50 consecutive `batch | cat` runs all return (each bounded)."""
    folder = tmp_path / "drafts-pipe50"
    folder.mkdir()
    for index in range(3):
        (folder / f"d{index}.docx").write_bytes(programme_docx(1, 2))
    for run in range(50):
        assert piped_batch(folder, tmp_path / f"out{run % 2}") == 0, f"run {run}"
    assert settle(str(folder)) == []
