"""The `natprog` command: a thin click layer over the library.

Only this module imports click. Errors from the library become one line on stderr and the
exit code of their class (`errors.ExitCode`), in `main()` and nowhere else.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import sys
import traceback
from dataclasses import replace
from pathlib import Path

import click

from . import __version__
from .errors import ExitCode, NatprogError, OutputError, UsageError, internal_error
from .interrupts import signals_interrupt
from .options import Limits, Options


def _build_options(
    config: Path | None,
    revisions: str | None = None,
    pdf_engine: str | None = None,
    limits: dict | None = None,
    **extra,
) -> Options:
    # Imported here, not at the top: `natprog --help` must not pay for the rule table.
    from .project import load_config, options_from_config

    options = options_from_config(load_config(config), Options(), config)
    changes = {key: value for key, value in extra.items() if value is not None}
    if revisions:
        changes["revisions"] = revisions
    if pdf_engine:
        changes["pdf_engine"] = pdf_engine
    if limits:
        given = {key: value for key, value in limits.items() if value is not None}
        if given:
            base = options.limits
            changes["limits"] = Limits(
                **{**{f: getattr(base, f) for f in Limits.__slots__}, **given}
            )
    return options.with_(**changes) if changes else options


def output_option(default: str, help_text: str):
    """`-o/--output DIR`: where a command writes its files."""
    return click.option(
        "-o",
        "--output",
        "outdir",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path(default),
        show_default=True,
        help=help_text,
    )


def fail_on_option(default: str, help_text: str):
    """`--fail-on error|warning|never`: the severity that turns findings into exit code 1."""
    return click.option(
        "--fail-on",
        type=click.Choice(["error", "warning", "never"]),
        default=default,
        show_default=True,
        help=help_text,
    )


def input_options(func):
    """Options shared by every command that reads drafts."""
    decorators = [
        click.option(
            "--config",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Project file (default: ./natprog.toml when present).",
        ),
        click.option(
            "--glossary",
            type=click.Path(dir_okay=False, path_type=Path),
            default=None,
            help="Master list of abbreviations (default: ./abbreviations.csv, else natprog's own).",
        ),
        click.option(
            "--revisions",
            type=click.Choice(["accepted", "original"]),
            default=None,
            help="Tracked changes: read the text with all changes accepted (default) or the original.",
        ),
        click.option(
            "--pdf-engine",
            type=click.Choice(["auto", "pdfplumber", "pdfium"]),
            default=None,
            help="PDF reader: pdfplumber (reads correctly; auto picks it) or pypdfium2 (faster, opt-in).",
        ),
        click.option(
            "--ocr",
            type=click.Choice(["auto", "always", "never"]),
            default=None,
            help="Scanned PDF pages: OCR the pages without a text layer (auto, default), every "
            "page, or none.",
        ),
        click.option(
            "--max-file-mb",
            type=float,
            default=None,
            help="Refuse inputs larger than this (default 100).",
        ),
        click.option(
            "--max-unzipped-mb",
            type=float,
            default=None,
            help="Refuse DOCX/ODT that inflate beyond this (default 300).",
        ),
        click.option(
            "--max-ratio",
            type=float,
            default=None,
            help="Refuse ZIP members compressed more than this ratio (default 200).",
        ),
        click.option(
            "--max-pages",
            type=int,
            default=None,
            help="Refuse PDFs with more pages (default 2000).",
        ),
        click.option(
            "--max-paragraphs",
            type=int,
            default=None,
            help="Refuse drafts with more paragraphs or text lines (default 30000).",
        ),
        click.option(
            "--max-cells",
            type=int,
            default=None,
            help="Refuse DOCX with more table cells (default 100000).",
        ),
        click.option(
            "--max-runs",
            type=int,
            default=None,
            help="Refuse DOCX with more runs of text (default 500000).",
        ),
        click.option(
            "--max-chars",
            type=int,
            default=None,
            help="Refuse drafts with more characters of text (default 2000000).",
        ),
        click.option(
            "--max-xml-elements",
            type=int,
            default=None,
            help="Refuse DOCX whose main part has more XML elements (default 2000000).",
        ),
        click.option(
            "--max-stream-mb",
            type=float,
            default=None,
            help="Refuse PDFs whose compressed streams inflate beyond this (default 64).",
        ),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def _options_from_kwargs(kwargs: dict, **extra) -> Options:
    limits = {name: kwargs.pop(name, None) for name in Limits.__slots__}
    glossary = kwargs.pop("glossary", None)
    if glossary is not None:
        extra.setdefault("glossary_path", glossary)
    extra.setdefault("ocr", kwargs.pop("ocr", None))
    extra.setdefault("progress", _ocr_progress() if sys.stderr.isatty() else None)
    return _build_options(
        kwargs.pop("config", None),
        kwargs.pop("revisions", None),
        kwargs.pop("pdf_engine", None),
        limits,
        **extra,
    )


def _err(message: str) -> None:
    click.echo(message, err=True)


def _debug() -> bool:
    context = click.get_current_context(silent=True)
    return bool(context and context.find_root().params.get("debug"))


def _failure(error: Exception, path: Path) -> NatprogError:
    """Report one input's failure on one line and return it as a `NatprogError`."""
    if not isinstance(error, NatprogError):
        if _debug():
            traceback.print_exception(error)
        error = internal_error(error)
    if error.path is None:
        error.path = str(path)
    _err(f"natprog: {error.one_line()}")
    return error


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="natprog")
@click.option(
    "--debug",
    is_flag=True,
    help="Show the full traceback of an internal error (before or after the command name).",
)
def cli(debug: bool) -> None:
    """Turn national anti-trafficking programme drafts (DOCX, PDF, TXT) into data and proofread them."""


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@output_option("outputs", "Folder for the outputs.")
@fail_on_option("never", "Also exit with 1 when a draft has findings of this severity or worse.")
@input_options
def extract(files: tuple[Path, ...], outdir: Path, fail_on: str, **kwargs) -> None:
    """Extract each draft into DIR/<stem>.json, .xlsx and .activities.csv (and the other outputs)."""
    from .emit import refuse_colliding_outputs
    from .findings import Report
    from .run import extract as run_extract

    files = refuse_colliding_outputs(files, outdir)
    options = _options_from_kwargs(kwargs)
    report = Report(fail_on)
    summaries: list[tuple[str, dict]] = []
    for path in files:
        try:
            result, written = run_extract(path, outdir, options, parallel=True)
        except Exception as error:  # one bad file never stops the others
            failure = _failure(error, path)
            report.add_failure(str(path), int(failure.exit_code), failure.one_line())
            continue
        report.add_findings(str(path), result.findings)
        summary = result.summary()
        summaries.append((path.name, summary))
        _err(
            f"{path}: {summary['activities']} activities, {summary['findings']} findings → "
            + ", ".join(str(p) for p in written)
        )
    if summaries:
        from .emit.terminal import print_summary

        print_summary(summaries)
    raise SystemExit(report.exit_code())


