"""How far a PDF's compressed streams inflate, measured before any PDF library opens the file.

PDF libraries inflate a content stream whole; a 1.5 MB file whose stream inflates to 1.5 GB
would take gigabytes. Here every Flate stream (images aside) is inflated in bounded chunks and
thrown away, and the file is refused once the total passes `--max-stream-mb`.
"""

from __future__ import annotations

import re
import zlib

from ..errors import StreamLimitError
from ..options import Limits

_MB = 1024 * 1024
_CHUNK = _MB
_STREAM = re.compile(rb"(?<![A-Za-z])stream(?:\r\n|\n|\r)")
_DICTIONARY_REACH = 4096  # bytes before `stream` searched for its dictionary


def check_pdf_streams(data: bytes, limits: Limits, path: str) -> None:
    """Raise `StreamLimitError` when the Flate streams other than images inflate beyond the
    limit. Damaged streams are left to the reader, which says what is wrong in its own words."""
    budget = int(limits.max_stream_mb * _MB)
    total = 0
    for match in _STREAM.finditer(data):
        head = data[max(0, match.start() - _DICTIONARY_REACH) : match.start()]
        dictionary = head[head.rfind(b"obj") + 1 :]
        if b"FlateDecode" not in dictionary or b"/Image" in dictionary:
            continue  # images are not inflated to read the text
        end = data.find(b"endstream", match.end())
        body = memoryview(data)[match.end() : end if end >= 0 else len(data)]
        inflater = zlib.decompressobj()
        pending = bytes(body)
        try:
            while pending:
                total += len(inflater.decompress(pending, _CHUNK))
                if total > budget:
                    raise StreamLimitError(
                        f"the PDF's compressed streams inflate beyond the "
                        f"{limits.max_stream_mb:g} MB limit (a PDF bomb?): raise it with "
                        "--max-stream-mb if the file is genuine",
                        path=path,
                    )
                pending = inflater.unconsumed_tail
        except zlib.error:
            continue
