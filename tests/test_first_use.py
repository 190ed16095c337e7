"""What a new user meets first (issue 14): no silent surprises from the commands as documented.

Advice in the messages, `--debug` anywhere on the line, exit codes the README explains.
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import DRAFT_2012
from natprog.errors import ExitCode

README = Path(__file__).resolve().parent.parent / "README.md"


def test_debug_is_accepted_after_the_command_name(run_cli, monkeypatch, tmp_path):
    def broken(*args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr("natprog.run.extract", broken)
    result = run_cli("extract", DRAFT_2012["txt"], "-o", tmp_path / "out", "--debug")
    assert result.code == ExitCode.INTERNAL
    assert result.err.startswith("Traceback (most recent call last):")


def test_batch_on_a_missing_folder_says_what_to_do(run_cli, tmp_path):
    result = run_cli("batch", tmp_path / "nothere", "-o", tmp_path / "out")
    assert result.code == ExitCode.USAGE
    assert "no such folder" in result.err
    assert "give the folder that holds the drafts" in result.err
    a_file = tmp_path / "a.txt"
    a_file.write_text("x", encoding="utf-8")
    result = run_cli("batch", a_file, "-o", tmp_path / "out")
    assert result.code == ExitCode.USAGE
    assert f"natprog extract {a_file}" in result.err


def _exit_code_row(code: int) -> str:
    for line in README.read_text(encoding="utf-8").splitlines():
        if re.match(rf"\| {code} \|", line):
            return line
    raise AssertionError(f"no row for exit code {code} in the README")


def test_a_missing_file_exits_with_the_code_the_readme_gives_it(run_cli, tmp_path):
    result = run_cli("extract", tmp_path / "nothere.docx", "-o", tmp_path / "out")
    assert result.code == ExitCode.UNREADABLE
    assert "no such file" in result.err
    row = _exit_code_row(int(ExitCode.UNREADABLE))
    assert "missing" in row and "no such file" in row


def test_what_a_person_reads_in_the_workbook_and_csv_is_bulgarian(results_2012):
    """No English codes in the cells (`month`, `permanent`); codes only in the `Код` column."""
    import csv
    import io

    from natprog.emit.csvout import rows_to_csv
    from natprog.emit.serialize import ACTIVITY_COLUMNS, activity_rows
    from natprog.emit.workbook import build_workbook

    data = results_2012["docx"].to_dict()
    code_like = re.compile(r"^[a-z][a-z_.]+$")
    workbook = build_workbook(data)
    for sheet in workbook.worksheets:
        header = [cell.value for cell in sheet[1]]
        for row in sheet.iter_rows(min_row=2):
            for name, cell in zip(header, row, strict=False):
                if name != "Код" and isinstance(cell.value, str):
                    assert not code_like.match(cell.value), (sheet.title, name, cell.value)
    text = rows_to_csv(ACTIVITY_COLUMNS, activity_rows(data))
    kinds = {row["Вид срок"] for row in csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))}
    assert kinds == {"месец", "година", "постоянен"}


def test_two_drafts_with_one_stem_are_refused_before_anything_is_written(run_cli, tmp_path):
    """`extract drafts/*.docx drafts/*.pdf -o DIR` with x.docx and x.pdf: no silent overwrite."""
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for fmt in ("docx", "pdf"):
        (drafts / f"x.{fmt}").write_bytes(DRAFT_2012[fmt].read_bytes())
    out = tmp_path / "all"
    result = run_cli("extract", drafts / "x.docx", drafts / "x.pdf", "-o", out)
    assert result.code == ExitCode.USAGE
    assert f"{drafts / 'x.docx'} and {drafts / 'x.pdf'} would both write" in result.err
    assert "natprog batch" in result.err
    assert not out.exists()
    for fmt in ("odt", "doc"):  # refused before either is read (or converted)
        (drafts / f"y.{fmt}").write_bytes(b"")
    result = run_cli("extract", drafts / "y.odt", drafts / "y.doc", "-o", out)
    assert result.code == ExitCode.USAGE and "would both write" in result.err
    assert not out.exists()


def test_the_same_file_twice_is_one_input(run_cli, tmp_path):
    draft = tmp_path / "x.txt"
    draft.write_bytes(DRAFT_2012["txt"].read_bytes())
    result = run_cli("extract", draft, draft, "-o", tmp_path / "out")
    assert result.code == 0, result.err
    assert result.err.count(f"{draft}: 48 activities") == 1
