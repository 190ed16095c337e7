"""The Bulgarian title of every finding code, for reports, the terminal table and the diff page.

Importing the check modules and the diff checks fills the one rule table (`findings.RULES`).
"""

from __future__ import annotations

from .. import checks  # noqa: F401  (registers the proofreading rules)
from ..diff.findings import DIFF_CHECKS  # noqa: F401  (registers the diff rules)
from ..findings import RULES


def rule_title(code: str) -> str:
    rule = RULES.get(code)
    return rule.title if rule else code


def rule_titles() -> dict[str, str]:
    return {code: rule.title for code, rule in RULES.items()}
