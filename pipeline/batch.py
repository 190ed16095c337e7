"""Batch runs: every draft under a folder, in parallel worker processes, incremental.

One bad file never stops the others: its error becomes its result line. Unchanged inputs (same
bytes, natprog, options, project file and master glossary) are not recomputed (`batch_cache.py`).
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import re
import signal
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

from .batch_cache import cache_key, load_cached, run_fingerprint, store_cached
from .batch_prune import Removed, prune_outputs
from .emit import staging
from .errors import ExitCode, NatprogError, OutputError, UsageError
from .findings import FailOn, Outcome, Report
from .options import Options
from .workers import kill, signals_interrupt, worker_pool

Status = Literal["ok", "cached", "error", "skipped"]
SUMMARY_FIELDS = (
    "file",
    "format",
    "status",
    "activities",
    "findings",
    "errors",
    "warnings",
    "infos",
    "exit_code",
    "message",
    "output_dir",
)
# A worker that neither finishes nor answers its own alarm this long after the timeout is killed.
_HARD_KILL_GRACE = 10.0


@dataclass(slots=True)
class FileResult:
    """What a batch knows about one file; one row of summary.csv/summary.json."""

    file: str  # path relative to the batch folder, with "/" separators
    format: str  # the file name's extension without the dot: docx, pdf, txt, ...
    status: Status
    activities: int | None = None
    findings: int | None = None
    errors: int | None = None
    warnings: int | None = None
    infos: int | None = None
    exit_code: int = 0
    message: str | None = None  # the one-line error (without the file name), or why skipped
    output_dir: str | None = None  # relative to the batch output folder; None when failed
    outputs: list[str] = field(default_factory=list)  # file names inside output_dir

    @property
    def failed(self) -> bool:
        return self.status == "error"

    def outcome(self) -> Outcome:
        if self.failed:
            return Outcome(self.file, {}, self.exit_code, self.message)
        counts = {"error": self.errors or 0, "warning": self.warnings or 0, "info": self.infos or 0}
        return Outcome(self.file, counts)

    def to_dict(self) -> dict:
        return asdict(self)

    def line(self) -> str:
        """The per-file line printed at the end of a batch."""
        if self.status in ("ok", "cached"):
            counts = f"{self.errors} errors, {self.warnings} warnings, {self.infos} info"
            return (
                f"{self.file}: {self.status}, {self.activities} activities, "
                f"{self.findings} findings ({counts})"
            )
        if self.status == "skipped":
            return f"{self.file}: skipped ({self.message})"
        return f"{self.file}: error (exit {self.exit_code}): {self.message}"


@dataclass(frozen=True, slots=True)
class _Job:
    source: Path
    display: str
    outdir: Path  # absolute folder for this file's outputs
    output_dir: str  # the same, relative to the batch output folder
    key: str
    options: Options
    timeout: float


@dataclass(slots=True)
class BatchReport:
    """The results of a batch, in the folder's order, and the exit code they call for."""

    results: list[FileResult]
    output: Path
    removed: list[Removed] = field(default_factory=list)  # with `prune`: outputs of gone drafts

    def counts(self) -> dict[str, int]:
        out = {"files": len(self.results), "ok": 0, "cached": 0, "error": 0, "skipped": 0}
        for result in self.results:
            out[result.status] += 1
        return out

    def exit_code(self, fail_on: FailOn = "never") -> int:
        """The same rule as every command's (`findings.Report`): a failed file first, then
        findings at or above `fail_on`."""
        report = Report(fail_on)
        for result in self.results:
            report.add(result.outcome())
        return report.exit_code()

    def total_line(self) -> str:
        c = self.counts()
        removed = f", outputs of {len(self.removed)} removed" if self.removed else ""
        return (
            f"{c['files']} file{'' if c['files'] == 1 else 's'}: "
            f"{c['ok'] + c['cached']} ok ({c['cached']} cached), "
            f"{c['error']} failed, {c['skipped']} skipped{removed}"
        )


def output_dir_name(relative: Path) -> Path:
    """`a/np2012-draft.docx` -> `a/np2012-draft-docx`: the Makefile's naming, per subfolder."""
    suffix = relative.suffix.lower().lstrip(".")
    return relative.parent / f"{relative.stem}-{suffix}" if suffix else relative


