"""Worker processes that cannot outlive the command that started them.

Each worker leads its own process group (so one kill also stops what it started, e.g.
LibreOffice) and asks the kernel to kill it when its parent dies (PR_SET_PDEATHSIG): neither a
crash, nor SIGKILL of `natprog`, nor Ctrl-C leaves a worker holding the terminal or a pipe.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

from .interrupts import signals_interrupt  # noqa: F401  (batch uses it from here too)

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
_JOIN_TIMEOUT_S = 5.0


def _die_with_parent() -> None:
    """Have the kernel SIGKILL this process when its parent exits (Linux only; elsewhere the
    parent's `finally` is the only guard)."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _start_worker(parent: int) -> None:
    """Initializer of every worker: own group, dies with the parent, stdout not inherited."""
    with contextlib.suppress(OSError):
        os.setpgid(0, 0)
    _die_with_parent()
    if os.getppid() != parent:  # the parent died before the death signal was armed
        os._exit(1)
    # Ctrl-C and SIGTERM are the parent's to handle: it stops the workers itself. A worker in
    # its own group must still be able to write notices to a terminal set to `stty tostop`.
    for name in ("SIGINT", "SIGTTOU", "SIGTTIN"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    # Data goes to stdout only from the parent: a worker holding the pipe would keep
    # `natprog batch | cat` waiting for as long as it lives.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)


def _context():
    """Fork where there is fork: workers start with the stages already imported, at no cost."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


@contextlib.contextmanager
def worker_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A process pool whose workers (and everything they started) are gone when the block ends,
    however it ends: normally, by an exception, or by Ctrl-C/SIGTERM in the parent."""
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_context(),
        initializer=_start_worker,
        initargs=(os.getpid(),),
    )
    clean = False
    try:
        yield pool
        clean = True
    finally:
        stop(pool, graceful=clean)


def stop(pool: ProcessPoolExecutor, *, graceful: bool = False) -> None:
    """End the pool's workers: let idle ones exit, or kill them (and their groups) at once."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    if not graceful:
        kill(pool)
    try:
        pool.shutdown(wait=graceful, cancel_futures=True)
    finally:
        for process in processes:
            _kill_group(process.pid)  # whatever a worker started (LibreOffice) goes too
            process.join(_JOIN_TIMEOUT_S)
            if process.is_alive():
                process.kill()
                process.join(_JOIN_TIMEOUT_S)


def kill(pool: ProcessPoolExecutor) -> None:
    """Kill every worker of `pool` now, with the process group it leads."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        if process.is_alive():
            _kill_group(process.pid)
            process.kill()


def _kill_group(pid: int | None) -> None:
    if pid is None or not hasattr(os, "killpg"):
        return
    with contextlib.suppress(OSError):  # already gone, or never became a group leader
        os.killpg(pid, signal.SIGKILL)
