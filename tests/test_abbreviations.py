"""Abbreviations and institutions: each finding on a small draft of our own, then the 2012 draft."""

from __future__ import annotations

import csv
import json

import pytest

from conftest import ROOT
from natprog.abbreviations.master import PACKAGE_COPY, load_master, master_path, parse_master
from natprog.abbreviations.similarity import collation_key, same_meaning
from natprog.errors import ConfigError
from natprog.options import Options
from natprog.run import process

GLOSSARY = [
    ("МВР", "Министерство на вътрешните работи"),
    ("МКБТХ", "Местна комисия за борба с трафика на хора"),
    ("МОМН", "Министерство на образованието, младежта и науката"),
    ("НКБТХ", "Национална комисия за борба с трафика на хора"),
]
BODY = "Обучение на служители на МВР и МОМН."
RESPONSIBLE = "НКБТХ, МКБТХ – Варна"
PARTNERS = "МВР, МОМН"


def write_draft(
    folder,
    *,
    year: int = 2012,
    body: str = BODY,
    responsible: str = RESPONSIBLE,
    partners: str = PARTNERS,
    glossary=GLOSSARY,
    name: str = "draft.txt",
):
    """A one-activity programme as plain text, with a list of abbreviations at the end."""
    entries = "\n\n".join(f"\t{abbr}\n\t{expansion}" for abbr, expansion in glossary)
    text = f"""ПРОЕКТ!

НАЦИОНАЛНА ПРОГРАМА ЗА ПРЕДОТВРАТЯВАНЕ И ПРОТИВОДЕЙСТВИЕ НА ТРАФИКА НА ХОРА
за {year} г.
РАЗДЕЛ I
„ПРЕВЕНЦИЯ“
\tСТРАТЕГИЧЕСКА ЦЕЛ:
\tОграничаване на трафика на хора.

\tОПЕРАТИВНИ ЦЕЛИ:
\t1. Намаляване на риска.

\tДейност 1
\t{body}

\tОтговорна институция
\t{responsible}

\tПартньори
\t{partners}

\tФинансиране
\tВ рамките на бюджета

\tСрок
\tМай {year}

\tОчаквани резултати
\tОбучени служители.

\tИндикатори
\tБрой обучени

СПИСЪК С АБРЕВИАТУРИ
{entries}
"""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def findings(result, code: str) -> list:
    return [finding for finding in result.findings if finding.code == code]


def texts(result, code: str) -> list[str]:
    return [finding.text for finding in findings(result, code)]


@pytest.fixture
def clean(tmp_path):
    """The fixture draft as written above: every abbreviation defined and used, in order."""
    return process(write_draft(tmp_path))


def test_a_clean_draft_has_no_abbreviation_findings(clean):
    codes = {f.code for f in clean.findings}
    assert not {c for c in codes if c.startswith(("abbreviation.", "glossary."))}


# -- abbreviation.undefined --------------------------------------------------------------------


def test_undefined_master_only_is_info_with_the_master_expansion(tmp_path):
    result = process(write_draft(tmp_path, body="Работа с ДАБ и с ДАБ, с МВР и МОМН."))
    (finding,) = findings(result, "abbreviation.undefined")
    assert finding.severity == "info" and finding.text == "ДАБ"
    assert "Държавна агенция за бежанците" in finding.suggestion
    assert "2 пъти" in finding.message
    assert finding.context[finding.start : finding.end] == "ДАБ"  # at the first use
    assert finding.location.activity == "I.1" and finding.location.field == "title"


def test_undefined_unknown_anywhere_is_a_warning(tmp_path):
    result = process(write_draft(tmp_path, body="Работа с ЮФТ, МВР и МОМН."))
    (finding,) = findings(result, "abbreviation.undefined")
    assert (finding.severity, finding.text) == ("warning", "ЮФТ")


def test_well_known_abbreviations_need_no_definition(tmp_path):
    result = process(write_draft(tmp_path, body="Програми на ЕС и САЩ с МВР и МОМН."))
    assert findings(result, "abbreviation.undefined") == []


