"""One walker over WordprocessingML that yields paragraphs as the reader sees them.

python-docx's `Paragraph.text` drops insertions, moves, content controls, smart tags and field
results, and misses paragraphs inside body-level content controls; this walker covers them and
records, for every character, the run it came from (the annotated copy anchors comments on it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from lxml import etree

from .numbering import Numbering, level_index

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
TXBX = W + "txbxContent"
_SHAPES = (W + "drawing", W + "pict", MC + "AlternateContent")

P, R, T, TBL, TR, TC = W + "p", W + "r", W + "t", W + "tbl", W + "tr", W + "tc"
INS, DEL, MOVE_FROM, MOVE_TO = W + "ins", W + "del", W + "moveFrom", W + "moveTo"
SDT, SDT_CONTENT, CUSTOM_XML = W + "sdt", W + "sdtContent", W + "customXml"
_TRANSPARENT_INLINE = {
    W + "hyperlink", W + "smartTag", W + "customXml", W + "fldSimple", W + "dir", W + "bdo",
}  # fmt: skip
_VAL = W + "val"
# Soft hyphen and zero-width characters: present in the file, invisible to the reader.
_INVISIBLE_RE = re.compile("[\u00ad\u200b\ufeff\u2060]")


@dataclass(slots=True)
class Segment:
    """text[start:end] of a paragraph came from `node` (w:t, w:tab, ...) inside run `run`."""

    start: int
    end: int
    run: etree._Element
    node: etree._Element
    node_offset: int = 0


@dataclass(slots=True)
class WalkedParagraph:
    element: etree._Element
    index: int  # 1-based, every w:p in walk order (the annotator re-walks and gets the same)
    text: str
    segments: list[Segment]
    list_label: str | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    bold: bool = False
    style: str | None = None
    page: int | None = None
    proof_marks: list[tuple[int, int, str]] = field(default_factory=list)
    # True for the text of a vertically merged cell shown again on a later row (w:vMerge):
    # same paragraph, index and segments as its first appearance, so annotators skip it.
    repeated: bool = False


def _on(el: etree._Element | None) -> bool:
    """A toggle property (w:b, w:vanish, ...) that is present and not switched off."""
    return el is not None and el.get(_VAL, "true") not in ("0", "false", "off")


class _Builder:
    """Accumulates one paragraph's text with its segments."""

    __slots__ = (
        "parts", "segments", "length", "bold_chars", "plain_chars", "marks", "open_marks", "page",
    )  # fmt: skip

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.segments: list[Segment] = []
        self.length = 0
        self.bold_chars = 0
        self.plain_chars = 0
        self.marks: list[tuple[int, int, str]] = []
        self.open_marks: dict[str, int] = {}
        self.page: int | None = None  # where the first visible character is (page hints)

    def add(self, text: str, run: etree._Element, node: etree._Element, bold: bool) -> None:
        if not text:
            return
        # Same-length replacements keep offsets into the w:t exact.
        text = text.replace("\u00a0", " ").replace("\u2011", "-")
        if _INVISIBLE_RE.search(text) is None:
            self._append(text, run, node, 0)
        else:
            # Invisible characters are dropped, splitting the segment so offsets still map back.
            start = 0
            for match in _INVISIBLE_RE.finditer(text):
                if match.start() > start:
                    self._append(text[start : match.start()], run, node, start)
                start = match.end()
            if start < len(text):
                self._append(text[start:], run, node, start)
        visible = len("".join(text.split()))  # characters that are not whitespace (str.isspace)
        if bold:
            self.bold_chars += visible
        else:
            self.plain_chars += visible

    def _append(self, text: str, run, node, node_offset: int) -> None:
        self.parts.append(text)
        self.segments.append(Segment(self.length, self.length + len(text), run, node, node_offset))
        self.length += len(text)

    def text(self) -> str:
        return "".join(self.parts)


