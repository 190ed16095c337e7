"""Builders of bad, big and hostile inputs for the error tests, made in code so they are reproducible.

`programme_docx` writes a real WordprocessingML package (label | value tables, as the 2012 draft);
the other helpers take a package apart, change it and forge ZIP headers the way attackers do.
"""

from __future__ import annotations

import importlib.util
import io
import struct
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
DRAFT_DOCX = ROOT / "inputs" / "np2012-draft.docx"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
LABELS = (
    ("Отговорна институция", "НКБТХ, МВР и ДАЗД"),
    ("Партньори", "НПО и Международни организации"),
    ("Финансиране", "В рамките на бюджета на институциите"),
    ("Срок", "Май 2012"),
    ("Очаквани резултати", "Проведени обучения за служители на институциите"),
    ("Индикатори за изпълнение", "Брой обучени служители"),
)
# Every PDF engine in this build must fail the same way (`--pdf-engine`, issue 7 adds pdfium).
PDF_ENGINES = ["auto", "pdfplumber"] + (
    ["pdfium"] if importlib.util.find_spec("natprog.ingest.pdfium") else []
)
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def paragraph(text: str, *, bold: bool = False, page_break: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    brk = '<w:r><w:br w:type="page"/></w:r>' if page_break else ""
    return f'<w:p>{brk}<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def row(label: str, value: str) -> str:
    return f"<w:tr><w:tc>{paragraph(label, bold=True)}</w:tc><w:tc>{paragraph(value)}</w:tc></w:tr>"


def table(rows: list[str]) -> str:
    grid = '<w:tblGrid><w:gridCol w:w="2835"/><w:gridCol w:w="6803"/></w:tblGrid>'
    return f"<w:tbl><w:tblPr/>{grid}{''.join(rows)}</w:tbl>"


def document_xml(body: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}<w:sectPr/></w:body></w:document>'
    )


def package(document: str | bytes, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal, valid DOCX package around `document` (word/document.xml)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def programme_body(
    sections: int = 2,
    activities: int = 3,
    *,
    glossary: bool = True,
    value_suffix: str = "",
    activities_per_page: int = 0,
) -> str:
    """The body of a programme draft in the 2012 layout: a label | value table per section."""
    parts = [
        paragraph(
            "НАЦИОНАЛНА ПРОГРАМА ЗА ПРЕДОТВРАТЯВАНЕ И ПРОТИВОДЕЙСТВИЕ НА ТРАФИКА НА ХОРА", bold=True
        ),
        paragraph("И ЗАКРИЛА НА ЖЕРТВИТЕ за 2012 г.", bold=True),
    ]
    count = 0
    for s in range(1, sections + 1):
        parts.append(paragraph(f"РАЗДЕЛ {ROMAN[(s - 1) % len(ROMAN)]}", bold=True))
        parts.append(paragraph(f"„ОРГАНИЗАЦИОННИ МЕРКИ {s}”", bold=True))
        rows = [
            row("СТРАТЕГИЧЕСКА ЦЕЛ:", f"Изграждане на механизми за подкрепа, част {s}."),
            row("ОПЕРАТИВНИ ЦЕЛИ:", "1. Разширяване на дейността на структурите."),
        ]
        for a in range(1, activities + 1):
            count += 1
            rows.append(row(f"Дейност {a}", f"Провеждане на обучение номер {count}."))
            rows.extend(row(label, value + value_suffix) for label, value in LABELS)
            if activities_per_page and count % activities_per_page == 0:
                parts.append(table(rows))
                parts.append(paragraph("", page_break=True))
                rows = []
        if rows:
            parts.append(table(rows))
    if glossary:
        parts.append(paragraph("СПИСЪК С АБРЕВИАТУРИ", bold=True))
        parts.append(
            table(
                [
                    row("НКБТХ", "Национална комисия за борба с трафика на хора"),
                    row("МВР", "Министерство на вътрешните работи"),
                    row("ДАЗД", "Държавна агенция за закрила на детето"),
                    row("НПО", "Неправителствени организации"),
                ]
            )
        )
    return "".join(parts)


def programme_docx(sections: int = 2, activities: int = 3, **kwargs) -> bytes:
    return package(document_xml(programme_body(sections, activities, **kwargs)))


def letter_docx() -> bytes:
    """A Word file that is not a programme: a cover letter with a small table."""
    body = (
        paragraph("Уважаеми колеги,")
        + paragraph("Изпращаме ви становището на министерството по проекта на програмата.")
        + table([row("Изготвил", "Иван Петров"), row("Телефон", "02 123 456")])
        + paragraph("С уважение,")
    )
    return package(document_xml(body))


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def rezip(data: bytes, replace: dict[str, bytes] | None = None, add: dict | None = None) -> bytes:
    """The package with some members replaced and others added (names are taken as given)."""
    parts = members(data)
    parts.update(replace or {})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in {**parts, **(add or {})}.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), content)
    return out.getvalue()


