"""A seeded layout generator: the 2012 programme rendered as a ministry might send it.

`Variant.from_seed(seed)` draws a layout; `render_docx` writes it, `convert_pdfs` turns many DOCX
into PDF in one LibreOffice call (cached by content), `compare` checks what natprog read.
"""

from __future__ import annotations

from .compare import Mismatch, compare
from .content import Expected, load_content
from .pdfcache import convert_pdfs
from .render import render_docx
from .variant import Variant

__all__ = [
    "Expected",
    "Mismatch",
    "Variant",
    "compare",
    "convert_pdfs",
    "load_content",
    "render_docx",
]
