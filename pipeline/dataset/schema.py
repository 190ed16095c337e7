"""The database's schema: opening a dataset (created on first use) and its documentation.

`schema.sql` is the one definition: each column's `--` comment is its documentation, and
`schema_doc()` reads it back from the database itself (`python -m natprog.dataset.schema`).
"""

from __future__ import annotations

import re
import sqlite3
import sys
from importlib.resources import files
from pathlib import Path

from ..errors import OutputError, UnreadableFileError

SCHEMA_VERSION = 1  # PRAGMA user_version of a natprog dataset
_APPLICATION_ID = 0x4E50_4442  # "NPDB": tells a natprog dataset from any other SQLite file
_COMMENT = re.compile(r"--\s*(.*)$")


def schema_sql() -> str:
    return files("natprog.dataset").joinpath("schema.sql").read_text(encoding="utf-8")


def connect(path: Path | str, *, create: bool = True) -> sqlite3.Connection:
    """Open a dataset with foreign keys on; create its tables when the file is new."""
    path = Path(path)
    if not create and not path.is_file():
        raise UnreadableFileError("no such database: run `natprog db` first", path=str(path))
    try:
        connection = sqlite3.connect(path)
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA foreign_keys = ON")
    except sqlite3.OperationalError as error:  # no such folder, no permission
        raise OutputError(
            f"cannot open the database ({error}): check that its folder exists and is "
            "writable, or choose another file with -o",
            path=str(path),
        ) from None
    try:
        application, version = _identity(connection)
    except sqlite3.DatabaseError as error:
        connection.close()
        raise UnreadableFileError(
            f"not an SQLite database ({error}): give another name with -o", path=str(path)
        ) from None
    if application == 0 and version == 0 and _is_empty(connection):
        if not create:
            connection.close()
            raise UnreadableFileError(
                "the database is empty: run `natprog db` first", path=str(path)
            )
        # One transaction for the whole schema: statement by statement, each would be synced.
        connection.executescript(
            f"BEGIN; {schema_sql()}\nPRAGMA application_id = {_APPLICATION_ID};\n"
            f"PRAGMA user_version = {SCHEMA_VERSION};\nCOMMIT;"
        )
    elif application != _APPLICATION_ID or version != SCHEMA_VERSION:
        connection.close()
        what = (
            "a natprog dataset of another version"
            if application == _APPLICATION_ID
            else ("not a natprog dataset")
        )
        raise UnreadableFileError(
            f"{what}: give another file with -o, or delete it to build it again", path=str(path)
        )
    return connection


def _identity(connection: sqlite3.Connection) -> tuple[int, int]:
    application = connection.execute("PRAGMA application_id").fetchone()[0]
    return application, connection.execute("PRAGMA user_version").fetchone()[0]


def _is_empty(connection: sqlite3.Connection) -> bool:
    return connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0


# -- documentation ------------------------------------------------------------------------------


def objects(connection: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """(type, name, sql) of the tables and views a user reads, in the order they were created."""
    rows = connection.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'view') "
        "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'activities_fts_%' ORDER BY rowid"
    )
    return [(row[0], row[1], row[2]) for row in rows]


def descriptions(sql: str) -> tuple[str, dict[str, str]]:
    """The object's own comment (on its first line) and each column's comment, from its SQL."""
    lines = sql.splitlines()
    first = _COMMENT.search(lines[0])
    columns = {}
    for line in lines[1:]:
        comment = _COMMENT.search(line)
        name = line.strip().split(" ", 1)[0]
        if comment and name.isidentifier():
            columns[name] = comment.group(1)
    return (first.group(1) if first else ""), columns


def schema_doc(connection: sqlite3.Connection) -> str:
    """The schema in Markdown, read from a dataset: tables, columns, keys, indexes, views."""
    out = [
        "# The natprog dataset (SQLite)",
        "",
        "Generated from the database by `python -m natprog.dataset.schema > docs/schema.md`;",
        "the descriptions are the comments of `pipeline/dataset/schema.sql`. Do not edit by hand.",
        "",
        f"Schema version {SCHEMA_VERSION} (`PRAGMA user_version`). Foreign keys are declared and",
        "enforced (`PRAGMA foreign_keys = ON` when natprog opens the file); deleting a programme",
        "deletes everything that belongs to it.",
        "",
    ]
    for kind, name, sql in objects(connection):
        about, columns = descriptions(sql)
        out += [f"## {'View' if kind == 'view' else 'Table'} `{name}`", "", about, ""]
        info = connection.execute(f"PRAGMA table_xinfo({name})").fetchall()
        if kind == "table" and "VIRTUAL" in sql.upper():
            out += [
                "An FTS5 full-text index over the columns "
                + ", ".join(f"`{row['name']}`" for row in info if not row["hidden"])
                + " of `activities`; search it with `activities_fts MATCH 'word'`.",
                "",
            ]
            continue
        if kind == "view":
            out += [
                "Columns: " + ", ".join(f"`{row['name']}`" for row in info) + ".",
                "",
                "```sql",
                sql.split("\n", 1)[1].strip(),
                "```",
                "",
            ]
            continue
        foreign = {
            row["from"]: f"→ `{row['table']}.{row['to']}`"
            for row in connection.execute(f"PRAGMA foreign_key_list({name})")
        }
        out += ["| column | type | description |", "|---|---|---|"]
        for row in info:
            column = row["name"]
            notes = []
            if row["pk"]:
                notes.append("primary key")
            if column in foreign:
                notes.append(foreign[column])
            if row["notnull"]:
                notes.append("not null")
            text = columns.get(column, "")
            if notes:
                text = f"{text} ({', '.join(notes)})" if text else ", ".join(notes)
            out.append(f"| `{column}` | {row['type'] or ''} | {text} |")
        indexes = [
            f"`{row['name']}` ({', '.join(c['name'] for c in connection.execute(f'PRAGMA index_info({row[1]})'))})"
            for row in connection.execute(f"PRAGMA index_list({name})")
            if not row["name"].startswith("sqlite_autoindex")
        ]
        if indexes:
            out += ["", "Indexes: " + ", ".join(sorted(indexes)) + "."]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def main() -> None:
    connection = sqlite3.connect(":memory:")
    connection.row_factory = sqlite3.Row
    connection.executescript(schema_sql())
    sys.stdout.write(schema_doc(connection))


if __name__ == "__main__":
    main()
