"""Other formats: text files in every encoding Bulgarian drafts come in, and ODT/DOC when
LibreOffice is missing (the conversions themselves are in test_layouts)."""

from __future__ import annotations

import pytest
from test_layouts import FIXTURES, comparable, reference

from conftest import DRAFT_2012
from natprog.errors import ExitCode, UnreadableFileError, UnsupportedFormatError
from natprog.ingest import convert, ingest
from natprog.run import process

TEXT = DRAFT_2012["txt"].read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("encoding", "newline", "expected"),
    [
        ("utf-8", "\n", "utf-8"),
        ("utf-8-sig", "\n", "utf-8-sig"),  # UTF-8 with a byte-order mark
        ("cp1251", "\r\n", "cp1251"),  # Windows-1251 as saved by Notepad, with CRLF
        ("utf-16", "\r\n", "utf-16"),
    ],
)
def test_text_encodings_read_without_mojibake(tmp_path, encoding, newline, expected):
    path = tmp_path / f"draft-{encoding}.txt"
    # Windows-1251 has no NO-BREAK SPACE: the text draft's one is an ordinary space there.
    text = TEXT.replace("\u00a0", " ") if encoding == "cp1251" else TEXT
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    result = process(path)
    assert result.document.encoding == expected
    assert comparable(result.programme) == reference()
    assert result.programme.title.startswith("НАЦИОНАЛНАТА ПРОГРАМА")


def test_text_in_another_encoding_is_refused_not_garbled(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Programme d'action nationale, déjà adoptée.\n".encode("cp1252"))
    with pytest.raises(UnreadableFileError) as raised:
        ingest(path)
    assert "UTF-8" in raised.value.message


@pytest.mark.parametrize("suffix", ["odt", "doc"])
def test_missing_libreoffice_names_what_to_install(monkeypatch, suffix):
    monkeypatch.setattr(convert, "find_soffice", lambda: None)
    with pytest.raises(UnsupportedFormatError) as raised:
        ingest(FIXTURES / f"np2012.{suffix}")
    assert "libreoffice-writer-nogui" in raised.value.message
    assert raised.value.exit_code == ExitCode.UNSUPPORTED
