"""Legacy and open formats (.doc, .odt, .rtf) converted to DOCX through headless LibreOffice.

Conversion runs in a private temporary folder with its own LibreOffice profile, so parallel
runs do not fight over one profile lock.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import UnreadableFileError, UnsupportedFormatError
from ..options import Options

CONVERT_TIMEOUT_S = 120


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def convert_to_docx(
    path: Path, options: Options, suffix: str | None = None, data: bytes | None = None
) -> bytes:
    """The file converted to DOCX bytes; `suffix` names its real format when the name lies.
    `data` are the bytes already read and checked: converted instead of the path's (which may
    have changed since)."""
    suffix = suffix or path.suffix.lower()
    soffice = find_soffice()
    if soffice is None:
        raise UnsupportedFormatError(
            f"{suffix or 'this'} files are read through LibreOffice, which is not installed: "
            "install it (Debian: apt-get install libreoffice-writer-nogui) or save the draft as DOCX",
            path=str(path),
        )
    with tempfile.TemporaryDirectory(prefix="natprog-convert-") as tmp:
        tmpdir = Path(tmp)
        source = tmpdir / f"input{suffix}"
        if data is not None:
            source.write_bytes(data)
        else:
            shutil.copyfile(path, source)
        profile = (tmpdir / "profile").as_uri()
        command = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(tmpdir / "out"),
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=CONVERT_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise UnreadableFileError(
                f"LibreOffice did not finish converting the file within {CONVERT_TIMEOUT_S} s",
                path=str(path),
            ) from None
        produced = tmpdir / "out" / "input.docx"
        if not produced.is_file():
            raise UnreadableFileError(
                "LibreOffice could not convert the file (damaged or password-protected?)",
                path=str(path),
            )
        return produced.read_bytes()
