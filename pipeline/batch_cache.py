"""The batch cache: a content-hash key per input, stored beside its outputs.

The key covers the input's bytes, natprog's version and code, the options, the project file and
the master glossary; a rerun with the same key and its outputs present recomputes nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields
from pathlib import Path

from .options import Options
from .project import CONFIG_NAME

CACHE_NAME = ".natprog-cache.json"
_CACHE_FORMAT = 1
_PACKAGE = Path(__file__).resolve().parent
GLOSSARY_NAME = "abbreviations.csv"


def cache_key(data: bytes, fingerprint: str) -> str:
    """The key of one input under one run fingerprint."""
    return hashlib.sha256(hashlib.sha256(data).digest() + fingerprint.encode()).hexdigest()


def run_fingerprint(options: Options, cwd: Path | None = None) -> str:
    """What besides the input decides the outputs: version, code, options, config, glossary."""
    from . import __version__

    cwd = cwd or Path.cwd()
    digest = hashlib.sha256()
    digest.update(f"natprog {__version__}\n".encode())
    digest.update(package_digest().encode())
    digest.update(json.dumps(_options_dict(options), sort_keys=True).encode())
    config = options.config_path or cwd / CONFIG_NAME
    glossaries = [options.glossary_path] if options.glossary_path else []
    glossaries += [cwd / GLOSSARY_NAME, _PACKAGE.parent / GLOSSARY_NAME]
    for path in [config, *glossaries]:
        digest.update(f"\n{path}:".encode())
        digest.update(_file_digest(Path(path)).encode())
    return digest.hexdigest()


def package_digest() -> str:
    """A hash of natprog's own files: a code change without a version bump still invalidates."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "absent"


def _options_dict(options: Options) -> dict:
    out = {}
    for item in fields(options):
        value = getattr(options, item.name)
        if callable(value):  # a progress callback does not shape the outputs
            continue
        if isinstance(value, frozenset | set):
            value = sorted(value)
        elif isinstance(value, dict):
            value = dict(sorted(value.items()))
        elif hasattr(value, "__slots__") and not isinstance(value, str):
            value = {name: getattr(value, name) for name in value.__slots__}
        out[item.name] = (
            value if isinstance(value, list | dict | int | float | bool) else str(value)
        )
    return out


def load_cached(outdir: Path, key: str | None) -> dict | None:
    """The stored summary row (`batch.FileResult` as a dict) when its key is `key` (any key for
    None) and its outputs still exist."""
    try:
        stored = json.loads((outdir / CACHE_NAME).read_text(encoding="utf-8"))
        if stored.get("format") != _CACHE_FORMAT or (key is not None and stored["key"] != key):
            return None
        row = stored["result"]
        outputs = row["outputs"]
        if not isinstance(row, dict) or not isinstance(outputs, list):
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if key is not None and not all((outdir / str(name)).is_file() for name in outputs):
        return None
    return row


def store_cached(outdir: Path, key: str, row: dict) -> None:
    from .emit.atomic import write_text

    data = {"format": _CACHE_FORMAT, "key": key, "result": row}
    write_text(outdir / CACHE_NAME, json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")
