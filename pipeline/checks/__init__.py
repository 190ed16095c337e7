"""Checks: the proofreading stage. Each module registers small checks with stable codes.

`run_checks` runs every registered check (or only text-level ones in text-only mode) and
returns the findings in document order.
"""

from __future__ import annotations

import pkgutil
from importlib import import_module

from ..models import Document, Finding, Programme
from ..options import Options
from .registry import CHECKS, RULES, CheckContext, Rule, check

# Every module of this package registers its checks on import; a new module needs no edit here.
for _module in sorted(info.name for info in pkgutil.iter_modules(__path__)):
    if _module != "registry":
        import_module(f"{__name__}.{_module}")

__all__ = ["CHECKS", "RULES", "CheckContext", "Rule", "check", "run_checks"]


def run_checks(document: Document, programme: Programme | None, options: Options) -> list[Finding]:
    context = CheckContext(document, programme, options)
    for registered in CHECKS:
        if programme is None and registered.scope != "text":
            continue
        registered.func(context)
    return sorted(context.findings, key=Finding.sort_key)
