"""Reading ZIP containers (DOCX, ODT) and their XML parts without trusting them.

The whole archive is checked when it is opened: sizes against the limits before anything is
inflated, then every member inflated under a hard cap (headers may lie) with its checksum
verified, and every XML part refused if it declares a DTD. Only an archive that passes reaches
any parser — ours or python-docx's (the annotated copy) — and member names are only looked up,
never used as paths.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from lxml import etree

from ..errors import EncryptedFileError, LimitExceededError, UnreadableFileError
from ..options import Limits

_MB = 1024 * 1024
_CHUNK = 64 * 1024
_SMALL = _MB  # members this small may compress any amount (a run of spaces, an empty part)
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_CONTENT_TYPES = "[Content_Types].xml"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_DAMAGED_HINT = "ask the sender for a fresh copy, or open and re-save it in Word"

# One parser for every OOXML part: no entity resolution, no DTD, no network, no huge trees.
XML_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    huge_tree=False,
    remove_comments=True,
)


def _unsafe_name(name: str) -> bool:
    """Empty, absolute, drive-lettered or `..` names: meaningless in a package, a trap in a path."""
    parts = name.replace("\\", "/").split("/")
    return (
        not name
        or name.startswith(("/", "\\"))
        or ".." in parts
        or (len(name) > 1 and name[1] == ":")
    )


class SafeZip:
    """A ZIP archive read from memory under `Limits`; refused whole or accepted whole."""

    def __init__(
        self, data: bytes, limits: Limits, path: str, *, plain_doctype_ok: tuple[str, ...] = ()
    ) -> None:
        self.path = path
        self.limits = limits
        # Parts where a DOCTYPE naming an outside DTD, without entities, is tolerated: the
        # manifest of ODT files written by OpenOffice 1-2 carries one.
        self._plain_doctype_ok = plain_doctype_ok
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, EOFError, ValueError, OSError) as exc:
            raise UnreadableFileError(
                f"the file is damaged or truncated (not a complete ZIP container: {exc}): "
                + _DAMAGED_HINT,
                path=path,
            ) from None
        except NotImplementedError as exc:  # e.g. "zip file version 6.4" in a damaged header
            raise UnreadableFileError(
                f"the file uses ZIP features natprog cannot read ({exc}): open and re-save it in "
                "Word, then retry",
                path=path,
            ) from None
        self._infos: dict[str, zipfile.ZipInfo] = {}
        declared_total = 0
        for info in infos:
            # Names are only looked up, never joined to a path; odd names are simply ignored.
            # (ZipInfo.is_dir() itself fails on the empty name a damaged directory can hold.)
            if _unsafe_name(info.filename) or info.filename.endswith("/"):
                continue
            self._infos[info.filename] = info
            declared_total += info.file_size
        budget = limits.max_unzipped_mb * _MB
        if declared_total > budget:
            raise LimitExceededError(
                f"the archive would inflate to {declared_total / _MB:.0f} MB, over the "
                f"{limits.max_unzipped_mb:g} MB limit (a ZIP bomb?): raise it with "
                "--max-unzipped-mb if the file is genuine",
                path=path,
            )
        for info in self._infos.values():
            if info.file_size > _SMALL and info.file_size > _ratio_cap(info, limits):
                raise LimitExceededError(
                    f"{info.filename} would inflate {info.file_size / max(info.compress_size, 1):.0f}× "
                    f"(over the {limits.max_ratio:g}× limit; a ZIP bomb?): raise it with "
                    "--max-ratio if the file is genuine",
                    path=path,
                )
        self._parts: dict[str, bytes] = {}
        self._verify()

    def _verify(self) -> None:
        """Inflate every member once under the caps; keep the XML parts, refuse any DTD.

        A part is XML by its name or by the type `[Content_Types].xml` gives it, since that type
        is what makes python-docx parse a part, whatever its name.
        """
        left = self.limits.max_unzipped_mb * _MB
        xml_names: set[str] = set()
        ordered = sorted(self._infos, key=lambda name: name.lower() != _CONTENT_TYPES.lower())
        for name in ordered:
            data = self._inflate(self._infos[name], left)
            left -= len(data)
            if name.lower().endswith(_XML_SUFFIXES) or name in xml_names:
                plain_ok = name in self._plain_doctype_ok
                refuse_dtd(data, name=name, path=self.path, plain_ok=plain_ok)
                refuse_foreign_encoding(data, name=name, path=self.path)
                self._parts[name] = data
            if name.lower() == _CONTENT_TYPES.lower():
                xml_names = _xml_typed(parse_xml(data, name=name, path=self.path), self.names())

    def names(self) -> list[str]:
        return list(self._infos)

    def has(self, name: str) -> bool:
        return name in self._infos

    def read(self, name: str) -> bytes:
        """One member's bytes (XML parts come from the check made on opening)."""
        info = self._infos.get(name)
        if info is None:
            raise KeyError(name)
        if name in self._parts:
            return self._parts[name]
        return self._inflate(info, self.limits.max_unzipped_mb * _MB)

    def _inflate(self, info: zipfile.ZipInfo, budget: float) -> bytes:
        """Inflate one member, stopping as soon as a limit is crossed (sizes may lie)."""
        name = info.filename
        if info.flag_bits & 0x1:
            raise EncryptedFileError(
                "the file is encrypted (a password-protected ZIP): save it without a password "
                "and retry",
                path=self.path,
            )
        cap = _ratio_cap(info, self.limits) + _SMALL
        out = io.BytesIO()  # getvalue() hands its buffer over: a 245 MB part is held once
        try:
            # zipfile never returns more than the declared size (then fails the checksum), so
            # the caps below are a second line for sizes it believes.
            with self._zip.open(info) as handle:
                while chunk := handle.read(_CHUNK):
                    out.write(chunk)
                    if out.tell() > budget:
                        raise LimitExceededError(
                            f"{name} inflates beyond the {self.limits.max_unzipped_mb:g} MB limit "
                            "(a ZIP bomb?): raise it with --max-unzipped-mb if the file is genuine",
                            path=self.path,
                        )
                    if out.tell() > cap:
                        raise LimitExceededError(
                            f"{name} inflates more than {self.limits.max_ratio:g}× (a ZIP bomb?): "
                            "raise the limit with --max-ratio if the file is genuine",
                            path=self.path,
                        )
        except NotImplementedError as exc:
            raise UnreadableFileError(
                f"the file uses ZIP features natprog cannot read ({name}: {exc}): open and "
                "re-save it in Word, then retry",
                path=self.path,
            ) from None
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError) as exc:
            raise UnreadableFileError(
                f"the file is damaged or truncated ({name}: {exc}): {_DAMAGED_HINT}",
                path=self.path,
            ) from None
        return out.getvalue()

    def xml(self, name: str) -> etree._Element:
        return parse_xml(self.read(name), name=name, path=self.path)


