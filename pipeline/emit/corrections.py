"""The corrected Word copy: each confident fix a tracked change, every other finding a comment.

Opened in Word, the Review pane lists natprog's changes (author `natprog`) to accept or reject
one by one or all at once; each change carries a comment saying why, as the annotated copy does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UnreadableFileError, UnsupportedFormatError, UsageError
from ..ingest import sniff
from ..ingest.wordxml import WalkedParagraph
from ..options import FixOptions
from .annotate import CommentPlacer, anchor, comment_text, finding_span, open_walked
from .atomic import deterministic_zip
from .fixes import DEFAULT_APPLY, fixable_codes, propose, token_edits
from .runsplit import fresh_ids, split_paragraph
from .trackchanges import Edit, apply, deletable, field_runs, refusal

# Why a finding stayed a comment (keys of `Outcome.reason`; the report says them in Bulgarian).
REASONS = {
    "not-applied": "кодът не е избран за поправки",
    "no-fix": "предложението не е готов текст",
    "low-confidence": "предложението не е достатъчно сигурно",
    "no-text": "няма точно място в текста",
    "field": "в поле на Word",
    "revision": "върху съществуваща проследена промяна",
    "not-text": "не е обикновен текст",
    "overlap": "припокрива друга поправка",
}


@dataclass(slots=True)
class Outcome:
    """What became of one finding (by its index in `data["findings"]`)."""

    finding: int
    tracked: bool = False
    reason: str | None = None  # a REASONS key when the finding stayed a comment
    confidence: float | None = None
    changes: list[tuple[str, str]] = field(default_factory=list)  # (wrong, right) texts
    edits: list[Edit] = field(default_factory=list)  # where, in the walked paragraph

    def to_dict(self) -> dict:
        return {
            "finding": self.finding,
            "tracked": self.tracked,
            "reason": self.reason,
            "confidence": self.confidence,
            "changes": [list(pair) for pair in self.changes],
        }


@dataclass(slots=True)
class _Fix:
    """A planned change: findings it settles, the span the comment covers and the edits."""

    findings: list[int]
    paragraph: int
    start: int
    end: int
    edits: list[Edit]


def applied_codes(fix: FixOptions) -> frozenset[str]:
    """The codes `fix` turns into changes; a code or family that cannot be fixed is an error."""
    chosen = DEFAULT_APPLY if fix.apply is None else fix.apply
    known = fixable_codes()
    codes: set[str] = set()
    for code in chosen:
        matching = [c for c in known if c == code or c.split(".", 1)[0] == code]
        if not matching:
            raise UsageError(
                f"{code} cannot become a tracked change; these can: {', '.join(known)}"
            )
        codes.update(matching)
    return frozenset(codes)


def tracked_date() -> str:
    """The date on the changes: now, or SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def require_word_file(path: Path | str) -> None:
    """Refuse a draft that is readable but not a Word file before it is proofread for nothing;
    a missing or unreadable file is left to ingest, which says so in its own words."""
    source = Path(path)
    try:
        kind = sniff(source.read_bytes(), source.suffix.lower())
    except OSError:
        return
    if kind in ("pdf", "txt"):
        raise UnsupportedFormatError(
            f"natprog fix writes tracked changes into Word files; this is a {kind.upper()}"
            ": proofread it with natprog extract (the report lists every finding)",
            path=str(source),
        )
    if kind in ("odt", "doc", "rtf"):
        raise UnsupportedFormatError(
            f"natprog fix needs a .docx; this is {kind.upper()}: open it in Word or LibreOffice "
            "and save it as .docx first",
            path=str(source),
        )


def read_docx_again(result) -> bytes:
    """The draft's bytes, checked to be the file that was proofread and a real Word file."""
    document = result.document
    source = Path(document.path)
    if document.format != "docx":
        raise UnsupportedFormatError(
            f"natprog fix writes tracked changes into Word files; this is a {document.format.upper()}"
            ": proofread it with natprog extract (the report lists every finding)",
            path=str(source),
        )
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise UnreadableFileError(
            f"cannot read the file again ({exc.strerror})", path=str(source)
        ) from None
    if sniff(raw, source.suffix.lower()) != "docx":
        raise UnsupportedFormatError(
            "natprog fix needs a .docx saved by Word or LibreOffice; open this file there and "
            "save it as .docx first",
            path=str(source),
        )
    if hashlib.sha256(raw).hexdigest() != document.sha256:
        raise UnreadableFileError("the file changed while natprog was reading it: run again")
    return raw


