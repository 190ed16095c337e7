"""The resolved abbreviation table as `natprog abbreviations` prints it: text, CSV or JSON.

Starts from the serialized result's `abbreviations` key, like every other output. Text and CSV
are for people, so in Bulgarian (the CSV with a BOM, as every CSV natprog writes); JSON keeps
the codes (`document`, `inline`, `master`, null).
"""

from __future__ import annotations

import io
import json

from .cells import rows_to_csv

COLUMNS = ("Абревиатура", "Употреби", "Определена в", "Разшифровка", "Бележка")
DEFINED_IN_NAMES = {
    "document": "списъка",
    "inline": "текста",
    "master": "общия списък",
    None: "никъде",
}


def table_rows(data: dict) -> list[dict]:
    """One row per abbreviation; `Определена в`: списъка, текста, общия списък or никъде."""
    year = (data.get("programme") or {}).get("year")
    rows = []
    for row in data.get("abbreviations") or []:
        notes = []
        if row["variant_of"]:
            notes.append(f"вариант на {row['variant_of']}")
        if row["outdated"]:
            successor = (row["master"] or {}).get("successor")
            notes.append(
                (f"остаряла през {year} г." if year else "остаряла")
                + (f", сега {successor}" if successor else "")
            )
        rows.append(
            {
                "Абревиатура": row["abbreviation"],
                "Употреби": row["used"],
                "Определена в": DEFINED_IN_NAMES.get(row["defined_in"], row["defined_in"]),
                "Разшифровка": row["expansion"] or "",
                "Бележка": "; ".join(notes),
            }
        )
    return rows


def render(data: dict, fmt: str) -> str:
    if fmt == "json":
        rows = data.get("abbreviations") or []
        return json.dumps(rows, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    rows = table_rows(data)
    if fmt == "csv":
        # a BOM, so Excel reads it as UTF-8
        return "\ufeff" + rows_to_csv(COLUMNS, rows, lineterminator="\n")
    return _text(rows)


def _text(rows: list[dict]) -> str:
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in COLUMNS:
        table.add_column(
            column,
            no_wrap=column in ("Абревиатура", "Определена в"),
            justify="right" if column == "Употреби" else "left",
        )
    for row in rows:
        table.add_row(*(str(row[column]) for column in COLUMNS))
    console = Console(file=io.StringIO(), width=120, color_system=None, highlight=False)
    console.print(table)
    return "".join(line.rstrip() + "\n" for line in console.file.getvalue().splitlines())
