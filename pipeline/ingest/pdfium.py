"""PDF through pypdfium2 (the fast engine): characters with their boxes and the ruling lines of
tables, turned into the same `PageContent` the pdfplumber engine produces.

pdfium parses the file in C; this module rebuilds what pdfminer would have seen (char boxes,
lines, rectangles and curves in pdfplumber's top-down coordinates) and hands them to
pdfplumber's own pure functions for words and table cells, so both engines group identically.
"""

from __future__ import annotations

import ctypes
from typing import Any

from ..errors import NatprogError
from ..options import Options
from .pdferrors import damaged, encrypted, too_many_pages
from .pdffonts import FontDescents, font_descents
from .pdfgrids import edges_from, ruled_grids
from .pdflayout import PageContent
from .pdfwords import direction, page_words

_Matrix = tuple[float, float, float, float, float, float]
# Coordinates go through pdfium's 32-bit floats; rounding here restores the decimals written in
# the file (51.05, not 51.04999923706055), which is what pdfminer reads.
_DIGITS = 4


def pdfium_pages(data: bytes, path: str, options: Options) -> list[PageContent]:
    """Every page of the PDF as words and ruled-table grids, like `pdf.plumber_pages`."""
    document = _open(data, path)
    try:
        count = len(document)
        if count > options.limits.max_pages:
            raise too_many_pages(count, options.limits.max_pages, path)
        if count == 0:
            raise damaged("it has no pages", path)
        reader = _PageReader(data)
        pages = []
        for index in range(count):
            try:
                pages.append(reader.read(document, index))
            except NatprogError:
                raise
            except Exception as exc:
                raise damaged(f"{type(exc).__name__}: {exc}", path, index + 1) from None
        return pages
    finally:
        document.close()


def _page_text(textpage: Any, count: int) -> list[int] | None:
    """Every character's code point in one call, or None when they do not map one to one."""
    import pypdfium2.raw as raw

    units = (ctypes.c_ushort * (count + 1))()
    written = raw.FPDFText_GetText(textpage, 0, count, units)
    codes = units[:count]
    if written != count + 1 or any(0xD800 <= code <= 0xDFFF for code in codes):
        return None  # characters beyond the BMP: ask for each one
    # 0xFFFE stands for a line-end hyphen or a character without Unicode: ask for those
    return [-1 if code == 0xFFFE else code for code in codes]


def _address_of_text_object():
    """FPDFText_GetTextObject answering a plain address, so objects can key a dict cheaply."""
    import pypdfium2.raw as raw

    function = ctypes.cast(raw.FPDFText_GetTextObject, ctypes.c_void_p).value
    prototype = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
    return prototype(function)


def _open(data: bytes, path: str) -> Any:
    import pypdfium2
    import pypdfium2.raw as raw

    try:
        return pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY):
            raise encrypted(path) from None
        reason = {
            raw.FPDF_ERR_FORMAT: "not a valid PDF structure",
            raw.FPDF_ERR_FILE: "the file cannot be read",
        }.get(code, str(exc))
        raise damaged(reason, path) from None


