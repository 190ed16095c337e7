"""Which source knows a word: bg_BG, the domain lexicon, wordfreq, a compound, a place name.

The spelling check asks `known()`; `explain()` answers `natprog check --explain WORD` with the
source that accepted the word (or each source's no), so every accepted word can be traced.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .dictionary import Dictionary
from .wordformation import inn_name, sibling

DATA = Path(__file__).resolve().parent.parent / "data"
SETTLEMENTS_PATH = DATA / "settlements_bg.txt"
UNITS_PATH = DATA / "units_bg.txt"

ACCEPTED = "accepted words"
BG_BG = "bg_BG"
LEXICON = "lexicon"
COMPOUND = "compound"
WORDFREQ = "wordfreq"
PLACE = "place name"
UNIT = "abbreviation or unit"
DERIVED = "derivation"
INFLECTION = "another form of a known word"
MEDICINE = "a medicine's name"

_MIN_FREQUENT = 4  # shorter words of wordfreq's list are too often fragments (ка, нои, мос)
_MIN_HEAD = 4  # `военно` in военнослужащи
_MIN_TAIL = 5  # `служащи`
# First elements of compounds written as one word: здравно|осигурителна, военно|служащи.
_LINKING_VOWELS = ("о", "е")
# Endings of place adjectives (видински, видинската) and demonyms (петричанин, петричанка).
_PLACE_ADJECTIVE = ("ски", "ска", "ско", "ския", "ският", "ската", "ското", "ските")
_DEMONYM = (
    "анин", "анинът", "анина", "ани", "аните", "анка", "анката", "анки", "анките",
    "янин", "янинът", "янина", "яни", "яните", "янка", "янката", "янки", "янките",
    "чанин", "чанинът", "чанина", "чани", "чаните", "чанка", "чанката", "чанки", "чанките",
    "енец", "енеца", "енецът", "енци", "енците", "енка", "енката", "енки", "енките",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Verdict:
    word: str
    source: str | None  # None: no source knows the word
    detail: str  # what the source matched, in words


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    """wordfreq's Bulgarian list (`build_frequencies`), ready-made when it can be (`ready`)."""
    from .ready import ready_tables

    ready = ready_tables()
    return ready["frequencies"] if ready else build_frequencies()


def build_frequencies() -> dict[str, float]:
    """wordfreq's Bulgarian list: about 37,000 forms of Zipf 3 or more.

    Read from the package's own data file (its "cBpack": a gzipped msgpack list of frequency
    bins, bin i holding the words of frequency 10^(-i/100)) as `wordfreq.get_frequency_dict`
    does, without importing wordfreq itself: its import (regex, langcodes, ftfy) costs ~0.15 s
    of every run for a table it does not need.
    """
    import gzip

    import msgpack

    from .ready import wordfreq_path

    path = wordfreq_path()
    if path is None:
        return {}
    with gzip.open(path, "rb") as handle:
        pack = msgpack.load(handle, raw=False)
    return {word: 10 ** (-index / 100) for index, bucket in enumerate(pack[1:]) for word in bucket}


def zipf(lower: str) -> float:
    """wordfreq's Zipf frequency (log10 of uses per billion words), 0 for a word not listed."""
    frequency = _frequencies().get(lower)
    return math.log10(frequency) + 9 if frequency else 0.0


def _read_list(path: Path) -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in path.read_text("utf-8").splitlines())
    return [line for line in lines if line]


@lru_cache(maxsize=1)
def units() -> frozenset[str]:
    return frozenset(word.lower() for word in _read_list(UNITS_PATH))


@lru_cache(maxsize=1)
def settlements() -> dict[str, str]:
    """Place names in lower case, one word, to the name (`build_settlements`), ready-made when
    it can be (`ready`)."""
    from .ready import ready_tables

    ready = ready_tables()
    return ready["settlements"] if ready else build_settlements()


def build_settlements() -> dict[str, str]:
    """Place names in lower case, one word (Стара Загора → старозагора), to the name: the
    settlements of EKATTE and bg_BG's capitalised stems of four letters or more (Пакистан)."""
    from .affixes import capitalised_stems

    out: dict[str, str] = {
        stem.lower(): stem for stem in capitalised_stems() if len(stem) >= 4 and stem[1:].islower()
    }
    for name in _read_list(SETTLEMENTS_PATH):
        words = name.lower().replace("-", " ").split()
        if len(words) == 1:
            out[words[0]] = name
        elif len(words) == 2 and len(words[0]) > 2:
            # Велико Търново → великотърновски, Стара Загора → старозагорски
            out[words[0][:-1] + "о" + words[1]] = name
    return out


