"""Proofreading quality on our dev set: false alarms on clean text, recall on planted errors.

`python tests/spelling_bench.py` prints the figures quoted in the README: false alarms per 1,000
words on clean administrative prose (tests/data/clean/) and on newspaper-style text
(build/devset/*.txt, rebuilt by tests/devset.py when BTB is at hand), recall per planted error
class and the suggestions' top-1/top-3; tests/test_spelling_quality.py asserts the bar.
`--final` adds the held-out sets of build/final/ (measured once, after tuning: see devset.py).
"""

from __future__ import annotations

import random
import re
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


# -- every class of error, planted by a seeded script into clean text --------------------------

DEVSET = Path(__file__).resolve().parent.parent / "build" / "devset"
FINAL = Path(__file__).resolve().parent.parent / "build" / "final"  # held out: see devset.py
PROOFREADING = ("spelling.", "grammar.", "text.year_abbreviation", "text.hyphen_space")
_PREPOSITION_BEFORE = re.compile(
    r"(?<![\w-])(на|за|от|до|по|при|към|със|с|в|във|без|чрез|след|пред|през|срещу|между)"
    r" ([а-я]{3,}(?:а|я))(?![\w-])"
)
_COMPARED = re.compile(r"(?<![\w-])(по|най|По|Най)-([а-я]{3,})")
_YEAR = re.compile(r"((?:19|20)\d\d) (г\.)")
_HYPHENATED = re.compile(r"(?<![\w-])([а-яА-Я]{3,})-([а-я]{3,})(?![\w-])")
_SENTENCE = re.compile(r"(?<=[.!?] )([А-Я][а-я]+)")
_RUN_INTO = re.compile(r"(?<![\w-])(от|на|за|по|до|не) ([а-я]{4,})(?![\w-])")
_SPLIT_ADVERBS = (
    "впоследствие",
    "отчасти",
    "дотам",
    "досега",
    "оттогава",
    "отново",
    "напълно",
    "наистина",
    "навсякъде",
    "напоследък",
    "занапред",
    "засега",
    "вкъщи",
    "оттук",
)
_ORDINALS = ("двадесет първото", "тридесет второто", "четиридесет седмото", "петдесет третия",
             "шестдесет пети", "деветдесет осма")  # fmt: skip
CLASSES = ("nonword", "softsign", "capitalised", "run-together", "article", "comparative",
           "split_adverb", "year", "hyphen_space", "ordinal")  # fmt: skip
_CLASS_CODES = {
    "article": ("grammar.article",),
    "comparative": ("spelling.comparative_hyphen", "spelling.unknown_word"),
    "split_adverb": ("spelling.split_adverb",),
    "year": ("text.year_abbreviation",),
    "hyphen_space": ("text.hyphen_space",),
    "ordinal": ("spelling.ordinal_compound",),
}


def words_in(text: str) -> int:
    return len(re.findall(r"[^\W\d_]+", text))


def false_alarms(texts: dict[str, str]) -> tuple[int, Counter]:
    """Words, and the findings of the proofreading checks by code (every one a false alarm)."""
    words = 0
    codes: Counter = Counter()
    for name, text in texts.items():
        findings, _ = findings_for(text, name)
        words += words_in(text)
        codes.update(f.code for f in findings if f.code.startswith(PROOFREADING))
    return words, codes


def devset_texts(folder: Path = DEVSET) -> dict[str, str]:
    return {p.name: p.read_text("utf-8") for p in sorted(folder.glob("*.txt"))}


