"""Tracked changes in WordprocessingML: `w:del` around the wrong runs, `w:ins` with the right text.

Only plain text runs are ever touched: nothing inside a field, an existing revision, a math
zone or a drawing, and every new run carries a copy of the formatting of the run it replaces.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from ..ingest.wordxml import DEL, INS, MOVE_FROM, MOVE_TO, P, R, Segment, T, W
from .runsplit import XML_SPACE, Piece

AUTHOR = "natprog"
_DEL_TEXT = W + "delText"
_RPR = W + "rPr"
_REVISED = {INS, DEL, MOVE_FROM, MOVE_TO}
# Where a run's text may be changed: in the paragraph itself or in the display text of a
# hyperlink, smart tag, custom XML or inline content control (never their targets or tags).
_PLAIN_PARENTS = {P, W + "hyperlink", W + "smartTag", W + "customXml", W + "sdtContent", W + "sdt"}
# What a deleted run may hold besides its text: nothing a reader would miss.
_DELETABLE = {_RPR, T, W + "lastRenderedPageBreak", W + "softHyphen"}


@dataclass(frozen=True, slots=True)
class Edit:
    """Paragraph `paragraph`'s text [start, end) becomes `text` (start == end: an insertion)."""

    paragraph: int
    start: int
    end: int
    text: str


def field_runs(body: etree._Element) -> set[etree._Element]:
    """Runs inside a field (code or result) anywhere in the body: Word rewrites their text
    when it updates the field, and a changed code would change what the field shows."""
    inside: set[etree._Element] = set()
    depth = 0
    for run in body.iter(R):
        kinds = [c.get(W + "fldCharType") for c in run.iter(W + "fldChar")]
        if depth or kinds or _in_simple(run):
            inside.add(run)
        for kind in kinds:
            if kind == "begin":
                depth += 1
            elif kind == "end" and depth:
                depth -= 1
    return inside


def _in_simple(run: etree._Element) -> bool:
    return next(run.iterancestors(W + "fldSimple"), None) is not None


def refusal(edit: Edit, segments: list[Segment], fields: set[etree._Element]) -> str | None:
    """Why `edit` cannot be made on these characters, or None when it can."""
    if edit.start == edit.end:  # an insertion takes the run of the character before it
        before = [s for s in segments if s.end == edit.start]
        touched = before[-1:] or [s for s in segments if s.start == edit.start][:1]
    else:
        touched = [s for s in segments if s.start < edit.end and edit.start < s.end]
        covered = sum(min(s.end, edit.end) - max(s.start, edit.start) for s in touched)
        if covered != edit.end - edit.start:
            return "not-text"  # part of it is a list number or other text Word generates
    if not touched:
        return "not-text"
    parents = set()
    for segment in touched:
        run = segment.run
        if run.tag != R or segment.node.tag != T:
            return "not-text"
        if run in fields:
            return "field"
        rpr = run.find(_RPR)
        if rpr is not None and rpr.find(W + "rPrChange") is not None:
            return "revision"
        for ancestor in run.iterancestors():
            if ancestor.tag in _REVISED:
                return "revision"
            if ancestor.tag == P:
                break
            if ancestor.tag not in _PLAIN_PARENTS:
                return "not-text"
        parents.add(run.getparent())
    return None if len(parents) == 1 else "not-text"


def deletable(pieces: list[Piece], edit: Edit) -> bool:
    """After the runs are split: the runs of the edit hold only text (no drawing, no break)."""
    return all(
        child.tag in _DELETABLE for run in _runs_in(pieces, edit.start, edit.end) for child in run
    )


def apply(edit: Edit, pieces: list[Piece], ids: Iterator[int], date: str) -> None:
    """Make `edit` a tracked change on the split runs of its paragraph."""
    runs = _runs_in(pieces, edit.start, edit.end)
    if runs:
        last = None
        for group in _consecutive(runs):
            last = _wrap(group, DEL, next(ids), date)
            for run in group:
                for node in run.iter(T):
                    node.tag = _DEL_TEXT
        model, after = runs[0], last
    else:
        before = [run for start, end, run in pieces if end == edit.start and run.tag == R]
        later = [run for start, end, run in pieces if start == edit.start and run.tag == R]
        model = before[-1] if before else later[0]
        after = model if before else None
        if after is not None and after.getparent().tag == DEL:  # right after a deletion
            after = after.getparent()
    if not edit.text:
        return
    inserted = _wrap([_text_run(model, edit.text, ids)], INS, next(ids), date, place=False)
    if after is not None:
        after.addnext(inserted)
    else:
        model.addprevious(inserted)


def _runs_in(pieces: list[Piece], start: int, end: int) -> list[etree._Element]:
    runs: list[etree._Element] = []
    for a, b, run in pieces:
        if start <= a and b <= end and a < b and run.tag == R and run not in runs:
            runs.append(run)
    return runs


def _consecutive(runs: list[etree._Element]) -> Iterator[list[etree._Element]]:
    """Runs in groups of direct neighbours: a bookmark or comment mark between them stays out."""
    group = [runs[0]]
    for run in runs[1:]:
        if group[-1].getnext() is run:
            group.append(run)
        else:
            yield group
            group = [run]
    yield group


def _wrap(
    runs: list[etree._Element], tag: str, revision: int, date: str, place: bool = True
) -> etree._Element:
    first = runs[0]
    mark = first.makeelement(tag, {W + "id": str(revision), W + "author": AUTHOR, W + "date": date})
    if place:
        first.addprevious(mark)
    for run in runs:
        mark.append(run)
    return mark


def _text_run(model: etree._Element, text: str, ids: Iterator[int]) -> etree._Element:
    """A run with `text` and the formatting of `model`."""
    run = model.makeelement(R, {})
    rpr = model.find(_RPR)
    if rpr is not None:
        copied = copy.deepcopy(rpr)
        for element in copied.iter():
            if element.get(W + "id") is not None:
                element.set(W + "id", str(next(ids)))
        run.append(copied)
    node = etree.SubElement(run, T)
    node.text = text
    if text != text.strip():
        node.set(XML_SPACE, "preserve")
    return run
