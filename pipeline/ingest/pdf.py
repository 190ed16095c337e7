"""PDF in, `Document` out, through pdfplumber (the reference engine).

This module turns pdfplumber's words and ruled tables into `PageContent`; `pdflayout` does the
rest. A faster engine may produce the same `PageContent` (`--pdf-engine`).
"""

from __future__ import annotations

import io

from ..errors import NoTextLayerError
from ..models import Document
from ..options import Options
from .ocr import recognise
from .pdfchars import PageReader
from .pdferrors import damaged, encrypted, too_many_pages
from .pdfgrids import ruled_grids
from .pdflayout import PageContent, layout
from .pdfwords import page_words

# How to get a text layer, said wherever natprog meets a scan.
OCR_HINT = (
    "read it with OCR (leave out `--ocr never`), or run OCR first, e.g. "
    "`ocrmypdf -l bul in.pdf out.pdf`, then retry with out.pdf"
)
NO_TEXT_FOUND = (
    "OCR found no text on its pages (blank pages or pictures?): "
    "ask the sender for a scan of the draft or for the Word file"
)


def _cause(exc: BaseException) -> BaseException:
    """The pdfminer error inside pdfplumber's wrapper (it keeps the original as its argument)."""
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
    return inner or exc.__cause__ or exc


def _open(data: bytes, path: str):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pdf.pages  # noqa: B018  (forces the page tree, where damage shows)
        return pdf
    except Exception as exc:  # pdfminer raises assorted errors on damaged files
        cause = _cause(exc)
        if (
            isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError))
            or "password" in str(cause).lower()
        ):
            raise encrypted(path) from None
        raise damaged(str(cause) or type(cause).__name__, path) from None


def plumber_pages(data: bytes, path: str, options: Options) -> list[PageContent]:
    pdf = _open(data, path)
    try:
        if len(pdf.pages) > options.limits.max_pages:
            raise too_many_pages(len(pdf.pages), options.limits.max_pages, path)
        reader = PageReader(pdf)
        pages = []
        for page in pdf.pages:
            try:
                chars, edges = reader.page_objects(page)
                found = page_words(chars, float(page.width), float(page.height), _bold)
                # The table finder only where ruling lines are, and only on upright pages: its
                # cells are in the page's frame, not the text's.
                grids = ruled_grids(edges) if edges and found.direction == 0 else []
            except Exception as exc:
                raise damaged(str(_cause(exc)), path, page.page_number) from None
            pages.append(
                PageContent(
                    number=page.page_number,
                    width=found.width,
                    height=found.height,
                    words=found.words,
                    grids=grids,
                    skipped=found.skipped,
                )
            )
        return pages
    finally:
        pdf.close()


def _bold(fontname: str) -> bool:
    return "bold" in (fontname or "").lower()


def engine(options: Options) -> str:
    """The engine that reads: pdfplumber unless pdfium is asked for, since pdfium's text differs
    from pdfplumber's on real files (the peer corpus, README "PDF engines")."""
    return "pdfium" if options.pdf_engine == "pdfium" else "pdfplumber"


def read_pdf(data: bytes, path: str, options: Options) -> Document:
    if engine(options) == "pdfium":
        from .pdfium import pdfium_pages

        pages = pdfium_pages(data, path, options)
    else:
        pages = plumber_pages(data, path, options)
    # The one hand-over of scanned pages to OCR (`--ocr`).
    pages, recognised = recognise(data, path, pages, options)
    if not any(page.words for page in pages):
        hint = NO_TEXT_FOUND if recognised else OCR_HINT
        raise NoTextLayerError(f"the PDF has no text layer (a scan?): {hint}", path=path)
    body, headers, footers = layout(pages)
    if recognised:
        recognised.mark(body + headers + footers)
    return Document(
        path=path,
        format="pdf",
        sha256="",
        blocks=body,
        header_blocks=headers,
        footer_blocks=footers,
        pages=len(pages),
        skipped_text=[(page.number, page.skipped) for page in pages if page.skipped],
    )
