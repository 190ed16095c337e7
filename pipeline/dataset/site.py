"""`natprog browse`: the dataset as a website, served by Datasette on this machine only.

Datasette is an optional extra (`pip install 'natprog[web]'`); the Bulgarian labels, facets and
canned queries come from `metadata.json`, keyed by the database's name when served.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from importlib.resources import files
from importlib.util import find_spec
from pathlib import Path

from ..errors import UsageError

TEMPLATE_NAME = "programmes"  # the database name metadata.json is written for


def metadata(database: Path | str) -> dict:
    """metadata.json, its database entry renamed after `database` (Datasette keys by file stem)."""
    data = json.loads(files("natprog.dataset").joinpath("metadata.json").read_text("utf-8"))
    data["databases"] = {Path(database).stem: data["databases"][TEMPLATE_NAME]}
    return data


def command(database: Path, metadata_path: Path, port: int) -> list[str]:
    """The Datasette command line: localhost only, no telemetry or update checks to make."""
    return [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        str(database),
        "--metadata",
        str(metadata_path),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--setting",
        "default_page_size",
        "50",
    ]


def serve(
    database: Path | str,
    *,
    port: int = 8001,
    open_browser: bool = False,
    on_start: Callable[[str], None] | None = None,
) -> int:
    """Run Datasette on `database` until interrupted; returns its exit code. `on_start` is told
    the site's address once the database and Datasette are known to be there."""
    from .schema import connect

    database = Path(database)
    connect(database, create=False).close()  # a clear error for a missing or foreign file
    if find_spec("datasette") is None:
        raise UsageError(
            "the site needs Datasette, an optional extra: pip install 'natprog[web]' "
            "(in this repository: .venv/bin/pip install -e '.[web]')"
        )
    with tempfile.TemporaryDirectory(prefix="natprog-browse-") as folder:
        metadata_path = Path(folder) / "metadata.json"
        metadata_path.write_text(json.dumps(metadata(database), ensure_ascii=False), "utf-8")
        argv = command(database, metadata_path, port)
        if open_browser:
            argv.append("--open")
        if on_start is not None:
            on_start(f"http://127.0.0.1:{port}/")
        return _run(argv)


def _run(argv: list[str]) -> int:
    """Run Datasette in the foreground; a SIGTERM to natprog stops it too (Ctrl-C reaches both)."""
    import signal

    process = subprocess.Popen(argv)
    previous = signal.signal(signal.SIGTERM, lambda *_: process.terminate())
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.wait()
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