# --- `natprog check` (proofreading, issue 4) goes here -------------------------------------


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Findings as linter lines or as one JSON document on stdout.",
)
@fail_on_option(
    "error", "Exit with code 1 when a finding is at least this severe (never: always 0)."
)
@click.option(
    "--text-only",
    is_flag=True,
    help="Any Bulgarian document, no programme structure: spelling, script, typography, grammar.",
)
@click.option(
    "--add-word",
    "add_words",
    multiple=True,
    metavar="WORD",
    help="Accept WORD from now on: add it to [accept] words of the project file (repeatable).",
)
@click.option(
    "--explain",
    "explain_words",
    multiple=True,
    metavar="WORD",
    help="Say which source of the spelling check knows WORD, or that none does (repeatable).",
)
@input_options
def check(
    files: tuple[Path, ...],
    output_format: str,
    fail_on: str,
    text_only: bool,
    add_words: tuple[str, ...],
    explain_words: tuple[str, ...] = (),
    **kwargs,
) -> None:
    """Proofread each draft and print its findings like a linter, one per line."""
    if explain_words:
        from .spelling.vocabulary import explain

        accepted = _options_from_kwargs(kwargs, text_only=True).accepted_words
        for word in explain_words:
            click.echo(explain(word, accepted))
        if not files and not add_words:
            return
    from .emit.lint import CheckReport, finding_line
    from .errors import NotAProgrammeError
    from .project import CONFIG_NAME, add_accepted_words
    from .run import process

    if add_words:
        target = kwargs.get("config") or Path(CONFIG_NAME)
        added = add_accepted_words(target, add_words)
        for word in add_words:
            _err(f"{target}: " + ("added" if word in added else "already accepted") + f" {word}")
        if not files:
            return
    elif not files:
        raise UsageError("give at least one FILE to check (or --add-word WORD, --explain WORD)")
    options = _options_from_kwargs(kwargs, text_only=text_only or None)
    report = CheckReport(fail_on=fail_on)
    for path in files:
        try:
            result = process(path, options)
        except NatprogError as error:
            if error.path is None:
                error.path = str(path)
            if isinstance(error, NotAProgrammeError):
                error.message += "; to proofread it as plain text: natprog check --text-only FILE"
            _err(report.summary(report.failed(str(path), error)))
            continue
        outcome = report.add(str(path), result.findings)
        if output_format == "text":
            for finding in result.findings:
                click.echo(finding_line(str(path), finding))
        _err(report.summary(outcome))
    if output_format == "json":
        click.echo(report.to_json(), nl=False)
    raise SystemExit(report.exit_code())


