"""The orchestrator: ingest → parse → normalize → abbreviations → checks, then emit. Reads like the recipe it is."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .models import Document, Finding, Programme
from .options import Options


@dataclass(slots=True)
class Result:
    """Everything one run knows about one input; every emitter starts from `to_dict()`."""

    document: Document
    programme: Programme | None
    findings: list[Finding]
    options: Options

    @property
    def stem(self) -> str:
        return Path(self.document.path).stem

    def to_dict(self) -> dict:
        from .emit.serialize import result_to_dict

        return result_to_dict(self)

    def summary(self) -> dict:
        """The `summary` part of `to_dict()`, without serializing the rest again."""
        from .emit.serialize import summarize

        return summarize(self)


def process(path: Path | str, options: Options | None = None) -> Result:
    """Read, parse, normalize and proofread one draft."""
    from .abbreviations import resolve_abbreviations
    from .checks import run_checks
    from .ingest import ingest
    from .normalize import normalize
    from .parse import parse

    options = options or Options()
    document = ingest(path, options)
    programme = None
    if not options.text_only:
        programme = resolve_abbreviations(document, normalize(parse(document)), options)
    findings = run_checks(document, programme, options)
    return Result(document, programme, findings, options)


def extract(
    path: Path | str,
    outdir: Path | str,
    options: Options | None = None,
    formats: tuple[str, ...] | None = None,
) -> tuple[Result, list[Path]]:
    """Process one draft and write its outputs into `outdir`."""
    from .emit import emit

    result = process(path, options)
    return result, emit(result, Path(outdir), formats)


def fix(
    path: Path | str, outdir: Path | str, options: Options | None = None
) -> tuple[Result, list, list[Path]]:
    """Proofread one Word draft and write `<stem>.corrected.docx` (confident fixes as tracked
    changes, every other finding a comment) and its report, which marks the changes."""
    from .emit.atomic import write_bytes, write_text
    from .emit.corrections import correct_docx, read_docx_again
    from .emit.html_report import render_report
    from .errors import OutputError

    result = process(path, options)
    raw = read_docx_again(result)  # before any output: a PDF or a changed file writes nothing
    data = result.to_dict()
    options = result.options
    corrected, outcomes = correct_docx(
        raw, data, options.fix, options.revisions, result.document.word_walk
    )
    report = render_report(data, [outcome.to_dict() for outcome in outcomes])
    outdir = Path(outdir)
    try:
        written = [
            write_bytes(outdir / f"{result.stem}.corrected.docx", corrected),
            write_text(outdir / f"{result.stem}.report.html", report),
        ]
    except OSError as exc:
        raise OutputError(
            f"cannot write to {outdir} ({exc.strerror or exc}): free some space, check the "
            "folder's permissions, or choose another folder with -o"
        ) from None
    return result, outcomes, written