def test_inline_definition_counts_as_a_definition(tmp_path):
    body = "Работа на Националния механизъм за насочване (НМН) с МВР и МОМН. НМН помага."
    result = process(write_draft(tmp_path, body=body))
    assert findings(result, "abbreviation.undefined") == []
    assert texts(result, "abbreviation.inline") == ["НМН"]


def test_user_severity_still_wins(tmp_path):
    path = write_draft(tmp_path, body="Работа с ДАБ, МВР и МОМН.")
    result = process(path, Options(severities={"abbreviation.undefined": "error"}))
    assert [f.severity for f in findings(result, "abbreviation.undefined")] == ["error"]


# -- abbreviation.unused -----------------------------------------------------------------------


def test_unused_glossary_entry(tmp_path):
    glossary = [*GLOSSARY, ("ОЗД", "Отдел за закрила на детето")]
    result = process(write_draft(tmp_path, glossary=glossary))
    (finding,) = findings(result, "abbreviation.unused")
    assert finding.text == "ОЗД" and finding.location.field == "glossary"
    assert "ОЗД" in finding.suggestion


def test_an_entry_used_only_through_a_typo_is_not_unused(tmp_path):
    result = process(write_draft(tmp_path, body="Работа с МВР и МОНМ.", partners="МВР"))
    assert findings(result, "abbreviation.unused") == []
    assert texts(result, "abbreviation.variant") == ["МОНМ"]


# -- abbreviation.variant ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "intended", "glossary_entry"),
    [
        ("МОНМ", "МОМН", None),  # two letters swapped
        ("МКБППМН", "ЦКБППМН", ("ЦКБППМН", "Централна комисия за борба с противообществените")),
    ],
)
def test_variant_of_a_defined_abbreviation(tmp_path, written, intended, glossary_entry):
    glossary = [*GLOSSARY, glossary_entry] if glossary_entry else GLOSSARY
    body = f"Работа с МВР, МОМН и {written}." if glossary_entry else f"Работа с МВР и {written}."
    result = process(write_draft(tmp_path, body=body, glossary=glossary))
    (finding,) = findings(result, "abbreviation.variant")
    assert (finding.text, finding.suggestion) == (written, intended)
    assert finding.context[finding.start : finding.end] == written
    assert findings(result, "abbreviation.undefined") == []


def test_every_use_of_a_variant_is_reported(tmp_path):
    result = process(write_draft(tmp_path, body="МОНМ и МВР.", partners="МОНМ, МВР, МОМН"))
    assert texts(result, "abbreviation.variant") == ["МОНМ", "МОНМ"]


def test_a_master_abbreviation_is_never_a_variant(tmp_path):
    # МОМ is one letter off МОМН, but the master list knows it: undefined, not a typo.
    result = process(write_draft(tmp_path, body="Работа с МВР, МОМН и МОМ."))
    assert findings(result, "abbreviation.variant") == []
    assert texts(result, "abbreviation.undefined") == ["МОМ"]


# -- abbreviation.conflict ---------------------------------------------------------------------


def test_conflict_with_the_master_list(tmp_path):
    glossary = [*GLOSSARY, ("МО", "Местна общност")]
    result = process(write_draft(tmp_path, body="Работа с МВР, МОМН и МО.", glossary=glossary))
    (finding,) = findings(result, "abbreviation.conflict")
    assert finding.severity == "info" and finding.text == "МО"
    assert "Международни организации" in finding.message


@pytest.mark.parametrize(
    ("abbreviation", "expansion"),
    [
        ("МО", "Международни организации"),  # one of the master's two meanings
        ("МО", "Министерство на отбраната"),  # the other one
        ("ОЗД", "Отдел за закрила на детето"),  # master: Отдел „Закрила на детето”
    ],
)
def test_the_same_meaning_written_differently_is_no_conflict(tmp_path, abbreviation, expansion):
    glossary = [*GLOSSARY, (abbreviation, expansion)]
    body = f"Работа с МВР, МОМН и {abbreviation}."
    result = process(write_draft(tmp_path, body=body, glossary=glossary))
    assert findings(result, "abbreviation.conflict") == []


