"""PDF reading at scale: `natprog extract` of the 2012 PDF repeated to 1×, 8× and 32× its 19 pages
(608 pages), beside pdfplumber's own `extract_words` of the same file, whole processes both.

`make bench-pdf` runs it (a few minutes) and prints a table: time per page must stay flat
(linear in pages), 600 pages within 15 s, and the ratio to pdfplumber is the speed target of
issue 20. Needs `pdfunite` (poppler-utils).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PDF = ROOT / "inputs" / "np2012-draft.pdf"
PYTHON = ROOT / ".venv" / "bin" / "python"
NATPROG = ROOT / ".venv" / "bin" / "natprog"
PLUMBER = (
    "import sys, pdfplumber\n"
    "with pdfplumber.open(sys.argv[1]) as pdf:\n"
    "    sum(len(page.extract_words()) for page in pdf.pages)\n"
)


def timed(command: list[str], repeat: int) -> float:
    """Median wall seconds of `repeat` runs (exit codes 0 and 6, not a programme, both count)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 6):
            sys.exit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.strip()}")
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (1 for 32×)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--engine", default="auto", help="--pdf-engine for natprog")
    args = parser.parse_args()
    if shutil.which("pdfunite") is None:
        sys.exit("pdfunite is missing: apt-get install poppler-utils")
    print(f"load average at start: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"| copies | pages | natprog extract ({args.engine}) | per page | pdfplumber extract_words"
          " | ratio |")  # fmt: skip
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as work:
        for copies in args.sizes:
            source = Path(work) / f"np2012-x{copies}.pdf"
            if copies == 1:
                shutil.copyfile(PDF, source)
            else:
                subprocess.run(["pdfunite", *[str(PDF)] * copies, str(source)], check=True)
            pages = 19 * copies
            repeat = 1 if copies >= 32 else args.repeat
            out = Path(work) / f"out-{copies}"
            ours = timed(
                [str(NATPROG), "extract", str(source), "-o", str(out), "--pdf-engine", args.engine],
                repeat,
            )
            theirs = timed([str(PYTHON), "-c", PLUMBER, str(source)], repeat)
            print(
                f"| {copies}× | {pages} | {ours:.2f} s | {1000 * ours / pages:.1f} ms |"
                f" {theirs:.2f} s | {ours / theirs:.2f} × |",
                flush=True,
            )


if __name__ == "__main__":
    main()
