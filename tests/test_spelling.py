"""spelling.unknown_word: the 2012 draft's typos, what is not a typo, the lexicon, the signals."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest

from conftest import DRAFT_2012
from natprog.options import Options
from natprog.run import process
from natprog.spelling import get_dictionary
from natprog.spelling.checker import SIGNAL_DOCUMENT, SIGNAL_WORD, SpellChecker
from natprog.spelling.lexicon import entry_forms, read_lexicon
from natprog.spelling.suggest import Suggester
from natprog.spelling.tokens import tokens

# Every typo of the 2012 draft (found by reading it), with the word meant.
TYPOS_2012 = {
    "Вклюване": "Включване",
    "бюдцета": "бюджета",
    "инстититуции": "институции",
    "законодатеслтво": "законодателство",
    "АБРИВИАТУРИ": "АБРЕВИАТУРИ",
    "СТАРТЕГИЧЕСКА": "СТРАТЕГИЧЕСКА",
    "Бългаска": "Българска",
    "Продоставени": "Предоставени",
    "Социолигически": "Социологически",
    "ефктивно": "ефективно",
    "качетсвени": "качествени",
    "обласно": "областно",
    "отностно": "относно",
    "представни": "представени",
    "ситуция": "ситуация",
    "средсва": "средства",
    "чувствителнот": "чувствителност",
    "награждащо": "надграждащо",
}
# Correct words of the draft that bg_BG lacks or that look odd: none may be reported.
RARE_BUT_CORRECT_2012 = [
    "превенция", "превенцията", "ПРЕВЕНЦИЯ", "реинтеграция", "реинтеграцията", "РЕИНТЕГРАЦИЯ",
    "реинтегриране", "Мониториране", "обгрижване", "обгрижването", "обгрижените",
    "Мултидисциплинарни", "Транснационален", "нестопанска", "Неправителствени",
    "новосформираните", "новопривлечени", "обучителния", "релевантната", "ромската", "ромските",
    "международноправна", "мониторингов", "Анимус", "МВнР", "НСлС", "ЦКБППМН", "МКБППМН",
    "НКБТХ", "ОССЕ", "ДАЗД", "гр", "чл", "Р", "стажант", "дипломати", "деца", "жертви",
    "държавите", "членки", "наказателно", "правните",
]  # fmt: skip


def _spelling(result) -> list:
    return [f for f in result.findings if f.code == "spelling.unknown_word"]


@pytest.mark.parametrize("fmt", sorted(DRAFT_2012))
def test_every_2012_typo_is_reported_with_the_right_word(results_2012, fmt):
    found = _spelling(results_2012[fmt])
    assert Counter(f.text for f in found) == Counter(TYPOS_2012.keys())
    for finding in found:
        assert TYPOS_2012[finding.text] in finding.suggestions[:3], finding
        assert finding.suggestion == finding.suggestions[0]
        assert finding.severity == "warning"


@pytest.mark.parametrize("fmt", sorted(DRAFT_2012))
def test_no_correct_2012_word_is_reported(results_2012, fmt):
    reported = {f.text for f in _spelling(results_2012[fmt])}
    assert not reported & set(RARE_BUT_CORRECT_2012)
    assert reported <= set(TYPOS_2012)


def test_findings_anchor_exactly_in_their_context(results_2012):
    for finding in _spelling(results_2012["docx"]):
        assert finding.context[finding.start : finding.end] == finding.text
        assert finding.location.paragraph is not None


def test_the_most_frequent_near_spelling_is_the_suggestion(results_2012):
    by_word = {f.text: f for f in _spelling(results_2012["docx"])}
    # `надграждащо` is used four times in the draft; `награждащо` once.
    assert by_word["награждащо"].suggestion == "надграждащо"
    assert SIGNAL_DOCUMENT in by_word["награждащо"].signals
    assert "се среща" in by_word["награждащо"].message
    assert by_word["инстититуции"].suggestion == "институции"  # two edits, found in the draft


def test_2012_spelling_speed():
    """The whole draft, suggestions included, in well under 0.2 s of CPU once loaded."""
    from natprog.ingest import ingest
    from natprog.spelling.dictionary import Dictionary
    from natprog.spelling.tokens import tokenize

    document = ingest(DRAFT_2012["docx"])
    get_dictionary()
    best = 1.0
    for _ in range(3):
        dictionary = Dictionary()  # fresh caches: nothing remembered from the previous run
        tokenize.cache_clear()
        start = time.process_time()
        found = SpellChecker(document.blocks, dictionary=dictionary).misspellings()
        best = min(best, time.process_time() - start)
    assert len(found) == len(TYPOS_2012)
    assert best <= 0.2, f"spelling took {best:.3f} s"


# -- the lexicon -------------------------------------------------------------------------------


def test_lexicon_words_are_known_in_every_form():
    dictionary = get_dictionary()
    for entry in read_lexicon():
        if entry.combining:
            continue
        forms = entry_forms(entry)
        assert entry.word in forms
        if entry.model:
            assert len(forms) >= 3, f"{entry.word}: model {entry.model} gives no endings"
        unknown = [form for form in forms if not dictionary.spell(form)]
        assert not unknown, (entry.word, unknown)


@pytest.mark.parametrize(
    "word",
    [
        "превенцията", "превенции", "реинтеграцията", "мониторирането", "мониторинговите",
        "обгрижването", "обгрижените", "обгрижващи", "мултидисциплинарните", "транснационална",
        "нестопанските", "неправителствените", "новосформираната", "новопривлечените",
        "обучителните", "релевантни", "ромския", "международноправните", "трафикантите",
        "донорските", "продължиха", "радиоспота", "видеоконференция", "антикорупционни",
    ],
)  # fmt: skip
def test_inflected_domain_words_are_known(word):
    assert get_dictionary().known(word)


def test_combining_forms_need_a_known_word():
    dictionary = get_dictionary()
    assert dictionary.known("радиоспот")
    assert not dictionary.known("радиосптот")  # the rest is a typo
    assert not dictionary.known("антиаб")  # too short a rest to vouch for


# -- what is not a typo -------------------------------------------------------------------------


def _unknown(text: str, **kwargs) -> list[str]:
    from natprog.models import Block, Provenance

    blocks = [Block(line, Provenance(line=i + 1)) for i, line in enumerate(text.split("\n"))]
    return [m.word for m in SpellChecker(blocks, **kwargs).misspellings()]


def test_abbreviations_numbers_urls_and_mail_are_not_words():
    text = (
        "Партньори: МВнР, НСлС, ЦКБППМН, ОССЕ и ИА ГИТ, гр. София, чл. 76а от ЗБЛД, "
        "ул. „Дондуков“ № 2, www.antitraffic.bg, https://mvr.bg/trafik, "
        "secretariat@antitraffic.government.bg, 2012г., Р България."
    )
    assert _unknown(text) == []


def test_names_inside_a_sentence_and_in_quotes_are_spared():
    assert _unknown("Работа с фондация „Асоциация Анимус“ и с Надя Стоянова от Кабрал.") == []


def test_a_name_like_typo_close_to_a_known_name_is_reported():
    assert _unknown("Проведени бяха срещи в Гъррция и Белгяи.") == ["Гъррция", "Белгяи"]


def test_capitals_are_checked_as_words():
    assert _unknown("СТАРТЕГИЧЕСКА ЦЕЛ:") == ["СТАРТЕГИЧЕСКА"]
    # A heading word that lost its vowel reads like an abbreviation, but the text has the word.
    assert _unknown("ЗАКРИЛА НА ЖЕРТВИТЕ НА ТРСФИК\nПротиводействие на трафик на хора.") == [
        "ТРСФИК"
    ]
    assert _unknown("Провеждане на СОФИЯ ФОРУМ на тема миграция.") == []


def test_latin_look_alikes_are_left_to_script_mixed(tmp_path):
    path = Path(tmp_path, "note.txt")
    path.write_text("Мeждународно сътрудничество и мрeжа.\n", encoding="utf-8")
    result = process(path, Options(text_only=True))
    assert {f.code for f in result.findings} == {"script.mixed"}


def test_accepted_words_are_not_reported():
    text = "Проектът Трафикинфо и платформата трафикинфо."
    assert _unknown(text) == ["трафикинфо"]
    assert _unknown(text, accepted=["Трафикинфо"]) == []


def test_a_document_word_used_often_is_the_suggestion_for_its_rare_twin():
    blocks_text = "Обсъдено беше трафикинфо.\n" * 3 + "Внедряване на трафикниfo.\nНов трафикнфо."
    dictionary = get_dictionary()
    vocabulary = Counter({"трафикинфо": 3, "трафикнфо": 1})
    suggester = Suggester(dictionary, vocabulary)
    assert suggester.suggest("трафикнфо")[0].word == "трафикинфо"
    assert "трафикнфо" in _unknown(blocks_text)


def test_hunspell_is_asked_only_when_our_edits_find_nothing():
    dictionary = get_dictionary()
    ours = Suggester(dictionary, hunspell_fallback=False)
    assert ours.suggest("кпмпютор") == []  # two slips, no document to learn from
    assert Suggester(dictionary).suggest("кпмпютор")[0].word == "компютър"


def test_tokens_keep_offsets_and_split_compounds():
    text = "Деца-жертви на трафик"
    found = list(tokens(text))
    assert [(t.text, t.start, t.end) for t in found] == [
        ("Деца", 0, 4),
        ("жертви", 5, 11),
        ("на", 12, 14),
        ("трафик", 15, 21),
    ]
    assert found[0].compound == (0, 11)
    assert found[0].sentence_start and not found[1].sentence_start


# -- Word's own proofing marks -------------------------------------------------------------------


def _docx_with_proof_marks(path: Path) -> Path:
    """A DOCX whose paragraph marks `Кабрал` and `вклюване` the way Word does (w:proofErr)."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = Document()
    paragraph = document.add_paragraph()

    def mark(kind: str) -> None:
        element = OxmlElement("w:proofErr")
        element.set(qn("w:type"), kind)
        paragraph._p.append(element)

    paragraph.add_run("Среща с ")
    mark("spellStart")
    paragraph.add_run("Кабрал")
    mark("spellEnd")
    paragraph.add_run(" и ")
    mark("spellStart")
    paragraph.add_run("вклюване")
    mark("spellEnd")
    paragraph.add_run(" на деца в ")
    mark("spellStart")
    paragraph.add_run("Пазарджек")
    mark("spellEnd")
    paragraph.add_run(" и ")
    mark("spellStart")
    paragraph.add_run("програмата")
    mark("spellEnd")
    paragraph.add_run(".")
    document.save(path)
    return path