@lru_cache(maxsize=1)
def _places_by_head() -> tuple[dict[str, int], dict[str, list[str]]]:
    """Each place's position in `settlements()`, and the places by their name less its last
    letter (the table `_place_stem` reads, ~4 ms, where the table of every stem took ~15 ms)."""
    order: dict[str, int] = {}
    heads: dict[str, list[str]] = {}
    for position, lower in enumerate(settlements()):
        order[lower] = position
        heads.setdefault(lower[:-1], []).append(lower)
    return order, heads


def _place_stem(stem: str) -> str | None:
    """The place whose name `stem` continues, if any: the stems of a place are its name, the name
    less its last letter, and that plus -ен or -й, or the name plus -н — видин (Видин), варнен
    (Варна), софий (София), русен (Русе), габров (Габрово), бурга (Бургас). Of several places,
    the first in `settlements()` order."""
    if len(stem) < 3:
        return None
    order, heads = _places_by_head()
    candidates = [stem] if stem in order else []
    candidates += heads.get(stem, ())
    if stem.endswith("ен"):
        candidates += heads.get(stem[:-2], ())
    if stem.endswith("й"):
        candidates += heads.get(stem[:-1], ())
    if stem.endswith("н") and stem[:-1] in order:
        candidates.append(stem[:-1])
    if not candidates:
        return None
    return settlements()[min(candidates, key=order.__getitem__)]


def _place_source(place: str) -> str:
    listed = place in _read_list(SETTLEMENTS_PATH)
    return "pipeline/data/settlements_bg.txt" if listed else "a name in bg_BG"