@dataclass(slots=True)
class _Pending:
    """A paragraph whose mark is deleted (accepted view): its text runs on into the next one."""

    builder: _Builder
    index: int
    element: etree._Element
    num: tuple[str | None, int | None] | None
    style_id: str | None
    boxes: list[etree._Element] = field(default_factory=list)  # text boxes anchored here


class WordWalker:
    """Walks a body (or header/footer) element; accepted or original view of tracked changes.

    Paragraph numbers (`index`) count every w:p in walk order, so a second walk with the same
    options (the annotated copy) meets the same paragraphs under the same numbers.
    """

    def __init__(
        self,
        numbering: Numbering | None = None,
        styles: dict[str, dict] | None = None,
        revisions: str = "accepted",
        page_hints: bool = False,
    ) -> None:
        self.numbering = numbering
        self.styles = styles or {}
        self.accepted = revisions != "original"
        self.paragraph_count = 0
        self.table_count = 0
        self.page = 1
        self.page_hints = page_hints
        self.fields: list[str] = []  # complex-field stack: "instr" | "result"
        self.comment_text: dict[str, list[str]] = {}
        self.comment_open: set[str] = set()
        self.comment_paragraph: dict[str, int] = {}
        self.comment_cell: dict[str, tuple[int, int, int] | None] = {}
        self._cell: tuple[int, int, int] | None = None
        self._carry: _Pending | None = None
        self._placeholder = 0  # >0 inside a content control that shows its placeholder text
        self._boxes: list[etree._Element] = []  # text boxes met in the current paragraph

    # -- block level ---------------------------------------------------------------------------
    def walk(self, container: etree._Element) -> Iterator[WalkedParagraph]:
        yield from self._blocks(container)
        yield from self._flush()

    def _blocks(self, container: etree._Element) -> Iterator[WalkedParagraph]:
        for child in container:
            tag = child.tag
            if tag == P:
                yield from self._paragraph(child)
            elif tag == TBL:
                yield from self._flush()
                yield from self._table(child)
            elif tag == SDT:
                content, placeholder = _sdt_content(child)
                if content is not None:
                    self._placeholder += placeholder
                    yield from self._blocks(content)
                    self._placeholder -= placeholder
            elif tag in (CUSTOM_XML, INS, MOVE_TO) or tag in (DEL, MOVE_FROM) and not self.accepted:
                yield from self._blocks(child)

    def _flush(self) -> Iterator[WalkedParagraph]:
        """A paragraph still waiting for its continuation at the end of a cell or the body."""
        if self._carry is not None:
            pending, self._carry = self._carry, None
            yield self._finish(pending)
            yield from self._text_boxes(pending)

    def _text_boxes(self, pending: _Pending) -> Iterator[WalkedParagraph]:
        """The paragraphs of text boxes anchored in a paragraph, right after it."""
        for box in pending.boxes:
            yield from self._blocks(box)
            yield from self._flush()

    def _table(self, table: etree._Element) -> Iterator[WalkedParagraph]:
        self.table_count += 1
        table_index = self.table_count
        outer = self._cell
        row_index = 0
        merged: dict[int, list[WalkedParagraph]] = {}  # column -> text of a vertical merge
        for row in self._rows(table):
            trpr = row.find(W + "trPr")
            if trpr is not None:
                if trpr.find(DEL) is not None and self.accepted:
                    continue
                if trpr.find(INS) is not None and not self.accepted:
                    continue
            row_index += 1
            # A row split by a page break has the break in each of its cells: count it once.
            row_page = last_page = self.page
            column = 1
            for cell in self._cells(row):
                self._cell = (table_index, row_index, column)
                self.page = row_page
                merge = _vmerge(cell)
                walked = list(self._blocks(cell)) + list(self._flush())
                if merge == "continue" and column in merged:
                    # A cell merged with the one above shows that cell's text on this row too.
                    walked = [
                        replace(p, table=table_index, row=row_index, cell=column, repeated=True)
                        for p in merged[column]
                    ] + walked
                elif merge == "restart":
                    merged[column] = [p for p in walked if p.text.strip()]
                else:
                    merged.pop(column, None)
                yield from walked
                last_page = max(last_page, self.page)
                column += _span(cell)
            self.page = last_page
        self._cell = outer

    def _rows(self, table: etree._Element) -> Iterator[etree._Element]:
        for child in table:
            if child.tag == TR:
                yield child
            elif child.tag in (SDT, CUSTOM_XML):
                inner = child.find(SDT_CONTENT) if child.tag == SDT else child
                if inner is not None:
                    yield from self._rows(inner)

    def _cells(self, row: etree._Element) -> Iterator[etree._Element]:
        for child in row:
            if child.tag == TC:
                yield child
            elif child.tag in (SDT, CUSTOM_XML):
                inner = child.find(SDT_CONTENT) if child.tag == SDT else child
                if inner is not None:
                    yield from self._cells(inner)

    def _paragraph(self, p: etree._Element) -> Iterator[WalkedParagraph]:
        self.paragraph_count += 1
        ppr = p.find(W + "pPr")
        style_id = None
        num = None
        mark_deleted = mark_inserted = False
        if ppr is not None:
            style_el = ppr.find(W + "pStyle")
            style_id = style_el.get(_VAL) if style_el is not None else None
            num_pr = ppr.find(W + "numPr")
            if num_pr is not None:
                num_id = num_pr.find(W + "numId")
                ilvl = num_pr.find(W + "ilvl")
                num = (
                    num_id.get(_VAL) if num_id is not None else None,
                    level_index(ilvl.get(_VAL, "0")) if ilvl is not None else None,
                )
            rpr = ppr.find(W + "rPr")
            if rpr is not None:
                mark_deleted = rpr.find(DEL) is not None
                mark_inserted = rpr.find(INS) is not None
        style = self.styles.get(style_id or "") or {}
        pending = self._carry
        self._carry = None
        if pending is None:
            pending = _Pending(_Builder(), self.paragraph_count, p, num, style_id)
        else:  # the text runs on from a paragraph whose mark was deleted; this mark survives
            pending.element, pending.num, pending.style_id = p, num, style_id
        self._boxes = pending.boxes
        self._inline(p, pending.builder, bool(style.get("bold")))
        self._boxes = []
        # A deleted paragraph mark joins this paragraph to the next (accepted view), and an
        # inserted one does the same in the original view.
        if (mark_deleted and self.accepted) or (mark_inserted and not self.accepted):
            self._carry = pending
            return
        for comment_id in self.comment_open:
            self.comment_text[comment_id].append("\n")
        yield self._finish(pending)
        yield from self._text_boxes(pending)

    def _finish(self, pending: _Pending) -> WalkedParagraph:
        builder = pending.builder
        style = self.styles.get(pending.style_id or "") or {}
        label = self._list_label(pending.num, pending.style_id, style)
        text = builder.text()
        segments = builder.segments
        marks = builder.marks
        if label is not None:
            shown, suffix = label
            prefix = shown + {"tab": "\t", "space": " "}.get(suffix, "")
            if shown:
                text = prefix + text
                shift = len(prefix)
                segments = [
                    Segment(s.start + shift, s.end + shift, s.run, s.node, s.node_offset)
                    for s in segments
                ]
                marks = [(a + shift, b + shift, k) for a, b, k in marks]
            else:
                label = None
        table, row, cell = self._cell if self._cell else (None, None, None)
        return WalkedParagraph(
            element=pending.element,
            index=pending.index,
            text=text,
            segments=segments,
            list_label=label[0] if label else None,
            table=table,
            row=row,
            cell=cell,
            bold=builder.bold_chars > 0 and builder.plain_chars == 0,
            style=style.get("name") or pending.style_id,
            page=(builder.page or self.page) if self.page_hints else None,
            proof_marks=marks,
        )

    def _list_label(self, num, style_id: str | None, style: dict) -> tuple[str, str] | None:
        if self.numbering is None:
            return None
        num_id, ilvl = num if num else (None, None)
        if num_id is None:
            style_num = style.get("numPr")
            if not style_num:
                return None
            num_id = style_num[0]
            if ilvl is None:
                ilvl = style_num[1]
            if ilvl is None:
                ilvl = self.numbering.level_for_style(num_id, style_id)
        return self.numbering.label(num_id, ilvl or 0)

    # -- inline level --------------------------------------------------------------------------
    def _inline(self, parent: etree._Element, out: _Builder, style_bold: bool) -> None:
        for child in parent:
            tag = child.tag
            if tag == R:
                self._run(child, out, style_bold)
            elif tag in (INS, MOVE_TO):
                if self.accepted:
                    self._inline(child, out, style_bold)
            elif tag in (DEL, MOVE_FROM):
                if not self.accepted:
                    self._inline(child, out, style_bold)
            elif tag in _TRANSPARENT_INLINE:
                self._inline(child, out, style_bold)
            elif tag == MC + "AlternateContent":
                branch = _choice(child)
                if branch is not None:
                    self._inline(branch, out, style_bold)
            elif tag == SDT:
                content, placeholder = _sdt_content(child)
                if content is not None:
                    self._placeholder += placeholder
                    self._inline(content, out, style_bold)
                    self._placeholder -= placeholder
            elif tag == W + "proofErr":
                kind = child.get(W + "type", "")
                if kind.endswith("Start"):
                    out.open_marks[kind[:-5]] = out.length
                elif kind.endswith("End") and kind[:-3] in out.open_marks:
                    out.marks.append((out.open_marks.pop(kind[:-3]), out.length, kind[:-3]))
            elif tag == W + "commentRangeStart":
                comment_id = child.get(W + "id")
                self.comment_open.add(comment_id)
                self.comment_text.setdefault(comment_id, [])
                self.comment_paragraph.setdefault(comment_id, self.paragraph_count)
                self.comment_cell.setdefault(comment_id, self._cell)
            elif tag == W + "commentRangeEnd":
                self.comment_open.discard(child.get(W + "id"))
            elif tag in (M + "oMath", M + "oMathPara"):
                for node in child.iter(M + "t"):
                    self._emit(node.text or "", child, node, out, False)

    def _run(self, run: etree._Element, out: _Builder, style_bold: bool) -> None:
        rpr = run.find(W + "rPr")
        hidden = False
        bold = style_bold
        if rpr is not None:
            hidden = _on(rpr.find(W + "vanish")) or _on(rpr.find(W + "webHidden"))
            b = rpr.find(W + "b")
            if b is not None:
                bold = _on(b)
        for node in run:
            tag = node.tag
            if tag == W + "fldChar":
                kind = node.get(W + "fldCharType")
                if kind == "begin":
                    self.fields.append("instr")
                elif kind == "separate" and self.fields:
                    self.fields[-1] = "result"
                elif kind == "end" and self.fields:
                    self.fields.pop()
                continue
            if tag == W + "lastRenderedPageBreak":
                if self.page_hints:
                    self.page += 1
                continue
            if hidden or "instr" in self.fields:
                continue
            if tag in _SHAPES:
                if not self._placeholder:
                    self._boxes.extend(_boxes_in(node))
            elif tag == T or tag == W + "delText" and not self.accepted:
                self._emit(node.text or "", run, node, out, bold)
            elif tag in (W + "tab", W + "ptab"):
                self._emit("\t", run, node, out, bold)
            elif tag in (W + "br", W + "cr"):
                # A page break still separates words; the page itself is counted where Word
                # wrote lastRenderedPageBreak after it.
                self._emit("\n", run, node, out, bold)
            elif tag == W + "noBreakHyphen":
                self._emit("-", run, node, out, bold)
            elif tag == W + "sym":
                char = node.get(W + "char", "")
                try:
                    code = int(char, 16)
                except ValueError:
                    continue
                # Symbol-font characters live in the private area; show them as a bullet. A
                # control character or a surrogate is no character at all: left out.
                if code >= 0xE000:
                    self._emit("•", run, node, out, bold)
                elif code >= 0x20 and not 0x7F <= code < 0xA0 and not 0xD800 <= code < 0xE000:
                    self._emit(chr(code), run, node, out, bold)

    def _emit(self, text: str, run, node, out: _Builder, bold: bool) -> None:
        if not text or self._placeholder:
            return
        if out.page is None and not text.isspace():
            out.page = self.page
        out.add(text, run, node, bold)
        for comment_id in self.comment_open:
            self.comment_text[comment_id].append(text)


