"""The dataset's benchmarks: `natprog db` on 100 drafts and a full-text query over them.

`make bench` runs this after bench.py; it writes benchmarks/results-dataset.md and the table in
the README between `<!-- bench-dataset:start -->` and `<!-- bench-dataset:end -->`.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

from bench import NATPROG, ROOT, TXT, Row, cpu, machine, wall  # noqa: E402

START, END = "<!-- bench-dataset:start -->", "<!-- bench-dataset:end -->"
DRAFTS = 100
QUERY = "телефонна линия"
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def make_drafts(folder: Path) -> None:
    """100 drafts: the ten generated ones (2012–2016, two versions) ten times over, each series
    moved on by five years, so the 100 form one line of 50 years × 2 versions."""
    from dataset_fixtures import generate

    folder.mkdir(parents=True)
    generator = generate(TXT.read_text(encoding="utf-8"))
    for series in range(DRAFTS // len(generator.snapshots)):
        shift = 5 * series
        for snapshot in generator.snapshots:
            text = _YEAR.sub(lambda m, by=shift: str(int(m.group(1)) + by), snapshot.text)
            name = f"np{snapshot.year + shift}-v{snapshot.version}.txt"
            (folder / name).write_text(text, encoding="utf-8")


def fts_query(database: Path, repeat: int) -> tuple[list[float], int]:
    """Wall times of the site's canned full-text search, in-process on an open connection."""
    from natprog.dataset.site import metadata

    sql = metadata(database)["databases"][database.stem]["queries"]["search"]["sql"]
    connection = sqlite3.connect(database)
    rows = len(connection.execute(sql, {"text": QUERY}).fetchall())  # warm the page cache
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        connection.execute(sql, {"text": QUERY}).fetchall()
        times.append(time.perf_counter() - start)
    connection.close()
    return times, rows


def measure(repeat: int) -> list[Row]:
    rows: list[Row] = []
    tmp = Path(tempfile.mkdtemp(prefix="natprog-bench-db-"))
    try:
        drafts = tmp / "drafts"
        make_drafts(drafts)
        database = tmp / "programmes.sqlite"
        loads, loads_cpu = [], []
        for _ in range(max(1, repeat // 3)):
            database.unlink(missing_ok=True)
            times, _ = wall([str(NATPROG), "db", str(drafts), "-o", str(database), "-j", "2"], 1)
            loads += times
            loads_cpu += cpu()
        rows.append(
            Row(
                f"`natprog db` {DRAFTS} drafts (TXT, processed), `--jobs 2`, new database",
                loads,
                "≤ 30 s",
                statistics.median(loads) <= 30,
                cpu=loads_cpu,
            )
        )
        again, _ = wall([str(NATPROG), "db", str(drafts), "-o", str(database)], repeat)
        rows.append(
            Row(f"`natprog db` the same {DRAFTS} again, all unchanged", again, "—", None, cpu=cpu())
        )

        extractions = tmp / "json"
        extractions.mkdir()
        connection = sqlite3.connect(database)
        count = connection.execute("SELECT count(*) FROM activities").fetchone()[0]
        connection.close()
        _export_json(drafts, extractions)
        from_json, from_json_cpu = [], []
        for _ in range(max(1, repeat // 3)):
            (tmp / "json.sqlite").unlink(missing_ok=True)
            times, _ = wall(
                [str(NATPROG), "db", str(extractions), "-o", str(tmp / "json.sqlite")], 1
            )
            from_json += times
            from_json_cpu += cpu()
        rows.append(
            Row(
                f"for scale: `natprog db` their {DRAFTS} extraction JSON files",
                from_json,
                "—",
                None,
                cpu=from_json_cpu,
            )
        )
        query, found = fts_query(database, repeat * 10)
        rows.append(
            Row(
                f"full-text query over {DRAFTS} programmes ({count} activities), canned `search`",
                query,
                "≤ 50 ms",
                statistics.median(query) <= 0.05,
                shown=f"{statistics.median(query) * 1000:.2f} ms ({len(query)})",
                note=f"{found} rows",
            )
        )
        return rows
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _export_json(drafts: Path, folder: Path) -> None:
    """The extraction JSON of every draft, through `natprog batch` (two jobs)."""
    out = folder.parent / "batch"
    wall([str(NATPROG), "batch", str(drafts), "-o", str(out), "--jobs", "2"], 1)
    for json_file in out.rglob("*.json"):
        if json_file.name not in ("summary.json", "datapackage.json"):
            shutil.copy(json_file, folder / json_file.name)


def table(rows: list[Row], repeat: int, started: str) -> str:
    lines = [
        f"Produced by `make bench` (`.venv/bin/python benchmarks/bench_dataset.py --repeat {repeat}`)"
        f" on {started}.",
        f"Machine: {machine()}.",
        "The drafts are the ten generated by tests/dataset_fixtures.py, ten times over, years",
        "moved on (2012–2061, two versions each). Loading includes processing every draft,",
        "lineage and the full-text index. Medians of the runs in brackets; CPU is user + system",
        "of `natprog db` and its worker processes together (the work to do, whatever the load).",
        "",
        "| measurement | wall, median (runs) | CPU, median | target | met |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        value = row.shown or f"{row.median:.3f} s ({len(row.samples)})"
        if row.note:
            value += f"; {row.note}"
        met = "—" if row.met is None else ("yes" if row.met else "**no**")
        lines.append(f"| {row.name} | {value} | {row.cpu_median} | {row.target} | {met} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs of each measurement")
    parser.add_argument("--no-readme", action="store_true", help="only write the results file")
    args = parser.parse_args()
    started = time.strftime("%Y-%m-%d %H:%M %Z")
    text = table(measure(args.repeat), args.repeat, started)
    (ROOT / "benchmarks" / "results-dataset.md").write_text(
        "# natprog dataset benchmarks\n\n" + text, encoding="utf-8"
    )
    if not args.no_readme:
        readme = ROOT / "README.md"
        content = readme.read_text(encoding="utf-8")
        head, rest = content.split(START, 1)
        _, tail = rest.split(END, 1)
        readme.write_text(f"{head}{START}\n{text}{END}{tail}", encoding="utf-8")
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
