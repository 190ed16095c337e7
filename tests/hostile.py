"""Hostile and damaged drafts for the robustness tests, built in code (issue 19's reproducers).

Each builder returns the bytes of one file; the tests say which exit code each must give.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from badfiles import CONTENT_TYPES, document_xml, package, paragraph, programme_body

RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    "{extra}</Relationships>"
)
NUMBERING_REL = RELS.format(
    extra='<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/numbering" Target="numbering.xml"/>'
)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def numbering_xml(
    fmt: str = "decimal", start: int | str = 1, override: int | str | None = None, ilvl: str = "0"
) -> str:
    over = (
        f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{override}"/></w:lvlOverride>'
        if override is not None
        else ""
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering xmlns:w="{W_NS}">'
        f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        f'<w:num w:numId="1"><w:abstractNumId w:val="0"/>{over}</w:num></w:numbering>'
    )


def list_paragraph(text: str, ilvl: str = "0", num_id: str = "1") -> str:
    return (
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
        f'</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
    )


def numbered_docx(numbering: str, items: int = 3, ilvl: str = "0", extra_body: str = "") -> bytes:
    """A small programme whose opening paragraphs are an automatically numbered list."""
    body = "".join(list_paragraph(f"Точка {i}", ilvl) for i in range(items))
    return package(
        document_xml(body + programme_body(1, 2) + extra_body),
        {
            "word/numbering.xml": numbering.encode(),
            "word/_rels/document.xml.rels": NUMBERING_REL.encode(),
        },
    )


def missing_image_docx() -> bytes:
    """A drawing whose relationship points at an image the ZIP does not hold."""
    rel = (
        '<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/image" Target="media/image1.png"/>'
    )
    drawing = (
        '<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/'
        'drawingml/2006/wordprocessingDrawing"><a:graphic xmlns:a="http://schemas.openxmlformats'
        '.org/drawingml/2006/main"><a:graphicData><pic:pic xmlns:pic="http://schemas.openxml'
        'formats.org/drawingml/2006/picture"><pic:blipFill><a:blip xmlns:r="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships" r:embed="rId5"/></pic:blipFill>'
        "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    )
    return package(
        document_xml(drawing + programme_body(1, 2)),
        {"word/_rels/document.xml.rels": RELS.format(extra=rel).encode()},
    )


def sym_docx(char: str) -> bytes:
    """A `w:sym` whose code is a control character or a lone surrogate."""
    sym = f'<w:p><w:r><w:sym w:font="Symbol" w:char="{char}"/><w:t>знак</w:t></w:r></w:p>'
    return package(document_xml(sym + programme_body(1, 2)))


def ebcdic_settings_docx() -> bytes:
    """A settings part declared (and encoded) as EBCDIC, which no Word writes."""
    settings = (
        '<?xml version="1.0" encoding="cp500"?>\n'
        f'<w:settings xmlns:w="{W_NS}"><w:zoom w:percent="100"/></w:settings>'
    ).encode("cp500")
    rel = (
        '<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/settings" Target="settings.xml"/>'
    )
    return package(
        document_xml(programme_body(1, 2)),
        {
            "word/settings.xml": settings,
            "word/_rels/document.xml.rels": RELS.format(extra=rel).encode(),
        },
    )


def empty_paragraphs_docx(count: int) -> bytes:
    # numbered like Word does (rsid), so the part does not compress past the ratio limit
    body = "".join(f'<w:p w:rsidR="{i * 2654435761 % 2**32:08X}"/>' for i in range(count))
    return package(document_xml(programme_body(1, 2) + body))


def text_with_long_line(letters: int) -> bytes:
    from programme_text import Sec, acts, programme

    text = programme([Sec("I", activities=acts(1, 2))])
    return (text + "\n" + "а" * letters + "\n").encode("utf-8")


def pdf_with_stream(content: bytes) -> bytes:
    """A one-page PDF whose content stream is `content`, Flate-compressed."""
    packed = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def pdf_bomb(inflated_mb: int) -> bytes:
    """A small PDF whose content stream inflates to `inflated_mb` MB of spaces."""
    block = b" " * (1024 * 1024)
    packer = zlib.compressobj(9)
    packed = b"".join(packer.compress(block) for _ in range(inflated_mb)) + packer.flush()
    pdf = pdf_with_stream(b"")
    empty = zlib.compress(b"", 9)
    head = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(empty)
    return pdf.replace(
        head + empty, b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed
    )


__all__ = ["CONTENT_TYPES", "paragraph", "zipfile"]
