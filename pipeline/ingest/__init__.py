"""Ingest: any supported file in, a `Document` (a stream of text blocks with provenance) out.

The format is decided from the bytes, not the file name; the name only breaks ties.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import LimitExceededError, UnreadableFileError, UnsupportedFormatError
from ..models import Document
from ..options import Options

SUPPORTED_SUFFIXES = (".docx", ".pdf", ".txt", ".odt", ".doc", ".docm", ".rtf")
_MB = 1024 * 1024


def sniff(data: bytes, suffix: str) -> str:
    """The real format of `data`: docx, pdf, txt, odt, doc, ole (encrypted OOXML or .doc), or unknown."""
    if data.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        if b"word/" in data or suffix in (".docx", ".docm"):
            return "docx"
        if b"application/vnd.oasis.opendocument" in data[:200] or suffix == ".odt":
            return "odt"
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if suffix == ".txt" or _looks_like_text(data):
        return "txt"
    return "unknown"


def _looks_like_text(data: bytes) -> bool:
    sample = data[:4096]
    return bool(sample) and b"\x00" not in sample.replace(b"\xff\xfe", b"").replace(
        b"\xfe\xff", b""
    )


def read_input(path: Path, options: Options) -> tuple[bytes, str]:
    """Read the file under the size limit and tell its real format."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UnreadableFileError("no such file", path=str(path)) from None
    except OSError as exc:
        raise UnreadableFileError(
            f"cannot read the file ({exc.strerror})", path=str(path)
        ) from None
    if path.is_dir():
        raise UnreadableFileError(
            "is a folder, not a file (use `natprog batch` for folders)", path=str(path)
        )
    if size > options.limits.max_file_mb * _MB:
        raise LimitExceededError(
            f"the file is {size / _MB:.0f} MB, over the {options.limits.max_file_mb:.0f} MB limit "
            "(raise it with --max-file-mb)",
            path=str(path),
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFileError(
            f"cannot read the file ({exc.strerror})", path=str(path)
        ) from None
    if not data.strip():
        raise UnreadableFileError("the file is empty", path=str(path))
    return data, sniff(data, path.suffix.lower())


def ingest(path: Path | str, options: Options | None = None) -> Document:
    """Read a draft into a `Document`; raises a `NatprogError` subclass for anything unusable."""
    path = Path(path)
    options = options or Options()
    data, kind = read_input(path, options)
    sha256 = hashlib.sha256(data).hexdigest()
    if kind == "docx":
        from .docx import read_docx

        document = read_docx(data, str(path), options)
    elif kind == "pdf":
        from .pdf import read_pdf

        document = read_pdf(data, str(path), options)
    elif kind == "txt":
        from .text import read_text

        document = read_text(data, str(path), options)
    elif kind in ("odt", "rtf") or (kind == "ole" and path.suffix.lower() == ".doc"):
        from .convert import convert_to_docx
        from .docx import read_docx

        document = read_docx(convert_to_docx(path, options), str(path), options)
    elif kind == "ole":
        # An OLE container named .docx is what Word writes for a password-protected file.
        from ..errors import EncryptedFileError

        raise EncryptedFileError(
            "the document is password-protected (encrypted): save an unprotected copy and retry",
            path=str(path),
        )
    else:
        raise UnsupportedFormatError(
            "not a format natprog reads (DOCX, PDF, TXT; ODT/DOC/RTF through LibreOffice)",
            path=str(path),
        )
    document.sha256 = sha256
    for index, block in enumerate(document.blocks):
        block.seq = index
    return document
