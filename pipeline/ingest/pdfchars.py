"""A PDF page's characters and table edges straight from pdfminer's interpreter, for pdfplumber's
pages: the same numbers pdfplumber's layout objects give, without building those objects.

`page_objects` records each character as `pdfwords` takes it while pdfminer draws it (an
`LTChar` and pdfplumber's dict of it cost more than the drawing); paths still become pdfminer's
`LTLine`/`LTRect`/`LTCurve` and pdfplumber's edges, since a page has few. The content streams
are tokenized by `pdflexer` where it reads them exactly as pdfminer would, by pdfminer otherwise.
`reference_page_objects` is the reading through pdfplumber's `page.layout` this replaced, kept as
the reference `tests/test_pdf_chars.py` compares the two with, on every PDF at hand.
"""

from __future__ import annotations

from typing import Any

from .pdfgrids import edges_from
from .pdflexer import Fallback, fast_execute
from .pdfwords import direction


def _font_name(font: Any) -> str:
    name = font.fontname
    return name.decode("latin-1") if isinstance(name, bytes) else name


class PageReader:
    """Reads pages of one pdfplumber PDF, sharing its resource manager (and its fonts)."""

    def __init__(self, pdf: Any) -> None:
        self.pdf = pdf
        self._device = _device_class()(pdf.rsrcmgr)

    def page_objects(self, page: Any) -> tuple[list[dict], list[dict]]:
        """The page's characters (as `pdfwords` takes them) and edges (as `page.edges`); errors
        of pdfminer wrapped as `page.layout` wraps them."""
        from pdfplumber.utils.exceptions import PdfminerException

        device = self._device
        try:
            try:
                layout = device.read(page, fast=True)
            except Fallback:
                layout = device.read(page, fast=False)
        except Exception as exc:
            raise PdfminerException(exc) from None
        return device.chars, _edges(page, layout)


def _edges(page: Any, layout: Any) -> list[dict]:
    """Table edges of the page's lines, rectangles and curves, as `page.edges` gives them."""
    from pdfminer.layout import LTContainer, LTCurve, LTLine, LTRect

    lines: list[dict] = []
    rects: list[dict] = []
    curves: list[dict] = []

    def walk(objects: list) -> None:
        for obj in objects:
            if isinstance(obj, LTCurve):  # lines and rectangles are curves too
                shape = page.process_object(obj)
                kind = (
                    lines
                    if isinstance(obj, LTLine)
                    else rects
                    if isinstance(obj, LTRect)
                    else curves
                )
                kind.append(shape)
            elif isinstance(obj, LTContainer):
                walk(obj._objs)

    walk(layout._objs)
    return edges_from(lines, rects, curves)


_DEVICE: type | None = None


