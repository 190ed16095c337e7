"""Bad input: each kind of broken, odd or wrong file gets its exit code, one exact line, no output.

Every failure test asserts the exit code, the whole line on stderr and that the output folder
was left empty; the files are built in code (`badfiles`) or come from tests/fixtures/bad/.
"""

from __future__ import annotations

import codecs
import io
import json
import shutil
from pathlib import Path

import pytest
from badfiles import (
    DRAFT_DOCX,
    PDF_ENGINES,
    assert_refused,
    cut_glossary,
    expected_outputs,
    files_under,
    letter_docx,
    members,
    programme_docx,
    rezip,
)

from conftest import DRAFT_2012
from natprog.errors import (
    ConfigError,
    EncryptedFileError,
    ExitCode,
    InternalError,
    LimitExceededError,
    NatprogError,
    NotAProgrammeError,
    NoTextLayerError,
    OutputError,
    UnreadableFileError,
    UnsupportedFormatError,
    UsageError,
)

BAD = Path(__file__).resolve().parent / "fixtures" / "bad"
EMPTY = "the file is empty (0 bytes): ask the sender for the complete file"
DAMAGED_ZIP = (
    "the file is damaged or truncated (not a complete ZIP container: File is not a zip file): "
    "ask the sender for a fresh copy, or open and re-save it in Word"
)
NOT_TEXT = "the text is neither UTF-8 nor Windows-1251 Bulgarian: save it as UTF-8 and retry"


@pytest.fixture
def out(tmp_path):
    return tmp_path / "out"


def place(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- the error model -------------------------------------------------------------------------


def test_exit_codes_are_a_stable_contract():
    assert {code.name: int(code) for code in ExitCode} == {
        "OK": 0,
        "FINDINGS": 1,
        "USAGE": 2,
        "UNREADABLE": 3,
        "UNSUPPORTED": 4,
        "NO_TEXT": 5,
        "NOT_PROGRAMME": 6,
        "LIMIT": 7,
        "CONTENT_LIMIT": 8,
        "STREAM_LIMIT": 9,
        "INTERNAL": 70,
        "CANNOT_WRITE": 73,
        "INTERRUPTED": 130,
    }


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (UsageError, 2),
        (ConfigError, 2),
        (UnreadableFileError, 3),
        (EncryptedFileError, 3),
        (UnsupportedFormatError, 4),
        (NoTextLayerError, 5),
        (NotAProgrammeError, 6),
        (LimitExceededError, 7),
        (InternalError, 70),
        (OutputError, 73),
    ],
)
def test_each_error_class_has_its_code(error, code):
    assert issubclass(error, NatprogError) and error("x").exit_code == code


def test_a_message_is_always_one_bounded_line():
    error = UnreadableFileError("first\nsecond\t\tthird " + "x" * 1000, path="a b.docx")
    line = error.one_line()
    assert "\n" not in line and line.startswith("a b.docx: first second third x")
    assert len(line) == len("a b.docx: ") + 400 and line.endswith("…")


def test_usage_error_says_where_to_look(run_cli):
    result = run_cli("extract")
    assert result.code == ExitCode.USAGE
    assert result.err == "natprog: Missing argument 'FILES...'. (see `natprog extract --help`)\n"


def test_bad_option_value_is_a_usage_error(run_cli, tmp_path, out):
    result = run_cli("extract", "--max-pages", "many", DRAFT_2012["txt"], "-o", out)
    assert_refused(
        result,
        ExitCode.USAGE,
        "Invalid value for '--max-pages': 'many' is not a valid integer. "
        "(see `natprog extract --help`)",
        out,
    )