def test_conflict_between_the_text_and_the_list(tmp_path):
    glossary = [*GLOSSARY, ("ДПС", "Движение за права и свободи")]
    body = "Работа на Детска педагогическа стая (ДПС) с МВР и МОМН."
    result = process(write_draft(tmp_path, body=body, glossary=glossary))
    conflicts = findings(result, "abbreviation.conflict")
    assert any(
        "Детска педагогическа стая" in f.message and f.location.field == "title" for f in conflicts
    )


def test_tolerant_comparison_of_expansions():
    assert same_meaning(
        "Централна комисия за борба с противообществените прояви на малолетни и непълнолетни",
        "Централна комисия за борба срещу противообществените прояви на малолетните и непълнолетните",
    )
    assert not same_meaning("Международни организации", "Министерство на отбраната")


# -- abbreviation.inline -----------------------------------------------------------------------


def test_inline_definition_missing_from_the_glossary(tmp_path):
    body = (
        "Финансиране на Националния механизъм за насочване и подпомагане на жертви на трафик "
        "(НМН) с МВР и МОМН."
    )
    result = process(write_draft(tmp_path, body=body))
    (finding,) = findings(result, "abbreviation.inline")
    assert finding.severity == "info" and finding.context[finding.start : finding.end] == "НМН"
    assert "Националния механизъм за насочване и подпомагане на жертви на трафик" in (
        finding.suggestion
    )


def test_inline_definition_already_in_the_glossary_is_not_reported(tmp_path):
    body = "Работа на Местните комисии за борба с трафика на хора (МКБТХ) с МВР и МОМН."
    result = process(write_draft(tmp_path, body=body))
    assert findings(result, "abbreviation.inline") == []
    assert findings(result, "abbreviation.conflict") == []


# -- abbreviation.outdated ---------------------------------------------------------------------


def test_outdated_name_in_a_later_year_suggests_its_successor(tmp_path):
    result = process(write_draft(tmp_path, year=2014))
    outdated = findings(result, "abbreviation.outdated")
    assert {f.text for f in outdated} == {"МОМН"}
    assert {f.suggestion for f in outdated} == {"МОН"}
    fields = sorted(f.location.field for f in outdated)
    assert fields == ["glossary", "partners", "title"]  # the list entry and every use


def test_the_older_name_in_between_years(tmp_path):
    glossary = [*GLOSSARY, ("МОН", "Министерство на образованието и науката")]
    result = process(write_draft(tmp_path, year=2011, body="МВР, МОМН и МОН.", glossary=glossary))
    assert {(f.text, f.suggestion) for f in findings(result, "abbreviation.outdated")} == {
        ("МОН", "МОМН")
    }


def test_valid_names_are_not_outdated(tmp_path):
    assert findings(process(write_draft(tmp_path, year=2012)), "abbreviation.outdated") == []


# -- glossary.order and glossary.duplicate -----------------------------------------------------


def test_glossary_order_reports_the_fewest_misplaced_entries(tmp_path):
    glossary = [GLOSSARY[3], *GLOSSARY[:3]]  # НКБТХ first, the rest in order
    result = process(write_draft(tmp_path, glossary=glossary))
    (finding,) = findings(result, "glossary.order")
    assert finding.text == "НКБТХ" and "МОМН" in finding.suggestion


def test_bulgarian_alphabetical_order_is_case_insensitive():
    words = ["ЯЯ", "МВР", "ЦКБППМН", "МВнР", "АЗ", "ЪГЪЛ", "ЮЮ", "ЬО"]
    assert sorted(words, key=collation_key) == [
        "АЗ", "МВнР", "МВР", "ЦКБППМН", "ЪГЪЛ", "ЬО", "ЮЮ", "ЯЯ",
    ]  # fmt: skip


def test_glossary_duplicate(tmp_path):
    glossary = [*GLOSSARY[:1], ("МВР", "Министерство на вътрешните работи"), *GLOSSARY[1:]]
    result = process(write_draft(tmp_path, glossary=glossary))
    (finding,) = findings(result, "glossary.duplicate")
    assert finding.text == "МВР" and "същото значение" in finding.message


