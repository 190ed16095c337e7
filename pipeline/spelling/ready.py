"""Tables built from large word lists, kept ready between runs (a build artefact).

The place names (`vocabulary.settlements`, from the 1.5 MB bg_BG.dic and the EKATTE list), the
.dic's capitalised stems and wordfreq's frequencies (a gzipped msgpack) took ~60 ms to build in
every run that proofreads. `python -m natprog.spelling.ready_build` (run by the Makefile) builds
them once and marshals them to pipeline/data/ready/spelling.marshal, stamped with the size and
modification time of every file they are made from: the word lists and the modules that build
them. A run loads that file (~12 ms) while the stamp matches, and builds the tables itself
otherwise (a list or a module edited since, wordfreq upgraded, no file at all), so a stale file
can cost time but never change a verdict (tests/test_spelling.py holds both equal).
"""

from __future__ import annotations

import marshal
import os
import sys
from functools import lru_cache
from pathlib import Path

READY_PATH = Path(__file__).resolve().parent.parent / "data" / "ready" / "spelling.marshal"


def sources() -> list[Path]:
    """Every file the ready tables are made from (named here, not imported: the modules that
    build the tables read this one)."""
    from .paths import DICTIONARY_DIR, LANG

    here = Path(__file__).resolve().parent
    found = [
        DICTIONARY_DIR / f"{LANG}.dic",
        here.parent / "data" / "settlements_bg.txt",
        here / "vocabulary.py",
        here / "affixes.py",
        here / "ready_build.py",
        Path(__file__),
    ]
    wordfreq = wordfreq_path()
    return [*found, wordfreq] if wordfreq is not None else found


def wordfreq_path() -> Path | None:
    """wordfreq's Bulgarian data file, found without importing wordfreq."""
    import importlib.util

    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(spec.submodule_search_locations[0]) / "data" / "small_bg.msgpack.gz"


def stamp() -> list:
    """What the tables were made from: Python's marshal version and each source's size and
    modification time (a missing source stamps as None)."""
    out: list = [sys.version_info[:2], marshal.version]
    for path in sources():
        try:
            status = os.stat(path)
        except OSError:
            out.append((path.name, None))
        else:
            out.append((path.name, status.st_size, status.st_mtime_ns))
    return out


@lru_cache(maxsize=1)
def ready_tables() -> dict | None:
    """The ready tables while they match their sources, else None."""
    try:
        tables = marshal.loads(READY_PATH.read_bytes())  # marshal.load(file) is ~4× slower
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(tables, dict) or tables.get("stamp") != _comparable(stamp()):
        return None
    return tables


def _comparable(value):
    """The stamp as marshal gives it back (tuples stay tuples, lists lists)."""
    return marshal.loads(marshal.dumps(value))


def write(tables: dict, path: Path = READY_PATH) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_bytes(marshal.dumps(tables))
    temporary.replace(path)
