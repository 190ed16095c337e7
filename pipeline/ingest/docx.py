"""DOCX in, `Document` out: body, headers/footers, comments and tracked-change statistics.

Parts are located through the package relationships, read through `SafeZip`, and walked with
`WordWalker`; nothing of python-docx is needed on this path (it is used for the annotated copy).
"""

from __future__ import annotations

import posixpath

from lxml import etree

from ..errors import UnreadableFileError
from ..models import Block, Comment, Document, ProofMark, Provenance, TrackedChanges
from ..options import Options
from .budget import check_word_part
from .numbering import Numbering
from .revisions import RevisionStats, count_revisions
from .safezip import SafeZip, parse_xml
from .wordxml import W, WalkedParagraph, WordWalker, read_styles

_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_STRICT = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
_TRANSITIONAL = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"


class DocxPackage:
    """The parts of a WordprocessingML package that natprog reads."""

    def __init__(self, data: bytes, path: str, options: Options) -> None:
        self.path = path
        self.zip = SafeZip(data, options.limits, path)
        self.main = self._main_part()
        self.rels = self._relationships(self.main)

    def check_targets(self) -> None:
        """Every part a relationship names is in the file: python-docx (the annotated copy)
        follows them all, and a missing one means the file was damaged on the way."""
        for rels_name in self.zip.names():
            folder, name = posixpath.split(rels_name)
            if posixpath.basename(folder) != "_rels" or not name.endswith(".rels"):
                continue
            source_folder = posixpath.dirname(folder)
            for rel in self.zip.xml(rels_name).iter(_REL):
                target = rel.get("Target", "")
                if rel.get("TargetMode") == "External" or not target:
                    continue
                if target.startswith("/"):
                    part = posixpath.normpath(target).lstrip("/")
                else:
                    part = posixpath.normpath(posixpath.join(source_folder, target))
                if not self.zip.has(part):
                    raise UnreadableFileError(
                        f"the file is damaged: it refers to {part}, which it does not hold: "
                        "ask the sender for a fresh copy, or open and re-save it in Word",
                        path=self.path,
                    )

    def _main_part(self) -> str:
        if self.zip.has("_rels/.rels"):
            for rel in self.zip.xml("_rels/.rels").iter(_REL):
                if rel.get("Type", "").endswith("/officeDocument"):
                    return rel.get("Target", "").lstrip("/")
        if self.zip.has("word/document.xml"):
            return "word/document.xml"
        raise UnreadableFileError(
            "not a Word document: the ZIP has no word/document.xml (is it a DOCX at all?)",
            path=self.path,
        )

    def _relationships(self, part: str) -> list[tuple[str, str]]:
        folder, name = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", name + ".rels")
        if not self.zip.has(rels_name):
            return []
        out = []
        for rel in self.zip.xml(rels_name).iter(_REL):
            if rel.get("TargetMode") == "External":
                continue
            target = posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
            out.append((rel.get("Type", "").rsplit("/", 1)[-1], target.lstrip("/")))
        return out

    def raw(self, name: str) -> bytes:
        """A part's bytes, Strict OOXML names turned into the Transitional ones Word writes."""
        data = self.zip.read(name)
        if _STRICT in data[:4096]:
            data = data.replace(_STRICT, _TRANSITIONAL)
        return data

    def part(self, name: str) -> etree._Element | None:
        if not self.zip.has(name):
            return None
        return parse_xml(self.raw(name), name=name, path=self.path)

    def related(self, kind: str) -> list[str]:
        return [target for rel_type, target in self.rels if rel_type == kind]

    def first_related(self, kind: str) -> etree._Element | None:
        for target in self.related(kind):
            return self.part(target)
        return None


def _block(paragraph: WalkedParagraph, part: str = "body") -> Block:
    return Block(
        text=paragraph.text,
        prov=Provenance(
            page=paragraph.page,
            paragraph=paragraph.index if part == "body" else None,
            table=paragraph.table,
            row=paragraph.row,
            cell=paragraph.cell,
            part=part,  # type: ignore[arg-type]
        ),
        bold=paragraph.bold,
        style=paragraph.style,
        list_label=paragraph.list_label,
    )


def read_docx(data: bytes, path: str, options: Options) -> Document:
    package = DocxPackage(data, path, options)
    if package.zip.has(package.main):
        check_word_part(package.raw(package.main), options.limits, path, package.main)
    root = package.part(package.main)
    if root is None:
        raise UnreadableFileError("the Word document has no main part", path=path)
    body = root.find(W + "body")
    if body is None:
        raise UnreadableFileError("the Word document has no body", path=path)
    package.check_targets()
    styles = read_styles(package.first_related("styles"))
    numbering = Numbering(package.first_related("numbering"), styles)
    page_hints = root.find(f".//{W}lastRenderedPageBreak") is not None
    walker = WordWalker(numbering, styles, options.revisions, page_hints=page_hints)
    blocks: list[Block] = []
    proof_marks: list[ProofMark] = []
    walked: dict[int, WalkedParagraph] = {}
    for paragraph in walker.walk(body):
        walked[paragraph.index] = paragraph
        if not paragraph.repeated:
            for start, end, kind in paragraph.proof_marks:
                proof_marks.append(ProofMark(paragraph.index, start, end, kind))
        if paragraph.text.strip():
            blocks.append(_block(paragraph))

    stats = count_revisions(root)
    for kind in ("footnotes", "endnotes"):
        count_revisions(package.first_related(kind), stats)
    document = Document(
        path=path,
        format="docx",
        sha256="",
        blocks=blocks,
        header_blocks=_furniture(package, "header", options, stats),
        footer_blocks=_furniture(package, "footer", options, stats),
        pages=None,
        proof_marks=proof_marks,
    )
    document.tracked_changes = TrackedChanges(
        insertions=stats.insertions,
        deletions=stats.deletions,
        moves=stats.moves,
        formatting=stats.formatting,
        authors=tuple(sorted(stats.authors)),
    )
    document.comments = _comments(package, walker)
    document.numbering_clamped = list(numbering.clamped)
    return document


def _furniture(
    package: DocxPackage, kind: str, options: Options, stats: RevisionStats
) -> list[Block]:
    """Header or footer paragraphs, each distinct text once; their revisions count too."""
    seen: set[str] = set()
    out: list[Block] = []
    for target in package.related(kind):
        part = package.part(target)
        if part is None:
            continue
        count_revisions(part, stats)
        walker = WordWalker(revisions=options.revisions)
        for paragraph in walker.walk(part):
            text = paragraph.text.strip()
            if text and text not in seen:
                seen.add(text)
                out.append(_block(paragraph, part=kind))
    return out


def _comments(package: DocxPackage, walker: WordWalker) -> list[Comment]:
    root = package.first_related("comments")
    if root is None:
        return []
    out = []
    for comment in root.iter(W + "comment"):
        comment_id = comment.get(W + "id")
        text = "\n".join(
            "".join(node.text or "" for node in p.iter(W + "t")) for p in comment.iter(W + "p")
        ).strip()
        anchor = "".join(walker.comment_text.get(comment_id, [])).strip()
        paragraph = walker.comment_paragraph.get(comment_id)
        table, row, cell = walker.comment_cell.get(comment_id) or (None, None, None)
        out.append(
            Comment(
                author=comment.get(W + "author", ""),
                text=text,
                anchor_text=anchor,
                prov=Provenance(paragraph=paragraph, table=table, row=row, cell=cell)
                if paragraph
                else None,
                date=comment.get(W + "date"),
            )
        )
    return out
