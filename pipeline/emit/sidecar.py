"""The workbook written by a forked child while this process writes the other outputs.

Why: on the 2-core machines natprog runs on, the workbook (importing openpyxl and building the
sheets, ~0.13 s) and the rest (JSON, CSVs, report, annotated copy, ~0.15 s) take about as long
as each other, and neither needs the other; writing them side by side takes ~0.13 s off a cold
`natprog extract` of a 0.6 s draft (`make bench`). Only `extract` asks for it (`emit(...,
parallel=True)`): a batch already keeps every core busy with one draft per worker.

The child is forked, not spawned, so it has the serialized result already; it writes into the
same staging folder, sends back the paths it wrote or the exception it met (pickled through a
pipe) and leaves with `os._exit`, so none of this process's clean-up runs twice. Ctrl-C,
SIGTERM and SIGHUP are held while forking, so a signal lands either before the fork or inside
the child's own handler. No fork where there is none (Windows), where other threads run (a
lock held by one of them would stay held in the child forever) or with a single usable core.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import threading
from collections.abc import Callable

_HELD = {getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)}


def can_fork() -> bool:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return hasattr(os, "fork") and (cores or 1) > 1 and threading.active_count() == 1


class Sidecar:
    """A job running in a forked child; `result()` waits for it and returns or raises its end."""

    def __init__(self, job: Callable[[], object]) -> None:
        read, write = os.pipe()
        signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
        try:
            pid = os.fork()
        except BaseException:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)
            os.close(read)
            os.close(write)
            raise
        if pid == 0:  # the child: never returns
            os.close(read)
            _run_child(job, write)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)
        os.close(write)
        self._pid: int | None = pid
        self._read: int | None = read

    def result(self) -> object:
        pipe, self._read = os.fdopen(self._read, "rb"), None  # the file object owns it now
        with pipe:
            sent = pipe.read()
        self._reap()
        kind, value = pickle.loads(sent) if sent else ("error", OSError("the workbook writer died"))
        if kind == "error":
            raise value
        return value

    def stop(self) -> None:
        """End the child if it still runs (this process is leaving on an error or a signal)."""
        if self._pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
            self._reap()
        if self._read is not None:
            os.close(self._read)
            self._read = None

    def _reap(self) -> None:
        if self._pid is not None:
            os.waitpid(self._pid, 0)
            self._pid = None


def _run_child(job: Callable[[], object], write: int) -> None:
    status = 1
    try:
        try:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)
            payload: tuple[str, object] = ("ok", job())
            status = 0
        except BaseException as exc:  # sent to the parent, which raises it
            payload = ("error", exc)
        try:
            sent = pickle.dumps(payload)
        except Exception:  # an exception that does not pickle: its words still travel
            error = payload[1]
            sent = pickle.dumps(("error", RuntimeError(f"{type(error).__name__}: {error}")))
        with os.fdopen(write, "wb") as pipe:
            pipe.write(sent)
    finally:
        os._exit(status)
