"""Split Word runs at text offsets, so a comment can start and end on any character.

Works on the segments `WordWalker` records (paragraph offset -> run and node); each new run gets
a copy of the original run's properties, so the document looks and reads exactly as before.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from itertools import count, pairwise

from lxml import etree

from ..ingest.wordxml import R, Segment, W, WalkedParagraph

Piece = tuple[int, int, etree._Element]  # paragraph text [start, end) lives in this run
_TEXT_NODES = (W + "t", W + "delText")
_ID = W + "id"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_ALL_IDS = etree.XPath("//@w:id", namespaces={"w": W[1:-1]})


def fresh_ids(root: etree._Element) -> Iterator[int]:
    """Ids above every `w:id` in the document, for revision marks copied with run properties."""
    used = [int(v) for v in _ALL_IDS(root) if v.isdigit()]
    return count(max(used, default=0) + 1)


def split_paragraph(
    paragraph: WalkedParagraph, cuts: Iterable[int], ids: Iterator[int]
) -> list[Piece]:
    """Split the paragraph's runs so every cut falls between runs; the text pieces, in order."""
    cuts = sorted(set(cuts))
    pieces: list[Piece] = []
    for run, segments in _by_run(paragraph.segments):
        inner = [c for c in cuts if segments[0].start < c < segments[-1].end]
        if not inner or run.tag != R:  # math and other non-runs are anchored on as a whole
            pieces.extend((s.start, s.end, run) for s in segments)
        else:
            pieces.extend(_split_run(run, segments, inner, ids))
    return pieces


def _by_run(segments: list[Segment]) -> Iterator[tuple[etree._Element, list[Segment]]]:
    group: list[Segment] = []
    for segment in segments:
        if group and segment.run is not group[0].run:
            yield group[0].run, group
            group = []
        group.append(segment)
    if group:
        yield group[0].run, group


def _split_run(
    run: etree._Element, segments: list[Segment], cuts: list[int], ids: Iterator[int]
) -> list[Piece]:
    by_node: dict[etree._Element, list[Segment]] = {}
    for segment in segments:
        by_node.setdefault(segment.node, []).append(segment)
    rpr = run.find(W + "rPr")
    pieces: list[Piece] = []
    target = last = run

    def new_run() -> etree._Element:
        nonlocal target, last
        created = run.makeelement(run.tag, dict(run.attrib))
        if rpr is not None:
            created.append(_copy_properties(rpr, ids))
        last.addnext(created)
        target = last = created
        return created

    for child in list(run):
        if child is rpr:
            continue
        node_segments = by_node.get(child)
        if not node_segments:  # no text (field chars, drawings, breaks hidden): stays in place
            if target is not run:
                target.append(child)
            continue
        first, final = node_segments[0].start, node_segments[-1].end
        here = [c for c in cuts if first <= c < final]
        if child.tag not in _TEXT_NODES:
            # One character (tab, break, symbol): a cut can only fall right before it.
            if here:
                new_run()
            if target is not run:
                target.append(child)
            pieces.extend((s.start, s.end, target) for s in node_segments)
            continue
        raw = child.text or ""
        bounds = [0] + [_raw_index(node_segments, c) for c in here] + [len(raw)]
        used = False
        for index, (a, b) in enumerate(pairwise(bounds)):
            if index:
                new_run()
            if a == b and index == 0:
                continue  # the cut is at the node's start: nothing stays behind
            node = child if not used else child.makeelement(child.tag, {})
            if used or target is not run:
                target.append(node)
            used = True
            node.text = raw[a:b]
            if node.text != node.text.strip():
                node.set(XML_SPACE, "preserve")
            pieces.extend(_pieces_of(node_segments, a, b, target))
    return pieces


def _raw_index(segments: list[Segment], offset: int) -> int:
    """Index into the node's own text of paragraph offset `offset` (soft hyphens skipped)."""
    for segment in segments:
        if segment.start <= offset < segment.end:
            return segment.node_offset + offset - segment.start
    return segments[-1].node_offset + segments[-1].end - segments[-1].start


def _pieces_of(segments: list[Segment], a: int, b: int, run: etree._Element) -> list[Piece]:
    out = []
    for segment in segments:
        low = segment.node_offset
        high = low + segment.end - segment.start
        start, end = max(a, low), min(b, high)
        if start < end:
            out.append((segment.start + start - low, segment.start + end - low, run))
    return out


def _copy_properties(rpr: etree._Element, ids: Iterator[int]) -> etree._Element:
    """A copy of run properties; a tracked formatting change in it gets its own revision id."""
    copied = copy.deepcopy(rpr)
    for element in copied.iter():
        if element.get(_ID) is not None:
            element.set(_ID, str(next(ids)))
    return copied
