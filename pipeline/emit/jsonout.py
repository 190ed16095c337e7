"""JSON output: the serialized result, keys sorted, UTF-8, stable bytes for the same input."""

from __future__ import annotations

import json
from pathlib import Path

from .atomic import write_text
from .original import Original


def dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def write_json(data: dict, path: Path, original: Original) -> Path:
    return write_text(path, dumps(data))
