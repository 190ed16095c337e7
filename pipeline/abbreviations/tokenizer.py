"""spaCy's blank Bulgarian tokenizer and the abbreviation Matcher, as plain tokens and matches.

Importing spaCy takes about 0.45 s, a third of a whole `natprog extract`. `prefetch()`, which
the command line calls before it reads a draft, forks a helper process that imports spaCy and
builds the tokenizer on the second core while the parent reads, parses and loads the
dictionary; the helper then tokenizes on request. Without it (library use, batch workers)
spaCy runs in-process. Either way callers get the same `Analysis` objects.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .patterns import MATCHER_PATTERNS

_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class Token:
    i: int
    text: str
    idx: int  # character offset in the text
    whitespace_: str


@dataclass(slots=True)
class Analysis:
    """One text: its tokens and the Matcher's matches as (pattern name, start, end) tokens."""

    tokens: list[Token]
    matches: list[tuple[str, int, int]]

    def __getitem__(self, index: int) -> Token:
        return self.tokens[index]

    def __iter__(self) -> Iterator[Token]:
        return iter(self.tokens)

    def __len__(self) -> int:
        return len(self.tokens)


@lru_cache(maxsize=1)
def _pipeline():
    """spaCy's blank Bulgarian pipeline (tokenizer only) and the Matcher, once per process."""
    from .lazyspacy import import_spacy

    spacy = import_spacy()
    from spacy.matcher import Matcher

    nlp = spacy.blank("bg")
    matcher = Matcher(nlp.vocab)
    for name, patterns in MATCHER_PATTERNS.items():
        matcher.add(name, patterns)
    return nlp, matcher


def pipeline():
    with _LOCK:
        return _pipeline()


def _analyse_here(texts: list[str]) -> list[Analysis]:
    nlp, matcher = pipeline()
    names = nlp.vocab.strings
    out = []
    for doc in nlp.tokenizer.pipe(texts):
        tokens = [Token(token.i, token.text, token.idx, token.whitespace_) for token in doc]
        matches = [(names[match_id], start, end) for match_id, start, end in matcher(doc)]
        out.append(Analysis(tokens, matches))
    return out


class _Helper:
    """A forked process holding spaCy; requests and answers are pickles over two pipes."""

    def __init__(self) -> None:
        request_read, request_write = os.pipe()
        answer_read, answer_write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the helper
            os.close(request_write)
            os.close(answer_read)
            _serve(request_read, answer_write)  # never returns
        os.close(request_read)
        os.close(answer_write)
        self._requests = os.fdopen(request_write, "wb")
        self._answers = os.fdopen(answer_read, "rb")

    def analyse(self, texts: list[str]) -> list[Analysis] | None:
        try:
            pickle.dump(texts, self._requests, protocol=pickle.HIGHEST_PROTOCOL)
            self._requests.flush()
            answer = pickle.load(self._answers)
        except (OSError, EOFError, pickle.UnpicklingError):
            return None
        return answer if isinstance(answer, list) and len(answer) == len(texts) else None


def _serve(request_fd: int, answer_fd: int) -> None:
    """The helper's life: import spaCy at once, answer until the parent goes, then leave."""
    code = 0
    try:
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):  # never hold the parent's terminal or pipes open
            os.dup2(devnull, fd)
        pipeline()
        with os.fdopen(request_fd, "rb") as requests, os.fdopen(answer_fd, "wb") as answers:
            while True:
                try:
                    texts = pickle.load(requests)
                except EOFError:
                    break
                pickle.dump(_analyse_here(texts), answers, protocol=pickle.HIGHEST_PROTOCOL)
                answers.flush()
    except BaseException:  # the parent falls back to spaCy in-process
        code = 1
    finally:
        os._exit(code)


_helper: _Helper | None = None


def prefetch() -> None:
    """Start loading spaCy in a helper process (POSIX only; a no-op when it cannot or did)."""
    global _helper
    if _helper is not None or not hasattr(os, "fork") or _pipeline.cache_info().currsize:
        return
    try:
        _helper = _Helper()
    except OSError:
        _helper = None


def analyse(texts: list[str]) -> list[Analysis]:
    """Tokens and matches of each text, from the helper when there is one, else in-process."""
    global _helper
    if not texts:
        return []
    if _helper is not None:
        answer = _helper.analyse(texts)
        if answer is not None:
            return answer
        _helper = None  # it died: do the work here from now on
    return _analyse_here(texts)
