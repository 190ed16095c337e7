"""Reading what real PDFs hold (issue 13): characters beyond the BMP, rotated pages, overprinted
fake bold, words without stored spaces, pages in columns, running headers against duplicated
pages; and ODT files whose `mimetype` is not their first member.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile

import pytest

from natprog.ingest import ingest, sniff
from natprog.ingest.pdflayout import PageContent, Word, layout
from natprog.ingest.pdfwords import page_words
from natprog.options import Options
from natprog.run import process

ENGINES = ["pdfplumber", "pdfium"]


def _pdf(pages: list[str]) -> bytes:
    """A PDF whose pages draw the given content streams in Helvetica (a standard font)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(len(pages))), len(pages)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for index, content in enumerate(pages):
        stream = content.encode("latin-1")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * index)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _lines(texts: list[str], matrix: str, start: tuple[int, int], step: tuple[int, int]) -> str:
    """Text lines drawn with the text matrix `matrix` (a b c d) from `start`, each line moved
    by `step` from the one before."""
    ops = ["BT /F1 11 Tf"]
    for index, text in enumerate(texts):
        x, y = start[0] + step[0] * index, start[1] + step[1] * index
        ops.append(f"{matrix} {x} {y} Tm ({text}) Tj")
    ops.append("ET")
    return "\n".join(ops)


SIDEWAYS = [f"Line {n} of a table set sideways on the page" for n in range(1, 13)]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_page_set_sideways_is_read(tmp_path, engine):
    # text running up the page (rotated 90° anticlockwise), line after line to the right
    source = tmp_path / "sideways.pdf"
    source.write_bytes(_pdf([_lines(SIDEWAYS, "0 1 -1 0", (100, 200), (16, 0))]))
    document = ingest(source, Options(pdf_engine=engine))
    text = "\n".join(block.text for block in document.blocks)
    for line in SIDEWAYS:
        assert line in text
    assert document.skipped_text == []


@pytest.mark.parametrize("engine", ENGINES)
def test_text_in_another_direction_is_never_dropped_in_silence(tmp_path, engine):
    upright = [f"Paragraph line {n} reads across the page as usual" for n in range(1, 13)]
    content = "\n".join(
        [
            _lines(upright, "1 0 0 1", (72, 700), (0, -16)),
            _lines(["Sideways note"], "0 1 -1 0", (560, 300), (0, 0)),
        ]
    )
    source = tmp_path / "mixed.pdf"
    source.write_bytes(_pdf([content]))
    result = process(source, Options(pdf_engine=engine, text_only=True))
    assert result.document.skipped_text == [(1, len("Sidewaysnote"))]
    warnings = [f for f in result.findings if f.code == "document.skipped_text"]
    assert [(f.severity, f.location.page) for f in warnings] == [("warning", 1)]


def _char(text: str, x0: float, size: float = 10.0, top: float = 100.0, font: str = "F") -> dict:
    width = size * 0.5
    return {
        "text": text,
        "x0": x0,
        "x1": x0 + width,
        "top": top,
        "bottom": top + size,
        "size": size,
        "font": font,
        "direction": 0,
    }


def _run(text: str, x0: float, gap: float = 0.0, size: float = 10.0) -> list[dict]:
    chars = []
    for ch in text:
        chars.append(_char(ch, x0, size))
        x0 += size * 0.5 + gap
    return chars


def test_overprinted_characters_count_once():
    once = _run("bold", 100)
    twice = [c for pair in zip(once, _run("bold", 100.3), strict=True) for c in pair]
    assert [w.text for w in page_words(twice, 595, 842, lambda f: False).words] == ["bold"]


def test_word_gaps_come_from_positions_when_no_spaces_are_stored():
    # 2 pt between words of 10 pt type, no space characters: pdfplumber's 3 pt joins them
    chars = _run("with", 100) + _run("or", 100 + 4 * 5 + 2) + _run("without", 100 + 6 * 5 + 4)
    assert [w.text for w in page_words(chars, 595, 842, lambda f: False).words] == [
        "with",
        "or",
        "without",
    ]


