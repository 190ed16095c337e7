"""Nothing lost: crashes, Ctrl-C and full disks leave old or new outputs, never torn ones.

Also: inputs are never modified, and re-running gives byte-identical outputs, every file.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from badfiles import (
    document_xml,
    expected_outputs,
    files_under,
    package,
    programme_body,
    programme_docx,
)

from conftest import DRAFT_2012, ROOT
from natprog.errors import ExitCode

BAD = Path(__file__).resolve().parent / "fixtures" / "bad"
OUTPUTS = tuple(expected_outputs("draft", "docx"))
INTERRUPTED = "natprog: interrupted (no output was left half-written)"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` (hidden ones included) and its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in files_under(folder) if p.is_file()
    }


@pytest.fixture
def previous_run(run_cli, tmp_path):
    """An output folder holding the outputs of an earlier version of `draft.docx`."""
    source = tmp_path / "draft.docx"
    source.write_bytes(programme_docx(1, 2))
    out = tmp_path / "out"
    assert run_cli("extract", source, "-o", out).code == 0
    source.write_bytes(DRAFT_2012["docx"].read_bytes())  # the new version to be processed
    old = snapshot(out)
    assert sorted(old) == list(OUTPUTS)
    return source, out, old


class _HalfThenFail:
    """A file whose first write stores half the data, then fails the way a full disk does."""

    def __init__(self, handle, error: BaseException) -> None:
        self._handle = handle
        self._error = error

    def write(self, data: bytes) -> int:
        self._handle.write(data[: len(data) // 2])
        self._handle.flush()
        raise self._error

    def __getattr__(self, name):
        return getattr(self._handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self._handle.__exit__(*exc)


def fail_on_write(monkeypatch, number: int, error: BaseException) -> list:
    """Make the `number`-th atomic write (1 = JSON, 2 = XLSX, 3 = CSV) die half-way through."""
    import natprog.emit.atomic as atomic

    real = os.fdopen
    calls: list = []

    def fdopen(fd, *args, **kwargs):
        handle = real(fd, *args, **kwargs)
        calls.append(fd)
        return _HalfThenFail(handle, error) if len(calls) == number else handle

    monkeypatch.setattr(atomic.os, "fdopen", fdopen)
    return calls


@pytest.mark.parametrize("number", [1, 2, 3])
def test_full_disk_mid_write_keeps_every_old_output(run_cli, monkeypatch, previous_run, number):
    source, out, old = previous_run
    fail_on_write(monkeypatch, number, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
    result = run_cli("extract", source, "-o", out)
    assert result.code == ExitCode.CANNOT_WRITE
    assert result.err == (
        f"natprog: {source}: cannot write the outputs to {out} (No space left on device): free "
        "some space, check the folder's permissions, or choose another folder with -o\n"
    )
    assert snapshot(out) == old  # all old, none new, no temporary file or folder


def test_crash_mid_write_keeps_every_old_output(run_cli, monkeypatch, previous_run):
    source, out, old = previous_run
    fail_on_write(monkeypatch, 2, RuntimeError("writer crashed"))
    result = run_cli("extract", source, "-o", out)
    assert result.code == ExitCode.INTERNAL
    assert result.err == (
        f"natprog: {source}: internal error (RuntimeError: writer crashed); this is a bug in "
        "natprog: rerun with --debug for the traceback and report it\n"
    )
    assert snapshot(out) == old


def test_failed_first_run_leaves_no_output(run_cli, monkeypatch, tmp_path):
    source = tmp_path / "draft.docx"
    source.write_bytes(programme_docx())
    out = tmp_path / "out"
    fail_on_write(monkeypatch, 3, OSError(errno.EIO, os.strerror(errno.EIO)))
    result = run_cli("extract", source, "-o", out)
    assert result.code == ExitCode.CANNOT_WRITE
    assert files_under(out) == []


def test_output_folder_that_cannot_exist(run_cli, tmp_path):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder", encoding="utf-8")
    out = blocker / "out"
    result = run_cli("extract", DRAFT_2012["txt"], "-o", out)
    assert result.code == ExitCode.CANNOT_WRITE
    assert result.err == (
        f"natprog: {DRAFT_2012['txt']}: cannot write the outputs to {out} (Not a directory): "
        "free some space, check the folder's permissions, or choose another folder with -o\n"
    )
    assert blocker.read_text(encoding="utf-8") == "not a folder"


# --- Ctrl-C, in a real process ---------------------------------------------------------------

# Runs the CLI with a SIGINT delivered to itself half-way through writing the XLSX temp file.
_INJECT = """
import os, signal, sys
from natprog.cli import main

real = os.fdopen
calls = []

