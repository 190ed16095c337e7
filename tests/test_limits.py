"""Issue 19's reproducers: small files that asked for unbounded work, and damaged files that
ended as "a bug in natprog" (exit 70). Each now gives its documented exit code and one line.

The fast tier runs in-process; the slow tier runs the installed command on the full-size
reproducers and measures what the issue promises: peak memory (ru_maxrss of the finished child,
≤ 500 MB) and CPU time (≤ 60 s; CPU rather than wall time, so a loaded machine cannot fail it).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys

import pytest
from badfiles import document_xml, files_under, package, paragraph, programme_body
from hostile import (
    ebcdic_settings_docx,
    empty_paragraphs_docx,
    missing_image_docx,
    numbered_docx,
    numbering_xml,
    pdf_bomb,
    pdf_with_stream,
    sym_docx,
    text_with_long_line,
)
from programme_text import Act, Sec, acts, programme

from natprog.errors import ExitCode
from natprog.ingest.numbering import MAX_START, Numbering, format_number

LIMIT_MB = 500
LIMIT_CPU_S = 60


@pytest.fixture
def out(tmp_path):
    return tmp_path / "out"


def place(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def one_line_refusal(result, code: int, option: str, outdir) -> None:
    assert result.code == int(code), result.err
    assert result.err.count("\n") == 1 and result.err.startswith("natprog: "), result.err
    assert option in result.err
    assert files_under(outdir) == []


# --- numbering: start values clamped with a finding ----------------------------------------


@pytest.mark.parametrize(
    ("fmt", "start", "override"),
    [("upperLetter", 1, 99999999999), ("upperRoman", 10**12, None), ("lowerLetter", -5, None)],
)
def test_huge_numbering_starts_are_clamped_with_a_finding(
    run_cli, tmp_path, out, fmt, start, override
):
    source = place(tmp_path, "list.docx", numbered_docx(numbering_xml(fmt, start, override)))
    result = run_cli("extract", source, "-o", out)
    assert result.code == 0, result.err
    data = json.loads((out / "list.json").read_text(encoding="utf-8"))
    clamped = [f for f in data["findings"] if f["code"] == "document.numbering_clamped"]
    assert len(clamped) == 1
    assert str(override if override is not None else start) in clamped[0]["message"]


def test_labels_stay_short_whatever_the_number():
    assert format_number(MAX_START, "upperLetter") == str(MAX_START)  # past zz…: a decimal
    assert format_number(10**12, "upperRoman") == str(10**12)
    assert format_number(27, "upperLetter") == "AA"
    assert format_number(1994, "upperRoman") == "MCMXCIV"


def test_list_levels_outside_0_to_8_are_ignored():
    from lxml import etree

    root = etree.fromstring(numbering_xml(ilvl="12").encode())
    numbering = Numbering(root)
    assert numbering.abstracts["0"] == {}
    assert numbering.label("1", 12) is None


# --- counts of paragraphs, cells, runs, characters -------------------------------------------


def test_a_million_empty_paragraphs_are_refused(run_cli, tmp_path, out):
    source = place(tmp_path, "empty.docx", empty_paragraphs_docx(1_000_000))
    result = run_cli("extract", source, "-o", out)
    one_line_refusal(result, ExitCode.CONTENT_LIMIT, "--max-paragraphs", out)
    assert "more than 30 000 paragraphs" in result.err


def test_each_content_limit_names_its_option(run_cli, tmp_path, out):
    source = place(tmp_path, "draft.docx", package(document_xml(programme_body(2, 3))))
    for option, value in [
        ("--max-paragraphs", 10),
        ("--max-cells", 10),
        ("--max-runs", 10),
        ("--max-chars", 100),
        ("--max-xml-elements", 100),
    ]:
        result = run_cli("extract", source, "-o", out, option, value)
        one_line_refusal(result, ExitCode.CONTENT_LIMIT, option, out)
    assert run_cli("extract", source, "-o", out).code == 0


def test_text_lines_and_characters_are_limited(run_cli, tmp_path, out):
    text = programme([Sec("I", activities=acts(1, 2))])
    source = place(tmp_path, "draft.txt", text.encode())
    one_line_refusal(
        run_cli("extract", source, "-o", out, "--max-paragraphs", 5),
        ExitCode.CONTENT_LIMIT,
        "--max-paragraphs",
        out,
    )
    one_line_refusal(
        run_cli("extract", source, "-o", out, "--max-chars", 50),
        ExitCode.CONTENT_LIMIT,
        "--max-chars",
        out,
    )


def test_a_pdf_stream_that_inflates_past_the_limit_is_refused(run_cli, tmp_path, out):
    source = place(tmp_path, "bomb.pdf", pdf_bomb(100))
    assert source.stat().st_size < 200_000
    result = run_cli("extract", source, "-o", out)
    one_line_refusal(result, ExitCode.STREAM_LIMIT, "--max-stream-mb", out)


# --- damaged input: exit 3 (or read), never 70 ------------------------------------------------


def test_a_non_numeric_list_level_is_read(run_cli, tmp_path, out):
    source = place(tmp_path, "ilvl.docx", numbered_docx(numbering_xml(), ilvl="x"))
    assert run_cli("extract", source, "-o", out).code == 0


def test_a_relationship_to_a_missing_image_is_damage(run_cli, tmp_path, out):
    source = place(tmp_path, "img.docx", missing_image_docx())
    result = run_cli("extract", source, "-o", out)
    one_line_refusal(result, ExitCode.UNREADABLE, "word/media/image1.png", out)


def test_an_ebcdic_part_is_damage(run_cli, tmp_path, out):
    source = place(tmp_path, "ebcdic.docx", ebcdic_settings_docx())
    result = run_cli("extract", source, "-o", out)
    one_line_refusal(result, ExitCode.UNREADABLE, "word/settings.xml", out)


@pytest.mark.parametrize("char", ["0001", "D800", "001F", "FFFF"])
def test_control_characters_from_w_sym_are_dropped(run_cli, tmp_path, out, char):
    source = place(tmp_path, "sym.docx", sym_docx(char))
    result = run_cli("extract", source, "-o", out)
    assert result.code == 0, result.err
    json.loads((out / "sym.json").read_text(encoding="utf-8"))


def test_noncharacters_in_text_become_replacement_characters(run_cli, tmp_path, out):
    text = programme([Sec("I", activities=acts(1, 2))]).replace(
        "Проведени обучения", "Проведени\ufffe обучения\uffff \x01"
    )
    source = place(tmp_path, "odd.txt", text.encode("utf-8"))
    result = run_cli("extract", source, "-o", out)
    assert result.code == 0, result.err
    data = (out / "odd.json").read_text(encoding="utf-8")
    assert "\ufffe" not in data and "\\u0001" not in data and "\ufffd" in data


def test_a_pdf_tounicode_map_to_control_characters_is_not_a_bug(run_cli, tmp_path, out):
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"1 begincodespacerange <00> <FF> endcodespacerange\n"
        b"3 beginbfchar <41> <0001> <42> <D800> <43> <FFFE> endbfchar\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    pdf = pdf_with_stream(b"BT /F1 24 Tf 72 700 Td (ABCABC ABC) Tj ET")
    pdf = pdf.replace(
        b"/BaseFont /Helvetica >>", b"/BaseFont /Helvetica /ToUnicode 6 0 R >>"
    ).replace(
        b"xref",
        b"6 0 obj\n<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream\nendobj\nxref",
    )
    source = place(tmp_path, "cmap.pdf", pdf)
    for engine in ("pdfplumber", "pdfium"):
        result = run_cli("extract", source, "-o", out, "--pdf-engine", engine)
        assert result.code in (ExitCode.NO_TEXT, ExitCode.NOT_PROGRAMME, ExitCode.UNREADABLE)
        assert result.err.count("\n") == 1, result.err
        assert not any(ch in result.err for ch in "\x01\ud800\ufffe")


def test_cr_only_line_endings_are_read(run_cli, tmp_path, out):
    text = programme([Sec("I", activities=acts(1, 2))]).replace("\n", "\r")
    source = place(tmp_path, "mac.txt", text.encode("utf-8"))
    result = run_cli("extract", source, "-o", out)
    assert result.code == 0, result.err
    assert json.loads((out / "mac.json").read_text(encoding="utf-8"))["summary"]["activities"] == 2


def test_stdout_on_a_full_disk_exits_73(tmp_path):
    source = place(tmp_path, "draft.txt", programme([Sec("I", activities=acts(1, 2))]).encode())
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "natprog", "abbreviations", str(source)],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=300,
        )
    assert done.returncode == ExitCode.CANNOT_WRITE, done.stderr
    assert done.stderr.decode().count("\n") == 1


def test_batch_output_on_a_read_only_file_system_exits_73(run_cli, tmp_path):
    target = "/sys/natprog-out"
    try:
        os.mkdir(target)
        os.rmdir(target)
        pytest.skip("/sys is writable here")
    except OSError:
        pass
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "a.txt").write_text(programme([Sec("I", activities=acts(1))]), encoding="utf-8")
    result = run_cli("batch", drafts, "-o", target, "--jobs", "1")
    assert result.code == ExitCode.CANNOT_WRITE, result.err
    assert result.err.count("\n") == 1 and "-o" in result.err


# --- the full-size reproducers, measured ----------------------------------------------------


# Runs natprog as its only child and reports that child's peak memory and CPU time: a fresh
# process, so the maximum is this command's alone, not any earlier child's of the test session.
_MEASURE = """
import json, resource, subprocess, sys
code = subprocess.run(sys.argv[2:]).returncode
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as out:
    json.dump([code, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime], out)