def _plant_class(kind: str, text: str, rng: random.Random) -> tuple[str, int, int, str] | None:
    """One error of `kind` in `text`: (new text, start, end of the error, the right form)."""
    dictionary = get_dictionary()
    if kind == "article":
        from natprog.checks.articles import short_article
        from natprog.spelling.morphology import Morphology

        morphology = Morphology(dictionary)
        spots = []
        for m in _PREPOSITION_BEFORE.finditer(text):
            short = m.group(2)
            full = short[:-1] + ("ят" if short.endswith("я") and short[-2] not in "и" else "ът")
            if short.endswith("ия"):
                full = short + "т"
            if short_article(full, morphology) == short:
                spots.append((m.start(2), m.end(2), full, short))
        if not spots:
            return None
        start, end, full, short = rng.choice(spots)
        return text[:start] + full + text[end:], start - 4, start + len(full), short
    if kind == "comparative":
        spots = list(_COMPARED.finditer(text))
        if not spots:
            return None
        m = rng.choice(spots)
        return text[: m.start()] + m.group(1) + " " + m.group(2) + text[m.end() :], m.start(), \
            m.end(), m.group(0)  # fmt: skip
    if kind == "year":
        spots = list(_YEAR.finditer(text))
        if not spots:
            return None
        m = rng.choice(spots)
        glued = m.group(1) + m.group(2)
        return text[: m.start()] + glued + text[m.end() :], m.start(), m.start() + len(glued), \
            m.group(0)  # fmt: skip
    if kind == "hyphen_space":
        spots = [m for m in _HYPHENATED.finditer(text) if dictionary.known(m.group(2))]
        if not spots:
            return None
        m = rng.choice(spots)
        spaced = m.group(1) + rng.choice(("- ", " -")) + m.group(2)
        return text[: m.start()] + spaced + text[m.end() :], m.start(), \
            m.start() + len(spaced), m.group(0)  # fmt: skip
    if kind in ("split_adverb", "ordinal"):
        spots = list(_SENTENCE.finditer(text))
        if not spots:
            return None
        m = rng.choice(spots)
        if kind == "split_adverb":
            word = rng.choice(_SPLIT_ADVERBS)
            from natprog.checks.joined_words import split_adverbs

            written = next(
                p.pattern for p, right, _ in split_adverbs() if right == word
            )  # the split form the list knows
            written = re.sub(r"\(\?[^)]*\)|\[[^]]*\]\+", " ", written).split()
            phrase = " ".join(written)
            insert = phrase[:1].upper() + phrase[1:] + ", "
            right = word[:1].upper() + word[1:]
        else:
            phrase = rng.choice(_ORDINALS)
            insert = phrase[:1].upper() + phrase[1:] + " "
            tens, unit = phrase.split()
            right = insert[:1] + f"{tens} и {unit}"[1:]
        at = m.start()
        return text[:at] + insert + text[at:], at, at + len(insert.rstrip(", ")), right
    return None


def _plant_nonword(kind: str, text: str, rng: random.Random):
    dictionary = get_dictionary()
    if kind == "run-together":
        spots = [
            m for m in _RUN_INTO.finditer(text) if not dictionary.known(m.group(1) + m.group(2))
        ]
        if not spots:
            return None
        m = rng.choice(spots)
        joined = m.group(1) + m.group(2)
        return text[: m.start()] + joined + text[m.end() :], m.start(), m.start() + len(joined), \
            m.group(0)  # fmt: skip
    pattern = r"(?<=[а-я,] )[А-Я][а-я]{4,}" if kind == "capitalised" else r"(?<![\w-])[а-я]{4,}"
    spots = [m for m in re.finditer(pattern, text) if dictionary.known(m.group(0))]
    if kind == "softsign":
        spots = [m for m in spots if "ъ" in m.group(0)]
    rng.shuffle(spots)
    for m in spots[:20]:
        word = m.group(0)
        if kind == "softsign":
            i = rng.choice([i for i, ch in enumerate(word) if ch == "ъ"])
            typo = word[:i] + "ь" + word[i + 1 :]
        else:
            typo = plant(word, rng.choice(KINDS[:4]), rng)
        if typo != word and not dictionary.known(typo):
            return (
                text[: m.start()] + typo + text[m.end() :],
                m.start(),
                m.start() + len(typo),
                word,
            )
    return None


@dataclass
class ClassRecall:
    planted: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)
    top1: int = 0
    top3: int = 0
    nonword: int = 0
    missed: list = field(default_factory=list)