# --- `natprog abbreviations` (issue 5) goes here ------------------------------------------
@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "csv", "json"]),
    default="text",
    show_default=True,
    help="Output format on stdout.",
)
@input_options
def abbreviations(file: Path, fmt: str, **kwargs) -> None:
    """Print the draft's abbreviations: how often each is used, where it is defined, its expansion."""
    from .emit.abbreviations_table import render
    from .run import process

    options = _options_from_kwargs(kwargs)
    try:
        result = process(file, options)
    except NatprogError as error:
        if error.path is None and not isinstance(error, UsageError):
            error.path = str(file)
        raise
    click.echo(render(result.to_dict(), fmt), nl=False)


# --- `natprog batch` (issue 7) goes here --------------------------------------------------


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path))  # discover() explains a bad one
@output_option(
    "outputs", "Folder for the outputs: OUT/<stem>-<ext>/ per draft, summary.csv and summary.json."
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Drafts processed in parallel (default: the number of CPU cores).",
)
@fail_on_option("never", "Also exit with 1 when a draft has findings of this severity or worse.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=300.0,
    show_default=True,
    help="Stop a draft that takes longer than this many seconds (0: no limit).",
)
@click.option(
    "--follow-symlinks",
    is_flag=True,
    help="Read linked files that point inside FOLDER (linked folders are never entered).",
)
@click.option("--no-cache", is_flag=True, help="Recompute every draft, even unchanged ones.")
@click.option(
    "--prune",
    is_flag=True,
    help="Remove the outputs of drafts no longer in FOLDER (what `make` does), listing each.",
)
@input_options
def batch(
    folder: Path,
    outdir: Path,
    jobs: int | None,
    fail_on: str,
    timeout: float,
    follow_symlinks: bool,
    no_cache: bool,
    prune: bool,
    **kwargs,
) -> None:
    """Process every draft under FOLDER in parallel; unchanged drafts are not recomputed."""
    from .batch import run_batch

    options = _options_from_kwargs(kwargs, progress=None)  # batch has its own bar
    progress = _batch_progress() if sys.stderr.isatty() else None
    try:
        report = run_batch(
            folder,
            outdir,
            options,
            jobs=jobs,
            follow_symlinks=follow_symlinks,
            timeout=timeout,
            use_cache=not no_cache,
            prune=prune,
            on_start=progress.start if progress else None,
            on_result=progress.advance if progress else None,
        )
    finally:
        if progress:
            progress.stop()
    for result in report.results:
        click.echo(result.line())
    for removed in report.removed:
        click.echo(removed.line())
    click.echo(f"{report.total_line()} → {outdir / 'summary.csv'}")
    code = report.exit_code(fail_on)  # type: ignore[arg-type]
    if code:
        raise SystemExit(code)


