"""`natprog diff` on pairs built from the 2012 draft: every edit is found and nothing else.

The new versions are made by tests/diff_fixtures.py from inputs/np2012-draft.txt; what each edit
implies (pairs, added, dropped, changed fields) is worked out from the text, not from natprog.
"""

from __future__ import annotations

import dataclasses

import pytest
from diff_fixtures import compared, next_year, revision

from conftest import DRAFT_2012
from natprog.diff import compare
from natprog.diff.load import load_draft
from natprog.diff.model import from_result
from natprog.options import Options


@pytest.fixture(scope="module")
def original():
    return load_draft(DRAFT_2012["txt"])


def _case(builder, original, tmp_path_factory):
    return compared(builder, original, tmp_path_factory.mktemp(builder.__name__))


@pytest.fixture(scope="module")
def year_case(original, tmp_path_factory):
    return _case(next_year, original, tmp_path_factory)


@pytest.fixture(scope="module")
def revision_case(original, tmp_path_factory):
    return _case(revision, original, tmp_path_factory)


def _changed_fields(result) -> dict[str, set[str]]:
    return {match.new.id: {change.field for change in match.changes} for match in result.changed}


def _codes(result) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for finding in result.findings:
        out.setdefault(finding.code, set()).add(finding.location.activity)
    return out


# -- 2012 against the 2013 version made from it ------------------------------------------------


def test_every_kept_activity_is_paired_with_itself(year_case):
    result, expected = year_case
    assert {match.old.id: match.new.id for match in result.matches} == expected.pairs


def test_added_and_dropped_activities_are_exactly_the_edits(year_case):
    result, expected = year_case
    assert {item.activity.id for item in result.added} == expected.added == {"IV.6"}
    assert {item.activity.id for item in result.dropped} == expected.dropped == {"I.6"}


def test_changed_activities_and_fields_are_exactly_the_edits(year_case):
    result, expected = year_case
    assert _changed_fields(result) == expected.changed
    assert {match.new.id for match in result.unchanged} == expected.unchanged
    # spot checks that the expectation itself says what the fixture claims
    assert expected.changed["III.2"] == {"title", "deadline"}
    assert expected.changed["I.4"] == {"title", "deadline"}  # I.5 reworded and renumbered
    assert expected.changed["III.14"] == {"section", "deadline"}  # II.8 moved to section III
    assert expected.changed["IV.4"] == {"responsible", "deadline"}
    assert "I.3" in expected.unchanged  # I.4, renumbered, deadline left at 2012


def test_moves_and_renumbering_are_counted(year_case):
    result, _ = year_case
    summary = result.summary()
    assert summary["moved"] == 1
    renumbered = {(m.old.id, m.new.id) for m in result.matches if m.renumbered}
    assert renumbered == {
        ("I.4", "I.3"), ("I.5", "I.4"), ("I.7", "I.5"), ("II.8", "III.14"), ("V.8", "V.7"),
    }  # fmt: skip


def test_reworded_title_is_matched_by_score_and_diffed_word_by_word(year_case):
    result, _ = year_case
    match = next(m for m in result.matches if m.new.id == "III.2")
    # the README promises: a reworded activity whose other fields are kept scores above 90
    assert match.method == "similar" and 90 < match.score < 100
    assert 90 < next(m for m in result.matches if m.new.id == "I.4").score < 100
    title = next(change for change in match.changes if change.field == "title")
    assert [(span.op, span.text) for span in title.spans if span.op != "equal"] == [
        ("insert", ", следователи"),
        ("delete", " и НСлС"),
    ]
    section = next(m for m in result.matches if m.new.id == "III.14").changes[0]
    assert (section.field, section.old, section.new) == ("section", "II", "III")


def test_findings_across_years(year_case):
    result, expected = year_case
    assert _codes(result) == {
        "carryover.stale_deadline": {"I.3"},
        "carryover.unchanged": expected.unchanged,
    }
    stale = next(f for f in result.findings if f.code == "carryover.stale_deadline")
    assert stale.severity == "warning" and stale.text == "Декември 2012"
    assert stale.suggestion == "Декември 2013" and stale.location.field == "deadline"
    assert stale.location.line is not None  # provenance of the deadline in the new draft
    assert {f.severity for f in result.findings if f.code == "carryover.unchanged"} == {"info"}


