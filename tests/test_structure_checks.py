"""Structure and deadline checks on small drafts built for each defect (tests/programme_text.py)."""

from __future__ import annotations

import pytest
from programme_text import Act, Sec, acts, programme

from natprog.run import process


@pytest.fixture
def findings(tmp_path):
    """Process a draft text; returns (code, message, text, suggestion, activity) of its findings
    whose code starts with `prefix`."""

    def run(text: str, prefix: str) -> list[tuple]:
        path = tmp_path / "draft.txt"
        path.write_text(text, encoding="utf-8")
        return [
            (f.code, f.message, f.text, f.suggestion, f.location.activity)
            for f in process(path).findings
            if f.code.startswith(prefix)
        ]

    return run


def test_activity_numbering(findings):
    text = programme([Sec("I", activities=acts(1, 2, 4, 4, 3))])
    found = [(code, activity) for code, _, _, _, activity in findings(text, "numbering")]
    assert found == [
        ("numbering.gap", "I.4"),
        ("numbering.duplicate", "I.4"),
        ("numbering.order", "I.3"),
    ]


def test_gap_message_and_suggestion(findings):
    ((code, message, text, suggestion, _),) = findings(
        programme([Sec("I", activities=acts(1, 2, 5))]), "numbering"
    )
    assert code == "numbering.gap"
    assert message == "липсва дейност 3, 4 в Раздел I (след дейност 2)"
    assert text == "Дейност 5"
    assert suggestion == "преномерирайте като 3 или добавете липсващата дейност"


def test_goal_numbering(findings):
    text = programme([Sec("I", goals=[1, 1, 3], activities=acts(1))])
    found = [(code, message) for code, message, *_ in findings(text, "numbering")]
    assert found == [
        ("numbering.duplicate", "Оперативна цел 1 се повтаря в Раздел I"),
        ("numbering.gap", "липсва оперативна цел 2 в Раздел I (след оперативна цел 1)"),
    ]


def test_section_numbering_speaks_roman(findings):
    sections = [Sec(n, activities=acts(1)) for n in ("I", "II", "II", "V", "IV")]
    found = [(code, message, suggestion) for code, message, _, suggestion, _ in findings(
        programme(sections), "numbering"
    )]  # fmt: skip
    assert found == [
        ("numbering.duplicate", "Раздел II се повтаря", "преномерирайте: следващият свободен номер е III"),
        ("numbering.gap", "липсва раздел III, IV (след раздел II)", "преномерирайте като III"),
        ("numbering.order", "Раздел IV идва след раздел V", "подредете по номер или преномерирайте като VI"),
    ]  # fmt: skip


def test_a_clean_draft_has_no_structure_findings(findings):
    text = programme([Sec(n, activities=acts(1, 2, 3)) for n in ("I", "II", "III")])
    assert findings(text, "numbering") + findings(text, "field") + findings(text, "label") == []


def test_missing_and_empty_fields(findings):
    sections = [
        Sec("I", activities=[Act(1, values={"partners": None}), Act(2, values={"financing": ""}),
                             Act(3, title="")]),
        Sec("II", strategic_goal=None, goals=[], activities=acts(1)),
    ]  # fmt: skip
    found = [(message, activity) for _, message, _, _, activity in findings(
        programme(sections), "field"
    )]  # fmt: skip
    assert found == [
        ("Раздел I, Дейност 1: липсва полето „Партньори“", "I.1"),
        ("Раздел I, Дейност 2: полето „Финансиране“ е празно", "I.2"),
        ("Раздел I, Дейност 3: липсва наименование на дейността", "I.3"),
        ("Раздел II: липсва „Стратегическа цел“", None),
        ("Раздел II: „Оперативни цели“ са без текст", None),
    ]


def test_misspelled_labels(findings):
    sections = [
        Sec("I", strategic_label="СТАРТЕГИЧЕСКА ЦЕЛ:", activities=acts(1)),
        Sec("II", activities=[Act(1, labels={"deadline": "Сррок"})]),
    ]
    found = [(code, text, suggestion, activity) for code, _, text, suggestion, activity in
             findings(programme(sections), "")
             if code.startswith(("label", "field"))]  # fmt: skip
    # `Сррок` is too short for the parser to read as `Срок`: the value went to the field before,
    # so the finding is the misspelled label, not a missing deadline.
    assert found == [
        ("label.misspelled", "СТАРТЕГИЧЕСКА ЦЕЛ", "СТРАТЕГИЧЕСКА ЦЕЛ", None),
        ("label.misspelled", "Сррок", "Срок", "II.1"),
    ]


def test_label_variant_is_the_minority_form(findings):
    activities = acts(1, 2, 3) + [Act(4, labels={"partners": "Експертна помощ"})]
    ((code, message, text, suggestion, activity),) = findings(
        programme([Sec("I", activities=activities)]), "label"
    )
    assert (code, text, suggestion, activity) == (
        "label.variant", "Експертна помощ", "Партньори", "I.4"
    )  # fmt: skip
    assert "в останалите 3 случая" in message