def test_glossary_tolerates_an_empty_line_or_a_dash_layout(tmp_path):
    path = write_draft(tmp_path, partners="МВР, МОМН")
    text = path.read_text(encoding="utf-8")
    before, after = text.split("СПИСЪК С АБРЕВИАТУРИ\n")
    layout = "\tМВР\n\n\tМинистерство на вътрешните работи\n\n" + "\n".join(
        f"{abbr} – {expansion}" for abbr, expansion in GLOSSARY[1:]
    )
    path.write_text(before + "СПИСЪК С АБРЕВИАТУРИ\n" + layout + "\n", encoding="utf-8")
    result = process(path)
    assert [(g.abbreviation, g.expansion) for g in result.programme.glossary] == GLOSSARY
    assert not [f for f in result.findings if f.code.startswith(("abbreviation.", "glossary."))]


def test_docx_glossary_with_an_empty_paragraph_between_abbreviation_and_expansion(tmp_path):
    import docx

    lines = write_draft(tmp_path).read_text(encoding="utf-8").split("\n")
    document = docx.Document()
    for line in lines:  # the glossary's blank lines become empty paragraphs
        document.add_paragraph(line.strip())
    document.add_paragraph("ДПС")
    document.add_paragraph("")
    document.add_paragraph("Детска педагогическа стая")
    path = tmp_path / "draft.docx"
    document.save(path)
    result = process(path)
    assert [(g.abbreviation, g.expansion) for g in result.programme.glossary] == [
        *GLOSSARY,
        ("ДПС", "Детска педагогическа стая"),
    ]
    assert texts(result, "abbreviation.unused") == ["ДПС"]


# -- institutions ------------------------------------------------------------------------------


def test_institution_items_resolve_by_abbreviation_place_variant_and_name(tmp_path):
    partners = "МВР, МОНМ, Министерство на труда и социалната политика, сдружение „Съучастие”"
    result = process(write_draft(tmp_path, partners=partners, body="МВР и МОМН"))
    activity = result.to_dict()["activities"][0]
    responsible = {i["name"]: i for i in activity["responsible"]["items"]}
    partners = {i["name"]: i for i in activity["partners"]["items"]}
    assert responsible["МКБТХ – Варна"] | {} == {
        "name": "МКБТХ – Варна",
        "abbreviation": "МКБТХ",
        "expansion": "Местна комисия за борба с трафика на хора",
        "defined_in": "document",
        "place": "Варна",
        "match": "place",
    }
    assert (partners["МОНМ"]["abbreviation"], partners["МОНМ"]["match"]) == ("МОМН", "variant")
    by_name = partners["Министерство на труда и социалната политика"]
    assert (by_name["abbreviation"], by_name["defined_in"], by_name["match"]) == (
        "МТСП",
        "master",
        "name",
    )
    unknown = partners["сдружение „Съучастие”"]
    assert unknown["abbreviation"] is None and unknown["defined_in"] is None


@pytest.mark.parametrize(
    ("item", "place"),
    [
        ("МКБТХ Варна", "Варна"),
        ("МКБТХ - Бургас", "Бургас"),
        ("МКБТХ Стара Загора", "Стара Загора"),
    ],
)
def test_institution_with_a_place(tmp_path, item, place):
    data = process(write_draft(tmp_path, responsible=f"НКБТХ, {item}")).to_dict()
    resolved = data["activities"][0]["responsible"]["items"][1]
    assert (resolved["abbreviation"], resolved["place"], resolved["match"]) == (
        "МКБТХ",
        place,
        "place",
    )


def test_institutions_table_counts_leading_and_partnering(tmp_path):
    path = write_draft(tmp_path, responsible="МВР, МКБТХ – Варна", partners="МВР, МОМН и НПО")
    data = process(path).to_dict()
    rows = {row["name"]: row for row in data["institutions"]}
    assert rows["МВР"]["responsible"] == ["I.1"] and rows["МВР"]["partners"] == ["I.1"]
    assert (rows["МВР"]["responsible_count"], rows["МВР"]["partners_count"]) == (1, 1)
    assert rows["МКБТХ – Варна"]["place"] == "Варна"
    assert rows["НПО"]["defined_in"] == "master"


