"""Backend-neutral PDF layout: words and table grids of each page in, blocks in reading order out.

Both PDF engines (pdfplumber, pypdfium2) produce `PageContent`; everything after that — table
cells, lines, paragraphs, running headers and footers, tables continued across pages — is here,
so the two engines cannot drift apart in how they read a page.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ..models import Block, Provenance
from .hyphenation import join_forced_break, keep_hyphen
from .pdfcolumns import Region, find_regions

# Running headers/footers are looked for among the first/last lines of a page, in this outer
# fraction of its height, and must recur at the same height on several pages.
_FURNITURE_ZONE = 0.2
_FURNITURE_LINES = 3
_SAME_PLACE = 4.0  # points
_PAGE_NUMBER = re.compile(
    r"^[-–—\s]*((стр\.?|страница|page)\s*)?\d{1,4}(\s*(/|от|of)\s*\d{1,4})?[-–—\s]*$",
    re.IGNORECASE,
)


# -- the contract between PDF engines: keep backward compatible -------------------------------------
@dataclass(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    bold: bool = False


@dataclass(slots=True)
class Grid:
    """A ruled table found on a page: rows of cell boxes (None for a spanned-over slot)."""

    bbox: tuple[float, float, float, float]
    rows: list[list[tuple[float, float, float, float] | None]]


@dataclass(slots=True)
class PageContent:
    number: int
    width: float
    height: float
    words: list[Word]
    grids: list[Grid] = field(default_factory=list)


# -- internal ---------------------------------------------------------------------------------------
@dataclass(slots=True)
class _Line:
    words: list[Word]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def bold(self) -> bool:
        return all(w.bold for w in self.words)


@dataclass(slots=True)
class _Cell:
    lines: list[_Line]
    bbox: tuple[float, float, float, float]
    page: int
    column: int  # 1-based slot in the grid row, so spanned slots keep later cells in place
    merged: bool = False  # the box reaches below its row: merged with the cells under it

    @property
    def text(self) -> str:
        return join_lines(self.lines, self.bbox[2] - 4) if self.lines else ""

    @property
    def bold(self) -> bool:
        return bool(self.lines) and all(line.bold for line in self.lines)


@dataclass(slots=True)
class _TablePiece:
    page: int
    top: float
    bottom: float
    left: float
    right: float
    slots: int
    rows: list[list[_Cell]]
    pages_end: int = 0


@dataclass(slots=True)
class _Paragraph:
    page: int
    top: float
    text: str
    bbox: tuple[float, float, float, float]
    bold: bool


@dataclass(slots=True)
class _Page:
    content: PageContent
    lines: list[_Line]  # words outside tables, as lines, top to bottom
    tables: list[_TablePiece]


def group_lines(words: list[Word]) -> list[_Line]:
    """Words into lines: same baseline band, left to right."""
    lines: list[_Line] = []
    for word in sorted(words, key=lambda w: (round(w.top, 1), w.x0)):
        if lines:
            last = lines[-1]
            height = max(last.bottom - last.top, 1.0)
            if abs(word.top - last.words[-1].top) <= height * 0.4:
                last.words.append(word)
                continue
        lines.append(_Line([word]))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    lines.sort(key=lambda line: (line.top, line.x0))
    return lines


def join_lines(lines: list[_Line], right_edge: float) -> str:
    """Lines of one cell or paragraph into text: wrapped lines joined, hard breaks kept.

    A line that stops well short of the right edge, leaving room for the next line's first word,
    was ended by the author (a paragraph or line break), not by wrapping. A line-end hyphen is a
    hyphenation or a compound's hyphen (see `hyphenation`); a one-word line filling the width
    followed by a lower-case fragment is a word the cell was too narrow for.
    """
    out = ""
    for index, line in enumerate(lines):
        text = line.text
        if index == 0:
            out = text
            continue
        previous = lines[index - 1]
        first_word = line.words[0]
        room = right_edge - previous.x1
        gap = line.top - previous.bottom
        if room > (first_word.x1 - first_word.x0) + 6 or gap > (previous.bottom - previous.top):
            out += "\n" + text  # ended by the author, or paragraph spacing before the line
        elif out.endswith("\u00ad"):
            out = out[:-1] + text
        elif out.endswith("-") and out[-2:-1].isalpha() and text[:1].isalnum():
            out = out + text if keep_hyphen(out[:-1], text) else out[:-1] + text
        elif (
            len(previous.words) == 1
            and room < _char_width(previous) * 1.5
            and join_forced_break(out, text)
        ):
            out += text
        else:
            out += " " + text
    return out


def _char_width(line: _Line) -> float:
    return (line.x1 - line.x0) / max(len(line.text), 1)


def _read_page(page: PageContent) -> _Page:
    """Table cells with their lines, and the lines of the words outside any table."""
    used: set[int] = set()
    centers = [((w.x0 + w.x1) / 2, (w.top + w.bottom) / 2) for w in page.words]
    tables = []
    for grid in page.grids:
        # Only words inside the grid, then inside the row, are tried against a cell's box.
        candidates = [i for i, center in enumerate(centers) if _within(center, grid.bbox)]
        rows = []
        above: dict[int, _Cell] = {}  # slot -> the last cell seen in it
        for row_boxes in grid.rows:
            present = [box for box in row_boxes if box is not None]
            if not present:
                continue
            row_top = min(box[1] for box in present)
            row_bottom = min(box[3] for box in present)
            reach = max(box[3] for box in present)
            in_row = [i for i in candidates if i not in used and row_top <= centers[i][1] <= reach]
            cells = []
            for slot, box in enumerate(row_boxes, start=1):
                if box is None:
                    # A cell merged over several rows: its text holds for this row too. The
                    # lines are shared, so text joined to it later shows on every row.
                    tall = above.get(slot)
                    if tall is not None and tall.bbox[1] < row_top < tall.bbox[3] - 1:
                        cells.append(_Cell(tall.lines, tall.bbox, page.number, slot, True))
                    continue
                inner = [i for i in in_row if i not in used and _within(centers[i], box)]
                used.update(inner)
                lines = group_lines([page.words[i] for i in inner])
                cell = _Cell(lines, box, page.number, slot, box[3] > row_bottom + 1)
                above[slot] = cell
                cells.append(cell)
            if cells:
                rows.append(cells)
        if rows:
            x0, top, x1, bottom = grid.bbox
            slots = max(len(row) for row in grid.rows)
            tables.append(_TablePiece(page.number, top, bottom, x0, x1, slots, rows))
    free = [w for i, w in enumerate(page.words) if i not in used]
    return _Page(page, group_lines(free), tables)


def _within(center: tuple[float, float], box: tuple[float, float, float, float]) -> bool:
    return box[0] <= center[0] <= box[2] and box[1] <= center[1] <= box[3]


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()))


def _edge_lines(page: _Page) -> list[tuple[_Line, bool]]:
    """The first and last lines of a page, outside its tables: (line, is_header) candidates."""
    height = page.content.height
    tables_top = min((t.top for t in page.tables), default=math.inf)
    tables_bottom = max((t.bottom for t in page.tables), default=-math.inf)
    out: list[tuple[_Line, bool]] = []
    for line in page.lines[:_FURNITURE_LINES]:
        if line.bottom > height * _FURNITURE_ZONE or (line.top + line.bottom) / 2 > tables_top:
            break
        out.append((line, True))
    taken = {id(line) for line, _ in out}
    for line in reversed(page.lines[-_FURNITURE_LINES:]):
        if id(line) in taken or line.top < height * (1 - _FURNITURE_ZONE):
            break
        if (line.top + line.bottom) / 2 < tables_bottom:
            break
        out.append((line, False))
    return out


def _find_furniture(pages: list[_Page]) -> dict[int, tuple[_Line, bool]]:
    """id(line) -> (line, is_header) for running headers, footers and page numbers.

    A line is furniture when the same line sits at the same height on several pages of the same
    size — 2 pages, or 40% of them in a long document — or when it is a page number at the top
    or bottom edge. "The same line" is the same text, or the same text but for a number that
    runs with the page number (`Стр. 3 от 19` on page 3, `Стр. 4 от 19` on page 4). Body text
    near an edge (a label at the foot of a page, `Дейност 3` at the head of one) recurs like
    that only by a rare accident.
    """
    sizes: dict[tuple[int, int], int] = {}
    candidates = []
    for page in pages:
        size = _size(page.content)
        sizes[size] = sizes.get(size, 0) + 1
        for line, head in _edge_lines(page):
            numbers = [int(n) for n in re.findall(r"\d+", line.text)]
            candidates.append((size, page.content.number, line, head, numbers))
    places: dict[tuple, list] = {}
    for size, number, line, head, numbers in candidates:
        key = (size, _furniture_key(line.text), head)
        places.setdefault(key, []).append((number, _edge(line, head), line.text, numbers))
    out: dict[int, tuple[_Line, bool]] = {}
    for size, _number, line, head, numbers in candidates:
        count = sizes[size]
        needed = max(2, math.ceil(0.4 * count)) if count > 4 else 2
        edge = _edge(line, head)
        same = [
            entry
            for entry in places[(size, _furniture_key(line.text), head)]
            if abs(entry[1] - edge) <= _SAME_PLACE
        ]
        identical = {n for n, _, text, _ in same if text == line.text}
        running = {n for n, _, _, _ in same} if _runs_with_page(same, len(numbers)) else set()
        if max(len(identical), len(running)) >= needed or _PAGE_NUMBER.match(line.text):
            out[id(line)] = (line, head)
    return out


def _edge(line: _Line, head: bool) -> float:
    return line.top if head else line.bottom


def _runs_with_page(same: list, count: int) -> bool:
    """Some number of the line is the page number plus a constant on every page it is on."""
    return any(
        len({numbers[i] - page for page, _, _, numbers in same if len(numbers) > i}) == 1
        for i in range(count)
    )


def _size(page: PageContent) -> tuple[int, int]:
    return round(page.width), round(page.height)


def layout(pages: list[PageContent]) -> tuple[list[Block], list[Block], list[Block]]:
    """Body, header and footer blocks of the whole document, in reading order."""
    read = [_read_page(page) for page in pages]
    furniture = _find_furniture(read)
    headers, footers = _furniture_blocks(read, furniture)
    bodies = [[line for line in page.lines if id(line) not in furniture] for page in read]
    regions = [find_regions(body) for body in bodies]
    # The right margin of body text, per page size: a line short of it was ended by the author.
    right_edges: dict[tuple[int, int], float] = {}
    for page, body in zip(read, bodies, strict=True):
        size = _size(page.content)
        for line in body:
            right_edges[size] = max(right_edges.get(size, 0.0), line.x1)
    # The right edge of a borderless value column: its widest line anywhere in the document.
    value_edges: dict[int, float] = {}
    for region in (region for found in regions for region in found):
        for row in region.rows:
            for _, value in row:
                if value:
                    key = round(region.split)
                    value_edges[key] = max(value_edges.get(key, 0.0), value[-1].x1)
    items: list[_Paragraph | _TablePiece] = []
    for page, body, found in zip(read, bodies, regions, strict=True):
        number = page.content.number
        right = right_edges.get(_size(page.content), page.content.width)
        items.extend(page.tables)
        inside: set[int] = set()
        for region in found:
            items.append(_region_table(region, number, value_edges.get(round(region.split), right)))
            inside.update(id(line) for line in region.lines)
        body = [line for line in body if id(line) not in inside]
        items.extend(_paragraphs(body, number, right))
    items.sort(key=lambda item: (item.page, item.top))
    return _blocks(_merge_tables(items)), headers, footers


def _furniture_blocks(
    pages: list[_Page], furniture: dict[int, tuple[_Line, bool]]
) -> tuple[list[Block], list[Block]]:
    """Header and footer blocks, each distinct line (digits aside) once, where first seen."""
    headers: list[Block] = []
    footers: list[Block] = []
    seen: set[str] = set()
    for page in pages:
        for line in page.lines:
            marked = furniture.get(id(line))
            if marked is None:
                continue
            key = ("h" if marked[1] else "f") + _furniture_key(line.text)
            if key in seen:
                continue
            seen.add(key)
            block = Block(
                text=line.text,
                prov=Provenance(
                    page=page.content.number,
                    bbox=(line.x0, line.top, line.x1, line.bottom),
                    part="header" if marked[1] else "footer",
                ),
                bold=line.bold,
            )
            (headers if marked[1] else footers).append(block)
    return headers, footers


def _region_table(region: Region, page: int, right_edge: float) -> _TablePiece:
    """A borderless label | value table as the pieces a ruled one gives."""
    rows = []
    for row in region.rows:
        words = [w for label, value in row for w in label + value]
        top, bottom = min(w.top for w in words), max(w.bottom for w in words)
        label = group_lines([w for words, _ in row for w in words])
        value = group_lines([w for _, words in row for w in words])
        rows.append(
            [
                _Cell(label, (region.left - 2, top, region.split - 2, bottom), page, 1),
                _Cell(value, (region.split - 2, top, right_edge + 4, bottom), page, 2),
            ]
        )
    top, bottom = rows[0][0].bbox[1], rows[-1][0].bbox[3]
    return _TablePiece(page, top, bottom, region.left - 2, right_edge + 4, 2, rows)


def _paragraphs(lines: list[_Line], page: int, right_edge: float) -> list[_Paragraph]:
    """Lines into paragraphs: a new one after a vertical gap or after a line the author ended."""
    groups: list[list[_Line]] = []
    for line in lines:
        if groups:
            previous = groups[-1][-1]
            height = max(previous.bottom - previous.top, 1.0)
            gap = line.top - previous.bottom
            first_word = line.words[0]
            ended = right_edge - previous.x1 > (first_word.x1 - first_word.x0) + 6
            indented = line.x0 - groups[-1][0].x0 > 12
            if gap <= height * 0.6 and not ended and not (indented and len(groups[-1]) == 1):
                groups[-1].append(line)
                continue
        groups.append([line])
    out = []
    for group in groups:
        x0 = min(li.x0 for li in group)
        x1 = max(li.x1 for li in group)
        out.append(
            _Paragraph(
                page,
                group[0].top,
                join_lines(group, right_edge),
                (x0, group[0].top, x1, group[-1].bottom),
                all(li.bold for li in group),
            )
        )
    return out


def _continues(previous: _TablePiece, item: _TablePiece) -> bool:
    """The same table on the next page: same left and right edges and number of columns."""
    return (
        item.page == previous.pages_end + 1
        and item.slots == previous.slots
        and abs(item.left - previous.left) < 3
        and abs(item.right - previous.right) < 3
    )


def _merge_tables(items: list) -> list:
    """Join a table that continues on the next page: drop a repeated header row, rejoin a row
    split by the page break (its first cell is empty on the new page) into one whole row."""
    out: list = []
    for item in items:
        previous = out[-1] if out else None
        if not isinstance(item, _TablePiece):
            out.append(item)
            continue
        if not (isinstance(previous, _TablePiece) and _continues(previous, item)):
            item.pages_end = item.page
            out.append(item)
            continue
        rows = item.rows
        header = previous.rows[0]
        if len(previous.rows) > 1 and _texts(rows[0]) == _texts(header):
            rows = rows[1:]
        last = {cell.column: cell for cell in previous.rows[-1]}
        if rows and _is_split_rest(previous.rows[-1], rows[0]):
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
                if cell.merged and not cell.lines and above is not None and above.merged:
                    cell.lines.extend(above.lines)  # a merged cell continued on this page
        previous.rows.extend(rows)
        previous.pages_end = item.page
        previous.bottom = item.bottom
    return out


def _texts(row: list[_Cell]) -> list[tuple[int, str]]:
    return [(cell.column, " ".join(cell.text.split())) for cell in row]


def _is_split_rest(above: list[_Cell], row: list[_Cell]) -> bool:
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
    # Lower case goes on a sentence; an all-capitals label goes on an all-capitals one.
    capitals = first.text.isupper() and previous.text.isupper()
    if not (first.text[:1].islower() or capitals):
        return False
    word = first.lines[0].words[0]
    room = previous.bbox[2] - 4 - previous.lines[-1].x1
    return room <= (word.x1 - word.x0) + 6


def _blocks(items: list) -> list[Block]:
    blocks: list[Block] = []
    table_index = 0
    for item in items:
        if isinstance(item, _Paragraph):
            blocks.append(
                Block(
                    text=item.text, prov=Provenance(page=item.page, bbox=item.bbox), bold=item.bold
                )
            )
            continue
        table_index += 1
        for row_index, row in enumerate(item.rows, start=1):
            for cell in row:
                text = cell.text
                if not text.strip():
                    continue
                blocks.append(
                    Block(
                        text=text,
                        prov=Provenance(
                            page=cell.page,
                            bbox=cell.bbox,
                            table=table_index,
                            row=row_index,
                            cell=cell.column,
                        ),
                        bold=cell.bold,
                    )
                )
    return blocks
