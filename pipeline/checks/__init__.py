"""Checks: the proofreading stage. Each module registers small checks with stable codes.

`run_checks` runs every registered check (or only text-level ones in text-only mode) and
returns the findings in document order.
"""

from __future__ import annotations

from ..models import Document, Finding, Programme
from ..options import Options
from . import script, structure  # noqa: F401  (registration)
from .registry import CHECKS, RULES, CheckContext, Rule, check

__all__ = ["CHECKS", "RULES", "CheckContext", "Rule", "check", "run_checks"]


def run_checks(document: Document, programme: Programme | None, options: Options) -> list[Finding]:
    context = CheckContext(document, programme, options)
    for registered in CHECKS:
        if programme is None and registered.scope != "text":
            continue
        registered.func(context)
    return sorted(context.findings, key=Finding.sort_key)