def test_utf16_halves_are_joined_and_lone_halves_replaced():
    chars = [_char("\ud835", 100), _char("\udc0c", 100), _char("a", 105), _char("\ud83d", 110)]
    words = page_words(chars, 595, 842, lambda f: False).words
    assert [w.text for w in words] == ["\U0001d40ca\ufffd"]


@pytest.mark.slow  # a LibreOffice conversion; the joining itself is tested just above
@pytest.mark.libreoffice
def test_characters_beyond_the_bmp_are_read_whole(tmp_path, run_cli):
    """A PDF with 😀, 𝐌 and 𝟏 made by LibreOffice, as the fixtures are (issue 13: exit 70)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip(
            "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
        )
    text = tmp_path / "beyond.txt"
    text.write_text("Усмивка 😀, буква 𝐌 и цифра 𝟏 в текста.\n", encoding="utf-8")
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(text)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    source = tmp_path / "beyond.pdf"
    for engine in ENGINES:
        document = ingest(source, Options(pdf_engine=engine))
        read = " ".join(block.text for block in document.blocks)
        assert "Усмивка 😀, буква 𝐌 и цифра 𝟏 в текста." in read, engine
        json.dumps(read, ensure_ascii=False).encode("utf-8")  # no lone surrogate left
    result = run_cli("check", "--text-only", "--format", "json", "--fail-on", "never", source)
    assert result.code == 0, result.err


def _page(number: int, lines: list[tuple[float, str]], width: float = 595) -> PageContent:
    words = []
    for top, text in lines:
        x = 72.0
        for token in text.split():
            words.append(Word(token, x, x + 6 * len(token), top, top + 10))
            x += 6 * len(token) + 4
    return PageContent(number, width, 842, words)


BODY = [(100 + 14 * n, f"Body line {n} of the memo says something") for n in range(6)]


def test_a_duplicated_page_is_not_a_running_header():
    pages = [
        _page(1, [(30, "MEMO to all staff"), *BODY]),
        _page(2, [(30, "MEMO to all staff"), *BODY]),
    ]
    body, headers, _ = layout(pages)
    assert headers == []
    assert sum(block.text.count("Body line") for block in body) == 12


def test_a_line_on_most_pages_is_a_running_header():
    pages = [
        _page(n, [(30, "Draft programme 2012"), (100, f"Page {n} text differs {'x' * n}")])
        for n in range(1, 5)
    ]
    body, headers, _ = layout(pages)
    assert [block.text for block in headers] == ["Draft programme 2012"]
    assert all("Draft programme" not in block.text for block in body)


def test_a_page_in_two_columns_is_read_column_by_column():
    left = [(100 + 14 * n, f"left column line {n} runs on") for n in range(8)]
    words = []
    for top, text in left:
        x = 72.0
        for token in text.split():
            words.append(Word(token, x, x + 6 * len(token), top, top + 10))
            x += 6 * len(token) + 4
        x = 320.0
        for token in text.replace("left", "right").split():
            words.append(Word(token, x, x + 6 * len(token), top, top + 10))
            x += 6 * len(token) + 4
    body, _, _ = layout([PageContent(1, 595, 842, words)])
    text = "\n".join(block.text for block in body)
    assert text.index("left column line 7") < text.index("right column line 0")


def test_odt_is_known_by_its_mimetype_wherever_it_stands():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("content.xml", "<office:document-content/>")
        archive.writestr("META-INF/manifest.xml", "<manifest/>")
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    assert sniff(buffer.getvalue(), ".odt") == "odt"


def test_a_column_of_figures_is_one_figure_a_line():
    """Figures set flush right in a narrow table column fill it line after line: each is a
    figure of its own, not a number the column cut (pdfplumber's nics-background-checks)."""
    from natprog.ingest.pdfparts import Line, join_lines

    lines = []
    for index, figure in enumerate(["18,870", "209", "2,303", "0", "0"]):
        top = 100 + 12 * index
        lines.append(Line([Word(figure, 130 - 5 * len(figure), 130, top, top + 10)]))
    assert join_lines(lines, 130, cells=True).split() == ["18,870", "209", "2,303", "0", "0"]
