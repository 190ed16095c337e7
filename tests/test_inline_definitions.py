"""Schwartz–Hearst adapted to Bulgarian: inline definitions `long form (SHORT)` and `SHORT (long form)`."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from natprog.abbreviations.inline import find_definitions, is_short_form


def _pairs(text: str) -> list[tuple[str, str]]:
    return [(d.short, d.long) for d in find_definitions(text)]


def test_long_form_with_function_words_is_found_whole():
    text = (
        "Осигуряване на финансово обезпечаване на Националния механизъм за насочване и "
        "подпомагане на жертви на трафик (НМН) във връзка с неговото прилагане."
    )
    assert _pairs(text) == [
        ("НМН", "Националния механизъм за насочване и подпомагане на жертви на трафик")
    ]


def test_offsets_point_at_the_short_and_the_long_form():
    text = "Работа с Агенцията за социално подпомагане (АСП) по случаи."
    (definition,) = find_definitions(text)
    assert text[definition.short_start : definition.short_end] == "АСП"
    assert text[definition.long_start : definition.long_end] == "Агенцията за социално подпомагане"


def test_mixed_case_short_form_matches_a_letter_inside_a_word():
    assert _pairs("по линия на Министерство на външните работи (МВнР)") == [
        ("МВнР", "Министерство на външните работи")
    ]


def test_long_form_with_quotes():
    assert _pairs("Държавна агенция „Национална сигурност” (ДАНС) и други") == [
        ("ДАНС", "Държавна агенция „Национална сигурност”")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "според Закона за борба с трафика на хора („ЗБТХ“)",
        "според Закона за борба с трафика на хора (наричан по-нататък „ЗБТХ“)",
        "според Закона за борба с трафика на хора (ЗБТХ, обн. ДВ, бр. 46)",
    ],
)
def test_short_form_in_quotes_after_called_or_before_a_comma(text):
    assert _pairs(text) == [("ЗБТХ", "Закона за борба с трафика на хора")]


def test_nested_brackets_define_the_outer_short_form_only():
    text = "според Закона за борба с трафика на хора (ЗБТХ (обн. ДВ, бр. 46 от 2003 г.))"
    assert _pairs(text) == [("ЗБТХ", "Закона за борба с трафика на хора")]


def test_definition_inside_a_bracket_stays_inside_it():
    text = "Мерки за деца (по Закона за закрила на детето (ЗЗДет)) и семейства."
    assert _pairs(text) == [("ЗЗДет", "Закона за закрила на детето")]


def test_two_definitions_in_one_sentence_do_not_swallow_each_other():
    text = "Министерство на вътрешните работи (МВР) и Министерство на здравеопазването (МЗ)"
    assert _pairs(text) == [
        ("МВР", "Министерство на вътрешните работи"),
        ("МЗ", "Министерство на здравеопазването"),
    ]


def test_short_form_first_then_the_long_form_in_brackets():
    text = "Работата на НМН (Национален механизъм за насочване) продължава."
    assert _pairs(text) == [("НМН", "Национален механизъм за насочване")]


@pytest.mark.parametrize(
    "text",
    [
        "различни организации (НПО) в страната",  # no word starts with Н
        "на организации на гражданското общество (НПО)",  # Н only as the function word "на"
        "в сътрудничество с МВР (ГДБОП)",  # letters that cannot be aligned
        "в страната (2012 г.)",
        "рискови групи (жени, деца, безработни)",
        "в град (София)",
        "НКБТХ (по данни от 2011 г.)",  # short form first, but the bracket is no long form of it
    ],
)
def test_brackets_that_define_nothing(text):
    assert find_definitions(text) == []


def test_short_form_shape():
    assert is_short_form("НМН") and is_short_form("МВнР") and is_short_form("ИА ГИТ")
    assert not is_short_form("София")
    assert not is_short_form("2012 г.")
    assert not is_short_form("ДВ, бр. 46")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "(",
                ")",
                " ",
                "„",
                "“",
                ",",
                "НМН",
                "МВнР",
                "на",
                "Национален",
                "механизъм",
                "насочване",
                "за",
                "и",
                "2012",
                "г.",
                "ИА ГИТ",
                "наричан по-нататък",
                "\n",
            ]
        ),  # fmt: skip
        max_size=30,
    ).map("".join)
)
def test_any_text_gives_definitions_that_point_into_it(text):
    for definition in find_definitions(text):
        assert text[definition.short_start : definition.short_end] == definition.short
        assert text[definition.long_start : definition.long_end].strip() == definition.long
        assert is_short_form(definition.short) and definition.long