def correct_docx(
    raw: bytes,
    data: dict,
    fix: FixOptions | None = None,
    revisions: str = "accepted",
    date: str | None = None,
) -> tuple[bytes, list[Outcome]]:
    """The DOCX `raw` with the fixes of `data` as tracked changes and the rest as comments."""
    findings = data["findings"]
    outcomes = [Outcome(index) for index in range(len(findings))]
    if not findings:
        return raw, outcomes  # nothing to say: the copy is the draft, byte for byte
    opened = open_walked(raw, revisions)
    if opened is None:
        raise UnsupportedFormatError(
            "natprog cannot write into this Word file (a macro-enabled or Strict Open XML "
            "document?): open it in Word and save it as an ordinary .docx first"
        )
    word, usable = opened
    body = word.element.body
    anchors = [anchor(finding, usable, data) for finding in findings]
    fixes = _plan(data, usable, outcomes, applied_codes(fix or FixOptions()), fix or FixOptions())
    fields = field_runs(body)
    for planned in list(fixes):
        segments = usable[planned.paragraph].segments
        reasons = [refusal(edit, segments, fields) for edit in planned.edits]
        reason = next((r for r in reasons if r), None)
        if reason:
            _refuse(planned, outcomes, reason)
            fixes.remove(planned)

    # All cuts of a paragraph at once: comment anchors and the edges of every edit.
    cuts: dict[int, set[int]] = {}
    for index, start, end in anchors:
        cuts.setdefault(index, set()).update((start, end))
    for planned in fixes:
        bounds = cuts.setdefault(planned.paragraph, set())
        bounds.update((planned.start, planned.end))
        for edit in planned.edits:
            bounds.update((edit.start, edit.end))
    ids = fresh_ids(word.element)
    pieces = {index: split_paragraph(usable[index], found, ids) for index, found in cuts.items()}
    for planned in list(fixes):
        if not all(deletable(pieces[planned.paragraph], edit) for edit in planned.edits):
            _refuse(planned, outcomes, "not-text")
            fixes.remove(planned)

    settled = {index for planned in fixes for index in planned.findings}
    comments = CommentPlacer(word)
    for planned in fixes:
        text = "\n".join(comment_text(findings[index]) for index in planned.findings)
        comments.place(pieces[planned.paragraph], planned.start, planned.end, text)
    for index, (paragraph, start, end) in enumerate(anchors):
        if index not in settled:
            comments.place(pieces[paragraph], start, end, comment_text(findings[index]))
    revision_ids = fresh_ids(word.element)
    date = date or tracked_date()
    for planned in fixes:
        for edit in planned.edits:
            apply(edit, pieces[planned.paragraph], revision_ids, date)
        for index in planned.findings:
            outcomes[index].tracked = True
            outcomes[index].reason = None
    buffer = io.BytesIO()
    word.save(buffer)
    return deterministic_zip(buffer.getvalue(), fix_modified=False), outcomes


def _refuse(planned: _Fix, outcomes: list[Outcome], reason: str) -> None:
    for index in planned.findings:
        outcomes[index].reason = reason
        outcomes[index].changes, outcomes[index].edits = [], []


def _plan(
    data: dict,
    usable: dict[int, WalkedParagraph],
    outcomes: list[Outcome],
    codes: frozenset[str],
    fix: FixOptions,
) -> list[_Fix]:
    """The fixes to make, widest first; a fix inside a wider one joins it when the wider one
    also removes its wrong text (`Повишено  информираност`: agreement and spacing at once)."""
    candidates = []
    for index, finding in enumerate(data["findings"]):
        outcome = outcomes[index]
        if finding["code"] not in codes:
            outcome.reason = "not-applied"
            continue
        proposal = propose(finding, data)
        if proposal is None:
            outcome.reason = "no-fix"
            continue
        outcome.confidence = proposal.confidence
        if proposal.confidence < fix.min_confidence:
            outcome.reason = "low-confidence"
            continue
        paragraph = usable.get(finding["location"].get("paragraph"))
        span = _exact_span(paragraph, finding) if paragraph is not None else None
        if span is None:
            outcome.reason = "no-text"
            continue
        start, end = span
        edits = [
            Edit(paragraph.index, start + a, start + b, text)
            for a, b, text in token_edits(paragraph.text[start:end], proposal.replacement)
        ]
        outcome.changes = [(paragraph.text[e.start : e.end], e.text) for e in edits]
        outcome.edits = edits
        candidates.append((index, _Fix([index], paragraph.index, start, end, edits)))
    candidates.sort(key=lambda item: (item[1].start - item[1].end, item[0]))
    fixes: list[_Fix] = []
    for index, candidate in candidates:
        host = next((f for f in fixes if _overlaps(f, candidate)), None)
        if host is None:
            fixes.append(candidate)
        elif _settles(host, candidate, data["findings"][index], usable):
            host.findings.append(index)
            outcomes[index].changes, outcomes[index].edits = [], []
        else:
            outcomes[index].reason = "overlap"
            outcomes[index].changes, outcomes[index].edits = [], []
    for planned in fixes:
        planned.findings.sort()
    return sorted(fixes, key=lambda f: (f.paragraph, f.start))


def _exact_span(paragraph: WalkedParagraph, finding: dict) -> tuple[int, int] | None:
    """The finding's characters, only when its offsets check out (never a search that could
    land on another occurrence of the word)."""
    if finding.get("start") is None or finding.get("end") is None:
        return None
    span = finding_span(paragraph, finding)
    if span is None or paragraph.text[span[0] : span[1]] != finding["text"]:
        return None
    return span


def _overlaps(a: _Fix, b: _Fix) -> bool:
    return a.paragraph == b.paragraph and a.start < b.end and b.start < a.end


def _settles(host: _Fix, inner: _Fix, finding: dict, usable) -> bool:
    """Whether `host`'s edits, inside whose span `inner` lies, leave no trace of its wrong text."""
    if not (host.start <= inner.start and inner.end <= host.end):
        return False
    text = usable[host.paragraph].text
    after = text[host.start : host.end]
    for edit in sorted(host.edits, key=lambda e: e.start, reverse=True):
        a, b = edit.start - host.start, edit.end - host.start
        after = after[:a] + edit.text + after[b:]
    return finding["text"] not in after
