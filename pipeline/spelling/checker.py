"""Unknown words of a document, each with ranked suggestions and the evidence behind it.

A word is reported when no source of vocabulary.py knows it. Names are spared: an unknown
capitalised word inside a sentence or a quoted one is reported only when it is a known word or
name with a typo, or (as a variant, info) when the document spells the same name differently.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..models import Block, Document
from .dictionary import Dictionary, get_dictionary
from .suggest import Suggester, Suggestion, doc_bonus
from .tokens import Token, tokenize
from .vocabulary import Vocabulary, zipf

SIGNAL_WORD = "word-proofing"  # Word's own proofing marked the word (w:proofErr)
SIGNAL_DOCUMENT = "document-usage"  # the suggestion is a word the document uses elsewhere
_NAME_SLIP_COST = 0.8  # a capitalised word this close to a known name is a slip, not a name
_NAME_COMMON_SLIP_COST = 0.6  # ... this close to any word (a doubled or swapped letter)
_NAME_MAX_COST = 1.0  # ... or this close to a word the document uses
_OPENING_SLIP_COST = 0.9  # a sentence's first word this close to a word is that word
_FULL_NAME_SLIP_COST = 0.75
_NEIGHBOUR_SLIP = 0.6  # a doubled or swapped letter
_VERY_COMMON = 4.0
_NAME_VERY_LONG = 10  # ... or one vowel slip of any word this long (Координацаонния)
_VOWEL_SLIP = 0.85
_NAME_SHORT = 5
_PARTICLE = 3  # a capitalised word shorter than this is judged by the document alone
_NAME_LONG = 7  # a capitalised word this long one slip from a common word is that word
_NAME_COMMON_ZIPF = 3.0
_NAME_VERY_COMMON_ZIPF = 4.5  # ... or of a very common word of any length (Закна → Закона)
_SUGGESTIONS = 3
_NUMERAL_ADJECTIVE = ("ен", "на", "но", "ни", "ния", "ният", "ната", "ното", "ните", "ов", "ова",
                      "ово", "ови", "овия", "овият", "овата", "овото", "овите")  # fmt: skip
_TITLE_WORDS = 5  # a quoted name is this many words at most
_QUOTES = "„“«\"'‘"
_CAPS_MIN = 5
_SOFT_SIGN_SLIP = re.compile("ь(?!о)")  # ь stands only before о: Сьвета is a slip of ъ
# What follows a number or an abbreviation after a hyphen: 20-ина, 5-ти, 90-те, ВУЗ-овете.
_SUFFIXES = frozenset(
    [
        "а",
        "я",
        "ът",
        "ят",
        "та",
        "то",
        "те",
        "ите",
        "ове",
        "овете",
        "ия",
        "ина",
        "ината",
        "ти",
        "ия",
        "ма",
        "ри",
        "ви",
        "ми",
        "ра",
        "ва",
        "во",
        "ро",
        "мо",
        "ка",
        "ки",
        "ско",
        "ски",
        "ска",
        "ските",
        "ския",
    ]
)
_LINE_BREAK_HYPHEN = re.compile(
    r"-[ \t]*\n\s*|-[ \t]+"
)  # capitals this long that read as an abbreviation may still be a word's typo


@dataclass(frozen=True, slots=True)
class Misspelling:
    block: Block
    start: int  # offsets into block.text
    end: int
    word: str
    suggestions: tuple[Suggestion, ...]
    signals: tuple[str, ...]
    name_variant: bool = False  # a name the document spells otherwise more often (info)


def _after_hyphen(text: str, token: Token) -> bool:
    return token.start > 1 and text[token.start - 1] in "-‑" and text[token.start - 2].isalnum()


def _word_marks(document: Document) -> dict[int, list[tuple[int, int]]]:
    """Spans Word's spelling proofing flagged, by paragraph number."""
    out: dict[int, list[tuple[int, int]]] = {}
    for mark in document.proof_marks:
        if mark.kind.startswith("spell"):
            out.setdefault(mark.paragraph, []).append((mark.start, mark.end))
    return out