class Half:
    def __init__(self, handle):
        self.handle = handle
    def write(self, data):
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        os.kill(os.getpid(), signal.SIGINT)
        return self.handle.write(data[len(data) // 2 :])
    def __getattr__(self, name):
        return getattr(self.handle, name)
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return self.handle.__exit__(*exc)

def fdopen(fd, *args, **kwargs):
    calls.append(fd)
    handle = real(fd, *args, **kwargs)
    return Half(handle) if len(calls) == 2 else handle

os.fdopen = fdopen
sys.exit(main(sys.argv[1:]))
"""


def natprog(*args, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=kwargs.get("cwd", ROOT),
    )


def test_sigint_mid_write_keeps_every_old_output(previous_run):
    source, out, old = previous_run
    process = natprog("-c", _INJECT, "extract", str(source), "-o", str(out))
    _, err = process.communicate(timeout=60)
    assert process.returncode == ExitCode.INTERRUPTED, err
    assert err.strip().splitlines()[-1] == INTERRUPTED
    assert snapshot(out) == old


def test_sigint_at_any_moment_leaves_old_or_new_outputs(previous_run, tmp_path):
    source, out, old = previous_run
    reference = tmp_path / "reference"
    for _ in range(2):  # the second run is timed: caches are warm, as for the runs below
        started = time.perf_counter()
        done = natprog("-m", "natprog", "extract", str(source), "-o", str(reference))
        assert done.wait(timeout=60) == 0
        duration = time.perf_counter() - started
    new = snapshot(reference)
    outcomes = set()
    for fraction in (0.6, 0.85, 0.95):
        process = natprog("-m", "natprog", "extract", str(source), "-o", str(out))
        time.sleep(duration * fraction)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        # Interrupted by us (130), or before natprog's handler existed (-2), or it finished (0).
        assert process.returncode in (0, ExitCode.INTERRUPTED, -signal.SIGINT), err
        now = snapshot(out)
        assert sorted(now) == list(OUTPUTS), sorted(now)  # no temporary files left
        for name, data in now.items():
            assert data in (old[name], new[name]), f"{name} is torn"
        outcomes.add((process.returncode, tuple(now[name] == new[name] for name in OUTPUTS)))
        for name, data in old.items():  # back to the old outputs for the next try
            (out / name).write_bytes(data)
    assert any(code != 0 for code, _ in outcomes), "no SIGINT landed while natprog ran"


# --- inputs untouched, outputs reproducible --------------------------------------------------


def fingerprint(path: Path) -> tuple:
    stat = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), stat.st_mtime_ns, stat.st_mode


def test_inputs_are_never_modified(run_cli, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for path in (DRAFT_2012["docx"], DRAFT_2012["txt"], BAD / "two-pages.pdf", BAD / "scan.pdf"):
        shutil.copy2(path, inputs / path.name)
    (inputs / "encrypted.docx").write_bytes((BAD / "encrypted.docx").read_bytes())
    (inputs / "truncated.docx").write_bytes(DRAFT_2012["docx"].read_bytes()[:20000])
    hostile = document_xml(programme_body(1, 1)).replace(
        "\n", '\n<!DOCTYPE w:document [<!ENTITY x "x">]>', 1
    )
    (inputs / "hostile.docx").write_bytes(package(hostile))
    before = {path.name: fingerprint(path) for path in sorted(inputs.iterdir())}
    result = run_cli("extract", *sorted(inputs.iterdir()), "-o", tmp_path / "out")
    assert result.code != 0  # some of them fail, on purpose
    assert {path.name: fingerprint(path) for path in sorted(inputs.iterdir())} == before


@pytest.mark.parametrize("source", [DRAFT_2012["docx"], DRAFT_2012["txt"], BAD / "two-pages.pdf"])
def test_rerun_gives_byte_identical_outputs(run_cli, tmp_path, source):
    first, second = tmp_path / "first", tmp_path / "second"
    assert run_cli("extract", source, "-o", first).code == 0
    outputs = snapshot(first)
    assert sorted(outputs) == expected_outputs(source.stem, source.suffix.lstrip("."))
    assert run_cli("extract", source, "-o", first).code == 0  # over the old outputs
    assert run_cli("extract", source, "-o", second).code == 0  # into a new folder
    assert snapshot(first) == outputs
    assert snapshot(second) == outputs


def test_outputs_get_the_usual_file_mode(run_cli, tmp_path):
    """Temporary files are private; the outputs they become are not."""
    umask = os.umask(0o022)
    os.umask(umask)
    assert run_cli("extract", DRAFT_2012["txt"], "-o", tmp_path).code == 0
    modes = {p.name: p.stat().st_mode & 0o777 for p in tmp_path.iterdir()}
    assert set(modes.values()) == {0o666 & ~umask}, modes
