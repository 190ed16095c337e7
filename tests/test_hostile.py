"""Hostile files: entities, ZIP bombs, path traversal and symlinks are refused or ignored, fast.

A refused file leaves no output, and nothing of it reaches python-docx (the annotated copy's
reader) or the file system outside the output folder.
"""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest
from badfiles import (
    PDF_ENGINES,
    assert_refused,
    deflated_zeros,
    document_xml,
    expected_outputs,
    files_under,
    members,
    package,
    programme_body,
    programme_docx,
    rezip,
    with_raw_member,
)

from conftest import DRAFT_2012
from natprog.discover import discover
from natprog.errors import ExitCode, LimitExceededError
from natprog.ingest.safezip import SafeZip
from natprog.options import Limits

MB = 1024 * 1024
BAD = Path(__file__).resolve().parent / "fixtures" / "bad"
UNSAFE = (
    "declares a DTD or entities, which Word never writes; refused as unsafe: ask the sender "
    "for a clean copy, or open and re-save it in Word"
)
SECRET = "ПОВЕРИТЕЛНО-natprog-секрет"
LAUGHS = (
    '<!DOCTYPE w:document [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)


@pytest.fixture
def out(tmp_path):
    return tmp_path / "out"


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


def with_doctype(doctype: str, body_text: str, *, encoding: str = "utf-8") -> bytes:
    """word/document.xml of a small programme with a DTD and an entity used in its text."""
    xml = document_xml(programme_body(1, 1) + f"<w:p><w:r><w:t>{body_text}</w:t></w:r></w:p>")
    head, rest = xml.split("\n", 1)
    if encoding != "utf-8":
        head = head.replace('encoding="UTF-8"', f'encoding="{encoding.upper()}"')
    return f"{head}\n{doctype}{rest}".encode(encoding)


def place(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.fixture
def docx_opened(monkeypatch):
    """Every path python-docx is asked to open during the test (the annotated copy's reader)."""
    import docx
    import docx.api

    opened = []
    real = docx.api.Document

    def spy(source=None):
        opened.append(source)
        return real(source)

    monkeypatch.setattr(docx, "Document", spy)
    monkeypatch.setattr(docx.api, "Document", spy)
    return opened


# --- entities --------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-be"])
def test_external_entity_is_refused(run_cli, tmp_path, out, secret, docx_opened, encoding):
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    source = place(
        tmp_path,
        "xxe.docx",
        package(with_doctype(doctype, "&xxe;", encoding=encoding)),
    )
    result = run_cli("extract", source, "-o", out)
    assert_refused(result, ExitCode.LIMIT, f"{source}: word/document.xml {UNSAFE}", out)
    assert SECRET not in result.err and docx_opened == []


def test_billion_laughs_is_refused_at_once(run_cli, tmp_path, out, docx_opened):
    source = place(tmp_path, "laughs.docx", package(with_doctype(LAUGHS, "&lol9;")))
    started = time.perf_counter()
    result = run_cli("extract", source, "-o", out)
    assert time.perf_counter() - started < 2.0
    assert_refused(result, ExitCode.LIMIT, f"{source}: word/document.xml {UNSAFE}", out)
    assert docx_opened == []


def test_dtd_hidden_behind_a_long_comment_is_refused(run_cli, tmp_path, out):
    padding = "<!--" + " " * 200_000 + "-->"
    source = place(tmp_path, "padded.docx", package(with_doctype(padding + LAUGHS, "&lol9;")))
    assert_refused(
        run_cli("extract", source, "-o", out),
        ExitCode.LIMIT,
        f"{source}: word/document.xml {UNSAFE}",
        out,
    )


@pytest.mark.parametrize(
    "part", ["docProps/custom.xml", "customXml/item1.xml", "word/_rels/document.xml.rels"]
)
def test_entities_in_parts_natprog_never_reads_are_refused_too(
    run_cli, tmp_path, out, secret, docx_opened, part
):
    """python-docx loads every part of a package; none with a DTD may get that far."""
    hostile = (
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]><r>&xxe;</r>'
    )
    source = place(tmp_path, "xxe-part.docx", rezip(programme_docx(), add={part: hostile.encode()}))
    assert_refused(
        run_cli("extract", source, "-o", out), ExitCode.LIMIT, f"{source}: {part} {UNSAFE}", out
    )
    assert docx_opened == []


def test_entities_in_an_xml_part_with_another_name_are_refused(run_cli, tmp_path, out, secret):
    """A part is XML by its content type: python-docx would parse `word/settings.dat`."""
    hostile = (
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]><r>&xxe;</r>'
    )
    parts = members(programme_docx())
    types = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/word/settings.dat" ContentType="application/vnd.openxmlformats-'
        b'officedocument.wordprocessingml.settings+xml"/></Types>',
    )
    data = rezip(
        programme_docx(),
        {"[Content_Types].xml": types},
        add={"word/settings.dat": hostile.encode()},
    )
    source = place(tmp_path, "renamed-part.docx", data)
    assert_refused(
        run_cli("extract", source, "-o", out),
        ExitCode.LIMIT,
        f"{source}: word/settings.dat {UNSAFE}",
        out,
    )


