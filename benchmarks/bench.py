"""natprog's speed and memory benchmarks: medians of repeated runs, ratios taken in the same run.

`make bench` runs this and writes the table into benchmarks/results.md and the README (between
`<!-- bench:start -->` and `<!-- bench:end -->`). Not part of `make test`: it takes a minute.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCX = ROOT / "inputs" / "np2012-draft.docx"
PDF = ROOT / "inputs" / "np2012-draft.pdf"
TXT = ROOT / "inputs" / "np2012-draft.txt"
PYTHON = ROOT / ".venv" / "bin" / "python"
NATPROG = ROOT / ".venv" / "bin" / "natprog"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
LAST_CPU: list[float] = []  # CPU seconds (user + system) of each run of the last `wall`


def cpu() -> list[float]:
    return list(LAST_CPU)


@dataclass
class Row:
    name: str
    samples: list[float]  # seconds (or MB for memory)
    target: str  # as shown in the table
    met: bool | None  # None: informative only, or not measurable yet
    shown: str = ""  # the median as shown, when not plain seconds
    note: str = ""
    cpu: list[float] | None = None  # CPU seconds (user + system) of the same runs

    @property
    def cpu_median(self) -> str:
        return f"{statistics.median(self.cpu):.3f} s" if self.cpu else "—"

    @property
    def median(self) -> float:
        return statistics.median(self.samples) if self.samples else float("nan")


# -- measuring --------------------------------------------------------------------------------


def wall(command: list[str], repeat: int, cwd: Path | None = None) -> tuple[list[float], int]:
    """Wall times of a command, and the largest peak RSS (KB) of its runs (CPU times in CPU)."""
    times, peak = [], 0
    cpu = LAST_CPU
    cpu.clear()
    for _ in range(repeat):
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        _, status, usage = os.wait4(process.pid, 0)
        times.append(time.perf_counter() - start)
        process.returncode = os.waitstatus_to_exitcode(status)
        stderr = process.stderr.read().decode() if process.stderr else ""
        if process.returncode not in (0, 1):
            raise SystemExit(
                f"benchmark command failed ({process.returncode}): {command}\n{stderr}"
            )
        peak = max(peak, usage.ru_maxrss)
        cpu.append(usage.ru_utime + usage.ru_stime)
    return times, peak


def interleaved(commands: dict[str, list[str]], repeat: int) -> dict[str, tuple[list, list, int]]:
    """Each command `repeat` times, in turns (a, b, c, a, b, c, …), so that a change in the
    machine's load during the run touches all of them alike: (wall times, CPU times, peak KB)."""
    out: dict[str, tuple[list, list, int]] = {name: ([], [], 0) for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            times, peak = wall(command, 1)
            walls, cpus, known = out[name]
            out[name] = (walls + times, cpus + cpu(), max(known, peak))
    return out


def in_process(name: str, repeat: int) -> dict:
    """Run one of the `worker_*` measurements in a fresh interpreter; it answers in JSON."""
    output = subprocess.run(
        [str(PYTHON), __file__, "--worker", name, "--repeat", str(repeat)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


def worker_docx(repeat: int) -> dict:
    """DOCX in-process, after start-up (the first run, with its imports, excluded): the pipeline
    (ingest → parse → normalize → abbreviations → checks) alone, and with every output written."""
    from natprog.emit import emit
    from natprog.run import process

    out: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        emit(process(DOCX), Path(tmp))
        for _ in range(repeat):
            for key, run in (
                ("docx_process", lambda: process(DOCX)),
                ("docx", lambda: emit(process(DOCX), Path(tmp))),
            ):
                start, start_cpu = time.perf_counter(), time.process_time()
                run()
                out.setdefault(key, []).append(time.perf_counter() - start)
                out.setdefault(f"{key}_cpu", []).append(time.process_time() - start_cpu)
    return out


def worker_pdf(repeat: int) -> dict:
    """PDF process+emit in-process, and pdfplumber's own extract_words on every page, alternated."""
    import pdfplumber

    from natprog.emit import emit
    from natprog.options import Options
    from natprog.run import process

    def plumber_words() -> None:
        with pdfplumber.open(PDF) as pdf:
            for page in pdf.pages:
                page.extract_words()

    reference = Options(pdf_engine="pdfium")  # the opt-in engine, for scale
    out: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        emit(process(PDF), Path(tmp))
        emit(process(PDF, reference), Path(tmp))
        plumber_words()
        for _ in range(repeat):
            for key, run in (
                ("pdf", lambda: emit(process(PDF), Path(tmp))),
                ("words", plumber_words),
                ("pdf_plumber", lambda: emit(process(PDF, reference), Path(tmp))),
            ):
                start, start_cpu = time.perf_counter(), time.process_time()
                run()
                out.setdefault(key, []).append(time.perf_counter() - start)
                out.setdefault(f"{key}_cpu", []).append(time.process_time() - start_cpu)
    return out


def worker_spelling(repeat: int) -> dict:
    """The spelling checks (with suggestions) on the whole 2012 draft, with cold caches.

    The checks are found through the registry (any check emitting `spelling.*` codes), so this
    measures whatever the spelling engine is; each repetition is a fresh interpreter.
    """
    from natprog.checks import CHECKS, CheckContext
    from natprog.run import process

    checks = [c for c in CHECKS if any(rule.code.startswith("spelling.") for rule in c.rules)]
    if not checks:
        return {"spelling": None}
    result = process(DOCX)
    try:  # the dictionary is loaded once per process: reported, but not part of the check
        from natprog.spelling import get_dictionary

        get_dictionary()
    except ImportError:
        pass
    context = CheckContext(result.document, result.programme, result.options)
    start, start_cpu = time.perf_counter(), time.process_time()
    for registered in checks:
        registered.func(context)
    elapsed = time.perf_counter() - start
    elapsed_cpu = time.process_time() - start_cpu
    suggestions = sum(1 for f in context.findings if f.suggestions or f.suggestion)
    return {
        "spelling": [elapsed],
        "spelling_cpu": [elapsed_cpu],
        "findings": len(context.findings),
        "suggested": suggestions,
    }


def worker_scale(repeat: int) -> dict:
    """`extract` of the 2012 draft at 1×, 5× and 25× its size, each in this fresh interpreter
    after a warm-up on the 1× draft (imports are not the draft's cost): seconds and peak memory."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from scaled import scaled_docx

    from natprog.run import extract

    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        drafts = {factor: folder / f"np2012-x{factor}.docx" for factor in (1, 5, 25)}
        sizes = {factor: scaled_docx(factor, path) for factor, path in drafts.items()}
        extract(drafts[1], folder / "warm-up")
        for factor, draft in drafts.items():
            times = []
            for _ in range(max(1, repeat // factor)):
                start = time.perf_counter()
                extract(draft, folder / f"out-{factor}")
                times.append(time.perf_counter() - start)
            out[str(factor)] = {"activities": sizes[factor], "seconds": times}
        out["peak_mb"] = _peak_kb() / 1024
    return out


def _peak_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def worker_scale_memory(repeat: int) -> dict:
    """Peak memory of one `extract` of the 25× draft in a fresh interpreter (VmHWM)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from scaled import scaled_docx

    from natprog.run import extract

    with tempfile.TemporaryDirectory() as tmp:
        draft = Path(tmp) / "np2012-x25.docx"
        scaled_docx(25, draft)
        before = _peak_kb()
        extract(draft, Path(tmp) / "out")
        return {"peak_mb": _peak_kb() / 1024, "before_mb": before / 1024}


def name_heavy_text(seed: int = 12) -> str:
    """Clean administrative prose with an invented name after every fourth word: the worst case
    for the spelling check (every name unknown to every source, each searched for slips)."""
    import random

    rng = random.Random(seed)
    syllables = [
        "ра",
        "ли",
        "ми",
        "но",
        "ве",
        "сто",
        "я",
        "ка",
        "де",
        "ви",
        "ло",
        "ма",
        "ни",
        "ко",
        "бо",
        "жи",
        "сла",
        "дра",
        "го",
        "ту",
        "ри",
    ]
    endings = ("ов", "ова", "ев", "ски", "ин", "ина", "ер", "ън")
    words = (
        (ROOT / "tests" / "data" / "clean" / "np2012-corrected.txt").read_text("utf-8").split(" ")
    )
    out = []
    for index, word in enumerate(words):
        out.append(word)
        if index % 4 == 3:
            name = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3)))
            out.append(name.capitalize() + rng.choice(endings))
    return " ".join(out)


