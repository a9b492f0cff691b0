"""Read a Word `.docx` report: paragraphs and tables in document order, as the HTML reader does.

python-docx opens the package; the body is walked in its XML order so a table stays between the
paragraphs around it. Merged cells are read from the markup (`w:gridSpan` for columns, `w:vMerge`
for rows) so the rebuilt table has the same spans as the one in Word. Numbers Word puts before
list paragraphs (`一、` from a numbered heading list) are written out, so the outline sees them.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from models.core.errors import ReportError
from models.read.docx_numbering import ListNumbering
from models.read.extracted import DOCX, Extracted, SourceCell, TextBuilder

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(data: bytes) -> Extracted:
    """The document's paragraphs as lines and its tables rebuilt, in document order."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import LxmlError  # type: ignore[import-untyped, unused-ignore]

    builder = TextBuilder()
    notes: list[str] = []
    try:
        document = docx.Document(io.BytesIO(data))
        _blocks(document.element.body, builder, notes, ListNumbering(document))
    except (PackageNotFoundError, zipfile.BadZipFile, LxmlError, KeyError, ValueError, AttributeError) as error:
        raise ReportError("无法打开 Word 文件（文件可能已损坏，或不是 .docx 格式）") from error
    text = builder.text()
    if not text.strip():
        raise ReportError("Word 文件中没有文字")
    return Extracted(text, "utf-8", DOCX, builder.grids, sorted(set(notes)))


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
    for tr in table.iterchildren(f"{_W}tr"):
        r = len(rows)
        row: list[SourceCell] = []
        col = _grid_before(tr)
        for tc in tr.iterchildren(f"{_W}tc"):
            span = _int(tc, "tcPr/gridSpan")
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
