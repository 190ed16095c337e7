"""Outputs whose draft is gone: found by their cache file, removed with `natprog batch --prune`.

Only what natprog wrote is removed: the files a folder's `.natprog-cache.json` lists, the cache
itself, and the folder when that leaves it empty. Anything else in the folder stays.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .batch_cache import CACHE_NAME, load_cached


@dataclass(frozen=True, slots=True)
class Removed:
    """The outputs of one draft that is no longer in the batch folder."""

    output_dir: str  # relative to the batch output folder, "/" separators
    file: str  # the draft they were made from, relative to the batch folder

    def line(self) -> str:
        return f"{self.output_dir}/: removed ({self.file} is no longer in the folder)"


def prune_outputs(output: Path, current: set[str]) -> list[Removed]:
    """Remove the outputs under `output` of every draft whose folder is not in `current`."""
    removed = []
    for cache in sorted(Path(output).rglob(CACHE_NAME)):
        outdir = cache.parent
        rel = outdir.relative_to(output).as_posix()
        if rel in current:
            continue
        previous = load_cached(outdir, None)  # the summary row of the draft's last good run
        if previous is None or not isinstance(previous.get("file"), str):
            continue  # not a cache this natprog wrote: not ours to judge
        for name in previous["outputs"]:
            target = outdir / str(name)
            if target.parent == outdir and target.is_file():
                target.unlink()
        cache.unlink()
        if not any(outdir.iterdir()):
            outdir.rmdir()
        removed.append(Removed(rel, previous["file"]))
    return removed
