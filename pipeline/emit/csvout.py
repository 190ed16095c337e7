"""CSV for open data: UTF-8 with BOM (so Excel shows Cyrillic), one row per activity."""

from __future__ import annotations

from pathlib import Path

from .atomic import write_text
from .cells import rows_to_csv
from .original import Original
from .serialize import ACTIVITY_COLUMNS, activity_rows


def write_activities_csv(data: dict, path: Path, original: Original) -> Path:
    return write_text(
        path, rows_to_csv(ACTIVITY_COLUMNS, activity_rows(data)), encoding="utf-8-sig"
    )