class _PageReader:
    """Reads pages one by one; remembers what it learned about each font across pages."""

    def __init__(self, data: bytes) -> None:
        # pdfium names fonts without their subset prefix, so the font itself is the key
        self._fonts: dict[int, _Font] = {}
        self._names: dict[int, str] = {}
        self._data = data
        self._descents: FontDescents | None = None  # read when a font first shows

    def read(self, document: Any, index: int) -> PageContent:
        page = document[index]
        try:
            geometry = _Geometry.of(page.raw)
            chars = self._chars(page.raw, geometry)
            edges = _edges(page.raw, geometry)
        finally:
            page.close()
        found = page_words(chars, geometry.width, geometry.height, self._bold)
        return PageContent(
            number=index + 1,
            width=found.width,
            height=found.height,
            words=found.words,
            # ruled tables are found in the page's frame: on upright pages only
            grids=ruled_grids(edges) if edges and found.direction == 0 else [],
            skipped=found.skipped,
        )

    def _bold(self, key: int) -> bool:
        return "bold" in self._names[key].lower()

    # -- characters --------------------------------------------------------------------------

    def _chars(self, page: Any, geometry: _Geometry) -> list[dict]:
        """pdfminer's char boxes: from the origin, the advance, the font size and its descent."""
        import pypdfium2.raw as raw

        textpage = raw.FPDFText_LoadPage(page)
        if not textpage:
            raise RuntimeError("pdfium could not read the page's text")
        text_object = _address_of_text_object()
        get_unicode, get_box = raw.FPDFText_GetUnicode, raw.FPDFText_GetLooseCharBox
        get_origin, is_generated = raw.FPDFText_GetCharOrigin, raw.FPDFText_IsGenerated
        loose = raw.FS_RECTF()
        ox, oy = ctypes.c_double(), ctypes.c_double()
        loose_ref, ox_ref, oy_ref = ctypes.byref(loose), ctypes.byref(ox), ctypes.byref(oy)
        objects: dict[int, tuple[_Font, float, tuple[float, float, float, float]]] = {}
        found: list[tuple] = []
        hyphens: list[int] = []
        try:
            count = raw.FPDFText_CountChars(textpage)
            codes = _page_text(textpage, count)
            for i in range(count):
                address = text_object(textpage, i)
                if not address:  # pdfium's own line ends, which pdfminer has not
                    continue
                code = codes[i] if codes is not None else -1
                if code < 0:
                    code = get_unicode(textpage, i)
                if code in (0x20, 0x0D, 0x0A) and is_generated(textpage, i):
                    continue  # pdfium's own spaces
                state = objects.get(address)
                if state is None:
                    state = objects[address] = self._text_state(address, textpage, i)
                font, size, m = state
                if code == 0x02:  # pdfium marks a line-end hyphen so; pdfminer keeps the char
                    hyphens.append(len(found))
                elif code in (0x2D, 0xAD):
                    font.hyphens.add(code)
                get_box(textpage, i, loose_ref)
                get_origin(textpage, i, ox_ref, oy_ref)
                box = (loose.left, loose.bottom, loose.right, loose.top)
                if font.observing:
                    font.observe(code, box, oy.value, size * m[3])
                found.append((code, font, size, m, ox.value, oy.value, box))
        finally:
            raw.FPDFText_ClosePage(textpage)
        for index in hyphens:
            found[index] = (found[index][1].hyphen(), *found[index][1:])
        if geometry.ctm[:4] != (1, 0, 0, 1):
            return [_char(geometry, *item) for item in found]
        return _unrotated_chars(geometry, found)

    def _text_state(
        self, address: int, textpage: Any, index: int
    ) -> tuple[_Font, float, tuple[float, float, float, float]]:
        """Font, size and matrix (with any form's) of one text object, shared by its chars."""
        import pypdfium2.raw as raw

        obj = ctypes.cast(address, raw.FPDF_PAGEOBJECT)
        handle = raw.FPDFTextObj_GetFont(obj)
        key = ctypes.cast(handle, ctypes.c_void_p).value or 0
        font = self._fonts.get(key)
        if font is None:
            buffer = ctypes.create_string_buffer(256)
            raw.FPDFFont_GetBaseFontName(handle, buffer, len(buffer))
            name = buffer.value.decode("latin-1", "replace")
            if self._descents is None:
                self._descents = font_descents(self._data)
            ascent, descent = ctypes.c_float(), ctypes.c_float()
            raw.FPDFFont_GetAscent(handle, ctypes.c_float(1000), ctypes.byref(ascent))
            raw.FPDFFont_GetDescent(handle, ctypes.c_float(1000), ctypes.byref(descent))
            known = self._descents.find(
                buffer.value.decode("utf-8", "replace"), ascent.value, descent.value
            )
            font = self._fonts[key] = _Font(handle, key, name, known)
            self._names[key] = name
        size = ctypes.c_float()
        raw.FPDFTextObj_GetFontSize(obj, ctypes.byref(size))
        matrix = raw.FS_MATRIX()
        raw.FPDFText_GetMatrix(textpage, index, ctypes.byref(matrix))
        return font, size.value, (matrix.a, matrix.b, matrix.c, matrix.d)


