"""Cell values that are text stay text: the one guard against formula injection in XLSX and CSV.

Draft text, file names and institution names come from outside; a spreadsheet must never run them.
Only a `Formula` natprog itself builds becomes a live formula; every writer goes through here.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence

# Characters a spreadsheet reads as the start of a formula (OWASP "CSV injection"): = + - @,
# and tab/CR, which some programs strip before looking at the first character.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# XML 1.0 forbids these in a worksheet; openpyxl refuses them (IllegalCharacterError).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class Formula(str):
    """A formula natprog wrote itself (e.g. the status mirrored into `Срокове`)."""


def xlsx_value(value):
    """A value as it may go into a worksheet: text without characters XML forbids."""
    if isinstance(value, str) and not isinstance(value, Formula):
        return _ILLEGAL.sub("\ufffd", value)
    return value


def append_row(sheet, values: Sequence) -> None:
    """Append one row; text that looks like a formula (or an error code) stays text."""
    values = [xlsx_value(value) for value in values]
    sheet.append(values)
    row = sheet.max_row
    for column, value in enumerate(values, start=1):
        if isinstance(value, str) and not isinstance(value, Formula):
            cell = sheet.cell(row, column)
            if cell.data_type in (
                "f",
                "e",
            ):  # openpyxl guessed "=..." is a formula, "#N/A" an error
                cell.data_type = "s"


def csv_value(value) -> str:
    """One CSV cell, escaped the OWASP way: text a spreadsheet would evaluate gets a leading `'`."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def rows_to_csv(
    columns: Sequence[str], rows: Iterable[Mapping], *, lineterminator: str = "\r\n"
) -> str:
    """CSV text of `rows` (dicts keyed by `columns`), every cell through `csv_value`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=lineterminator)
    writer.writerow([csv_value(column) for column in columns])
    for row in rows:
        writer.writerow([csv_value(row.get(column)) for column in columns])
    return buffer.getvalue()