def _boxes_in(shape: etree._Element) -> list[etree._Element]:
    """Text boxes of a drawing; of an mc:AlternateContent only its first choice (the fallback
    holds the same text box again, in VML)."""
    if shape.tag == MC + "AlternateContent":
        shape = _choice(shape)
        if shape is None:
            return []
    found: list[etree._Element] = []

    def visit(element: etree._Element) -> None:
        for child in element:
            if child.tag == TXBX:
                found.append(child)  # a box inside it is met when this box is walked
            elif isinstance(child.tag, str):
                visit(child)

    visit(shape)
    return found


def _choice(alternate: etree._Element) -> etree._Element | None:
    """The branch of an mc:AlternateContent a current Word shows: its first choice."""
    branch = alternate.find(MC + "Choice")
    return branch if branch is not None else alternate.find(MC + "Fallback")


def _sdt_content(sdt: etree._Element) -> tuple[etree._Element | None, bool]:
    """A content control's content, and whether it shows placeholder text (no value yet)."""
    props = sdt.find(W + "sdtPr")
    placeholder = props is not None and _on(props.find(W + "showingPlcHdr"))
    return sdt.find(SDT_CONTENT), placeholder


def _vmerge(cell: etree._Element) -> str | None:
    """`restart` for the first cell of a vertical merge, `continue` for the cells below it."""
    tcpr = cell.find(W + "tcPr")
    merge = tcpr.find(W + "vMerge") if tcpr is not None else None
    if merge is None:
        return None
    return merge.get(_VAL, "continue")


