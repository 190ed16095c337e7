"""Ranked suggestions for an unknown word: our own edit candidates first, Hunspell's last.

Candidates one edit away (two for stutters and for words the document itself uses) are kept
when the dictionary, the domain lexicon, the accepted words or the document vouch for them;
they are ranked by how likely the slip is, and the document's own usage weighs most.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from .dictionary import Dictionary
from .edits import ALPHABET, COST_OTHER, deletes2, edits1
from .function_words import PARTICLES, PREPOSITIONS
from .ngrams import known_ngrams

_DOC_BONUS = 0.35  # a candidate the document uses elsewhere
_DOC_BONUS_PER_USE = 0.1
_DOC_BONUS_MAX = 0.85
_TWO_EDITS = 1.6  # a document word two edits away (before the document bonus)
_MIN_LEN_TWO_EDITS = 6
_HUNSPELL_FALLBACK = 5
_HUNSPELL_COST = 2.0  # Hunspell's own suggestions rank after every edit of ours
_SPLIT_SHORT = 0.45  # a short word run into the next (отбюджета → от бюджета): a common slip
_SPLIT_HYPHEN = 0.4  # по/най run into the adjective (поголям → по-голям)
_SPLIT_OTHER = 1.1  # two longer words run together
_MIN_SPLIT_PART = 3
# Short words that are typed into the next word: prepositions, particles, conjunctions.
_RUN_IN = PREPOSITIONS | PARTICLES
_COMPARATIVE = ("по", "най")


@dataclass(frozen=True, slots=True)
class Suggestion:
    word: str
    cost: float
    uses: int  # how often the document uses this word


def doc_bonus(uses: int) -> float:
    """How much a candidate's cost drops because the document uses it `uses` times."""
    return min(_DOC_BONUS + _DOC_BONUS_PER_USE * uses, _DOC_BONUS_MAX) if uses else 0.0


