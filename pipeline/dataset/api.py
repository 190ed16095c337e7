"""The Python API for analysts: one programme as pandas frames, or the whole dataset.

`natprog.read(path)` reads a draft or its extraction JSON; `natprog.open_db(path)` gives one
frame per table and view of a dataset built by `natprog db`. pandas is imported only here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..options import Options
from . import records

if TYPE_CHECKING:
    import pandas


@dataclass(frozen=True)
class Programme:
    """One programme as its extraction JSON holds it (`data`), with frames of its parts."""

    data: dict

    @property
    def year(self) -> int | None:
        return (self.data.get("programme") or {}).get("year")

    @property
    def title(self) -> str | None:
        return (self.data.get("programme") or {}).get("title")

    @property
    def file(self) -> str:
        return self.data["source"]["file"]

    def activities_frame(self) -> pandas.DataFrame:
        """One row per activity: `id`, `section`, `number`, `title`, the six fields as text,
        `deadline_kind`/`deadline_start`/`deadline_end` (dates), `source_page`/`_paragraph`/`_line`."""
        import pandas

        frame = pandas.DataFrame(
            [records.activity_row(a) for a in self.data.get("activities", [])],
            columns=list(records.ACTIVITY_COLUMNS),
        )
        for column in ("deadline_start", "deadline_end"):
            frame[column] = pandas.to_datetime(frame[column])
        return frame

    def findings_frame(self) -> pandas.DataFrame:
        """One row per finding: `code`, `severity`, `message`, `text`, `suggestion` and the
        location's `section`, `activity`, `field`, `page`, `paragraph`, `line`."""
        import pandas

        return pandas.DataFrame(
            [records.finding_row(f) for f in self.data.get("findings", [])],
            columns=list(records.FINDING_COLUMNS),
        )

    def institutions_frame(self) -> pandas.DataFrame:
        """One row per institution, as the JSON's `institutions[]` (the activity ids it leads
        and partners are lists)."""
        import pandas

        return pandas.DataFrame(
            [records.institution_row(i) for i in self.data.get("institutions", [])],
            columns=list(records.INSTITUTION_COLUMNS),
        )


def read(path: Path | str, options: Options | None = None) -> Programme:
    """A draft (DOCX, PDF, TXT, …) or the JSON `natprog extract` wrote for it, as a `Programme`."""
    from ..diff.load import looks_like_json, parse_json, validate_extraction
    from ..ingest import read_input

    path = Path(path)
    options = options or Options()
    data, _kind = read_input(path, options)
    if looks_like_json(data):
        extraction = parse_json(data, str(path))
        validate_extraction(extraction, str(path))
        return Programme(extraction)
    from ..run import process

    return Programme(process(path, options).to_dict())


def open_db(path: Path | str) -> dict[str, pandas.DataFrame]:
    """Every table and view of a dataset as a pandas frame, by name (`frames["activities"]`)."""
    import pandas

    from .schema import connect, objects

    connection = connect(path, create=False)
    try:
        return {
            name: pandas.read_sql_query(f'SELECT * FROM "{name}"', connection)
            for kind, name, sql in objects(connection)
            if "VIRTUAL" not in sql.upper()
        }
    finally:
        connection.close()
