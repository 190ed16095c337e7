"""Ingest: any supported file in, a `Document` (a stream of text blocks with provenance) out.

The format is decided from the bytes, not the file name; a name that disagrees is noted on the
`natprog` logger (the CLI prints it as one line) and the content wins.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import re
import stat
from dataclasses import replace
from pathlib import Path

from ..errors import (
    EncryptedFileError,
    LimitExceededError,
    UnreadableFileError,
    UnsupportedFormatError,
)
from ..models import Document
from ..options import Options
from .budget import check_text

SUPPORTED_SUFFIXES = (".docx", ".pdf", ".txt", ".odt", ".doc", ".docm", ".rtf")
_MB = 1024 * 1024
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Stream names inside an OLE container (UTF-16LE in its directory): Word writes a password-
# protected DOCX as an OLE file holding `EncryptedPackage`; a legacy .doc holds `WordDocument`.
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_WORD_DOCUMENT = "WordDocument".encode("utf-16-le")
_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")

# What each content kind is called in messages, and which suffix claims which kind.
KIND_NAMES = {
    "docx": "a Word document (DOCX)",
    "pdf": "a PDF",
    "txt": "plain text",
    "odt": "an OpenDocument text (ODT)",
    "doc": "a legacy Word document (DOC)",
    "rtf": "an RTF document",
}
_SUFFIX_KINDS = {
    ".docx": "docx",
    ".docm": "docx",
    ".pdf": "pdf",
    ".txt": "txt",
    ".odt": "odt",
    ".doc": "doc",
    ".rtf": "rtf",
}
log = logging.getLogger("natprog")


def sniff(data: bytes, suffix: str) -> str:
    """The real format of `data`.

    One of docx, pdf, txt, odt, doc, rtf (readable); encrypted (a password-protected Office
    file); xlsx, pptx, zip, image, unknown (not readable). The suffix only breaks ties: a ZIP
    cut short before its first Word part is still called docx when named so.
    """
    if data.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        # ODT stores its `mimetype` member first and uncompressed, so the type is in the head.
        if b"application/vnd.oasis.opendocument.text" in data[:200]:
            return "odt"
        if b"word/" in data:
            return "docx"
        if b"xl/" in data:
            return "xlsx"
        if b"ppt/" in data:
            return "pptx"
        return "docx" if suffix in (".docx", ".docm") else "zip"
    if data.startswith(_OLE):
        if _ENCRYPTED_PACKAGE in data:
            return "encrypted"
        return "doc" if _WORD_DOCUMENT in data else "ole"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith(_IMAGES):
        return "image"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or suffix == ".txt" or _looks_like_text(data):
        return "txt"
    return "unknown"


def _looks_like_text(data: bytes) -> bool:
    sample = data[:4096]
    return bool(sample) and b"\x00" not in sample


def read_input(path: Path, options: Options) -> tuple[bytes, str]:
    """Read the file under the size limit and tell its real format."""
    where = str(path)
    try:
        if path.is_dir():
            raise UnreadableFileError(
                "is a folder, not a file (use `natprog batch` for folders)", path=where
            )
        if not path.exists():
            raise UnreadableFileError("no such file: check the name and the folder", path=where)
        if not path.is_file():  # a FIFO or a device such as /dev/zero would never end
            raise UnreadableFileError(
                "not a regular file (a device or a pipe?): give the path of a draft", path=where
            )
        limit = int(options.limits.max_file_mb * _MB)
        data = read_capped(path, limit, follow_symlinks=options.follow_symlinks)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnreadableFileError(
                "is a symbolic link (put there after the folder was listed?): not read; "
                "use --follow-symlinks to read links that point inside the folder",
                path=where,
            ) from None
        raise UnreadableFileError(
            f"cannot read the file ({exc.strerror or exc}): check that it exists and that you "
            "may read it",
            path=where,
        ) from None
    if len(data) > limit:
        size = max(path.stat().st_size, len(data))
        raise LimitExceededError(
            f"the file is {size / _MB:.1f} MB, over the {options.limits.max_file_mb:g} MB limit: "
            "raise it with --max-file-mb if the file is genuine",
            path=where,
        )
    if not data.strip():
        what = "empty (0 bytes)" if not data else "blank (only spaces and line breaks)"
        raise UnreadableFileError(
            f"the file is {what}: ask the sender for the complete file", path=where
        )
    return data, sniff(data, path.suffix.lower())


def read_capped(path: Path, limit: int, *, follow_symlinks: bool = True) -> bytes:
    """The file's bytes, stopping one byte past `limit` (its size may change as we read).

    What is checked is the opened descriptor, not the path, so a file swapped after it was
    looked at cannot slip through: without `follow_symlinks` a link is refused by the kernel
    (O_NOFOLLOW, ELOOP), and a device or pipe put in its place is refused by `fstat`.
    """
    flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    handle = os.open(path, flags | getattr(os, "O_NONBLOCK", 0))  # a FIFO must not block here
    with open(handle, "rb") as stream:  # builtin open: takes the descriptor, closes it
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a device or a pipe?)")
        chunks = []
        total = 0
        while total <= limit and (chunk := stream.read(min(_MB, limit + 1 - total))):
            chunks.append(chunk)
            total += len(chunk)
    return b"".join(chunks)


def ingest(path: Path | str, options: Options | None = None) -> Document:
    """Read a draft into a `Document`; raises a `NatprogError` subclass for anything unusable."""
    path = Path(path)
    options = options or Options()
    data, kind = read_input(path, options)
    where = str(path)
    claimed = _SUFFIX_KINDS.get(path.suffix.lower())
    _refuse_unreadable(kind, claimed, path)
    if claimed is not None and claimed != kind:
        log.warning(
            "%s: note: the file is named %s but holds %s; reading it as such",
            where,
            path.suffix,
            KIND_NAMES[kind],
        )
    sha256 = hashlib.sha256(data).hexdigest()
    if kind == "docx":
        from .docx import read_docx

        document = read_docx(data, where, options)
    elif kind == "pdf":
        from .inflation import check_pdf_streams
        from .pdf import read_pdf

        check_pdf_streams(data, options.limits, where)
        document = read_pdf(data, where, options)
    elif kind == "txt":
        from .text import read_text

        document = read_text(data, where, options)
    else:  # odt, doc, rtf: through LibreOffice
        from .convert import convert_to_docx
        from .docx import read_docx

        if kind == "odt":  # LibreOffice must not be the first to open a hostile archive
            from .safezip import SafeZip

            SafeZip(data, options.limits, where, plain_doctype_ok=("META-INF/manifest.xml",))

        converted = convert_to_docx(path, options, suffix=f".{kind}", data=data)
        document = read_docx(converted, where, options)
    document.sha256 = sha256
    _clean(document)
    check_text(
        len(document.blocks),
        sum(len(block.text) for block in document.blocks),
        options.limits,
        where,
    )
    for index, block in enumerate(document.blocks):
        block.seq = index
    return document


# Characters no text means: C0 controls but tab/LF/CR, DEL and C1 controls, lone surrogates
# (a bad w:sym or PDF ToUnicode map) and the non-characters U+FFFE/U+FFFF. XML, JSON and
# XLSX cannot carry them; each becomes U+FFFD, one for one, so offsets stay valid.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _clean(document: Document) -> None:
    for block in (*document.blocks, *document.header_blocks, *document.footer_blocks):
        if _NOT_TEXT.search(block.text):
            block.text = _NOT_TEXT.sub("\ufffd", block.text)
    document.comments = [
        replace(
            comment,
            text=_NOT_TEXT.sub("\ufffd", comment.text),
            anchor_text=_NOT_TEXT.sub("\ufffd", comment.anchor_text),
        )
        for comment in document.comments
    ]


def accepted_bytes(document: Document) -> bytes:
    """The input's bytes again, for writers that reopen it (the annotated copy, python-docx).

    They are the bytes ingest checked, or an error: a file changed on disk since it was read
    has not been checked and is never handed on.
    """
    try:
        data = Path(document.path).read_bytes()
    except OSError as exc:
        raise UnreadableFileError(
            f"cannot read the file again ({exc.strerror or exc}): retry", path=document.path
        ) from None
    if hashlib.sha256(data).hexdigest() != document.sha256:
        raise UnreadableFileError(
            "the file changed while natprog was working on it: retry when it is saved",
            path=document.path,
        )
    return data


def _refuse_unreadable(kind: str, claimed: str | None, file: Path) -> None:
    """Raise the error that says what the file is when it is nothing natprog reads."""
    path = str(file)
    if kind in KIND_NAMES:
        return
    if kind == "encrypted":
        raise EncryptedFileError(
            "the document is password-protected (encrypted): open it in Word, remove the "
            "password (File → Info → Protect Document) and save a copy, then retry",
            path=path,
        )
    if kind == "unknown" and claimed is not None and claimed != "txt":
        # Named like a draft, but its bytes start like nothing natprog knows: a broken file.
        raise UnreadableFileError(
            f"the file is named {file.suffix} but does not hold {KIND_NAMES[claimed]} or any "
            "format natprog knows (damaged?): ask the sender for a fresh copy",
            path=path,
        )
    found = {
        "xlsx": "an Excel workbook",
        "pptx": "a PowerPoint presentation",
        "zip": "a ZIP archive that holds no Word document",
        "ole": "an old-style Office file that is not a Word document",
        "image": "an image (a scanned page?)",
    }.get(kind, "binary data that is none of DOCX, PDF or text")
    hint = (
        "make a PDF with a text layer first, e.g. `ocrmypdf -l bul scan.png out.pdf`"
        if kind == "image"
        else "save the draft as DOCX, PDF or UTF-8 text and retry"
    )
    raise UnsupportedFormatError(
        f"not a format natprog reads: the file is {found}; {hint}", path=path
    )
