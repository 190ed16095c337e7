"""OCR benchmark: `natprog extract` on a 19-page 300-dpi scan of the 2012 draft, and the choice
between pages in parallel (one single-threaded Tesseract per core) and Tesseract's own threads.

`make bench` runs this after bench.py; it writes benchmarks/results-ocr.md and the README's table
between `<!-- bench-ocr:start -->` and `<!-- bench-ocr:end -->`. Target: ≤ 60 s on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from bench import NATPROG, ROOT, machine, wall  # noqa: E402
from scans import scan  # noqa: E402

START, END = "<!-- bench-ocr:start -->", "<!-- bench-ocr:end -->"
TARGET = 60.0


def run(path: Path, repeat: int, jobs: int | None) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds (the command and its Tesseract children) of `natprog extract`."""
    env_before = os.environ.get("NATPROG_OCR_JOBS")
    if jobs:
        os.environ["NATPROG_OCR_JOBS"] = str(jobs)
    try:
        with tempfile.TemporaryDirectory() as out:
            before = os.times()
            times, _ = wall([str(NATPROG), "extract", str(path), "-o", out], repeat)
            after = os.times()
    finally:
        if env_before is None:
            os.environ.pop("NATPROG_OCR_JOBS", None)
        else:
            os.environ["NATPROG_OCR_JOBS"] = env_before
    children = (after.children_user + after.children_system) - (
        before.children_user + before.children_system
    )
    return times, [children / repeat] * repeat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement")
    parser.add_argument("--no-readme", action="store_true", help="only write results-ocr.md")
    args = parser.parse_args()
    started = time.strftime("%Y-%m-%d %H:%M %Z")
    path = scan(300)
    rows = []
    for name, jobs in (
        ("pages in parallel, one single-threaded Tesseract per core (default)", None),
        ("one page at a time, Tesseract's own threads (`NATPROG_OCR_JOBS=1`)", 1),
    ):
        times, cpu = run(path, args.repeat, jobs)
        rows.append((name, times, cpu))
    lines = [
        f"Produced by `make bench` (`.venv/bin/python benchmarks/bench_ocr.py --repeat "
        f"{args.repeat}`) on {started}.",
        f"Machine: {machine()}.",
        "`natprog extract` (all outputs, wall incl. start-up) on the 19-page scan of the 2012 "
        "draft at 300 dpi that `tests/scans.py` makes (one page turned 1.2°, one speckled); "
        "CPU is user + system of natprog and its Tesseract processes, per run.",
        "",
        "| measurement | wall, median (runs) | CPU, median | target | met |",
        "|---|---|---|---|---|",
    ]
    for index, (name, times, cpu) in enumerate(rows):
        median = statistics.median(times)
        target, met = (
            ("≤ 60 s", "yes" if median <= TARGET else "**no**") if not index else ("—", "—")
        )
        lines.append(
            f"| {name} | {median:.1f} s ({len(times)}) | {statistics.median(cpu):.1f} s | "
            f"{target} | {met} |"
        )
    text = "\n".join(lines) + "\n"
    (ROOT / "benchmarks" / "results-ocr.md").write_text(
        "# natprog OCR benchmark\n\n" + text, encoding="utf-8"
    )
    if not args.no_readme:
        readme = ROOT / "README.md"
        content = readme.read_text(encoding="utf-8")
        if START in content and END in content:
            head, rest = content.split(START, 1)
            _, tail = rest.split(END, 1)
            readme.write_text(f"{head}{START}\n{text}{END}{tail}", encoding="utf-8")
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
