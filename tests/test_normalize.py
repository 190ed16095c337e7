"""Splitting `Отговорна институция` / `Партньори` into items, and idempotent normalization."""

from __future__ import annotations

import copy

import pytest

from natprog.normalize import normalize, split_items


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("НКБТХ, Община Благоевград", ["НКБТХ", "Община Благоевград"]),
        ("МТСП, АЗ, МО и НПО", ["МТСП", "АЗ", "МО", "НПО"]),
        (
            "НКБТХ, МП и Национално бюро за правна помощ",
            ["НКБТХ", "МП", "Национално бюро за правна помощ"],
        ),
        (
            "Министерство на труда и социалната политика",
            ["Министерство на труда и социалната политика"],
        ),
        ("МКБТХ – Варна, НПО", ["МКБТХ – Варна", "НПО"]),
        (
            "МОНМ, сдружение „Съучастие”, сдружение на здравните медиатори",
            ["МОНМ", "сдружение „Съучастие”", "сдружение на здравните медиатори"],
        ),
        ("фондация „Асоциация, Анимус” и НПО", ["фондация „Асоциация, Анимус”", "НПО"]),
        ("НКБТХ (вкл. МКБТХ, секретариат), МВР", ["НКБТХ (вкл. МКБТХ, секретариат)", "МВР"]),
        ("", []),
        (None, []),
    ],
)
def test_split_items(text, items):
    assert split_items(text) == items


def test_normalize_twice_changes_nothing(results_2012):
    programme = results_2012["docx"].programme
    once = [a.to_dict() for a in programme.activities]
    twice_programme = normalize(copy.deepcopy(programme))
    assert [a.to_dict() for a in twice_programme.activities] == once