def test_word_proofing_marks_are_a_signal_never_the_only_one(tmp_path):
    path = _docx_with_proof_marks(tmp_path / "marked.docx")
    result = process(path, Options(text_only=True))
    found = {f.text: f for f in result.findings if f.code == "spelling.unknown_word"}
    # `програмата` is a word: Word's mark alone reports nothing. `Кабрал` is a name (one
    # letter from `Капрал`, which is no name): Word marks every unfamiliar name.
    assert set(found) == {"вклюване", "Пазарджек"}
    assert found["вклюване"].signals == (SIGNAL_WORD,)
    assert "Word" in found["вклюване"].message
    assert found["вклюване"].suggestion == "включване"
    assert found["Пазарджек"].suggestion == "Пазарджик"


@pytest.mark.slow
def test_ngram_file_matches_dictionary_and_lexicon():
    """pipeline/data/bg_ngrams.txt is derived: rebuild with `python -m natprog.spelling.ngrams`."""
    from natprog.spelling.ngrams import NGRAMS_PATH, build_ngrams, render

    assert NGRAMS_PATH.read_text(encoding="utf-8") == render(build_ngrams())


def test_the_ngram_filter_keeps_every_real_word():
    """The filter may only drop non-words: each single edit it drops is no word for Hunspell."""
    from natprog.spelling.edits import edits1
    from natprog.spelling.ngrams import known_ngrams

    dictionary = get_dictionary()
    for word in ("представни", "законодатеслтво", "ситуция", "бюдцета", "чувствителнот"):
        kept = {c for c, _ in edits1(word, known_ngrams())}
        dropped = {c for c, _ in edits1(word)} - kept
        assert kept and not [c for c in dropped if c and dictionary.spell(c)], word