# -- master list -------------------------------------------------------------------------------


def test_master_location_order(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert master_path(None) == PACKAGE_COPY
    (tmp_path / "abbreviations.csv").write_text("abbreviation,expansion,valid_from,valid_to,note\n")
    assert master_path(None) == tmp_path / "abbreviations.csv"
    own = tmp_path / "own.csv"
    own.write_text("abbreviation,expansion,valid_from,valid_to,note\n")
    assert master_path(own) == own
    with pytest.raises(ConfigError, match="master glossary not found"):
        master_path(tmp_path / "missing.csv")


def test_the_packaged_copy_is_the_repository_file():
    assert PACKAGE_COPY.read_bytes() == (ROOT / "abbreviations.csv").read_bytes()


def test_a_configured_master_list_is_used(tmp_path):
    own = tmp_path / "own.csv"
    own.write_text(
        "abbreviation,expansion,valid_from,valid_to,note\nЮФТ,Юридически факултет,,,\n",
        encoding="utf-8",
    )
    path = write_draft(tmp_path, body="Работа с ЮФТ, МВР и МОМН.")
    (finding,) = findings(process(path, Options(glossary_path=own)), "abbreviation.undefined")
    assert finding.severity == "info" and "Юридически факултет" in finding.message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("abbreviation,expansion\nА,Б\n", "missing column"),
        ("abbreviation,expansion,valid_from,valid_to,note\nМО,Министерство,20x3,,\n", "line 2"),
        ("abbreviation,expansion,valid_from,valid_to,note\nМО,,,,\n", "no expansion"),
    ],
)
def test_a_broken_master_list_is_a_config_error(text, message):
    with pytest.raises(ConfigError, match=message):
        parse_master(text)


def test_master_years_and_successors():
    master = load_master(ROOT / "abbreviations.csv")
    assert not master.outdated("МОМН", 2012) and master.outdated("МОМН", 2014)
    assert master.current_name("МОМН", 2014) == "МОН"
    assert master.current_name("МОН", 2011) == "МОМН"
    assert not master.outdated("МОН", 2013)  # renamed during 2013: both names valid that year
    assert master.well_known("ЕС") and not master.well_known("НСОРБ")


# -- the 2012 draft ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["docx", "pdf", "txt"])
def test_2012_draft_abbreviations(results_2012, fmt):
    result = results_2012[fmt]
    assert sorted(texts(result, "abbreviation.unused")) == ["ДПС", "МОМ", "ОЗД", "РИО"]
    assert sorted(texts(result, "abbreviation.undefined")) == sorted(
        ["ВУЗ", "ДАБ", "ЗБЛД", "НСОРБ", "ИА ГИТ", "ОП"]
    )
    variants = {(f.text, f.suggestion) for f in findings(result, "abbreviation.variant")}
    assert variants == {("МОНМ", "МОМН"), ("МКБППМН", "ЦКБППМН")}
    assert texts(result, "abbreviation.inline") == ["НМН"]
    assert findings(result, "abbreviation.conflict") == []
    assert findings(result, "abbreviation.outdated") == []


@pytest.mark.parametrize("fmt", ["docx", "pdf", "txt"])
def test_2012_no_capitalised_ordinary_word_is_an_abbreviation(results_2012, fmt):
    from natprog.spelling import get_dictionary

    dictionary = get_dictionary()
    index = results_2012[fmt].programme.abbreviations
    for mention in index.mentions:
        name = mention.abbreviation
        assert index.known(name) or name in index.variants or not dictionary.known(name), name
    assert not {"РАЗДЕЛ", "СОФИЯ", "ФОРУМ", "ЦЕЛ", "ПРЕВЕНЦИЯ"} & {
        m.abbreviation for m in index.mentions
    }