def deflated_zeros(size: int) -> bytes:
    """A raw deflate stream of `size` zero bytes, made without holding them in memory."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = bytes(1024 * 1024)
    out = bytearray()
    left = size
    while left:
        take = min(left, len(chunk))
        out += compressor.compress(chunk[:take])
        left -= take
    out += compressor.flush()
    return bytes(out)


def with_raw_member(
    data: bytes, name: str, compressed: bytes, *, crc: int, file_size: int
) -> bytes:
    """Append a deflated member whose header claims `file_size` (true or not) to a package."""
    parts = members(data)
    out = io.BytesIO()
    central = []
    for part_name, content in parts.items():
        raw = zlib.compressobj(6, zlib.DEFLATED, -15)
        body = raw.compress(content) + raw.flush()
        central.append(_write_local(out, part_name, body, zlib.crc32(content), len(content)))
    central.append(_write_local(out, name, compressed, crc, file_size))
    start = out.tell()
    for entry in central:
        out.write(entry)
    size = out.tell() - start
    out.write(
        struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central), size, start, 0)
    )
    return out.getvalue()


def _write_local(out: io.BytesIO, name: str, body: bytes, crc: int, file_size: int) -> bytes:
    """Write a local header and data; return the matching central-directory entry."""
    encoded = name.encode("utf-8")
    offset = out.tell()
    flags = 0x800  # UTF-8 names
    out.write(
        struct.pack(
            "<4s5H3L2H", b"PK\x03\x04", 20, flags, 8, 0, 0x21, crc, len(body), file_size,
            len(encoded), 0,
        )
    )  # fmt: skip
    out.write(encoded)
    out.write(body)
    return (
        struct.pack(
            "<4s6H3L5H2L",
            b"PK\x01\x02",
            20,
            20,
            flags,
            8,
            0,
            0x21,
            crc,
            len(body),
            file_size,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )  # fmt: skip
        + encoded
    )


def cut_glossary(document: str) -> str:
    """The 2012 draft's document.xml without its list of abbreviations (heading and table)."""
    heading = document.index("СПИСЪК С АБРИВИАТУРИ")
    start = document.rindex("<w:p>", 0, heading)
    end = document.index("<w:sectPr", heading)
    return document[:start] + document[end:]


def files_under(folder: Path) -> list[Path]:
    """Every file and folder below `folder`, hidden ones included (temporary files are hidden)."""
    return sorted(folder.rglob("*")) if folder.exists() else []


def assert_refused(result, code: int, line: str, outdir: Path) -> None:
    """Exit `code`, exactly `natprog: <line>` on stderr, nothing on stdout, no output left."""
    assert result.code == int(code), result.err
    expected = f"natprog: {line}\n"
    assert result.err == expected, f"stderr:\n{result.err!r}\nexpected:\n{expected!r}"
    assert result.out == ""
    assert files_under(outdir) == []


def expected_outputs(stem: str, source_format: str) -> list[str]:
    """The file names `natprog extract` writes for one input (the annotated copy: DOCX only)."""
    from natprog.emit import DEFAULT_FORMATS, output_paths

    names = {
        name: path.name for name, path in output_paths(stem, Path("."), DEFAULT_FORMATS).items()
    }
    if source_format != "docx":
        names.pop("annotated", None)
    return sorted(names.values())
