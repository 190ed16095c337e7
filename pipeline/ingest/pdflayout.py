"""Backend-neutral PDF layout: words and table grids of each page in, blocks in reading order out.

Both PDF engines (pdfplumber, pypdfium2) produce `PageContent`; everything after that — table
cells, lines, paragraphs, running headers and footers (`pdffurniture`), borderless tables
(`pdfcolumns`), tables continued across pages (`pdftables`) — starts here, so the two engines
cannot drift apart in how they read a page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Block, Provenance
from .pdfcolumns import Region, find_regions
from .pdffurniture import find_furniture, furniture_blocks, page_size
from .pdfparts import Cell, Line, PageParts, TablePiece, TextBlock, group_lines, join_lines
from .pdftables import merge_tables

__all__ = ["Grid", "PageContent", "Word", "group_lines", "join_lines", "layout"]


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


def _read_page(page: PageContent) -> PageParts:
    """Table cells with their lines, and the lines of the words outside any table."""
    used: set[int] = set()
    centers = [((w.x0 + w.x1) / 2, (w.top + w.bottom) / 2) for w in page.words]
    tables = []
    for grid in page.grids:
        # Only words inside the grid, then inside the row, are tried against a cell's box.
        candidates = [i for i, center in enumerate(centers) if _within(center, grid.bbox)]
        rows = []
        above: dict[int, Cell] = {}  # slot -> the last cell seen in it
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
                        cells.append(Cell(tall.lines, tall.bbox, page.number, slot, True))
                    continue
                inner = [i for i in in_row if i not in used and _within(centers[i], box)]
                used.update(inner)
                lines = group_lines([page.words[i] for i in inner])
                cell = Cell(lines, box, page.number, slot, box[3] > row_bottom + 1)
                above[slot] = cell
                cells.append(cell)
            if cells:
                rows.append(cells)
        if rows:
            x0, top, x1, bottom = grid.bbox
            slots = max(len(row) for row in grid.rows)
            tables.append(TablePiece(page.number, top, bottom, x0, x1, slots, rows))
    free = [w for i, w in enumerate(page.words) if i not in used]
    return PageParts(page, group_lines(free), tables)


def _within(center: tuple[float, float], box: tuple[float, float, float, float]) -> bool:
    return box[0] <= center[0] <= box[2] and box[1] <= center[1] <= box[3]


def layout(pages: list[PageContent]) -> tuple[list[Block], list[Block], list[Block]]:
    """Body, header and footer blocks of the whole document, in reading order."""
    read = [_read_page(page) for page in pages]
    furniture = find_furniture(read)
    headers, footers = furniture_blocks(read, furniture)
    bodies = [[line for line in page.lines if id(line) not in furniture] for page in read]
    regions = [find_regions(body) for body in bodies]
    # A table's columns, once found, are believed on every page: its last rows alone on a page
    # are too few to find them there.
    known = frozenset(round(region.split / 2) for found in regions for region in found)
    if known:
        regions = [find_regions(body, known) for body in bodies]
    # The right margin of body text, per page size: a line short of it was ended by the author.
    right_edges: dict[tuple[int, int], float] = {}
    for page, body in zip(read, bodies, strict=True):
        size = page_size(page.content)
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
    items: list[TextBlock | TablePiece] = []
    for page, body, found in zip(read, bodies, regions, strict=True):
        number = page.content.number
        right = right_edges.get(page_size(page.content), page.content.width)
        items.extend(page.tables)
        inside: set[int] = set()
        for region in found:
            items.append(_region_table(region, number, value_edges.get(round(region.split), right)))
            inside.update(id(line) for line in region.lines)
        body = [line for line in body if id(line) not in inside]
        items.extend(_paragraphs(body, number, right))
    items.sort(key=lambda item: (item.page, item.top))
    return _blocks(merge_tables(items)), headers, footers


def _region_table(region: Region, page: int, right_edge: float) -> TablePiece:
    """A borderless label | value table as the pieces a ruled one gives. A label cell ends
    where its widest line does: the value column starts a padding or two further right."""
    label_right = max((w.x1 for row in region.rows for words, _ in row for w in words), default=0)
    label_right = min(label_right, region.split - 2)
    rows = []
    for row in region.rows:
        words = [w for label, value in row for w in label + value]
        top, bottom = min(w.top for w in words), max(w.bottom for w in words)
        label = group_lines([w for words, _ in row for w in words])
        value = group_lines([w for _, words in row for w in words])
        rows.append(
            [
                Cell(label, (region.left - 2, top, label_right + 2, bottom), page, 1),
                Cell(value, (region.split - 2, top, right_edge + 4, bottom), page, 2),
            ]
        )
    top, bottom = rows[0][0].bbox[1], rows[-1][0].bbox[3]
    return TablePiece(page, top, bottom, region.left - 2, right_edge + 4, 2, rows)


def _paragraphs(lines: list[Line], page: int, right_edge: float) -> list[TextBlock]:
    """Lines into paragraphs: a new one after a vertical gap or after a line the author ended."""
    groups: list[list[Line]] = []
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
            TextBlock(
                page,
                group[0].top,
                join_lines(group, right_edge),
                (x0, group[0].top, x1, group[-1].bottom),
                all(li.bold for li in group),
            )
        )
    return out


def _blocks(items: list) -> list[Block]:
    blocks: list[Block] = []
    table_index = 0
    for item in items:
        if isinstance(item, TextBlock):
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
