"""Word's automatic numbering (`numbering.xml`) resolved to the labels a reader sees.

python-docx has no API for the number a list paragraph displays, so this follows the spec:
abstractNum levels (start, numFmt, lvlText, suff), num instances with startOverride, and
numbering linked through paragraph styles.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = f"{W}val"

# Word's "russian" letter sequence (no й, ъ, ь, ы, ё).
_CYRILLIC_LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"
_BULLET = "•"
# Word accepts start values 0..32767; a larger one (99999999999 in a hostile file) would make a
# label billions of letters long, so it is clamped and the draft gets a finding.
MAX_START = 32767
LEVELS = 9  # list levels 0..8
# Beyond these, letters and Roman numerals would be absurdly long: shown as decimals instead.
_MAX_LETTERS = 780  # zz...: 30 repeats of the alphabet
_MAX_ROMAN = 3999


@dataclass(slots=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"  # tab | space | nothing
    style: str | None = None
    legal: bool = False


@dataclass(slots=True)
class _Instance:
    abstract: str
    overrides: dict[int, int] = field(default_factory=dict)  # ilvl -> startOverride
    level_overrides: dict[int, Level] = field(default_factory=dict)


def _int(el: etree._Element | None, default: int | None = None) -> int | None:
    if el is None:
        return default
    try:
        return int(el.get(_VAL))
    except (TypeError, ValueError):
        return default


def level_index(value: str | None) -> int | None:
    """A `w:ilvl` as a list level 0..8, None when it is not one (damaged or hostile)."""
    try:
        index = int(value) if value is not None else 0
    except ValueError:
        return None
    return index if 0 <= index < LEVELS else None


def _parse_level(lvl: etree._Element, clamped: list[int]) -> Level:
    level = Level()
    level.start = _clamp(_int(lvl.find(f"{W}start"), 1), clamped)
    fmt = lvl.find(f"{W}numFmt")
    if fmt is not None and fmt.get(_VAL):
        level.fmt = fmt.get(_VAL)
    text = lvl.find(f"{W}lvlText")
    if text is not None:
        level.text = text.get(_VAL) or ""
    suffix = lvl.find(f"{W}suff")
    if suffix is not None and suffix.get(_VAL):
        level.suffix = suffix.get(_VAL)
    style = lvl.find(f"{W}pStyle")
    if style is not None:
        level.style = style.get(_VAL)
    level.legal = lvl.find(f"{W}isLgl") is not None
    return level


def _clamp(start: int | None, clamped: list[int]) -> int | None:
    if start is None or 0 <= start <= MAX_START:
        return start
    clamped.append(start)
    return max(0, min(start, MAX_START))


def _roman(number: int) -> str:
    if number <= 0 or number > _MAX_ROMAN:
        return str(number)
    pairs = (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    )  # fmt: skip
    out = []
    for value, letters in pairs:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def _letters(number: int, alphabet: str) -> str:
    # Word repeats the letter after the alphabet runs out: a..z, aa..zz, aaa...
    if number <= 0 or number > _MAX_LETTERS:
        return str(number)
    size = len(alphabet)
    return alphabet[(number - 1) % size] * ((number - 1) // size + 1)


def format_number(number: int, fmt: str) -> str:
    if fmt in ("decimal", "ordinal", "cardinalText", "ordinalText", "decimalEnclosedCircle"):
        return str(number)
    if fmt == "decimalZero":
        return f"{number:02d}"
    if fmt == "upperRoman":
        return _roman(number)
    if fmt == "lowerRoman":
        return _roman(number).lower()
    if fmt == "upperLetter":
        return _letters(number, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    if fmt == "lowerLetter":
        return _letters(number, "abcdefghijklmnopqrstuvwxyz")
    if fmt == "russianLower":
        return _letters(number, _CYRILLIC_LETTERS)
    if fmt == "russianUpper":
        return _letters(number, _CYRILLIC_LETTERS.upper())
    if fmt == "none":
        return ""
    return str(number)


class Numbering:
    """Stateful: call `label()` for list paragraphs in document order."""

    def __init__(self, root: etree._Element | None, styles: dict[str, dict] | None = None) -> None:
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.style_links: dict[str, str] = {}  # abstractNum numStyleLink -> style id
        self.instances: dict[str, _Instance] = {}
        self.styles = styles or {}
        self.counters: dict[str, list[int | None]] = {}
        self._started: set[str] = set()
        self.clamped: list[int] = []  # start values outside 0..MAX_START, as written
        if root is None:
            return
        for abstract in root.iter(f"{W}abstractNum"):
            abstract_id = abstract.get(f"{W}abstractNumId")
            levels = {}
            for lvl in abstract.findall(f"{W}lvl"):
                index = level_index(lvl.get(f"{W}ilvl", "0"))
                if index is not None:
                    levels[index] = _parse_level(lvl, self.clamped)
            self.abstracts[abstract_id] = levels
            link = abstract.find(f"{W}numStyleLink")
            if link is not None:
                self.style_links[abstract_id] = link.get(_VAL)
        for num in root.iter(f"{W}num"):
            num_id = num.get(f"{W}numId")
            abstract = num.find(f"{W}abstractNumId")
            if abstract is None:
                continue
            instance = _Instance(abstract.get(_VAL))
            for override in num.findall(f"{W}lvlOverride"):
                ilvl = level_index(override.get(f"{W}ilvl", "0"))
                if ilvl is None:
                    continue
                start = _clamp(_int(override.find(f"{W}startOverride")), self.clamped)
                if start is not None:
                    instance.overrides[ilvl] = start
                lvl = override.find(f"{W}lvl")
                if lvl is not None:
                    instance.level_overrides[ilvl] = _parse_level(lvl, self.clamped)
            self.instances[num_id] = instance

    def _abstract_for(self, num_id: str, depth: int = 0) -> str | None:
        instance = self.instances.get(num_id)
        if instance is None:
            return None
        abstract_id = instance.abstract
        link = self.style_links.get(abstract_id)
        if link and depth < 3:
            style = self.styles.get(link) or {}
            linked_num = (style.get("numPr") or (None, None))[0]
            if linked_num and linked_num != num_id:
                return self._abstract_for(linked_num, depth + 1) or abstract_id
        return abstract_id

    def level_for_style(self, num_id: str, style_id: str | None) -> int:
        abstract_id = self._abstract_for(num_id)
        for ilvl, level in (self.abstracts.get(abstract_id) or {}).items():
            if style_id and level.style == style_id:
                return ilvl
        return 0

    def label(self, num_id: str | None, ilvl: int) -> tuple[str, str] | None:
        """The label shown for the next paragraph of list `num_id` at level `ilvl`, and its suffix."""
        if not num_id or num_id == "0":
            return None
        instance = self.instances.get(num_id)
        abstract_id = self._abstract_for(num_id)
        levels = self.abstracts.get(abstract_id) if abstract_id else None
        if instance is None or not levels:
            return None
        level = instance.level_overrides.get(ilvl) or levels.get(ilvl)
        if level is None or not 0 <= ilvl < LEVELS:
            return None
        counters = self.counters.setdefault(abstract_id, [None] * LEVELS)
        if num_id not in self._started:
            self._started.add(num_id)
            for over_level, start in instance.overrides.items():
                if 0 <= over_level < 9:
                    # A restart takes effect for the first paragraph of this list instance.
                    counters[over_level] = start - 1
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        if level.fmt == "bullet":
            text = level.text
            return (
                text if text and text.isprintable() and ord(text[0]) < 0xE000 else _BULLET
            ), level.suffix
        rendered = level.text
        for n in range(9, 0, -1):
            placeholder = f"%{n}"
            if placeholder not in rendered:
                continue
            lvl_def = instance.level_overrides.get(n - 1) or levels.get(n - 1) or Level()
            value = counters[n - 1]
            if value is None:
                value = lvl_def.start
            fmt = "decimal" if level.legal else lvl_def.fmt
            rendered = rendered.replace(placeholder, format_number(value, fmt))
        return rendered, level.suffix