class _batch_progress:  # noqa: N801  (used like a function: `_batch_progress()`)
    """A rich progress bar on stderr, only for a terminal (rich is imported only then)."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import Progress

        # No refresh thread: workers are forked, and a fork must not copy a lock held by it.
        self._progress = Progress(console=Console(stderr=True), transient=True, auto_refresh=False)
        self._task = None

    def start(self, total: int) -> None:
        self._progress.start()
        self._task = self._progress.add_task("drafts", total=total)
        self._progress.refresh()

    def advance(self, result) -> None:
        if self._task is not None and result.status != "skipped":
            self._progress.update(self._task, advance=1, description=result.file, refresh=True)

    def stop(self) -> None:
        self._progress.stop()


def _ocr_progress():
    """A rich progress bar on stderr over the pages OCR reads, shown once OCR starts."""
    bar = {}

    def advance(done: int, total: int) -> None:
        if "progress" not in bar:
            from rich.console import Console
            from rich.progress import MofNCompleteColumn, Progress

            columns = (*Progress.get_default_columns(), MofNCompleteColumn())
            bar["progress"] = Progress(*columns, console=Console(stderr=True), transient=True)
            bar["task"] = bar["progress"].add_task("OCR, pages", total=total)
            bar["progress"].start()
        bar["progress"].update(bar["task"], completed=done, total=total)
        if done >= total:
            bar.pop("progress").stop()

    return advance


# --- `natprog diff` (issue 9) goes here ---------------------------------------------------


@cli.command()
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@output_option("outputs/diff", "Folder for diff.json, diff.xlsx and diff.html.")
@click.option(
    "--threshold",
    type=click.FloatRange(0, 100),
    default=None,
    help="Lowest similarity (0-100) at which two activities count as the same one (default 65).",
)
@input_options
def diff(old: Path, new: Path, outdir: Path, threshold: float | None, **kwargs) -> None:
    """Compare two drafts (or their JSON) and write DIR/diff.json, diff.xlsx and diff.html.

    OLD and NEW are each a draft (DOCX, PDF, TXT) or the .json `natprog extract` wrote for it:
    last year's programme and this year's, or two versions of one draft. Activities are matched
    even when renumbered, moved or reworded; the outputs list the new, dropped, changed and
    unchanged ones, word-level changes, glossary changes and carry-over findings.
    """
    from .diff import DEFAULT_THRESHOLD
    from .diff import diff as run_diff

    options = _options_from_kwargs(kwargs)
    result, written = run_diff(
        old, new, outdir, options, DEFAULT_THRESHOLD if threshold is None else threshold
    )
    summary = result.summary()
    _err(
        f"{old} → {new}: {summary['added']} new, {summary['dropped']} dropped, "
        f"{summary['changed']} changed, {summary['unchanged']} unchanged, "
        f"{summary['findings']} findings → " + ", ".join(str(p) for p in written)
    )


# --- `natprog db` and `natprog browse` (issue 16) -----------------------------------------


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "database",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("programmes.sqlite"),
    show_default=True,
    help="The SQLite database to create or update.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Drafts processed in parallel (default: the number of CPU cores).",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0, 100),
    default=None,
    help="Lowest similarity (0-100) at which two activities are the same one (default 65).",
)
@input_options
def db(paths: tuple[Path, ...], database: Path, jobs: int | None, threshold, **kwargs) -> None:
    """Load drafts (or their JSON) into one SQLite database of every programme, with lineage.

    PATHS are drafts, extraction JSON files or folders of them. A file loaded before and
    unchanged is skipped; a changed one replaces its programme; lineage is brought up to date.
    """
    from .dataset.load import load

    options = _options_from_kwargs(kwargs)
    report = load(
        paths,
        database,
        options,
        jobs=jobs,
        threshold=threshold,
        on_outcome=lambda outcome: (
            _err(f"natprog: {outcome.line()}") if outcome.error else click.echo(outcome.line())
        ),
    )
    click.echo(f"{report.total_line()} → {database}")
    code = report.exit_code()
    if code:
        raise SystemExit(code)


@cli.command()
@click.argument("database", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8001,
    show_default=True,
    help="Port on 127.0.0.1 to serve the site at.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a web browser.")
def browse(database: Path, port: int, open_browser: bool) -> None:
    """Browse a `natprog db` database in a web browser (Datasette, on localhost only)."""
    from .dataset.site import serve

    code = serve(
        database,
        port=port,
        open_browser=open_browser,
        on_start=lambda url: _err(f"natprog: serving {database} at {url} (Ctrl-C stops)"),
    )
    if code:
        raise SystemExit(code)


# --- `natprog fix` (issue 17) --------------------------------------------------------------


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@output_option("outputs", "Folder for <stem>.corrected.docx and <stem>.report.html.")
@click.option(
    "--apply",
    "apply_codes",
    metavar="CODES",
    default=None,
    help="Comma-separated codes or families to turn into tracked changes "
    "(default: spelling, agreement, spacing, repeated words, labels, numbering, script).",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=None,
    help="Only fixes rated at least this sure (0-1, default 0.75) become tracked changes.",
)
@click.option(
    "--text-only",
    is_flag=True,
    help="Any Bulgarian document, no programme structure: spelling, script, typography, grammar.",
)
@input_options
def fix(
    file: Path,
    outdir: Path,
    apply_codes: str | None,
    min_confidence: float | None,
    text_only: bool,
    **kwargs,
) -> None:
    """Write DIR/<stem>.corrected.docx: confident fixes as tracked changes, the rest as comments.

    Open it in Word and accept or reject natprog's changes in Review; each change and every
    other finding carries a comment with the finding's message.
    """
    from .run import fix as run_fix

    options = _options_from_kwargs(kwargs, text_only=text_only or None)
    settings = {}
    if apply_codes is not None:
        settings["apply"] = tuple(c.strip() for c in apply_codes.split(",") if c.strip())
    if min_confidence is not None:
        settings["min_confidence"] = min_confidence
    if settings:
        options = options.with_(fix=replace(options.fix, **settings))
    try:
        _result, outcomes, written = run_fix(file, outdir, options)
    except NatprogError as error:
        from .errors import NotAProgrammeError

        if error.path is None and not isinstance(error, UsageError):
            error.path = str(file)
        if isinstance(error, NotAProgrammeError):
            error.message += "; to fix it as plain text: natprog fix --text-only FILE"
        raise
    tracked = sum(1 for outcome in outcomes if outcome.tracked)
    _err(
        f"{file}: {tracked} tracked changes, {len(outcomes) - tracked} comments → "
        + ", ".join(str(p) for p in written)
    )


class _NoticeHandler(logging.Handler):
    """Library notices (`natprog` logger) as one line each on stderr, like the errors."""

    def emit(self, record: logging.LogRecord) -> None:
        _err(f"natprog: {' '.join(record.getMessage().split())}")


def _io_failure(error: OSError) -> str:
    reason = error.strerror or type(error).__name__
    return (
        f"cannot write the output ({reason}): free some space, check the permissions, or "
        "send the output somewhere else"
    )


def _drop_stdout() -> None:
    """Point a failed stdout at /dev/null, so the interpreter's last flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # pytest's captured stdout has no descriptor
        pass


