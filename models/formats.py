"""Tell a report file's format apart and turn it into text, with the tables a parser could rebuild.

A report arrives as plain text, a saved web page, a Word `.docx` or a PDF. Each becomes one text (the
one the reader shows and every offset points into) plus, for HTML and Word, the tables rebuilt from
the markup with their spans resolved. A rebuilt table is rendered into the text as tab-separated
lines, one a table row, so the text view shows it and each row has a line; `grid_table` turns one into
a `Table` whose columns are named by their header path (`法人或其他组织/商业企业`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from models.decoding import decode
from models.document import Row, Table
from models.errors import ReportError
from models.textindex import TextIndex

HTML, DOCX, PDF, TEXT = "html", "docx", "pdf", "text"
GRID = "grid"  # Table.kind of a rebuilt table that is not one of the national template's
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|p|div|table)\b", re.I | re.S)
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")
_BLANK = {"", "-", "—", "－", "/", "／", "无"}


@dataclass(frozen=True)
class SourceCell:
    """A cell as the markup gives it, before spans are laid out."""

    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class GridCell:
    """A cell placed on the table's grid; `start`/`end` locate its text in the rendered text."""

    text: str
    row: int
    col: int
    rowspan: int
    colspan: int
    start: int
    end: int


@dataclass
class GridTable:
    """A table rebuilt from markup: each source row's own cells, placed on the grid."""

    rows: list[list[GridCell]]
    start: int
    end: int
    width: int


@dataclass
class Extracted:
    """What a file holds, as text: the format it came in, rebuilt tables, what could not be recovered."""

    text: str
    encoding: str
    source_format: str
    grids: list[GridTable] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class TextBuilder:
    """Builds a text from paragraphs and tables, keeping each table cell's offsets."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.grids: list[GridTable] = []

    def paragraph(self, text: str) -> None:
        """Add a paragraph: each of its lines, whitespace collapsed, empty lines dropped."""
        for line in text.split("\n"):
            line = " ".join(line.split())
            if line:
                self._write(line + "\n")

    def table(self, rows: list[list[SourceCell]]) -> None:
        """Lay the cells out on a grid (rowspan, colspan) and render one line a row, cells tab-separated."""
        rows = [row for row in rows if row]
        if not rows:
            return
        taken: set[tuple[int, int]] = set()
        placed: list[list[GridCell]] = []
        start = self._length
        width = 0
        for r, row in enumerate(rows):
            col = 0
            line: list[GridCell] = []
            for i, cell in enumerate(row):
                while (r, col) in taken:
                    col += 1
                text = " ".join(cell.text.split())
                if i:
                    self._write("\t")
                cell_start = self._length
                self._write(text)
                rowspan = max(1, min(cell.rowspan, len(rows) - r))
                colspan = max(1, cell.colspan)
                line.append(GridCell(text, r, col, rowspan, colspan, cell_start, cell_start + len(text)))
                for dr in range(rowspan):
                    for dc in range(colspan):
                        taken.add((r + dr, col + dc))
                col += colspan
                width = max(width, col)
            self._write("\n")
            placed.append(line)
        self.grids.append(GridTable(placed, start, self._length - 1, width))

    def text(self) -> str:
        return "".join(self._parts)

    def _write(self, part: str) -> None:
        self._parts.append(part)
        self._length += len(part)


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
        from models.pdf import read_pdf

        return read_pdf(data)
    if kind == DOCX:
        from models.docx import read_docx

        return read_docx(data)
    decoded = decode(data)
    if kind == HTML:
        from models.html import read_html

        page = read_html(decoded.text, decoded.encoding)
        page.notes[:0] = decoded.notes
        return page
    return Extracted(decoded.text, decoded.encoding, TEXT, notes=list(decoded.notes))


def grid_table(grid: GridTable, index: TextIndex) -> Table | None:
    """A rebuilt table as a `Table`: header rows name the value columns by path, label columns the rows.

    Header rows are the leading rows without a figure; label columns are those no data row has a
    figure in. A blank cell is null, not zero. None when the table has no figures.
    """
    cells = {(cell.row + dr, cell.col + dc): cell for row in grid.rows for cell in row
             for dr in range(cell.rowspan) for dc in range(cell.colspan)}  # fmt: skip
    height = len(grid.rows)
    first_data = next((r for r in range(height) if any(_is_number(c.text) for c in grid.rows[r])), None)
    if first_data is None:
        return None
    figure_cols = {c for (r, c), cell in cells.items() if r >= first_data and _is_number(cell.text)}
    value_cols = list(range(min(figure_cols), grid.width))
    label_cols = list(range(min(figure_cols)))
    columns = [_header_path(cells, first_data, col, value_cols) for col in value_cols]
    columns = _unique(columns)
    rows = []
    for r in range(first_data, height):
        labels = [cells[(r, c)] for c in label_cols if (r, c) in cells]
        names = list(dict.fromkeys(cell.text for cell in labels if cell.text))  # a rowspan label is the parent
        name = names[-1] if names else ""
        values = {column: _value(cells.get((r, col)), r, col) for column, col in zip(columns, value_cols, strict=True)}
        if not name and all(v is None for v in values.values()):
            continue
        line_cells = grid.rows[r]  # the cells this row's line shows
        start = line_cells[0].start if line_cells else grid.start
        end = line_cells[-1].end if line_cells else start
        rows.append(
            Row(
                name=name,
                parent=names[-2] if len(names) > 1 else None,
                unit=None,
                values=values,
                line=index.line_of(start),
                start=start,
                end=end,
            )
        )
    if not rows:
        return None
    return Table(
        title=None,
        columns=columns,
        rows=rows,
        line=index.line_of(grid.start),
        start=grid.start,
        end=grid.end,
        kind=GRID,
    )


def _header_path(cells: dict[tuple[int, int], GridCell], header_rows: int, col: int, value_cols: list[int]) -> str:
    """The column's name: its header cells top to bottom joined by "/", without a caption over all columns."""
    path: list[str] = []
    for r in range(header_rows):
        cell = cells.get((r, col))
        if cell is None or not cell.text or (path and path[-1] == cell.text):
            continue
        if cell.colspan >= len(value_cols) > 1 and cell.col <= value_cols[0]:
            continue
        path.append(cell.text)
    return "/".join(path) or f"第{col + 1}列"


def _unique(columns: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    unique = []
    for column in columns:
        seen[column] = seen.get(column, 0) + 1
        unique.append(column if seen[column] == 1 else f"{column}（{seen[column]}）")
    return unique


def _is_number(text: str) -> bool:
    return bool(_NUMBER.fullmatch(text.replace(",", "").removesuffix("万元").removesuffix("元")))


def _value(cell: GridCell | None, row: int, col: int) -> int | float | None:
    """The figure of the cell placed at (row, col); a spanned cell counts once, where it starts."""
    if cell is None or cell.row != row or cell.col != col:
        return None
    text = cell.text.replace(",", "").removesuffix("万元").removesuffix("元")
    if text in _BLANK or not _NUMBER.fullmatch(text):
        return None
    return float(text) if "." in text else int(text)
