"""One walker over WordprocessingML that yields paragraphs as the reader sees them.

python-docx's `Paragraph.text` drops insertions, moves, content controls, smart tags and field
results, and misses paragraphs inside body-level content controls; this walker covers them and
records, for every character, the run it came from (the annotated copy anchors comments on it).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from .numbering import Numbering

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"

P, R, T, TBL, TR, TC = W + "p", W + "r", W + "t", W + "tbl", W + "tr", W + "tc"
INS, DEL, MOVE_FROM, MOVE_TO = W + "ins", W + "del", W + "moveFrom", W + "moveTo"
SDT, SDT_CONTENT, CUSTOM_XML = W + "sdt", W + "sdtContent", W + "customXml"
_TRANSPARENT_INLINE = {
    W + "hyperlink", W + "smartTag", W + "customXml", W + "fldSimple", W + "dir", W + "bdo",
}  # fmt: skip
_VAL = W + "val"
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\ufeff\u2060"))  # soft hyphen, zero widths


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


@dataclass(slots=True)
class RevisionStats:
    insertions: int = 0
    deletions: int = 0
    moves: int = 0
    formatting: int = 0
    authors: set[str] = field(default_factory=set)


def _on(el: etree._Element | None) -> bool:
    """A toggle property (w:b, w:vanish, ...) that is present and not switched off."""
    return el is not None and el.get(_VAL, "true") not in ("0", "false", "off")


class _Builder:
    """Accumulates one paragraph's text with its segments."""

    __slots__ = ("parts", "segments", "length", "bold_chars", "plain_chars", "marks", "open_marks")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.segments: list[Segment] = []
        self.length = 0
        self.bold_chars = 0
        self.plain_chars = 0
        self.marks: list[tuple[int, int, str]] = []
        self.open_marks: dict[str, int] = {}

    def add(self, text: str, run: etree._Element, node: etree._Element, bold: bool) -> None:
        if not text:
            return
        text = text.replace("\u00a0", " ").replace("\u2011", "-")
        offset = 0
        # Invisible characters are dropped, splitting the segment so offsets still map back.
        pieces = text.split("\u00ad") if "\u00ad" in text else [text]
        for piece in pieces:
            clean = piece.translate(_INVISIBLE)
            if clean == piece and piece:
                self._append(piece, run, node, offset)
            elif clean:
                self._append(clean, run, node, offset)  # rare zero-width chars: approximate
            offset += len(piece) + 1
        visible = sum(1 for ch in text if not ch.isspace())
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


