"""Match activities across two drafts, even when renumbered, moved between sections or reworded.

Each pair gets a similarity score (0–100) that weighs the title most, then the expected results,
the indicators and the institutions; pairs are then taken best-first above a threshold.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .model import DraftActivity

# How much each field counts in the score. Financing and deadline are left out on purpose: they
# are boilerplate ("От бюджета на НКБТХ") or change every year, so they say little about identity.
WEIGHTS: dict[str, float] = {
    "title": 0.5,
    "expected_results": 0.2,
    "indicators": 0.15,
    "responsible": 0.1,
    "partners": 0.05,
}
# Below this score two activities are not the same one. On the 2012 draft 99% of pairs of
# different activities score under 67 while an activity against a reworded copy of itself (other
# fields kept) stays above 80; see the README (`natprog diff`) and tests/test_diff_match.py.
DEFAULT_THRESHOLD = 65.0

Method = Literal["exact", "title", "similar"]


@dataclass(frozen=True, slots=True)
class Pairing:
    old: int  # index into the old draft's activities
    new: int  # index into the new draft's activities
    score: float
    method: Method  # "exact": same id and title; "title": same title; "similar": by score


@dataclass(frozen=True, slots=True)
class Matching:
    pairs: tuple[Pairing, ...]  # in the new draft's order
    unmatched_old: tuple[int, ...]
    unmatched_new: tuple[int, ...]
    scores: tuple[tuple[float, ...], ...]  # scores[old][new]

    def nearest_new(self, old: int) -> tuple[int, float] | None:
        """The new activity most like old activity `old`, matched or not (for dropped ones)."""
        row = self.scores[old]
        if not row:
            return None
        best = max(range(len(row)), key=lambda j: (row[j], -j))
        return best, row[best]

    def nearest_old(self, new: int) -> tuple[int, float] | None:
        """The old activity most like new activity `new` (for added ones)."""
        if not self.scores:
            return None
        best = max(range(len(self.scores)), key=lambda i: (self.scores[i][new], -i))
        return best, self.scores[best][new]


def normalized(text: str | None) -> str:
    """Whitespace tidied: what counts as the same text when deciding whether a field changed."""
    return " ".join((text or "").split())


def _title_key(text: str) -> str:
    return normalized(text).casefold().rstrip(" .;:")


def similarity_matrix(
    old: tuple[DraftActivity, ...] | list[DraftActivity],
    new: tuple[DraftActivity, ...] | list[DraftActivity],
) -> list[list[float]]:
    """scores[i][j]: how alike old activity i and new activity j are, 0–100.

    Per field, the mean of rapidfuzz's token-set ratio (kind to added or removed words) and
    token-sort ratio (which penalises them), so a reworded title keeps a high score without a
    short title scoring 100 against every longer one that contains it. A field empty on both
    sides does not count; empty on one side scores 0.
    """
    from rapidfuzz import fuzz, process, utils

    if not old or not new:
        return [[0.0] * len(new) for _ in old]
    total = [[0.0] * len(new) for _ in old]
    weight = [[0.0] * len(new) for _ in old]
    for key, share in WEIGHTS.items():
        left = [normalized(activity.text(key)) for activity in old]
        right = [normalized(activity.text(key)) for activity in new]
        kwargs = {"processor": utils.default_process, "workers": 1}
        loose = process.cdist(left, right, scorer=fuzz.token_set_ratio, **kwargs).tolist()
        strict = process.cdist(left, right, scorer=fuzz.token_sort_ratio, **kwargs).tolist()
        for i, a in enumerate(left):
            for j, b in enumerate(right):
                if not a and not b:
                    continue
                weight[i][j] += share
                if a and b:
                    total[i][j] += share * (loose[i][j] + strict[i][j]) / 2
    return [
        [total[i][j] / weight[i][j] if weight[i][j] else 0.0 for j in range(len(new))]
        for i in range(len(old))
    ]


def match_activities(
    old: tuple[DraftActivity, ...] | list[DraftActivity],
    new: tuple[DraftActivity, ...] | list[DraftActivity],
    threshold: float = DEFAULT_THRESHOLD,
) -> Matching:
    """Pair old and new activities one to one.

    1. same id and same title (the common case: nothing moved);
    2. the same title found once on each side (renumbered or moved, wording kept);
    3. the rest best-first: all pairs scoring at least `threshold`, highest score first (ties:
       same id, then nearest position), each activity taken once. What this step pairs is
       stable: no two of its activities would both score higher with each other than with the
       partners they got.
    """
    scores = similarity_matrix(old, new)
    free_old = set(range(len(old)))
    free_new = set(range(len(new)))
    pairs: list[Pairing] = []

    def take(i: int, j: int, method: Method) -> None:
        pairs.append(Pairing(i, j, scores[i][j], method))
        free_old.discard(i)
        free_new.discard(j)

    new_by_id = {}
    for j, activity in enumerate(new):
        new_by_id.setdefault(activity.id, j)
    for i, activity in enumerate(old):
        j = new_by_id.get(activity.id)
        if j in free_new and _title_key(activity.title) == _title_key(new[j].title):
            take(i, j, "exact")

    old_titles: dict[str, list[int]] = {}
    new_titles: dict[str, list[int]] = {}
    for i in sorted(free_old):
        old_titles.setdefault(_title_key(old[i].title), []).append(i)
    for j in sorted(free_new):
        new_titles.setdefault(_title_key(new[j].title), []).append(j)
    for title, olds in old_titles.items():
        news = new_titles.get(title, [])
        if title and len(olds) == 1 and len(news) == 1:
            take(olds[0], news[0], "title")

    candidates = sorted(
        (
            (-scores[i][j], old[i].id != new[j].id, abs(i - j), i, j)
            for i in free_old
            for j in free_new
            if scores[i][j] >= threshold
        ),
    )
    for _score, _other_id, _distance, i, j in candidates:
        if i in free_old and j in free_new:
            take(i, j, "similar")

    return Matching(
        pairs=tuple(sorted(pairs, key=lambda pair: pair.new)),
        unmatched_old=tuple(sorted(free_old)),
        unmatched_new=tuple(sorted(free_new)),
        scores=tuple(tuple(row) for row in scores),
    )
