"""The HTML proofreading report: one self-contained page (inline CSS and JS, no network).

`report_context` turns the serialized result into what the Jinja2 template shows; the template
in pipeline/templates/ does all the HTML, autoescaped.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..models import SEVERITIES, to_roman
from ..names import FIELD_NAMES, SIGNAL_NAMES
from .atomic import write_text
from .locate import place_words
from .original import Original
from .serialize import SEVERITY_NAMES
from .templating import environment
from .titles import rule_titles

SEVERITY_PLURALS = {"error": "Грешки", "warning": "Предупреждения", "info": "Бележки"}
NO_SECTION = "Извън разделите"


def _rule_titles() -> dict[str, str]:
    return rule_titles()


def _highlight(finding: dict) -> dict | None:
    """The context split around the offending text: before / mark / after."""
    context = finding.get("context")
    if not context:
        return None
    start, end = finding.get("start"), finding.get("end")
    if start is None or end is None or not 0 <= start <= end <= len(context):
        return {"before": context, "mark": "", "after": ""}
    return {"before": context[:start], "mark": context[start:end], "after": context[end:]}


def _finding_view(number: int, finding: dict, sections: dict, activities: dict) -> dict:
    location = finding["location"]
    section = location.get("section")
    alternatives = [s for s in finding.get("suggestions") or () if s != finding.get("suggestion")]
    return {
        "number": number,
        "code": finding["code"],
        "severity": finding["severity"],
        "severity_name": SEVERITY_NAMES.get(finding["severity"], finding["severity"]),
        "message": finding["message"],
        "text": finding.get("text"),
        "suggestion": finding.get("suggestion"),
        "alternatives": alternatives,
        "signals": [SIGNAL_NAMES.get(s, s) for s in finding.get("signals") or ()],
        "highlight": _highlight(finding),
        "where": _where(location, sections, activities),
        "place": place_words(location),
        "section_key": str(section) if section else "",
    }


def _where(location: dict, sections: dict, activities: dict) -> list[dict]:
    """Section, activity and field, each with a tooltip where useful (the place comes last)."""
    section, activity, field = (location.get(k) for k in ("section", "activity", "field"))
    parts = []
    if section:
        parts.append({"text": f"Раздел {to_roman(section)}", "title": sections.get(section) or ""})
    if activity:
        number = activity.rsplit(".", 1)[-1]  # as the draft heads it: `Дейност 5`
        parts.append({"text": f"Дейност {number}", "title": activities.get(activity) or ""})
    if field:
        parts.append({"text": f"поле „{FIELD_NAMES.get(field, field)}“", "title": ""})
    return parts


def _chart(data: dict, findings: list[dict]) -> list[dict]:
    """Findings per section, split by severity, as percentages of the busiest section."""
    counts: dict[int | None, Counter] = {s["number"]: Counter() for s in data["sections"]}
    for finding in findings:
        counts.setdefault(finding["location"].get("section"), Counter())[finding["severity"]] += 1
    titles = {s["number"]: s["title"] for s in data["sections"]}
    peak = max((sum(c.values()) for c in counts.values()), default=0) or 1
    rows = []
    for number in sorted(counts, key=lambda n: (n is None, n or 0)):
        counter = counts[number]
        if number is None and not counter:
            continue
        rows.append(
            {
                "label": f"Раздел {to_roman(number)}" if number is not None else NO_SECTION,
                "title": titles.get(number) or "",
                "total": sum(counter.values()),
                "parts": [
                    {
                        "severity": severity,
                        "count": counter[severity],
                        "width": round(100 * counter[severity] / peak, 2),
                    }
                    for severity in SEVERITIES
                    if counter[severity]
                ],
            }
        )
    return rows


def report_context(data: dict, corrections: list[dict] | None = None) -> dict:
    """Everything the template shows, from the serialized result only.

    `corrections` (from `natprog fix`, one per finding) marks the findings that became
    tracked changes in the corrected Word copy.
    """
    findings = data["findings"]
    sections = {s["number"]: s["title"] for s in data["sections"]}
    activities = {a["id"]: a["title"] for a in data["activities"]}
    titles = _rule_titles()
    by_code = Counter(f["code"] for f in findings)
    code_severity = {}
    for finding in findings:
        code_severity.setdefault(finding["code"], finding["severity"])
    by_severity = Counter(f["severity"] for f in findings)
    programme = {"title": None, "year": None, "draft": False, **(data.get("programme") or {})}
    document = {"tracked_changes": None, "comments": [], **(data.get("document") or {})}
    return {
        "title": programme["title"] or data["source"]["file"],
        "programme": programme,
        "source": data["source"],
        "document": document,
        "summary": data["summary"],
        "severities": [
            {"key": s, "name": SEVERITY_PLURALS[s], "count": by_severity.get(s, 0)}
            for s in SEVERITIES
        ],
        "codes": [
            {
                "code": code,
                "title": titles.get(code, ""),
                "severity": code_severity[code],
                "count": count,
            }
            for code, count in sorted(by_code.items())
        ],
        "chart": _chart(data, findings),
        "findings": [
            {
                **_finding_view(n, f, sections, activities),
                "tracked": bool(corrections and corrections[n - 1]["tracked"]),
            }
            for n, f in enumerate(findings, start=1)
        ],
        "tracked": sum(1 for c in corrections or () if c["tracked"]) if corrections else None,
    }


def prepare() -> None:
    """Load Jinja2, the report's template and the rule titles before there is a report to
    render (the workbook-and-report child does this while the draft is read)."""
    environment().get_template("report.html.j2")
    _rule_titles()


def render_report(data: dict, corrections: list[dict] | None = None) -> str:
    context = report_context(data, corrections)
    return environment().get_template("report.html.j2").render(context)


def write_report(data: dict, path: Path, original: Original) -> Path:
    return write_text(path, render_report(data))
