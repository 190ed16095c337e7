"""CSV for open data: UTF-8 with BOM (so Excel shows Cyrillic), one row per activity."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .atomic import write_text
from .original import Original
from .serialize import ACTIVITY_COLUMNS, activity_rows


def rows_to_csv(columns: tuple[str, ...], rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: "" if row.get(key) is None else row[key] for key in columns})
    return buffer.getvalue()


def write_activities_csv(data: dict, path: Path, original: Original) -> Path:
    return write_text(
        path, rows_to_csv(ACTIVITY_COLUMNS, activity_rows(data)), encoding="utf-8-sig"
    )
