"""The project file, `natprog.toml`: read into `Options`, checked against the one table of rules.

Every finding code the file names must exist among the rules that the proofreading checks and
the diff checks register (`findings.RULES`). `--add-word` edits the file with tomlkit, so the
user's comments and layout survive.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import fields, replace
from pathlib import Path

from .errors import ConfigError, UsageError
from .findings import RULES, Rule, unknown_codes
from .options import SEVERITY_NAMES, FixOptions, Limits, Options

CONFIG_NAME = "natprog.toml"
KNOWN_SETTINGS = (
    "accept", "disable", "fix", "glossary", "limits", "ocr", "pdf_engine", "revisions", "severity",
)  # fmt: skip


def rule_table() -> dict[str, Rule]:
    """Every finding rule natprog has: the proofreading checks' and the diff checks'."""
    from . import checks  # noqa: F401  (importing registers the rules)
    from .diff.findings import DIFF_CHECKS  # noqa: F401

    return RULES


def validate_codes(codes: Iterable[str], where: Path | str) -> None:
    """Every code or family named must exist: a typo must not pass silently."""
    codes = list(codes)
    if not codes:
        return
    rule_table()
    unknown = unknown_codes(codes)
    if unknown:
        raise ConfigError(
            f"{where}: unknown finding code(s): {', '.join(unknown)}; "
            f"`natprog check --list-checks` or the README lists the codes"
        )


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
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a folder; --config takes a natprog.toml file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}): fix the line it names") from None


def options_from_config(
    config: dict, base: Options | None = None, path: Path | None = None
) -> Options:
    """Overlay the project file on `base`. Unknown keys are an error: typos must not pass silently."""
    base = base or Options()
    where = path or CONFIG_NAME
    unknown = set(config) - set(KNOWN_SETTINGS)
    if unknown:
        raise ConfigError(
            f"{where}: unknown setting(s): {', '.join(sorted(unknown))}; "
            f"known: {', '.join(KNOWN_SETTINGS)}"
        )
    severities = dict(base.severities)
    for code, severity in _flatten(config.get("severity") or {}, where):
        if severity not in SEVERITY_NAMES:
            raise ConfigError(f"{where}: severity of {code} must be error, warning or info")
        severities[code] = severity
    disable = config.get("disable", [])
    if isinstance(disable, str) or not all(isinstance(code, str) for code in disable):
        raise ConfigError(
            f'{where}: disable must be a list of codes, e.g. disable = ["text.spacing"]'
        )
    validate_codes([*severities, *disable], where)
    accept = config.get("accept") or {}
    words = accept.get("words", []) if isinstance(accept, dict) else accept
    if isinstance(words, str) or not all(isinstance(word, str) for word in words):
        raise ConfigError(f'{where}: [accept] words must be a list, e.g. words = ["Анимус"]')
    limits = base.limits
    if config.get("limits"):
        names = ", ".join(item.name for item in fields(Limits))
        try:
            limits = replace(limits, **config["limits"])
        except TypeError as exc:
            raise ConfigError(f"{where}: [limits]: {exc}; the limits are {names}") from None
        except UsageError as exc:
            raise ConfigError(f"{where}: [limits]: {exc.message}") from None
    glossary = config.get("glossary")
    try:
        return replace(
            base,
            severities=severities,
            disabled=base.disabled | frozenset(disable),
            accepted_words=base.accepted_words | frozenset(words),
            limits=limits,
            glossary_path=Path(glossary) if glossary else base.glossary_path,
            revisions=config.get("revisions", base.revisions),
            pdf_engine=config.get("pdf_engine", base.pdf_engine),
            ocr=config.get("ocr", base.ocr),
            config_path=path,
            fix=_fix_options(config.get("fix"), base.fix, where),
        )
    except UsageError as exc:
        raise ConfigError(f"{where}: {exc.message}") from None


def _fix_options(table: dict | None, base: FixOptions, where: Path | str) -> FixOptions:
    """`[fix]`: `apply = ["spelling", "text.spacing"]` and `min_confidence = 0.8`."""
    if not table:
        return base
    if not isinstance(table, dict) or set(table) - {"apply", "min_confidence"}:
        raise ConfigError(f"{where}: [fix] takes apply (a list of codes) and min_confidence (0..1)")
    apply = table.get("apply", base.apply)
    if isinstance(apply, str) or not all(isinstance(code, str) for code in apply or ()):
        raise ConfigError(f'{where}: [fix] apply must be a list of codes, e.g. ["text.spacing"]')
    return FixOptions(
        tuple(apply) if apply is not None else None,
        table.get("min_confidence", base.min_confidence),
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


# -- `natprog check --add-word`: the project file's accepted words ---------------------------


def add_accepted_words(path: Path, words: Iterable[str]) -> list[str]:
    """Append words to `[accept] words` of the project file (created if absent); returns the
    words that were new. Comments, order and the rest of the file are kept as written."""
    import tomlkit

    from .emit.atomic import write_text

    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    try:
        document = tomlkit.parse(text)
    except tomlkit.exceptions.ParseError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}): fix the line it names") from None
    accept = document.get("accept")
    if accept is None:
        accept = tomlkit.table()
        document["accept"] = accept
    elif not isinstance(accept, dict):
        raise ConfigError(f"{path}: accept must be a table ([accept] with words = [...])")
    current = [str(word) for word in accept.get("words", [])]
    new = [w for w in dict.fromkeys(w.strip() for w in words) if w and w not in current]
    if not new:
        return []
    listed = accept.get("words")
    if listed is None:
        listed = tomlkit.array()
        listed.multiline(True)
        accept["words"] = listed
    for word in new:
        listed.append(word)
    write_text(path, tomlkit.dumps(document))
    return new