"""


def measured(args: list, cwd) -> tuple[int, str, float, float]:
    """Run `natprog ARGS`; its exit code, stderr, peak RSS (MB) and CPU seconds."""
    report = cwd / "measured.json"
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _MEASURE,
            str(report),
            sys.executable,
            "-m",
            "natprog",
            *map(str, args),
        ],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=900,  # a hang guard, not the budget
    )
    code, peak_mb, cpu_s = json.loads(report.read_text())
    return code, done.stderr.decode("utf-8", "replace"), peak_mb, cpu_s


def big_document_xml(megabytes: int) -> bytes:
    """A document.xml of about `megabytes` MB of varied short paragraphs (ratio ~15)."""
    rng = random.Random(19)
    words = ["дейност", "обучение", "институция", "срок", "програма", "жертви", "трафик"]
    body = []
    size = 0
    while size < megabytes * 1024 * 1024:
        text = " ".join(rng.choice(words) + str(rng.randrange(10**6)) for _ in range(8))
        piece = paragraph(text)
        body.append(piece)
        size += len(piece.encode())
    return document_xml("".join(body)).encode()


def big_docx(megabytes: int) -> bytes:
    return package(big_document_xml(megabytes))


def largest_text() -> bytes:
    """A valid draft near the default limits: ~27 000 lines, ~1.9 million characters."""
    title = " ".join(["Провеждане на обучения на служителите от институциите"] * 25)
    activities = [Act(n, title=title) for n in range(1, 30)]
    numerals = ("I", "II", "III", "IV", "V", "VI", "VII")
    one = programme([Sec(numeral, activities=activities) for numeral in numerals])
    return (one * 6).encode("utf-8")


REPRODUCERS = {
    "letter.docx": (lambda: numbered_docx(numbering_xml("upperLetter", 1, 99999999999)), 0),
    "roman.docx": (lambda: numbered_docx(numbering_xml("upperRoman", 10**12)), 0),
    "empty.docx": (lambda: empty_paragraphs_docx(1_000_000), ExitCode.CONTENT_LIMIT),
    "huge.docx": (lambda: big_docx(245), ExitCode.CONTENT_LIMIT),
    "bomb.pdf": (lambda: pdf_bomb(1500), ExitCode.STREAM_LIMIT),
    "long.txt": (lambda: text_with_long_line(150_000), 0),
    # the promise for anything within the default limits: the largest drafts they let through
    "max.txt": (largest_text, 0),
    "max.docx": (lambda: package(document_xml(programme_body(34, 60))), 0),  # 29 000 paragraphs
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(REPRODUCERS))
def test_reproducer_within_memory_and_time(tmp_path, name):
    build, code = REPRODUCERS[name]
    source = place(tmp_path, name, build())
    returncode, err, peak_mb, cpu_s = measured(
        ["extract", source, "-o", tmp_path / "out"], tmp_path
    )
    print(f"{name}: exit {returncode}, {peak_mb:.0f} MB peak, {cpu_s:.1f} s CPU")
    assert returncode == int(code), err
    assert err.count("\n") <= 1 or returncode == 0, err
    assert peak_mb <= LIMIT_MB, f"{name}: {peak_mb:.0f} MB"
    assert cpu_s <= LIMIT_CPU_S, f"{name}: {cpu_s:.1f} s of CPU"
    if returncode:
        assert files_under(tmp_path / "out") == []


def test_a_word_longer_than_any_word_is_not_spell_checked():
    """Looking up a 150 000-letter "word" built its edits and parts: gigabytes (issue 19)."""
    from natprog.spelling.checker import SpellChecker
    from natprog.spelling.tokens import MAX_WORD_LETTERS, tokenize

    (token,) = tokenize("а" * 150_000)
    assert token.skip == "too long"
    assert tokenize("а" * MAX_WORD_LETTERS)[0].skip != "too long"
    from natprog.models import Block, Provenance

    block = Block("бюджет " + "а" * 150_000, Provenance(line=1))
    assert SpellChecker([block]).misspellings() == []