@pytest.mark.parametrize("fmt", ["docx", "pdf", "txt"])
def test_2012_every_institution_item_is_resolved_or_marked_unknown(results_2012, fmt):
    data = results_2012[fmt].to_dict()
    items = [
        item
        for activity in data["activities"]
        for key in ("responsible", "partners")
        for item in activity[key]["items"]
    ]
    assert len(items) > 100
    for item in items:
        if item["defined_in"] is None:
            assert item["expansion"] is None and item["match"] is None
        else:
            assert item["abbreviation"] and item["expansion"] and item["match"]
    resolved = {i["name"]: (i["abbreviation"], i["place"]) for i in items if i["defined_in"]}
    assert resolved["МКБТХ – Варна"] == resolved["МКБТХ Варна"] == ("МКБТХ", "Варна")
    assert resolved["МКБТХ - Бургас"] == ("МКБТХ", "Бургас")
    assert resolved["МОНМ"] == ("МОМН", None)
    assert resolved["ИА ГИТ"] == ("ИА ГИТ", None)


# -- command line and outputs ------------------------------------------------------------------


def test_abbreviations_command_text(run_cli, tmp_path):
    result = run_cli("abbreviations", write_draft(tmp_path, body="МВР, МОМН, МОНМ и ДАБ."))
    assert result.code == 0, result.err
    assert result.out.split()[:5] == ["Абревиатура", "Употреби", "Определена", "в", "Разшифровка"]
    lines = {line.split()[0]: line.split() for line in result.out.splitlines()[1:]}
    assert lines["МВР"][1:3] == ["2", "списъка"]
    assert lines["ДАБ"][1:4] == ["1", "общия", "списък"]
    assert lines["МОНМ"][1:3] == ["1", "никъде"] and "вариант на МОМН" in " ".join(lines["МОНМ"])


def test_abbreviations_command_csv_and_json(run_cli, tmp_path):
    path = write_draft(tmp_path, body="МВР, МОМН и ДАБ.")
    out = run_cli("abbreviations", path, "--format", "csv").out
    assert out.startswith("\ufeff")  # like every CSV natprog writes: Excel reads it as UTF-8
    rows = list(csv.DictReader(out.removeprefix("\ufeff").splitlines()))
    assert list(rows[0]) == ["Абревиатура", "Употреби", "Определена в", "Разшифровка", "Бележка"]
    assert {row["Абревиатура"]: row["Определена в"] for row in rows}["ДАБ"] == "общия списък"
    data = json.loads(run_cli("abbreviations", path, "--format", "json").out)
    assert [row["abbreviation"] for row in data] == ["ДАБ", "МВР", "МКБТХ", "МОМН", "НКБТХ"]


def test_abbreviations_command_bad_glossary_is_a_usage_error(run_cli, tmp_path):
    result = run_cli("abbreviations", write_draft(tmp_path), "--glossary", tmp_path / "no.csv")
    assert result.code == 2 and result.out == ""
    assert "master glossary not found" in result.err and len(result.err.splitlines()) == 1


def test_institutions_csv_and_sheet(run_cli, tmp_path):
    import openpyxl

    result = run_cli("extract", write_draft(tmp_path), "-o", tmp_path / "out")
    assert result.code == 0, result.err
    raw = (tmp_path / "out" / "draft.institutions.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    by_name = {row["Институция"]: row for row in rows}
    assert by_name["МКБТХ – Варна"]["Отговорна (брой)"] == "1"
    assert by_name["МВР"]["Партньор в дейности"] == "I.1"
    sheet = openpyxl.load_workbook(tmp_path / "out" / "draft.xlsx")["Институции"]
    assert [cell.value for cell in sheet[1]][:3] == ["Институция", "Абревиатура", "Разшифровка"]
    assert sheet.max_row == len(rows) + 1


def test_resolving_twice_changes_nothing(tmp_path):
    """The stage returns a new programme: its input is untouched, and a second pass agrees."""
    from natprog.abbreviations import resolve_abbreviations
    from natprog.models import Result

    result = process(write_draft(tmp_path, body="МВР, МОНМ и ДАБ."))
    before = result.to_dict()
    again = resolve_abbreviations(result.programme)
    assert again is not result.programme
    assert result.to_dict() == before
    assert Result(result.document, again, result.findings, result.options).to_dict() == before
