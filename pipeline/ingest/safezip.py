"""Reading ZIP containers (DOCX, ODT) and their XML parts without trusting them.

Members are read with a hard cap on inflated size, names are never used as paths, and XML is
parsed with entities and DTDs refused, so a hostile file cannot bomb, escape or phone home.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from ..errors import LimitExceededError, UnreadableFileError
from ..options import Limits

_MB = 1024 * 1024
_CHUNK = 64 * 1024

# One parser for every OOXML part: no entity resolution, no DTD, no network, no huge trees.
XML_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    huge_tree=False,
    remove_comments=True,
)


class SafeZip:
    """A ZIP archive read from memory under `Limits`."""

    def __init__(self, data: bytes, limits: Limits, path: str) -> None:
        self.path = path
        self.limits = limits
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, EOFError, ValueError) as exc:
            raise UnreadableFileError(
                f"the file is damaged or truncated (not a valid ZIP container: {exc})", path=path
            ) from None
        self._infos = {}
        declared_total = 0
        for info in infos:
            # Names are only looked up, never joined to a path; odd names are simply ignored.
            if info.filename.startswith(("/", "\\")) or ".." in info.filename.split("/"):
                continue
            self._infos[info.filename] = info
            declared_total += info.file_size
        if declared_total > limits.max_unzipped_mb * _MB:
            raise LimitExceededError(
                f"the archive would inflate to {declared_total / _MB:.0f} MB, over the "
                f"{limits.max_unzipped_mb:.0f} MB limit (raise it with --max-unzipped-mb)",
                path=path,
            )
        self._inflated = 0

    def names(self) -> list[str]:
        return list(self._infos)

    def has(self, name: str) -> bool:
        return name in self._infos

    def read(self, name: str) -> bytes:
        """Inflate one member, stopping as soon as a limit is crossed (sizes may lie)."""
        info = self._infos.get(name)
        if info is None:
            raise KeyError(name)
        if info.flag_bits & 0x1:
            raise UnreadableFileError(
                "the file is encrypted: save it without a password", path=self.path
            )
        budget = self.limits.max_unzipped_mb * _MB - self._inflated
        ratio_cap = max(info.compress_size, 1) * self.limits.max_ratio + _MB
        out = bytearray()
        try:
            with self._zip.open(info) as handle:
                while chunk := handle.read(_CHUNK):
                    out += chunk
                    if len(out) > budget:
                        raise LimitExceededError(
                            f"{name} inflates beyond the {self.limits.max_unzipped_mb:.0f} MB "
                            "limit (a ZIP bomb?); raise it with --max-unzipped-mb if the file is genuine",
                            path=self.path,
                        )
                    if len(out) > ratio_cap:
                        raise LimitExceededError(
                            f"{name} inflates more than {self.limits.max_ratio:.0f}× (a ZIP bomb?); "
                            "raise the limit with --max-ratio if the file is genuine",
                            path=self.path,
                        )
        except (zipfile.BadZipFile, EOFError, ValueError, OSError) as exc:
            raise UnreadableFileError(
                f"the file is damaged or truncated ({name}: {exc})", path=self.path
            ) from None
        self._inflated += len(out)
        return bytes(out)

    def xml(self, name: str) -> etree._Element:
        return parse_xml(self.read(name), name=name, path=self.path)


def parse_xml(data: bytes, *, name: str, path: str) -> etree._Element:
    """Parse an XML part; any DTD (the carrier of entity bombs and XXE) is refused outright."""
    head = data[:4096].lstrip()
    if b"<!DOCTYPE" in data[:65536] or b"<!ENTITY" in head:
        raise LimitExceededError(
            f"{name} declares a DTD or entities, which Word never writes; refused as unsafe",
            path=path,
        )
    try:
        return etree.fromstring(data, parser=XML_PARSER)
    except etree.XMLSyntaxError as exc:
        raise UnreadableFileError(
            f"the file is damaged ({name} is not well-formed XML: {exc})", path=path
        ) from None
