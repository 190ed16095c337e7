"""The `natprog` command: a thin click layer over the library.

Only this module imports click. Errors from the library become one line on stderr and the
exit code of their class (`errors.ExitCode`), in `main()` and nowhere else.
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

import click

from . import __version__
from .errors import ExitCode, NatprogError, UsageError
from .options import Limits, Options, load_config, options_from_config


def _build_options(
    config: Path | None,
    revisions: str | None = None,
    pdf_engine: str | None = None,
    limits: dict | None = None,
    **extra,
) -> Options:
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
            help="PDF reader: pdfplumber (reference) or pypdfium2 (fast); auto picks the fast one.",
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
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def _options_from_kwargs(kwargs: dict, **extra) -> Options:
    limits = {
        "max_file_mb": kwargs.pop("max_file_mb", None),
        "max_unzipped_mb": kwargs.pop("max_unzipped_mb", None),
        "max_ratio": kwargs.pop("max_ratio", None),
        "max_pages": kwargs.pop("max_pages", None),
    }
    glossary = kwargs.pop("glossary", None)
    if glossary is not None:
        extra.setdefault("glossary_path", glossary)
    return _build_options(
        kwargs.pop("config", None),
        kwargs.pop("revisions", None),
        kwargs.pop("pdf_engine", None),
        limits,
        **extra,
    )


def _err(message: str) -> None:
    click.echo(message, err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="natprog")
@click.option("--debug", is_flag=True, help="Show the full traceback of an internal error.")
def cli(debug: bool) -> None:
    """Turn national anti-trafficking programme drafts (DOCX, PDF, TXT) into data and proofread them."""


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "outdir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("outputs"),
    show_default=True,
    help="Folder for the outputs.",
)
@input_options
def extract(files: tuple[Path, ...], outdir: Path, **kwargs) -> None:
    """Extract each draft into DIR/<stem>.json, .xlsx and .activities.csv (and the other outputs)."""
    from .run import extract as run_extract

    options = _options_from_kwargs(kwargs)
    failures: list[NatprogError] = []
    for path in files:
        try:
            result, written = run_extract(path, outdir, options)
        except NatprogError as error:
            if error.path is None:
                error.path = str(path)
            _err(f"natprog: {error.one_line()}")
            failures.append(error)
            continue
        summary = result.to_dict()["summary"]
        _err(
            f"{path}: {summary['activities']} activities, {summary['findings']} findings → "
            + ", ".join(str(p) for p in written)
        )
    if failures:
        raise SystemExit(int(failures[0].exit_code))


# --- `natprog check` (proofreading, issue 4) goes here -------------------------------------


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
    from .abbreviations.report import render
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


# --- `natprog diff` (issue 9) goes here ---------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI and map every error to one line and one exit code."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        code = cli.main(args=args, prog_name="natprog", standalone_mode=False)
        if isinstance(code, int):  # click returns the code of --help/--version exits
            return code
    except click.exceptions.Abort:
        _err("natprog: interrupted")
        return 130
    except click.exceptions.ClickException as error:  # usage errors from click itself
        _err(f"natprog: {error.format_message()}")
        return int(ExitCode.USAGE)
    except NatprogError as error:
        _err(f"natprog: {error.one_line()}")
        return int(error.exit_code)
    except SystemExit as exit_:
        return int(exit_.code or 0) if not isinstance(exit_.code, str) else 1
    except KeyboardInterrupt:
        _err("natprog: interrupted")
        return 130
    except Exception as error:  # a bug: one line, and the traceback only when asked for
        if debug:
            traceback.print_exc()
        _err(
            f"natprog: internal error ({type(error).__name__}: {error}); rerun with --debug for the traceback"
        )
        return int(ExitCode.INTERNAL)
    return 0


__all__ = ["cli", "main", "UsageError"]
