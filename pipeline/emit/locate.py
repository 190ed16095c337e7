"""Where a finding is, in words a Word user can search for: structure and a quote first, place last.

Word does not number paragraphs, so "абзац 38" alone cannot be found; the section, activity,
field and a short quote of the text around the finding can (Ctrl+F). The one place that turns a
finding's location into words, for the linter lines, the report and the workbook.
"""

from __future__ import annotations

import re

from ..models import to_roman
from ..names import FIELD_NAMES

QUOTE_SIDE = 30  # characters of context kept on each side of the offending text


def structure_parts(location: dict) -> list[str]:
    """`Раздел III`, `Дейност 4`, `Финансиране` (each only when known)."""
    parts = []
    if location.get("section") is not None:
        parts.append(f"Раздел {to_roman(location['section'])}")
    if location.get("activity"):
        parts.append(f"Дейност {location['activity'].rsplit('.', 1)[-1]}")
    if location.get("field") in FIELD_NAMES:
        parts.append(FIELD_NAMES[location["field"]])
    return parts


def quote(finding: dict) -> str | None:
    """The offending text with a few words either side, cut at word boundaries: searchable."""
    context, start, end = finding.get("context"), finding.get("start"), finding.get("end")
    if not context or start is None or end is None or not 0 <= start <= end <= len(context):
        text = " ".join((finding.get("text") or "").split())
        return text or None
    before, mark, after = context[:start], context[start:end], context[end:]
    if len(before) > QUOTE_SIDE:
        cut = before.find(" ", len(before) - QUOTE_SIDE)
        before = "…" + before[cut + 1 :] if 0 <= cut < len(before) - 1 else before
    if len(after) > QUOTE_SIDE:
        cut = after.rfind(" ", 0, QUOTE_SIDE)
        after = after[:cut] + "…" if cut > 0 else after
    # line breaks become spaces; runs of spaces stay, so a quote of `text.spacing` is exact
    text = re.sub(r"\s*[\r\n\t\v\f]\s*", " ", before + mark + after).strip()
    return text or None


def place_words(location: dict, *, language: str = "bg") -> str:
    """`абзац 274` / `paragraph 274` (also page and line): the place a reader checks last."""
    names = _PLACE_NAMES[language]
    bits = []
    for key in ("page", "paragraph", "line"):
        if location.get(key):
            bits.append(f"{names[key]} {location[key]}")
    return ", ".join(bits)


_PLACE_NAMES = {
    "bg": {"page": "стр.", "paragraph": "абзац", "line": "ред"},
    "en": {"page": "page", "paragraph": "paragraph", "line": "line"},
}


def lead_text(finding: dict, *, language: str = "bg") -> str:
    """`Раздел III, Дейност 4, Финансиране, „…на бюдцета на…“ (абзац 274)`: a finding's place."""
    parts = structure_parts(finding.get("location") or {})
    quoted = quote(finding)
    if quoted:
        parts.append(f"„{quoted}“")
    place = place_words(finding.get("location") or {}, language=language)
    text = ", ".join(parts)
    if place:
        text = f"{text} ({place})" if text else place
    return text or ("документът" if language == "bg" else "document")
