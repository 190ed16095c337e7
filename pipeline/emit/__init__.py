"""Emit: a `Result` to files. Each output format is one small module registered here.

`emit` writes the chosen formats atomically into a folder and returns the paths written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..run import Result

# format name -> (file name pattern, writer module:function). Writers take (data, result, path).
OUTPUTS: dict[str, tuple[str, str]] = {
    "json": ("{stem}.json", "jsonout:write_json"),
    "xlsx": ("{stem}.xlsx", "xlsx:write_xlsx"),
    "csv": ("{stem}.activities.csv", "csvout:write_activities_csv"),
    "institutions": ("{stem}.institutions.csv", "institutions:write_institutions_csv"),
}
DEFAULT_FORMATS: tuple[str, ...] = tuple(OUTPUTS)


def _writer(spec: str) -> Callable:
    from importlib import import_module

    module, function = spec.split(":")
    return getattr(import_module(f"{__name__}.{module}"), function)


def output_paths(
    stem: str, outdir: Path, formats: tuple[str, ...] | None = None
) -> dict[str, Path]:
    return {
        name: outdir / OUTPUTS[name][0].format(stem=stem) for name in formats or DEFAULT_FORMATS
    }


def emit(result: Result, outdir: Path, formats: tuple[str, ...] | None = None) -> list[Path]:
    data = result.to_dict()
    written = []
    for name, path in output_paths(result.stem, outdir, formats).items():
        writer = _writer(OUTPUTS[name][1])
        produced = writer(data, result, path)
        if produced is not None:  # a writer may decline (e.g. the annotated copy of a PDF)
            written.append(produced)
    return written
