"""The annotated Word copy: the original DOCX with a Word comment on the text of each finding.

Comments are added with python-docx's comments API, author `natprog`; runs are split first so a
comment covers exactly the offending characters. Nothing else in the document changes.
"""

from __future__ import annotations

import copy
import hashlib
import io
from pathlib import Path

from lxml import etree

from ..errors import UnreadableFileError
from ..ingest import sniff
from ..ingest.numbering import Numbering
from ..ingest.wordxml import R, W, WalkedParagraph, WordWalker, read_styles
from .atomic import deterministic_zip, write_bytes
from .original import Original
from .runsplit import XML_SPACE, Piece, fresh_ids, split_paragraph
from .serialize import SEVERITY_NAMES

AUTHOR = "natprog"
INITIALS = "np"
Anchor = tuple[int, int, int]  # (paragraph index, start, end) in the walked paragraph's text


def write_annotated_docx(data: dict, path: Path, original: Original) -> Path | None:
    """Write the annotated copy of a DOCX input; other inputs have no Word file to annotate."""
    if data["source"]["format"] != "docx":
        return None
    source = original.path
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise UnreadableFileError(
            f"cannot read the file again ({exc.strerror})", path=str(source)
        ) from None
    if sniff(raw, source.suffix.lower()) != "docx":
        return None  # ODT/DOC/RTF read through LibreOffice: the original is not a Word file
    if hashlib.sha256(raw).hexdigest() != data["source"]["sha256"]:
        raise UnreadableFileError("the file changed while natprog was reading it: run again")
    if not data["findings"]:
        return write_bytes(path, raw)  # nothing to say: the copy is the original, byte for byte
    annotated = annotate_docx(raw, data, original.revisions)
    return None if annotated is None else write_bytes(path, annotated)


def annotate_docx(raw: bytes, data: dict, revisions: str = "accepted") -> bytes | None:
    """The DOCX `raw` with one comment per finding of `data` (the serialized result)."""
    opened = open_walked(raw, revisions)
    if opened is None:
        return None
    word, usable = opened
    anchors = [anchor(finding, usable, data) for finding in data["findings"]]

    # Split every run first (all cuts of a paragraph at once), then place the comments.
    cuts: dict[int, set[int]] = {}
    for index, start, end in anchors:
        cuts.setdefault(index, set()).update((start, end))
    ids = fresh_ids(word.element)
    pieces = {index: split_paragraph(usable[index], found, ids) for index, found in cuts.items()}
    comments = CommentPlacer(word)
    for finding, (index, start, end) in zip(data["findings"], anchors, strict=True):
        comments.place(pieces[index], start, end, comment_text(finding))
    buffer = io.BytesIO()
    word.save(buffer)
    return deterministic_zip(buffer.getvalue(), fix_modified=False)


def open_walked(raw: bytes, revisions: str = "accepted"):
    """python-docx's document of `raw` and its walked paragraphs that have text in runs (a
    comment can only be anchored on runs); None when there is nothing to anchor on."""
    import docx  # imported here: python-docx is needed only for the Word outputs

    try:
        word = docx.Document(io.BytesIO(raw))
    except (ValueError, KeyError):
        # Not a plain document part (a macro-enabled .docm, Strict Open XML): leave it alone.
        return None
    body = word.element.body
    # The same walk ingest made (same options, same paragraph numbers), over python-docx's tree.
    styles = read_styles(related_part(word, "styles"))
    walker = WordWalker(Numbering(related_part(word, "numbering"), styles), styles, revisions)
    walked = {p.index: p for p in walker.walk(body)}
    usable = {i: p for i, p in walked.items() if any(s.run.tag == R for s in p.segments)}
    return (word, usable) if usable else None


class CommentPlacer:
    """Adds natprog's comments to one document.

    python-docx finds the next free comment id by reading every comment's id, so adding a
    thousand comments took seconds (quadratic); the first comment goes through python-docx, and
    the rest are copies of its empty element with ids counted here (the same ids, max + 1).
    """

    def __init__(self, word) -> None:
        self.word = word
        self._blank: etree._Element | None = None
        self._comments: etree._Element | None = None  # the w:comments element
        self._next = 0

    def place(self, pieces: list[Piece], start: int, end: int, text: str) -> None:
        """A comment with `text` on the split runs covering [start, end)."""
        from docx.text.run import Run

        first, last = _runs(pieces, start, end)
        if self._blank is None:
            comment = self.word.add_comment(
                [Run(first, self.word), Run(last, self.word)],
                text="",
                author=AUTHOR,
                initials=INITIALS,
            )
            element = comment._comment_elm
            # python-docx stamps the current time; the same input must give the same bytes.
            element.date = None
            self._blank = copy.deepcopy(element)
            self._comments = element.getparent()
            ids = [int(c.get(W + "id")) for c in self._comments.iterchildren(W + "comment")]
            self._next = max(ids) + 1
        else:
            element = copy.deepcopy(self._blank)
            element.set(W + "id", str(self._next))
            self._comments.append(element)
            Run(first, self.word).mark_comment_range(Run(last, self.word), self._next)
            self._next += 1
        _write_text(element, text.split("\n"))


