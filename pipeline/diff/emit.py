"""Write a diff: diff.json, diff.xlsx and diff.html in one folder, each atomically.

All three start from `DiffResult.to_dict()`, so they always agree; the JSON is deterministic.
"""

from __future__ import annotations

from pathlib import Path

from ..emit.atomic import write_bytes, write_text
from ..emit.jsonout import dumps
from ..errors import UsageError
from .result import DiffResult

OUTPUT_NAMES: tuple[str, ...] = ("diff.json", "diff.xlsx", "diff.html")


def write_outputs(result: DiffResult, outdir: Path) -> list[Path]:
    """Write the three outputs into `outdir` (created when missing); return their paths."""
    from ..emit.diff_page import render_html
    from ..emit.diff_workbook import xlsx_bytes

    data = result.to_dict()
    try:
        return [
            write_text(outdir / "diff.json", dumps(data)),
            write_bytes(outdir / "diff.xlsx", xlsx_bytes(data)),
            write_text(outdir / "diff.html", render_html(data)),
        ]
    except OSError as exc:  # a bad -o: a file in the way, no permission, disk full
        raise UsageError(
            f"cannot write the outputs into {outdir} ({exc.strerror or exc}): choose another -o folder"
        ) from None