def test_a_soft_hyphen_inside_a_word_is_no_typo():
    assert _unknown("Националната про\u00adграма и бюд\u00adцета.") == ["бюд\u00adцета"]


@pytest.mark.parametrize("fmt", sorted(DRAFT_2012))
def test_every_finding_with_text_anchors_in_its_context(results_2012, fmt):
    """The annotated DOCX places comments by these offsets: they must point at the text."""
    for finding in results_2012[fmt].findings:
        if finding.text is not None and finding.start is not None:
            assert finding.context[finding.start : finding.end] == finding.text, finding


def test_a_word_hyphenated_at_a_line_end_is_whole():
    text = "Мерки за предот-\nвратяване и противо- действие; МКБТХ - Бургас и предот- вратни."
    # `предот- вратни` is no word joined either: only the half that is no word is reported.
    assert _unknown(text) == ["предот"]


def test_capitalised_stems_are_the_dic_stems_that_open_with_a_capital():
    """The fast byte scan for the place-name table lists exactly what reading the whole .dic does,
    in the same order."""
    from natprog.spelling.affixes import build_capitalised_stems, capitalised_stems, stem_flags

    expected = [stem for stem in stem_flags() if stem[:1].isupper()]
    assert list(build_capitalised_stems()) == expected
    assert list(capitalised_stems()) == expected
    assert len(expected) > 5000


