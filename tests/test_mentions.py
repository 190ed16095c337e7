"""Finding abbreviations in text: spaCy's tokenizer and Matcher, then the dictionary and context decide."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from natprog.abbreviations.mentions import Lexicon, find_mentions

KNOWN = {"МВР", "МВнР", "НСлС", "ИА ГИТ", "МКБТХ", "НПО", "АЗ", "ВУЗ", "ДАНС", "НМН", "НКБТХ"}


def _found(text: str, known=KNOWN) -> list[tuple]:
    (mentions,) = find_mentions([text], Lexicon(lambda form: form in known))
    return [(m.abbreviation, text[m.start : m.end], m.suffix, m.place) for m in mentions]


def _names(text: str, known=KNOWN) -> list[str]:
    return [found[0] for found in _found(text, known)]


def test_all_caps_and_mixed_case():
    assert _names("МВР, МВнР и НСлС участват.") == ["МВР", "МВнР", "НСлС"]


def test_offsets_are_exact_even_before_a_full_stop():
    text = "Дейността се води от МВнР."
    assert _found(text) == [("МВнР", "МВнР", None, None)]


def test_multi_word_abbreviation_when_the_pair_is_known():
    assert _names("МТСП, ИА ГИТ и НПО") == ["МТСП", "ИА ГИТ", "НПО"]


def test_unknown_pair_stays_two_abbreviations():
    assert _names("МВР НПО") == ["МВР", "НПО"]


@pytest.mark.parametrize(
    ("text", "place"),
    [("МКБТХ – Варна", "Варна"), ("МКБТХ-Бургас", "Бургас"), ("МКБТХ Варна", "Варна")],
)
def test_place_after_an_abbreviation(text, place):
    assert _found(text) == [("МКБТХ", "МКБТХ", None, place)]


def test_an_ordinary_capitalised_word_after_an_abbreviation_is_no_place():
    assert _found("НКБТХ Годишен доклад") == [("НКБТХ", "НКБТХ", None, None)]


def test_suffix_after_a_hyphen():
    assert _found("работа на НПО-тата") == [("НПО", "НПО", "-тата", None)]


def test_inside_quotes_and_brackets():
    assert _names("„НМН“, (ДАНС) и «МВР»") == ["НМН", "ДАНС", "МВР"]


@pytest.mark.parametrize(
    "text",
    [
        "Провеждане на СОФИЯ ФОРУМ на тема миграция",
        "РАЗДЕЛ II",
        "„ПРЕВЕНЦИЯ, ЗАКРИЛА И РЕИНТЕГРАЦИЯ“",
        "СПИСЪК С АБРИВИАТУРИ",  # misspelt heading word: unknown, but vowel-rich
        "СТАРТЕГИЧЕСКА ЦЕЛ:",
        "НАЦИОНАЛНАТА ПРОГРАМА ЗА ПРОТИВОДЕЙСТВИЕ НА ТРАФИКА НА ХОРА",
    ],
)
def test_capitalised_ordinary_words_are_not_abbreviations(text):
    assert _names(text) == []


def test_known_abbreviation_that_is_also_a_word_counts_outside_headings_only():
    assert _names("АЗ, МВР и ВУЗ") == ["АЗ", "МВР", "ВУЗ"]
    assert _names("АЗ СЪМ ТУК И СЕГА") == []


def test_known_abbreviation_inside_a_heading_still_counts():
    assert _names("ДЕЙНОСТИ НА МВР ПО ПРЕВЕНЦИЯ") == ["МВР"]


def test_unknown_abbreviation_shaped_words_count():
    assert _names("партньори: НСОРБ, ЦКБППМН", known=set()) == ["НСОРБ", "ЦКБППМН"]


def test_roman_numerals_in_cyrillic_are_not_abbreviations():
    assert _names("РАЗДЕЛ ІІІ, ХІ век и ХХ век", known=set()) == []
    assert _names("МС и НПО", known={"МС"}) == ["МС", "НПО"]


def test_texts_without_capitals_are_skipped_and_keep_their_place():
    results = find_mentions(["без съкращения", "МВР"], Lexicon(KNOWN.__contains__))
    assert [[m.abbreviation for m in found] for found in results] == [[], ["МВР"]]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "МВР",
                "МВнР",
                "ИА",
                "ГИТ",
                "МКБТХ",
                "Варна",
                "–",
                "-",
                "та",
                " ",
                ", ",
                "„",
                "“",
                "(",
                ")",
                ".",
                "РАЗДЕЛ",
                "ФОРУМ",
                "НСОРБ",
                "ХХ",
                "и",
                "работа",
                "\n",
            ]
        ),  # fmt: skip
        max_size=25,
    ).map("".join)
)
def test_mentions_point_into_the_text(text):
    (mentions,) = find_mentions([text], Lexicon(KNOWN.__contains__))
    for mention in mentions:
        written = text[mention.start : mention.end]
        assert written.replace("\n", " ").split() == mention.abbreviation.split()
