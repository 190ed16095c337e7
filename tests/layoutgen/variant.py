"""One layout, drawn from a seed: every choice a drafter makes, and a short description of it.

The same seed gives the same variant for the same generator; `describe()` names only the choices,
so a failing variant can be rebuilt with `Variant.from_seed(seed)` and read at a glance.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, fields

from natprog.models import FIELD_KEYS

from .content import load_content

# Label synonyms a ministry writes (the reader's LABELS plus the forms drafts use).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "responsible": ("Отговорна институция", "Отговорни институции"),
    "partners": ("Партньори", "Експертна помощ"),
    "financing": ("Финансиране",),
    "deadline": ("Срок", "Срок за изпълнение"),
    "expected_results": ("Очаквани резултати", "Очакван резултат"),
    "indicators": ("Индикатори за изпълнение", "Индикатори"),
}
HEADINGS = {
    "label-table": (
        "Дейност {n}",
        "Дейност {n}.",
        "ДЕЙНОСТ {n}:",
        "Дейност № {n}",
        "{n}.",
        "{s}.{n}",
        "{s}.{n}.",
        "auto",
        "span",
    ),
    "paragraphs": (
        "Дейност {n}",
        "Дейност {n}.",
        "ДЕЙНОСТ {n}:",
        "Дейност {n}. {title}",
        "Дейност {n} – {title}",
        "{n}.",
        "{s}.{n}",
        "{s}.{n}. {title}",
        "auto",
    ),
    "wide": ("{n}", "{n}.", "{s}.{n}", "Дейност {n}", "none"),
}
FONTS = (
    "Times New Roman",
    "Liberation Serif",
    "Arial",
    "Liberation Sans",
    "DejaVu Sans",
    "DejaVu Serif",
    "Liberation Sans Narrow",
)


@dataclass(frozen=True)
class Variant:
    seed: int
    layout: str  # label-table | wide | paragraphs
    picks: tuple[tuple[int, tuple[int, ...]], ...]  # (section index, activity indexes)
    heading: str
    labels: tuple[tuple[str, str], ...]  # key -> label used
    draft_labels: bool  # keep the draft's own label where it differs (`Експертна помощ`)
    upper_labels: bool
    colon: bool
    bold_labels: bool
    inline_values: bool  # paragraphs: `Срок: Декември 2012` on one line
    in_cell_labels: bool  # wide: some cells start with their own label
    landscape: bool
    label_share: float  # label column of a label table, share of the width
    wide_shares: tuple[int, ...]
    justify: bool
    hyphenate: bool  # soft hyphens in long words (Word's optional hyphens)
    merges: bool  # vertical merges of equal consecutive cells (wide)
    borders: bool
    repeat_header: bool
    cant_split: bool
    empty_rate: float
    breaks: str  # none | br | paragraphs: values cut by soft breaks or paragraphs
    font: str
    size: float
    table_size: float

    @classmethod
    def from_seed(cls, seed: int) -> Variant:
        rng = random.Random(seed)
        content = load_content()
        layout = rng.choice(("label-table", "wide", "paragraphs"))
        picks = []
        for section in sorted(rng.sample(range(len(content)), rng.choice((1, 1, 2)))):
            count = len(content[section].activities)
            size = min(count, rng.randint(2, 6))
            start = rng.randint(0, count - size)
            picks.append((section, tuple(range(start, start + size))))
        landscape = rng.random() < (0.6 if layout == "wide" else 0.2)
        shares = [4, 17, 12, 13, 12, 9, 17, 16]
        if rng.random() < 0.5:  # uneven columns, none under about 1.3 cm on a portrait page
            shares = [max(4 if i == 0 else 8, s + rng.randint(-4, 4)) for i, s in enumerate(shares)]
        colon = rng.random() < 0.5
        return cls(
            seed=seed,
            layout=layout,
            picks=tuple(picks),
            heading=rng.choice(HEADINGS[layout]),
            labels=tuple((key, rng.choice(SYNONYMS[key])) for key in FIELD_KEYS),
            draft_labels=rng.random() < 0.5,
            upper_labels=rng.random() < 0.2,
            colon=colon,
            bold_labels=rng.random() < 0.7,
            inline_values=layout == "paragraphs" and colon and rng.random() < 0.5,
            in_cell_labels=layout == "wide" and rng.random() < 0.6,
            landscape=landscape,
            label_share=rng.choice((0.2, 0.25, 0.3, 0.4)),
            wide_shares=tuple(shares),
            justify=rng.random() < 0.5,
            hyphenate=rng.random() < 0.5,
            merges=rng.random() < 0.5,
            borders=layout == "wide" or rng.random() < 0.8,
            repeat_header=rng.random() < 0.6,
            cant_split=rng.random() < 0.3,
            empty_rate=rng.choice((0.0, 0.0, 0.1)),
            breaks=rng.choice(("none", "br", "paragraphs")),
            font=rng.choice(FONTS),
            size=rng.choice((10, 11, 12, 13)),
            table_size=rng.choice((8, 9, 10, 11)),
        )

    def label(self, key: str, drafted: str | None = None) -> str:
        """The label this variant writes for `key` (the draft's own when it keeps those)."""
        label = dict(self.labels)[key]
        if self.draft_labels and drafted:
            label = drafted
        return label.upper() if self.upper_labels else label

    def describe(self) -> str:
        """The seed and the choices, for a failure message."""
        skip = {"seed", "wide_shares", "labels"} | (
            set() if self.layout == "wide" else {"in_cell_labels", "merges", "table_size"}
        )
        parts = [f"seed={self.seed}"]
        for item in fields(self):
            if item.name not in skip:
                parts.append(f"{item.name}={getattr(self, item.name)!r}")
        parts.append("labels=" + ",".join(label for _, label in self.labels))
        if self.layout == "wide":
            parts.append(f"wide_shares={self.wide_shares}")
        return " ".join(parts)
