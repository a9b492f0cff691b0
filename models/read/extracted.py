"""What reading a file gives: its text and the tables rebuilt from its markup, as every reader of a format
returns them (the shared types of `models.read`, below the readers and the dispatcher)."""

from __future__ import annotations

from dataclasses import dataclass, field

from models.core import limits

HTML, DOCX, PDF, TEXT = "html", "docx", "pdf", "text"
TABLE_AS_TEXT = (
    f"有表格过大（超过 {limits.TABLE_COLUMNS} 列或 {limits.TABLE_CELLS} 个单元格），已按文字读取，不列入表格和核对"
)


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
        self.notes: list[str] = []

    def paragraph(self, text: str) -> None:
        """Add a paragraph: each of its lines, whitespace collapsed, empty lines dropped."""
        for line in text.split("\n"):
            line = " ".join(line.split())
            if line:
                self._write(line + "\n")

    def table(self, rows: list[list[SourceCell]]) -> None:
        """Lay the cells out on a grid (rowspan, colspan) and render one line a row, cells tab-separated.

        A table past `models.core.limits` (too many grid positions or columns) is rendered the same way
        but not laid out: its text is kept, it gives no `GridTable`, and `notes` says so.
        """
        rows = [row for row in rows if row]
        if not rows:
            return
        layout = _layout(rows)
        placed: list[list[GridCell]] = []
        start = self._length
        for r, row in enumerate(rows):
            line: list[GridCell] = []
            for i, cell in enumerate(row):
                text = " ".join(cell.text.split())
                if i:
                    self._write("\t")
                cell_start = self._length
                self._write(text)
                if layout is not None:
                    row_, col, rowspan, colspan = layout[0][r][i]
                    line.append(GridCell(text, row_, col, rowspan, colspan, cell_start, cell_start + len(text)))
            self._write("\n")
            placed.append(line)
        if layout is None:
            self.notes.append(TABLE_AS_TEXT)
        else:
            self.grids.append(GridTable(placed, start, self._length - 1, layout[1]))

    def text(self) -> str:
        return "".join(self._parts)

    def _write(self, part: str) -> None:
        self._parts.append(part)
        self._length += len(part)


def _layout(rows: list[list[SourceCell]]) -> tuple[list[list[tuple[int, int, int, int]]], int] | None:
    """Each cell's (row, column, rowspan, colspan) on the grid, and the grid's width; None past the limits.

    Spans are cut to the table's extent (`limits.SPAN_MARGIN`), and the positions the cells cover are
    counted as they are placed, so a hostile span stops the layout before it takes memory.
    """
    height = len(rows)
    widest = max(len(row) for row in rows)
    if widest > limits.TABLE_COLUMNS:
        return None
    max_colspan = widest + limits.SPAN_MARGIN
    taken: set[tuple[int, int]] = set()
    out: list[list[tuple[int, int, int, int]]] = []
    width = 0
    for r, row in enumerate(rows):
        col = 0
        line = []
        for cell in row:
            while (r, col) in taken:
                col += 1
            rowspan = max(1, min(cell.rowspan, height - r))
            colspan = max(1, min(cell.colspan, max_colspan))
            if len(taken) + rowspan * colspan > limits.TABLE_CELLS:
                return None
            taken.update((r + dr, col + dc) for dr in range(rowspan) for dc in range(colspan))
            line.append((r, col, rowspan, colspan))
            col += colspan
            width = max(width, col)
        out.append(line)
    if width > limits.TABLE_COLUMNS or width * height > limits.TABLE_CELLS:
        return None
    return out, width
