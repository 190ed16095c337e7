"""Typography checks on small texts: text.repeated_word, text.spacing, text.quotes."""

from __future__ import annotations

import pytest

from natprog.options import Options
from natprog.run import process


@pytest.fixture
def check_text(tmp_path):
    """Run the text-level checks on `text` saved as a .txt file; findings of `code` only."""

    def run(text: str, code: str) -> list:
        path = tmp_path / "note.txt"
        path.write_text(text, encoding="utf-8")
        return [f for f in process(path, Options(text_only=True)).findings if f.code == code]

    return run


def test_repeated_word(check_text):
    found = check_text(
        "Обучение на на съдии и и прокурори.\nИ и така нататък.", "text.repeated_word"
    )
    assert [(f.text, f.suggestion, f.location.line) for f in found] == [
        ("на на", "на", 1),
        ("и и", "и", 1),
        ("И и", "И", 2),
    ]
    assert found[0].severity == "warning"
    assert found[0].context[found[0].start : found[0].end] == "на на"


def test_no_repeated_word_across_punctuation_or_inside_words(check_text):
    text = "Да, да. Брой на наръчниците, МВР – МВР Варна, деца-деца."
    assert check_text(text, "text.repeated_word") == []


def test_double_spaces(check_text):
    found = check_text("Повишена   информираност на\u00a0 жертвите.", "text.spacing")
    assert [(f.text, f.suggestion) for f in found] == [
        ("Повишена   информираност", "Повишена информираност"),
        ("на\u00a0 жертвите.", "на жертвите."),
    ]
    assert found[0].severity == "info"


def test_space_before_punctuation(check_text):
    found = check_text("Брой обучения , брой обучени ; доклади .", "text.spacing")
    assert [f.suggestion for f in found] == ["обучения,", "обучени;", "доклади."]


def test_missing_space_after_punctuation(check_text):
    found = check_text(
        "Партньори:МВР,МО и НПО;ДАЗД. Срок до края на годината.Проектът", "text.spacing"
    )
    assert [f.suggestion for f in found] == [
        "Партньори: МВР",
        "МВР, МО",
        "НПО; ДАЗД",
        "годината. Проектът",
    ]


def test_spacing_leaves_numbers_times_urls_and_abbreviations_alone(check_text):
    text = (
        "Ставка 1,5 на сто, т.е. 2.5 млн. лв., от 18:00 ч., "
        "на www.antitraffic.bg и http://mvr.bg/a,b; чл. 76а."
    )
    assert check_text(text, "text.spacing") == []


def test_unbalanced_quotes(check_text):
    found = check_text(
        "Кампания „Безопасна ваканция и още.\nДирекции Бюро по труда” към МТСП.", "text.quotes"
    )
    assert [(f.location.line, f.suggestion) for f in found] == [
        (1, "затворете кавичките с “"),
        (2, "отворете кавичките с „"),
    ]
    assert found[0].text == "„Безопасна"
    assert found[0].severity == "warning"


def test_balanced_quotes_in_every_style(check_text):
    text = (
        "Кампания „Безопасна ваканция“ и „Трафик на хора: Време за действие”.\n"
        "The “Blue Heart” campaign and «Анимус».\n"
        "„ЗАЩИТА, ВЪЗСТАНОВЯВАНЕ И РЕИНТЕГРАЦИЯ НА\n"
        "ЖЕРТВИТЕ НА ТРАФИК НА ХОРА”\n"
        'Програма "Демокрация".'
    )
    assert check_text(text, "text.quotes") == []


def test_odd_straight_quotes(check_text):
    found = check_text('Програма "Демокрация и още.', "text.quotes")
    assert len(found) == 1 and found[0].text == '"'


@pytest.mark.parametrize(
    "text",
    [
        "The “$1,500” grant and the “(a)” clause, the “/docs” path.",
        "„Средствата са “$1,500” за година“.",
        "The “Blue Heart” campaign.",
    ],
)
def test_english_quote_before_a_sign_opens(text):
    """An English “ before `$`, `(` or `/` opens a quote, also inside a Bulgarian „…“ (issue 13)."""
    from natprog.checks.typography import _quote_marks

    assert _quote_marks(text) == ([], [])