def _char(
    geometry: _Geometry,
    code: int,
    font: _Font,
    size: float,
    m: tuple[float, float, float, float],
    x: float,
    y: float,
    box: tuple[float, float, float, float],
) -> dict:
    """One character as pdfminer boxes it: the advance wide, `size` high from the descent."""
    a, b, c, d = m
    if b or c:  # rotated or skewed text: pdfium's own box is the best guess
        corners = ((box[0], box[1]), (box[2], box[3]))
    else:
        if font.glyph_boxes():  # pdfium's box is the glyph's: the advance comes from /Widths
            advance = font.width(code, size)
        else:
            advance = abs(box[2] - box[0]) / (abs(a) or 1.0)
        descent = font.descent() * size
        corners = ((x, y + d * descent), (x + a * advance, y + d * (descent + size)))
    (x0, y0), (x1, y1) = (geometry.apply(px, py) for px, py in corners)
    ta, tb, tc, td = _multiply((a, b, c, d, 0, 0), geometry.ctm)[:4]
    left, right = geometry.x(min(x0, x1)), geometry.x(max(x0, x1))
    top, bottom = geometry.top(max(y0, y1)), geometry.top(min(y0, y1))
    return {
        "text": chr(code) if 0 < code < 0x110000 else "\ufffd",
        "x0": left,
        "x1": right,
        "top": top,
        "bottom": bottom,
        "size": round(bottom - top, _DIGITS),
        "direction": direction(ta, tb),
        "font": font.key,
    }


def _unrotated_chars(geometry: _Geometry, found: list) -> list[dict]:
    """`_char` for a page without /Rotate, unrolled: this loop runs for every character."""
    shift, flip = geometry.x(geometry.apply(0.0, 0.0)[0]), geometry.top(geometry.apply(0, 0)[1])
    modes = {font: (font.glyph_boxes(), font.descent()) for font in {f[1] for f in found}}
    out = []
    for code, font, size, (a, b, c, d), x, y, box in found:
        if b or c:
            out.append(_char(geometry, code, font, size, (a, b, c, d), x, y, box))
            continue
        glyphs, descent = modes[font]
        if glyphs:
            advance = font.widths.get((code, size))
            if advance is None:
                advance = font.width(code, size)
        else:
            advance = abs(box[2] - box[0]) / (abs(a) or 1.0)
        low = descent * size
        x0, x1 = x, x + a * advance
        y0, y1 = y + d * low, y + d * (low + size)
        if x1 < x0:
            x0, x1 = x1, x0
        if y1 < y0:
            y0, y1 = y1, y0
        top = round(flip - y1, _DIGITS)
        bottom = round(flip - y0, _DIGITS)
        out.append(
            {
                "text": chr(code) if 0 < code < 0x110000 else "\ufffd",
                "x0": round(x0 + shift, _DIGITS),
                "x1": round(x1 + shift, _DIGITS),
                "top": top,
                "bottom": bottom,
                "size": round(bottom - top, _DIGITS),
                "direction": 0 if a > 0 else 180,
                "font": font.key,
                "upright": a * d > 0,
                "doctop": top,
            }
        )
    return out