def test_glossary_untouched_across_years(year_case):
    result, _ = year_case
    assert result.glossary == ()
    assert (result.old.year, result.new.year, result.same_year) == (2012, 2013, False)


# -- two versions of the 2012 draft --------------------------------------------------------------


def test_revision_changes_and_nothing_else(revision_case):
    result, expected = revision_case
    assert {match.old.id: match.new.id for match in result.matches} == expected.pairs
    assert not result.added and not result.dropped
    assert (
        _changed_fields(result)
        == expected.changed
        == {
            "III.5": {"expected_results"},
            "VI.4": {"deadline"},
        }
    )
    assert result.same_year


def test_revision_reports_glossary_changes(revision_case):
    result, _ = revision_case
    assert [(c.abbreviation, c.change, c.old, c.new) for c in result.glossary] == [
        ("ДБТ", "changed", "Дирекции „Бюро по труда”", "Дирекция „Бюро по труда”"),
        ("МОН", "added", None, "Министерство на образованието и науката"),
        ("НСлС", "removed", "Национална следствена служба", None),
    ]


def test_revision_flags_an_earlier_year_but_not_carry_over(revision_case):
    result, _ = revision_case
    assert _codes(result) == {"carryover.stale_deadline": {"VI.4"}}
    finding = result.findings[0]
    assert finding.text == "Юли 2011" and finding.suggestion == "Юли 2012"


# -- the matching's edges -------------------------------------------------------------------------


def test_threshold_decides_what_counts_as_the_same_activity(original, year_case):
    result, _ = year_case
    strict = compare(result.old, result.new, threshold=99.5)
    assert {"III.2", "I.4", "IV.6"} <= {item.activity.id for item in strict.added}
    assert {"III.2", "I.5", "I.6"} <= {item.activity.id for item in strict.dropped}
    dropped = next(item for item in strict.dropped if item.activity.id == "III.2")
    assert dropped.nearest.id == "III.2" and dropped.nearest_score < 99.5  # the near miss is shown


def test_a_draft_against_itself_reports_nothing(original):
    result = compare(original, original)
    assert len(result.unchanged) == len(original.activities) == 48
    assert not (result.added or result.dropped or result.changed or result.glossary)
    assert result.findings == ()


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_same_draft_in_another_format_reports_nothing(results_2012, original, fmt):
    """Nothing invented: extraction of DOCX, PDF and TXT agrees field for field."""
    result = compare(from_result(results_2012[fmt]), original)
    assert len(result.unchanged) == 48 and not result.changed and not result.glossary
    assert not result.added and not result.dropped


def test_options_switch_findings_off_and_change_severity(year_case):
    result, _ = year_case
    options = Options(
        disabled=frozenset({"carryover.unchanged"}),
        severities={"carryover.stale_deadline": "error"},
    )
    again = compare(result.old, result.new, options)
    assert [(f.code, f.severity) for f in again.findings] == [("carryover.stale_deadline", "error")]


def test_unknown_years_skip_carry_over_but_keep_the_diff(year_case):
    result, _ = year_case
    unknown = dataclasses.replace(result.old, year=None)
    again = compare(unknown, result.new)
    assert _changed_fields(again) == _changed_fields(result)
    # the 2012 deadline is still before 2013; "unchanged since last year" needs both years
    assert _codes(again) == {"carryover.stale_deadline": {"I.3"}}


def test_the_project_file_switches_and_grades_the_diff_findings(original, tmp_path):
    """`carryover.*` in natprog.toml were once refused as unknown codes; now they configure."""
    from natprog.project import options_from_config

    text, _ = next_year(DRAFT_2012["txt"].read_text(encoding="utf-8"))
    new = tmp_path / "next.txt"
    new.write_text(text, encoding="utf-8")
    options = options_from_config(
        {"disable": ["carryover.unchanged"], "severity": {"carryover.stale_deadline": "error"}}
    )
    result = compare(original, load_draft(new), options)
    assert {f.code for f in result.findings} == {"carryover.stale_deadline"}
    assert {f.severity for f in result.findings} == {"error"}
