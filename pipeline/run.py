"""The orchestrator: ingest → parse → normalize → abbreviations → checks, then emit.

Reads like the recipe it is; each stage returns a new artefact and changes nothing it was given.
"""

from __future__ import annotations

from pathlib import Path

from .abbreviations import resolve_abbreviations
from .checks import run_checks
from .emit import emit
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
) -> tuple[Result, list[Path]]:
    """Process one draft and write its outputs into `outdir`."""
    result = process(path, options)
    return result, emit(result, Path(outdir), formats)
