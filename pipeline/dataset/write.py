"""Writing one extraction's rows into the dataset's tables (inside the caller's transaction).

`load` writes a whole programme; `lineage` writes the findings of a comparison.
"""

from __future__ import annotations

import sqlite3

from . import records


def insert_programme(
    connection: sqlite3.Connection, programme_id: int, year: int | None, version: int, data: dict
) -> dict[str, int]:
    """Sections, goals, activities, institutions, roles and glossary; returns id -> activity_id
    (the first activity of a repeated id)."""
    section_ids: dict[int | None, int] = {}
    for section in data.get("sections", []):
        section_id = connection.execute(
            "INSERT INTO sections (programme_id, number, numeral, title, strategic_goal)"
            " VALUES (?, ?, ?, ?, ?)",
            (
                programme_id,
                section.get("number"),
                section["numeral"],
                section.get("title"),
                section.get("strategic_goal"),
            ),
        ).lastrowid
        section_ids.setdefault(section.get("number"), section_id)
        connection.executemany(
            "INSERT INTO goals (section_id, programme_id, number, text) VALUES (?, ?, ?, ?)",
            [
                (section_id, programme_id, goal.get("number"), goal.get("text"))
                for goal in section.get("operational_goals", [])
            ],
        )
    columns = ("programme_id", "section_id", "year", "version", *records.ACTIVITY_COLUMNS)
    insert = (
        f"INSERT INTO activities ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    )
    by_id: dict[str, int] = {}
    activity_roles = []
    for activity in data["activities"]:
        row = records.activity_row(activity)
        values = (programme_id, section_ids.get(row["section"]), year, version, *row.values())
        activity_id = connection.execute(insert, values).lastrowid
        by_id.setdefault(row["id"], activity_id)
        activity_roles += [(activity_id, *role) for role in records.roles(activity)]

    institutions = data.get("institutions", [])
    institution_ids = {}
    for item in institutions:
        institution_ids[item["name"]] = connection.execute(
            "INSERT INTO institutions (programme_id, name, abbreviation, expansion, place,"
            " defined_in, responsible_count, partners_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                programme_id,
                item["name"],
                item.get("abbreviation"),
                item.get("expansion"),
                item.get("place"),
                item.get("defined_in"),
                item.get("responsible_count", len(item.get("responsible", []))),
                item.get("partners_count", len(item.get("partners", []))),
            ),
        ).lastrowid
    names = records.institution_names(institutions)
    connection.executemany(
        "INSERT OR IGNORE INTO roles (activity_id, institution_id, role, written) VALUES (?, ?, ?, ?)",
        [
            (activity_id, institution_ids[names[written]], role, written)
            for activity_id, role, written in activity_roles
            if names.get(written) in institution_ids
        ],
    )
    connection.executemany(
        "INSERT INTO glossary (programme_id, abbreviation, expansion) VALUES (?, ?, ?)",
        [
            (programme_id, entry["abbreviation"], entry.get("expansion"))
            for entry in data.get("glossary", [])
        ],
    )
    return by_id


def insert_findings(
    connection: sqlite3.Connection,
    programme_id: int,
    findings: list[dict],
    activity_ids: dict[str, int],
    origin: str = "draft",
) -> None:
    columns = ("programme_id", "activity_id", "origin", *records.FINDING_COLUMNS)
    connection.executemany(
        f"INSERT INTO findings ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        [
            (programme_id, activity_ids.get(row["activity"]), origin, *row.values())
            for row in map(records.finding_row, findings)
        ],
    )