_DIMINUTIVE = "diminutive of"
# Regular derivations: (endings of the derived word, how its base is written in the known word).
# Each is tried as `base + ending`; the base with one of the `from` tails must be a known word.
_DERIVATIONS: tuple[tuple[tuple[str, ...], tuple[str, ...], str], ...] = (
    # канцлерка, фермерката ← канцлер; мъченичка, заложничките ← мъченик
    (("ка", "ката", "ки", "ките"), ("", "к@ч"), "feminine of"),
    # фундаменталисти ← фундаментализъм; ислямисти ← ислям
    (("ист", "иста", "истът", "исти", "истите", "истка", "истки"), ("изъм", ""), "-ист from"),
    # популисткото, ислямистките ← популист, ислямизъм
    (("истки", "истка", "истко", "исткия", "исткият", "истката", "исткото", "истките"),
     ("ист", "изъм", "ия", ""), "adjective of"),
    # вирусолог, политолози ← вирусология, политология
    (("лог", "лога", "логът", "лози", "лозите", "ложка", "ложки", "ложката"), ("логия",),
     "a specialist in"),
    # ползвател, ползвателите ← ползва (an agent noun of a verb's present)
    (("тел", "теля", "телят", "тели", "телите"), ("",), "agent noun of"),
    # богохулница ← богохулник
    (("ница", "ницата", "ниците"), ("ник",), "feminine of"),
    # ваксинационни ← ваксинация; травматологична ← травматология; преференциално ← -ция
    (("ционен", "ционна", "ционно", "ционни", "ционния", "ционният", "ционната", "ционното",
      "ционните"), ("ция",), "adjective of"),
    (("ичен", "ична", "ично", "ични", "ичния", "ичният", "ичната", "ичното", "ичните"),
     ("ия", "ика"), "adjective of"),
    # рестриктивни, конструктивна ← рестрикция, конструкция
    (("тивен", "тивна", "тивно", "тивни", "тивния", "тивният", "тивната", "тивното",
      "тивните"), ("ция",), "adjective of"),
    # преносимостта, устойчивостта ← преносим, устойчив
    (("ост", "остта", "ости", "остите"), ("",), "quality of"),
    # атрактивност, турбулентността ← атрактивен, турбулентен (the vowel drops as in атрактивна)
    (("ност", "ността", "ности", "ностите"), ("ен",), "quality of the adjective"),
    (("иален", "иална", "иално", "иални", "иалния", "иалният", "иалната", "иалното",
      "иалните"), ("ия",), "adjective of"),
    # законова, килограмов ← закон; русофилска, дарителска ← русофил, дарител
    (("ов", "ова", "ово", "ови", "овия", "овият", "овата", "овото", "овите"), ("",), "adjective of"),
    (("ски", "ска", "ско", "ския", "ският", "ската", "ското", "ските"), ("",), "adjective of"),
    # респираторни ← респиратор; зоонозен ← зооноза
    (("ен", "на", "но", "ни", "ния", "ният", "ната", "ното", "ните"), ("", "а"), "-ен adjective of"),
    # сертифициране, чекирането, реактивира ← сертифицирам, сертифициран, …
    (("иране", "ирането", "ирам", "ира", "ират", "ирал", "ирала", "ирали", "иран", "ирана",
      "ирано", "ирани", "ираните", "ирания", "ираният"),
     ("ирам", "иран", "ирани", "иране", "ация", "изация", "а", "ат"), "a form of"),
    # финализира, екологизирането ← финал, еколог
    (("изира", "изират", "изирам", "изиране", "изирането", "изирал", "изирала", "изирали",
      "изиран", "изирана", "изирано", "изирани", "изираните"), ("", "ия", "а"), "a verb of"),
    # Diminutives of a noun's base form, with the regular alternations к→ч, г→ж, х→ш, ц→ч
    # before the suffix (`_noun_base` says which bases count): столче ← стол, софиянче ←
    # софиянец, дворче ← двор, ръчица ← ръка, хартийката ← хартия, изреченийцата ←
    # изречение, детенцето ← дете.
    (("че", "чето", "чета", "четата", "ченце", "ченцето", "ченца", "ченцата"),
     ("", "ец", "к@ч", "ка@ч", "ц@ч"), _DIMINUTIVE),
    (("ица", "ицата", "ици", "иците", "ичка", "ичката", "ички", "ичките"),
     ("а", "ка@ч", "га@ж", "ха@ш"), _DIMINUTIVE),
    (("ийка", "ийката", "ийки", "ийките"), ("ия",), _DIMINUTIVE),
    (("ийце", "ийцето", "ийца", "ийцата"), ("ие",), _DIMINUTIVE),
    (("енце", "енцето"), ("е",), _DIMINUTIVE),
    # Loanword families: a process in -ация beside its agent in -атор (медиация ← медиатор),
    # a bearer in -ант beside the process in -ация (мутант ← мутация), a member in -ор of a
    # body in -орат (електори ← електорат).
    (("ация", "ацията", "ации", "ациите"), ("атор",), "the process of"),
    (("ант", "анта", "антът", "анти", "антите"), ("ация",), "a bearer of"),
    (("ор", "ора", "орът", "ори", "орите", "орски", "орска", "орско", "орските"), ("орат",),
     "a member of"),
)  # fmt: skip
# Prefixes that make new words from known ones: съпредседател, проевропейски, пренасочи.
_PREFIXES = ("противо", "контра", "между", "само", "пред", "през", "съ", "ре", "пре", "про",
             "раз", "над", "под", "без", "не", "де")  # fmt: skip
# `не` makes adjectives and participles (недоговорени), never verbs (незнам is a slip).
_NEGATED = (
    "ен",
    "ена",
    "ено",
    "ени",
    "ан",
    "ана",
    "ано",
    "ани",
    "ита",
    "ито",
    "ити",
    "ния",
    "ният",
    "ната",
    "ното",
    "ните",
    "ни",
    "на",
    "но",
    "ост",
    "лия",
    "лият",
    "лата",
    "лото",
    "лите",
)  # fmt: skip: неуспелите, not a verb
# `де` undoes a process: дерегулация, декарбонизацията (never a verb's person: дели).
_UNDONE = ("ация", "ацията", "ации", "ациите", "иране", "ирането", "ира", "ират", "ирани")
_MIN_BASE = 4
_MIN_NOUN_HEAD = 3  # газ|о|преносна
_MIN_LINKED_TAIL = 6  # ... a tail this long: short ones make slips look like compounds
_VOWELS = frozenset("аеиоуъюяй")
_MIN_DEMONYM_STEM = 5  # пакистан|ци: shorter place stems make too many words
_SHORT_DEMONYM = ("ец", "еца", "ецът", "ци", "ците")
# Demonyms of a place in -ия: боливиец, боливийци, боливийка ← Боливия.
_IA_DEMONYM = ("иец", "иеца", "иецът", "ийци", "ийците", "ийка", "ийката", "ийки", "ийките")
# The last consonant of a place's name softens before -ски: дупнишки ← Дупница,
# пернишки ← Перник, ловешки ← Ловеч, пражки ← Прага, …
_SOFTENED = (("ш", ("ца", "к", "ч", "х")), ("ж", ("г", "га")))
_SLIP_COST = 0.85  # up to a vowel for a vowel (Продоставени)
_CHEAP_SLIP = 0.7
_DOUBLED_OR_SWAPPED = 0.6
_ENDING = 3  # letters of a suffix: мениджър|ски beside мениджър|ки is no slip  # a neighbouring key, a doubled or swapped letter
_LOOSE = "-ен adjective of"  # derivations any noun in -а yields (представа → представни)
# Derivations whose endings many slips of common words make (политици → плитици, особеност
# → опасност → пасност): the word must be no plausible slip of a dictionary word (a
# diminutive may be one unrelated letter away: студентче, студентка), and a quality in -ност
# no single slip at all.
_ANY_SLIP = 1.2  # every single edit, at the first letter too
_STRICT = {_DIMINUTIVE: 0.95, "quality of the adjective": _ANY_SLIP}
_COMBINABLE = ("feminine of", "-ист from")  # derivations a combining form may precede
_PREFIXABLE = frozenset(  # the relations a prefixed word's rest may show
    {relation for _endings, _tails, relation in _DERIVATIONS} - set(_STRICT)
)