def test_python_docx_itself_does_not_resolve_external_entities(tmp_path, secret):
    """Second line of defence for the annotated copy: python-docx's parser keeps `&xxe;` as is."""
    import docx

    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    path = place(tmp_path, "xxe.docx", package(with_doctype(doctype, "before &xxe; after")))
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "before" in text and SECRET not in text


def test_writers_reopen_only_the_bytes_that_were_checked(tmp_path):
    """`accepted_bytes` is how a writer (the annotated copy) gets the input again."""
    from natprog.errors import UnreadableFileError
    from natprog.ingest import accepted_bytes
    from natprog.run import process

    source = place(tmp_path, "draft.docx", programme_docx())
    result = process(source)
    assert accepted_bytes(result.document) == source.read_bytes()
    source.write_bytes(package(with_doctype(LAUGHS, "&lol9;")))  # swapped after the check
    with pytest.raises(UnreadableFileError, match="the file changed while natprog was working"):
        accepted_bytes(result.document)


def test_no_output_of_any_kind_for_a_refused_file(run_cli, tmp_path, out, docx_opened):
    """Whatever writers are registered (JSON, XLSX, CSV, HTML report, annotated copy ...)."""
    from natprog.emit import OUTPUTS

    source = place(tmp_path, "laughs.docx", package(with_doctype(LAUGHS, "&lol9;")))
    formats = ",".join(OUTPUTS)
    result = run_cli("extract", source, "-o", out)
    assert result.code == ExitCode.LIMIT, formats
    assert files_under(out) == [] and docx_opened == []


def odt(content: str, manifest_head: str = "") -> bytes:
    """An OpenDocument text with the given content.xml (mimetype first, stored, as ODF wants)."""
    manifest = (
        f'<?xml version="1.0" encoding="UTF-8"?>{manifest_head}<manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def test_hostile_odt_is_refused_before_libreoffice_sees_it(run_cli, tmp_path, out, secret):
    content = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]><d>&xxe;</d>'
    )
    source = place(tmp_path, "xxe.odt", odt(content))
    assert_refused(
        run_cli("extract", source, "-o", out),
        ExitCode.LIMIT,
        f"{source}: content.xml {UNSAFE}",
        out,
    )


def test_old_odt_manifest_doctype_is_tolerated_but_not_entities():
    public = (
        '<!DOCTYPE manifest:manifest PUBLIC "-//OpenOffice.org//DTD Manifest 1.0//EN" '
        '"Manifest.dtd">'
    )
    allowed = ("META-INF/manifest.xml",)
    SafeZip(odt("<d/>", public), Limits(), "old.odt", plain_doctype_ok=allowed)
    with pytest.raises(LimitExceededError, match="META-INF/manifest.xml declares a DTD"):
        SafeZip(odt("<d/>", public), Limits(), "old.odt")  # never in a DOCX
    subset = '<!DOCTYPE manifest:manifest [<!ENTITY x "x">]>'
    with pytest.raises(LimitExceededError, match="META-INF/manifest.xml declares a DTD"):
        SafeZip(odt("<d/>", subset), Limits(), "bad.odt", plain_doctype_ok=allowed)


# --- ZIP bombs -------------------------------------------------------------------------------


