"""Tolerant label matching: typos, case, spacing, colons and look-alike letters, but no false hits."""

from __future__ import annotations

import pytest

from natprog.parse.labels import (
    match_activity,
    match_label,
    match_number_heading,
    match_section,
    roman_value,
)


@pytest.mark.parametrize(
    ("text", "key", "distance"),
    [
        ("СТРАТЕГИЧЕСКА ЦЕЛ:", "strategic_goal", 0),
        ("СТАРТЕГИЧЕСКА ЦЕЛ:", "strategic_goal", 1),
        ("Стратегическа  цел", "strategic_goal", 0),
        ("ОПЕРАТИВНИ ЦЕЛИ:", "operational_goals", 0),
        ("Отговорна институция", "responsible", 0),
        ("Отговорна инситуция", "responsible", 1),
        ("Индикатори за изпълнение ", "indicators", 0),
        ("Партньори", "partners", 0),
        ("Парньори", "partners", 1),
        ("Експертна помощ", "partners", 0),
        ("Срок", "deadline", 0),
        ("СРОК:", "deadline", 0),
        ("CРОК", "deadline", 0),  # Latin C
        ("СПИСЪК С АБРИВИАТУРИ", "glossary", 1),
        ("Очаквани резултати", "expected_results", 0),
    ],
)
def test_labels_match(text, key, distance):
    match = match_label(text)
    assert match is not None and (match.key, match.distance) == (key, distance)


@pytest.mark.parametrize(
    "text",
    ["Постоянен", "Май 2012", "НКБТХ", "Сток", "Финансиране от бюджета на НКБТХ", "Брой обучения"],
)
def test_values_are_not_labels(text):
    assert match_label(text) is None


@pytest.mark.parametrize(
    ("text", "number", "title"),
    [
        ("Дейност 1", 1, ""),
        ("Дейност 12.", 12, ""),
        ("ДЕЙНОСТ № 3: Обучение", 3, "Обучение"),
        ("Дейност 3\tСъздаване на комисия", 3, "Създаване на комисия"),
        ("Дейнст 4", 4, ""),
    ],
)
def test_activity_headings(text, number, title):
    heading = match_activity(text)
    assert heading is not None and (heading.number, heading.title) == (number, title)


@pytest.mark.parametrize(
    "text", ["Дейности по проекта", "Дейност12abc", "Действащи местни политики"]
)
def test_not_activity_headings(text):
    assert match_activity(text) is None


@pytest.mark.parametrize(
    ("text", "number"),
    [("РАЗДЕЛ I", 1), ("РАЗДЕЛ ІІІ", 3), ("Раздел IV", 4), ("РАЗДЕЛ VII", 7), ("РАЗДЕЛ 2", 2)],
)
def test_sections(text, number):
    assert match_section(text).number == number


def test_roman_values():
    assert [roman_value(x) for x in ("I", "IV", "IX", "XII", "ІІ", "Х")] == [1, 4, 9, 12, 2, 10]
    assert roman_value("ABC") is None


@pytest.mark.parametrize("text", ["0.89.", "0.5", "00.12", "0.", "0"])
def test_a_decimal_or_zero_is_no_activity_number(text):
    """`0.89` on a line of its own is a value from a table or a text, never `Дейност 89`."""
    assert match_number_heading(text) is None
    assert match_number_heading(text, titled=True) is None


@pytest.mark.parametrize(("text", "number"), [("2.3", 3), ("1.", 1), ("10.12.", 12), ("№ 4", 4)])
def test_numbered_headings_still_count(text, number):
    heading = match_number_heading(text)
    assert heading is not None and heading.number == number
