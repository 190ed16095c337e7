"""diff.html: the comparison as one self-contained page, insertions and deletions highlighted.

What changed comes first (new, dropped, changed activities, then the glossary); the carry-over
notes follow, grouped by kind and collapsed, and the unchanged activities last. `diff_context` turns the serialized diff into what the Jinja2 template (pipeline/templates/
diff.html.j2, autoescaped, CSS inline) shows; the template does all the HTML.
"""

from __future__ import annotations

from ..diff.result import notes_by_activity
from ..models import FIELD_KEYS, SEVERITIES, to_roman
from ..names import FIELD_NAMES
from .diff_workbook import GLOSSARY_CHANGES
from .serialize import SEVERITY_NAMES, place_text, source_text
from .templating import environment
from .titles import rule_title


def _section(draft: dict, number: int | None) -> str:
    """`III „ОБУЧЕНИЯ”`: the section's numeral and title in one draft."""
    for section in draft["sections"]:
        if section["number"] == number and section["title"]:
            return f"Раздел {to_roman(number)} „{section['title']}“"
    return f"Раздел {to_roman(number)}"


def _fields(activity: dict) -> list[dict]:
    return [
        {"name": FIELD_NAMES[key], "text": activity[key]["text"]}
        for key in FIELD_KEYS
        if activity[key]["text"]
    ]


def _finding_view(finding: dict) -> dict:
    location = finding["location"]
    return {
        "code": finding["code"],
        "title": rule_title(finding["code"]),
        "severity": finding["severity"],
        "severity_name": SEVERITY_NAMES.get(finding["severity"], finding["severity"]),
        "activity": location["activity"],
        "field": FIELD_NAMES.get(location["field"] or "", location["field"]),
        "place": place_text(location),
        "message": finding["message"],
        "text": finding["text"],
        "suggestion": finding["suggestion"],
    }


def diff_context(data: dict) -> dict:
    """What the template shows."""
    old, new = data["old"], data["new"]
    notes = notes_by_activity(data)
    findings = [_finding_view(finding) for finding in data["findings"]]

    def unmatched(item: dict, side: dict) -> dict:
        activity = item["activity"]
        return {
            "id": item["id"],
            "title": item["title"],
            "section": _section(side, activity["section"]),
            "fields": _fields(activity),
            "nearest": item["nearest"],
            "source": source_text(activity["source"]),
            "notes": [_finding_view(f) for f in notes.get(item["id"], [])] if side is new else [],
        }

    def matched(match: dict) -> dict:
        return {
            **match,
            "old_section": _section(old, match["old"]["section"]),
            "new_section": _section(new, match["new"]["section"]),
            "source": source_text(match["new"]["source"]),
            "changes": [
                {**change, "name": FIELD_NAMES.get(change["field"], change["field"])}
                for change in match["changes"]
            ],
            "notes": [_finding_view(f) for f in notes.get(match["new_id"], [])],
        }

    return {
        "title": f"{data['old']['file']} → {data['new']['file']}",
        "old": old,
        "new": new,
        "same_year": data["same_year"],
        "threshold": data["threshold"],
        "summary": data["summary"],
        "severities": [
            {"key": severity, "name": SEVERITY_NAMES[severity], "count": count}
            for severity in SEVERITIES
            if (count := data["summary"]["by_severity"][severity])
        ],
        "findings": findings,
        "finding_groups": _groups(findings),
        "added": [unmatched(item, new) for item in data["added"]],
        "dropped": [unmatched(item, old) for item in data["dropped"]],
        "changed": [matched(match) for match in data["changed"]],
        "unchanged": [matched(match) for match in data["unchanged"]],
        "glossary": [
            {**change, "kind": GLOSSARY_CHANGES[change["change"]]} for change in data["glossary"]
        ],
    }


def _groups(findings: list[dict]) -> list[dict]:
    """Findings by code, most severe first: each group one collapsed block on the page."""
    groups: dict[str, dict] = {}
    for finding in findings:
        group = groups.setdefault(
            finding["code"],
            {"code": finding["code"], "title": finding["title"], "severity": finding["severity"],
             "severity_name": finding["severity_name"], "findings": []},
        )  # fmt: skip
        group["findings"].append(finding)
    rank = {severity: index for index, severity in enumerate(SEVERITIES)}
    return sorted(groups.values(), key=lambda g: (rank.get(g["severity"], 9), g["code"]))


def render_html(data: dict) -> str:
    return environment().get_template("diff.html.j2").render(diff_context(data))
