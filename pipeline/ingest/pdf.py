"""PDF in, `Document` out, through pdfplumber (the reference engine).

This module turns pdfplumber's words and ruled tables into `PageContent`; `pdflayout` does the
rest. A faster engine may produce the same `PageContent` (`--pdf-engine`).
"""

from __future__ import annotations

import io

from ..errors import EncryptedFileError, LimitExceededError, NoTextLayerError, UnreadableFileError
from ..models import Document
from ..options import Options
from .ocr import recognise
from .pdflayout import Grid, PageContent, Word, layout

OCR_HINT = (
    "read it with OCR (leave out `--ocr never`), or run OCR first, e.g. "
    "`ocrmypdf -l bul in.pdf out.pdf`, then retry with out.pdf"
)
NO_TEXT_FOUND = (
    "OCR found no text on its pages (blank pages or pictures?): "
    "ask the sender for a scan of the draft or for the Word file"
)


ENCRYPTED = (
    "the PDF is password-protected: open it with the password and save or print an unprotected "
    "copy (e.g. `qpdf --decrypt --password=PASSWORD in.pdf out.pdf`), then retry"
)
DAMAGED_HINT = "ask the sender for a fresh copy, or export the PDF again from the Word file"


# The errors both engines raise, worded once.
def encrypted(path: str) -> EncryptedFileError:
    return EncryptedFileError(ENCRYPTED, path=path)


def damaged(detail: str, path: str, page: int | None = None) -> UnreadableFileError:
    where = f"page {page} of the PDF is damaged" if page else "the PDF is damaged or truncated"
    detail = " ".join(detail.split())[:120]
    return UnreadableFileError(f"{where} ({detail}): {DAMAGED_HINT}", path=path)


def too_many_pages(count: int, limit: int, path: str) -> LimitExceededError:
    return LimitExceededError(
        f"the PDF has {count} pages, over the {limit} page limit: "
        "raise it with --max-pages if the file is genuine",
        path=path,
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
        pages = []
        for page in pdf.pages:
            try:
                words = page.extract_words(extra_attrs=["fontname"], keep_blank_chars=False)
                tables = page.find_tables()
            except Exception as exc:
                raise damaged(str(_cause(exc)), path, page.page_number) from None
            pages.append(
                PageContent(
                    number=page.page_number,
                    width=float(page.width),
                    height=float(page.height),
                    words=[
                        Word(
                            w["text"],
                            float(w["x0"]),
                            float(w["x1"]),
                            float(w["top"]),
                            float(w["bottom"]),
                            "bold" in (w.get("fontname") or "").lower(),
                        )
                        for w in words
                        if w.get("upright", True)
                    ],
                    grids=[
                        Grid(tuple(map(float, t.bbox)), [list(row.cells) for row in t.rows])  # type: ignore[arg-type]
                        for t in tables
                    ],
                )
            )
        return pages
    finally:
        pdf.close()


def read_pdf(data: bytes, path: str, options: Options) -> Document:
    engine = options.pdf_engine
    if engine in ("pdfium", "auto"):  # pdfplumber stays the reference (tests/test_pdfium.py)
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
    )
