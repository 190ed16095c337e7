"""Run options: one typed object instead of loose arguments, checked when it is built.

The CLI and the project file (`project.py`) build an `Options`; library users can build one
directly, and a wrong value fails at once with a `UsageError` instead of being ignored later.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Literal, get_args

from .errors import UsageError

Revisions = Literal["accepted", "original"]
PdfEngine = Literal["auto", "pdfplumber", "pdfium"]
OcrMode = Literal["auto", "always", "never"]
SEVERITY_NAMES = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Limits:
    """Safety limits for untrusted input; each can be raised from the CLI or the project file."""

    max_file_mb: float = 100.0  # size of the input file
    max_unzipped_mb: float = 300.0  # total uncompressed size of a DOCX/ODT
    max_ratio: float = 200.0  # uncompressed/compressed size of any ZIP member
    max_pages: int = 2000  # PDF pages
    # The work, not only the bytes: a small file can still hold a million empty paragraphs.
    max_paragraphs: int = 30_000  # paragraphs (DOCX) or lines with text (TXT); 2012 draft: 782
    max_cells: int = 100_000  # DOCX table cells
    max_runs: int = 500_000  # DOCX runs (stretches of equal formatting)
    max_chars: int = 2_000_000  # characters of text, any format (~1,000 pages)
    max_xml_elements: int = 2_000_000  # elements of word/document.xml (2012 draft: ~12,000)
    max_stream_mb: float = 64.0  # PDF: what its compressed streams (images aside) inflate to

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise UsageError(f"limit {item.name} must be a number, got {value!r}")
            if not (value > 0 and math.isfinite(value)):
                raise UsageError(f"limit {item.name} must be a positive number, got {value!r}")


def _one_of(name: str, value: object, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise UsageError(f"{name} must be one of {', '.join(allowed)}, got {value!r}")


@dataclass(frozen=True, slots=True)
class FixOptions:
    """What `natprog fix` turns into tracked changes: these codes, when this sure or surer."""

    apply: tuple[str, ...] | None = None  # codes or families; None: emit.fixes.DEFAULT_APPLY
    min_confidence: float = 0.75  # 0..1, see emit/fixes.py for how each code is rated

    def __post_init__(self) -> None:
        confidence = self.min_confidence
        if isinstance(confidence, bool) or not isinstance(confidence, int | float):
            raise UsageError(f"min_confidence must be a number between 0 and 1, got {confidence!r}")
        if not 0 <= confidence <= 1:
            raise UsageError(f"min_confidence must be between 0 and 1, got {confidence}")


@dataclass(frozen=True, slots=True)
class Options:
    revisions: Revisions = "accepted"
    pdf_engine: PdfEngine = "auto"
    limits: Limits = field(default_factory=Limits)
    severities: dict[str, str] = field(default_factory=dict)  # code -> severity override
    disabled: frozenset[str] = frozenset()  # codes (or families like "spelling") switched off
    accepted_words: frozenset[str] = frozenset()
    glossary_path: Path | None = None  # master glossary; None: the project's abbreviations.csv
    text_only: bool = False
    config_path: Path | None = None
    # Scanned pages: `auto` reads pages without a text layer with OCR, `always` every page.
    ocr: OcrMode = "auto"
    # Told (pages done, pages in all) as OCR reads a scan: the CLI's progress bar. Not an option
    # that shapes outputs, so it is left out of comparisons and the batch cache key.
    progress: Callable[[int, int], None] | None = field(default=None, compare=False, repr=False)
    # False in a batch without --follow-symlinks: a file swapped for a link after the folder
    # was listed is then refused when opened (O_NOFOLLOW), not read.
    follow_symlinks: bool = True
    fix: FixOptions = field(default_factory=FixOptions)

    def __post_init__(self) -> None:
        _one_of("revisions", self.revisions, get_args(Revisions))
        _one_of("pdf_engine", self.pdf_engine, get_args(PdfEngine))
        _one_of("ocr", self.ocr, get_args(OcrMode))
        if not isinstance(self.limits, Limits):
            raise UsageError("limits must be a Limits object")
        for code, severity in self.severities.items():
            _one_of(f"the severity of {code}", severity, SEVERITY_NAMES)
        # Sets given as lists or tuples are accepted (and frozen) for convenience.
        object.__setattr__(self, "disabled", frozenset(self.disabled))
        object.__setattr__(self, "accepted_words", frozenset(self.accepted_words))

    def with_(self, **changes) -> Options:
        return replace(self, **changes)
