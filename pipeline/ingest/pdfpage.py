"""What a PDF engine hands to the layout: each page's words and ruled-table grids.

The contract between the engines (pdfplumber, pypdfium2) and `pdflayout`; keep it backward
compatible. It sits below every other PDF module, so none of them imports the layout for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
    skipped: int = 0  # characters the page holds but its words leave out (another direction)
