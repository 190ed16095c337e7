"""The short table of counts printed on stderr after `extract` (and `check`), with rich.

Colour only when stderr is a terminal (rich decides, and honours NO_COLOR); plain text otherwise.
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TextIO

from ..models import SEVERITIES

_STYLES = {"error": "bold red", "warning": "yellow", "info": "blue"}
_HEADERS = {"error": "errors", "warning": "warnings", "info": "info"}
MAX_CODES = 12


@dataclass
class _Table:
    """A table as both renderers take it: columns (header, justify), rows of (text, severity)
    cells (a severity colours a count on a terminal), and which rows are bold."""

    columns: list[tuple[str, str]]
    rows: list[list[tuple[str, str | None]]] = field(default_factory=list)
    bold: set[int] = field(default_factory=set)
    dim: set[int] = field(default_factory=set)  # columns shown dim on a terminal
    fold: set[int] = field(default_factory=set)  # columns that wrap when the table is too wide


def _tables(summaries: Iterable[tuple[str, dict]]) -> list[_Table]:
    """A table of counts per file (and a total row for several), then one of counts per code.

    `summaries` are (label, summary) pairs, the summary being `Result.summary()`.
    """
    summaries = list(summaries)
    names = ("activities", "findings", *(_HEADERS[s] for s in SEVERITIES))
    files = _Table([("file", "left"), *((name, "right") for name in names)], fold={0})
    total: Counter = Counter()
    codes: Counter = Counter()
    for label, summary in summaries:
        severities = summary.get("by_severity") or {}
        files.rows.append(
            [
                (label, None),
                (str(summary.get("activities", 0)), None),
                (str(summary.get("findings", 0)), None),
                *((str(severities.get(s, 0)), s) for s in SEVERITIES),
            ]
        )
        total.update({"activities": summary.get("activities", 0)})
        total.update({"findings": summary.get("findings", 0)})
        total.update(severities)
        codes.update(summary.get("by_code") or {})
    if len(summaries) > 1:
        files.bold.add(len(files.rows))
        files.rows.append(
            [
                ("total", None),
                (str(total["activities"]), None),
                (str(total["findings"]), None),
                *((str(total[s]), s) for s in SEVERITIES),
            ]
        )
    tables = [files]
    if codes:
        by_code = _Table(
            [("code", "left"), ("count", "right"), ("what", "left")], dim={2}, fold={2}
        )
        titles = _titles()
        ranked = sorted(codes.items(), key=lambda item: (-item[1], item[0]))
        for code, number in ranked[:MAX_CODES]:
            by_code.rows.append([(code, None), (str(number), None), (titles.get(code, ""), None)])
        if len(ranked) > MAX_CODES:
            rest = sum(number for _, number in ranked[MAX_CODES:])
            more = f"… {len(ranked) - MAX_CODES} more codes"
            by_code.rows.append([(more, None), (str(rest), None), ("", None)])
        tables.append(by_code)
    return tables


def summary_tables(summaries: Iterable[tuple[str, dict]]) -> list:
    """The tables of `_tables` as rich tables."""
    return _rich_tables(_tables(summaries))


def _rich_tables(tables: list[_Table]) -> list:
    from rich.table import Table

    out = []
    for table in tables:
        shown = Table(box=None, pad_edge=False, header_style="bold")
        for number, (header, justify) in enumerate(table.columns):
            shown.add_column(
                header,
                justify=justify,  # type: ignore[arg-type]
                style="dim" if number in table.dim else None,
                overflow="fold" if number in table.fold else "ellipsis",
            )
        for number, row in enumerate(table.rows):
            cells = [_count(int(text), severity) if severity else text for text, severity in row]
            shown.add_row(*cells, style="bold" if number in table.bold else None)
        out.append(shown)
    return out


def print_summary(summaries: Iterable[tuple[str, dict]], file: TextIO | None = None) -> None:
    """Print the counts on `file` (stderr by default): data goes to stdout, this does not.

    Through rich on a terminal (colour) or when the table is too wide for the width rich would
    use (rich folds the long cells); otherwise as the same plain text rich would print, without
    importing rich (~20 ms of every `extract`; tests/test_terminal.py compares the two).
    """
    out = file or sys.stderr
    tables = _tables(summaries)
    plain = plain_text(tables, out)
    if plain is not None:
        out.write(plain)
        return
    from rich.console import Console

    console = Console(file=out, highlight=False, soft_wrap=False)
    for table in _rich_tables(tables):
        console.print(table)


# Characters one cell wide that rich's markup leaves alone: Latin, Greek, Cyrillic, digits and
# common punctuation (`[` starts markup; wide or combining characters need rich's cell widths).
_PLAIN_CHARS = re.compile(
    r"[\x20-\x5a\x5c\x5e-\x7e\u00a0-\u02ff\u0370-\u052f\u2010-\u2027\u2030-\u205e]*"
)


def plain_text(tables: list[_Table], out: TextIO) -> str | None:
    """The tables as rich prints them to a file that is not a terminal, or None when rich would
    colour them (a terminal, FORCE_COLOR, TTY_COMPATIBLE=1) or fold them (wider than its width),
    or a cell holds a character whose width or markup rich decides."""
    if _rich_sees_a_terminal(out):
        return None
    width = _rich_width()
    lines: list[str] = []
    for table in tables:
        texts = [[header for header, _ in table.columns], *[[t for t, _ in r] for r in table.rows]]
        if not all(_PLAIN_CHARS.fullmatch(text) for row in texts for text in row):
            return None
        widths = [max(len(row[i]) for row in texts) for i in range(len(table.columns))]
        if sum(widths) + 2 * (len(widths) - 1) > width:
            return None
        for row in texts:
            cells = [
                text.rjust(w) if justify == "right" else text.ljust(w)
                for text, w, (_, justify) in zip(row, widths, table.columns, strict=True)
            ]
            lines.append("  ".join(cells))
    return "".join(line + "\n" for line in lines)


def _rich_sees_a_terminal(out: TextIO) -> bool:
    """rich's `Console.is_terminal` for `out` (rich 13–15), without importing rich."""
    compatible = os.environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force = os.environ.get("FORCE_COLOR")
    if force is not None:
        return force != ""
    isatty = getattr(out, "isatty", None)
    try:
        return bool(isatty()) if isatty is not None else False
    except ValueError:
        return False


def _rich_width() -> int:
    """rich's console width off a terminal: a standard stream's terminal size, COLUMNS, or 80."""
    width = None
    for descriptor in (0, 1, 2):
        try:
            width = os.get_terminal_size(descriptor).columns
        except (AttributeError, ValueError, OSError):
            continue
        break
    columns = os.environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        width = int(columns)
    return width or 80


def _count(number: int, severity: str) -> str:
    return f"[{_STYLES[severity]}]{number}[/]" if number else "0"


def _titles() -> dict[str, str]:
    """Titles of the rules registered so far, the proofreading ones always: the codes in a
    summary come from checks that ran (importing the diff checks as well, as `titles` does for
    the report, cost `extract` ~8 ms for codes it never prints)."""
    from .. import checks  # noqa: F401  (registers the proofreading rules, if not yet done)
    from ..findings import RULES

    return {code: rule.title for code, rule in RULES.items()}
