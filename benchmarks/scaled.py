"""The 2012 draft at 1×, 5× and 25× its size, for the scale benchmark.

Each section gets `factor` times its activities (renumbered `Дейност 1…N`), typos and all, so
findings grow with the draft as they would in a real larger programme. Rendered as the label
table layout by the fixture builder (tests/fixtures/build_fixtures.py).
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))


def scaled_docx(factor: int, target: Path) -> int:
    """Write the draft `factor` times as large to `target`; return its number of activities."""
    from build_fixtures import build_label_table, read_2012

    content = read_2012()
    for section in content.sections:
        originals = section.activities
        section.activities = []
        for _ in range(factor):
            for activity in originals:
                number = len(section.activities) + 1
                renumbered = copy.deepcopy(activity)
                renumbered.heading = f"Дейност {number}"
                renumbered.number = number
                section.activities.append(renumbered)
    build_label_table(content).save(str(target))
    return sum(len(section.activities) for section in content.sections)
