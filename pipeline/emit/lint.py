"""The report of `natprog check`: findings as linter lines or JSON (the exit code: `findings.Report`).

`FILE:LOCATION: SEVERITY code: message (→ suggestion)`, LOCATION leading with what a Word user
can search for — section, activity, field and a quote of the text — then the page (PDF),
paragraph (DOCX) or line (text): `Раздел III, Дейност 13, Финансиране, „…бюдцета…“ (page 12)`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..errors import NatprogError
from ..findings import Outcome, Report
from ..models import SEVERITIES, Finding
from .locate import lead_text


def describe_location(finding: Finding) -> str:
    """`Раздел III, Дейност 13, Финансиране, „…quote…“ (page 12)`: what a reader can search for."""
    return lead_text(finding.to_dict(), language="en")


def finding_line(path: str, finding: Finding) -> str:
    message = " ".join(finding.message.split())
    line = f"{path}:{describe_location(finding)}: {finding.severity} {finding.code}: {message}"
    if finding.suggestion:
        line += f" (→ {' '.join(finding.suggestion.split())})"
    return line


@dataclass
class CheckReport:
    """`natprog check`'s output: every file's findings (or the error that stopped it), in the
    order the files came, over the `findings.Report` that decides the exit code."""

    fail_on: str = "error"
    report: Report = field(init=False)
    findings: dict[str, list[Finding]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.report = Report(self.fail_on)

    def add(self, path: str, findings: list[Finding]) -> Outcome:
        self.findings[path] = list(findings)
        return self.report.add_findings(path, findings)

    def failed(self, path: str, error: NatprogError) -> Outcome:
        return self.report.add_failure(path, int(error.exit_code), error.one_line())

    def lines(self) -> list[str]:
        return [
            finding_line(outcome.path, finding)
            for outcome in self.report.outcomes
            for finding in self.findings.get(outcome.path, [])
        ]

    @staticmethod
    def summary(outcome: Outcome) -> str:
        if outcome.failed:
            return f"natprog: {outcome.message}"
        by = ", ".join(_count(outcome.count(s), s) for s in SEVERITIES)
        total = outcome.total
        return f"{outcome.path}: {total} finding{'s' if total != 1 else ''} ({by})"

    def to_json(self) -> str:
        findings = []
        files = []
        for outcome in self.report.outcomes:
            files.append(
                {
                    "file": outcome.path,
                    "findings": outcome.total,
                    "by_severity": {s: outcome.count(s) for s in SEVERITIES},
                    "error": outcome.message if outcome.failed else None,
                    "exit_code": outcome.exit_code if outcome.failed else None,
                }
            )
            for finding in self.findings.get(outcome.path, []):
                item = finding.to_dict()
                item["file"] = outcome.path
                item["location_text"] = describe_location(finding)
                findings.append(item)
        data = {"fail_on": self.fail_on, "exit_code": self.exit_code(), "files": files,
                "findings": findings}  # fmt: skip
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    def exit_code(self) -> int:
        return self.report.exit_code()


def _count(number: int, severity: str) -> str:
    return f"{number} {severity}" + ("s" if number != 1 and severity != "info" else "")
