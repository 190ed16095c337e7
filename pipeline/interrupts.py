"""SIGTERM and SIGHUP end a command the way Ctrl-C does, so its clean-up runs.

Apart from `workers.py` (which pulls in multiprocessing) so that every command, `--help`
included, can use it at no start-up cost.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator


@contextlib.contextmanager
def signals_interrupt() -> Iterator[None]:
    """SIGTERM and SIGHUP raise KeyboardInterrupt while the block runs (main thread only), so
    the `finally` blocks that stop workers and remove staging folders run for them too."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):  # noqa: ARG001  (signal handler signature)
        raise KeyboardInterrupt

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            number = getattr(signal, name)
            previous[number] = signal.signal(number, interrupt)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
