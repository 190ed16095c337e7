"""grammar.agreement: what it must catch in the 2012 draft, and the correct prose it must leave."""

from __future__ import annotations

import pytest
from spelling_bench import clean_texts, findings_for

from conftest import DRAFT_2012

# Every agreement error of the 2012 draft (by reading it), with the correction.
AGREEMENT_2012 = {
    "Повишено  информираност": "Повишена информираност",
    "Проследени процес": "Проследен процес",
    "новопостъпилите кадрите": "новопостъпилите кадри",
    "местните структурите": "местните структури",
    "българските жертвите": "българските жертви",
    "съответните нормативните": "съответните нормативни",
}


@pytest.mark.parametrize("fmt", sorted(DRAFT_2012))
def test_2012_agreement_errors(results_2012, fmt):
    found = {
        " ".join(f.text.split()): f
        for f in results_2012[fmt].findings
        if f.code == "grammar.agreement"
    }
    expected = {" ".join(k.split()): v for k, v in AGREEMENT_2012.items()}
    assert {k: f.suggestion for k, f in found.items()} == expected
    for finding in found.values():
        assert finding.severity == "warning"
        assert finding.context[finding.start : finding.end] == finding.text


def test_no_false_alarms_on_clean_text():
    for name, text in clean_texts().items():
        findings, _ = findings_for(text, name)
        assert [f.text for f in findings if f.code == "grammar.agreement"] == [], name


def _agreement(text: str) -> list[tuple[str, str | None]]:
    findings, _ = findings_for(text)
    return [(f.text, f.suggestion) for f in findings if f.code == "grammar.agreement"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Нова закон беше приет.", ("Нова закон", "Нов закон")),
        ("Подобрено услуги за жертвите.", ("Подобрено услуги", "Подобрени услуги")),
        ("Създадени наръчник за работа.", ("Създадени наръчник", "Създаден наръчник")),
        ("Новата методиката беше приета.", ("Новата методиката", "Новата методика")),
        ("Повишен информираност на жертвите.", ("Повишен информираност", "Повишена информираност")),
        ("За повишено информираност.", ("повишено информираност", "повишена информираност")),
    ],
)
def test_agreement_errors_are_caught(text, expected):
    assert _agreement(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Проведени 6 обучения, обучени специалисти и Национален механизъм.",
        "Броят на жертвите, получили защита, и търсещите работа лица.",  # active participles
        "Юридически лица с нестопанска цел.",  # цел is feminine
        "Социологически доклад, медицински преглед, първи вторник, български език.",  # -ски
        "Уважаеми господин министър, само жени и особено децата.",  # vocative, adverbs
        "Съхраняват се пет години, в дванадесет държави.",  # numerals
        "Бележките са взети предвид; разпространени над 15 000 брошури.",  # prepositions
        "Констатираните нарушения, опита си, правата си, личните си документи.",  # ambiguous forms
        "Всяко лице, всяка година, двата приюта, тези институции, самите жертви.",
    ],
)
def test_correct_prose_is_left_alone(text):
    assert _agreement(text) == []