def _device_class() -> type:
    """pdfplumber's page device with characters recorded, not built (a class made on first use:
    pdfminer is imported only when a PDF is read)."""
    global _DEVICE
    if _DEVICE is not None:
        return _DEVICE
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdffont import PDFUnicodeNotDefined
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfminer.utils import apply_matrix_rect

    class Interpreter(PDFPageInterpreter):
        fast = True

        def dup(self) -> PDFPageInterpreter:
            interpreter = self.__class__(self.rsrcmgr, self.device)
            interpreter.fast = self.fast
            return interpreter

        def execute(self, streams) -> None:
            if not self.fast:
                super().execute(streams)
            else:
                fast_execute(self, streams)

    class Device(PDFPageAggregator):
        """`PDFPageAggregator` whose characters go to `chars` as dicts with pdfplumber's
        numbers: LTChar's box (matrix, font descent, size, rise, vertical writing) shifted as
        pdfplumber's `process_object` shifts it (page height, mediabox offsets)."""

        def read(self, page: Any, fast: bool) -> Any:
            self.chars: list[dict] = []
            self._height = float(page.height)
            self._left, self._top = page.mediabox[:2]
            # the glyphs of each font object (the resource manager shares fonts between pages)
            self._fonts: dict[Any, dict] = getattr(self, "_fonts", {})
            self.pageno = page.page_number
            self._stack = []
            interpreter = Interpreter(self.rsrcmgr, self)
            interpreter.fast = fast
            interpreter.process_page(page.page_obj)
            return self.get_result()

        def render_string_horizontal(
            self,
            seq,
            matrix,
            pos,
            font,
            fontsize,
            scaling,
            charspace,
            wordspace,
            rise,
            dxscale,
            ncs,
            graphicstate,
        ):
            # PDFTextDevice.render_string_horizontal with render_char, LTChar and
            # apply_matrix_rect inlined: the same arithmetic in the same order, so the same
            # floats; what does not change from character to character is worked out once.
            (x, y) = pos
            needcharspace = False
            (a, b, c, d, e, f) = matrix
            glyphs = self._glyphs(font)
            descent = font.get_descent() * fontsize
            bottom = descent + rise  # LTChar's box: (0, bottom, adv, top) before the matrix
            top = descent + rise + fontsize
            left_bottom_x, left_bottom_y = a * 0 + c * bottom, b * 0 + d * bottom
            left_top_x, left_top_y = a * 0 + c * top, b * 0 + d * top
            upright = a * d * scaling > 0 and b * c <= 0
            runs = direction(a, b)
            name = _font_name(font)
            height, shift_x, shift_y = self._height, self._left, self._top
            chars = self.chars
            for obj in seq:
                if isinstance(obj, (int, float)):
                    x -= obj * dxscale
                    needcharspace = True
                elif isinstance(obj, bytes):
                    for cid in font.decode(obj):
                        if needcharspace:
                            x += charspace
                        glyph = glyphs.get(cid) or self._glyph(font, cid)
                        adv = glyph[1] * fontsize * scaling
                        e1 = x * a + y * c + e
                        f1 = x * b + y * d + f
                        left1, bottom1 = left_bottom_x + e1, left_bottom_y + f1
                        right1, bottom2 = a * adv + c * bottom + e1, b * adv + d * bottom + f1
                        right2, top1 = a * adv + c * top + e1, b * adv + d * top + f1
                        left2, top2 = left_top_x + e1, left_top_y + f1
                        x0 = min(left1, left2, right1, right2)
                        y0 = min(bottom1, bottom2, top1, top2)
                        x1 = max(left1, left2, right1, right2)
                        y1 = max(bottom1, bottom2, top1, top2)
                        if x1 < x0:
                            (x0, x1) = (x1, x0)
                        if y1 < y0:
                            (y0, y1) = (y1, y0)
                        y_top = height - y1 + shift_y
                        chars.append(
                            {
                                "text": glyph[0],
                                "x0": x0 + shift_x,
                                "x1": x1 + shift_x,
                                "top": y_top,
                                "doctop": y_top,
                                "bottom": height - y0 + shift_y,
                                "size": y1 - y0,
                                "font": name,
                                "upright": upright,
                                "direction": runs,
                            }
                        )
                        x += adv
                        if cid == 32 and wordspace:
                            x += wordspace
                        needcharspace = True
            return (x, y)

        def render_char(
            self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate
        ) -> float:
            return self._char(matrix, font, fontsize, scaling, rise, cid)

        def _glyphs(self, font: Any) -> dict:
            glyphs = self._fonts.get(font)
            if glyphs is None:
                glyphs = self._fonts[font] = {}
            return glyphs

        def _glyph(self, font: Any, cid: int) -> tuple:
            """(text, width, displacement) of a character of a font, as render_char reads them
            (each a function of the font and the character: read once)."""
            glyphs = self._glyphs(font)
            glyph = glyphs.get(cid)
            if glyph is None:
                try:
                    text = font.to_unichr(cid)
                    assert isinstance(text, str), str(type(text))
                except PDFUnicodeNotDefined:
                    text = self.handle_undefined_char(font, cid)
                glyph = glyphs[cid] = (text, font.char_width(cid), font.char_disp(cid))
            return glyph

        def _char(self, matrix, font, fontsize, scaling, rise, cid) -> float:
            """One character of vertical writing, as render_char and LTChar box it."""
            text, textwidth, textdisp = self._glyph(font, cid)
            adv = textwidth * fontsize * scaling
            vertical = font.is_vertical()
            if vertical:
                assert isinstance(textdisp, tuple)
                (vx, vy) = textdisp
                vx = fontsize * 0.5 if vx is None else vx * fontsize * 0.001
                vy = (1000 - vy) * fontsize * 0.001
                bbox = (-vx, vy + rise + adv, -vx + fontsize, vy + rise)
            else:
                descent = font.get_descent() * fontsize
                bbox = (0, descent + rise, adv, descent + rise + fontsize)
            (a, b, c, d, _e, _f) = matrix
            upright = a * d * scaling > 0 and b * c <= 0
            (x0, y0, x1, y1) = apply_matrix_rect(matrix, bbox)
            if x1 < x0:
                (x0, x1) = (x1, x0)
            if y1 < y0:
                (y0, y1) = (y1, y0)
            height, left, top = self._height, self._left, self._top
            y = height - y1 + top
            self.chars.append(
                {
                    "text": text,
                    "x0": x0 + left,
                    "x1": x1 + left,
                    "top": y,
                    "doctop": y,
                    "bottom": height - y0 + top,
                    "size": x1 - x0 if vertical else y1 - y0,
                    "font": _font_name(font),
                    "upright": upright,
                    "direction": direction(a, b),
                }
            )
            return adv

    _DEVICE = Device
    return Device


def reference_page_objects(page: Any) -> tuple[list[dict], list[dict]]:
    """The same from pdfplumber's `page.layout` (pdfminer's LTChar objects): the reading
    `page_objects` replaced, and the reference it must equal."""
    from pdfminer.layout import LTChar, LTContainer

    height = float(page.height)
    left, top = page.mediabox[:2]
    chars: list[dict] = []

    def walk(objects: list) -> None:
        for obj in objects:
            if isinstance(obj, LTChar):
                a, b = obj.matrix[:2]
                y = height - obj.y1 + top
                font = obj.fontname
                chars.append(
                    {
                        "text": obj.get_text(),
                        "x0": obj.x0 + left,
                        "x1": obj.x1 + left,
                        "top": y,
                        "doctop": y,
                        "bottom": height - obj.y0 + top,
                        "size": obj.size,
                        "font": font.decode("latin-1") if isinstance(font, bytes) else font,
                        "upright": obj.upright,
                        "direction": direction(a, b),
                    }
                )
            elif isinstance(obj, LTContainer):
                walk(obj._objs)

    walk(page.layout._objs)
    return chars, list(page.edges)  # pdfplumber's own edges: what `_edges` must equal
