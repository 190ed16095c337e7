"""The default PDF engine's speed (issue 20): the 2012 PDF read in-process by natprog's reading
and by the pdfplumber reading it replaced, and `natprog extract` of it beside pdfplumber's own
`extract_words`, whole processes both.

Run by hand (`.venv/bin/python benchmarks/pdf_reading.py [--repeat N]`); `make bench` keeps the
README's table. Runs are interleaved (new, old, new, old, …) and each figure is a median; the
load average is printed before and after, since a busy machine moves every figure.
"""

from __future__ import annotations

import argparse
import contextlib
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


@contextlib.contextmanager
def reference_reading():
    """`read_pdf` with every page read through pdfplumber's `page.layout`, as before issue 20."""
    import natprog.ingest.pdf as pdf_module
    from natprog.ingest.pdfchars import reference_page_objects

    class Reference:
        def __init__(self, pdf) -> None:
            pass

        def page_objects(self, page):
            return reference_page_objects(page)

    real = pdf_module.PageReader
    pdf_module.PageReader = Reference
    try:
        yield
    finally:
        pdf_module.PageReader = real


def in_process(repeat: int) -> tuple[float, float]:
    """Median seconds of `read_pdf` (ingest), new and reference, after a warm-up of each."""
    from natprog.ingest.pdf import read_pdf
    from natprog.options import Options

    data, options = PDF.read_bytes(), Options()
    new: list[float] = []
    old: list[float] = []
    for round_ in range(repeat + 1):
        for times, context in ((new, contextlib.nullcontext()), (old, reference_reading())):
            with context:
                start = time.perf_counter()
                read_pdf(data, str(PDF), options)
                if round_:  # the first round imports and warms up
                    times.append(time.perf_counter() - start)
    return statistics.median(new), statistics.median(old)


def whole_process(repeat: int) -> tuple[float, float]:
    """Median wall seconds of `natprog extract` (all outputs) and of pdfplumber's words."""
    natprog: list[float] = []
    plumber: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        for round_ in range(repeat + 1):
            shutil.rmtree(out, ignore_errors=True)
            for times, command in (
                (natprog, [str(NATPROG), "extract", str(PDF), "-o", str(out)]),
                (plumber, [str(PYTHON), "-c", PLUMBER, str(PDF)]),
            ):
                start = time.perf_counter()
                done = subprocess.run(command, capture_output=True, text=True)
                if round_:
                    times.append(time.perf_counter() - start)
                if done.returncode not in (0, 6):
                    sys.exit(f"{command[0]} failed ({done.returncode}): {done.stderr.strip()}")
    return statistics.median(natprog), statistics.median(plumber)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7, help="runs of each (after a warm-up)")
    args = parser.parse_args()
    load = os.getloadavg()
    new, old = in_process(args.repeat)
    natprog, plumber = whole_process(args.repeat)
    after = os.getloadavg()
    print(f"{PDF.name}, medians of {args.repeat} interleaved runs; load average {load[0]:.2f}")
    print(f"  in-process ingest: {new:.3f} s (pdfplumber reading {old:.3f} s, {new / old:.2f} ×)")
    print(
        f"  whole process: natprog extract {natprog:.3f} s, pdfplumber extract_words "
        f"{plumber:.3f} s: {natprog / plumber:.2f} × (target ≤ 0.8 ×)"
    )
    print(f"  load average after: {after[0]:.2f}")


if __name__ == "__main__":
    main()
