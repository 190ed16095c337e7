"""The labels of a programme and tolerant matching of what authors actually typed.

Real drafts carry `СТАРТЕГИЧЕСКА ЦЕЛ`, `СПИСЪК С АБРИВИАТУРИ`, stray spaces, missing colons and
Latin look-alike letters; a label is recognised through all of that, and the distance is kept
so the label checks can report it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from ..models import FIELD_KEYS
from ..names import FIELD_NAMES

# key -> canonical labels (the first is the preferred form); order matters only for display.
LABELS: dict[str, tuple[str, ...]] = {
    "strategic_goal": ("Стратегическа цел",),
    "operational_goals": ("Оперативни цели", "Оперативна цел"),
    "responsible": ("Отговорна институция", "Отговорни институции"),
    "partners": ("Партньори", "Експертна помощ"),
    "financing": ("Финансиране",),
    "deadline": ("Срок", "Срок за изпълнение"),
    "expected_results": ("Очаквани резултати", "Очакван резултат"),
    "indicators": ("Индикатори за изпълнение", "Индикатори"),
    "glossary": (
        "Списък с абревиатури",
        "Списък на абревиатурите",
        "Списък на съкращенията",
        "Съкращения",
    ),
    "activity": ("Дейност",),
    "number": ("№",),
}

# Canonical column names of the wide-table layout (one row per activity).
WIDE_COLUMNS: dict[str, str] = {
    "number": "№",
    "title": "Дейност",
    **{key: FIELD_NAMES[key] for key in FIELD_KEYS},
}

# Latin letters that look Cyrillic; folded before matching (script.mixed reports them).
_LOOKALIKES = str.maketrans("AaBCcEeHKMOoPpTXxyIi", "АаВСсЕеНКМОоРрТХхуІі")
_PUNCT_END = re.compile(r"[\s:;.\-–—]+$")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Case-, space- and script-insensitive form of a label candidate."""
    text = text.translate(_LOOKALIKES).replace("І", "И").replace("і", "и")
    text = _PUNCT_END.sub("", text.strip())
    return _SPACES.sub(" ", text).casefold()


@dataclass(frozen=True, slots=True)
class LabelMatch:
    key: str
    canonical: str
    written: str
    distance: int


def _allowed(length: int) -> int:
    if length <= 5:
        return 0
    if length <= 10:
        return 1
    if length <= 20:
        return 2
    return 3


_INDEX: list[tuple[str, str, str]] = [
    (key, label, fold(label)) for key, labels in LABELS.items() for label in labels
]


def match_label(text: str, keys: tuple[str, ...] | None = None) -> LabelMatch | None:
    """The label `text` is (whole text, not a prefix), or None."""
    folded = fold(text)
    if not folded or len(folded) > 40:
        return None
    best: LabelMatch | None = None
    for key, label, target in _INDEX:
        if keys is not None and key not in keys:
            continue
        if abs(len(folded) - len(target)) > 3:
            continue
        distance = (
            0
            if folded == target
            else OSA.distance(folded, target, score_cutoff=_allowed(len(target)))
        )
        if distance <= _allowed(len(target)) and (best is None or distance < best.distance):
            best = LabelMatch(key, label, text.strip(), distance)
    return best


def split_leading_label(
    text: str, keys: tuple[str, ...] | None = None
) -> tuple[LabelMatch, str] | None:
    """`Срок: Май 2012` -> (Срок, `Май 2012`). Needs a colon or tab after the label."""
    match = re.match(r"^\s*([^:\t]{3,40}?)\s*(?::|\t)\s*(.+)$", text, re.S)
    if not match:
        return None
    label = match_label(match.group(1), keys)
    if label is None:
        return None
    return label, match.group(2).strip()


# "Дейност 3", "Дейност № 3.", "ДЕЙНОСТ 3:", "Дейност 3 – Провеждане ...", "Дейнсот 3"
_ACTIVITY = re.compile(
    r"^\s*(?P<word>[A-Za-zА-Яа-яІі]{5,9})\s*(?:№\s*)?(?P<number>\d{1,3})?\s*(?P<rest>.*)$", re.S
)
_ACTIVITY_SEPARATOR = re.compile(r"^[.:)\-–—]+\s*")


