"""The workbook and the report written by a forked child while this process writes the rest.

Why: on the 2-core machines natprog runs on, writing the workbook (openpyxl) and the report
(Jinja2) takes about as long as the JSON, the CSVs and the annotated copy together, and neither
half needs the other. `extract` forks the child before it reads the draft, so the child imports
openpyxl and Jinja2 while the draft is read and proofread; it then writes its outputs while this
process writes the others: ~0.15 s off a cold `natprog extract` of a 0.7 s draft (`make bench`
shows the same run on one core). A batch does not ask for it: its workers already keep every
core busy, one draft each.

The child is forked, so it needs no start-up of its own; the data reaches it as a pickle in the
staging folder (`send`), and it answers with the paths it wrote or the exception it met, pickled
through a pipe, then leaves with `os._exit` so that none of this process's clean-up runs twice.
Ctrl-C, SIGTERM and SIGHUP are held while forking, so a signal lands either before the fork or
in the child's own handler. No fork where there is none (Windows), where other threads run (a
lock one of them holds would stay held in the child forever) or with a single usable core.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

_PR_SET_PDEATHSIG = 1
_HELD = {getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)}


def can_fork() -> bool:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return hasattr(os, "fork") and (cores or 1) > 1 and threading.active_count() == 1


class Sidecar:
    """A forked child: it runs `prepare()` at once, then `job(payload)` for the payload `send`
    gives it; `result()` waits for the job and returns its value or raises its exception."""

    def __init__(self, prepare: Callable[[], None], job: Callable[[Any], object]) -> None:
        go_read, self._go = os.pipe()  # parent → child: where the payload is
        self._back, back_write = os.pipe()  # child → parent: the pickled outcome
        parent = os.getpid()
        signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
        try:
            pid = os.fork()
        except BaseException:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)
            for fd in (go_read, self._go, self._back, back_write):
                os.close(fd)
            raise
        if pid == 0:  # the child: never returns
            _die_with(parent)
            os.close(self._go)
            os.close(self._back)
            _run_child(prepare, job, go_read, back_write)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)
        os.close(go_read)
        os.close(back_write)
        self._pid: int | None = pid

    def send(self, payload: object, spool: Path) -> None:
        """Hand the child its payload: pickled into `spool` (a pipe would block this process
        while the child is still importing), then the file's name through the pipe."""
        spool.write_bytes(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
        go, self._go = self._go, None
        try:
            os.write(go, os.fsencode(spool))
        finally:
            os.close(go)

    def result(self) -> object:
        back, self._back = os.fdopen(self._back, "rb"), None  # the file object owns it now
        with back:
            sent = back.read()
        self._reap()
        kind, value = pickle.loads(sent) if sent else ("error", OSError("the output writer died"))
        if kind == "error":
            raise value
        return value

    def stop(self) -> None:
        """End the child if it still runs (the draft was unreadable, or this process is leaving
        on an error or a signal) and release its pipes; nothing once `result()` has returned."""
        if self._pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
            self._reap()
        for name in ("_go", "_back"):
            fd = getattr(self, name)
            if fd is not None:
                os.close(fd)
                setattr(self, name, None)

    def _reap(self) -> None:
        if self._pid is not None:
            os.waitpid(self._pid, 0)
            self._pid = None


def _die_with(parent: int) -> None:
    """Have the kernel end this child when its parent dies (Linux's PR_SET_PDEATHSIG): a parent
    killed outright must not leave it writing into a staging folder the next run removes."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the closed pipes end a waiting child
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(0)


def _run_child(prepare: Callable[[], None], job: Callable[[Any], object], go: int, back: int):
    status = 1
    try:
        try:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)
            with contextlib.suppress(Exception):  # a failed import fails the job, in its words
                prepare()
            with os.fdopen(go, "rb") as pipe:
                spool = pipe.read()
            if not spool:  # the parent stopped before it had anything to send
                status = 0
                return
            with open(os.fsdecode(spool), "rb") as handle:
                payload = pickle.load(handle)
            outcome: tuple[str, object] = ("ok", job(payload))
            status = 0
        except BaseException as exc:  # sent to the parent, which raises it
            outcome = ("error", exc)
        try:
            sent = pickle.dumps(outcome)
        except Exception:  # an exception that does not pickle: its words still travel
            error = outcome[1]
            sent = pickle.dumps(("error", RuntimeError(f"{type(error).__name__}: {error}")))
        with os.fdopen(back, "wb") as pipe:
            pipe.write(sent)
    finally:
        os._exit(status)
