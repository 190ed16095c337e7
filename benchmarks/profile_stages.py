"""Where natprog's time goes: each stage timed on the 2012 draft, the slowest one profiled.

`make profile` runs this; it writes profile/stages.txt, profile/<stage>.prof (cProfile, open
with `python -m pstats` or snakeviz) with its top functions in profile/<stage>.txt, and the
start-up import times of a cold `natprog extract` in profile/importtime.txt.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "profile"
INPUTS = {fmt: ROOT / "inputs" / f"np2012-draft.{fmt}" for fmt in ("docx", "pdf", "txt")}
REPEAT = 5


def stages(path: Path, outdir: Path) -> dict:
    """The recipe of `run.process` + `emit`, one timer per stage (callables for profiling)."""
    from natprog.abbreviations import resolve_abbreviations
    from natprog.checks import run_checks
    from natprog.emit import emit
    from natprog.ingest import ingest
    from natprog.models import Result
    from natprog.normalize import normalize
    from natprog.options import Options
    from natprog.parse import parse

    options = Options()
    state: dict = {}

    def do_ingest():
        state["document"] = ingest(path, options)

    def do_parse():
        state["parsed"] = parse(state["document"])

    def do_normalize():
        state["programme"] = normalize(state["parsed"])

    def do_abbreviations():
        state["programme"] = resolve_abbreviations(state["programme"], options)

    def do_checks():
        state["findings"] = run_checks(state["document"], state["programme"], options)

    def do_emit():
        result = Result(state["document"], state["programme"], state["findings"], options)
        emit(result, outdir)

    return {
        "ingest": do_ingest,
        "parse": do_parse,
        "normalize": do_normalize,
        "abbreviations": do_abbreviations,
        "checks": do_checks,
        "emit": do_emit,
    }


def main() -> None:
    OUT.mkdir(exist_ok=True)
    report = io.StringIO()
    slowest: tuple[float, str, str] = (0.0, "", "")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, path in INPUTS.items():
            steps = stages(path, Path(tmp))
            for step in steps.values():  # warm-up: lazy imports and caches out of the figures
                step()
            times: dict[str, list[float]] = {name: [] for name in steps}
            for _ in range(REPEAT):
                for name, step in steps.items():
                    start = time.perf_counter()
                    step()
                    times[name].append(time.perf_counter() - start)
            medians = {name: statistics.median(values) for name, values in times.items()}
            total = sum(medians.values())
            report.write(f"{fmt}: {total:.3f} s in-process (median of {REPEAT})\n")
            for name, value in medians.items():
                report.write(f"  {name:<10} {value:.3f} s  {100 * value / total:4.0f} %\n")
                if value > slowest[0]:
                    slowest = (value, fmt, name)
        _, fmt, name = slowest
        report.write(f"\nslowest stage: {name} on {fmt}; profiled in profile/{fmt}-{name}.prof\n")
        steps = stages(INPUTS[fmt], Path(tmp))
        for step_name, step in steps.items():
            if step_name == name:
                break
            step()
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(REPEAT):
            steps[name]()
        profiler.disable()
    profiler.dump_stats(OUT / f"{fmt}-{name}.prof")
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text).strip_dirs().sort_stats("cumulative")
    stats.print_stats(30)
    (OUT / f"{fmt}-{name}.txt").write_text(text.getvalue(), encoding="utf-8")

    # cold start: what a fresh `natprog extract` imports, and for how long
    importtime = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "natprog", "extract", str(INPUTS["docx"])]
        + ["-o", str(OUT / "extract-output")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stderr
    lines = [line for line in importtime.splitlines() if line.startswith("import time:")]
    top = sorted(lines[1:], key=lambda line: -int(line.split("|")[1]))[:25]
    (OUT / "importtime.txt").write_text("\n".join([lines[0], *top]) + "\n", encoding="utf-8")
    report.write("cold-start imports (cumulative µs, top 25): profile/importtime.txt\n")
    (OUT / "stages.txt").write_text(report.getvalue(), encoding="utf-8")
    sys.stdout.write(report.getvalue())


if __name__ == "__main__":
    main()
