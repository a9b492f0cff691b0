"""Hostile Word packages and PDFs, made as bytes in a fraction of a second each: the binary half of the hostile
corpus (`tests/hostile_corpus.py`), and the makers `test_hostile.py` and `test_hostile_pdf.py` use.

A zip bomb's part is deflated once, a megabyte, and the compressed block repeated: after a full flush deflate
starts afresh, so the same input gives the same bytes, and a gigabyte packs to about a megabyte in about a
second (the checksum over the gigabyte is most of it).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from models.core import limits

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    """A Word document (python-docx) of `paragraphs`, then `table` (rows of cell texts) if given."""
    import docx as python_docx

    document = python_docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def plain_docx() -> bytes:
    return docx(["一、总体情况", "全年主动公开政府信息1200条。" * 50, "二、其他"])


def patch_headers(data: bytes, local: int, central: int, value: int, only: str | None = None) -> bytes:
    """`data` with a 16-bit field set to `value` in every local and central header (of member `only`, if named)."""
    out = bytearray(data)
    for signature, offset, name_at in ((b"PK\x03\x04", local, 26), (b"PK\x01\x02", central, 28)):
        i = out.find(signature)
        while i != -1:
            name_len = struct.unpack("<H", out[i + name_at : i + name_at + 2])[0]
            name_start = i + name_at + (4 if signature == b"PK\x03\x04" else 18)
            name = bytes(out[name_start : name_start + name_len]).decode()
            if only is None or name == only:
                out[i + offset : i + offset + 2] = struct.pack("<H", value)
            i = out.find(signature, i + 4)
    return bytes(out)


def broken_deflate() -> bytes:
    """A Word package whose document.xml's deflate stream is garbled a few bytes in."""
    data = bytearray(plain_docx())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for k in range(start + 5, start + 40):
        data[k] ^= 0x55
    return bytes(data)


def encrypted() -> bytes:
    """A Word package whose document.xml carries the zip's "encrypted" flag."""
    data = plain_docx()
    flags = {i.filename: i.flag_bits for i in zipfile.ZipFile(io.BytesIO(data)).infolist()}
    return patch_headers(data, 6, 8, flags["word/document.xml"] | 1, only="word/document.xml")


def unknown_method() -> bytes:
    """A Word package whose document.xml names compression method 99."""
    return patch_headers(plain_docx(), 8, 10, 99, only="word/document.xml")


