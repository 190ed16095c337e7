"""Run options and the project file (`natprog.toml`): one object instead of loose arguments.

The CLI builds an `Options`; library users can build one directly.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable
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
    # The work, not only the bytes: a small file can still hold a million empty paragraphs.
    max_paragraphs: int = 50_000  # paragraphs (DOCX) or lines with text (TXT); 2012 draft: 782
    max_cells: int = 100_000  # DOCX table cells
    max_runs: int = 500_000  # DOCX runs (stretches of equal formatting)
    max_chars: int = 2_000_000  # characters of text, any format (~1,000 pages)
    max_xml_elements: int = 2_000_000  # elements of word/document.xml (2012 draft: ~12,000)
    max_stream_mb: float = 64.0  # PDF: what its compressed streams (images aside) inflate to


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
    # False in a batch without --follow-symlinks: a file swapped for a link after the folder
    # was listed is then refused when opened (O_NOFOLLOW), not read.
    follow_symlinks: bool = True

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
        raise ConfigError(
            f"config file not found: {path}: check the path given to --config"
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}): fix the line it names") from None


def options_from_config(
    config: dict, base: Options | None = None, path: Path | None = None
) -> Options:
    """Overlay the project file on `base`. Unknown keys are an error: typos must not pass silently."""
    base = base or Options()
    known = {"severity", "disable", "accept", "limits", "glossary", "revisions", "pdf_engine"}
    unknown = set(config) - known
    if unknown:
        raise ConfigError(
            f"{path or CONFIG_NAME}: unknown setting(s): {', '.join(sorted(unknown))}; "
            f"known: {', '.join(sorted(known))}"
        )
    where = path or CONFIG_NAME
    severities = dict(base.severities)
    for code, severity in _flatten(config.get("severity") or {}, where):
        if severity not in ("error", "warning", "info"):
            raise ConfigError(f"{where}: severity of {code} must be error, warning or info")
        severities[code] = severity
    disable = config.get("disable", [])
    if isinstance(disable, str) or not all(isinstance(code, str) for code in disable):
        raise ConfigError(
            f'{where}: disable must be a list of codes, e.g. disable = ["text.spacing"]'
        )
    _check_codes([*severities, *disable], where)
    accept = config.get("accept") or {}
    words = accept.get("words", []) if isinstance(accept, dict) else accept
    if isinstance(words, str) or not all(isinstance(word, str) for word in words):
        raise ConfigError(f'{where}: [accept] words must be a list, e.g. words = ["Анимус"]')
    limits = base.limits
    if config.get("limits"):
        try:
            limits = replace(limits, **config["limits"])
        except TypeError as exc:
            raise ConfigError(
                f"{path or CONFIG_NAME}: [limits]: {exc}; the limits are "
                + ", ".join(Limits.__slots__)
            ) from None
    glossary = config.get("glossary")
    return replace(
        base,
        severities=severities,
        disabled=base.disabled | frozenset(disable),
        accepted_words=base.accepted_words | frozenset(words),
        limits=limits,
        glossary_path=Path(glossary) if glossary else base.glossary_path,
        revisions=config.get("revisions", base.revisions),
        pdf_engine=config.get("pdf_engine", base.pdf_engine),
        config_path=path,
    )


def _flatten(table: dict, where: Path | str, prefix: str = "") -> list[tuple[str, str]]:
    """`[severity]` entries as (code, severity). An unquoted `spelling.unknown_word = "info"`
    is a nested table in TOML; it means the same as the quoted key."""
    out = []
    for key, value in table.items():
        code = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            out += _flatten(value, where, code)
        elif isinstance(value, str):
            out.append((code, value))
        else:
            raise ConfigError(f"{where}: severity of {code} must be error, warning or info")
    return out


def _check_codes(codes: Iterable[str], where: Path | str) -> None:
    """Every code or family named in the project file exists: a typo must not pass silently."""
    codes = list(codes)
    if not codes:
        return
    from .checks import RULES  # the registry; imported here to keep this module light

    families = {code.split(".", 1)[0] for code in RULES}
    unknown = sorted({code for code in codes if code not in RULES and code not in families})
    if unknown:
        raise ConfigError(
            f"{where}: unknown finding code(s): {', '.join(unknown)}; "
            f"known: {', '.join(sorted(RULES))}"
        )


# -- `natprog check --add-word`: the project file's accepted words ---------------------------

_TABLE = re.compile(r"^\s*\[([^\]]+)\]\s*(?:#.*)?$", re.MULTILINE)
_WORDS = re.compile(r"^(\s*words\s*=\s*)\[[^\]]*\]", re.MULTILINE)


def _render_words(words: list[str]) -> str:
    return "[\n" + "".join(f"    {json.dumps(w, ensure_ascii=False)},\n" for w in words) + "]"


def add_accepted_words(path: Path, words: Iterable[str]) -> list[str]:
    """Append words to `[accept] words` of the project file (created if absent); returns the
    words that were new. The rest of the file is kept as written."""
    from .emit.atomic import write_text

    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    config = _parse(text, path)
    accept = config.get("accept") or {}
    if not isinstance(accept, dict):
        raise ConfigError(f"{path}: accept must be a table ([accept] with words = [...])")
    current = list(accept.get("words", []))
    new = [w for w in dict.fromkeys(w.strip() for w in words) if w and w not in current]
    if not new:
        return []
    wanted = current + new
    tables = list(_TABLE.finditer(text))
    section = next((m for m in tables if m.group(1).strip() == "accept"), None)
    if section is None:
        text = text.rstrip("\n") + ("\n\n" if text.strip() else "")
        text += f"[accept]\nwords = {_render_words(wanted)}\n"
    else:
        end = next((m.start() for m in tables if m.start() > section.start()), len(text))
        body = text[section.end() : end]
        match = _WORDS.search(body)
        if match:
            body = (
                body[: match.start()] + match.group(1) + _render_words(wanted) + body[match.end() :]
            )
        else:
            body = f"\nwords = {_render_words(wanted)}" + body
        text = text[: section.end()] + body + text[end:]
    if (_parse(text, path).get("accept") or {}).get("words") != wanted:
        raise ConfigError(
            f"{path}: could not add the words safely; add them by hand under [accept] words"
        )
    write_text(path, text)
    return new


def _parse(text: str, path: Path) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}): fix the line it names") from None
