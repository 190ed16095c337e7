"""Backend-neutral PDF layout: words and table grids of each page in, blocks in reading order out.

Both PDF engines (pdfplumber, pypdfium2) produce `PageContent`; everything after that — table
cells, lines, paragraphs, running headers and footers, tables continued across pages — is here,
so the two engines cannot drift apart in how they read a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Block, Provenance

# How far from the top/bottom edge (fraction of the page height) running headers/footers live.
_FURNITURE_BAND = 0.09
_PAGE_NUMBER = re.compile(r"^(стр\.?\s*)?\d{1,4}(\s*(/|от)\s*\d{1,4})?$", re.IGNORECASE)


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
    text: str
    bbox: tuple[float, float, float, float]
    bold: bool
    page: int


@dataclass(slots=True)
class _TablePiece:
    page: int
    top: float
    rows: list[list[_Cell]]
    pages_end: int = 0


@dataclass(slots=True)
class _Paragraph:
    page: int
    top: float
    text: str
    bbox: tuple[float, float, float, float]
    bold: bool


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
    """Lines of one cell or paragraph into text: wrapped lines joined by a space, hard breaks kept.

    A line that stops well short of the right edge, leaving room for the next line's first word,
    was ended by the author (a paragraph or line break), not by wrapping.
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
        if room > (first_word.x1 - first_word.x0) + 6:
            out += "\n" + text
        elif out.endswith("\u00ad"):
            out = out[:-1] + text
        elif out.endswith("-") and text[:1].islower() and not out.endswith(" -"):
            out += text  # a compound split at its hyphen stays one word, hyphen kept
        else:
            out += " " + text
    return out


def _inside(word: Word, box: tuple[float, float, float, float]) -> bool:
    cx = (word.x0 + word.x1) / 2
    cy = (word.top + word.bottom) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def _is_furniture_candidate(line: _Line, page: PageContent) -> bool:
    band = page.height * _FURNITURE_BAND
    return line.bottom <= band or line.top >= page.height - band


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip())


def layout(pages: list[PageContent]) -> tuple[list[Block], list[Block], list[Block]]:
    """Body, header and footer blocks of the whole document, in reading order."""
    items: list[_Paragraph | _TablePiece] = []
    furniture: dict[int, list[_Line]] = {}
    key_pages: dict[str, set[int]] = {}
    for page in pages:
        used: set[int] = set()
        for grid in page.grids:
            rows = []
            for row_boxes in grid.rows:
                cells = []
                for box in row_boxes:
                    if box is None:
                        continue
                    inner = [
                        i for i, w in enumerate(page.words) if i not in used and _inside(w, box)
                    ]
                    used.update(inner)
                    cell_lines = group_lines([page.words[i] for i in inner])
                    text = join_lines(cell_lines, box[2] - 4) if cell_lines else ""
                    cells.append(
                        _Cell(
                            text,
                            box,
                            bool(cell_lines) and all(li.bold for li in cell_lines),
                            page.number,
                        )
                    )
                if cells:
                    rows.append(cells)
            if rows:
                items.append(_TablePiece(page.number, grid.bbox[1], rows))
        free = [w for i, w in enumerate(page.words) if i not in used]
        lines = group_lines(free)
        body_lines = []
        for line in lines:
            if _is_furniture_candidate(line, page):
                furniture.setdefault(page.number, []).append(line)
                key_pages.setdefault(_furniture_key(line.text), set()).add(page.number)
            else:
                body_lines.append(line)
        text_right = max((w.x1 for w in page.words), default=page.width)
        items.extend(_paragraphs(body_lines, page.number, text_right))

    headers: list[Block] = []
    footers: list[Block] = []
    seen: set[str] = set()
    for page in pages:
        for line in furniture.get(page.number, []):
            repeated = len(key_pages[_furniture_key(line.text)]) >= 2 or len(pages) == 1
            if repeated or _PAGE_NUMBER.match(line.text.strip()):
                is_header = line.bottom <= page.height * _FURNITURE_BAND
                key = ("h" if is_header else "f") + _furniture_key(line.text)
                if key not in seen:
                    seen.add(key)
                    block = Block(
                        text=line.text,
                        prov=Provenance(
                            page=page.number,
                            bbox=(line.x0, line.top, line.x1, line.bottom),
                            part="header" if is_header else "footer",
                        ),
                        bold=line.bold,
                    )
                    (headers if is_header else footers).append(block)
            else:  # near the edge but not repeated: ordinary body text
                items.append(
                    _Paragraph(
                        page.number,
                        line.top,
                        line.text,
                        (line.x0, line.top, line.x1, line.bottom),
                        line.bold,
                    )
                )

    items.sort(key=lambda item: (item.page, item.top))
    return _blocks(_merge_tables(items)), headers, footers


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


def _same_columns(a: list[_Cell], b: list[_Cell]) -> bool:
    return len(a) == len(b) and all(
        abs(x.bbox[0] - y.bbox[0]) < 3 for x, y in zip(a, b, strict=True)
    )


def _merge_tables(items: list) -> list:
    """Join a table that continues on the next page: drop a repeated header row, rejoin split rows."""
    out: list = []
    for item in items:
        previous = out[-1] if out else None
        if (
            isinstance(item, _TablePiece)
            and isinstance(previous, _TablePiece)
            and item.page == previous.pages_end + 1
            and _same_columns(previous.rows[-1], item.rows[0])
        ):
            rows = item.rows
            header = previous.rows[0]
            if [c.text for c in rows[0]] == [c.text for c in header] and len(previous.rows) > 1:
                rows = rows[1:]
            if rows and not rows[0][0].text.strip() and any(c.text.strip() for c in rows[0]):
                last = previous.rows[-1]
                for target, extra in zip(last, rows[0], strict=True):
                    if extra.text.strip():
                        target.text = (
                            f"{target.text} {extra.text}".strip() if target.text else extra.text
                        )
                rows = rows[1:]
            previous.rows.extend(rows)
            previous.pages_end = item.page
            continue
        if isinstance(item, _TablePiece):
            item.pages_end = item.page
        out.append(item)
    return out


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
            for cell_index, cell in enumerate(row, start=1):
                if not cell.text.strip():
                    continue
                blocks.append(
                    Block(
                        text=cell.text,
                        prov=Provenance(
                            page=cell.page,
                            bbox=cell.bbox,
                            table=table_index,
                            row=row_index,
                            cell=cell_index,
                        ),
                        bold=cell.bold,
                    )
                )
    return blocks