def _span(cell: etree._Element) -> int:
    """How many grid columns a cell covers (w:gridSpan), so cell numbers are grid columns."""
    tcpr = cell.find(W + "tcPr")
    span = tcpr.find(W + "gridSpan") if tcpr is not None else None
    try:
        return max(1, int(span.get(_VAL))) if span is not None else 1
    except (TypeError, ValueError):
        return 1


def read_styles(root: etree._Element | None) -> dict[str, dict]:
    """Paragraph styles: id -> {name, bold, numPr}, with `basedOn` inheritance resolved."""
    if root is None:
        return {}
    raw: dict[str, dict] = {}
    for style in root.iter(W + "style"):
        style_id = style.get(W + "styleId")
        if not style_id:
            continue
        name = style.find(W + "name")
        based = style.find(W + "basedOn")
        entry: dict = {
            "name": name.get(_VAL) if name is not None else style_id,
            "based_on": based.get(_VAL) if based is not None else None,
        }
        rpr = style.find(W + "rPr")
        if rpr is not None and rpr.find(W + "b") is not None:
            entry["bold"] = _on(rpr.find(W + "b"))
        ppr = style.find(W + "pPr")
        num_pr = ppr.find(W + "numPr") if ppr is not None else None
        if num_pr is not None:
            num_id = num_pr.find(W + "numId")
            ilvl = num_pr.find(W + "ilvl")
            entry["numPr"] = (
                num_id.get(_VAL) if num_id is not None else None,
                level_index(ilvl.get(_VAL, "0")) if ilvl is not None else None,
            )
        raw[style_id] = entry

    def resolved(style_id: str, depth: int = 0) -> dict:
        entry = dict(raw[style_id])
        parent = entry.get("based_on")
        if parent in raw and depth < 10:
            base = resolved(parent, depth + 1)
            for key in ("bold", "numPr"):
                entry.setdefault(key, base.get(key))
        return entry

    return {style_id: resolved(style_id) for style_id in raw}
