"""The high-precision checks of issue 12 and the vocabulary behind the spelling check."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from spelling_bench import findings_for

from natprog.cli import cli
from natprog.spelling import get_dictionary
from natprog.spelling.vocabulary import COMPOUND, PLACE, UNIT, WORDFREQ, Vocabulary


def _found(text: str, code: str) -> list[tuple[str, str | None]]:
    findings, _ = findings_for(text)
    return [(f.text, f.suggestion) for f in findings if f.code == code]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Писмото беше изпратено на министърът вчера.", ("на министърът", "на министъра")),
        ("Срещата е със съветът на общината.", ("със съветът", "със съвета")),
        ("Той мина по пътят към града.", ("по пътят", "по пътя")),
        ("Националния съвет проведе заседание.", ("Националния съвет", "Националният съвет")),
    ],
)
def test_article_errors(text, expected):
    assert _found(text, "grammar.article") == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Писмото беше изпратено на министъра вчера.",
        "Министърът и съветът на общината се срещнаха.",
        "Миналия месец комисията отчете напредък.",
        "Националния план за действие приеха в срок.",
        "Те стоят пред сградата.",
    ],
)
def test_correct_articles_are_left_alone(text):
    assert _found(text, "grammar.article") == []


def test_comparatives_adverbs_ordinals_years_hyphens():
    text = (
        "Ще дойдем по късно, а най голям е рискът. До там стигнахме едва в последствие. "
        "Четиридесет седмото заседание бе през 2021г. за превантивно- информационна кампания."
    )
    assert _found(text, "spelling.comparative_hyphen") == [
        ("по късно", "по-късно"),
        ("най голям", "най-голям"),
    ]
    assert _found(text, "spelling.split_adverb") == [
        ("До там", "Дотам"),
        ("в последствие", "впоследствие"),
    ]
    assert _found(text, "spelling.ordinal_compound") == [
        ("Четиридесет седмото", "Четиридесет и седмото")
    ]
    assert _found(text, "text.year_abbreviation") == [("2021г.", "2021 г.")]
    assert _found(text, "text.hyphen_space") == [
        ("превантивно- информационна", "превантивно-информационна")
    ]


def test_their_look_alikes_are_not_reported():
    text = (
        "Работим по нов начин и раздаваме по малко на всеки. Части от текста, от части на "
        "доклада. Средно- и дългосрочни мерки. Двадесет и седмото заседание бе през 2021 г."
    )
    findings, _ = findings_for(text)
    assert [f.code for f in findings] == []


@pytest.mark.parametrize(
    ("word", "source"),
    [
        ("евро", WORDFREQ),
        ("вицепремиер", WORDFREQ),
        ("проекторешение", COMPOUND),
        ("здравноосигурителна", COMPOUND),
        ("видинската", PLACE),
        ("петричанка", PLACE),
        ("жк", UNIT),
    ],
)
def test_each_source_explains_what_it_accepts(word, source):
    assert Vocabulary(get_dictionary()).verdict(word).source == source


@pytest.mark.parametrize("slip", ["незнам", "особенно", "Сьвета", "бюдцета"])
def test_wordfreq_does_not_vouch_for_slips(slip):
    assert not Vocabulary(get_dictionary()).known(slip)


def test_names_are_spared_but_their_slips_are_not():
    text = (
        "Министърът Настимир Ройтерс говори с Бугомил Петров от Сьвета. Настимир дойде, "
        "Настимир остана, а после Настемир си тръгна."
    )
    findings, _ = findings_for(text)
    found = {f.text: (f.code, f.severity, f.suggestion) for f in findings}
    assert found == {
        "Бугомил": ("spelling.unknown_word", "warning", "Богомил"),
        "Сьвета": ("spelling.unknown_word", "warning", "Съвета"),
        "Настемир": ("spelling.name_variant", "info", "Настимир"),
    }


def test_soft_sign_and_run_together_suggestions_come_first():
    assert _found("Той сьобщи новината.", "spelling.unknown_word") == [("сьобщи", "съобщи")]
    assert _found("Средствата отбюджета са малко.", "spelling.unknown_word") == [
        ("отбюджета", "от бюджета")
    ]


def test_hyphenated_words_and_abbreviation_suffixes():
    text = "Обсъдиха ноу-хау, покупко-продажба на 20-ина имота и ВУЗ-овете в жк „Младост“."
    assert _found(text, "spelling.unknown_word") == []


def test_check_explain_names_the_source():
    result = CliRunner().invoke(cli, ["check", "--explain", "видинската", "--explain", "бюдцета"])
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "видинската: known (place name) — derived from Видин (pipeline/data/settlements_bg.txt)",
        "бюдцета: unknown — no source knows it",
    ]


def test_devset_reads_text_lines_and_documents():
    from devset import sentences

    conllu = "# newdoc id = a\n# text = Първо изречение.\n1\tx\n\n# text = Второ.\n# newdoc id = b\n# text = Трето.\n"
    assert sentences(conllu) == ["Първо изречение.", "Второ.", "", "Трето."]


@pytest.mark.parametrize(
    ("word", "derivation"),
    [("мъченички", "feminine of мъченик"), ("ваксинационни", "adjective of ваксинация")],
)
def test_derivations_say_what_they_come_from(word, derivation):
    assert Vocabulary(get_dictionary()).verdict(word).detail == derivation
