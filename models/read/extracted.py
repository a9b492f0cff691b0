"""What reading a file gives: its text and the tables rebuilt from its markup, as every reader of a format
returns them (the shared types of `models.read`, below the readers and the dispatcher)."""

from __future__ import annotations

from dataclasses import dataclass, field

HTML, DOCX, PDF, TEXT = "html", "docx", "pdf", "text"


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