def test_internal_error_is_one_line_with_the_debug_hint(run_cli, monkeypatch, tmp_path, out):
    def broken(*args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr("natprog.run.extract", broken)
    source = DRAFT_2012["txt"]
    result = run_cli("extract", source, "-o", out)
    assert_refused(
        result,
        ExitCode.INTERNAL,
        f"{source}: internal error (KeyError: 'boom'); this is a bug in natprog: rerun with "
        "--debug for the traceback and report it",
        out,
    )
    debug = run_cli("--debug", "extract", source, "-o", out)
    assert debug.code == ExitCode.INTERNAL
    assert debug.err.startswith("Traceback (most recent call last):")
    assert "KeyError: 'boom'" in debug.err.splitlines()[-2]
    assert debug.err.splitlines()[-1] == result.err.strip()


def test_an_internal_error_in_one_file_does_not_stop_the_others(
    run_cli, monkeypatch, tmp_path, out
):
    import natprog.run

    real = natprog.run.extract

    def flaky(path, *args, **kwargs):
        if Path(path).name == "first.txt":
            raise ZeroDivisionError("division by zero")
        return real(path, *args, **kwargs)

    monkeypatch.setattr("natprog.run.extract", flaky)
    first = shutil.copy(DRAFT_2012["txt"], tmp_path / "first.txt")
    second = shutil.copy(DRAFT_2012["txt"], tmp_path / "second.txt")
    result = run_cli("extract", first, second, "-o", out)
    assert result.code == ExitCode.INTERNAL
    assert result.err.splitlines()[0] == (
        f"natprog: {first}: internal error (ZeroDivisionError: division by zero); this is a bug "
        "in natprog: rerun with --debug for the traceback and report it"
    )
    assert sorted(p.name for p in files_under(out)) == expected_outputs("second", "txt")


# --- inputs to try ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["empty.txt", "empty.docx", "empty.pdf"])
def test_zero_byte_file(run_cli, tmp_path, out, name):
    source = place(tmp_path, name, b"")
    assert_refused(run_cli("extract", source, "-o", out), 3, f"{source}: {EMPTY}", out)


def test_blank_file(run_cli, tmp_path, out):
    source = place(tmp_path, "blank.txt", b"  \r\n\n\t\n")
    assert_refused(
        run_cli("extract", source, "-o", out),
        3,
        f"{source}: the file is blank (only spaces and line breaks): ask the sender for the "
        "complete file",
        out,
    )


def test_missing_file_and_folder_and_device(run_cli, tmp_path, out):
    missing = tmp_path / "нов проект.docx"
    assert_refused(
        run_cli("extract", missing, "-o", out),
        3,
        f"{missing}: no such file: check the name and the folder",
        out,
    )
    assert_refused(
        run_cli("extract", tmp_path, "-o", out),
        3,
        f"{tmp_path}: is a folder, not a file (use `natprog batch` for folders)",
        out,
    )
    assert_refused(
        run_cli("extract", "/dev/zero", "-o", out),
        3,
        "/dev/zero: not a regular file (a device or a pipe?): give the path of a draft",
        out,
    )


def test_renamed_pdf_is_read_by_its_content_with_a_notice(run_cli, tmp_path, out):
    source = place(tmp_path, "проект.docx", (BAD / "two-pages.pdf").read_bytes())
    result = run_cli("extract", source, "-o", out)
    assert result.code == 0, result.err
    lines = result.err.splitlines()
    assert lines[0] == (
        f"natprog: {source}: note: the file is named .docx but holds a PDF; reading it as such"
    )
    data = json.loads((out / "проект.json").read_text(encoding="utf-8"))
    assert data["source"]["format"] == "pdf" and len(data["activities"]) == 5


def test_renamed_docx_is_read_by_its_content_with_a_notice(run_cli, tmp_path, out):
    source = place(tmp_path, "draft.pdf", DRAFT_DOCX.read_bytes())
    result = run_cli("extract", source, "-o", out)
    assert result.code == 0, result.err
    assert result.err.splitlines()[0] == (
        f"natprog: {source}: note: the file is named .pdf but holds a Word document (DOCX); "
        "reading it as such"
    )
    data = json.loads((out / "draft.json").read_text(encoding="utf-8"))
    assert data["source"]["format"] == "docx" and len(data["activities"]) == 48


@pytest.mark.libreoffice
def test_legacy_doc_named_docx_goes_through_libreoffice(run_cli, tmp_path, out):
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.skip(
            "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
        )
    source = place(tmp_path, "стар проект.docx", (BAD / "legacy.doc").read_bytes())
    result = run_cli("extract", source, "-o", out)
    assert result.code == 0, result.err
    assert result.err.splitlines()[0] == (
        f"natprog: {source}: note: the file is named .docx but holds a legacy Word document "
        "(DOC); reading it as such"
    )
    data = json.loads((out / "стар проект.json").read_text(encoding="utf-8"))
    assert len(data["activities"]) == 6


def test_a_correctly_named_file_gets_no_notice(run_cli, tmp_path, out):
    result = run_cli("extract", DRAFT_2012["txt"], "-o", out)
    assert result.code == 0 and "note:" not in result.err


@pytest.mark.parametrize("keep", [0.5, 0.9, 0.999])
def test_truncated_docx(run_cli, tmp_path, out, keep):
    data = DRAFT_DOCX.read_bytes()
    source = place(tmp_path, "cut.docx", data[: int(len(data) * keep)])
    assert_refused(run_cli("extract", source, "-o", out), 3, f"{source}: {DAMAGED_ZIP}", out)


def test_damaged_member_inside_an_intact_zip(run_cli, tmp_path, out):
    data = bytearray(DRAFT_DOCX.read_bytes())
    with io.BytesIO(bytes(data)) as buffer:
        import zipfile

        info = zipfile.ZipFile(buffer).getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for offset in range(start + 100, start + 400):  # scramble the deflated text
        data[offset] ^= 0x5A
    source = place(tmp_path, "damaged.docx", bytes(data))
    result = run_cli("extract", source, "-o", out)
    assert result.code == ExitCode.UNREADABLE
    prefix = f"natprog: {source}: the file is damaged or truncated (word/document.xml: "
    suffix = "): ask the sender for a fresh copy, or open and re-save it in Word\n"
    assert result.err.startswith(prefix) and result.err.endswith(suffix)
    assert result.err.count("\n") == 1 and files_under(out) == []


@pytest.mark.parametrize("engine", PDF_ENGINES)
def test_truncated_pdf(run_cli, tmp_path, out, engine):
    data = (BAD / "two-pages.pdf").read_bytes()
    source = place(tmp_path, "cut.pdf", data[: len(data) // 3])
    result = run_cli("extract", source, "--pdf-engine", engine, "-o", out)
    assert result.code == ExitCode.UNREADABLE
    # The engine's own words for the damage sit in the brackets.
    assert result.err.startswith(f"natprog: {source}: the PDF is damaged or truncated (")
    assert result.err.endswith(
        "): ask the sender for a fresh copy, or export the PDF again from the Word file\n"
    )
    assert result.err.count("\n") == 1 and files_under(out) == []
    if engine == "pdfplumber":
        assert "(Unexpected EOF)" in result.err


def test_garbage_named_like_a_draft_is_damaged(run_cli, tmp_path, out):
    source = place(tmp_path, "draft.docx", bytes(range(256)) * 8)
    assert_refused(
        run_cli("extract", source, "-o", out),
        3,
        f"{source}: the file is named .docx but does not hold a Word document (DOCX) or any "
        "format natprog knows (damaged?): ask the sender for a fresh copy",
        out,
    )


@pytest.mark.parametrize("engine", PDF_ENGINES)
def test_password_protected_pdf(run_cli, out, engine):
    source = BAD / "encrypted-password.pdf"
    assert_refused(
        run_cli("extract", source, "--pdf-engine", engine, "-o", out),
        3,
        f"{source}: the PDF is password-protected: open it with the password and save or print "
        "an unprotected copy (e.g. `qpdf --decrypt --password=PASSWORD in.pdf out.pdf`), then retry",
        out,
    )


@pytest.mark.parametrize("engine", PDF_ENGINES)
def test_pdf_encrypted_without_a_user_password_is_read(run_cli, out, engine):
    result = run_cli("extract", BAD / "encrypted-owner-only.pdf", "--pdf-engine", engine, "-o", out)
    assert result.code == 0, result.err
    data = json.loads((out / "encrypted-owner-only.json").read_text(encoding="utf-8"))
    assert len(data["activities"]) == 5


@pytest.mark.parametrize("name", ["encrypted.docx", "защитен проект.doc"])
def test_password_protected_docx(run_cli, tmp_path, out, name):
    source = place(tmp_path, name, (BAD / "encrypted.docx").read_bytes())
    assert_refused(
        run_cli("extract", source, "-o", out),
        3,
        f"{source}: the document is password-protected (encrypted): open it in Word, remove the "
        "password (File → Info → Protect Document) and save a copy, then retry",
        out,
    )


@pytest.mark.parametrize("engine", PDF_ENGINES)
def test_scanned_pdf_without_text_layer(run_cli, out, engine):
    source = BAD / "scan.pdf"
    assert_refused(
        run_cli("extract", source, "--pdf-engine", engine, "--ocr", "never", "-o", out),
        5,
        f"{source}: the PDF has no text layer (a scan?): read it with OCR (leave out "
        "`--ocr never`), or run OCR first, e.g. `ocrmypdf -l bul in.pdf out.pdf`, then retry "
        "with out.pdf",
        out,
    )


def test_an_image_is_not_a_draft(run_cli, tmp_path, out):
    source = place(tmp_path, "scan.png", b"\x89PNG\r\n\x1a\n" + bytes(64))
    assert_refused(
        run_cli("extract", source, "-o", out),
        4,
        f"{source}: not a format natprog reads: the file is an image (a scanned page?); make a "
        "PDF with a text layer first, e.g. `ocrmypdf -l bul scan.png out.pdf`",
        out,
    )


def test_a_workbook_is_not_a_draft(run_cli, tmp_path, out):
    import openpyxl

    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    source = place(tmp_path, "programme.docx", buffer.getvalue())
    assert_refused(
        run_cli("extract", source, "-o", out),
        4,
        f"{source}: not a format natprog reads: the file is an Excel workbook; save the draft "
        "as DOCX, PDF or UTF-8 text and retry",
        out,
    )


def test_word_file_that_is_not_a_programme(run_cli, tmp_path, out):
    source = place(tmp_path, "писмо.docx", letter_docx())
    assert_refused(
        run_cli("extract", source, "-o", out),
        6,
        f"{source}: not a programme draft: no activities (`Дейност N`) were found; found 7 "
        "paragraph(s) of text, 1 table(s), starting «Уважаеми колеги,»: check that this is the "
        "draft and that its activities are headed `Дейност 1`, …",
        out,
    )


def _without_resolution(activities: list[dict]) -> list[dict]:
    out = json.loads(json.dumps(activities))
    for activity in out:
        for key in ("responsible", "partners"):
            activity[key]["items"] = [item["name"] for item in activity[key]["items"]]
    return out


def test_programme_without_glossary_works(run_cli, tmp_path, out):
    from natprog.checks import RULES

    parts = members(DRAFT_DOCX.read_bytes())
    document = cut_glossary(parts["word/document.xml"].decode("utf-8"))
    source = place(
        tmp_path,
        "без речник.docx",
        rezip(DRAFT_DOCX.read_bytes(), {"word/document.xml": document.encode()}),
    )
    result = run_cli("extract", source, "-o", out)
    assert result.code == 0, result.err
    data = json.loads((out / "без речник.json").read_text(encoding="utf-8"))
    full = json.loads(
        (Path(__file__).parent / "golden" / "np2012-docx" / "np2012-draft.json").read_text(
            encoding="utf-8"
        )
    )
    assert data["glossary"] == [] and full["glossary"]
    # nothing else lost (how institutions resolve depends on the glossary, so it is left out)
    assert _without_resolution(data["activities"]) == _without_resolution(full["activities"])
    codes = {finding["code"] for finding in data["findings"]}
    assert {"numbering.gap", "label.misspelled", "script.mixed", "glossary.missing"} <= codes
    (missing,) = [f for f in data["findings"] if f["code"] == "glossary.missing"]
    assert missing["severity"] == "warning" and missing["text"] == "НКБТХ"
    assert missing["message"] == (
        "Проектът няма списък на съкращенията, а използва 27 съкращения "
        "(НКБТХ, МО, НПО, МКБТХ, МОНМ, …)"
    )
    assert (missing["location"]["activity"], missing["location"]["field"]) == (
        "I.1",
        "responsible",
    )
    assert "glossary.missing" not in {f["code"] for f in full["findings"]}
    if "abbreviation.undefined" in RULES:  # with the abbreviation checks: nothing is defined
        undefined = {f["text"] for f in data["findings"] if f["code"] == "abbreviation.undefined"}
        assert "НКБТХ" in undefined


def cp1251_draft() -> bytes:
    return DRAFT_2012["txt"].read_text(encoding="utf-8").encode("cp1251")


@pytest.mark.parametrize(
    ("encoding", "encode"),
    [
        ("cp1251", lambda text: text.encode("cp1251")),
        ("utf-8-sig", lambda text: codecs.BOM_UTF8 + text.encode("utf-8")),
        ("utf-16", lambda text: text.encode("utf-16")),
    ],
)
def test_text_in_other_encodings_is_read(run_cli, tmp_path, out, encoding, encode):
    text = DRAFT_2012["txt"].read_text(encoding="utf-8")
    source = place(tmp_path, f"draft-{encoding}.txt", encode(text))
    result = run_cli("extract", source, "-o", out)
    assert result.code == 0, result.err
    data = json.loads((out / f"draft-{encoding}.json").read_text(encoding="utf-8"))
    golden = json.loads(
        (Path(__file__).parent / "golden" / "np2012-txt" / "np2012-draft.json").read_text(
            encoding="utf-8"
        )
    )
    assert data["activities"] == golden["activities"]


def test_undecodable_text_is_refused(run_cli, tmp_path, out):
    source = place(tmp_path, "letter.txt", "Grüße aus München, Größe".encode("latin-1") * 20)
    assert_refused(run_cli("extract", source, "-o", out), 3, f"{source}: {NOT_TEXT}", out)


def test_utf16_without_bom_is_refused(run_cli, tmp_path, out):
    source = place(tmp_path, "draft.txt", "Дейност 1 Обучение".encode("utf-16-le") * 10)
    assert_refused(
        run_cli("extract", source, "-o", out),
        3,
        f"{source}: the file holds NUL bytes, so it is binary data or UTF-16 text without a "
        "byte-order mark: save it as UTF-8 text and retry",
        out,
    )


def test_very_long_line_in_a_value_is_kept_whole(run_cli, tmp_path, out):
    text = DRAFT_2012["txt"].read_text(encoding="utf-8")
    long_value = "Провеждане на обучение за служители на институциите. " * 20000  # ~1 MB
    text = text.replace("\tМай 2012\n", "\tМай 2012\n", 1).replace(
        "Административно създадена Местна комисия за борба с трафика на хора в гр. Благоевград.",
        long_value.strip(),
        1,
    )
    source = place(tmp_path, "long.txt", text.encode("utf-8"))
    result = run_cli("extract", source, "-o", out)
    assert result.code == 0, result.err
    data = json.loads((out / "long.json").read_text(encoding="utf-8"))
    assert len(data["activities"]) == 48
    assert data["activities"][0]["expected_results"]["text"] == long_value.strip()


def test_one_huge_line_that_is_not_a_programme(run_cli, tmp_path, out):
    source = place(tmp_path, "one line.txt", ("Съобщение без нови редове. " * 50000).encode())
    assert_refused(
        run_cli("extract", source, "-o", out),
        6,
        f"{source}: not a programme draft: no activities (`Дейност N`) were found; found 1 "
        "paragraph(s) of text, starting «Съобщение без нови редове. Съобщение без нови редове. "
        "Съобще»: check that this is the draft and that its activities are headed "
        "`Дейност 1`, …",
        out,
    )


def test_file_name_with_spaces_and_cyrillic(run_cli, tmp_path, out):
    folder = tmp_path / "проекти 2012 г"
    folder.mkdir()
    good = place(folder, "Проект на програмата (вер. 2).docx", programme_docx())
    bad = place(folder, "Проект на програмата (вер. 3).docx", b"")
    result = run_cli("extract", good, bad, "-o", out / "изход и резултати")
    assert result.code == ExitCode.UNREADABLE
    assert f"natprog: {bad}: {EMPTY}" in result.err.splitlines()
    names = sorted(p.name for p in (out / "изход и резултати").iterdir())
    assert names == expected_outputs("Проект на програмата (вер. 2)", "docx")