def _xml_typed(types: etree._Element, names: list[str]) -> set[str]:
    """Members that `[Content_Types].xml` declares as XML (images such as SVG excepted)."""

    def is_xml(content_type: str) -> bool:
        content_type = content_type.split(";")[0].strip().lower()
        return not content_type.startswith("image/") and (content_type.endswith(("+xml", "/xml")))

    extensions = {
        (default.get("Extension") or "").lower()
        for default in types.iter(f"{_CT}Default")
        if is_xml(default.get("ContentType") or "")
    }
    # Part names compare without case (Open Packaging Conventions), as consumers look them up.
    overrides = {
        (override.get("PartName") or "").lstrip("/").lower()
        for override in types.iter(f"{_CT}Override")
        if is_xml(override.get("ContentType") or "")
    }
    return {
        name
        for name in names
        if name.lower() in overrides or name.rsplit(".", 1)[-1].lower() in extensions
    }


def _ratio_cap(info: zipfile.ZipInfo, limits: Limits) -> float:
    return max(info.compress_size, 1) * limits.max_ratio


def refuse_dtd(data: bytes, *, name: str, path: str, plain_ok: bool = False) -> None:
    """Refuse a part that declares a DTD: the carrier of entity bombs and external entities.

    The Open Packaging Conventions forbid DTDs in a package, so Word never writes one. Parts in
    UTF-16 or UTF-32 are looked at with their NUL bytes dropped, which leaves ASCII markup intact.
    With `plain_ok`, a bare `<!DOCTYPE x PUBLIC "..." "...">` (no internal subset) is let through.
    """
    head = data if b"\x00" not in data[:4] else data.replace(b"\x00", b"")
    if b"<!ENTITY" in head or (b"<!DOCTYPE" in head and not (plain_ok and _plain(head))):
        raise LimitExceededError(
            f"{name} declares a DTD or entities, which Word never writes; refused as unsafe: "
            "ask the sender for a clean copy, or open and re-save it in Word",
            path=path,
        )


_DECLARED = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")
_OPC_ENCODINGS = {
    b"utf8",
    b"utf16",
    b"utf16le",
    b"utf16be",
    b"unicode",
    b"utf32",
    b"utf32le",
    b"utf32be",
}


def refuse_foreign_encoding(data: bytes, *, name: str, path: str) -> None:
    """A package's XML is UTF-8 or UTF-16 (the Open Packaging Conventions say so). Anything
    else (EBCDIC, say) no Word writes, and hides markup from the DTD scan: damaged input."""
    head = data[:512]
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return
    head = head.replace(b"\x00", b"").lstrip()
    declared = _DECLARED.match(head)
    if head and (
        not head.startswith(b"<")
        or (
            declared
            and declared.group(1).lower().replace(b"-", b"").replace(b"_", b"")
            not in _OPC_ENCODINGS
        )
    ):
        raise UnreadableFileError(
            f"the file is damaged ({name} is not UTF-8 or UTF-16 XML, as Word writes it): "
            f"{_DAMAGED_HINT}",
            path=path,
        )


def _plain(data: bytes) -> bool:
    """Its DOCTYPE has no internal subset (`[...]`), so it declares nothing of its own."""
    start = data.find(b"<!DOCTYPE")
    end = data.find(b">", start)
    return data.count(b"<!DOCTYPE") == 1 and end != -1 and b"[" not in data[start:end]


def parse_xml(data: bytes, *, name: str, path: str) -> etree._Element:
    """Parse an XML part; any DTD (the carrier of entity bombs and XXE) is refused outright."""
    refuse_dtd(data, name=name, path=path)
    try:
        root = etree.fromstring(data, parser=XML_PARSER)
    except etree.XMLSyntaxError as exc:
        raise UnreadableFileError(
            f"the file is damaged ({name} is not well-formed XML: {exc}): {_DAMAGED_HINT}",
            path=path,
        ) from None
    # Belt and braces for encodings the byte scan cannot see through (EBCDIC and the like).
    if root.getroottree().docinfo.doctype:
        refuse_dtd(b"<!DOCTYPE", name=name, path=path)
    return root