class _Font:
    """One font of the document: pdfminer's idea of its descent (the descriptor's), its widths."""

    def __init__(self, handle: Any, key: int, name: str, descent: float | None = None) -> None:
        self._handle = handle
        self.key = key
        self.name = name
        self._descent = descent  # pdfminer's, read from the font dictionary (pdffonts)
        self._bottoms: set[float] = set()
        self._tops: set[float] = set()
        self.widths: dict[tuple[int, float], float] = {}
        self.hyphens: set[int] = set()  # hyphen characters seen in the middle of lines
        self.observing = True

    def width(self, code: int, size: float) -> float:
        """The advance of a character as the font's /Widths give it, at `size`."""
        key = (code, size)
        width = self.widths.get(key)
        if width is None:
            import pypdfium2.raw as raw

            out = ctypes.c_float()
            raw.FPDFFont_GetGlyphWidth(self._handle, code, ctypes.c_float(size), ctypes.byref(out))
            width = self.widths[key] = out.value
        return width

    def hyphen(self) -> int:
        """What a line-end hyphen of this font stands for: pdfium replaces it by a marker.

        The file's own mapping is out of reach, so the font's other hyphens tell: the soft
        hyphen when that is the only one it shows, else `-` (what files most often say).
        """
        return 0xAD if self.hyphens == {0xAD} else 0x2D

    def observe(
        self, code: int, box: tuple[float, float, float, float], baseline: float, size: float
    ) -> None:
        # pdfium's loose box spans its font's descent..ascent: the descriptor's, or when that
        # gives 0 for both (as LibreOffice writes them) pdfium's substitutes (`A`'s top or
        # /FontBBox's, `g`'s bottom or /FontBBox's), widened to the glyph's own box where that
        # sticks out. Tops that vary give the widening away: then the width may not be the advance.
        if size and not chr(code).isspace():
            self._bottoms.add(round((box[1] - baseline) / size, 3))
            self._tops.add(round((box[3] - baseline) / size, 3))
            self.observing = len(self._tops) < 8  # glyph boxes shown beyond doubt

    def glyph_boxes(self) -> bool:
        """pdfium widened its boxes to glyphs: its ascent is a substitute (a descriptor of 0s)."""
        return len(self._tops) > 1 or len(self._bottoms) > 1

    def descent(self) -> float:
        """The descent per unit of font size, as pdfminer reads it from the font descriptor.

        Read from the font dictionary when its name is known; else inferred from pdfium's boxes:
        glyph boxes mean a descriptor of zeros, a loose box's bottom is the descriptor's Descent
        (but pdfium substitutes the bottom of `g` or /FontBBox for a zero one, so this guess can
        be wrong; `pdffonts` avoids it).
        """
        if self._descent is not None:
            return self._descent
        if self.glyph_boxes():
            return 0.0
        return min(min(self._bottoms, default=0.0), 0.0)


class _Geometry:
    """pdfminer's page transform (MediaBox origin, /Rotate) and pdfplumber's top-down flip."""

    def __init__(self, mediabox: tuple[float, float, float, float], rotation: int) -> None:
        x0, y0, x1, y1 = mediabox
        self.ctm: _Matrix = {
            90: (0, -1, 1, 0, -y0, x1),
            180: (-1, 0, 0, -1, x1, y1),
            270: (0, 1, -1, 0, y1, -x0),
        }.get(rotation, (1, 0, 0, 1, -x0, -y0))
        lo_x, hi_x = sorted((x0, x1))
        lo_y, hi_y = sorted((y0, y1))
        if rotation in (90, 270):
            lo_x, lo_y, hi_x, hi_y = lo_y, lo_x, hi_y, hi_x
        self.width = hi_x - lo_x
        self.height = hi_y - lo_y
        # pdfplumber adds back the (inverted) MediaBox origin
        self._dx = lo_x
        self._dtop = self.height - hi_y

    @classmethod
    def of(cls, page: Any) -> _Geometry:
        import pypdfium2.raw as raw

        box = [ctypes.c_float() for _ in range(4)]
        refs = [ctypes.byref(v) for v in box]
        if not raw.FPDFPage_GetMediaBox(page, *refs):  # inherited: pdfium's page box
            rect = raw.FS_RECTF()
            raw.FPDF_GetPageBoundingBox(page, ctypes.byref(rect))
            values = (rect.left, rect.bottom, rect.right, rect.top)
        else:
            values = tuple(v.value for v in box)
        rotation = (raw.FPDFPage_GetRotation(page) % 4) * 90
        return cls(tuple(round(v, _DIGITS) for v in values), rotation)  # type: ignore[arg-type]

    def apply(self, x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = self.ctm
        return (a * x + c * y + e, b * x + d * y + f)

    def x(self, x: float) -> float:
        return round(x + self._dx, _DIGITS)

    def top(self, y: float) -> float:
        return round(self.height - y + self._dtop, _DIGITS)


def _multiply(m1: _Matrix, m0: _Matrix) -> _Matrix:
    (a1, b1, c1, d1, e1, f1) = m1
    (a0, b0, c0, d0, e0, f0) = m0
    return (
        a0 * a1 + c0 * b1,
        b0 * a1 + d0 * b1,
        a0 * c1 + c0 * d1,
        b0 * c1 + d0 * d1,
        a0 * e1 + c0 * f1 + e0,
        b0 * e1 + d0 * f1 + f0,
    )


# -- ruling lines ----------------------------------------------------------------------------


def _edges(page: Any, geometry: _Geometry) -> list[dict]:
    """pdfplumber's `page.edges`: line edges, then rectangle edges, then curve edges."""
    lines: list[dict] = []
    rects: list[dict] = []
    curves: list[dict] = []
    for shape, points in _painted_paths(page, geometry.ctm):
        _classify(shape, points, geometry, lines, rects, curves)
    return edges_from(lines, rects, curves)


def _painted_paths(page: Any, ctm: _Matrix):
    """(shape, points) of every stroked or filled path, in content order, forms included.

    `shape` spells the path in pdfminer's letters (m, l, c, h) and `points` are in pdfminer's
    page space (after the page transform), one per letter.
    """
    import pypdfium2.raw as raw

    def walk(objects, matrix: _Matrix):
        for obj in objects:
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_FORM:
                m = raw.FS_MATRIX()
                raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(m))
                count = raw.FPDFFormObj_CountObjects(obj)
                children = [raw.FPDFFormObj_GetObject(obj, i) for i in range(count)]
                yield from walk(children, _multiply((m.a, m.b, m.c, m.d, m.e, m.f), matrix))
            elif kind == raw.FPDF_PAGEOBJ_PATH:
                fill, stroke = ctypes.c_int(), ctypes.c_int()
                raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
                if fill.value == raw.FPDF_FILLMODE_NONE and not stroke.value:
                    continue  # a clipping path only: pdfminer sees nothing painted
                m = raw.FS_MATRIX()
                raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(m))
                yield from _path_shapes(obj, _multiply((m.a, m.b, m.c, m.d, m.e, m.f), matrix))

    count = raw.FPDFPage_CountObjects(page)
    yield from walk([raw.FPDFPage_GetObject(page, i) for i in range(count)], ctm)


