"""Running headers, footers and page numbers of a PDF, told apart from body text.

They are the lines that recur at the same height on many pages (page numbers running with
the page), not simply the lines near an edge: a label at the foot of a page is body text.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from ..models import Block, Provenance

if TYPE_CHECKING:
    from .pdfpage import PageContent
    from .pdfparts import Line, PageParts

# Running headers/footers are looked for among the first/last lines of a page, in this outer
# fraction of its height, and must recur at the same height on several pages.
_FURNITURE_ZONE = 0.2
_FURNITURE_LINES = 3
_SAME_PLACE = 4.0  # points
_PAGE_NUMBER = re.compile(
    r"^[-–—\s]*((стр\.?|страница|page)\s*)?\d{1,4}(\s*(/|от|of)\s*\d{1,4})?[-–—\s]*$",
    re.IGNORECASE,
)


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()))


def _edge_lines(page: PageParts) -> list[tuple[Line, bool]]:
    """The first and last lines of a page, outside its tables: (line, is_header) candidates."""
    height = page.content.height
    tables_top = min((t.top for t in page.tables), default=math.inf)
    tables_bottom = max((t.bottom for t in page.tables), default=-math.inf)
    out: list[tuple[Line, bool]] = []
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


def find_furniture(pages: list[PageParts]) -> dict[int, tuple[Line, bool]]:
    """id(line) -> (line, is_header) for running headers, footers and page numbers.

    A line is furniture when the same line sits at the same height on most pages of the same
    size (more than half of them, and at least 2), or when it is a page number at the top or
    bottom edge. Pages whose words are all the same count once: a page printed twice repeats
    its body, not a header. "The same line" is the same text, or the same text but for a number that
    runs with the page number (`Стр. 3 от 19` on page 3, `Стр. 4 от 19` on page 4). Body text
    near an edge (a label at the foot of a page, `Дейност 3` at the head of one) recurs like
    that only by a rare accident.
    """
    sizes: dict[tuple[int, int], int] = {}
    candidates = []
    # each page's words: a duplicated page is one page where repetition is concerned
    contents = {page.content.number: tuple(w.text for w in page.content.words) for page in pages}
    for page in pages:
        size = page_size(page.content)
        sizes[size] = sizes.get(size, 0) + 1
        for line, head in _edge_lines(page):
            numbers = [int(n) for n in re.findall(r"\d+", line.text)]
            candidates.append((size, page.content.number, line, head, numbers))
    places: dict[tuple, list] = {}
    for size, number, line, head, numbers in candidates:
        key = (size, _furniture_key(line.text), head)
        places.setdefault(key, []).append((number, _edge(line, head), line.text, numbers))
    out: dict[int, tuple[Line, bool]] = {}
    for size, _number, line, head, numbers in candidates:
        needed = max(2, sizes[size] // 2 + 1)
        edge = _edge(line, head)
        same = [
            entry
            for entry in places[(size, _furniture_key(line.text), head)]
            if abs(entry[1] - edge) <= _SAME_PLACE
        ]
        identical = {contents[n] for n, _, text, _ in same if text == line.text}
        running = (
            {contents[n] for n, _, _, _ in same} if _runs_with_page(same, len(numbers)) else set()
        )
        if max(len(identical), len(running)) >= needed or _PAGE_NUMBER.match(line.text):
            out[id(line)] = (line, head)
    return out


def _edge(line: Line, head: bool) -> float:
    return line.top if head else line.bottom


def _runs_with_page(same: list, count: int) -> bool:
    """Some number of the line is the page number plus a constant on every page it is on."""
    return any(
        len({numbers[i] - page for page, _, _, numbers in same if len(numbers) > i}) == 1
        for i in range(count)
    )


def furniture_blocks(
    pages: list[PageParts], furniture: dict[int, tuple[Line, bool]]
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


def page_size(page: PageContent) -> tuple[int, int]:
    return round(page.width), round(page.height)
