"""The short table of counts printed on stderr after `extract` (and `check`), with rich.

Colour only when stderr is a terminal (rich decides, and honours NO_COLOR); plain text otherwise.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable
from typing import TextIO

from ..models import SEVERITIES

_STYLES = {"error": "bold red", "warning": "yellow", "info": "blue"}
_HEADERS = {"error": "errors", "warning": "warnings", "info": "info"}
MAX_CODES = 12


def summary_tables(summaries: Iterable[tuple[str, dict]]) -> list:
    """A table of counts per file (and a total row for several), then one of counts per code.

    `summaries` are (label, summary) pairs, the summary being `Result.summary()`.
    """
    from rich.table import Table

    summaries = list(summaries)
    files = Table(box=None, pad_edge=False, header_style="bold")
    files.add_column("file", overflow="fold")
    for name in ("activities", "findings", *(_HEADERS[s] for s in SEVERITIES)):
        files.add_column(name, justify="right")
    total: Counter = Counter()
    codes: Counter = Counter()
    for label, summary in summaries:
        severities = summary.get("by_severity") or {}
        files.add_row(
            label,
            str(summary.get("activities", 0)),
            str(summary.get("findings", 0)),
            *(_count(severities.get(s, 0), s) for s in SEVERITIES),
        )
        total.update({"activities": summary.get("activities", 0)})
        total.update({"findings": summary.get("findings", 0)})
        total.update(severities)
        codes.update(summary.get("by_code") or {})
    if len(summaries) > 1:
        files.add_row(
            "total",
            str(total["activities"]),
            str(total["findings"]),
            *(_count(total[s], s) for s in SEVERITIES),
            style="bold",
        )
    tables = [files]
    if codes:
        by_code = Table(box=None, pad_edge=False, header_style="bold")
        by_code.add_column("code")
        by_code.add_column("count", justify="right")
        by_code.add_column("what", style="dim", overflow="fold")
        titles = _titles()
        ranked = sorted(codes.items(), key=lambda item: (-item[1], item[0]))
        for code, number in ranked[:MAX_CODES]:
            by_code.add_row(code, str(number), titles.get(code, ""))
        if len(ranked) > MAX_CODES:
            rest = sum(number for _, number in ranked[MAX_CODES:])
            by_code.add_row(f"… {len(ranked) - MAX_CODES} more codes", str(rest), "")
        tables.append(by_code)
    return tables


def print_summary(summaries: Iterable[tuple[str, dict]], file: TextIO | None = None) -> None:
    """Print the counts on `file` (stderr by default): data goes to stdout, this does not."""
    from rich.console import Console

    console = Console(file=file or sys.stderr, highlight=False, soft_wrap=False)
    for table in summary_tables(summaries):
        console.print(table)


def _count(number: int, severity: str) -> str:
    return f"[{_STYLES[severity]}]{number}[/]" if number else "0"


def _titles() -> dict[str, str]:
    from .titles import rule_titles  # the check modules load only when there is a table to print

    return rule_titles()
