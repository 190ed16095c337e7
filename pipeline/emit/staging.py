"""Staging folders: an output set is written whole beside its place, then moved in as one unit.

A staging folder is named after its owner (pid and process start time), so a later run removes
the folders of runs that died (SIGKILL, OOM killer) and never those of a run still working.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import secrets
import shutil
import signal
import time
from pathlib import Path

PREFIX = ".natprog-"
SUFFIX = ".tmp"
JOURNAL = ".complete"  # written last into a staging folder: its set is whole, move it in
_RENAME_EXCHANGE = 2  # <linux/fs.h>: swap two paths atomically
_AT_FDCWD = -100
_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


def _start_time(pid: int) -> str:
    """The process's start time in clock ticks since boot; '' where /proc is missing, and
    "dead" for a zombie (killed, not yet reaped: a container's init may never reap it)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    fields = stat.rsplit(")", 1)[1].split()
    return "dead" if fields[0] in ("Z", "X") else fields[19]


def _owner_tag() -> str:
    pid = os.getpid()
    return f"{pid}-{_start_time(pid) or 0}"


def _new_name(parent: Path) -> Path:
    return parent / f"{PREFIX}{_owner_tag()}-{secrets.token_hex(4)}{SUFFIX}"


def make(parent: Path) -> Path:
    """A new, empty staging folder in `parent`, named after this process."""
    parent.mkdir(parents=True, exist_ok=True)
    path = _new_name(parent)
    path.mkdir()
    return path


def discard(folder: Path) -> None:
    """Remove an output folder in one step (renamed aside first, so no half of it is seen)."""
    if folder.is_symlink() or not folder.is_dir():
        return
    aside = _new_name(folder.parent)
    try:
        os.rename(folder, aside)
    except OSError:
        return
    shutil.rmtree(aside, ignore_errors=True)


_OLD_FORMAT_AGE_S = 24 * 3600


def _owner_gone(name: str, path: Path | None = None) -> bool:
    """True when the staging folder `name` belongs to a process that no longer runs."""
    parts = name[len(PREFIX) : -len(SUFFIX)].split("-")
    if len(parts) != 3 or not parts[0].isdigit():
        # An older natprog named its folders without an owner (`.natprog-k3j2x9.tmp`): no run
        # takes a day to write one draft's outputs, so a folder untouched that long is dead.
        if path is None or len(parts) != 1:
            return False
        try:
            return time.time() - path.stat().st_mtime > _OLD_FORMAT_AGE_S
        except OSError:
            return False
    pid, started = int(parts[0]), parts[1]
    if pid == os.getpid():
        return False
    now = _start_time(pid)
    if now:
        return now != started  # a zombie, or the pid was reused by another process
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return started != "0" and Path("/proc").is_dir()  # /proc exists but the pid does not


def clean_stale(parent: Path) -> None:
    """Finish or remove the staging folders of dead runs in `parent`.

    A folder whose journal says the set was whole is moved in (the run died while moving it);
    any other is removed, which leaves the previous set as it was.
    """
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if not (name.startswith(PREFIX) and name.endswith(SUFFIX)):
            continue
        if not entry.is_dir(follow_symlinks=False) or not _owner_gone(name, Path(entry.path)):
            continue
        stage = Path(entry.path)
        journal = stage / JOURNAL
        with contextlib.suppress(OSError):
            if journal.is_file():
                name = journal.read_text(encoding="utf-8").strip()
                if name == ".":
                    _move_files(stage, parent)
                elif name and "/" not in name and not name.startswith("."):
                    _move_files(stage, parent / name)
        shutil.rmtree(stage, ignore_errors=True)


def seal(stage: Path, target: Path) -> None:
    """Mark the staged set whole, naming where it goes (a folder name in `stage`'s parent, or
    `.` for the parent itself)."""
    name = "." if target == stage.parent else target.name
    path = stage / JOURNAL
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(name + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def _move_files(stage: Path, target: Path) -> list[Path]:
    moved = []
    target.mkdir(parents=True, exist_ok=True)
    for item in sorted(stage.iterdir()):
        if item.name == JOURNAL:
            continue
        destination = target / item.name
        os.replace(item, destination)
        moved.append(destination)
    return moved


@contextlib.contextmanager
def signals_held():
    """Hold Ctrl-C, SIGTERM and SIGHUP while a set is moved into place: the handful of renames
    finish, then the signal takes effect as it would have. (SIGKILL cannot be held:
    `clean_stale` finishes that case.) Python runs handlers in the main thread only, so
    elsewhere there is nothing to hold."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = {
        number: signal.signal(number, lambda n, _f: received.append(n)) for number in _SIGNALS
    }
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if received:
            signal.raise_signal(received[0])


def move_in(stage: Path, target: Path) -> list[Path]:
    """Move the staged files into the folder `target` (which may hold other files)."""
    seal(stage, target)
    with signals_held():
        return _move_files(stage, target)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    error = ctypes.get_errno()
    if error in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: this file system cannot swap
        return False
    raise OSError(error, os.strerror(error), str(second))


def swap_folder(stage: Path, target: Path) -> None:
    """Make the staged folder `target`, replacing the old one in one step; the old set is
    removed afterwards. Without an atomic swap, the old folder is renamed aside first."""
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise NotADirectoryError(20, "not a folder", str(target))  # never swap a user's file away
    seal(stage, target)
    (stage / JOURNAL).unlink()  # a swapped folder is the set itself: no journal inside it
    with signals_held():
        if not target.exists():
            os.rename(stage, target)
            return
        if _exchange(stage, target):
            shutil.rmtree(stage, ignore_errors=True)  # now holds the old set
            return
        aside = _new_name(stage.parent)
        os.rename(target, aside)
        os.rename(stage, target)
    shutil.rmtree(aside, ignore_errors=True)