def measure(run):
    """Wall time and peak Python memory of `run()`."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = run()
    finally:
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return result, elapsed, peak


@pytest.fixture(scope="module")
def zeros_64mb():
    return deflated_zeros(64 * MB)


def test_bomb_with_a_huge_declared_size_is_refused_before_inflating(run_cli, tmp_path, out):
    bomb = with_raw_member(
        programme_docx(), "word/media/image1.png", deflated_zeros(MB), crc=0, file_size=2 << 30
    )
    source = place(tmp_path, "bomb.docx", bomb)
    result, elapsed, peak = measure(lambda: run_cli("extract", source, "-o", out))
    assert_refused(
        result,
        ExitCode.LIMIT,
        f"{source}: the archive would inflate to 2048 MB, over the 300 MB limit (a ZIP bomb?): "
        "raise it with --max-unzipped-mb if the file is genuine",
        out,
    )
    assert elapsed < 2.0 and peak < 10 * MB


def test_bomb_with_an_honest_header_is_refused_by_its_ratio(run_cli, tmp_path, out, zeros_64mb):
    bomb = with_raw_member(
        programme_docx(),
        "word/media/image1.png",
        zeros_64mb,
        crc=zlib.crc32(bytes(64 * MB)),
        file_size=64 * MB,
    )
    source = place(tmp_path, "bomb.docx", bomb)
    result, elapsed, peak = measure(lambda: run_cli("extract", source, "-o", out))
    ratio = 64 * MB / len(zeros_64mb)
    assert_refused(
        result,
        ExitCode.LIMIT,
        f"{source}: word/media/image1.png would inflate {ratio:.0f}× (over the 200× limit; a "
        "ZIP bomb?): raise it with --max-ratio if the file is genuine",
        out,
    )
    assert elapsed < 2.0 and peak < 10 * MB


def test_bomb_with_a_lying_header_stops_at_the_declared_size(run_cli, tmp_path, out, zeros_64mb):
    """The header says 4 KB, the stream inflates to 64 MB: reading stops at 4 KB, and the lie
    shows as a checksum mismatch."""
    bomb = with_raw_member(
        programme_docx(), "word/media/image1.png", zeros_64mb, crc=0x1234, file_size=4096
    )
    source = place(tmp_path, "bomb.docx", bomb)
    result, elapsed, peak = measure(lambda: run_cli("extract", source, "-o", out))
    assert_refused(
        result,
        ExitCode.UNREADABLE,
        f"{source}: the file is damaged or truncated (word/media/image1.png: Bad CRC-32 for "
        "file 'word/media/image1.png'): ask the sender for a fresh copy, or open and re-save it "
        "in Word",
        out,
    )
    assert elapsed < 2.0 and peak < 10 * MB


def test_streaming_caps_stop_a_member_whose_sizes_are_believed():
    """The caps applied while inflating, for a reader that trusts a lying size."""
    data = with_raw_member(
        programme_docx(),
        "word/media/image1.png",
        deflated_zeros(8 * MB),
        crc=zlib.crc32(bytes(8 * MB)),
        file_size=8 * MB,
    )
    archive = SafeZip(data, Limits(max_ratio=1e9), "bomb.docx")
    # As if the declared sizes had looked innocent: the caps still hold while inflating.
    archive.limits = Limits(max_unzipped_mb=4, max_ratio=1e9)
    with pytest.raises(LimitExceededError, match=r"image1.png inflates beyond the 4 MB limit"):
        archive.read("word/media/image1.png")
    archive.limits = Limits(max_ratio=10)
    with pytest.raises(LimitExceededError, match=r"image1.png inflates more than 10×"):
        archive.read("word/media/image1.png")


def test_password_protected_zip_member(run_cli, tmp_path, out):
    data = bytearray(programme_docx())
    # Set the "encrypted" flag of every member, in the local and the central headers.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            data[start + offset] |= 0x1
            start += 4
    source = place(tmp_path, "zipcrypto.docx", bytes(data))
    assert_refused(
        run_cli("extract", source, "-o", out),
        ExitCode.UNREADABLE,
        f"{source}: the file is encrypted (a password-protected ZIP): save it without a "
        "password and retry",
        out,
    )


# --- limits can be raised for genuine big files ----------------------------------------------


@pytest.fixture(scope="module")
def repetitive_docx():
    """A genuine programme whose values repeat one long sentence: it compresses very well."""
    return programme_docx(4, 20, value_suffix=" Съгласно Закона за борба с трафика на хора." * 40)


def test_genuine_but_very_compressible_file_needs_a_raised_ratio(
    run_cli, tmp_path, out, repetitive_docx
):
    source = place(tmp_path, "repetitive.docx", repetitive_docx)
    refused = run_cli("extract", source, "--max-ratio", "50", "-o", out)
    assert refused.code == ExitCode.LIMIT
    assert refused.err.startswith(f"natprog: {source}: word/document.xml would inflate ")
    assert refused.err.endswith(
        "× (over the 50× limit; a ZIP bomb?): raise it with --max-ratio if the file is genuine\n"
    )
    assert files_under(out) == []
    result = run_cli("extract", source, "--max-ratio", "1000", "-o", out)
    assert result.code == 0, result.err
    assert (out / "repetitive.json").is_file()


def test_raising_the_unzipped_limit(run_cli, tmp_path, out, repetitive_docx):
    source = place(tmp_path, "big.docx", repetitive_docx)
    refused = run_cli("extract", source, "--max-unzipped-mb", "1", "-o", out)
    assert refused.code == ExitCode.LIMIT
    assert refused.err.startswith(f"natprog: {source}: the archive would inflate to ")
    assert refused.err.endswith(
        " MB, over the 1 MB limit (a ZIP bomb?): raise it with --max-unzipped-mb if the file is "
        "genuine\n"
    )
    assert files_under(out) == []
    result = run_cli("extract", source, "--max-unzipped-mb", "50", "--max-ratio", "1000", "-o", out)
    assert result.code == 0, result.err


def test_raising_the_file_size_limit(run_cli, out):
    source = DRAFT_2012["docx"]
    assert_refused(
        run_cli("extract", source, "--max-file-mb", "0.01", "-o", out),
        ExitCode.LIMIT,
        f"{source}: the file is 0.0 MB, over the 0.01 MB limit: raise it with --max-file-mb if "
        "the file is genuine",
        out,
    )
    assert run_cli("extract", source, "--max-file-mb", "1", "-o", out).code == 0


@pytest.mark.parametrize("engine", PDF_ENGINES)
def test_raising_the_page_limit(run_cli, out, engine):
    source = BAD / "two-pages.pdf"
    assert_refused(
        run_cli("extract", source, "--max-pages", "1", "--pdf-engine", engine, "-o", out),
        ExitCode.LIMIT,
        f"{source}: the PDF has 2 pages, over the 1 page limit: raise it with --max-pages if "
        "the file is genuine",
        out,
    )
    assert (
        run_cli("extract", source, "--max-pages", "2", "--pdf-engine", engine, "-o", out).code == 0
    )


def test_limits_from_the_project_file(run_cli, tmp_path, out):
    config = tmp_path / "natprog.toml"
    config.write_text("[limits]\nmax_file_mb = 0.01\n", encoding="utf-8")
    source = DRAFT_2012["txt"]
    result = run_cli("extract", source, "--config", config, "-o", out)
    assert result.code == ExitCode.LIMIT and "--max-file-mb" in result.err
    assert run_cli("extract", source, "--config", config, "--max-file-mb", "5", "-o", out).code == 0


# --- path traversal --------------------------------------------------------------------------

TRAVERSAL = ("../../evil.txt", "/tmp/natprog-evil.txt", "..\\..\\evil.txt", "C:/evil.txt")


def test_traversal_member_names_are_ignored(run_cli, tmp_path, out, monkeypatch):
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    hostile = rezip(programme_docx(), add={name: b"EVIL" for name in TRAVERSAL})
    source = place(work, "traversal.docx", hostile)
    assert sorted(SafeZip(hostile, Limits(), "x").names()) == [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
    ]
    result = run_cli("extract", source, "-o", out)
    assert result.code == 0, result.err
    created = [p for p in files_under(tmp_path) if p.is_file()]
    assert sorted(p.relative_to(tmp_path).as_posix() for p in created) == [
        "a/b/traversal.docx",
        *(f"out/{name}" for name in expected_outputs("traversal", "docx")),
    ]
    assert not Path("/tmp/natprog-evil.txt").exists()


def test_member_with_an_empty_name_is_ignored(run_cli, tmp_path, out):
    """Regression (found by the fuzzer): ZipInfo.is_dir() raised IndexError on an empty name."""
    data = with_raw_member(programme_docx(), "", zlib.compress(b"x")[2:-4], crc=0, file_size=1)
    source = place(tmp_path, "empty-name.docx", data)
    result = run_cli("extract", source, "-o", out)
    assert result.code == 0, result.err
    assert (out / "empty-name.json").is_file()


@pytest.mark.parametrize(
    ("where", "value", "detail"),
    [
        (6, b"\x40", "zip file version 6.4"),  # version needed to extract, central directory
        (10, b"\x63", "[Content_Types].xml: That compression method is not supported"),
    ],
)
def test_zip_features_natprog_cannot_read(run_cli, tmp_path, out, where, value, detail):
    """Regression (found by the fuzzer): NotImplementedError escaped from zipfile."""
    data = bytearray(programme_docx())
    central = data.find(b"PK\x01\x02")
    data[central + where : central + where + 1] = value
    if where == 10:  # the compression method is read from the local header too
        data[8:9] = value
    source = place(tmp_path, "odd.docx", bytes(data))
    assert_refused(
        run_cli("extract", source, "-o", out),
        ExitCode.UNREADABLE,
        f"{source}: the file uses ZIP features natprog cannot read ({detail}): open and "
        "re-save it in Word, then retry",
        out,
    )


def test_main_part_pointing_outside_the_package_is_not_followed(run_cli, tmp_path, out):
    rels = members(programme_docx())["_rels/.rels"].replace(
        b'Target="word/document.xml"', b'Target="../../../../etc/passwd"'
    )
    source = place(tmp_path, "escape.docx", rezip(programme_docx(), {"_rels/.rels": rels}))
    assert_refused(
        run_cli("extract", source, "-o", out),
        ExitCode.UNREADABLE,
        f"{source}: the Word document has no main part",
        out,
    )


# --- symbolic links in an input folder -------------------------------------------------------


@pytest.fixture
def linked_folder(tmp_path):
    """drafts/ with a real draft, links to it and out of the folder, a linked folder, a loop."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.docx").write_bytes(programme_docx())
    drafts = tmp_path / "drafts"
    (drafts / "sub").mkdir(parents=True)
    (drafts / "real.docx").write_bytes(programme_docx())
    (drafts / "link-inside.docx").symlink_to(drafts / "real.docx")
    (drafts / "link-outside.docx").symlink_to(outside / "secret.docx")
    (drafts / "sub" / "relative-outside.docx").symlink_to(Path("../../outside/secret.docx"))
    (drafts / "sub" / "chain.docx").symlink_to(drafts / "link-outside.docx")
    (drafts / "linked-folder").symlink_to(outside, target_is_directory=True)
    (drafts / "sub" / "loop").symlink_to(drafts, target_is_directory=True)
    return drafts


