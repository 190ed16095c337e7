"""Compare two drafts of the programme: two versions of one year, or this year's and last year's.

`compare` matches the activities and lists what changed; `diff` also writes diff.json, diff.xlsx
and diff.html. Each side is a draft file or the JSON `natprog extract` wrote for it.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from ..options import Options
from .match import DEFAULT_THRESHOLD
from .model import Draft
from .result import DiffResult, Unmatched

__all__ = ["DEFAULT_THRESHOLD", "DiffResult", "Draft", "compare", "diff"]


def compare(
    old: Draft,
    new: Draft,
    options: Options | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> DiffResult:
    """Match the activities of two drafts, list their changes and report the findings."""
    from .compare import activity_changes, glossary_changes
    from .findings import run_diff_checks
    from .match import match_activities
    from .result import Match

    if not 0 <= threshold <= 100:
        raise UsageError(f"the threshold is a similarity from 0 to 100, got {threshold}")
    options = options or Options()
    matching = match_activities(old.activities, new.activities, threshold)
    matches = tuple(
        Match(
            old=old.activities[pair.old],
            new=new.activities[pair.new],
            score=pair.score,
            method=pair.method,
            changes=activity_changes(old.activities[pair.old], new.activities[pair.new]),
        )
        for pair in matching.pairs
    )
    added = _unmatched(matching.unmatched_new, new, old, matching.nearest_old)
    dropped = _unmatched(matching.unmatched_old, old, new, matching.nearest_new)
    return DiffResult(
        old=old,
        new=new,
        threshold=threshold,
        matches=matches,
        added=tuple(added),
        dropped=tuple(dropped),
        glossary=glossary_changes(old.glossary, new.glossary),
        findings=run_diff_checks(old, new, matches, options),
    )


def diff(
    old: Path | str,
    new: Path | str,
    outdir: Path | str,
    options: Options | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> tuple[DiffResult, list[Path]]:
    """Load both drafts (files or extraction JSON), compare them and write the outputs."""
    from .emit import write_outputs
    from .load import load_draft

    options = options or Options()
    result = compare(load_draft(old, options), load_draft(new, options), options, threshold)
    return result, write_outputs(result, Path(outdir))


def _unmatched(indices, own: Draft, other: Draft, nearest_in_other) -> list[Unmatched]:
    """Activities of `own` with no partner, each with its nearest look-alike in `other`."""
    out = []
    for index in indices:
        nearest = nearest_in_other(index)
        out.append(
            Unmatched(
                own.activities[index],
                other.activities[nearest[0]] if nearest else None,
                nearest[1] if nearest else None,
            )
        )
    return out
