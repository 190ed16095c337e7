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
    *,
    own_folder: bool = False,
) -> tuple[Result, list[Path]]:
    """Process one draft and write its outputs into `outdir` (with `own_folder`, a folder of
    this draft's outputs only, replaced whole)."""
    from .emit import emit

    result = process(path, options)
    return result, emit(result, Path(outdir), formats, own_folder=own_folder)
