"""Tell a report file's format apart and turn it into text, with the tables a parser could rebuild.

A report arrives as plain text, a saved web page, a Word `.docx` or a PDF. Each becomes one text (the
one the reader shows and every offset points into) plus, for HTML and Word, the tables rebuilt from
the markup with their spans resolved (`models.read.extracted`).
"""

from __future__ import annotations

import re

from models.core.errors import ReportError
from models.read.decoding import decode
from models.read.extracted import DOCX, HTML, PDF, TEXT, Extracted

_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|p|div|table)\b", re.I | re.S)


def detect_format(data: bytes, name: str = "") -> str:
    """ "html", "docx", "pdf" or "text", from the file's first bytes and then its name."""
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"PK\x03\x04"):
        if b"word/" in data[:65536] or suffix == "docx":
            return DOCX
        raise ReportError("这是一个压缩文件，不是 Word（.docx）报告")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReportError("这是旧版 Word（.doc）文件，暂不支持；请在 Word 或 WPS 中另存为 .docx 后再打开")
    if suffix in ("html", "htm", "xhtml", "shtml"):
        return HTML
    if suffix == "pdf":
        raise ReportError("文件扩展名是 .pdf，但内容不是 PDF（可能已损坏）")
    if suffix == "docx":
        raise ReportError("文件扩展名是 .docx，但内容不是 Word 文档（可能已损坏）")
    head = _head(data)
    return HTML if _HTML_START.match(head) else TEXT


def _head(data: bytes) -> str:
    """The file's start as text, for sniffing: UTF-16 when its BOM says so, else UTF-8 leniently."""
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[2:4096].decode(codec, errors="ignore")
    return data[:2048].decode("utf-8", errors="ignore").lstrip("\ufeff")


def extract(data: bytes, name: str = "") -> Extracted:
    """The file's text and rebuilt tables. Raises ReportError for what cannot be read."""
    kind = detect_format(data, name)
    if kind == PDF:
        from models.read.pdf import read_pdf

        return read_pdf(data)
    if kind == DOCX:
        from models.read.docx import read_docx

        return read_docx(data)
    decoded = decode(data)
    if kind == HTML:
        from models.read.html import read_html

        page = read_html(decoded.text, decoded.encoding)
        page.notes[:0] = decoded.notes
        return page
    return Extracted(decoded.text, decoded.encoding, TEXT, notes=list(decoded.notes))
