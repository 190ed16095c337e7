"""Tokens and abbreviation-pattern matches of a text, as spaCy's blank Bulgarian pipeline gives them.

The mention finder needs spaCy's tokenization and four token patterns (`patterns.py`), nothing
else of spaCy. Importing spaCy costs ~0.65 s of CPU, more than reading, parsing and proofreading
a whole draft, so this module runs spaCy's own tokenizer rules (dumped as data by
`spacy_rules.py`) with a port of its algorithm, and the four patterns as plain code.
`spacy_pipeline()` builds the real thing (spaCy's `Language` and a `Matcher` with the same
patterns): tests/test_tokenizer.py checks that both give the same matches on the test corpora
and on thousands of generated texts, and library users who want spaCy `Doc`s can use it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .patterns import DASHES, LOWER_SUFFIX, PLACE_WORD, TOKEN
from .spacy_rules import NARROW_ALPHABET, RULES_PATH

_ABBR = re.compile(TOKEN)
_SUFFIX = re.compile(LOWER_SUFFIX)
_PLACE = re.compile(PLACE_WORD)
_SPACE = re.compile(r"\s+")
_NEVER = re.compile("a^")
_BEYOND_NARROW = re.compile(
    "[^" + "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in NARROW_ALPHABET) + "]"
)


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(RULES_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=2)
def _rules(narrow: bool = True) -> tuple:
    """The compiled rules; `narrow`: with classes cut to NARROW_ALPHABET (`spacy_rules.narrowed`),
    for chunks written in it (compiling the full classes took ~45 ms of every run)."""
    data = _data()
    patterns = {**data, **data["narrow"]} if narrow else data

    def compiled(key: str) -> re.Pattern:
        return re.compile(patterns[key]) if patterns[key] else _NEVER

    specials = {orth: tuple(parts) for orth, parts in data["special_cases"].items()}
    return (
        compiled("prefix").search,
        compiled("suffix").search,
        compiled("infix").finditer,
        compiled("token_match").match,
        compiled("url_match").match,
        specials,
    )


def _split(chunk: str) -> list[str]:
    """One whitespace-free chunk into token strings: spaCy's `Tokenizer.explain` algorithm
    (special cases, then prefixes and suffixes peeled alternately, then infixes)."""
    prefix, suffix, infixes, token_match, url_match, specials = _rules(
        _BEYOND_NARROW.search(chunk) is None
    )
    tokens: list[str] = []
    suffixes: list[str] = []
    substring = chunk
    while substring:
        if substring in specials:
            tokens.extend(specials[substring])
            substring = ""
            continue
        while prefix(substring) or suffix(substring):
            if token_match(substring):
                tokens.append(substring)
                substring = ""
                break
            if substring in specials:
                tokens.extend(specials[substring])
                substring = ""
                break
            found = prefix(substring)
            if found:
                split = found.end()
                if split == 0:
                    break
                tokens.append(substring[:split])
                substring = substring[split:]
                if substring in specials:
                    continue
            found = suffix(substring)
            if found:
                split = found.start()
                if split == len(substring):
                    break
                suffixes.append(substring[split:])
                substring = substring[:split]
        if not substring:
            continue
        if token_match(substring) or url_match(substring):
            tokens.append(substring)
        elif substring in specials:
            tokens.extend(specials[substring])
        else:
            offset = 0
            for match in infixes(substring):
                if offset == 0 and match.start() == 0:
                    continue
                if substring[offset : match.start()]:
                    tokens.append(substring[offset : match.start()])
                if match.group():
                    tokens.append(match.group())
                offset = match.end()
            if substring[offset:]:
                tokens.append(substring[offset:])
        substring = ""
    tokens.extend(reversed(suffixes))
    return tokens


@dataclass(frozen=True, slots=True)
class Token:
    i: int
    text: str
    idx: int  # character offset in the text
    whitespace_: str


@dataclass(slots=True)
class Analysis:
    """One text: its tokens and the pattern matches as (pattern name, start, end) tokens."""

    tokens: list[Token]
    matches: list[tuple[str, int, int]]

    def __getitem__(self, index: int) -> Token:
        return self.tokens[index]

    def __iter__(self) -> Iterator[Token]:
        return iter(self.tokens)

    def __len__(self) -> int:
        return len(self.tokens)


def tokenize(text: str) -> list[Token]:
    """spaCy's split: one plain space after a token is its `whitespace_`; any other whitespace is
    a token of its own; a chunk between whitespace splits into words and marks."""
    spans: list[tuple[str, int]] = []  # (text, offset) of every token, whitespace ones included
    trailing: dict[int, str] = {}  # token number -> " " when one space follows it
    position = 0
    for match in _SPACE.finditer(text):
        _chunk(text[position : match.start()], position, spans)
        run, start = match.group(), match.start()
        if run[0] == " " and spans:
            trailing[len(spans) - 1] = " "
            run, start = run[1:], start + 1
        if run:
            spans.append((run, start))
        position = match.end()
    _chunk(text[position:], position, spans)
    return [Token(i, span, offset, trailing.get(i, "")) for i, (span, offset) in enumerate(spans)]


def _chunk(chunk: str, offset: int, spans: list[tuple[str, int]]) -> None:
    for token in _split(chunk) if chunk else ():
        spans.append((token, offset))
        offset += len(token)


def matches(tokens: list[Token]) -> list[tuple[str, int, int]]:
    """The four patterns of `patterns.MATCHER_PATTERNS`, longest match per start and name."""
    out: list[tuple[str, int, int]] = []
    count = len(tokens)
    for i, token in enumerate(tokens):
        if not _ABBR.match(token.text):
            continue
        out.append(("ABBR", i, i + 1))
        after = tokens[i + 1].text if i + 1 < count else None
        if after is None:
            continue
        if _ABBR.match(after):
            out.append(("MULTI", i, i + 2))
        third = tokens[i + 2].text if i + 2 < count else None
        if after == "-" and third is not None and _SUFFIX.match(third):
            out.append(("SUFFIX", i, i + 3))
        if after in DASHES and third is not None and _PLACE.match(third):
            out.append(("PLACE", i, i + 3))
        elif _PLACE.match(after):
            out.append(("PLACE", i, i + 2))
    return out


def analyse(texts: list[str]) -> list[Analysis]:
    """Tokens and matches of each text."""
    out = []
    for text in texts:
        tokens = tokenize(text)
        out.append(Analysis(tokens, matches(tokens)))
    return out


def spacy_pipeline():
    """spaCy's blank Bulgarian pipeline and a `Matcher` holding the same patterns.

    Not on natprog's own path (see the module docstring); for tests and for library users who
    want spaCy `Doc`s of a draft's texts.
    """
    import spacy
    from spacy.matcher import Matcher

    from .patterns import MATCHER_PATTERNS

    nlp = spacy.blank("bg")
    matcher = Matcher(nlp.vocab)
    for name, patterns in MATCHER_PATTERNS.items():
        matcher.add(name, patterns)
    return nlp, matcher


def analyse_with_spacy(texts: list[str], pipeline=None) -> list[Analysis]:
    """The same `Analysis` objects, from spaCy itself (the reference `analyse` is tested against)."""
    nlp, matcher = pipeline or spacy_pipeline()
    names = nlp.vocab.strings
    out = []
    for doc in nlp.tokenizer.pipe(texts):
        tokens = [Token(token.i, token.text, token.idx, token.whitespace_) for token in doc]
        found = [(names[match_id], start, end) for match_id, start, end in matcher(doc)]
        out.append(Analysis(tokens, found))
    return out
