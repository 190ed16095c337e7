"""How a workbook sheet looks on screen and on paper: widths, row heights, print set-up.

Neither Excel nor LibreOffice fits a row to wrapped text written by openpyxl, so the heights are
computed here: every cell is word-wrapped at its column's width with the advance widths of Arial
(LibreOffice's Liberation Sans has the same metrics, as laid out on a 96 dpi pixel grid), and the row gets as many lines as its
tallest cell. Columns are sized from their content; sheets print landscape, fitted to the page's
width, with the header row repeated and the sheet's name and page number in the margins.
"""

from __future__ import annotations

import datetime as dt
import math
from itertools import repeat

FONT_NAME, FONT_SIZE = "Arial", 10  # metric-compatible with Liberation Sans, in every office suite
LINE_HEIGHT = 12.75  # points per line of Arial 10: the default row height of Excel and LibreOffice
ROW_PADDING = 3.0  # points above and below the text
MAX_LINES = 40  # a row taller than a page cannot print; longer cells are cut there anyway
# Column width W (in widths of a digit) is W * 7 + 5 pixels at 96 dpi; the cell's inner padding
# takes two of them, and one more keeps a glyph hinted a pixel wider on some screen in the box.
_DIGIT_PX, _BOX_PX, _PAD_PX = 7, 5, 3

# Advance widths of Arial 10 in whole pixels at 96 dpi (office suites lay text out on a pixel
# grid, each glyph rounded: Liberation Sans, measured), regular and bold.
_REGULAR = {
    3: "ijl'", 4: "frtI .,;:-()„“”/![]", 5: 'г"*', 6: "зкт",
    7: "авеийнопрсухчьяѝГabcdeghknopqsuvxyzJL0123456789–?§_#«»", 8: "бдлцъЗКТУFTZ+=<>",
    9: "жмАБВДЕЛРХЧЬABEKPSVXY&", 10: "юИЙНОПСФЦЯwCDGHNOQRU", 11: "фшщМЪmM", 12: "ЖШЩ%",
    13: "ЮW—…", 14: "№@",
}  # fmt: skip
_BOLD = {
    3: "'", 4: "fijltI .,;:-()/![]", 5: "r*", 6: 'г"', 7: "аезкстухaceksvxyzJ0123456789–„“”§_#«»",
    8: "бвдийлнопрцчьяѝГЗКТУbdghnopquFLTZ?+=<>", 9: "жДЕЛРХЧEPSVXY",
    10: "мъАБВИЙНОПСЦЬЯwABCDGHKNOQRU&", 11: "шщюМФM", 12: "фЖЪm%", 13: "ШW—@…", 14: "ЩЮ", 15: "№",
}  # fmt: skip
_PX = {False: {c: px for px, cs in _REGULAR.items() for c in cs}, True: {c: px for px, cs in _BOLD.items() for c in cs}}  # fmt: skip
_UNKNOWN_PX = 12  # a character not in the tables: as wide as the widest letters


def text_width(text: str, *, bold: bool = False) -> int:
    """Width of one line of Arial 10 text, in pixels at 96 dpi."""
    return sum(map(_PX[bold].get, text, repeat(_UNKNOWN_PX)))


def room(column_width: float) -> int:
    """Pixels a wrapping cell of `column_width` has for its text."""
    return max(int(column_width * _DIGIT_PX + _BOX_PX) - _PAD_PX, 1)


def wrapped_lines(text: str, column_width: float, *, bold: bool = False) -> int:
    """Lines `text` takes in a wrapping cell of `column_width`: breaks at spaces, as Calc does."""
    available = room(column_width)
    space = text_width(" ", bold=bold)
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0
        for word in paragraph.split(" "):
            width = text_width(word, bold=bold)
            if used and used + space + width > available:
                lines += 1
                used = 0
            if width > available:  # a word longer than the column is broken inside
                lines += math.ceil(width / available) - 1
                width = width % available
            used += (space if used else 0) + width
    return lines


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return "00.00.0000"
    return str(value)


def content_width(values: list, header: str, *, cap: float, floor: float = 6.0) -> float:
    """A column's width from its content: its longest line, up to `cap`; never narrower than
    the longest word of the header (which wraps), nor than `floor`."""
    longest = 0
    for value in values:
        for line in cell_text(value).split("\n"):
            longest = max(longest, text_width(line))
    header_word = max((text_width(w, bold=True) for w in header.split()), default=0)
    natural = (max(longest, header_word) + _PAD_PX - _BOX_PX) / _DIGIT_PX + 0.5
    width = max(min(natural, cap), (header_word + _PAD_PX - _BOX_PX) / _DIGIT_PX + 0.5, floor)
    return round(width, 1)


def fit_rows(sheet) -> None:
    """Every row exactly as tall as its tallest wrapped cell (the header row included)."""
    from openpyxl.utils import get_column_letter

    widths = {}
    for column in range(1, sheet.max_column + 1):
        dimension = sheet.column_dimensions.get(get_column_letter(column))
        widths[column] = dimension.width if dimension is not None and dimension.width else 8.43
    merged = {  # a merged cell wraps across all its columns
        (area.min_row, area.min_col): sum(widths[c] for c in range(area.min_col, area.max_col + 1))
        for area in sheet.merged_cells.ranges
    }
    looks: dict[tuple[int, int], tuple[float, bool, bool]] = {}  # per style: reading is slow
    for row in sheet.iter_rows():
        height = LINE_HEIGHT
        for cell in row:
            text = cell_text(cell.value)
            if not text or text.startswith("="):  # a formula's result is short (a status)
                continue
            style = getattr(cell, "_style", None)
            key = (style.fontId, style.alignmentId) if style is not None else (-1, -1)
            if key not in looks:
                font, alignment = cell.font, cell.alignment
                looks[key] = (
                    (font.sz if font and font.sz else FONT_SIZE) / FONT_SIZE,
                    bool(font and font.b),
                    bool(alignment is not None and alignment.wrap_text),
                )
            size, bold, wraps = looks[key]
            width = merged.get((cell.row, cell.column), widths.get(cell.column, 8.43)) / size
            # a cell that does not wrap runs on into the empty cells beside it, on one line
            lines = wrapped_lines(text, width, bold=bold) if wraps else text.count("\n") + 1
            height = max(height, min(lines, MAX_LINES) * LINE_HEIGHT * size)
        sheet.row_dimensions[row[0].row].height = round(height + ROW_PADDING, 2)


def set_up_printing(sheet, *, landscape: bool = True, title_rows: str | None = "1:1") -> None:
    """A4, landscape, fitted to the page's width; header row on every page; name and page."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as it takes
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.page_margins.header = sheet.page_margins.footer = 0.25
    if title_rows:
        sheet.print_title_rows = title_rows
    sheet.oddHeader.center.text = "&A"  # the sheet's name
    sheet.oddFooter.center.text = "стр. &P от &N"