def case_like(word: str, model: str) -> str:
    """`word` in the case pattern of `model`: lower, Capitalised or UPPER."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


class Suggester:
    """Suggestions for one document: the dictionary plus what the document itself uses."""

    def __init__(
        self,
        dictionary: Dictionary,
        vocabulary: Counter[str] | None = None,
        accepted: frozenset[str] = frozenset(),
        *,
        hunspell_fallback: bool = True,
        also_known: Callable[[str], bool] | None = None,
        frequency: Callable[[str], float] | None = None,
    ) -> None:
        self.dictionary = dictionary
        self.also_known = also_known  # more words (lower case) a suggestion may be: wordfreq's
        self.frequency = frequency  # how common a word is: breaks ties between equal slips
        self.vocabulary = vocabulary or Counter()  # lower-cased word -> uses in the document
        self.accepted = accepted  # lower-cased
        self.hunspell_fallback = hunspell_fallback
        self._valid: dict[str, bool] = {}
        self._cache: dict[str, list[Suggestion]] = {}
        self._doc_words: list[str] | None = None
        self._near_cache: dict[str, bool] = {}
        self.grams = known_ngrams()

    def is_word(self, lower: str, model: str) -> bool:
        """A candidate (lower case) counts if it is accepted or a word in `model`'s case.

        The edits come n-gram-filtered (edits.py), so Hunspell sees only plausible strings.
        """
        key = lower if not model[:1].isupper() else lower + ("\0U" if model.isupper() else "\0T")
        valid = self._valid.get(key)
        if valid is None:
            valid = (
                lower in self.accepted
                or self.dictionary.spell(case_like(lower, model))
                or (self.also_known is not None and self.also_known(lower))
            )
            self._valid[key] = valid
        return valid

    def _doc_candidates(self) -> list[str]:
        """Document words that can stand as suggestions: known ones, or used at least twice."""
        if self._doc_words is None:
            self._doc_words = sorted(
                word
                for word, uses in self.vocabulary.items()
                if len(word) >= 3
                and (uses >= 2 or word in self.accepted or self.dictionary.known(word))
            )
        return self._doc_words

    def in_document(self, word: str) -> bool:
        """A known word the document uses is one edit away: `ТРСФИК` beside `трафик`."""
        lower = word.lower()
        near = self._near_cache.get(lower)
        if near is None:
            from rapidfuzz import process
            from rapidfuzz.distance import OSA

            matches = process.extract(
                lower, self._doc_candidates(), scorer=OSA.distance, score_cutoff=1, limit=None
            )
            near = any(c != lower and self.dictionary.known(c) for c, _, _ in matches)
            self._near_cache[lower] = near
        return near

    def suggest(self, word: str, limit: int = 3, *, fallback: bool = True) -> list[Suggestion]:
        """Up to `limit` suggestions, best first, in the case pattern of `word`.

        Without `fallback`, Hunspell's slow `suggest` is not asked even when our edits find
        nothing: enough to decide whether a name is a slip before it is reported.
        """
        key = (word, fallback and self.hunspell_fallback)
        ranked = self._cache.get(key)
        if ranked is None:
            ranked = self._cache[key] = self._rank(word, key[1])
        return ranked[:limit]

    def _rank(self, word: str, fallback: bool) -> list[Suggestion]:
        lower = word.lower()
        if any(ch not in ALPHABET for ch in lower):
            return []
        costs: dict[str, float] = {}
        self._splits(lower, word, costs)
        self._edits(lower, word, costs, any_substitution=False)
        if len(lower) >= _MIN_LEN_TWO_EDITS:
            for candidate, cost in deletes2(lower, self.grams):
                if cost < costs.get(candidate, 9.0) and self._ok(candidate, word):
                    costs[candidate] = cost
        self._near_in_document(lower, costs)
        if not costs:  # an unlikely key: any letter for any letter
            self._edits(lower, word, costs, any_substitution=True)
        if not costs and fallback:
            for rank, candidate in enumerate(self.dictionary.suggest(word)[:_HUNSPELL_FALLBACK]):
                if " " not in candidate and "-" not in candidate:
                    costs.setdefault(candidate.lower(), _HUNSPELL_COST + 0.1 * rank)
        ranked = []
        for candidate, cost in costs.items():
            uses = self.vocabulary.get(candidate, 0)
            cost -= doc_bonus(uses)
            ranked.append(Suggestion(case_like(candidate, word), round(cost, 3), uses))
        frequency = self.frequency or (lambda _: 0.0)
        ranked.sort(key=lambda s: (s.cost, -s.uses, -frequency(s.word.lower()), s.word))
        return ranked

    def _splits(self, lower: str, word: str, costs: dict[str, float]) -> None:
        """Two words typed without the space between them: `от бюджета`, `по-голям`."""
        for cut in range(1, len(lower) - _MIN_SPLIT_PART + 1):
            head, tail = lower[:cut], lower[cut:]
            if not self.is_word(tail, tail):
                continue
            if head in _COMPARATIVE and self.is_word("по-" + tail, "по-"):
                costs[head + "-" + tail] = _SPLIT_HYPHEN
            elif head in _RUN_IN:
                costs[head + " " + tail] = _SPLIT_SHORT
            elif (
                len(head) >= _MIN_SPLIT_PART
                and len(tail) >= _MIN_SPLIT_PART + 1
                and self.is_word(head, head)
            ):
                costs.setdefault(head + " " + tail, _SPLIT_OTHER)

    def _edits(
        self, lower: str, word: str, costs: dict[str, float], any_substitution: bool
    ) -> None:
        for candidate, cost in edits1(lower, self.grams, any_substitution=any_substitution):
            if candidate and cost < costs.get(candidate, 9.0) and self._ok(candidate, word):
                costs[candidate] = cost

    def _ok(self, candidate: str, word: str) -> bool:
        return self.vocabulary.get(candidate, 0) >= 2 or self.is_word(candidate, word)

    def _near_in_document(self, lower: str, costs: dict[str, float]) -> None:
        """Words the document uses one or two edits away that the edits above did not reach
        (two slips in one word, or a document word Hunspell lacks), by rapidfuzz's OSA distance."""
        if len(lower) < 4:
            return
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        cutoff = 2 if len(lower) >= _MIN_LEN_TWO_EDITS else 1
        matches = process.extract(
            lower, self._doc_candidates(), scorer=OSA.distance, score_cutoff=cutoff, limit=None
        )
        for candidate, distance, _ in matches:
            if candidate != lower and candidate not in costs:
                costs[candidate] = _TWO_EDITS if distance == 2 else COST_OTHER
