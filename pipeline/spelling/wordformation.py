"""Regular word formation the dictionaries miss: another form of a known word, a drug's name.

`Vocabulary` asks these after bg_BG, the lexicon and wordfreq; each answer says which known
word (or which naming rule) vouches for the form, so `check --explain` can show it.
"""

from __future__ import annotations

from collections.abc import Callable

# Inflection classes: every form of one paradigm ends in one of these after a shared stem.
# A form is accepted when another form of the same class is a known word (креативно ←
# креативни, договорките ← договорка, чекиране ← чекира, елити ← елит, палатата ← палата).
PARADIGMS: tuple[tuple[str, ...], ...] = (
    # adjectives in -ен with the vowel dropped: креативен, креативна, …
    ("ен", "на", "но", "ни", "ния", "ният", "ната", "ното", "ните"),
    # adjectives in -ски: мениджърски, мениджърска, …
    ("ски", "ска", "ско", "ския", "ският", "ската", "ското", "ските"),
    # adjectives in -ов and -ев: пиков, пикова, …
    ("ов", "ова", "ово", "ови", "овия", "овият", "овата", "овото", "овите"),
    # masculine nouns ending in a consonant: елит, елита, елитът, елити, елитите
    ("", "а", "ът", "и", "ите"),
    # feminine nouns in -а and -ка: палата, палатата, палати, палатите
    ("а", "ата", "и", "ите"),
    # nouns in -ия and -ция: хоспитализация, хоспитализации, …
    ("ия", "ията", "ии", "иите"),
    # nouns in -ост: приоритетност, приоритетността, …
    ("ост", "остта", "ости", "остите"),
    # verbs in -ира and their nouns and participles: чекира, чекиране, чекирани, …
    ("ира", "ират", "ирам", "ираме", "ирате", "ираш", "ирал", "ирала", "ирало", "ирали",
     "иране", "ирането", "иран", "ирана", "ирано", "ирани", "ираният", "ираната",
     "ираното", "ираните", "ирания"),
)  # fmt: skip
_MIN_STEM = 3  # шу|мене would be a stem of two letters: too many words end alike
_MIN_WORD = 5

# International nonproprietary names of medicines (the WHO's INN stems, in Bulgarian letters):
# руксолитиниб, канакинумаб, ремдесивир, хидроксихлорохин. Lower case, and long.
INN_STEMS = (
    "маб", "иниб", "вир", "прил", "сартан", "олол", "статин", "мицин", "циклин", "оксацин",
    "празол", "дипин", "азепам", "хин", "тидин", "кортизон", "флоксацин", "параин",
)  # fmt: skip
_INN_INFLECTIONS = ("", "а", "ът", "и", "ите")
_MIN_INN = 8


def sibling(lower: str, plain: Callable[[str], bool], spell: Callable[[str], bool]) -> str:
    """Other forms of the same paradigm that vouch for this one, said in words, or "".

    Two known forms, the paradigm's first among them (палатата ← палата, палати), or any form
    only wordfreq knows (креативно ← креативни): a form bg_BG lists alone is no evidence,
    since a slip at the end of a word lands beside it (министерств ← министерства)."""
    for endings in PARADIGMS:
        for ending in endings:
            if not lower.endswith(ending):
                continue
            stem = lower[: len(lower) - len(ending)]
            if len(stem) < _MIN_STEM or (len(lower) < _MIN_WORD):
                continue
            if endings[0] in ("", "а") and plain(stem + "та"):
                continue  # сигурност|а: a feminine noun ending in a consonant
            lemma = stem + endings[0]
            known = [stem + other for other in endings if other != ending and plain(stem + other)]
            if endings[0] == "" and stem + "ът" not in known:
                continue  # a masculine noun shows its full article
            if (lemma != lower and lemma in known and len(known) >= 2) or (
                known and not any(spell(form) for form in known)
            ):
                return ", ".join(known[:3])
    return ""


def inn_name(lower: str) -> str:
    """The INN stem a medicine's name ends in (канакинумаб: -маб), or ""."""
    if len(lower) < _MIN_INN:
        return ""
    for inflection in _INN_INFLECTIONS:
        if inflection and not lower.endswith(inflection):
            continue
        name = lower[: len(lower) - len(inflection)] if inflection else lower
        for stem in INN_STEMS:
            if name.endswith(stem) and len(name) >= _MIN_INN:
                return "-" + stem
    return ""