def run_batch(
    folder: Path,
    output: Path,
    options: Options | None = None,
    *,
    jobs: int | None = None,
    follow_symlinks: bool = False,
    timeout: float = 300.0,
    use_cache: bool = True,
    prune: bool = False,
    on_result: Callable[[FileResult], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> BatchReport:
    """Process every supported file under `folder` into `output`; never raises for a bad file.

    `on_start(n)` is told how many files will be looked at, `on_result` gets each result as it
    arrives (for a progress bar). Summary files are written into `output` at the end. With
    `prune`, the outputs of drafts no longer in `folder` are removed (`batch_prune.py`).
    """
    from .discover import discover
    from .ingest import read_capped

    options = options or Options()
    folder = Path(folder)
    output = Path(output)
    files, skipped = discover(folder, follow_symlinks=follow_symlinks)
    inside = output.resolve()
    if folder.resolve().is_relative_to(inside):
        raise UsageError(
            f"the output folder {output} holds the input folder {folder}: natprog would take "
            "the drafts for its own outputs; choose an output folder outside it with -o"
        )
    staging.clean_stale(output)
    # an output folder inside the input folder holds our own outputs, not drafts
    files = [p for p in files if not p.resolve().is_relative_to(inside)]
    skipped = [s for s in skipped if not s.path.absolute().is_relative_to(inside)]
    results: dict[str, FileResult] = {}
    for item in skipped:
        rel = _relative(item.path, folder)
        results[rel] = FileResult(
            printable(rel), item.path.suffix.lower().lstrip("."), "skipped", message=item.reason
        )
    if on_start:
        on_start(len(files))
    # The key is computed even with --no-cache: the fresh outputs then carry a fresh record.
    options = options.with_(follow_symlinks=follow_symlinks)
    fingerprint = run_fingerprint(options)
    limit = int(options.limits.max_file_mb * 1024 * 1024) + 1
    todo: list[_Job] = []
    claimed: dict[str, str] = {}  # output folder (any case) -> the file that writes it
    for path in files:
        rel = _relative(path, folder)
        if rel != printable(rel):  # cannot be written into the summary as it is
            results[rel] = FileResult(
                printable(rel),
                path.suffix.lower().lstrip("."),
                "error",
                exit_code=int(ExitCode.UNREADABLE),
                message="the file name is not valid UTF-8 (saved on another system?): rename "
                "the file and run the batch again",
            )
            if on_result:
                on_result(results[rel])
            continue
        out_rel = output_dir_name(Path(rel))
        first = claimed.setdefault(out_rel.as_posix().casefold(), rel)
        if first != rel:  # `x.docx` and `x.DOCX`: one output folder, never overwritten silently
            results[rel] = FileResult(
                rel,
                path.suffix.lower().lstrip("."),
                "skipped",
                message=f"its outputs would overwrite those of {first} in "
                f"{out_rel.as_posix()}/: rename one of the two",
            )
            if on_result:
                on_result(results[rel])
            continue
        try:
            data = read_capped(path, limit, follow_symlinks=follow_symlinks)
            key = cache_key(data, fingerprint)
        except OSError:
            key = ""  # unreadable: the worker reports it properly
        job = _Job(path, rel, output / out_rel, out_rel.as_posix(), key, options, timeout)
        cached = _cached_result(job.outdir, key) if key and use_cache else None
        if cached is not None:
            cached.file, cached.output_dir = rel, job.output_dir
            if cached.status == "ok":
                cached.status = "cached"
            results[rel] = cached
            if on_result:
                on_result(cached)
            continue
        todo.append(job)
    jobs_by_name = {job.display: job for job in todo}
    try:
        with signals_interrupt(), contextlib.closing(_run_jobs(todo, jobs or _cores())) as running:
            for result in running:
                results[result.file] = result
                if on_result:
                    on_result(result)
    finally:
        # Workers stopped mid-draft (Ctrl-C, SIGTERM) leave their staging folders behind; the
        # pool has killed and reaped them by now, so their folders count as a dead run's.
        staging.clean_stale(output)
    for result in results.values():
        if result.failed and result.file in jobs_by_name:  # e.g. a worker the OOM killer took
            _remove_stale_outputs(jobs_by_name[result.file].outdir)
    report = BatchReport([results[name] for name in sorted(results)], output)
    if prune:
        current = {output_dir_name(Path(name)).as_posix() for name in results}
        report.removed = prune_outputs(output, current)
    try:
        write_summary(report)
    except OSError as exc:
        from .emit import cannot_write

        raise OutputError(cannot_write(output, exc)) from None
    return report


def _cores() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _relative(path: Path, folder: Path) -> str:
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return path.as_posix()


def printable(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by Python as surrogates) become �."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def write_summary(report: BatchReport) -> list[Path]:
    """summary.json and summary.csv in the output folder: deterministic, one row per file."""
    import json

    from . import __version__
    from .emit.atomic import write_text
    from .emit.cells import rows_to_csv

    rows = [{name: getattr(r, name) for name in SUMMARY_FIELDS} for r in report.results]
    data = {
        "natprog_version": __version__,
        "counts": report.counts(),
        "files": [
            {**row, "outputs": r.outputs} for row, r in zip(rows, report.results, strict=True)
        ],
    }
    if report.removed:
        data["removed"] = [{"output_dir": r.output_dir, "file": r.file} for r in report.removed]
    return [
        write_text(
            report.output / "summary.json",
            json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
        ),
        write_text(report.output / "summary.csv", "\ufeff" + rows_to_csv(SUMMARY_FIELDS, rows)),
    ]


# -- running the jobs ----------------------------------------------------------------------------


def _run_jobs(jobs: list[_Job], workers: int) -> Iterator[FileResult]:
    """Run jobs in a process pool, at most `workers` at a time, surviving hung or dying workers.

    Only as many jobs as there are workers are in flight, so a job's submission time is its
    start time and a hung one can be found. A worker that dies (a crash in a C library) breaks
    the pool: the jobs in flight are retried one at a time, so the file that kills a worker is
    the only one reported for it. Workers never outlive this generator (`workers.worker_pool`).
    """
    if not jobs:
        return
    _warm_up(jobs)
    workers = max(1, min(workers, len(jobs)))
    pending = list(reversed(jobs))  # pop() from the end keeps the folder's order
    suspects: list[_Job] = []
    while pending or suspects:
        if suspects:  # isolate: one job, one fresh worker
            job = suspects.pop(0)
            yield from _run_isolated(job)
            continue
        with worker_pool(workers) as pool:
            running: dict[Future, tuple[_Job, float]] = {}
            while pending or running:
                while pending and len(running) < workers:
                    job = pending.pop()
                    running[pool.submit(_work, job)] = (job, time.monotonic())
                done, _ = wait(running, timeout=1.0, return_when=FIRST_COMPLETED)
                for future in done:
                    job, _started = running.pop(future)
                    try:
                        yield future.result()
                    except BrokenProcessPool:
                        suspects.append(job)
                hung = [
                    (future, job)
                    for future, (job, started) in running.items()
                    if job.timeout and time.monotonic() - started > job.timeout + _HARD_KILL_GRACE
                ]
                if hung or suspects:
                    for future, job in hung:
                        running.pop(future)
                        yield _timeout_result(job)
                    # after a crash the others in flight are suspects; after a hang, innocent
                    others = [job for job, _ in running.values()]
                    (suspects if suspects else pending).extend(others)
                    running.clear()
                    kill(pool)
                    break


def _run_isolated(job: _Job) -> Iterator[FileResult]:
    with worker_pool(1) as pool:
        future = pool.submit(_work, job)
        try:
            result = future.result(
                timeout=(job.timeout + _HARD_KILL_GRACE) if job.timeout else None
            )
        except BrokenProcessPool:
            result = _error_result(
                job,
                int(ExitCode.INTERNAL),
                "internal error (the worker process died on this file); "
                "rerun `natprog extract` on it with --debug and report it",
            )
        except TimeoutError:
            kill(pool)
            result = _timeout_result(job)
    yield result


def _warm_up(jobs: list[_Job]) -> None:
    """Import the stages once in this process, so forked workers start with them loaded."""
    from importlib import import_module

    modules = ["natprog.run", "natprog.parse", "natprog.normalize", "natprog.checks"]
    modules += ["natprog.emit.jsonout", "natprog.emit.csvout", "natprog.emit.workbook"]
    formats = {job.source.suffix.lower() for job in jobs}
    if formats & {".docx", ".docm", ".odt", ".doc", ".rtf"}:
        modules.append("natprog.ingest.docx")
    if ".pdf" in formats:  # not pypdfium2 itself: PDFium is initialised in each worker
        modules += ["natprog.ingest.pdf", "pdfplumber.table", "pdfplumber.utils.text"]
    for name in modules:
        try:
            import_module(name)
        except ImportError:  # a stage that cannot load reports itself, per file, in the worker
            continue


def _timeout_result(job: _Job) -> FileResult:
    return _error_result(
        job,
        int(ExitCode.LIMIT),
        f"still running after {job.timeout:.0f} s, stopped "
        "(a pathological file? raise the limit with --timeout)",
    )


def _error_result(job: _Job, code: int, message: str) -> FileResult:
    return FileResult(
        job.display,
        job.source.suffix.lower().lstrip("."),
        "error",
        exit_code=code,
        message=_without_paths(message, job),
    )


# A path that starts at the root, as a library or the OS may quote it in an error.
_ABSOLUTE = re.compile(r"(?<![\w.~/])/(?:[^\s/'\"«»()]+/)+[^\s/'\"«»():,;]*")


def _without_paths(message: str, job: _Job) -> str:
    """The summary names files relative to the batch folders, never by absolute path: the
    draft and its output folder by their relative names, any other path by its last part."""
    for place, shown in ((job.outdir, job.output_dir), (job.source, job.display)):
        for form in sorted({str(place), str(place.absolute())}, key=len, reverse=True):
            message = message.replace(form, shown)
    return _ABSOLUTE.sub(lambda match: posixpath.basename(match.group(0).rstrip("/")), message)


class _Timeout(Exception):
    pass


def _alarm(signum, frame):  # noqa: ARG001  (signal handler signature)
    raise _Timeout


def _work(job: _Job) -> FileResult:
    """One file in a worker process: extract, or turn any failure into an error result."""
    from .run import extract

    timer = bool(job.timeout) and hasattr(signal, "setitimer")
    if timer:
        signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, job.timeout)
    try:
        result, written = extract(job.source, job.outdir, job.options, own_folder=True)
        severities = [finding.severity for finding in result.findings]
        programme = result.programme
        outcome = FileResult(
            job.display,
            job.source.suffix.lower().lstrip("."),
            "ok",
            activities=len(programme.activities) if programme else 0,
            findings=len(severities),
            errors=severities.count("error"),
            warnings=severities.count("warning"),
            infos=severities.count("info"),
            output_dir=job.output_dir,
            outputs=sorted(path.name for path in written),
        )
    except _Timeout:
        outcome = _timeout_result(job)
    except NatprogError as error:
        error.path = None  # the result line and the summary name the file themselves
        outcome = _error_result(job, int(error.exit_code), error.one_line())
    except Exception as error:  # a bug: reported for this file, the batch goes on
        text = " ".join(f"{type(error).__name__}: {error}".split())
        outcome = _error_result(
            job,
            int(ExitCode.INTERNAL),
            f"internal error ({text}); rerun `natprog extract` on it with "
            "--debug for the traceback and report it",
        )
    finally:
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
    # Failures are not cached (they are quick, and a timeout may pass next time), and must not
    # leave the outputs of an earlier version of the file behind.
    if outcome.failed:
        _remove_stale_outputs(job.outdir)
    elif job.key:
        store_cached(job.outdir, job.key, outcome.to_dict())
    return outcome


def _cached_result(outdir: Path, key: str | None) -> FileResult | None:
    row = load_cached(outdir, key)
    try:
        return FileResult(**row) if row is not None else None
    except TypeError:  # written by another version of natprog: recompute
        return None


def _remove_stale_outputs(outdir: Path) -> None:
    """A file that now fails must not leave the outputs of its previous version behind: its
    folder (natprog's own, one per draft) goes, in one rename."""
    staging.discard(outdir)
