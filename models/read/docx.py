"""Read a Word `.docx` report: paragraphs and tables in document order, as the HTML reader does.

python-docx opens the package; the body is walked in its XML order so a table stays between the
paragraphs around it. Merged cells are read from the markup (`w:gridSpan` for columns, `w:vMerge`
for rows) so the rebuilt table has the same spans as the one in Word. Numbers Word puts before
list paragraphs (`一、` from a numbered heading list) are written out, so the outline sees them.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import Any

from models.core import limits
from models.core.errors import ReportError
from models.read.docx_numbering import ListNumbering
from models.read.extracted import DOCX, Extracted, SourceCell, TextBuilder

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BROKEN = "无法打开 Word 文件（文件可能已损坏，或不是 .docx 格式）"
_CHUNK = 2**16


def read_docx(data: bytes) -> Extracted:
    """The document's paragraphs as lines and its tables rebuilt, in document order."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import LxmlError  # type: ignore[import-untyped, unused-ignore]

    builder = TextBuilder()
    notes: list[str] = []
    package = _unpacked(data)
    try:
        document = docx.Document(io.BytesIO(package))
        _blocks(document.element.body, builder, notes, ListNumbering(document))
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        LxmlError,
        KeyError,
        ValueError,
        AttributeError,
        IndexError,
        RecursionError,
    ) as error:
        raise ReportError(_BROKEN) from error
    text = builder.text()
    if not text.strip():
        raise ReportError("Word 文件中没有文字")
    return Extracted(text, "utf-8", DOCX, builder.grids, sorted(set(notes + builder.notes)))


def _unpacked(data: bytes) -> bytes:
    """The package again, its parts stored uncompressed, after each was unpacked within `models.core.limits`.

    python-docx would unpack whatever the zip says, however big, and let zlib's and zipfile's own errors
    (a broken deflate stream, a password, an unknown method) through; here each part is checked before it is
    unpacked and read with a cap, since the sizes a zip declares can lie.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > limits.DOCX_MEMBERS:
                raise ReportError(f"Word 文件中的部件太多（超过 {limits.DOCX_MEMBERS} 个），不像是一份年度报告")
            for info in members:
                _check_member(info)
            if sum(info.file_size for info in members) > limits.DOCX_TOTAL_BYTES:
                raise ReportError(_too_big(limits.DOCX_TOTAL_BYTES))
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as stored:
                for info in members:
                    if not info.is_dir():
                        stored.writestr(info.filename, _read_member(archive, info))
    except ReportError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError, NotImplementedError) as error:
        raise ReportError(_BROKEN) from error
    return out.getvalue()


def _check_member(info: zipfile.ZipInfo) -> None:
    if info.flag_bits & 0x1:
        raise ReportError("Word 文件设有密码（已加密），无法读取；请在 Word 或 WPS 中取消密码后再打开")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise ReportError("Word 文件使用了不支持的压缩方式，无法读取；请在 Word 或 WPS 中重新保存后再打开")
    if info.file_size > limits.DOCX_MEMBER_BYTES:
        raise ReportError(_too_big(limits.DOCX_MEMBER_BYTES))
    if info.file_size > limits.DOCX_RATIO_FROM_BYTES and info.file_size > limits.DOCX_RATIO * info.compress_size:
        raise ReportError(f"Word 文件的压缩比异常（超过 {limits.DOCX_RATIO}:1），可能是恶意的压缩炸弹，已拒绝读取")


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    cap = min(info.file_size, limits.DOCX_MEMBER_BYTES)
    parts: list[bytes] = []
    size = 0
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            size += len(chunk)
            if size > cap:
                raise ReportError(_too_big(limits.DOCX_MEMBER_BYTES))
            parts.append(chunk)
    return b"".join(parts)


def _too_big(limit: int) -> str:
    return f"Word 文件解压后太大（超过 {limit // 2**20} MB），可能是恶意的压缩炸弹，已拒绝读取"


def _blocks(parent: Any, builder: TextBuilder, notes: list[str], numbering: ListNumbering) -> None:
    for child in parent.iterchildren():
        tag = child.tag
        if tag == f"{_W}p":
            builder.paragraph(numbering.label(child) + _paragraph_text(child, notes))
        elif tag == f"{_W}tbl":
            builder.table(_table_rows(child))
        elif tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                _blocks(content, builder, notes, numbering)


def _paragraph_text(paragraph: Any, notes: list[str]) -> str:
    parts = []
    for node in paragraph.iter():
        tag = node.tag
        if tag == f"{_W}t":
            parts.append(node.text or "")
        elif tag == f"{_W}tab":
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag == f"{_W}drawing" or tag == f"{_W}pict":
            notes.append("Word 文件中的图片未能读取（图片中的文字不会显示）")
    return "".join(parts)


def _table_rows(table: Any) -> list[list[SourceCell]]:
    """The table's rows of cells with their spans; a cell continuing a vertical merge adds to the one above."""
    rows: list[list[SourceCell]] = []
    origins: dict[int, tuple[int, int]] = {}  # grid column -> (row, index) of the cell that starts the merge
    # A cell spans at most the columns the table declares (`w:tblGrid`); the layout caps the rest.
    columns = len(table.findall(f"{_W}tblGrid/{_W}gridCol")) or None
    for tr in table.iterchildren(f"{_W}tr"):
        r = len(rows)
        row: list[SourceCell] = []
        col = _grid_before(tr)
        for tc in tr.iterchildren(f"{_W}tc"):
            span = min(_int(tc, "tcPr/gridSpan"), columns or limits.TABLE_COLUMNS)
            merge = tc.find(f"{_W}tcPr/{_W}vMerge")
            if merge is not None and merge.get(f"{_W}val", "continue") == "continue" and col in origins:
                origin_row, index = origins[col]
                cell = rows[origin_row][index] if origin_row < r else row[index]
                grown = SourceCell(cell.text, cell.rowspan + 1, cell.colspan)
                if origin_row < r:
                    rows[origin_row][index] = grown
                col += span
                continue
            text = "".join(_paragraph_text(p, []) for p in tc.iter(f"{_W}p"))
            row.append(SourceCell(text, 1, span))
            if merge is not None:
                origins[col] = (r, len(row) - 1)
            else:
                origins.pop(col, None)
            col += span
        rows.append(row)
    return rows


def _grid_before(tr: Any) -> int:
    node = tr.find(f"{_W}trPr/{_W}gridBefore")
    return int(node.get(f"{_W}val", "0")) if node is not None else 0


def _int(tc: Any, path: str) -> int:
    node = tc.find("/".join(f"{_W}{part}" for part in path.split("/")))
    try:
        return max(1, int(node.get(f"{_W}val", "1"))) if node is not None else 1
    except ValueError:
        return 1
