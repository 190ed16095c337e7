"""`extract` writes the workbook and the report in a child forked before the draft is read
(emit/sidecar.py): the same bytes as one process writing all, the same errors, nothing left
behind, no child left running."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import DRAFT_2012, ROOT
from natprog.emit import emit, sidecar
from natprog.errors import OutputError
from natprog.run import extract, process

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")


@pytest.fixture(scope="module")
def result():
    return process(DRAFT_2012["docx"])


@pytest.fixture
def forking(monkeypatch):
    """Fork even on a machine with one core (the sidecar is what is tested here)."""
    monkeypatch.setattr(sidecar, "can_fork", lambda: True)
    started: list[int] = []
    real = sidecar.Sidecar.__init__

    def counted(self, prepare, job):
        real(self, prepare, job)
        started.append(self._pid)

    monkeypatch.setattr(sidecar.Sidecar, "__init__", counted)
    return started


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_the_forked_workbook_gives_the_bytes_of_one_process(result, tmp_path, forking):
    alone = emit(result, tmp_path / "alone")
    side_by_side = emit(result, tmp_path / "forked", parallel=True)
    assert forking, "the workbook was not written by a child"
    assert [p.name for p in side_by_side] == [p.name for p in alone]  # the same order too
    assert _files(tmp_path / "forked") == _files(tmp_path / "alone")
    assert len(_files(tmp_path / "alone")) == 7


def test_a_full_disk_in_the_child_is_the_usual_error_and_writes_nothing(
    result, tmp_path, monkeypatch, forking
):
    import natprog.emit.workbook as workbook

    def full(data, path, original):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(workbook, "write_xlsx", full)
    out = tmp_path / "out"
    with pytest.raises(OutputError, match="No space left on device"):
        emit(result, out, parallel=True)
    assert forking
    assert not out.exists() or list(out.iterdir()) == []
    assert [p.name for p in tmp_path.iterdir()] in (["out"], [])  # no staging folder left


def test_an_exception_that_does_not_pickle_still_reaches_the_parent(
    result, tmp_path, monkeypatch, forking
):
    import natprog.emit.workbook as workbook

    class Odd(Exception):
        def __reduce__(self):
            raise TypeError("cannot pickle")

    def odd(data, path, original):
        raise Odd("the sheet went wrong")

    monkeypatch.setattr(workbook, "write_xlsx", odd)
    with pytest.raises(RuntimeError, match="Odd: the sheet went wrong"):
        emit(result, tmp_path / "out", parallel=True)


def test_a_child_killed_outright_is_an_error_not_a_hang(result, tmp_path, monkeypatch, forking):
    import natprog.emit.workbook as workbook

    monkeypatch.setattr(workbook, "write_xlsx", lambda *a: os._exit(9))
    with pytest.raises(OutputError, match="the output writer died"):
        emit(result, tmp_path / "out", parallel=True)
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_no_fork_while_other_threads_run(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert sidecar.can_fork()
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not sidecar.can_fork()
    finally:
        stop.set()
        other.join()


def test_no_fork_with_one_core(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert not sidecar.can_fork()


def test_the_installed_command_writes_what_the_library_writes(result, tmp_path):
    """`natprog extract` takes the forked path where it can; its files are the library's."""
    command = shutil.which("natprog", path=str(Path(sys.executable).parent)) or "natprog"
    subprocess.run(
        [command, "extract", str(DRAFT_2012["docx"]), "-o", str(tmp_path / "cli")],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    emit(result, tmp_path / "library")
    assert _files(tmp_path / "cli") == _files(tmp_path / "library")


def _reaped(pids: list[int]) -> bool:
    """Every child the sidecar forked has ended and been waited for (no zombie, none running)."""
    for pid in pids:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            continue
        return False
    return True


def test_extract_forks_before_reading_and_writes_the_same_files(tmp_path, forking):
    result, written = extract(DRAFT_2012["docx"], tmp_path / "forked", parallel=True)
    assert len(forking) == 1
    alone = emit(result, tmp_path / "alone")
    assert [p.name for p in written] == [p.name for p in alone]
    assert _files(tmp_path / "forked") == _files(tmp_path / "alone")
    assert _reaped(forking)


def test_an_unreadable_draft_stops_the_child_it_started(tmp_path, forking):
    from natprog.errors import NatprogError

    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not a zip at all")
    with pytest.raises(NatprogError):
        extract(bad, tmp_path / "out", parallel=True)
    assert len(forking) == 1
    assert _reaped(forking)
    assert not (tmp_path / "out").exists()


def test_outputs_without_the_sidecar_ones_are_written_here(result, tmp_path, forking):
    written = emit(result, tmp_path / "json-only", ("json", "csv"), parallel=True)
    assert [p.name for p in written] == ["np2012-draft.json", "np2012-draft.activities.csv"]
    assert _reaped(forking)


def test_the_child_dies_with_its_parent(tmp_path):
    """SIGKILL of `extract` takes its workbook child with it (PR_SET_PDEATHSIG on Linux)."""
    import signal
    import textwrap
    import time

    if not sys.platform.startswith("linux"):
        pytest.skip("PR_SET_PDEATHSIG is Linux's")
    script = textwrap.dedent(
        """
        import os, sys, time
        from natprog.emit import sidecar
        child = sidecar.Sidecar(lambda: time.sleep(600), lambda payload: None)  # busy, not reading
        print(child._pid, flush=True)
        time.sleep(600)
        """
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    for _ in range(600):  # the kernel ends it at once; a loaded machine may be slow to show it
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        with open(f"/proc/{child}/stat") as stat:
            if stat.read().split(") ")[1].startswith("Z"):
                return  # dead, waiting to be reaped by init
        time.sleep(0.1)
    os.kill(child, signal.SIGKILL)
    raise AssertionError("the child outlived its killed parent")


def test_the_child_is_stopped_before_the_staging_folder_goes(
    result, tmp_path, monkeypatch, forking
):
    """Ctrl-C while both write: the child must be gone before the staging folder is removed,
    or it refills the folder with its half-written file (a SIGINT test caught that)."""
    import natprog.emit as emit_module
    import natprog.emit.jsonout as jsonout

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(jsonout, "write_json", interrupted)
    child_gone: list[bool] = []
    real = emit_module.shutil.rmtree

    def rmtree(path, *args, **kwargs):
        child_gone.append(_reaped(forking))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(emit_module.shutil, "rmtree", rmtree)
    with pytest.raises(KeyboardInterrupt):
        emit(result, tmp_path / "out", parallel=True)
    assert forking and child_gone == [True]
    assert [p.name for p in tmp_path.iterdir()] in (["out"], [])
