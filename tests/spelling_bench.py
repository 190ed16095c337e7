"""Spelling quality on our own test set: false alarms on clean text, recall on planted typos.

`python tests/spelling_bench.py` prints the figures quoted in the README;
tests/test_spelling_quality.py asserts the quality bar on the same measurement.
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from natprog.checks import run_checks  # noqa: E402
from natprog.ingest.text import read_text  # noqa: E402
from natprog.models import Finding  # noqa: E402
from natprog.options import Options  # noqa: E402
from natprog.spelling import get_dictionary  # noqa: E402
from natprog.spelling.edits import neighbours  # noqa: E402
from natprog.spelling.tokens import tokens  # noqa: E402

CLEAN = Path(__file__).resolve().parent / "data" / "clean"
SEED = 4
KINDS = ("drop", "double", "swap", "neighbour", "latin")
SHARE = 0.08  # of the eligible words in a text that get a typo
_LATIN = {"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x",
          "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
          "С": "C", "Т": "T", "Х": "X"}  # fmt: skip
_CODES = ("spelling.unknown_word", "script.mixed")


def clean_texts() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(CLEAN.glob("*.txt"))}


def findings_for(text: str, name: str = "test.txt") -> tuple[list[Finding], list]:
    """Text-level findings for `text`, and the document's blocks (read as a .txt file)."""
    options = Options(text_only=True)
    document = read_text(text.encode("utf-8"), name, options)
    for index, block in enumerate(document.blocks):  # as ingest() numbers them
        block.seq = index
    return run_checks(document, None, options), document.blocks


def plant(word: str, kind: str, rng: random.Random) -> str:
    """One typo of `kind` in `word` (never at the first letter: names keep their capital)."""
    i = rng.randrange(1, len(word))
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    if kind == "swap":
        i = min(i, len(word) - 2)
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "neighbour":
        near = sorted(neighbours().get(word[i].lower(), ()))
        if not near:
            return word
        typed = rng.choice(near)
        return word[:i] + (typed.upper() if word[i].isupper() else typed) + word[i + 1 :]
    spots = [j for j, ch in enumerate(word) if ch in _LATIN and j > 0]
    if not spots:
        return word
    j = rng.choice(spots)
    return word[:j] + _LATIN[word[j]] + word[j + 1 :]


@dataclass
class Measurement:
    words: int = 0
    false_alarms: list[tuple[str, str]] = field(default_factory=list)  # (file, word)
    planted: int = 0
    detected: int = 0
    top1: int = 0
    top3: int = 0
    redrawn: int = 0  # typos that made another real word, drawn again
    missed: list[tuple[str, str]] = field(default_factory=list)  # (typo, original)
    by_kind: Counter = field(default_factory=Counter)
    detected_by_kind: Counter = field(default_factory=Counter)

    @property
    def recall(self) -> float:
        return self.detected / self.planted if self.planted else 0.0

    @property
    def false_alarms_per_2000(self) -> float:
        return 2000 * len(self.false_alarms) / self.words if self.words else 0.0

    def summary(self) -> str:
        kinds = ", ".join(
            f"{kind} {self.detected_by_kind[kind]}/{self.by_kind[kind]}" for kind in KINDS
        )
        return (
            f"clean text: {self.words} words, {len(self.false_alarms)} false alarms "
            f"({self.false_alarms_per_2000:.2f} per 2,000 words)\n"
            f"planted typos: {self.planted} ({kinds}); detected {self.detected} "
            f"(recall {self.recall:.1%}); right word first {self.top1} "
            f"({self.top1 / max(self.planted, 1):.1%}), among the first three {self.top3} "
            f"({self.top3 / max(self.planted, 1):.1%}); {self.redrawn} draws made a real word "
            f"and were drawn again"
        )


def measure(seed: int = SEED, share: float = SHARE) -> Measurement:
    rng = random.Random(seed)
    dictionary = get_dictionary()
    result = Measurement()
    for name, text in clean_texts().items():
        findings, blocks = findings_for(text, name)
        words = [t for block in blocks for t in tokens(block.text)]
        result.words += len(words)
        result.false_alarms += [(name, f.text) for f in findings if f.code in _CODES]
        _plant_and_check(name, text, blocks, rng, dictionary, result, share)
    return result


def _plant_and_check(name, text, blocks, rng, dictionary, result, share) -> None:
    """Plant typos into `text` (same offsets as the clean run), check it, score each typo."""
    eligible = []
    for block in blocks:
        base = block_start(text, block)
        for token in tokens(block.text):
            if token.skip is None and len(token.text) >= 4 and dictionary.known(token.text):
                eligible.append((base + token.start, token.text))
    chosen = sorted(rng.sample(eligible, max(1, int(len(eligible) * share))))
    planted: list[tuple[int, int, str, str, str]] = []  # (start, end, typo, original, kind)
    shift = 0
    out = text
    for start, original in chosen:
        kind = rng.choice(KINDS)
        typo = plant(original, kind, rng)
        tries = 0
        while (typo == original or dictionary.known(typo)) and tries < 20:
            if typo != original:
                result.redrawn += 1
            kind = rng.choice(KINDS)
            typo = plant(original, kind, rng)
            tries += 1
        if typo == original or dictionary.known(typo):
            continue
        at = start + shift
        assert out[at : at + len(original)] == original
        out = out[:at] + typo + out[at + len(original) :]
        planted.append((at, at + len(typo), typo, original, kind))
        shift += len(typo) - len(original)
    findings, typo_blocks = findings_for(out, name)
    spans = []
    for f in findings:
        if f.code not in _CODES or f.location.line is None:
            continue
        block = next(b for b in typo_blocks if b.seq == f.location.block)
        begin = block_start(out, block) + f.context_offset
        spans.append((begin + f.start, begin + f.end, f))
    for start, end, typo, original, kind in planted:
        result.planted += 1
        result.by_kind[kind] += 1
        hits = [f for a, b, f in spans if a < end and start < b]
        if not hits:
            result.missed.append((typo, original))
            continue
        result.detected += 1
        result.detected_by_kind[kind] += 1
        offered = [s.lower() for f in hits for s in (f.suggestions or (f.suggestion,)) if s]
        if offered[:1] == [original.lower()]:
            result.top1 += 1
        if original.lower() in offered[:3]:
            result.top3 += 1


def block_start(text: str, block) -> int:
    """Where a block of a .txt document starts in the text (its line, leading blanks skipped)."""
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[: block.prov.line - 1])
    return start + lines[block.prov.line - 1].index(block.text) - block.offset


if __name__ == "__main__":
    measured = measure()
    print(measured.summary())
    if measured.false_alarms:
        print("false alarms:", measured.false_alarms)
    if measured.missed:
        print("missed:", measured.missed)