def _table_draft(path, rows):
    """A DOCX draft in the 2012 layout: a two-column table of labels and values."""
    from docx import Document

    document = Document()
    for line in ("НАЦИОНАЛНА ПРОГРАМА ЗА ПРОТИВОДЕЙСТВИЕ НА ТРАФИКА НА ХОРА", "за 2012 г.",
                 "РАЗДЕЛ I", "„ПРЕВЕНЦИЯ”"):  # fmt: skip
        document.add_paragraph().add_run(line).bold = True
    table = document.add_table(rows=0, cols=2)
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].paragraphs[0].add_run(value)
    document.save(path)
    return path


def test_unknown_label_in_a_table(tmp_path):
    rows = [
        ("СТРАТЕГИЧЕСКА ЦЕЛ:", "Повишаване на осведомеността."),
        ("ОПЕРАТИВНИ ЦЕЛИ:", "1. Организиране на кампании."),
        ("Дейност 1", "Провеждане на кампания."),
        ("Отговорна институция", "НКБТХ"),
        ("Партньори", "МВР"),
        ("Финансиране", "От бюджета на НКБТХ"),
        ("Сррок", "Май 2012"),
        ("Очаквани резултати", "Проведена кампания"),
        ("Забележка", "Съвместно с общините"),
        ("Индикатори за изпълнение", "Брой събития"),
    ]
    result = process(_table_draft(tmp_path / "table.docx", rows))
    found = [(f.code, f.text, f.suggestion) for f in result.findings
             if f.code.startswith(("label", "field"))]  # fmt: skip
    assert found == [
        ("label.misspelled", "Сррок", "Срок"),
        ("label.unknown", "Забележка", None),
    ]


# -- deadlines --------------------------------------------------------------------------------


def _deadline_draft(*deadlines: str, year: int = 2012) -> str:
    activities = [Act(i + 1, values={"deadline": d}) for i, d in enumerate(deadlines)]
    return programme([Sec("I", activities=activities)], year=year)


@pytest.mark.parametrize(
    ("deadline", "suggestion"),
    [
        ("31.06.2012", "30.06.2012"),
        ("30.02.2012 г.", "29.02.2012 г."),
        ("15.13.2012", None),
        ("12.15.2012", "15.12.2012"),
        ("Декемри 2012", "Декември 2012"),
        ("V тримесечие 2012", None),
        ("Декември – Май 2012", None),
        ("Декември 212", None),
    ],
)
def test_invalid_deadlines(findings, deadline, suggestion):
    found = findings(_deadline_draft(deadline, "Май 2012"), "deadline.invalid")
    assert [(text, s) for _, _, text, s, _ in found] == [(deadline, suggestion)]


def test_valid_deadlines_are_not_invalid(findings):
    text = _deadline_draft("31.05.2012", "29.02.2012", "III тримесечие 2012", "Май – Юни 2012",
                           "Постоянен", "след приемане на закона", "2012 г.")  # fmt: skip
    assert findings(text, "deadline.invalid") == []


def test_deadlines_outside_the_programme_year(findings):
    found = findings(
        _deadline_draft("Декември 2013", "2011 г.", "Декември 2012", "Постоянен"), "deadline.out"
    )
    assert [(text, suggestion) for _, _, text, suggestion, _ in found] == [
        ("Декември 2013", "Декември 2012"),
        ("2011 г.", "2012 г."),
    ]
    assert "след 2012 г." in found[0][1] and "преди 2012 г." in found[1][1]


def test_deadline_format_points_at_the_odd_one_out(findings):
    deadlines = ["Декември 2012"] * 6 + ["Май 2012", "Декември, 2012"]
    found = findings(_deadline_draft(*deadlines), "deadline.format")
    assert [(text, suggestion) for _, _, text, suggestion, _ in found] == [
        ("Декември, 2012", "Декември 2012")
    ]
    assert found[0][1].startswith("срокът „Декември, 2012“ е записан със запетая")


def test_deadline_format_is_quiet_when_two_forms_are_common(findings):
    deadlines = ["Декември 2012"] * 4 + ["Декември 2012 г."] * 3
    assert findings(_deadline_draft(*deadlines), "deadline.format") == []


def test_deadline_format_month_case_and_year_suffix(findings):
    deadlines = ["Декември 2012 г."] * 6 + ["декември 2012 г.", "Май 2012"]
    found = findings(_deadline_draft(*deadlines), "deadline.format")
    assert sorted((text, suggestion) for _, _, text, suggestion, _ in found) == [
        ("Май 2012", "Май 2012 г."),
        ("декември 2012 г.", "Декември 2012 г."),
    ]


def test_2012_deadlines(results_2012):
    for result in results_2012.values():
        found = [(f.code, f.text, f.suggestion) for f in result.findings
                 if f.code.startswith("deadline")]  # fmt: skip
        assert found == [("deadline.format", "Декември, 2012", "Декември 2012")]
