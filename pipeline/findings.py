"""The findings core: every finding rule in one registry, the user's switches, and the exit code.

Proofreading checks and cross-draft (diff) checks both register their `Rule`s here; the project
file is validated against this one table; `Report` decides the exit code for `extract`,
`check`, `batch` and `diff` alike, so the same findings give the same code whatever the command.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from .errors import ExitCode
from .models import SEVERITIES, Finding, Severity
from .options import Options

FailOn = Literal["error", "warning", "never"]
FAIL_ON: tuple[str, ...] = ("error", "warning", "never")
_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}  # error 0, warning 1, info 2


@dataclass(frozen=True, slots=True)
class Rule:
    """One finding code: its default severity and its Bulgarian title (reports, --list-checks)."""

    code: str
    severity: Severity
    title: str

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"{self.code}: severity must be one of {', '.join(SEVERITIES)}")
        if "." not in self.code:
            raise ValueError(f"{self.code}: a finding code is family.name")

    @property
    def family(self) -> str:
        return self.code.split(".", 1)[0]


# The one table of finding rules, by code. Check modules fill it when they are imported.
RULES: dict[str, Rule] = {}


def register_rules(*rules: Rule) -> None:
    """Add rules to the table; the same code twice with a different meaning is a bug."""
    for rule in rules:
        known = RULES.get(rule.code)
        if known is not None and known != rule:
            raise ValueError(f"finding code {rule.code} registered twice")
        RULES[rule.code] = rule


def families() -> set[str]:
    return {rule.family for rule in RULES.values()}


def unknown_codes(codes: Iterable[str]) -> list[str]:
    """The codes (or families, e.g. `spelling`) that name no registered rule."""
    known_families = families()
    return sorted({code for code in codes if code not in RULES and code not in known_families})


def enabled(code: str, options: Options) -> bool:
    """Off when the user disabled the code or its family."""
    disabled = options.disabled
    return code not in disabled and code.split(".", 1)[0] not in disabled


def severity_of(code: str, options: Options, default: Severity | None = None) -> Severity:
    """The user's severity for `code` (or its family), else `default`, else the rule's."""
    override = options.severities.get(code) or options.severities.get(code.split(".", 1)[0])
    return override or default or RULES[code].severity  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class Outcome:
    """One input of a run: its findings by severity, or the exit code of the error that stopped it."""

    path: str
    counts: Mapping[str, int] = field(default_factory=dict)
    exit_code: int = 0  # the input's own failure (ExitCode), 0 when it was read
    message: str | None = None  # the one-line error

    @classmethod
    def of_findings(cls, path: str, findings: Iterable[Finding]) -> Outcome:
        return cls(path, dict(Counter(finding.severity for finding in findings)))

    @property
    def failed(self) -> bool:
        return self.exit_code != 0

    def count(self, severity: str) -> int:
        return self.counts.get(severity, 0)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(slots=True)
class Report:
    """The outcomes of one run, in input order, and the exit code they earn (black's `Report`).

    A file that could not be read decides first (its own code, the first such file); otherwise
    any finding at or above `fail_on` gives `ExitCode.FINDINGS`; `never` ignores findings.
    """

    fail_on: str = "error"
    outcomes: list[Outcome] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.fail_on not in FAIL_ON:
            raise ValueError(f"fail_on must be one of {', '.join(FAIL_ON)}")

    def add(self, outcome: Outcome) -> Outcome:
        self.outcomes.append(outcome)
        return outcome

    def add_findings(self, path: str, findings: Iterable[Finding]) -> Outcome:
        return self.add(Outcome.of_findings(path, findings))

    def add_failure(self, path: str, exit_code: int, message: str) -> Outcome:
        return self.add(Outcome(path, {}, int(exit_code), message))

    def exit_code(self) -> int:
        for outcome in self.outcomes:
            if outcome.failed:
                return outcome.exit_code
        if self.fail_on == "never":
            return int(ExitCode.OK)
        threshold = _RANK[self.fail_on]
        for outcome in self.outcomes:
            if any(outcome.count(s) for s, rank in _RANK.items() if rank <= threshold):
                return int(ExitCode.FINDINGS)
        return int(ExitCode.OK)


__all__ = [
    "FAIL_ON",
    "RULES",
    "FailOn",
    "Outcome",
    "Report",
    "Rule",
    "enabled",
    "families",
    "register_rules",
    "severity_of",
    "unknown_codes",
]
