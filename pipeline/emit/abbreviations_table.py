"""The resolved abbreviation table as `natprog abbreviations` prints it: text, CSV or JSON.

Starts from the serialized result's `abbreviations` key, like every other output.
"""

from __future__ import annotations

import io
import json

from .cells import rows_to_csv

COLUMNS = ("abbreviation", "used", "defined_in", "expansion", "note")


def table_rows(data: dict) -> list[dict]:
    """One row per abbreviation; `defined_in` is document, inline, master or nowhere."""
    year = (data.get("programme") or {}).get("year")
    rows = []
    for row in data.get("abbreviations") or []:
        notes = []
        if row["variant_of"]:
            notes.append(f"variant of {row['variant_of']}")
        if row["outdated"]:
            successor = (row["master"] or {}).get("successor")
            notes.append(f"outdated in {year}" + (f", now {successor}" if successor else ""))
        rows.append(
            {
                "abbreviation": row["abbreviation"],
                "used": row["used"],
                "defined_in": row["defined_in"] or "nowhere",
                "expansion": row["expansion"] or "",
                "note": "; ".join(notes),
            }
        )
    return rows


def render(data: dict, fmt: str) -> str:
    if fmt == "json":
        rows = data.get("abbreviations") or []
        return json.dumps(rows, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    rows = table_rows(data)
    if fmt == "csv":
        return rows_to_csv(COLUMNS, rows, lineterminator="\n")
    return _text(rows)


def _text(rows: list[dict]) -> str:
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("abbreviation", no_wrap=True)
    table.add_column("used", justify="right")
    table.add_column("defined in", no_wrap=True)
    table.add_column("expansion")
    table.add_column("note")
    for row in rows:
        table.add_row(
            row["abbreviation"], str(row["used"]), row["defined_in"], row["expansion"], row["note"]
        )
    console = Console(file=io.StringIO(), width=120, color_system=None, highlight=False)
    console.print(table)
    return "".join(line.rstrip() + "\n" for line in console.file.getvalue().splitlines())
