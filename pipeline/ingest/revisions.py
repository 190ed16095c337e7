"""Tracked changes counted over a whole part, whichever view of the text is read.

Every revision mark counts once: insertions, deletions, moves (at their destination) and
formatting changes, with the set of authors who made them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .wordxml import DEL, INS, MOVE_FROM, MOVE_TO, W


@dataclass(slots=True)
class RevisionStats:
    """Tracked changes of a part: revision marks by kind, and who made them."""

    insertions: int = 0
    deletions: int = 0
    moves: int = 0
    formatting: int = 0
    authors: set[str] = field(default_factory=set)


_REVISION_KINDS = {
    INS: "insertions",
    DEL: "deletions",
    MOVE_TO: "moves",  # a move is counted once, at its destination
    MOVE_FROM: None,
    **{
        W + tag: "formatting"
        for tag in (
            "rPrChange", "pPrChange", "tblPrChange", "trPrChange", "tcPrChange",
            "sectPrChange", "tblGridChange", "numberingChange",
        )
    },
}  # fmt: skip


def count_revisions(
    root: etree._Element | None, stats: RevisionStats | None = None
) -> RevisionStats:
    """Every revision mark under `root`, whichever view of the document is walked."""
    stats = stats or RevisionStats()
    if root is None:
        return stats
    for element in root.iter(*_REVISION_KINDS):
        kind = _REVISION_KINDS[element.tag]
        if kind is not None:
            setattr(stats, kind, getattr(stats, kind) + 1)
        author = element.get(W + "author")
        if author:
            stats.authors.add(author)
    return stats
