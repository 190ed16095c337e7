"""The institutions table: who leads and who partners which activities, as CSV and sheet rows.

Rows come from the serialized `institutions` key, so the CSV and the XLSX sheet agree.
"""

from __future__ import annotations

from pathlib import Path

from .atomic import write_text
from .original import Original

INSTITUTION_COLUMNS: tuple[str, ...] = (
    "Институция",
    "Абревиатура",
    "Разшифровка",
    "Място",
    "Определена в",
    "Отговорна (брой)",
    "Партньор (брой)",
    "Отговорна за дейности",
    "Партньор в дейности",
    "Изписване",
)
DEFINED_IN_NAMES = {
    "document": "документа",
    "inline": "текста",
    "master": "общия списък",
    None: "неизвестна",
}


def institution_rows(data: dict) -> list[dict]:
    return [
        {
            "Институция": row["name"],
            "Абревиатура": row["abbreviation"],
            "Разшифровка": row["expansion"],
            "Място": row["place"],
            "Определена в": DEFINED_IN_NAMES.get(row["defined_in"], row["defined_in"]),
            "Отговорна (брой)": row["responsible_count"],
            "Партньор (брой)": row["partners_count"],
            "Отговорна за дейности": ", ".join(row["responsible"]),
            "Партньор в дейности": ", ".join(row["partners"]),
            "Изписване": "; ".join(row["written"]),
        }
        for row in data.get("institutions") or []
    ]


def write_institutions_csv(data: dict, path: Path, original: Original) -> Path:
    from .cells import rows_to_csv

    return write_text(
        path, rows_to_csv(INSTITUTION_COLUMNS, institution_rows(data)), encoding="utf-8-sig"
    )