class WordWalker:
    """Walks a body (or header/footer) element; accepted or original view of tracked changes."""

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
        self.revisions = RevisionStats()
        self._cell: tuple[int, int, int] | None = None
        self._carry: _Builder | None = None

    # -- block level ---------------------------------------------------------------------------
    def walk(self, container: etree._Element) -> Iterator[WalkedParagraph]:
        for child in container:
            tag = child.tag
            if tag == P:
                yield from self._paragraph(child)
            elif tag == TBL:
                yield from self._table(child)
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    yield from self.walk(content)
            elif tag in (CUSTOM_XML, INS, MOVE_TO) or tag in (DEL, MOVE_FROM) and not self.accepted:
                yield from self.walk(child)

    def _table(self, table: etree._Element) -> Iterator[WalkedParagraph]:
        self.table_count += 1
        table_index = self.table_count
        outer = self._cell
        row_index = 0
        for row in self._rows(table):
            trpr = row.find(W + "trPr")
            if trpr is not None:
                if trpr.find(DEL) is not None:
                    self._count_revision(trpr.find(DEL), "deletions")
                    if self.accepted:
                        continue
                if trpr.find(INS) is not None:
                    self._count_revision(trpr.find(INS), "insertions")
                    if not self.accepted:
                        continue
            row_index += 1
            for cell_index, cell in enumerate(self._cells(row), start=1):
                self._cell = (table_index, row_index, cell_index)
                yield from self.walk(cell)
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
        index = self.paragraph_count
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
                    int(ilvl.get(_VAL, "0")) if ilvl is not None else None,
                )
            rpr = ppr.find(W + "rPr")
            if rpr is not None:
                if rpr.find(DEL) is not None:
                    mark_deleted = True
                    self._count_revision(rpr.find(DEL), "deletions")
                if rpr.find(INS) is not None:
                    mark_inserted = True
                    self._count_revision(rpr.find(INS), "insertions")
            if ppr.find(W + "pPrChange") is not None:
                self._count_revision(ppr.find(W + "pPrChange"), "formatting")
            if self.page_hints and ppr.find(W + "pageBreakBefore") is not None:
                self.page += 1
        style = self.styles.get(style_id or "") or {}
        page = self.page if self.page_hints else None
        builder = self._carry or _Builder()
        self._carry = None
        style_bold = bool(style.get("bold"))
        self._inline(p, builder, style_bold)
        # A deleted paragraph mark joins this paragraph to the next (accepted view), and an
        # inserted one does the same in the original view.
        if (mark_deleted and self.accepted) or (mark_inserted and not self.accepted):
            self._carry = builder
            return
        label = self._list_label(num, style_id, style)
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
        yield WalkedParagraph(
            element=p,
            index=index,
            text=text,
            segments=segments,
            list_label=label[0] if label else None,
            table=table,
            row=row,
            cell=cell,
            bold=builder.bold_chars > 0 and builder.plain_chars == 0,
            style=style.get("name") or style_id,
            page=page,
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
                self._count_revision(child, "insertions" if tag == INS else "moves")
                if self.accepted:
                    self._inline(child, out, style_bold)
            elif tag in (DEL, MOVE_FROM):
                self._count_revision(child, "deletions" if tag == DEL else None)
                if not self.accepted:
                    self._inline(child, out, style_bold)
            elif tag in _TRANSPARENT_INLINE:
                self._inline(child, out, style_bold)
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    self._inline(content, out, style_bold)
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
            if rpr.find(W + "rPrChange") is not None:
                self._count_revision(rpr.find(W + "rPrChange"), "formatting")
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
            if tag == W + "lastRenderedPageBreak" and self.page_hints:
                self.page += 1
                continue
            if hidden or "instr" in self.fields:
                continue
            if tag == T or tag == W + "delText" and not self.accepted:
                self._emit(node.text or "", run, node, out, bold)
            elif tag == W + "tab":
                self._emit("\t", run, node, out, bold)
            elif tag in (W + "br", W + "cr"):
                if node.get(W + "type") == "page" and self.page_hints:
                    self.page += 1
                self._emit("\n", run, node, out, bold)
            elif tag == W + "noBreakHyphen":
                self._emit("-", run, node, out, bold)
            elif tag == W + "sym":
                char = node.get(W + "char", "")
                try:
                    code = int(char, 16)
                except ValueError:
                    continue
                # Symbol-font characters live in the private area; show them as a bullet.
                self._emit(chr(code) if code < 0xE000 else "•", run, node, out, bold)

    def _emit(self, text: str, run, node, out: _Builder, bold: bool) -> None:
        if not text:
            return
        out.add(text, run, node, bold)
        for comment_id in self.comment_open:
            self.comment_text[comment_id].append(text)

    def _count_revision(self, el: etree._Element | None, kind: str | None) -> None:
        if el is None:
            return
        stats = self.revisions
        if kind == "insertions":
            stats.insertions += 1
        elif kind == "deletions":
            stats.deletions += 1
        elif kind == "moves":
            stats.moves += 1
        elif kind == "formatting":
            stats.formatting += 1
        author = el.get(W + "author")
        if author:
            stats.authors.add(author)


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
                int(ilvl.get(_VAL, "0")) if ilvl is not None else None,
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
