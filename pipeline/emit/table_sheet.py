"""A table sheet of a workbook: bold header, thin grid, wrapped text, widths from the content.

Shared by the extraction workbook (`workbook.py`, `monitoring.py`) and the comparison workbook
(`diff_workbook.py`); row heights and print set-up follow once a sheet is complete
(`sheet_layout.fit_rows`, `set_up_printing`).
"""

from __future__ import annotations

import datetime as dt
from copy import copy

from .cells import append_row
from .sheet_layout import FONT_NAME, FONT_SIZE, content_width

_DATE_COLUMNS = ("Срок от", "Срок до")
_GRID = "A6A6A6"
_WIDE = 34.0  # the widest a column of long text gets: wider reads badly and prints small
# Columns of long text that may wrap to `_WIDE`; any other column wraps at `_NARROW`.
_NARROW = 20.0
_WIDE_COLUMNS = frozenset({
    "Дейност", "Очаквани резултати", "Индикатори", "Стратегическа цел", "Оперативни цели",
    "Разшифровка", "Забележка", "Текст", "Заглавие", "Отчет",
})  # fmt: skip


def use_default_font(workbook) -> None:
    """Arial 10 for every cell: its metrics are what `sheet_layout` wraps text with."""
    from openpyxl.styles import Font
    from openpyxl.utils.indexed_list import IndexedList

    workbook._fonts = IndexedList([Font(name=FONT_NAME, sz=FONT_SIZE, family=2)])


def add_table_sheet(
    workbook, title: str, columns: tuple[str, ...], rows: list[dict], freeze: str = "A2"
):
    """A sheet with a bold frozen header, autofilter, wrapped text and widths from the content."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    line = Side(style="thin", color=_GRID)
    grid = Border(left=line, right=line, top=line, bottom=line)  # printed: rows stay apart
    sheet = workbook.create_sheet(title)
    append_row(sheet, list(columns))
    header_font = Font(name=FONT_NAME, sz=FONT_SIZE, bold=True)
    header_fill = PatternFill("solid", fgColor="DDE7F0")
    for cell in sheet[1]:
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        cell.border = grid
    wrap = Alignment(vertical="top", wrap_text=True)
    for row in rows:
        values = []
        for column in columns:
            value = row.get(column)
            if column in _DATE_COLUMNS and isinstance(value, str):
                value = dt.date.fromisoformat(value)
            values.append(value)
        append_row(sheet, values)
    wrapped = dated = None  # style arrays, copied to each cell: setting a style re-hashes it
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            if isinstance(cell.value, dt.date):
                if dated is None:
                    cell.alignment = wrap
                    cell.border = grid
                    cell.number_format = "DD.MM.YYYY"
                    dated = copy(cell._style)
                cell._style = copy(dated)
            else:
                if wrapped is None:
                    cell.alignment = wrap
                    cell.border = grid
                    wrapped = copy(cell._style)
                cell._style = copy(wrapped)
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        cap = _WIDE if column in _WIDE_COLUMNS else _NARROW
        values = [row.get(column) for row in rows]
        sheet.column_dimensions[letter].width = content_width(values, column, cap=cap)
    sheet.freeze_panes = freeze
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    sheet.print_title_rows = "1:1"
    return sheet
