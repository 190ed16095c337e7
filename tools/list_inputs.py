"""Write the listing of the drafts under a folder (path, size, modification time) when it changed.

The Makefile's stand-in for the drafts: make cannot name files with spaces as prerequisites, so
`outputs/summary.json` depends on this one file, rewritten (and dated no earlier than the newest
draft) only when a draft was added, removed or edited. Standard library only: it runs before
the virtualenv exists. Usage: python3 tools/list_inputs.py FOLDER LISTING
"""

from __future__ import annotations

import os
import sys
import time


def listing(folder: str) -> tuple[str, float]:
    """One line per draft (hidden files and Word's `~$` lock files left out, as batch does)."""
    rows, newest = [], 0.0
    for current, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith((".", "~$")):
                continue
            path = os.path.join(current, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue
            rows.append(f"{path}\t{stat.st_size}\t{stat.st_mtime_ns}")
            newest = max(newest, stat.st_mtime)
    return "".join(f"{row}\n" for row in sorted(rows)), newest


def main(folder: str, target: str) -> int:
    text, newest = listing(folder)
    try:
        with open(target, encoding="utf-8") as file:
            if file.read() == text:
                return 0
    except OSError:
        pass
    os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
    with open(target, "w", encoding="utf-8") as file:
        file.write(text)
    stamp = max(time.time(), newest)  # never older than the draft that changed
    os.utime(target, (stamp, stamp))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
