"""The real 2012 draft: the structure the secretariat knows it has, in all three formats."""

from __future__ import annotations

import pytest

from conftest import DRAFT_2012
from natprog.models import FIELD_KEYS

EXPECTED_NUMBERS = {
    1: [1, 2, 4, 5, 6, 7],
    2: [1, 2, 3, 4, 5, 6, 7, 8],
    3: list(range(1, 14)),
    4: [1, 2, 3, 4, 5],
    5: [1, 2, 3, 4, 5, 6, 8],
    6: [1, 2, 3, 4, 5, 6],
    7: [1, 2, 3],
}


@pytest.mark.parametrize("fmt", sorted(DRAFT_2012))
def test_sections_activities_glossary(results_2012, fmt):
    programme = results_2012[fmt].programme
    assert programme.year == 2012
    assert programme.draft is True
    assert programme.title.endswith("за 2012 г.")
    assert [s.number for s in programme.sections] == [1, 2, 3, 4, 5, 6, 7]
    assert {
        s.number: [a.number for a in s.activities] for s in programme.sections
    } == EXPECTED_NUMBERS
    assert len(programme.activities) == 48
    assert len(programme.glossary) == 26
    assert programme.glossary[0].abbreviation == "АЗ"
    assert programme.glossary[0].expansion == "Агенция по заетостта"
    assert [s.title for s in programme.sections][1] == "ПРЕВЕНЦИЯ"
    assert [len(s.operational_goals) for s in programme.sections] == [2, 2, 3, 4, 3, 2, 2]


@pytest.mark.parametrize("fmt", sorted(DRAFT_2012))
def test_every_field_of_every_activity_is_filled(results_2012, fmt):
    for activity in results_2012[fmt].programme.activities:
        assert activity.title.strip(), activity.id
        for key in FIELD_KEYS:
            assert (activity.fields[key].text or "").strip(), (activity.id, key)
            assert activity.fields[key].source is not None, (activity.id, key)


@pytest.mark.parametrize("fmt", sorted(DRAFT_2012))
def test_expected_findings(results_2012, fmt):
    findings = results_2012[fmt].findings
    gaps = {(f.location.activity, f.code) for f in findings if f.code == "numbering.gap"}
    assert gaps == {("I.4", "numbering.gap"), ("V.8", "numbering.gap")}
    mixed = [f for f in findings if f.code == "script.mixed"]
    assert [(f.text, f.suggestion, f.location.section) for f in mixed] == [("ІІІ", "III", 3)]
    misspelled = {f.text: f.suggestion for f in findings if f.code == "label.misspelled"}
    assert misspelled == {
        "СТАРТЕГИЧЕСКА ЦЕЛ": "СТРАТЕГИЧЕСКА ЦЕЛ",
        "СПИСЪК С АБРИВИАТУРИ": "СПИСЪК С АБРЕВИАТУРИ",
    }
    variants = sorted(f.location.activity for f in findings if f.code == "label.variant")
    assert variants == ["III.5", "VII.1", "VII.2", "VII.3"]
    assert not [
        f for f in findings if f.code in ("field.missing", "field.empty", "numbering.duplicate")
    ]


def _comparable(result) -> dict:
    programme = result.programme
    out = {
        "title": programme.title,
        "glossary": [(g.abbreviation, g.expansion) for g in programme.glossary],
        "sections": [
            (
                s.number,
                s.title,
                s.strategic_goal.text,
                [(g.number, g.text) for g in s.operational_goals],
            )
            for s in programme.sections
        ],
    }
    for activity in programme.activities:
        out[activity.id] = (
            activity.title,
            *(activity.fields[k].text for k in FIELD_KEYS),
            activity.fields["partners"].label,
        )
    return out


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_formats_agree_with_the_text_version(results_2012, fmt):
    assert _comparable(results_2012[fmt]) == _comparable(results_2012["txt"])


@pytest.mark.parametrize("fmt", sorted(DRAFT_2012))
def test_provenance_points_at_the_source(results_2012, fmt):
    result = results_2012[fmt]
    activity = result.programme.activities[0]
    source = activity.fields["deadline"].source
    if fmt == "docx":
        assert source.paragraph and source.table == 1 and source.cell == 2
    elif fmt == "pdf":
        assert source.page == 1 and source.bbox is not None
    else:
        assert source.line is not None
        lines = DRAFT_2012["txt"].read_text(encoding="utf-8").split("\n")
        assert lines[source.line - 1].strip() == "Май 2012"
