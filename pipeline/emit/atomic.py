"""Atomic, deterministic output files.

Every output is written to a temporary file beside its target, flushed to disk and renamed into
place, so an interrupted run leaves the old file or the new one, never a torn one; the temporary
file is removed on any failure, Ctrl-C included. ZIP-based outputs (XLSX, DOCX) are repacked with
fixed timestamps so the same input gives the same bytes.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import tempfile
import zipfile
from pathlib import Path

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
# mkstemp makes owner-only files; outputs get the mode a plain open() would give them.
_UMASK = os.umask(0o022)
os.umask(_UMASK)
_MODE = 0o666 & ~_UMASK


def write_bytes(path: Path, data: bytes) -> Path:
    """Write `data` to `path` atomically (temporary file + `os.replace`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name[:60]}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            os.fchmod(out.fileno(), _MODE)
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path


def write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    return write_bytes(path, text.encode(encoding))


def fsync_dir(folder: Path) -> None:
    """Make the renames in `folder` durable (a no-op where folders cannot be opened)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(handle)
    finally:
        os.close(handle)


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def deterministic_zip(data: bytes, fix_modified: bool = True) -> bytes:
    """Repack an OOXML ZIP with fixed timestamps, inside and out (content otherwise unchanged).

    Writers stamp the save time into the ZIP entries and into docProps/core.xml; both are
    fixed here so the same input gives the same bytes. `fix_modified=False` keeps core.xml as
    is, for a copy of an input document whose own date must not change.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            content = source.read(info.filename)
            if fix_modified and info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", content)
            target.writestr(fixed, content)
    return out.getvalue()