def _path_shapes(obj: Any, matrix: _Matrix):
    import pypdfium2.raw as raw

    shape: list[str] = []
    points: list[tuple[float, float]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    start = (0.0, 0.0)
    bezier = 0
    a, b, c, d, e, f = matrix
    for i in range(raw.FPDFPath_CountSegments(obj)):
        segment = raw.FPDFPath_GetPathSegment(obj, i)
        raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        point = (
            round(a * x.value + c * y.value + e, _DIGITS),
            round(b * x.value + d * y.value + f, _DIGITS),
        )
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            if shape:
                yield "".join(shape), points
            shape, points, start, bezier = ["m"], [point], point, 0
        elif kind == raw.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3 == 0:  # pdfium gives a curve as its two control points and its end
                shape.append("c")
                points.append(point)
        else:
            shape.append("l")
            points.append(point)
        if raw.FPDFPathSegment_GetClose(segment):
            shape.append("h")
            points.append(start)
    if shape:
        yield "".join(shape), points


def _classify(
    shape: str,
    pts: list[tuple[float, float]],
    geometry: _Geometry,
    lines: list[dict],
    rects: list[dict],
    curves: list[dict],
) -> None:
    """pdfminer's `paint_path`: a segment is a line, a closed axis-aligned box a rect."""
    if shape[:1] != "m" or len(shape) < 2:
        return
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts = pts[:-1]
    if shape in ("mlh", "ml"):
        lines.append(_obj("line", pts[:2], geometry))
        return
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        closed = pts[0] == pts[4]
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
        )
        if closed and square:
            rects.append(_obj("rect", pts[:4], geometry))
            return
    curve = _obj("curve", pts, geometry)
    curve["pts"] = [(geometry.x(px), geometry.top(py)) for px, py in pts]
    curves.append(curve)


def _obj(kind: str, pts: list[tuple[float, float]], geometry: _Geometry) -> dict:
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    x0, x1 = geometry.x(min(xs)), geometry.x(max(xs))
    top, bottom = geometry.top(max(ys)), geometry.top(min(ys))
    return {
        "object_type": kind,
        "x0": x0,
        "x1": x1,
        "y0": round(min(ys), _DIGITS),
        "y1": round(max(ys), _DIGITS),
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": round(x1 - x0, _DIGITS),
        "height": round(bottom - top, _DIGITS),
    }
