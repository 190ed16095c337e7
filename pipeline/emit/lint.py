"""The report of `natprog check`: findings as linter lines or JSON, and the exit code they earn.

`FILE:LOCATION: SEVERITY code: message (→ suggestion)`, LOCATION leading with what a Word user
can search for — section, activity, field and a quote of the text — then the page (PDF),
paragraph (DOCX) or line (text): `Раздел III, Дейност 13, Финансиране, „…бюдцета…“ (page 12)`.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from ..errors import ExitCode, NatprogError
from ..models import SEVERITIES, Finding
from .locate import lead_text

FAIL_ON = ("error", "warning", "never")
_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}  # error 0, warning 1, info 2


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
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    error: NatprogError | None = None

    def counts(self) -> Counter:
        return Counter(finding.severity for finding in self.findings)


@dataclass
class CheckReport:
    """Every file's findings (or the error that stopped it), in the order the files came."""

    fail_on: str = "error"
    files: list[FileResult] = field(default_factory=list)

    def add(self, path: str, findings: list[Finding]) -> None:
        self.files.append(FileResult(path, list(findings)))

    def failed(self, path: str, error: NatprogError) -> None:
        self.files.append(FileResult(path, error=error))

    def lines(self) -> list[str]:
        return [finding_line(f.path, finding) for f in self.files for finding in f.findings]

    def summary(self, result: FileResult) -> str:
        if result.error is not None:
            return f"natprog: {result.error.one_line()}"
        counts = result.counts()
        total = len(result.findings)
        by = ", ".join(_count(counts.get(s, 0), s) for s in SEVERITIES)
        return f"{result.path}: {total} finding{'s' if total != 1 else ''} ({by})"

    def to_json(self) -> str:
        findings = []
        files = []
        for result in self.files:
            counts = result.counts()
            files.append(
                {
                    "file": result.path,
                    "findings": len(result.findings),
                    "by_severity": {s: counts.get(s, 0) for s in SEVERITIES},
                    "error": result.error.one_line() if result.error else None,
                    "exit_code": int(result.error.exit_code) if result.error else None,
                }
            )
            for finding in result.findings:
                item = finding.to_dict()
                item["file"] = result.path
                item["location_text"] = describe_location(finding)
                findings.append(item)
        data = {"fail_on": self.fail_on, "exit_code": int(self.exit_code()), "files": files,
                "findings": findings}  # fmt: skip
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    def exit_code(self) -> ExitCode:
        """A file that could not be checked first; then findings at or above `fail_on`."""
        for result in self.files:
            if result.error is not None:
                return result.error.exit_code
        if self.fail_on == "never":
            return ExitCode.OK
        threshold = _RANK[self.fail_on]
        for result in self.files:
            if any(_RANK[finding.severity] <= threshold for finding in result.findings):
                return ExitCode.FINDINGS
        return ExitCode.OK


def _count(number: int, severity: str) -> str:
    return f"{number} {severity}" + ("s" if number != 1 and severity != "info" else "")
