"""Plain text in (UTF-8, UTF-8 with BOM, UTF-16 with BOM or Windows-1251), one block per line out.

The encoding is detected, never guessed into mojibake: UTF-8 must decode strictly, and the
Windows-1251 reading must look like Bulgarian text before it is accepted.
"""

from __future__ import annotations

import codecs

from ..errors import UnreadableFileError
from ..models import Block, Document, Provenance
from ..options import Options
from .budget import check_text

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, path: str) -> tuple[str, str]:
    """The text and the name of the encoding it was in."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1251", errors="replace")
    letters = [ch for ch in text if ch.isalpha()]
    cyrillic = sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff")
    if letters and cyrillic / len(letters) >= 0.5 and "\ufffd" not in text:
        return text, "cp1251"
    raise UnreadableFileError(
        "the text is neither UTF-8 nor Windows-1251 Bulgarian: save it as UTF-8 and retry",
        path=path,
    )


def read_text(data: bytes, path: str, options: Options) -> Document:
    text, encoding = decode(data, path)
    if "\x00" in text:
        raise UnreadableFileError(
            "the file holds NUL bytes, so it is binary data or UTF-16 text without a byte-order "
            "mark: save it as UTF-8 text and retry",
            path=path,
        )
    # Old Mac files end lines with CR alone; CRLF and CR both become LF (line numbers stay).
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_text(0, len(text), options.limits, path)
    blocks: list[Block] = []
    page = 1
    has_pages = "\f" in text
    # split("\n"), not splitlines(): the latter also breaks at \f and \v and shifts line numbers.
    for number, raw in enumerate(text.split("\n"), start=1):
        if "\f" in raw:
            page += raw.count("\f")
            raw = raw.replace("\f", "")
        stripped = raw.strip()
        if not stripped:
            continue
        if len(blocks) == options.limits.max_paragraphs:  # before a million Blocks are built
            check_text(len(blocks) + 1, 0, options.limits, path)
        indent = len(raw) - len(raw.lstrip("\t"))
        blocks.append(
            Block(
                text=stripped,
                prov=Provenance(line=number, page=page if has_pages else None),
                indent=indent,
            )
        )
    return Document(path=path, format="txt", sha256="", blocks=blocks, encoding=encoding)