def test_place_stems_are_found_as_the_table_of_every_stem_finds_them():
    """`_place_stem` looks a stem up backwards; it must answer as the plain table of every stem
    of every place (first place wins) would."""
    from natprog.spelling.vocabulary import _place_stem, settlements

    table: dict[str, str] = {}
    for lower, name in settlements().items():
        for stem in (lower, lower[:-1], lower[:-1] + "ен", lower[:-1] + "й", lower + "н"):
            if len(stem) >= 3:
                table.setdefault(stem, name)
    assert all(_place_stem(stem) == name for stem, name in table.items())
    probes = [stem + tail for stem in list(table)[::50] for tail in ("а", "ен", "й", "н", "")]
    assert [_place_stem(p) for p in probes] == [table.get(p) for p in probes]
    assert _place_stem("видин") == "Видин" and _place_stem("ви") is None


def test_ready_tables_are_the_tables_built_from_the_word_lists():
    """pipeline/data/ready/ (a build artefact) gives exactly what the word lists give."""
    from natprog.spelling import ready, ready_build, vocabulary

    built = ready_build.build()
    assert ready.ready_tables() is not None, "run `python -m natprog.spelling.ready_build`"
    assert ready.ready_tables()["settlements"] == built["settlements"]
    assert list(ready.ready_tables()["settlements"]) == list(built["settlements"])  # the order
    assert ready.ready_tables()["frequencies"] == built["frequencies"]
    assert ready.ready_tables()["capitalised"] == built["capitalised"]
    assert vocabulary.settlements() == built["settlements"]


def test_ready_tables_older_than_a_source_are_not_used(tmp_path, monkeypatch):
    import marshal

    from natprog.spelling import ready, ready_build

    stale = ready_build.build()
    stale["stamp"][-1] = ("vocabulary.py", 1, 1)  # as if a source had changed since
    path = tmp_path / "spelling.marshal"
    path.write_bytes(marshal.dumps(stale))
    monkeypatch.setattr(ready, "READY_PATH", path)
    ready.ready_tables.cache_clear()
    try:
        assert ready.ready_tables() is None
        ready.write(ready_build.build(), path)
        ready.ready_tables.cache_clear()
        assert ready.ready_tables() is not None
        path.write_bytes(b"not marshal data")
        ready.ready_tables.cache_clear()
        assert ready.ready_tables() is None
    finally:
        ready.ready_tables.cache_clear()
