"""Unknown words of a document, each with ranked suggestions and the evidence behind it.

A word is reported when neither the dictionary, the domain lexicon nor the user's accepted words
know it. Names are spared: a capitalised word inside a sentence or a quoted one is reported only
when the document itself (or Word's proofing) points at a near spelling it uses elsewhere.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..models import Block, Document
from .dictionary import Dictionary, get_dictionary
from .suggest import Suggester, Suggestion
from .tokens import Token, tokenize

SIGNAL_WORD = "word-proofing"  # Word's own proofing marked the word (w:proofErr)
SIGNAL_DOCUMENT = "document-usage"  # the suggestion is a word the document uses elsewhere
_NAME_SLIP_COST = 0.8  # a capitalised word this close to a known name is a slip, not a name
_NAME_COMMON_SLIP_COST = 0.6  # ... this close to any word (a doubled or swapped letter)
_NAME_MAX_COST = 1.0  # ... or this close to a word the document uses
_SUGGESTIONS = 3
_CAPS_MIN = 5
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
        self.suggester = Suggester(self.dictionary, self.vocabulary, self.accepted)
        self._known: dict[str, bool] = {}

    def known(self, word: str) -> bool:
        verdict = self._known.get(word)
        if verdict is None:
            verdict = word.lower() in self.accepted or self.dictionary.known(word)
            self._known[word] = verdict
        return verdict

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
        return found

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
        if token.compound and self.known(block.text[token.compound[0] : token.compound[1]]):
            return None
        marked = _marked(block, token, self.word_marks)
        suggestions = tuple(self.suggester.suggest(token.lookup, _SUGGESTIONS))
        name = token.is_title and (
            token.quoted or not token.sentence_start or token.lookup in self.names
        )
        if name and not self._name_typo(suggestions):
            return None
        signals = []
        if marked:
            signals.append(SIGNAL_WORD)
        if suggestions and suggestions[0].uses:
            signals.append(SIGNAL_DOCUMENT)
        return Misspelling(block, token.start, token.end, token.text, suggestions, tuple(signals))

    def _caps_typo(self, token: Token) -> bool:
        word = token.lookup
        return (
            word.isupper()
            and len(word) >= _CAPS_MIN
            and not self.known(word)
            and self.suggester.in_document(word)
        )

    def _name_typo(self, suggestions: tuple[Suggestion, ...]) -> bool:
        """A capitalised word inside a sentence is a name unless it is a likely slip of a name
        the dictionary knows (Гъррция, Пазарджок), a doubled or swapped letter of any word
        (Порртала), or a cheap fix the document backs (Европейскат). Word's proofing marks
        every unfamiliar name, so its mark does not decide here."""
        if not suggestions:
            return False
        best = suggestions[0]
        if best.uses and best.cost <= _NAME_MAX_COST:
            return True
        if best.cost <= _NAME_COMMON_SLIP_COST:
            return True
        return best.cost <= _NAME_SLIP_COST and self._proper_name(best.word)

    def _proper_name(self, word: str) -> bool:
        """The dictionary has the word only with its capital: a place or a person."""
        return self.dictionary.spell(word) and not self.dictionary.spell(word.lower())


def find_misspellings(
    document: Document, blocks: list[Block] | None = None, accepted: Iterable[str] = ()
) -> list[Misspelling]:
    """The unknown words of the body (`blocks`, default the document's), in document order."""
    blocks = document.blocks if blocks is None else blocks
    checker = SpellChecker(blocks, accepted, word_marks=_word_marks(document))
    return checker.misspellings()