@dataclass(frozen=True, slots=True)
class ActivityHeading:
    number: int | None
    number_text: str
    title: str
    label: LabelMatch


def match_activity(text: str, *, allow_bare: bool = True) -> ActivityHeading | None:
    """An activity heading, with its title when written on the same line."""
    match = _ACTIVITY.match(text)
    if not match:
        return None
    label = match_label(match.group("word"), ("activity",))
    if label is None:
        return None
    number = match.group("number")
    rest = match.group("rest")
    if number is None and (not allow_bare or rest.strip()):
        return None
    after = text[match.end("number") : match.end("number") + 1] if number is not None else ""
    if rest and after and not after.isspace() and not _ACTIVITY_SEPARATOR.match(after):
        return None  # "Дейност 12abc" is not a heading
    title = _ACTIVITY_SEPARATOR.sub("", rest.strip())
    number_text = text[: match.start("rest")].strip() if number else match.group("word")
    return ActivityHeading(int(number) if number else None, number_text, title, label)


# "1.", "12", "2.3", "2.3." (section.activity), "№ 4": an activity numbered without the word.
_NUMBER_HEADING = re.compile(
    r"^\s*(?:№\s*)?(?:(?P<prefix>\d{1,2})\.)?(?P<number>\d{1,3})\.?(?=\s|$)\s*(?P<rest>.*)$", re.S
)
_NUMBER_ONLY = re.compile(r"\s*(?:№\s*)?\d{1,2}\.\s*\d{1,3}\.?\s*")


def match_number_heading(text: str, *, titled: bool = False) -> ActivityHeading | None:
    """An activity heading that is a number alone (`1.`, `2.3`); with `titled`, a two-level
    number followed by the title (`2.3. Провеждане…`), which a goal (`1. …`) never is."""
    if _NUMBER_ONLY.fullmatch(text):
        text = "".join(text.split())  # `4.` | `1` in a column too narrow for `4.1`
    match = _NUMBER_HEADING.match(text)
    if not match:
        return None
    rest = match.group("rest").strip()
    if rest and not (titled and match.group("prefix")):
        return None
    if int(match.group("number")) == 0 or match.group("prefix") in ("0", "00"):
        return None  # `0.89`, `0.`: a decimal value or a count, never an activity's number
    number_text = text[: match.start("rest")].strip()
    label = LabelMatch("activity", "Дейност", number_text, 0)
    return ActivityHeading(int(match.group("number")), number_text, rest, label)


_SECTION = re.compile(
    r"^\s*(?P<word>[A-Za-zА-Яа-я]{5,7})\s+(?P<numeral>[IVXLivxlІіХхVv1-9]{1,6})\s*[.:]?\s*(?P<rest>.*)$",
    re.S,
)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
_NUMERAL_FOLD = str.maketrans("ІіХхVvIiXxLl", "IIXXVVIIXXLL")


def roman_value(numeral: str) -> int | None:
    """Value of a Roman numeral written with Latin or Cyrillic look-alike letters; or digits."""
    folded = numeral.translate(_NUMERAL_FOLD)
    if folded.isdigit():
        return int(folded)
    if not folded or any(ch not in _ROMAN_VALUES for ch in folded):
        return None
    total = 0
    for index, ch in enumerate(folded):
        value = _ROMAN_VALUES[ch]
        following = _ROMAN_VALUES[folded[index + 1]] if index + 1 < len(folded) else 0
        total += -value if value < following else value
    return total if total > 0 else None


@dataclass(frozen=True, slots=True)
class SectionHeading:
    number: int | None
    numeral: str
    rest: str
    written_word: str


def match_section(text: str) -> SectionHeading | None:
    match = _SECTION.match(text)
    if not match:
        return None
    word = match.group("word")
    if fold(word) != "раздел" and OSA.distance(fold(word), "раздел") > 1:
        return None
    numeral = match.group("numeral")
    return SectionHeading(roman_value(numeral), numeral, match.group("rest").strip(), word)