def measure_classes(seed: int = SEED, per_class: int = 60) -> ClassRecall:
    """Plant one error at a time into a clean paragraph and check that paragraph alone."""
    rng = random.Random(seed)
    paragraphs = [
        p for text in clean_texts().values() for p in text.split("\n") if words_in(p) >= 25
    ]
    result = ClassRecall()
    for kind in CLASSES:
        tries = 0
        while result.planted[kind] < per_class and tries < per_class * 20:
            tries += 1
            paragraph = rng.choice(paragraphs)
            if kind in ("nonword", "softsign", "capitalised", "run-together"):
                planted = _plant_nonword(kind, paragraph, rng)
                codes = ("spelling.unknown_word", "spelling.name_variant")
            else:
                planted = _plant_class(kind, paragraph, rng)
                codes = _CLASS_CODES[kind]
            if planted is None:
                continue
            text, start, end, right = planted
            findings, _ = findings_for(text)
            result.planted[kind] += 1
            hits = [
                f
                for f in findings
                if f.code in codes
                and f.context_offset + f.start < end
                and start < f.context_offset + f.end
            ]
            if not hits:
                result.missed.append((kind, text[start:end]))
                continue
            result.found[kind] += 1
            if codes[0] == "spelling.unknown_word":
                result.nonword += 1
                offered = [s.lower() for f in hits for s in (f.suggestions or (f.suggestion,))]
                result.top1 += offered[:1] == [right.lower()]
                result.top3 += right.lower() in offered[:3]
    return result


_FOREIGN_PAIR = re.compile(r"[а-я,] ([А-Я][а-я]+) ([а-я]{4,})\b")


def measure_after_names(seed: int = SEED, count: int = 300) -> tuple[int, int]:
    """Non-word slips planted in the word after a foreign name of the tuning news (`Меркел
    бешм`), each checked in a sentence of its own: (found, planted). A lower-case word there
    may be the second word of a transliterated name, so this is where hiding slips is likeliest.
    """
    dictionary = get_dictionary()
    rng = random.Random(seed)
    text = "\n".join(t for n, t in devset_texts().items() if n.startswith("tune"))
    pairs = sorted(
        {
            (name, word)
            for name, word in _FOREIGN_PAIR.findall(text)
            if not dictionary.spell(name)
            and not dictionary.spell(name.lower())
            and dictionary.spell(word)
        }
    )
    rng.shuffle(pairs)
    found = planted = 0
    for name, word in pairs[:count]:
        slip = plant(word, rng.choice(("drop", "double", "swap", "neighbour")), rng)
        if slip == word or dictionary.spell(slip):
            continue
        planted += 1
        findings, _ = findings_for(f"Вчера {name} {slip} отново.")
        found += any(f.text == slip for f in findings)
    return found, planted


def report(final: bool = False) -> str:
    lines = []
    corpora = [("administrative, tests/data/clean", clean_texts())]
    corpora += [(f"newspaper, build/devset/{n}", {n: t}) for n, t in devset_texts().items()]
    if final:  # the held-out sets, measured once after tuning (tests/devset.py)
        corpora += [(f"held out, build/final/{n}", {n: t}) for n, t in devset_texts(FINAL).items()]
    if len(corpora) == 1:
        lines.append("newspaper: none (build it with tests/devset.py)")
    for label, texts in corpora:
        words, codes = false_alarms(texts)
        total = sum(codes.values())
        agreement = codes["grammar.agreement"]
        lines.append(
            f"{label}: {words} words, {total} false alarms = {1000 * total / words:.2f} per "
            f"1,000 words (agreement {1000 * agreement / words:.2f}); by code {dict(codes)}"
        )
    classes = measure_classes()
    for kind in CLASSES:
        planted, found = classes.planted[kind], classes.found[kind]
        lines.append(f"recall {kind}: {found}/{planted} = {found / max(planted, 1):.1%}")
    n = max(classes.nonword, 1)
    lines.append(
        f"non-word typos found: right word first {classes.top1 / n:.1%}, among the first "
        f"three {classes.top3 / n:.1%} (of {classes.nonword})"
    )
    if classes.missed:
        lines.append(f"missed: {classes.missed}")
    found, planted = measure_after_names()
    if planted:
        lines.append(
            f"recall, slips in the word after a foreign name: {found}/{planted} = "
            f"{found / planted:.1%}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(final="--final" in sys.argv[1:]))
    measured = measure()
    print(measured.summary())
    if measured.false_alarms:
        print("false alarms:", measured.false_alarms)
    if measured.missed:
        print("missed:", measured.missed)
