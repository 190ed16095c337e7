"""Run options and the project file (`natprog.toml`): one object instead of loose arguments.

The CLI builds an `Options`; library users can build one directly.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from .errors import ConfigError

Revisions = Literal["accepted", "original"]
PdfEngine = Literal["auto", "pdfplumber", "pdfium"]
CONFIG_NAME = "natprog.toml"


@dataclass(frozen=True, slots=True)
class Limits:
    """Safety limits for untrusted input; each can be raised from the CLI or the project file."""

    max_file_mb: float = 100.0  # size of the input file
    max_unzipped_mb: float = 300.0  # total uncompressed size of a DOCX/ODT
    max_ratio: float = 200.0  # uncompressed/compressed size of any ZIP member
    max_pages: int = 2000  # PDF pages


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

    def with_(self, **changes) -> Options:
        return replace(self, **changes)


def load_config(path: Path | None = None, *, cwd: Path | None = None) -> dict:
    """Read `natprog.toml` (or `path`); an absent default file is an empty config."""
    if path is None:
        candidate = (cwd or Path.cwd()) / CONFIG_NAME
        if not candidate.is_file():
            return {}
        path = candidate
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None


def options_from_config(
    config: dict, base: Options | None = None, path: Path | None = None
) -> Options:
    """Overlay the project file on `base`. Unknown keys are an error: typos must not pass silently."""
    base = base or Options()
    known = {"severity", "disable", "accept", "limits", "glossary", "revisions", "pdf_engine"}
    unknown = set(config) - known
    if unknown:
        raise ConfigError(
            f"{path or CONFIG_NAME}: unknown setting(s): {', '.join(sorted(unknown))}"
        )
    severities = dict(base.severities)
    for code, severity in (config.get("severity") or {}).items():
        if severity not in ("error", "warning", "info"):
            raise ConfigError(
                f"{path or CONFIG_NAME}: severity of {code} must be error, warning or info"
            )
        severities[code] = severity
    accept = config.get("accept") or {}
    words = accept.get("words", []) if isinstance(accept, dict) else accept
    limits = base.limits
    if config.get("limits"):
        try:
            limits = replace(limits, **config["limits"])
        except TypeError as exc:
            raise ConfigError(f"{path or CONFIG_NAME}: [limits]: {exc}") from None
    glossary = config.get("glossary")
    return replace(
        base,
        severities=severities,
        disabled=base.disabled | frozenset(config.get("disable", [])),
        accepted_words=base.accepted_words | frozenset(words),
        limits=limits,
        glossary_path=Path(glossary) if glossary else base.glossary_path,
        revisions=config.get("revisions", base.revisions),
        pdf_engine=config.get("pdf_engine", base.pdf_engine),
        config_path=path,
    )
