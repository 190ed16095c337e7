"""Every programme, every year, as one dataset: SQLite tables, lineage, a site and frames.

`load` fills a database (`natprog db`), `read`/`open_db` give pandas frames, `site` serves the
database with Datasette (`natprog browse`); the schema and its documentation are in `schema`.
"""

from __future__ import annotations

from .api import Programme, open_db, read
from .load import LoadReport, load

__all__ = ["LoadReport", "Programme", "load", "open_db", "read"]