def comment_text(finding: dict) -> str:
    """The comment: the message, the suggestion, then severity and code for filtering."""
    lines = [finding["message"]]
    if finding.get("suggestion"):
        lines.append(f"Предложение: {finding['suggestion']}")
    severity = SEVERITY_NAMES.get(finding["severity"], finding["severity"])
    lines.append(f"({severity}, {finding['code']})")
    return "\n".join(lines)


def _write_text(comment, lines: list[str]) -> None:
    """The comment's text, a paragraph per line, built directly: python-docx's `text=` adds
    runs character by character, which is most of the time with hundreds of findings."""
    first = comment[0]  # the paragraph python-docx made: CommentText style, annotation mark
    for index, line in enumerate(lines):
        paragraph = first
        if index:
            paragraph = first.makeelement(first.tag, {})
            properties = first.find(W + "pPr")
            if properties is not None:
                paragraph.append(copy.deepcopy(properties))
            comment.append(paragraph)
        run = etree.SubElement(paragraph, W + "r")
        text = etree.SubElement(run, W + "t")
        text.text = line
        if line != line.strip():
            text.set(XML_SPACE, "preserve")


def related_part(word, kind: str):
    """A part of the main document by relationship type, or None (never creates one)."""
    for rel in word.part.rels.values():
        if not rel.is_external and rel.reltype.endswith("/" + kind):
            return getattr(rel.target_part, "element", None)
    return None


def anchor(finding: dict, usable: dict[int, WalkedParagraph], data: dict) -> Anchor:
    """Where the comment goes: the offending text, else its whole paragraph, else a heading."""
    location = finding["location"]
    index = location.get("paragraph")
    if index in usable:
        paragraph = usable[index]
        span = finding_span(paragraph, finding) or (0, len(paragraph.text))
        return index, *on_runs(paragraph, *span)
    # No paragraph of its own (a document-level finding, or one in a header): the heading of its
    # activity, else of its section, else the first paragraph with text.
    for candidate in (_activity_paragraph(data, location), _section_paragraph(data, location)):
        if candidate in usable:
            return candidate, *on_runs(usable[candidate], 0, len(usable[candidate].text))
    first = next(i for i, p in sorted(usable.items()) if p.text.strip())
    return first, *on_runs(usable[first], 0, len(usable[first].text))


def finding_span(paragraph: WalkedParagraph, finding: dict) -> tuple[int, int] | None:
    """The finding's text in the paragraph: its offsets when they check out, else a search."""
    context, start, end = finding.get("context"), finding.get("start"), finding.get("end")
    if context is not None and start is not None and end is not None:
        offset = finding.get("context_offset") or 0
        low, high = offset + start, offset + end
        if paragraph.text[low:high] == context[start:end]:
            if low == high:  # a point (a missing character): the character before it
                return (low - 1, low) if low > 0 else (low, min(low + 1, len(paragraph.text)))
            return low, high
    if context and start is None:  # about a whole value: the value, not its label before it
        offset = finding.get("context_offset") or 0
        if paragraph.text[offset : offset + len(context)] == context:
            return offset, offset + len(context)
    text = finding.get("text")
    if text:
        found = paragraph.text.find(text)
        if found >= 0:
            return found, found + len(text)
    return None


def on_runs(paragraph: WalkedParagraph, start: int, end: int) -> tuple[int, int]:
    """Clamp a span to the text that lives in runs (a list label has none); whole if outside."""
    runs = [s for s in paragraph.segments if s.run.tag == R]
    low, high = runs[0].start, runs[-1].end
    start, end = max(start, low), min(end, high)
    return (start, end) if start < end else (low, high)


def _runs(pieces: list[Piece], start: int, end: int):
    inside = [run for a, b, run in pieces if a >= start and b <= end and a < b and run.tag == R]
    if not inside:  # only math or non-run content in range: take the nearest runs around it
        inside = [run for a, b, run in pieces if b > start and a < end and run.tag == R] or [
            run for _, _, run in pieces if run.tag == R
        ]
    return inside[0], inside[-1]


def _activity_paragraph(data: dict, location: dict) -> int | None:
    for activity in data.get("activities", ()):
        if activity["id"] == location.get("activity"):
            return (activity.get("source") or {}).get("paragraph")
    return None


def _section_paragraph(data: dict, location: dict) -> int | None:
    for section in data.get("sections", ()):
        if section["number"] is not None and section["number"] == location.get("section"):
            return (section.get("source") or {}).get("paragraph")
    return None
