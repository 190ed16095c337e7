"""The tokenizer natprog runs gives the matches spaCy's own pipeline gives, without importing spaCy.

spaCy stays the reference: its blank Bulgarian tokenizer and a Matcher with the same patterns
(`tokenizer.spacy_pipeline`). Compared on the 2012 draft, the clean test texts and generated
texts that mix abbreviations, punctuation, dashes, suffixes and odd whitespace.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DRAFT_2012, ROOT
from natprog.abbreviations.spacy_rules import NARROW_ALPHABET, NARROW_KEYS, RULES_PATH, dump_rules
from natprog.abbreviations.tokenizer import analyse, analyse_with_spacy, spacy_pipeline

UPPER = "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЮЯ"
LOWER = "абвгдежзийклмнопрстуфхцчшщъьюя"


@pytest.fixture(scope="module")
def reference():
    return spacy_pipeline()


def _spans(analysis) -> list[tuple[str, int, int]]:
    """Matches as character spans: comparable whatever the token numbering."""
    tokens = analysis.tokens
    return sorted(
        (name, tokens[start].idx, tokens[end - 1].idx + len(tokens[end - 1].text))
        for name, start, end in analysis.matches
    )


def _word(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.3:
        return "".join(rng.choice(UPPER) for _ in range(rng.randint(1, 6)))
    if kind < 0.45:
        return rng.choice(UPPER) + "".join(
            rng.choice(LOWER + UPPER) for _ in range(rng.randint(1, 5))
        )
    if kind < 0.55:
        return str(rng.randint(1, 2030))
    if kind < 0.85:
        return "".join(rng.choice(LOWER) for _ in range(rng.randint(1, 8)))
    return rng.choice(UPPER) + "".join(rng.choice(LOWER) for _ in range(rng.randint(1, 8)))


def _text(rng: random.Random) -> str:
    out = ""
    for _ in range(rng.randint(1, 8)):
        word = _word(rng)
        if rng.random() < 0.2:
            word = rng.choice('„"«(') + word
        if rng.random() < 0.3:
            word += rng.choice(
                [".", ",", ";", ":", ")", "”", "»", "“", "!", "?", ").", ".”", "..."]
            )
        out += word + rng.choice(
            [" ", " ", " ", "  ", "\n", " – ", "-", "–", "/", " -", " —\n", "\t", ". ", ", "]
        )
    return out


def _assert_same(texts: list[str], reference) -> None:
    ours = analyse(texts)
    theirs = analyse_with_spacy(texts, reference)
    different = [
        (text, _spans(a), _spans(b))
        for text, a, b in zip(texts, ours, theirs, strict=True)
        if _spans(a) != _spans(b)
    ]
    assert different == []


def test_same_matches_as_spacy_on_the_2012_draft_and_the_clean_texts(reference):
    texts = DRAFT_2012["txt"].read_text(encoding="utf-8").splitlines()
    for path in sorted((ROOT / "tests" / "data" / "clean").glob("*.txt")):
        texts += path.read_text(encoding="utf-8").splitlines()
    assert len(texts) > 1000
    _assert_same(texts, reference)


def test_same_matches_as_spacy_on_generated_texts(reference):
    rng = random.Random(20261206)  # fixed: the same texts every run
    _assert_same([_text(rng) for _ in range(3000)], reference)


def test_same_tokens_as_spacy_around_abbreviations(reference):
    texts = ["МКБТХ – Варна и НПО-то", "СОФИЯ ФОРУМ на МВнР.", "НСлС. и ДАНС.", "A  B\nC \tD"]
    ours = [[(t.text, t.idx, t.whitespace_) for t in a] for a in analyse(texts)]
    theirs = [
        [(t.text, t.idx, t.whitespace_) for t in a] for a in analyse_with_spacy(texts, reference)
    ]
    assert ours == theirs


def test_same_matches_as_spacy_beyond_the_narrow_alphabet(reference):
    """Chunks holding CJK, Arabic, Devanagari or emoji go through the full patterns."""
    rng = random.Random(6)
    odd = "漢字中文한국어عربيةहिन्दी😀👍🏽✔️"
    texts = [
        "МКБТХ и 漢字-ДАЗД.",
        "НПО-то (عربية) и АСП;",
        "Среща в Токио 東京, ДАНС–Варна!",
        "😀ДАЗД😀 и МВР👍",
    ]
    for _ in range(500):
        words = _text(rng).split(" ")
        texts.append(" ".join(w + rng.choice(odd) if rng.random() < 0.3 else w for w in words))
    _assert_same(texts, reference)


_COMMON = "абвгдежзийклмнопрстуфхцчшщъьюяАБВГДЕЖЗИКabcXYZ0123456789.,;:-–—()[]\"'„“”«»!?/&%$€§+=*"
_NARROW_CHARS = st.one_of(
    st.sampled_from(_COMMON),
    *(st.characters(min_codepoint=low, max_codepoint=high) for low, high in NARROW_ALPHABET),
)


@settings(max_examples=400, deadline=None)
@given(st.text(_NARROW_CHARS, min_size=1, max_size=12))
def test_narrow_patterns_find_what_the_full_ones_find(text):
    """On text in the narrow alphabet, the cut classes match exactly as spaCy's full ones."""
    rules = json.loads(RULES_PATH.read_text(encoding="utf-8"))
    for key in NARROW_KEYS:
        full, narrow = _compiled(rules[key]), _compiled(rules["narrow"][key])
        assert [m.span() for m in narrow.finditer(text)] == [m.span() for m in full.finditer(text)]


_PATTERNS: dict[str, re.Pattern] = {}


def _compiled(pattern: str) -> re.Pattern:
    if pattern not in _PATTERNS:
        _PATTERNS[pattern] = re.compile(pattern)
    return _PATTERNS[pattern]


def test_the_rules_file_is_what_spacy_has():
    """pipeline/data/spacy_bg_tokenizer.json is derived: `python -m natprog.abbreviations.spacy_rules`."""
    stored = json.loads(RULES_PATH.read_text(encoding="utf-8"))
    current = dump_rules()
    current.pop("spacy_version")
    assert stored == current


def test_extract_does_not_import_spacy(tmp_path):
    code = (
        "import sys\nfrom natprog.cli import main\n"
        f"code = main(['extract', {str(DRAFT_2012['txt'])!r}, '-o', {str(tmp_path)!r}])\n"
        "print('spacy' in sys.modules, code)"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert completed.stdout.split() == ["False", "0"]