def _relation(derived: str) -> str:
    """`feminine of` in `feminine of канцлер`: how a derived word relates to its source."""
    return derived.rsplit(" ", 1)[0]


class Vocabulary:
    """Every source of accepted words, asked in order; answers are remembered per form."""

    def __init__(self, dictionary: Dictionary, accepted: Iterable[str] = ()) -> None:
        self.dictionary = dictionary
        self.accepted = frozenset(word.lower() for word in accepted)
        self._verdicts: dict[str, Verdict] = {}

    def known(self, word: str) -> bool:
        # Most words are the dictionary's: answered without asking which list holds them.
        return self._dictionary_word(word) or self.verdict(word).source is not None

    def verdict(self, word: str) -> Verdict:
        found = self._verdicts.get(word)
        if found is None:
            found = self._verdicts[word] = self._judge(word)
        return found

    def frequent(self, lower: str) -> bool:
        """In wordfreq's list and not a slip web text often makes.

        Web text carries frequent misspellings: a negated verb run together (незнам, неможе),
        a doubled letter (особенно); those stay reportable.
        """
        if len(lower) < _MIN_FREQUENT or lower not in _frequencies():
            return False
        spell = self.dictionary.spell
        if lower.startswith("не") and spell(lower[2:]):
            return False
        return not any(
            lower[i] == lower[i + 1] and spell(lower[:i] + lower[i + 1 :])
            for i in range(len(lower) - 1)
        )

    def listed(self, lower: str) -> bool:
        """Any form of wordfreq's list, however short: parts of ноу-хау."""
        return lower in _frequencies()

    def _judge(self, word: str) -> Verdict:
        lower = word.lower()
        if lower in self.accepted:
            return Verdict(word, ACCEPTED, "the project's [accept] words")
        if self._dictionary_word(word):
            from .lexicon import lexicon_forms

            if lower in lexicon_forms():
                return Verdict(word, LEXICON, "pipeline/data/lexicon_bg.txt")
            return Verdict(word, BG_BG, "the Bulgarian Hunspell dictionary")
        if self.frequent(lower) or (word.istitle() and len(lower) >= 2 and self.listed(lower)):
            # A capitalised short word of the list is a name (Мей, Джо, Кох).
            detail = f"wordfreq's Bulgarian list (Zipf {zipf(lower):.1f})"
            return Verdict(word, WORDFREQ, detail)
        if lower in units():
            return Verdict(word, UNIT, "pipeline/data/units_bg.txt")
        parts = self._compound(lower)
        if parts:
            return Verdict(word, COMPOUND, " + ".join(parts))
        place = self._place(lower)
        if place:
            return Verdict(word, PLACE, f"derived from {place} ({_place_source(place)})")
        derived = self._derived(lower)
        # A prefix or an adjective of a noun in -а fits many slips (Продоставени, представни):
        # those must not be one plausible slip from a word; the other derivations are rarer
        # shapes and must not be one cheap slip (a key, a doubled or swapped letter) away.
        loose = not derived or derived.startswith(_LOOSE)
        # ... and of a noun in -а (представни) even a slip in the suffix counts.
        anywhere = not derived or (loose and derived.endswith("а"))
        limit = _SLIP_COST if loose else _CHEAP_SLIP
        strict = _STRICT.get(_relation(derived))
        if strict:
            limit, anywhere = strict, True
        derived = derived or self._prefixed(lower)
        if derived and not self._slip_of_word(lower, limit, ending=anywhere):
            return Verdict(word, DERIVED, derived)
        forms = sibling(lower, self._plain, self.dictionary.spell)
        if forms and not self._slip_of_word(lower, _DOUBLED_OR_SWAPPED, ending=False):
            return Verdict(word, INFLECTION, f"a form of the word of {forms}")
        stem = inn_name(lower) if lower == word or word.istitle() else ""
        if stem and not self._slip_of_word(lower, _SLIP_COST):
            return Verdict(word, MEDICINE, f"ends in the INN stem {stem}")
        return Verdict(word, None, "no source knows it")

    def _dictionary_word(self, word: str) -> bool:
        dictionary = self.dictionary
        if dictionary.spell(word):
            return True
        lower = word.lower()
        if lower != word and dictionary.spell(lower):
            return True
        return word.isupper() and len(word) > 1 and dictionary.spell(word[0] + word[1:].lower())

    def _compound(self, lower: str) -> tuple[str, ...]:
        """радио|спот (a combining form of the lexicon), военно|служащи (an adverb-like head)."""
        for form in self.dictionary.combining_forms:
            rest = lower[len(form) :]
            if not lower.startswith(form) or len(rest) < 4:
                continue
            if self._plain(rest):
                return (form + "-", rest)
            # анти|глобалистка: a feminine or an -ист of a known word, and no plausible slip
            # (the other derivations behind a combining form are more often slips:
            # експлатират, мултидисциплинани)
            derived = self._derived(rest)
            if _relation(derived) in _COMBINABLE and not self._slip_of_word(lower, _SLIP_COST):
                return (form + "-", f"{rest} ({derived})")
        for cut in range(_MIN_HEAD, len(lower) - _MIN_TAIL + 1):
            head, tail = lower[:cut], lower[cut:]
            if head.endswith(_LINKING_VOWELS) and self._plain(head) and self._plain(tail):
                return (head, tail)
        # A noun, a linking vowel, a word: газ|о|преносна, самолет|о|строителен, грип|о|подобни.
        for cut in range(_MIN_NOUN_HEAD + 1, len(lower) - _MIN_LINKED_TAIL + 1):
            head, tail = lower[: cut - 1], lower[cut:]
            if (
                lower[cut - 1] in _LINKING_VOWELS
                and head[-1] not in _VOWELS
                and self.dictionary.spell(head)
                and self._plain(tail)
                and not self._slip_of_word(lower, _CHEAP_SLIP)
            ):
                return (head, lower[cut - 1], tail)
        return ()

    def any_slip(self, lower: str) -> bool:
        """One edit of any kind (any letter for any, at the first letter too) from a
        dictionary word."""
        return self._slip_of_word(lower, _ANY_SLIP)

    def _slip_of_word(self, lower: str, limit: float, ending: bool = True) -> bool:
        """One letter from a dictionary word (Продоставени, представни): a derivation's shape
        is then more likely a slip. With `ending` False, a rare word (not in wordfreq's list)
        that differs only in the last three letters does not count: another form of the same
        word (агрегиране, агрегирана); a common one does (уязвимист, уязвимост)."""
        from .edits import edits1
        from .ngrams import known_ngrams

        spell = self.dictionary.spell
        keep = len(lower) - _ENDING
        ending = ending or keep < _MIN_TAIL  # милона: in a short word any slip is near the end
        return any(
            spell(candidate)
            for candidate, cost in edits1(lower, known_ngrams())
            if cost <= limit
            and (ending or candidate[:keep] != lower[:keep] or self.listed(candidate))
        )

    def _derived(self, lower: str) -> str:
        """`канцлерката` ← канцлер, `ваксинационни` ← ваксинация: a regular derivation of a
        known word (bg_BG or wordfreq), said as `feminine of канцлер`."""
        for endings, tails, relation in _DERIVATIONS:
            for ending in endings:
                if not lower.endswith(ending) or len(lower) - len(ending) < _MIN_BASE:
                    continue
                base = lower[: len(lower) - len(ending)]
                if ending[:1] in "нч" and base.endswith(ending[:1]):
                    continue  # особенно: a letter doubled, not a derivation of особен
                if relation.endswith("adjective of") and ending[:1] in "ен" and base.endswith("н"):
                    continue
                if ending.startswith("ск") and base.endswith("ст"):
                    continue  # екстремистски: the adjective of -ист is екстремистки
                for tail in tails:
                    tail, _, drop = tail.partition("@")
                    if drop and not base.endswith(drop):
                        continue
                    source = (base[: len(base) - len(drop)] if drop else base) + tail
                    if relation == _DIMINUTIVE and not self._noun_base(source, tail):
                        continue
                    if source != lower and self._plain(source):
                        return f"{relation} {source}"
        return ""

    def _noun_base(self, source: str, tail: str) -> bool:
        """Whether a diminutive's base is a noun's base form: a masculine noun, which takes the
        full article (столът; not the plural градове, nor влиян), or a feminine in -а that takes
        -та and is no counted form of a noun in a consonant (ръката, not заключа, баланса ←
        баланс), or a noun in -ия, -ие, -е."""
        if source[-1] not in _VOWELS:
            return self._plain(source + "ът")
        if source.endswith("а"):
            return self._plain(source + "та") and not self._plain(source[:-1])
        return tail != ""

    def _prefixed(self, lower: str) -> str:
        """A known word (or a derivation) behind a word-forming prefix: съ|председател."""
        for prefix in _PREFIXES:
            rest = lower[len(prefix) :]
            if not lower.startswith(prefix) or len(rest) < _MIN_TAIL:
                continue
            if prefix == "не" and not rest.endswith(_NEGATED) and not self._verbal_noun(rest):
                continue
            if prefix == "де" and not rest.endswith(_UNDONE):
                continue
            # A diminutive behind a prefix is rarer than a slip (разстоянчето ← разстоянието).
            if self._plain(rest) or _relation(self._derived(rest)) in _PREFIXABLE:
                return f"{prefix}- + {rest}"
        return ""

    def _verbal_noun(self, lower: str) -> bool:
        """несъбиране, неспазването: a noun of a verb, which `не` joins (a verb it never does)."""
        return lower.endswith(("не", "нето")) and self._plain(lower.removesuffix("то") + "то")

    def _plain(self, lower: str) -> bool:
        return self.dictionary.spell(lower) or self.frequent(lower)

    def _place(self, lower: str) -> str | None:
        for endings in (_PLACE_ADJECTIVE, _DEMONYM):
            for ending in endings:
                if lower.endswith(ending):
                    stem = lower[: -len(ending)]
                    place = _place_stem(stem)
                    if place:
                        return place
        # дупнишки ← Дупница, пернишки ← Перник, ловешки ← Ловеч, пражки ← Прага
        for ending in _PLACE_ADJECTIVE:
            stem = lower[: -len(ending)]
            if len(stem) < _MIN_BASE:
                continue
            for softened, tails in _SOFTENED:
                if lower.endswith(softened + ending[1:]):
                    place = next(filter(None, (_place_stem(stem + tail) for tail in tails)), None)
                    if place:
                        return place
        for ending in _SHORT_DEMONYM:  # пакистанци, пакистанец ← Пакистан
            stem = lower[: -len(ending)]
            if lower.endswith(ending) and len(stem) >= _MIN_DEMONYM_STEM:
                place = settlements().get(stem)
                if place:
                    return place
        for ending in _IA_DEMONYM:  # боливийците, боливиец ← Боливия
            stem = lower[: -len(ending)]
            if lower.endswith(ending) and len(stem) + 2 >= _MIN_DEMONYM_STEM:
                place = settlements().get(stem + "ия")
                if place:
                    return place
        return None

    def compound_head(self, lower: str) -> bool:
        """The first part of a hyphenated compound: покупко-, българо-, социално-."""
        if self.known(lower):
            return True
        if not lower.endswith(_LINKING_VOWELS) or len(lower) < 4:
            return False
        stem = lower[:-1]
        return any(
            self.dictionary.spell(stem + end) for end in ("а", "", "ин", "и", "ия", "ен", "ски")
        )

    def explain(self, word: str) -> str:
        verdict = self.verdict(word)
        if verdict.source is None:
            return f"{word}: unknown — {verdict.detail}"
        return f"{word}: known ({verdict.source}) — {verdict.detail}"


def explain(word: str, accepted: Iterable[str] = ()) -> str:
    """`natprog check --explain WORD`: the source that knows WORD (the project's words too)."""
    from .dictionary import get_dictionary

    return Vocabulary(get_dictionary(), accepted).explain(word)
