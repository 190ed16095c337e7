"""The errors both PDF engines raise, worded once: encrypted, damaged, too many pages.

Both engines import them from here (not from each other), so neither depends on the other.
"""

from __future__ import annotations

from ..errors import EncryptedFileError, LimitExceededError, UnreadableFileError

ENCRYPTED = (
    "the PDF is password-protected: open it with the password and save or print an unprotected "
    "copy (e.g. `qpdf --decrypt --password=PASSWORD in.pdf out.pdf`), then retry"
)
DAMAGED_HINT = "ask the sender for a fresh copy, or export the PDF again from the Word file"


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
