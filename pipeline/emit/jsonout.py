"""JSON output: the serialized result, keys sorted, UTF-8, stable bytes for the same input.

The standard library's encoder is pure Python whenever it indents (its C encoder cannot), and
encoding was a fifth of a large draft's run; `dumps` writes exactly the bytes of
`json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2)` with one recursive function and
the C string escaper. tests/test_jsonout.py holds it to the standard library's output.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # the C escaper when available
from pathlib import Path

from .atomic import write_text
from .original import Original


class _Unusual(Exception):
    """A value the fast path does not handle (non-string keys, odd types): use the library."""


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def _encode(value, indent: str, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(_float(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        if not all(isinstance(key, str) for key in value):
            raise _Unusual
        inner = indent + "  "
        separator = "{\n" + inner
        for key in sorted(value):
            out.append(separator)
            out.append(encode_basestring(key))
            out.append(": ")
            _encode(value[key], inner, out)
            separator = ",\n" + inner
        out.append("\n" + indent + "}")
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        inner = indent + "  "
        separator = "[\n" + inner
        for item in value:
            out.append(separator)
            _encode(item, inner, out)
            separator = ",\n" + inner
        out.append("\n" + indent + "]")
    else:
        raise _Unusual


def dumps(data: dict) -> str:
    try:
        out: list[str] = []
        _encode(data, "", out)
        return "".join(out) + "\n"
    except (_Unusual, RecursionError):
        return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def write_json(data: dict, path: Path, original: Original) -> Path:
    return write_text(path, dumps(data))