def numbered(start: int, fmt: str) -> bytes:
    """A Word document whose three paragraphs are one list numbered in `fmt` (Word's numFmt), from `start`."""
    data = docx(["一、总体情况", "第一项", "第二项"])
    source = zipfile.ZipFile(io.BytesIO(data))
    numbering = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {W}>'
        f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )
    document = source.read("word/document.xml").decode()
    document = document.replace(
        "<w:p>", '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == "word/document.xml":
                target.writestr(info, document)
            elif info.filename != "word/numbering.xml":
                target.writestr(info, source.read(info))
        target.writestr("word/numbering.xml", numbering)
    return out.getvalue()


def bomb(size: int, declared: int | None = None) -> bytes:
    """A Word package whose document.xml unpacks to about `size` bytes, one paragraph of 一, packed 1000:1.

    Its headers declare that size, or `declared` (a lie the reader must not trust).
    """
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body><w:p><w:r><w:t>'.encode()
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    block = "一".encode() * (2**20 // 3)
    count = max(1, (size - len(head) - len(tail)) // len(block))
    stream = _deflated_repeat(head, block, count, tail)
    crc = zlib.crc32(head)
    for _ in range(count):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    unpacked = len(head) + count * len(block) + len(tail)
    parts = [(name, data) for name, data in _parts(plain_docx()) if name != "word/document.xml"]
    return _zip(
        [*(_deflated(name, data) for name, data in parts), ("word/document.xml", stream, crc, unpacked)], declared
    )


def _deflated_repeat(head: bytes, block: bytes, count: int, tail: bytes) -> bytes:
    """The raw deflate stream of `head`, `count` times `block`, then `tail`: the block deflated once."""
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed_head = deflater.compress(head) + deflater.flush(zlib.Z_FULL_FLUSH)
    packed_block = deflater.compress(block) + deflater.flush(zlib.Z_FULL_FLUSH)
    assert deflater.compress(block) + deflater.flush(zlib.Z_FULL_FLUSH) == packed_block
    return packed_head + packed_block * count + deflater.compress(tail) + deflater.flush()


def _parts(data: bytes) -> list[tuple[str, bytes]]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return [(info.filename, archive.read(info)) for info in archive.infolist()]


def _deflated(name: str, data: bytes) -> tuple[str, bytes, int, int]:
    deflater = zlib.compressobj(6, zlib.DEFLATED, -15)
    return name, deflater.compress(data) + deflater.flush(), zlib.crc32(data), len(data)


def _zip(members: list[tuple[str, bytes, int, int]], declared: int | None = None) -> bytes:
    """A zip of deflated `members` (name, raw deflate stream, CRC-32, unpacked size); document.xml's headers
    say it unpacks to `declared` bytes when given."""
    out, central = bytearray(), bytearray()
    for name, stream, crc, size in members:
        shown = declared if declared is not None and name == "word/document.xml" else size
        fields = struct.pack("<HHHHHIII", 20, 0, 8, 0, 0x21, crc, len(stream), shown)
        central += b"PK\x01\x02" + struct.pack("<H", 20) + fields
        central += struct.pack("<HHHHHII", len(name.encode()), 0, 0, 0, 0, 0, len(out)) + name.encode()
        out += b"PK\x03\x04" + fields + struct.pack("<HH", len(name.encode()), 0) + name.encode() + stream
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(out), 0)
    return bytes(out + central + end)


def lying_bomb() -> bytes:
    """A bomb whose headers declare an unpacked size that passes every check; the stream holds far more."""
    return bomb(limits.DOCX_MEMBER_BYTES * 2, declared=64 * 2**10)


def docx_spans(span: int, rows: int) -> bytes:
    """A Word table of `rows` rows of two cells, each cell's `w:gridSpan` set to `span`."""
    import docx as python_docx
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    document = python_docx.Document()
    document.add_paragraph("一、总体情况")
    table = document.add_table(rows=rows, cols=2)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = "指标" if c == 0 else str(r)
            grid_span = OxmlElement("w:gridSpan")
            grid_span.set(qn("w:val"), str(span))
            cell._tc.get_or_add_tcPr().append(grid_span)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf(objects: list[bytes]) -> bytes:
    """A PDF of `objects` (numbered from 1, object 1 the catalog) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


_CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
_ONE_PAGE = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
_PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>"


def pdf_loop() -> bytes:
    """A catalog that is a reference to another object, which refers back to the catalog."""
    return pdf([b"5 0 R", _ONE_PAGE, _PAGE, b"<< /Length 0 >>\nstream\n\nendstream", b"1 0 R"])


def pdf_self_loop() -> bytes:
    """A catalog that is a reference to itself."""
    return pdf([b"1 0 R"])


def pdf_flate_bomb() -> bytes:
    """A page whose content stream inflates to twice the limit."""
    block = b"0" * 2**20
    count = 2 * limits.PDF_STREAM_BYTES // len(block)
    checksum = 1
    for _ in range(count):
        checksum = zlib.adler32(block, checksum)
    packed = b"\x78\xda" + _deflated_repeat(b"", block, count, b"") + struct.pack(">I", checksum)
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"
    return pdf([_CATALOG, _ONE_PAGE, _PAGE, stream])


def pdf_pages(count: int) -> bytes:
    """A PDF of `count` empty pages, each its own object, sharing one empty content stream (object 3)."""
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(count))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>"
    return pdf(
        [
            _CATALOG,
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
            b"<< /Length 0 >>\nstream\n\nendstream",
            *[page] * count,
        ]
    )


def pdf_form_drawing_itself() -> bytes:
    """A page drawing a form whose content draws the form again."""
    resources = b"/Resources << /XObject << /X 5 0 R >> >>"
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] %s /Contents 4 0 R >>" % resources
    form = b"<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] %s /Length 5 >>\nstream\n/X Do\nendstream" % resources
    draw = b"<< /Length 5 >>\nstream\n/X Do\nendstream"
    return pdf([_CATALOG, _ONE_PAGE, page, draw, form])


def pdf_dense_grid(lines: int) -> bytes:
    """A page ruled with `lines` horizontal and `lines` vertical lines, and one line of text."""
    rules = b"".join(b"0 %d m 600 %d l S %d 0 m %d 790 l S " % (i, i, i, i) for i in range(1, lines + 1))
    content = rules + b"BT /F1 12 Tf 72 700 Td (Report) Tj ET"
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    resources = b"/Resources << /Font << /F1 5 0 R >> >>"
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] %s /Contents 4 0 R >>" % resources
    stream = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
    return pdf([_CATALOG, _ONE_PAGE, page, stream, font])
