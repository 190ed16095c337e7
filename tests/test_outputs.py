"""The files people open: JSON validated against the schema, XLSX read back, CSV as Excel wants it."""

from __future__ import annotations

import csv
import datetime as dt
import json

import jsonschema
import openpyxl
import pytest

from conftest import DRAFT_2012, ROOT

SCHEMA = json.loads(
    (ROOT / "pipeline" / "data" / "programme.schema.json").read_text(encoding="utf-8")
)


@pytest.fixture(scope="module")
def outdir(tmp_path_factory):
    from natprog.run import extract

    out = tmp_path_factory.mktemp("out")
    extract(DRAFT_2012["docx"], out)
    return out


@pytest.mark.parametrize("fmt", sorted(DRAFT_2012))
def test_json_validates_against_schema(results_2012, fmt):
    jsonschema.validate(results_2012[fmt].to_dict(), SCHEMA)


def test_schema_rejects_a_broken_document(results_2012):
    data = results_2012["docx"].to_dict()
    del data["activities"][0]["deadline"]["kind"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)


def test_json_contract_keys(outdir):
    data = json.loads((outdir / "np2012-draft.json").read_text(encoding="utf-8"))
    assert data["source"]["file"] == "np2012-draft.docx" and data["source"]["format"] == "docx"
    assert data["programme"] == {"title": data["programme"]["title"], "year": 2012, "draft": True}
    activity = data["activities"][0]
    assert activity["id"] == "I.1" and activity["number"] == 1
    assert activity["deadline"]["kind"] == "month" and activity["deadline"]["start"] == "2012-05-01"
    assert [i["name"] for i in activity["responsible"]["items"]] == ["НКБТХ", "Община Благоевград"]
    assert data["sections"][0]["activities"][0] == activity
    assert {"code", "severity", "message", "text", "suggestion", "location"} <= set(
        data["findings"][0]
    )


def test_xlsx_reads_back(outdir):
    workbook = openpyxl.load_workbook(outdir / "np2012-draft.xlsx")
    assert workbook.sheetnames[:5] == [
        "Обобщение",
        "Дейности",
        "Раздели",
        "Съкращения",
        "Забележки",
    ]
    assert workbook.active.title == "Обобщение"
    sheet = workbook["Дейности"]
    header = [cell.value for cell in sheet[1]]
    assert header[:11] == [
        "Раздел",
        "№",
        "Дейност",
        "Отговорна институция",
        "Партньори",
        "Финансиране",
        "Срок",
        "Срок от",
        "Срок до",
        "Очаквани резултати",
        "Индикатори",
    ]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "D2"  # the header row, and Раздел, № and Дейност stay in sight
    assert sheet.auto_filter.ref.startswith("A1:")
    assert sheet.max_row == 49
    first = [cell.value for cell in sheet[2]]
    assert first[:3] == [
        "I",
        1,
        "Създаване на Местна комисия за борба с трафика на хора в гр. Благоевград.",
    ]
    assert isinstance(first[7], dt.datetime) and first[7].date() == dt.date(2012, 5, 1)
    assert first[8].date() == dt.date(2012, 5, 31)
    assert sheet.cell(2, 3).alignment.wrap_text
    assert 6 <= sheet.column_dimensions["C"].width <= 60
    assert workbook["Съкращения"].max_row == 27
    assert workbook["Раздели"].max_row == 8


def test_csv_has_bom_and_columns(outdir):
    raw = (outdir / "np2012-draft.activities.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == 48
    assert rows[0]["Срок от"] == "2012-05-01" and rows[0]["Раздел"] == "I"
    assert rows[-1]["ID"] == "VII.3"


def test_outputs_are_byte_identical_on_rerun(tmp_path):
    from natprog.run import extract

    first, second = tmp_path / "a", tmp_path / "b"
    extract(DRAFT_2012["docx"], first)
    extract(DRAFT_2012["docx"], second)
    for path in sorted(first.iterdir()):
        assert path.read_bytes() == (second / path.name).read_bytes(), path.name