def test_discover_does_not_follow_links_by_default(linked_folder):
    found, skipped = discover(linked_folder)
    assert found == [linked_folder / "real.docx"]
    reasons = {s.path.relative_to(linked_folder).as_posix(): s.reason for s in skipped}
    assert reasons == {
        "link-inside.docx": "symlink not followed (use --follow-symlinks)",
        "link-outside.docx": "symlink not followed (use --follow-symlinks)",
        "linked-folder": "linked folder not entered",
        "sub/chain.docx": "symlink not followed (use --follow-symlinks)",
        "sub/loop": "linked folder not entered",
        "sub/relative-outside.docx": "symlink not followed (use --follow-symlinks)",
    }


def test_discover_never_follows_a_link_out_of_the_folder(linked_folder):
    found, skipped = discover(linked_folder, follow_symlinks=True)
    assert found == [linked_folder / "link-inside.docx", linked_folder / "real.docx"]
    outside = sorted(
        s.path.relative_to(linked_folder).as_posix()
        for s in skipped
        if s.reason == "symlink points outside the folder"
    )
    assert outside == ["link-outside.docx", "sub/chain.docx", "sub/relative-outside.docx"]


def test_batch_does_not_read_outside_its_folder(run_cli, linked_folder, tmp_path):
    from natprog.cli import cli

    if "batch" not in cli.commands:
        pytest.skip("`natprog batch` (issue 7) is not in this build")
    out = tmp_path / "batch-out"
    result = run_cli("batch", linked_folder, "-o", out, "--follow-symlinks")
    produced = " ".join(p.name for p in files_under(out))
    assert "secret" not in produced and "secret" not in result.out