def _marked(block: Block, token: Token, marks: dict[int, list[tuple[int, int]]]) -> bool:
    if block.prov.paragraph is None:
        return False
    start, end = token.start + block.offset, token.end + block.offset
    return any(a < end and start < b for a, b in marks.get(block.prov.paragraph, ()))


class SpellChecker:
    """Checks the blocks of one document; the vocabulary is the document's own."""

    def __init__(
        self,
        blocks: Iterable[Block],
        accepted: Iterable[str] = (),
        dictionary: Dictionary | None = None,
        word_marks: dict[int, list[tuple[int, int]]] | None = None,
    ) -> None:
        self.blocks = list(blocks)
        self.dictionary = dictionary or get_dictionary()
        self.accepted = frozenset(word.lower() for word in accepted)
        self.word_marks = word_marks or {}
        self.tokens = [(block, tokenize(block.text)) for block in self.blocks]
        self.tokens_of = {id(block): found for block, found in self.tokens}
        self.vocabulary: Counter[str] = Counter(
            token.lookup.lower() for _, found in self.tokens for token in found if not token.skip
        )
        # Capitalised words seen inside sentences are names wherever they stand.
        self.names = {
            token.lookup
            for _, found in self.tokens
            for token in found
            if not token.skip and token.is_title and not token.sentence_start
        }
        self.words = Vocabulary(self.dictionary, self.accepted)
        self.full_names: set[str] = set()  # unknown words the document uses in a full name
        self.suggester = Suggester(
            self.dictionary,
            self.vocabulary,
            self.accepted,
            also_known=self.words.frequent,
            frequency=zipf,
        )

    def known(self, word: str) -> bool:
        return self.words.known(word)

    def misspellings(self) -> list[Misspelling]:
        found: list[Misspelling] = []
        # A block ending in `предот-` whose word goes on in the next block (a wrapped line).
        carried: tuple[Block, Token] | None = None
        for block, block_tokens in self.tokens:
            joined = self._hyphenated(block.text, block_tokens)
            first = block_tokens[0] if block_tokens else None
            if carried and first and not first.skip:
                previous, half = carried
                if self.known(half.lookup + first.lookup):
                    joined.add(0)
                    found = [f for f in found if f.block is not previous or f.start != half.start]
            carried = None
            last = block_tokens[-1] if block_tokens else None
            if last and not last.skip and block.text.rstrip().endswith(last.text + "-"):
                carried = (block, last)
            for index, token in enumerate(block_tokens):
                if index in joined:
                    continue
                result = self._check(block, token)
                if result is not None:
                    found.append(result)
        # A word the document writes as part of a full name (`Виктор Орбан`) is that name
        # wherever it stands, even where it alone is one key from a word (Орбан: орган).
        return [f for f in found if f.word not in self.full_names or f.name_variant]

    def _hyphenated(self, text: str, block_tokens: tuple[Token, ...]) -> set[int]:
        """Halves of a word hyphenated at a line end (`предот-` / `вратяване`), a PDF's habit."""
        halves: set[int] = set()
        if "-" not in text:
            return halves
        for index in range(len(block_tokens) - 1):
            first, second = block_tokens[index], block_tokens[index + 1]
            if (
                first.skip
                or second.skip
                or not _LINE_BREAK_HYPHEN.fullmatch(text[first.end : second.start])
            ):
                continue
            if not self.known(first.lookup) and self.known(first.lookup + second.lookup):
                halves.update((index, index + 1))
        return halves

    def _check(self, block: Block, token: Token) -> Misspelling | None:
        if token.skip == "abbreviation" and self._caps_typo(token):
            pass  # a word in capitals that lost a vowel (ТРСФИК): checked as a word
        elif token.skip or self.known(token.lookup):
            return None
        if (token.compound or _after_hyphen(block.text, token)) and self._compound_known(
            block.text, token
        ):
            return None
        name = token.is_title and (
            token.quoted or not token.sentence_start or token.lookup in self.names
        )
        if self._in_hyphenated_name(block.text, token) or (
            not token.is_title
            and (self._in_quoted_title(block, token) or self._after_foreign_name(block, token))
        ):
            name = True  # `Рийс-Мог`, `Техрик-и-лабаик`; „Франкфуртер алгемайне цайтунг“
        full_name = self._in_full_name(block, token) if token.is_title else ""
        if name or full_name:
            verdict = self._name_verdict(token.lookup, full_name=full_name)
        elif token.is_title and token.sentence_start:
            verdict = self._opening_verdict(token.lookup)
        elif self._name_particle(block, token):
            return None
        else:
            verdict = "typo"
        if verdict is None:
            if full_name:
                self.full_names.add(token.text)
            return None
        marked = _marked(block, token, self.word_marks)
        # Only a word that will be reported pays for the full search (Hunspell's fallback).
        suggestions = tuple(self.suggester.suggest(token.lookup, _SUGGESTIONS))
        signals = []
        if marked:
            signals.append(SIGNAL_WORD)
        if suggestions and suggestions[0].uses:
            signals.append(SIGNAL_DOCUMENT)
        return Misspelling(
            block,
            token.start,
            token.end,
            token.text,
            suggestions,
            tuple(signals),
            name_variant=verdict == "variant",
        )

    def _compound_known(self, text: str, token: Token) -> bool:
        """A part of a hyphenated word: the whole is known, or the part is in its place."""
        first, last = token.compound or (token.start, token.end)
        if self.known(text[first:last]):
            return True
        lower = token.lookup.lower()
        parts = re.split("[-‑]", text[first:last].lower())
        if all(self.words.listed(part) or self.known(part) for part in parts):
            return True  # ноу-хау: each part is in wordfreq's list
        before = text[max(0, token.start - 12) : token.start]
        if _after_hyphen(text, token) and (
            before[-2:-1].isdigit() or re.split(r"[\W\d]", before[:-1])[-1].isupper()
        ):
            return (
                lower in _SUFFIXES
                or (  # 20-ина, ВУЗ-овете
                    before[-2:-1].isdigit() and self._numeral_adjective(lower)
                )
            )
        return token.end < last and self.words.compound_head(lower)  # покупко-продажба

    @staticmethod
    def _in_hyphenated_name(text: str, token: Token) -> bool:
        """A later part of a hyphenated word whose first part is capitalised: Рийс-Мог."""
        if token.compound is None or token.start == token.compound[0]:
            return False
        return text[token.compound[0]].isupper()

    def _in_quoted_title(self, block: Block, token: Token) -> bool:
        """A word of a short quoted name that starts with an unknown capitalised word (a foreign
        name): "Уич травъл", „Франкфуртер алгемайне цайтунг“; not „Министерство на …“."""
        if not token.quoted:
            return False
        found = self.tokens_of.get(id(block), ())
        index = self._index_of(found, token)
        text = block.text
        for back in range(index, max(-1, index - _TITLE_WORDS), -1):
            before = text[found[back - 1].end if back else 0 : found[back].start]
            if any(ch in _QUOTES for ch in before):
                first = found[back]  # a foreign name's words: „Франкфуртер алгемайне“
                return back < index and first.is_title and not self.known(first.lookup)
            if any(ch in ".!?:;" for ch in before):
                return False
        return False

    def _after_foreign_name(self, block: Block, token: Token) -> bool:
        """The lower-case second word of a transliterated English name: `Фокс нюз`, `Бритиш
        еърлайнс`. The word before is capitalised inside a sentence, right before this one, and
        bg_BG knows it in no spelling (a foreign name, not `България`, `Министерство`); this
        word is no single slip of any kind from a dictionary word: a name is so often followed
        by a verb that a slip there is likelier (`Джонсън ктза`, `Меркел бешм` are reported)."""
        found = self.tokens_of.get(id(block), ())
        index = self._index_of(found, token)
        if index < 1:
            return False
        before = found[index - 1]
        gap = block.text[before.end : token.start]
        return (
            before.is_title
            and not before.sentence_start
            and not before.skip
            and gap.strip(" \u00a0") == ""
            and not self.dictionary.spell(before.lookup)
            and not self.dictionary.spell(before.lookup.lower())
            and not self.words.any_slip(token.lookup.lower())
        )

    def _numeral_adjective(self, lower: str) -> bool:
        """`538-членния`, `30-метрова`: an adjective of a noun after a number and a hyphen."""
        for ending in _NUMERAL_ADJECTIVE:
            base = lower[: len(lower) - len(ending)]
            if lower.endswith(ending) and len(base) >= _PARTICLE and self.dictionary.spell(base):
                return True
        return False

    def _name_particle(self, block: Block, token: Token) -> bool:
        """`фон дер Лайен`, `Ил дьо Франс`: a short lower-case word between two names."""
        found = self.tokens_of.get(id(block), ())
        index = self._index_of(found, token)
        if len(token.lookup) > _PARTICLE or not 0 < index < len(found) - 1:
            return False
        return found[index + 1].is_title and (
            found[index - 1].is_title
            or found[index - 1].text.islower()
            and len(found[index - 1].text) <= _PARTICLE
        )

    def _in_full_name(self, block: Block, token: Token) -> str:
        """Beside another capitalised word that is no common word: `Ева Майдел`, `Имран Кан`.

        "known" when that word is a name the dictionary lists (`Бугомил Петров`: a Bulgarian
        name, whose slips are worth reporting), "foreign" when no source knows it (`Асия
        Биби`), "" when the word stands in no full name."""
        found = self.tokens_of.get(id(block), ())
        index = self._index_of(found, token)
        for other in (
            found[index - 1] if index > 0 else None,
            found[index + 1] if index + 1 < len(found) else None,
        ):
            if other is None or not other.is_title or other.skip:
                continue
            gap = block.text[min(other.end, token.end) : max(other.start, token.start)]
            if gap.strip(" \u00a0") == "" and not self.dictionary.spell(other.lookup.lower()):
                return "known" if self._proper_name(other.lookup) else "foreign"
        return ""

    @staticmethod
    def _index_of(found: tuple[Token, ...], token: Token) -> int:
        for index, other in enumerate(found):
            if other.start == token.start:
                return index
        return -1

    def _name_verdict(self, word: str, full_name: str = "") -> str | None:
        """Is this capitalised word inside a sentence a slip ("typo"), the minority spelling of
        a name the document uses ("variant"), or a name (None)?

        A slip of a name the dictionary knows (Бугомил, Гъррция), a doubled or swapped letter
        of any word (Порртала), a cheap fix the document backs (Европейскат), ь for ъ
        (Сьвета), one slip of a common long word (Министерсво). Word's proofing marks every unfamiliar name, so its mark does not decide.
        """
        if _SOFT_SIGN_SLIP.search(word.lower()):
            return "typo"
        candidates = [
            s
            for s in self.suggester.suggest(word, _SUGGESTIONS, fallback=False)
            if " " not in s.word and "-" not in s.word  # a name is not two words run together
        ]
        if not candidates:
            return None
        best = candidates[0]
        raw = best.cost + doc_bonus(best.uses)  # the slip's own cost, before the document's say
        if full_name == "known" and raw <= _FULL_NAME_SLIP_COST and self._proper_name(best.word):
            return "typo"  # `Бугомил Петров`: a sound-alike slip of a name the dictionary lists
        if full_name and raw <= _NEIGHBOUR_SLIP and zipf(best.word.lower()) >= _VERY_COMMON:
            return "typo"  # `Репубблика България`: a key slip in a very common word
        if len(word) < _NAME_SHORT or full_name:
            # Short names sit one key from many words (Мей, Кох, Туск), and so does a part of
            # a full name (Ева Майдел): only the document's other spelling speaks against them.
            if best.uses and raw <= _NAME_MAX_COST:
                return None if self.known(best.word) else self._variant(word, best)
            return None
        if best.uses and raw <= _NAME_MAX_COST:
            # One slip from a word the document uses (two-edit neighbours are other names).
            if not self.known(best.word):
                return self._variant(word, best)
            if raw <= _NEIGHBOUR_SLIP or (raw <= _NAME_SLIP_COST and best.word in self.names):
                return "typo"  # Европейскат; not Орбан (орган) or Масих (Маси): a stray
                # letter, or a word the document never writes as a name, says little
            if zipf(best.word.lower()) < _NAME_VERY_COMMON_ZIPF:
                return None
        common = zipf(best.word.lower())
        known_name = self._proper_name(best.word)
        if raw <= _NAME_COMMON_SLIP_COST and (known_name or common >= _NAME_COMMON_ZIPF):
            return "typo"  # Порртала; not Орбан, a swap away from the rare `обран`
        if len(word) >= _NAME_VERY_LONG and raw <= _VOWEL_SLIP and self.known(best.word.lower()):
            return "typo"
        if raw <= _NAME_SLIP_COST and (
            # a slip of a name people write (Бугомил); a rare foreign name the dictionary
            # spells one letter apart is a transliteration (Плимут, Пунджаб, Шефийлд)
            (known_name and common >= _NAME_COMMON_ZIPF)
            or (len(word) >= _NAME_LONG and common >= _NAME_COMMON_ZIPF)
            or common >= _NAME_VERY_COMMON_ZIPF
        ):
            return "typo"  # Бугомил; Европейскат in `пред Европейскат комисия`
        return None

    def _caps_typo(self, token: Token) -> bool:
        word = token.lookup
        return (
            word.isupper()
            and len(word) >= _CAPS_MIN
            and not self.known(word)
            and self.suggester.in_document(word)
        )

    def _variant(self, word: str, best: Suggestion) -> str | None:
        """The document spells this name otherwise, and more often (names of five letters or
        more: shorter ones one letter apart are as often two names, Асиф and Асия)."""
        if len(word) < _NAME_SHORT:
            return None
        return "variant" if best.uses > self.vocabulary.get(word.lower(), 0) else None

    def _opening_verdict(self, word: str) -> str | None:
        """A capitalised word opening a sentence may be a name too (`Ройтерс съобщи`): it is
        reported when a slip away from a word, or the document backs a near spelling."""
        name = self._name_verdict(word)
        candidates = self.suggester.suggest(word, _SUGGESTIONS, fallback=False)
        if name is not None or len(word) < _NAME_SHORT:
            if name is None and candidates and candidates[0].cost <= _NEIGHBOUR_SLIP:
                return "typo"  # `Брйо`, `Срко`: letters swapped in a short word
            return name
        if candidates and candidates[0].cost <= _OPENING_SLIP_COST:
            return "typo"
        return None

    def _proper_name(self, word: str) -> bool:
        """The dictionary lists the word with its capital: a place or a person (Богомил, even
        though богомил is a word too)."""
        from .affixes import capitalised_stems, stem_flags

        listed = word in capitalised_stems() if word[:1].isupper() else word in stem_flags()
        return listed or (self.dictionary.spell(word) and not self.dictionary.spell(word.lower()))


def find_misspellings(
    document: Document, blocks: list[Block] | None = None, accepted: Iterable[str] = ()
) -> list[Misspelling]:
    """The unknown words of the body (`blocks`, default the document's), in document order."""
    blocks = document.blocks if blocks is None else blocks
    checker = SpellChecker(blocks, accepted, word_marks=_word_marks(document))
    return checker.misspellings()
