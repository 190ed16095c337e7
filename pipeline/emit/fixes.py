"""Which findings can become a tracked change: the text as it should read, and how sure we are.

A finding's `suggestion` is sometimes the corrected text and sometimes advice in words
("преномерирайте като 3"); one small rule per code tells them apart and rates the fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

from rapidfuzz.distance import OSA

# What `natprog fix` applies unless told otherwise (`--apply`, `[fix] apply`): the fixes that
# never change what the draft says. Other fixable codes are opt-in.
DEFAULT_APPLY: tuple[str, ...] = (
    "spelling.unknown_word",
    "grammar.agreement",
    "text.spacing",
    "text.repeated_word",
    "label.misspelled",
    "numbering.gap",
    "numbering.duplicate",
    "numbering.order",
    "script.mixed",
)
DEFAULT_MIN_CONFIDENCE = 0.75
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
_NUMBER = re.compile(r"\d+")
# Letters only Ukrainian or Russian use: a name may be spelled with them on purpose.
_FOREIGN_CYRILLIC = set("ІіЇїЄєЁёЫыЭэ")


@dataclass(frozen=True, slots=True)
class Proposal:
    """The finding's text as it should read, and the confidence (0..1) that it is right."""

    replacement: str
    confidence: float


Rule = Callable[[dict, dict], Proposal | None]
_RULES: dict[str, Rule] = {}


def _rule(*codes: str) -> Callable[[Rule], Rule]:
    def register(func: Rule) -> Rule:
        for code in codes:
            _RULES[code] = func
        return func

    return register


def fixable_codes() -> tuple[str, ...]:
    """Every code whose findings can become a tracked change (what `--apply` accepts)."""
    return tuple(sorted(_RULES))


def propose(finding: dict, data: dict) -> Proposal | None:
    """The fix of one serialized finding, or None when its suggestion is not a replacement."""
    rule = _RULES.get(finding["code"])
    if rule is None or not finding.get("text"):
        return None
    proposal = rule(finding, data)
    if proposal is None or proposal.replacement == finding["text"]:
        return None
    return proposal


@_rule("spelling.unknown_word")
def _spelling(finding: dict, data: dict) -> Proposal | None:
    """The first suggestion; sure when no other suggestion is as close, or the draft itself
    uses the first one elsewhere (`бюджета` 25 times for `бюдцета`)."""
    word, suggestions = finding["text"], finding.get("suggestions") or []
    if not suggestions:
        return None
    best = suggestions[0]
    distance = OSA.distance(word.lower(), best.lower())
    rivals = [s for s in suggestions[1:] if OSA.distance(word.lower(), s.lower()) <= distance]
    used = "document-usage" in (finding.get("signals") or ())
    # As close as another word: only the draft's own usage breaks the tie.
    confidence = (0.98 if used else 0.9) if not rivals else (0.8 if used else 0.5)
    if distance > 2 or distance > len(word) // 4 + 1:
        confidence -= 0.3  # far from what was typed: more likely a different word
    if "word-proofing" in (finding.get("signals") or ()):
        confidence += 0.02
    return Proposal(best, round(min(confidence, 1.0), 2))


@_rule("grammar.agreement")
def _agreement(finding: dict, data: dict) -> Proposal | None:
    """The agreeing pair; the check judges only pairs Hunspell's paradigms classify beyond doubt."""
    suggestion = finding.get("suggestion")
    return Proposal(suggestion, 0.85) if suggestion else None


@_rule("text.spacing", "label.misspelled", "deadline.format")
def _literal(finding: dict, data: dict) -> Proposal | None:
    """The suggestion is the text as it should read: spaces, a label's spelling, a date's form."""
    suggestion = finding.get("suggestion")
    sure = {"text.spacing": 1.0, "label.misspelled": 0.95, "deadline.format": 0.9}
    return Proposal(suggestion, sure[finding["code"]]) if suggestion else None


@_rule("text.repeated_word")
def _repeated(finding: dict, data: dict) -> Proposal | None:
    """`на на` → `на`; a word may be doubled on purpose now and then (`много много`)."""
    suggestion = finding.get("suggestion")
    return Proposal(suggestion, 0.85) if suggestion else None


@_rule("script.mixed")
def _script(finding: dict, data: dict) -> Proposal | None:
    """Look-alike letters swapped for their twins (same glyph); letters of another Cyrillic
    alphabet may be a foreign name's spelling, so they only ever get a comment by default."""
    suggestion = finding.get("suggestion")
    if not suggestion or len(suggestion) != len(finding["text"]):
        return None
    foreign = any(ch in _FOREIGN_CYRILLIC for ch in finding["text"]) and not finding[
        "message"
    ].startswith("римската")
    return Proposal(suggestion, 0.6 if foreign else 0.95)


@_rule("abbreviation.variant")
def _abbreviation(finding: dict, data: dict) -> Proposal | None:
    """A probable slip of a defined abbreviation (`МОНМ` for `МОМН`): a guess, opt-in only."""
    suggestion = finding.get("suggestion")
    if not suggestion or " " in suggestion:
        return None
    return Proposal(suggestion, 0.6)


@_rule("numbering.gap", "numbering.duplicate", "numbering.order")
def _renumber(finding: dict, data: dict) -> Proposal | None:
    """An activity number between two neighbours that leave it one choice (2, 2, 4 → 3).

    A gap followed by the numbers continuing from it (2, 4, 5) may be a missing activity as
    well as a typo, so it stays a comment.
    """
    paragraph = finding["location"].get("paragraph")
    for section in data.get("sections") or ():
        activities = section.get("activities") or []
        numbers = [a["number"] for a in activities]
        for index, activity in enumerate(activities):
            if (activity.get("source") or {}).get("paragraph") != paragraph:
                continue
            number = numbers[index]
            before = numbers[index - 1] if index else None
            after = numbers[index + 1] if index + 1 < len(numbers) else None
            if number is None or before is None:
                return None
            if after is not None and after - before == 2 and number != before + 1:
                expected, confidence = before + 1, 0.9
            elif after is None and number == before:  # a duplicate at the end: the next number
                expected, confidence = before + 1, 0.85
            else:
                return None
            return _with_number(finding["text"], number, expected, confidence)
    return None


def _with_number(text: str, old: int, new: int, confidence: float) -> Proposal | None:
    match = next((m for m in _NUMBER.finditer(text) if int(m.group()) == old), None)
    if match is None:
        return None
    return Proposal(text[: match.start()] + str(new) + text[match.end() :], confidence)


def token_edits(old: str, new: str) -> list[tuple[int, int, str]]:
    """The smallest edits turning `old` into `new`, as (start, end, replacement) in `old`.

    Whole words are replaced (a proofreader reads `бюдцета` → `бюджета`, not `ц` → `ж`);
    spaces and punctuation change only where they differ (`МТСП  и` loses one space).
    """
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    starts = [0]
    for token in a:
        starts.append(starts[-1] + len(token))
    edits: list[tuple[int, int, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                edits.extend(_pair(a[i], b[j], starts[i]))
        else:
            edits.append((starts[i1], starts[i2], "".join(b[j1:j2])))
    return edits


def _pair(old: str, new: str, offset: int) -> list[tuple[int, int, str]]:
    """One token for another: a word whole, spaces and punctuation trimmed to what differs."""
    if old == new:
        return []
    if old[:1].isalnum() or new[:1].isalnum():
        return [(offset, offset + len(old), new)]
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return [(offset + prefix, offset + len(old) - suffix, new[prefix : len(new) - suffix])]
