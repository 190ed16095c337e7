"""Tables continued over PDF pages joined again: one table, whole rows.

A repeated header row is dropped, a row split by the page break is put back together, and a
cell merged over rows keeps its text on every row, also past the break.
"""

from __future__ import annotations

from .pdfparts import Cell, TablePiece


def _continues(previous: TablePiece, item: TablePiece) -> bool:
    """The same table on the next page: same left and right edges and number of columns."""
    return (
        item.page == previous.pages_end + 1
        and item.slots == previous.slots
        and abs(item.left - previous.left) < 3
        and abs(item.right - previous.right) < 3
    )


def merge_tables(items: list) -> list:
    """Join a table that continues on the next page: drop a repeated header row, rejoin a row
    split by the page break (its first cell is empty on the new page) into one whole row."""
    out: list = []
    for item in items:
        previous = out[-1] if out else None
        if not isinstance(item, TablePiece):
            out.append(item)
            continue
        if not (isinstance(previous, TablePiece) and _continues(previous, item)):
            item.pages_end = item.page
            out.append(item)
            continue
        rows = item.rows
        header = previous.rows[0]
        if len(previous.rows) > 1 and _texts(rows[0]) == _texts(header):
            rows = rows[1:]
        last = {cell.column: cell for cell in previous.rows[-1]}
        first_row = previous.rows[-1] is previous.rows[0]  # perhaps the header
        if rows and _is_split_rest(previous.rows[-1], rows[0], first_row):
            for extra in rows[0]:
                target = last.get(extra.column)
                if target is None:
                    previous.rows[-1].append(extra)
                elif not extra.lines:
                    # Empty here, text above: a merged cell running on; its rows below
                    # share these lines and get the text.
                    extra.lines.extend(target.lines)
                else:
                    target.lines.extend(extra.lines)
                    if extra.merged:  # the rows below show the whole text, not its rest
                        extra.lines[:] = target.lines
            previous.rows[-1].sort(key=lambda cell: cell.column)
            rows = rows[1:]
        elif rows:
            for cell in rows[0]:
                above = last.get(cell.column)
                if not cell.lines and above is not None and above.lines:
                    # A merged cell continued on this page: its part here is an empty box over
                    # several rows, or one row tall under a merged cell that runs to the
                    # bottom of the page's table (no one merges empty cells).
                    reaches = above.merged and above.bbox[3] >= previous.bottom - 2
                    if cell.merged or reaches:
                        cell.lines.extend(above.lines)
        previous.rows.extend(rows)
        previous.pages_end = item.page
        previous.bottom = item.bottom
    return out


def _texts(row: list[Cell]) -> list[tuple[int, str]]:
    return [(cell.column, " ".join(cell.text.split())) for cell in row]


def _is_split_rest(above: list[Cell], row: list[Cell], first_row: bool = False) -> bool:
    """The first row on a new page is the rest of the row the page break split when its first
    cell is empty (the label or number fitted on the previous page) or when the text of its
    first cell flows on from the cell above: a wrapped, not ended, line and a lower-case start
    (or capitals after capitals: `СТРАТЕГИЧЕСКА` | `ЦЕЛ:`)."""
    if not any(cell.lines for cell in row):
        return False
    first = min(row, key=lambda cell: cell.column)
    if first.column > 1 or not first.lines:
        return True
    previous = next((cell for cell in above if cell.column == first.column), None)
    if previous is None or not previous.lines:
        return False
    if not first_row and first.text.strip().isdigit() and not previous.text.rstrip()[-1:].isdigit():
        return True  # `Дейност` | `6`: the number of a heading the page break cut off
    if not first_row and _mostly_going_on(above, row):
        return True
    # Lower case goes on a sentence; an all-capitals label goes on an all-capitals one, but
    # only when the cells beside it go on too (`ПАРТНЬОРИ` | `ФИНАНСИРАНЕ`, `От бюджета…` are
    # two rows of capital labels, each whole).
    capitals = (
        first.text.isupper()
        and previous.text.isupper()
        and all(not cell.text[:1].isupper() for cell in row if cell is not first)
    )
    if not (first.text[:1].islower() or capitals):
        return False
    word = first.lines[0].words[0]
    room = previous.bbox[2] - 4 - previous.lines[-1].x1
    return room <= (word.x1 - word.x0) + 6


def _mostly_going_on(above: list[Cell], row: list[Cell]) -> bool:
    """Most filled cells of a wide row start in lower case under a filled cell: the rest of
    sentences the page break cut (`рна институция`, `бюджета на`), whatever the first cell."""
    filled = {cell.column: cell for cell in above if cell.lines}
    going_on = [cell for cell in row if cell.lines and cell.column in filled]
    lower = [cell for cell in going_on if cell.text[:1].islower()]
    return len(going_on) >= 3 and len(lower) * 2 > len(going_on)