def _debug_first(args: list[str]) -> list[str]:
    """`--debug` is natprog's own option; accept it anywhere (`natprog extract x --debug`)."""
    end = args.index("--") if "--" in args else len(args)
    if "--debug" not in args[:end]:
        return list(args)
    rest = [arg for arg in args[:end] if arg != "--debug"] + list(args[end:])
    return ["--debug", *rest]


INTERRUPTED = "natprog: interrupted (no output was left half-written)"


def _tune_garbage_collector() -> None:
    """A command lives for one run: collecting cyclic garbage every 700 allocations cost a
    fifth of a large draft's time (blocks, findings and openpyxl cells are long-lived, not
    garbage). Objects made at start-up are frozen out of collection and the young generation
    is collected less often; batch workers, forked from here, inherit both."""
    gc.freeze()
    gc.set_threshold(20_000, 50, 100)


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI and map every error to one line and one exit code.

    This is the one place where exceptions become exit codes (`errors.ExitCode`).
    """
    args = _debug_first(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    _tune_garbage_collector()
    logger = logging.getLogger("natprog")
    handler = _NoticeHandler(logging.INFO)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    propagate, logger.propagate = logger.propagate, False
    try:
        # SIGTERM/SIGHUP end a run like Ctrl-C: staging folders removed, workers stopped.
        with signals_interrupt():
            code = cli.main(args=args, prog_name="natprog", standalone_mode=False)
        sys.stdout.flush()  # a full disk or closed pipe on stdout is reported here, not lost
        if isinstance(code, int):  # click returns the code of --help/--version exits
            return code
    except click.exceptions.Abort:
        _err(INTERRUPTED)
        return int(ExitCode.INTERRUPTED)
    except click.exceptions.ClickException as error:  # usage errors from click itself
        context = getattr(error, "ctx", None)
        hint = f" (see `{context.command_path} --help`)" if context is not None else ""
        _err(f"natprog: {error.format_message()}{hint}")
        return int(ExitCode.USAGE)
    except NatprogError as error:
        _err(f"natprog: {error.one_line()}")
        return int(error.exit_code)
    except SystemExit as exit_:
        return int(exit_.code or 0) if not isinstance(exit_.code, str) else 1
    except OSError as error:  # writing stdout or an output the library did not wrap: never a bug
        _err(f"natprog: {OutputError(_io_failure(error)).one_line()}")
        _drop_stdout()
        return int(ExitCode.CANNOT_WRITE)
    except KeyboardInterrupt:
        _err(INTERRUPTED)
        return int(ExitCode.INTERRUPTED)
    except Exception as error:  # a bug: one line, and the traceback only when asked for
        if debug:
            traceback.print_exc()
        _err(f"natprog: {internal_error(error).one_line()}")
        return int(ExitCode.INTERNAL)
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
    return 0


def entry() -> None:
    """The `natprog` console script (and `python -m natprog`).

    It leaves with `os._exit` once `main()` has returned: tearing the interpreter down (freeing
    the dictionary, the document trees and every module one object at a time) took ~70 ms of a
    0.6 s `extract`, and nothing natprog does waits for it. By then every output is closed and
    in place, staging folders are gone, workers are joined, databases are closed (all in
    `with`/`finally` blocks, none in atexit handlers); the streams are flushed and logging shut
    down here. Library callers and the tests call `main()`, which returns normally;
    tests/test_startup.py checks the command's exit codes and output through this exit.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: main() said so already
            stream.flush()
    logging.shutdown()
    os._exit(code)


__all__ = ["cli", "entry", "main", "UsageError"]
