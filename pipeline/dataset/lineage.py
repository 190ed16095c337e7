"""Activity lineage: which activity of a programme continues which of the programme before it.

Programmes are ordered by year, then version; each is compared with its predecessor by
`natprog diff`'s own matcher and checks, read back from the database rows.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3

from ..models import FIELD_KEYS, Deadline, Provenance
from ..options import Options

# `np2013-v2.docx`, `проект версия 3.pdf`, `НП 2014 редакция 2.txt`: the number after the word.
_VERSION = re.compile(
    r"(?:^|[^a-zа-я])(?:v|ver|version|версия|вариант|редакция|ред)[ ._-]*(\d{1,3})(?!\d)",
    re.IGNORECASE,
)


def version_of(file_name: str) -> int:
    """A draft's version within its year, from its file name; 1 when the name says none."""
    match = _VERSION.search(file_name.rsplit(".", 1)[0])
    return int(match.group(1)) if match else 1


def predecessors(connection: sqlite3.Connection) -> dict[int, int | None]:
    """Each programme -> the one just before it (year, version, path order); None for the first.

    A programme without a year stands alone: nothing says where it belongs.
    """
    rows = connection.execute(
        "SELECT programme_id, year FROM programmes ORDER BY year, version, path"
    ).fetchall()
    out: dict[int, int | None] = {}
    previous = None
    for programme_id, year in rows:
        if year is None:
            out[programme_id] = None
            continue
        out[programme_id] = previous
        previous = programme_id
    return out


def relink(
    connection: sqlite3.Connection, options: Options | None = None, threshold: float | None = None
) -> list[int]:
    """Bring the lineage up to date: relink every programme whose predecessor is not the one
    stored (new, reloaded, or a programme inserted before it) or whose lineage was computed with
    another threshold. Returns the programmes relinked."""
    from ..diff import DEFAULT_THRESHOLD

    options = options or Options()
    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    stored = {
        row[0]: (row[1], row[2])
        for row in connection.execute(
            "SELECT programme_id, predecessor_id, lineage_threshold FROM programmes"
        )
    }
    relinked = []
    for programme_id, previous in predecessors(connection).items():
        wanted = (previous, threshold) if previous is not None else (None, None)
        if stored[programme_id] == wanted:
            continue  # up to date (the first programme has no lineage at all)
        with connection:
            _link(connection, programme_id, previous, options, threshold)
        relinked.append(programme_id)
    return relinked


def _link(
    connection: sqlite3.Connection,
    programme_id: int,
    previous: int | None,
    options: Options,
    threshold: float,
) -> None:
    from ..diff import compare

    connection.execute(
        "DELETE FROM lineage WHERE activity_id IN "
        "(SELECT activity_id FROM activities WHERE programme_id = ?)",
        (programme_id,),
    )
    connection.execute(
        "DELETE FROM findings WHERE programme_id = ? AND origin = 'lineage'", (programme_id,)
    )
    connection.execute(
        "UPDATE programmes SET predecessor_id = ?, lineage_threshold = ? WHERE programme_id = ?",
        (previous, threshold if previous is not None else None, programme_id),
    )
    if previous is None:
        return
    old, old_keys = draft_of(connection, previous)
    new, new_keys = draft_of(connection, programme_id)
    result = compare(old, new, options, threshold)
    keys = {id(activity): key for activity, key in [*old_keys, *new_keys]}
    connection.executemany(
        "INSERT INTO lineage (activity_id, previous_activity_id, score, method, changed_fields,"
        " renumbered) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (
                keys[id(match.new)],
                keys[id(match.old)],
                round(match.score, 1),
                match.method,
                ",".join(change.field for change in match.changes),
                int(match.renumbered),
            )
            for match in result.matches
        ],
    )
    by_id: dict[str, int] = {}
    for activity, key in new_keys:
        by_id.setdefault(activity.id, key)
    from .write import insert_findings

    insert_findings(
        connection,
        programme_id,
        [finding.to_dict() for finding in result.findings],
        by_id,
        origin="lineage",
    )


def draft_of(connection: sqlite3.Connection, programme_id: int):
    """The comparable `Draft` of a stored programme, and (activity, activity_id) pairs."""
    from ..diff.model import Draft, DraftActivity, DraftField, DraftGlossaryEntry, DraftSection

    programme = connection.execute(
        "SELECT * FROM programmes WHERE programme_id = ?", (programme_id,)
    ).fetchone()
    pairs = []
    for row in connection.execute(
        "SELECT * FROM activities WHERE programme_id = ? ORDER BY activity_id", (programme_id,)
    ):
        source = Provenance(
            page=row["source_page"], paragraph=row["source_paragraph"], line=row["source_line"]
        )
        fields = tuple(
            DraftField(
                key=key,
                text=row[key],
                deadline=_deadline(row) if key == "deadline" else None,
                source=source,
            )
            for key in FIELD_KEYS
        )
        activity = DraftActivity(
            id=row["id"],
            section=row["section"],
            number=row["number"],
            title=row["title"],
            fields=fields,
            source=source,
        )
        pairs.append((activity, row["activity_id"]))
    sections = tuple(
        DraftSection(row["number"], row["numeral"], row["title"])
        for row in connection.execute(
            "SELECT * FROM sections WHERE programme_id = ? ORDER BY section_id", (programme_id,)
        )
    )
    glossary = tuple(
        DraftGlossaryEntry(row["abbreviation"], row["expansion"])
        for row in connection.execute(
            "SELECT * FROM glossary WHERE programme_id = ? ORDER BY glossary_id", (programme_id,)
        )
    )
    draft = Draft(
        file=programme["file"],
        format=programme["format"],
        sha256=programme["sha256"],
        title=programme["title"],
        year=programme["year"],
        draft=bool(programme["draft"]),
        sections=sections,
        activities=tuple(activity for activity, _ in pairs),
        glossary=glossary,
        origin="json",
    )
    return draft, pairs


def _deadline(row: sqlite3.Row) -> Deadline:
    start, end = row["deadline_start"], row["deadline_end"]
    return Deadline(
        row["deadline"],
        row["deadline_kind"] or "unknown",
        dt.date.fromisoformat(start) if start else None,
        dt.date.fromisoformat(end) if end else None,
    )
