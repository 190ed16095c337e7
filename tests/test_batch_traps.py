"""Batch traps from issue 19: names that collide by case, an output folder holding the inputs,
a name that is not UTF-8, a file swapped for a link after listing, a content type in other
case, and absolute paths in the summary.
"""

from __future__ import annotations

import json
import os
import shutil

import pytest
from badfiles import document_xml, members, package, programme_body, programme_docx, rezip

from conftest import DRAFT_2012
from natprog.errors import ExitCode
from natprog.ingest.safezip import SafeZip
from natprog.options import Limits

SECRET = "ПОВЕРИТЕЛНО-natprog-секрет"


def summary(out) -> dict:
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def test_names_differing_only_in_case_are_refused(run_cli, tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "x.docx").write_bytes(programme_docx(1, 2))
    (drafts / "x.DOCX").write_bytes(programme_docx(1, 3))
    (drafts / "y.docx").write_bytes(programme_docx(1, 2))
    out = tmp_path / "out"
    for _ in range(2):  # the same on every rerun: one writes x-docx/, the other is refused
        result = run_cli("batch", drafts, "-o", out, "--jobs", "1")
        assert result.code == 0, result.err
        assert "x.docx: skipped (its outputs would overwrite those of x.DOCX" in result.out
        assert "x.DOCX: ok," in result.out or "x.DOCX: cached," in result.out
        files = {row["file"]: row for row in summary(out)["files"]}
        assert files["x.docx"]["status"] == "skipped"
        assert files["x.DOCX"]["output_dir"] == "x-docx"


def test_an_output_folder_holding_the_inputs_is_refused(run_cli, tmp_path):
    drafts = tmp_path / "work" / "drafts"
    drafts.mkdir(parents=True)
    shutil.copyfile(DRAFT_2012["txt"], drafts / "a.txt")
    result = run_cli("batch", drafts, "-o", tmp_path / "work")
    assert result.code == ExitCode.USAGE
    assert result.err.count("\n") == 1 and "holds the input folder" in result.err
    assert result.out == ""
    same = run_cli("batch", drafts, "-o", drafts)
    assert same.code == ExitCode.USAGE


def test_a_name_that_is_not_utf8_fails_alone(run_cli, tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    shutil.copyfile(DRAFT_2012["txt"], drafts / "good.txt")
    bad = os.path.join(os.fsencode(drafts), b"bad\xff.txt")
    with open(bad, "wb") as handle:
        handle.write(DRAFT_2012["txt"].read_bytes())
    out = tmp_path / "out"
    result = run_cli("batch", drafts, "-o", out, "--jobs", "1")
    assert result.code == ExitCode.UNREADABLE
    assert "bad\ufffd.txt: error (exit 3): the file name is not valid UTF-8" in result.out
    assert "good.txt: ok," in result.out
    data = summary(out)
    assert data["counts"] == {"files": 2, "ok": 1, "cached": 0, "error": 1, "skipped": 0}
    assert "summary.csv" in result.out


def test_a_file_swapped_for_a_link_after_listing_is_not_read(run_cli, tmp_path, monkeypatch):
    import natprog.discover

    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET + "\n" + "текст " * 20, encoding="utf-8")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    swapped = drafts / "draft.txt"
    swapped.write_text("временно", encoding="utf-8")
    real = natprog.discover.discover

    def listed_then_swapped(folder, **kwargs):
        found = real(folder, **kwargs)
        swapped.unlink()
        swapped.symlink_to(secret)  # the race, made certain
        return found

    monkeypatch.setattr(natprog.discover, "discover", listed_then_swapped)
    out = tmp_path / "out"
    result = run_cli("batch", drafts, "-o", out, "--jobs", "1")
    assert result.code == ExitCode.UNREADABLE
    assert "draft.txt: error (exit 3): is a symbolic link" in result.out
    assert SECRET not in result.out + result.err
    assert SECRET not in (out / "summary.csv").read_text(encoding="utf-8-sig")


def test_an_xml_content_type_in_other_case_still_meets_the_dtd_refusal():
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'
    types = members(programme_docx())["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/WORD/CUSTOM.BIN" ContentType="APPLICATION/XML"/></Types>',
    )
    data = rezip(programme_docx(), {"[Content_Types].xml": types}, add={"word/custom.bin": bomb})
    with pytest.raises(Exception) as refused:
        SafeZip(data, Limits(), "x.docx")
    assert getattr(refused.value, "exit_code", None) == ExitCode.LIMIT
    assert "declares a DTD" in str(refused.value)


def test_summary_messages_hold_no_absolute_paths(run_cli, tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "a.docx").write_bytes(package(document_xml(programme_body(1, 2))))
    (drafts / "b.docx").write_bytes(b"PK\x03\x04 broken")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a-docx").write_text("a file where the output folder should go")
    result = run_cli("batch", drafts, "-o", out, "--jobs", "1")
    assert result.code != 0
    messages = [row["message"] or "" for row in summary(out)["files"]]
    assert any("a-docx" in message for message in messages), messages
    assert not [m for m in messages if str(tmp_path) in m or "/tmp/" in m], messages
