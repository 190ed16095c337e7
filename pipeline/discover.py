"""Finding the drafts in a folder without stepping outside it.

Symbolic links are not followed unless asked for, and a link that resolves outside the folder
is refused even then, so a batch never reads what its folder does not hold.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError
from .ingest import SUPPORTED_SUFFIXES


@dataclass(frozen=True, slots=True)
class Skipped:
    path: Path
    reason: str  # Bulgarian-free, short English reason for logs: "symlink", "outside folder", ...


def discover(
    folder: Path, *, follow_symlinks: bool = False, recursive: bool = True
) -> tuple[list[Path], list[Skipped]]:
    """Supported files under `folder` in a stable order, and what was skipped and why.

    Walks with `os.walk(followlinks=False)`: linked folders are never entered, so a link loop
    cannot hang a batch; linked files are taken only with `follow_symlinks` and only when they
    resolve inside the folder.
    """
    folder = Path(folder)
    if folder.is_file():
        raise UsageError(
            f"{folder} is a file, not a folder: give the folder that holds the drafts, "
            f"or run `natprog extract {folder}` for this one file"
        )
    if not folder.is_dir():
        raise UsageError(
            f"no such folder: {folder}: check the name, or give the folder that holds the drafts "
            "(e.g. `natprog batch inputs -o outputs`)"
        )
    root = folder.resolve()
    found: list[Path] = []
    skipped: list[Skipped] = []
    for current, dirs, files in os.walk(folder, followlinks=False):
        here = Path(current)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for d in list(dirs):
            if (here / d).is_symlink():
                skipped.append(Skipped(here / d, "linked folder not entered"))
                dirs.remove(d)
        if not recursive:
            dirs[:] = []
        for name in sorted(files):
            path = here / name
            if name.startswith((".", "~$")):
                continue  # hidden files, Word's lock files
            if path.is_symlink():
                if not follow_symlinks:
                    skipped.append(Skipped(path, "symlink not followed (use --follow-symlinks)"))
                    continue
                if not path.resolve().is_relative_to(root):
                    skipped.append(Skipped(path, "symlink points outside the folder"))
                    continue
            if not path.is_file():
                continue
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                skipped.append(Skipped(path, f"unsupported file type {path.suffix or '(none)'}"))
                continue
            found.append(path)
    return sorted(found), skipped
