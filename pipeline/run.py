"""The orchestrator: ingest → parse → normalize → abbreviations → checks, then emit.

Reads like the recipe it is; each stage returns a new artefact and changes nothing it was given.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .abbreviations import resolve_abbreviations
from .checks import run_checks
from .emit import emit, start_sidecar
from .ingest import ingest
from .models import Result
from .normalize import normalize
from .options import Options
from .parse import parse
from .project import validate_codes


def process(path: Path | str, options: Options | None = None) -> Result:
    """Read, parse, normalize and proofread one draft."""
    options = options or Options()
    validate_codes([*options.severities, *options.disabled], "options")
    document = ingest(path, options)
    if options.text_only:
        return Result(document, None, run_checks(document, None, options), options)
    parsed = parse(document)
    normalized = normalize(parsed)
    resolved = resolve_abbreviations(normalized, options)
    findings = run_checks(document, resolved, options)
    return Result(document, resolved, findings, options)


def extract(
    path: Path | str,
    outdir: Path | str,
    options: Options | None = None,
    formats: tuple[str, ...] | None = None,
    *,
    own_folder: bool = False,
    parallel: bool = False,
) -> tuple[Result, list[Path]]:
    """Process one draft and write its outputs into `outdir` (with `own_folder`, a folder of
    this draft's outputs only, replaced whole; with `parallel`, the workbook and the report by
    a child forked before the draft is read, see `emit.sidecar`)."""
    sidecar = start_sidecar() if parallel else None
    try:
        result = process(path, options)
        written = emit(result, Path(outdir), formats, own_folder=own_folder, sidecar=sidecar)
    finally:
        if sidecar is not None:
            sidecar.stop()  # an unreadable draft: the child has nothing to write
    return result, written


def fix(
    path: Path | str, outdir: Path | str, options: Options | None = None
) -> tuple[Result, list, list[Path]]:
    """Proofread one Word draft and write `<stem>.corrected.docx` (confident fixes as tracked
    changes, every other finding a comment) and its report, which marks the changes."""
    # Imported here: only `natprog fix` needs them, and they cost every other run ~20 ms.
    from .emit import staging
    from .emit.atomic import fsync_dir, write_bytes, write_text
    from .emit.corrections import correct_docx, read_docx_again, require_word_file
    from .emit.html_report import render_report
    from .errors import OutputError

    require_word_file(path)
    result = process(path, options)
    raw = read_docx_again(result)  # before any output: a PDF or a changed file writes nothing
    data = result.to_dict()
    options = result.options
    corrected, outcomes = correct_docx(raw, data, options.fix, options.revisions)
    report = render_report(data, [outcome.to_dict() for outcome in outcomes])
    outdir = Path(outdir)
    names = (f"{result.stem}.corrected.docx", f"{result.stem}.report.html")
    try:
        # Staged and moved in as one pair, as `extract` does: a reader sees the old pair or
        # the new one, never a new copy beside an old report, even if the run is killed.
        outdir.mkdir(parents=True, exist_ok=True)
        staging.clean_stale(outdir)
        stage = staging.make(outdir)
        try:
            write_bytes(stage / names[0], corrected)
            write_text(stage / names[1], report)
            staging.move_in(stage, outdir)
            fsync_dir(outdir)
        finally:
            shutil.rmtree(stage, ignore_errors=True)
    except OSError as exc:
        raise OutputError(
            f"cannot write to {outdir} ({exc.strerror or exc}): free some space, check the "
            "folder's permissions, or choose another folder with -o"
        ) from None
    written = [outdir / name for name in names]
    return result, outcomes, written
