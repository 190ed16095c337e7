"""The descent pdfminer gives each font of a PDF, read from the font dictionaries themselves,
for the pdfium engine (pdfium reports its own substitutes when a descriptor says 0).

pdfminer boxes a character from the font descriptor's /Descent (0 when absent, forced negative),
from the AFM metrics for the standard fonts, from /FontBBox and /FontMatrix for Type3 fonts.
pdfium's FPDFFont_GetDescent differs exactly where it matters: when a descriptor gives Ascent
and Descent as 0 (as LibreOffice writes them) pdfium puts the bottom of `g` or of /FontBBox in
their place, and pypdfium2 has no call that reads a dictionary. So the dictionaries are read
here with pdfminer's parser (loaded with pdfplumber anyway), choosing as its font classes do.
"""

from __future__ import annotations

import io
from typing import Any, NamedTuple


def unsubset(name: str) -> str:
    """A font name without its subset tag (`BAAAAA+LiberationSerif` → `LiberationSerif`)."""
    return name[7:] if len(name) > 7 and name[6] == "+" else name


class _Entry(NamedTuple):
    # the descriptor's Ascent and Descent as pdfium reads them: 0 when absent, a Descent over 10
    # turned negative
    ascent: float
    descent: float
    pdfminer: float  # pdfminer's descent per unit of font size


class FontDescents:
    """pdfminer's descent of every font the pages of a document use, found by font name."""

    def __init__(self) -> None:
        self._by_name: dict[str, list[_Entry]] = {}

    def add(self, names: set[str], entry: _Entry) -> None:
        for name in names:
            self._by_name.setdefault(name, []).append(entry)

    def find(self, name: str, ascent: float, descent: float) -> float | None:
        """The descent of the font pdfium names `name` and measures so (per 1000 of its size).

        pdfium names embedded fonts without their subset tag, a Type0 font by its descendant.
        Fonts that share a name are told apart by the metrics pdfium reports: the descriptor's,
        or substitutes when the descriptor's are 0. None when that still leaves a doubt.
        """
        entries = self._by_name.get(name) or self._by_name.get(unsubset(name), [])
        if len({e.pdfminer for e in entries}) > 1:
            same = [
                e for e in entries if abs(e.ascent - ascent) < 1 and abs(e.descent - descent) < 1
            ]
            entries = same or [e for e in entries if e.ascent == e.descent == 0]
        found = {e.pdfminer for e in entries}
        return found.pop() if len(found) == 1 else None


def font_descents(data: bytes) -> FontDescents:
    """The fonts of every page (and of the forms they draw); none when pdfminer cannot read."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import dict_value

    fonts = FontDescents()
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        seen: set[int] = set()
        for resources in _tree_resources(dict_value(document.catalog.get("Pages")), seen):
            for names, entry in _fonts(resources, seen):
                fonts.add(names, entry)
    except Exception:  # a file pdfminer cannot read: the engine infers descents from boxes
        return FontDescents()
    return fonts


def _tree_resources(node: dict, seen: set[int]):
    """The resources of every node of the page tree: a page uses its own or inherits them."""
    from pdfminer.pdftypes import dict_value, list_value

    if "Resources" in node:
        yield node["Resources"]
    for kid in list_value(node.get("Kids", [])):
        if not _visited(kid, kid, seen):
            yield from _tree_resources(dict_value(kid), seen)


def _fonts(resources: Any, seen: set[int]):
    """(names, entry) of each font in a resource dictionary and in its forms', once each."""
    from pdfminer.pdftypes import PDFStream, dict_value, num_value, resolve1
    from pdfminer.psparser import literal_name

    resources = dict_value(resources)
    for ref in dict_value(resources.get("Font")).values():
        spec = resolve1(ref)
        if not isinstance(spec, dict) or _visited(ref, spec, seen):
            continue
        try:
            names = _names(spec)
            descendant = _descendant(spec)
            if descendant is not None:
                names |= _names(descendant)
            descriptor = dict_value((descendant or spec).get("FontDescriptor"))
            ascent = int(num_value(descriptor.get("Ascent", 0)))
            descent = int(num_value(descriptor.get("Descent", 0)))
            entry = _Entry(ascent, -descent if descent > 10 else descent, _descent(spec))
        except Exception:  # a broken font: the engine infers its descent from boxes
            continue
        yield names, entry
    for ref in dict_value(resources.get("XObject")).values():
        xobject = resolve1(ref)
        if (
            isinstance(xobject, PDFStream)
            and literal_name(xobject.get("Subtype")) == "Form"
            and not _visited(ref, xobject, seen)
        ):
            yield from _fonts(xobject.get("Resources"), seen)


def _names(spec: dict) -> set[str]:
    """`BaseFont` as written and without its subset tag (pdfium keeps it on fonts not embedded)."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import literal_name

    if "BaseFont" not in spec:
        return set()
    name = literal_name(resolve1(spec["BaseFont"]))
    return {name, unsubset(name)}


def _visited(ref: Any, obj: Any, seen: set[int]) -> bool:
    key = getattr(ref, "objid", None) or id(obj)
    if key in seen:
        return True
    seen.add(key)
    return False


def _descendant(spec: dict) -> dict | None:
    from pdfminer.pdftypes import dict_value, list_value
    from pdfminer.psparser import literal_name

    if "Subtype" not in spec or literal_name(spec["Subtype"]) != "Type0":
        return None
    fonts = list_value(spec.get("DescendantFonts"))
    return dict_value(fonts[0]) if fonts else None


def _descent(spec: dict) -> float:
    """pdfminer's `get_descent()` of the font `PDFResourceManager.get_font` builds from `spec`.

    The same choice of descriptor as pdfminer's font classes, without their parsing of
    encodings and embedded font files (which costs milliseconds per CID font).
    """
    from pdfminer.pdffont import FontMetricsDB, PDFType3Font
    from pdfminer.pdftypes import dict_value, num_value
    from pdfminer.psparser import literal_name

    subtype = literal_name(spec["Subtype"]) if "Subtype" in spec else "Type1"
    if subtype == "Type0":
        descendant = _descendant(spec)
        return _descent(descendant) if descendant is not None else 0.0
    if subtype == "Type3":
        return PDFType3Font(None, spec).get_descent()  # type: ignore[arg-type]
    if subtype in ("CIDFontType0", "CIDFontType2"):
        descriptor = dict_value(spec.get("FontDescriptor", {}))
    else:  # Type1 and TrueType (and what pdfminer reads as Type1): AFM for the standard fonts
        try:
            descriptor = FontMetricsDB.get_metrics(literal_name(spec["BaseFont"]))[0]
        except KeyError:
            descriptor = dict_value(spec.get("FontDescriptor", {}))
    descent = num_value(descriptor.get("Descent", 0))
    return -abs(descent) * 0.001  # as `PDFFont`: forced negative, in thousandths of the size