def worker_names(repeat: int) -> dict:
    """`check --text-only` (every text-level check) on a name-heavy text, per 1,000 words."""
    import re
    import tempfile

    from natprog.options import Options
    from natprog.run import process
    from natprog.spelling import get_dictionary

    text = name_heavy_text()
    words = len(re.findall(r"[^\W\d_]+", text))
    get_dictionary()  # loaded once per process: not part of the measurement
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "names.txt"
        path.write_text(text, encoding="utf-8")
        start, start_cpu = time.perf_counter(), time.process_time()
        process(path, Options(text_only=True))
        elapsed = time.perf_counter() - start
        elapsed_cpu = time.process_time() - start_cpu
    return {"names": [1000 * elapsed / words], "names_cpu": [1000 * elapsed_cpu / words]}


WORKERS = {
    "docx": worker_docx,
    "pdf": worker_pdf,
    "spelling": worker_spelling,
    "scale": worker_scale,
    "scale_memory": worker_scale_memory,
    "names": worker_names,
}


# -- the batch corpus ---------------------------------------------------------------------------


def make_corpus(folder: Path, count: int = 40) -> None:
    """`count` drafts: copies of the 2012 draft in its three formats, each with distinct bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        kind = ("docx", "pdf", "txt")[index % 3]
        target = folder / f"draft-{index:02d}.{kind}"
        if kind == "txt":
            text = TXT.read_text(encoding="utf-8")
            target.write_text(text + f"\nРедакция {index}.\n", encoding="utf-8")
        elif kind == "pdf":  # an incremental-update style trailer comment: a valid variant
            target.write_bytes(PDF.read_bytes() + f"\n% variant {index}\n".encode())
        else:  # a different title in the document properties
            with zipfile.ZipFile(DOCX) as source, zipfile.ZipFile(target, "w") as out:
                for info in source.infolist():
                    data = source.read(info.filename)
                    if info.filename == "docProps/core.xml":
                        data = data.replace(b"</cp:coreProperties>", b"") + (
                            f"<!-- variant {index} --></cp:coreProperties>".encode()
                        )
                    out.writestr(info, data)


# -- the run ------------------------------------------------------------------------------------


def measure(repeat: int, batch_repeat: int) -> tuple[list[Row], dict]:
    rows: list[Row] = []
    tmp = Path(tempfile.mkdtemp(prefix="natprog-bench-"))
    try:
        out = tmp / "out"
        # Start-up: the interpreter alone, then `--help`, in turns.
        start_up = interleaved(
            {"python": [str(PYTHON), "-c", "pass"], "help": [str(NATPROG), "--help"]}, repeat
        )
        python_pass, help_times = start_up["python"][0], start_up["help"][0]
        help_ratio = statistics.median(help_times) / statistics.median(python_pass)
        rows.append(
            Row("for scale: `python -c pass`", python_pass, "—", None, cpu=start_up["python"][1])
        )
        rows.append(
            Row(
                "`natprog --help`",
                help_times,
                "≤ 3 × `python -c pass`",
                help_ratio <= 3,
                note=f"{help_ratio:.2f} ×",
                cpu=start_up["help"][1],
            )
        )

        # DOCX: natprog with every output against pandoc's DOCX → plain text, in turns.
        docx_commands = {
            "natprog": [str(NATPROG), "extract", str(DOCX), "-o", str(out)],
            "read": [str(PYTHON), "-c", f"import docx; docx.Document({str(DOCX)!r})"],
        }
        taskset = shutil.which("taskset")
        if taskset:  # one core: no workbook sidecar (emit/sidecar.py), all outputs in turn
            docx_commands["one core"] = [taskset, "-c", "0", *docx_commands["natprog"]]
        pandoc = shutil.which("pandoc")
        if pandoc:
            docx_commands["pandoc"] = [pandoc, "-t", "plain", str(DOCX), "-o", str(tmp / "p.txt")]
        docx_runs = interleaved(docx_commands, repeat)
        docx_cli, docx_cpu, docx_rss = docx_runs["natprog"]
        if pandoc:
            pandoc_times = docx_runs["pandoc"][0]
            docx_ratio = statistics.median(docx_cli) / statistics.median(pandoc_times)
            rows.append(
                Row(
                    "peer: `pandoc -t plain` DOCX",
                    pandoc_times,
                    "—",
                    None,
                    cpu=docx_runs["pandoc"][1],
                )
            )
        rows.append(
            Row(
                "`natprog extract` DOCX (all seven outputs, whole process)",
                docx_cli,
                "≤ 4 × pandoc" if pandoc else "≤ 4 × pandoc (pandoc not installed)",
                docx_ratio <= 4 if pandoc else None,
                note=f"{docx_ratio:.2f} × pandoc" if pandoc else "",
                cpu=docx_cpu,
            )
        )
        if taskset:
            one_core = docx_runs["one core"][0]
            rows.append(
                Row(
                    "for scale: the same on one core (`taskset -c 0`: the workbook not written "
                    "beside the other outputs)",
                    one_core,
                    "—",
                    None,
                    note=f"{statistics.median(one_core) / statistics.median(pandoc_times):.2f} × "
                    "pandoc"
                    if pandoc
                    else "",
                    cpu=docx_runs["one core"][1],
                )
            )
        rows.append(
            Row(
                "for scale: `python -c 'import docx; docx.Document(…)'`",
                docx_runs["read"][0],
                "—",
                None,
                cpu=docx_runs["read"][1],
            )
        )

        # PDF: natprog against pdfplumber's extract_words and pypdfium2's text, whole processes.
        words = (
            "import pdfplumber, sys\n"
            "with pdfplumber.open(sys.argv[1]) as pdf:\n"
            "    [page.extract_words() for page in pdf.pages]"
        )
        pdfium_text = (
            "import pypdfium2, sys\n"
            "pdf = pypdfium2.PdfDocument(sys.argv[1])\n"
            "[page.get_textpage().get_text_range() for page in pdf]"
        )
        pdf_runs = interleaved(
            {
                "natprog": [str(NATPROG), "extract", str(PDF), "-o", str(out)],
                "words": [str(PYTHON), "-c", words, str(PDF)],
                "pdfium": [str(PYTHON), "-c", pdfium_text, str(PDF)],
            },
            repeat,
        )
        pdf_cli, pdf_cpu, pdf_rss = pdf_runs["natprog"]
        pdf_ratio = statistics.median(pdf_cli) / statistics.median(pdf_runs["words"][0])
        rows.append(
            Row(
                "peer: pdfplumber `extract_words`, every page (whole process)",
                pdf_runs["words"][0],
                "—",
                None,
                cpu=pdf_runs["words"][1],
            )
        )
        rows.append(
            Row(
                "peer: pypdfium2 text, every page (whole process)",
                pdf_runs["pdfium"][0],
                "—",
                None,
                cpu=pdf_runs["pdfium"][1],
            )
        )
        rows.append(
            Row(
                "`natprog extract` PDF (default engine, all outputs, whole process)",
                pdf_cli,
                "≤ 0.8 × pdfplumber `extract_words`",
                pdf_ratio <= 0.8,
                note=f"{pdf_ratio:.2f} ×",
                cpu=pdf_cpu,
            )
        )
        plumber_cli, plumber_rss = wall(
            [str(NATPROG), "extract", str(PDF), "-o", str(out), "--pdf-engine", "pdfium"],
            max(3, repeat // 2),
        )
        rows.append(
            Row(
                "for scale: the same with `--pdf-engine pdfium`",
                plumber_cli,
                "—",
                None,
                cpu=cpu(),
            )
        )
        _, txt_rss = wall([str(NATPROG), "extract", str(TXT), "-o", str(out)], 1)

        docx = in_process("docx", repeat)
        rows.append(
            Row(
                "DOCX process (ingest → checks), in-process after start-up",
                docx["docx_process"],
                "≤ 0.3 s",
                statistics.median(docx["docx_process"]) <= 0.3,
                cpu=docx["docx_process_cpu"],
            )
        )
        rows.append(
            Row(
                "for scale: the same plus all seven outputs (JSON, XLSX, CSVs, report, annotated copy)",
                docx["docx"],
                "—",
                None,
                cpu=docx["docx_cpu"],
            )
        )
        pdf = in_process("pdf", repeat)
        ratio = statistics.median(pdf["pdf"]) / statistics.median(pdf["words"])
        rows.append(
            Row(
                "pdfplumber `extract_words` on every page (reference)",
                pdf["words"],
                "—",
                None,
                cpu=pdf["words_cpu"],
            )
        )
        rows.append(
            Row(
                "PDF process + emit, in-process after start-up",
                pdf["pdf"],
                "≤ 1.3 × pdfplumber `extract_words`",
                ratio <= 1.3,
                note=f"{ratio:.2f} ×",
                cpu=pdf["pdf_cpu"],
            )
        )
        rows.append(
            Row(
                "for scale: the same with the pdfium engine",
                pdf["pdf_plumber"],
                "—",
                None,
                cpu=pdf["pdf_plumber_cpu"],
            )
        )

        spelling_runs = [in_process("spelling", 1) for _ in range(repeat)]
        spelling = [run["spelling"][0] for run in spelling_runs if run.get("spelling")]
        if spelling:
            rows.append(
                Row(
                    "spelling with suggestions, whole 2012 draft (cold, dictionary loaded)",
                    spelling,
                    "≤ 0.2 s",
                    statistics.median(spelling) <= 0.2,
                    cpu=[run["spelling_cpu"][0] for run in spelling_runs if run.get("spelling")],
                )
            )
        else:
            rows.append(
                Row(
                    "spelling with suggestions, whole 2012 draft",
                    [],
                    "≤ 0.2 s",
                    None,
                    shown="n/a (not built yet)",
                )
            )

        scale = in_process("scale", 3)
        base = statistics.median(scale["1"]["seconds"]) / scale["1"]["activities"]
        for factor in ("1", "5", "25"):
            runs = scale[factor]["seconds"]
            per = statistics.median(runs) / scale[factor]["activities"]
            growth = per / base
            rows.append(
                Row(
                    f"scale: `extract` of the 2012 draft × {factor} "
                    f"({scale[factor]['activities']} activities), in-process after start-up",
                    runs,
                    "per activity ≤ 1.3 × the 1× draft's" if factor != "1" else "—",
                    growth <= 1.3 if factor != "1" else None,
                    note=f"{per * 1000:.1f} ms per activity ({growth:.2f} ×)",
                )
            )
        memory = in_process("scale_memory", 1)
        rows.append(
            Row(
                "scale: peak memory of `extract` of the × 25 draft",
                [memory["peak_mb"]],
                "≤ 300 MB",
                memory["peak_mb"] <= 300,
                shown=f"{memory['peak_mb']:.0f} MB",
                note=f"{memory['before_mb']:.0f} MB before the draft",
            )
        )
        names_runs = [in_process("names", 1) for _ in range(repeat)]
        rows.append(
            Row(
                "`check --text-only`, name-heavy text, per 1,000 words (cold, dictionary loaded)",
                [run["names"][0] for run in names_runs],
                "≤ 1 s",
                statistics.median(run["names"][0] for run in names_runs) <= 1.0,
                cpu=[run["names_cpu"][0] for run in names_runs],
            )
        )

        corpus = tmp / "corpus"
        make_corpus(corpus)
        load_before_batch = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        batch: dict[int, list[float]] = {1: [], 2: []}
        for _ in range(batch_repeat):
            for jobs in (1, 2):
                target = tmp / f"batch-{jobs}"
                shutil.rmtree(target, ignore_errors=True)
                command = [str(NATPROG), "batch", str(corpus), "-o", str(target)]
                times, _ = wall([*command, "--no-cache", "--jobs", str(jobs)], 1)
                batch[jobs] += times
        batch_ratio = statistics.median(batch[2]) / statistics.median(batch[1])
        rows.append(Row("`natprog batch` 40 drafts, `--jobs 1`", batch[1], "—", None))
        rows.append(
            Row(
                "`natprog batch` 40 drafts, `--jobs 2`",
                batch[2],
                "≤ 0.65 × `--jobs 1` (idle machine)",
                batch_ratio <= 0.65,
                note=f"{batch_ratio:.2f} ×; load average {load_before_batch:.2f} before the batches",
            )
        )
        cached, _ = wall([*command, "--jobs", "2"], repeat)
        rows.append(
            Row("`natprog batch` 40 drafts again, all cached", cached, "—", None, cpu=cpu())
        )

        peak_mb = max(docx_rss, pdf_rss, txt_rss, plumber_rss) / 1024
        rows.append(
            Row(
                "peak memory (max RSS) of `natprog extract`, any single draft",
                [peak_mb],
                "≤ 300 MB",
                peak_mb <= 300,
                shown=f"{peak_mb:.0f} MB",
                note=f"DOCX {docx_rss / 1024:.0f}, PDF {pdf_rss / 1024:.0f} "
                f"(pdfium {plumber_rss / 1024:.0f}), TXT {txt_rss / 1024:.0f}",
            )
        )
        raw = {row.name: row.samples for row in rows}
        return rows, raw
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{v:.2f}" for v in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (
        f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; load average at start {load}"
    )


def table(rows: list[Row], repeat: int, batch_repeat: int, started: str) -> str:
    lines = [
        f"Produced by `make bench` (`.venv/bin/python benchmarks/bench.py --repeat {repeat} "
        f"--batch-repeat {batch_repeat}`) on {started}.",
        f"Machine: {machine()}.",
        "Each figure is the median of the runs shown in brackets; ratios are taken within this",
        "one run, on the same machine, and commands compared with a peer ran in turns (natprog,",
        "peer, natprog, peer, …). Targets are judged on wall time; CPU time is user + system of",
        "the command's own process (a batch's workers are not counted, so none is shown there).",
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


def write_into_readme(text: str, readme: Path) -> None:
    content = readme.read_text(encoding="utf-8")
    if START not in content or END not in content:
        raise SystemExit(f"{readme} has no {START} … {END} markers")
    head, rest = content.split(START, 1)
    _, tail = rest.split(END, 1)
    readme.write_text(f"{head}{START}\n{text}{END}{tail}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs of each measurement")
    parser.add_argument("--batch-repeat", type=int, default=3, help="runs of each batch")
    parser.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    parser.add_argument("--no-readme", action="store_true", help="only write results.md")
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(WORKERS[args.worker](args.repeat)))
        return
    started = time.strftime("%Y-%m-%d %H:%M %Z")
    rows, raw = measure(args.repeat, args.batch_repeat)
    text = table(rows, args.repeat, args.batch_repeat, started)
    (ROOT / "benchmarks" / "results.md").write_text(
        "# natprog benchmarks\n\n" + text, encoding="utf-8"
    )
    results = ROOT / "benchmarks" / "results"
    results.mkdir(exist_ok=True)
    (results / "last.json").write_text(json.dumps(raw, indent=2), encoding="utf-8")
    if not args.no_readme:
        write_into_readme(text, ROOT / "README.md")
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
