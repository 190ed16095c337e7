"""Flat rows out of an extraction (the JSON `natprog extract` writes), one list per table.

The pandas frames of the API and the tables of the database are both built from these rows, so
their columns carry the JSON's field names (`deadline.start` becomes `deadline_start`).
"""

from __future__ import annotations

from ..models import FIELD_KEYS

ACTIVITY_COLUMNS: tuple[str, ...] = (
    "id",
    "section",
    "number",
    "title",
    "responsible",
    "partners",
    "partners_label",
    "financing",
    "deadline",
    "deadline_kind",
    "deadline_start",
    "deadline_end",
    "expected_results",
    "indicators",
    "source_page",
    "source_paragraph",
    "source_line",
)
FINDING_COLUMNS: tuple[str, ...] = (
    "code",
    "severity",
    "message",
    "text",
    "suggestion",
    "section",
    "activity",
    "field",
    "page",
    "paragraph",
    "line",
)
INSTITUTION_COLUMNS: tuple[str, ...] = (
    "name",
    "abbreviation",
    "expansion",
    "place",
    "defined_in",
    "responsible",
    "partners",
    "responsible_count",
    "partners_count",
    "written",
)
ROLE_OF_FIELD = {"responsible": "responsible", "partners": "partner"}


def activity_row(activity: dict) -> dict:
    """One activity: the six fields as their text, the deadline's range beside it."""
    row = {
        "id": activity["id"],
        "section": activity.get("section"),
        "number": activity.get("number"),
        "title": activity["title"],
        "partners_label": activity.get("partners_label"),
    }
    for key in FIELD_KEYS:
        row[key] = (activity.get(key) or {}).get("text")
    deadline = activity.get("deadline") or {}
    row["deadline_kind"] = deadline.get("kind")
    row["deadline_start"] = deadline.get("start")
    row["deadline_end"] = deadline.get("end")
    source = activity.get("source") or {}
    for key in ("page", "paragraph", "line"):
        row[f"source_{key}"] = source.get(key)
    return {column: row[column] for column in ACTIVITY_COLUMNS}


def finding_row(finding: dict) -> dict:
    """One finding, its location spread into columns."""
    location = finding.get("location") or {}
    row = {key: finding.get(key) for key in ("code", "severity", "message", "text", "suggestion")}
    for key in ("section", "activity", "field", "page", "paragraph", "line"):
        row[key] = location.get(key)
    return row


def institution_row(institution: dict) -> dict:
    return {column: institution.get(column) for column in INSTITUTION_COLUMNS}


def roles(activity: dict) -> list[tuple[str, str]]:
    """(role, institution as written) for each responsible institution and partner of an activity."""
    out = []
    for key, role in ROLE_OF_FIELD.items():
        for item in (activity.get(key) or {}).get("items") or []:
            out.append((role, item["name"]))
    return out


def institution_names(institutions: list[dict]) -> dict[str, str]:
    """An institution as an activity writes it -> the institution's name in `institutions[]`."""
    names: dict[str, str] = {}
    for institution in institutions:
        names.setdefault(institution["name"], institution["name"])
        for written in institution.get("written") or []:
            names.setdefault(written, institution["name"])
    return names
