"""Tables of a PDF read from the page's own ruling lines, as grids of cells with their spans.

Word and WPS draw every cell border when they export a report to PDF. pdfplumber finds the tables
those lines make, merged cells included (a merged cell is one rectangle of the grid). Here each table
becomes a `Piece`: its cells placed on the grid with their text, read from the characters inside.
A table the page break cut in two is joined again (`join`): the header rows Word repeats atop the
next page are dropped, and a cell cut in two (a label standing one character a line beside many rows,
a row whose text ran over the break) is made one cell again.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from models.read.extracted import SourceCell

Char = dict[str, Any]  # a character as pdfplumber gives it: text, x0, x1, top, bottom, size, …
_TOLERANCE = 1.5  # points: ruling lines this close are one
# A web page printed with `border="1"` frames the table and each cell apart, two points or so between.
_SETTINGS = {"snap_tolerance": 4, "join_tolerance": 4, "intersection_tolerance": 4}
_FIGURE = re.compile(r"[-+]?[\d,]+(?:\.\d+)?(?:万元|元|%)?")
_MARKER = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.．、])")


@dataclass
class PieceCell:
    text: str
    row: int
    col: int
    rowspan: int
    colspan: int
    x0: float
    x1: float


@dataclass
class Piece:
    """A ruled table on one page: its bounding box, its columns' edges and its cells, row by row."""

    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    columns: list[float]  # the x of each vertical grid line
    rows: list[list[PieceCell]]  # each grid row's cells that start in it
    lines: list[float] = field(default_factory=list)  # the y of each horizontal grid line
    grid: dict[tuple[int, int], PieceCell] = field(default_factory=dict)  # the cell covering each position

    def row_texts(self, r: int) -> list[str]:
        return [cell.text for cell in self.rows[r]]

    def height(self) -> int:
        return len(self.rows)


Box = tuple[float, float, float, float]  # x0, top, x1, bottom


def crossings(page: Any) -> int:
    """How many times the page's distinct horizontal and vertical ruling lines cross, at most."""
    rows = {round(edge["top"] / 4) for edge in page.edges if edge["orientation"] == "h"}
    columns = {round(edge["x0"] / 4) for edge in page.edges if edge["orientation"] == "v"}
    return len(rows) * len(columns)


def find_pieces(page: Any, number: int, chars: list[Char]) -> tuple[list[Piece], list[Char], list[Box]]:
    """The page's ruled tables of at least two rows and two columns, with their cells' text from `chars`;
    the characters that are in no table; and the frames of one cell (a framed box of text is text)."""
    pieces = []
    finder = page.debug_tablefinder(_SETTINGS)  # its cells hold the frames of one cell, which its tables leave out
    in_tables = {cell for table in finder.tables for cell in table.cells}
    boxes = [cell for cell in finder.cells if cell not in in_tables]
    for table in finder.tables:
        xs = _edges([x for cell in table.cells for x in (cell[0], cell[2])])
        ys = _edges([y for cell in table.cells for y in (cell[1], cell[3])])
        if len(xs) < 3 or len(ys) < 3:
            boxes.append(table.bbox)
            continue
        grid: dict[tuple[int, int], PieceCell] = {}
        rows: list[list[PieceCell]] = [[] for _ in range(len(ys) - 1)]
        for x0, top, x1, bottom in sorted(table.cells, key=lambda c: (c[1], c[0])):
            r, c = _at(ys, top), _at(xs, x0)
            cell = PieceCell("", r, c, max(1, _at(ys, bottom) - r), max(1, _at(xs, x1) - c), x0, x1)
            if (r, c) in grid:
                continue
            rows[r].append(cell)
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    grid[(r + dr, c + dc)] = cell
        x0, top, x1, bottom = table.bbox
        pieces.append(Piece(number, top, bottom, x0, x1, xs, rows, ys, grid))
    rest = _fill(pieces, chars)
    return [piece for piece in pieces if any(cell.text for row in piece.rows for cell in row)], rest, boxes


def _edges(values: list[float], tolerance: float = _TOLERANCE) -> list[float]:
    """Distinct grid lines: values closer than the tolerance are one."""
    edges: list[float] = []
    for value in sorted(values):
        if not edges or value - edges[-1] > tolerance:
            edges.append(value)
    return edges


def _at(edges: list[float], value: float, tolerance: float = _TOLERANCE) -> int:
    """The index of the grid line at `value`."""
    i = bisect.bisect_left(edges, value - tolerance)
    return min(i, len(edges) - 1)


def _fill(pieces: list[Piece], chars: list[Char]) -> list[Char]:
    """Give each cell the text of the characters whose middle lies in it; returns the characters in no cell."""
    inside: dict[int, list[Char]] = {}
    rest = []
    for char in chars:
        x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        cell = next((_cell_at(p, x, y) for p in pieces if p.x0 <= x <= p.x1 and p.top <= y <= p.bottom), None)
        if cell is None:
            rest.append(char)
        else:
            inside.setdefault(id(cell), []).append(char)
    for piece in pieces:
        for cell in (cell for row in piece.rows for cell in row):
            cell.text = cell_text(inside.get(id(cell), []))
    return rest


def _cell_at(piece: Piece, x: float, y: float) -> PieceCell | None:
    r, c = bisect.bisect_right(piece.lines, y) - 1, bisect.bisect_right(piece.columns, x) - 1
    return piece.grid.get((r, c))


def cell_text(chars: list[Char]) -> str:
    """A cell's characters as one line: its visual lines joined, with no space between CJK characters."""
    from models.read.pdf_text import line_text, visual_lines

    out = ""
    for line in visual_lines(chars):
        text = line_text(line)
        if out and text and (out[-1].isascii() and out[-1].isalnum()) and (text[0].isascii() and text[0].isalnum()):
            out += " "
        out += text
    return out.strip()


_NEAR = 3 * _TOLERANCE  # points: the same table may sit this much apart on two pages


def joins(first: Piece, second: Piece) -> bool:
    """Whether `second`, on the page after `first`'s with no text between, continues it: the same width."""
    return second.page == first.page + 1 and abs(first.x0 - second.x0) <= _NEAR and abs(first.x1 - second.x1) <= _NEAR


def join(first: Piece, second: Piece) -> Piece:
    """`first` with `second` below it: repeated header rows dropped, cells cut by the page break made whole."""
    columns = _edges(first.columns + second.columns, _NEAR)
    for piece in (first, second):
        for cell in (cell for row in piece.rows for cell in row):
            cell.col = _at(columns, cell.x0, _NEAR)
            cell.colspan = max(1, _at(columns, cell.x1, _NEAR) - cell.col)
    repeated = 0
    while (
        repeated < min(first.height(), second.height()) - 1
        and second.row_texts(repeated) == first.row_texts(repeated)
        and not any(_FIGURE.fullmatch(text) for text in second.row_texts(repeated))
    ):
        repeated += 1
    rows = [list(row) for row in first.rows]
    last = len(rows) - 1
    covering = _covering(first, last)
    offset = len(rows) - repeated
    rest_of_row = _rest_of_row(second.rows[repeated], covering)
    for r in range(repeated, second.height()):
        placed = []
        for cell in second.rows[r]:
            above = covering.get(cell.col)
            if (
                r == repeated
                and above is not None
                and above.colspan == cell.colspan
                and _continues(above, cell, rest_of_row)
            ):
                above.text = _joined(above.text, cell.text)
                above.rowspan += cell.rowspan - (1 if rest_of_row else 0)
                continue
            row = r + offset - (1 if rest_of_row else 0)
            placed.append(PieceCell(cell.text, row, cell.col, cell.rowspan, cell.colspan, cell.x0, cell.x1))
        if rest_of_row and r == repeated:
            rows[last] += placed
        else:
            rows.append(placed)
    return Piece(second.page, first.top, second.bottom, first.x0, first.x1, columns, rows)


def _covering(piece: Piece, row: int) -> dict[int, PieceCell]:
    """The cell covering each column of `row` (a cell spanning rows from above included)."""
    out = {}
    for cells in piece.rows[: row + 1]:
        for cell in cells:
            if cell.row + cell.rowspan > row:
                out[cell.col] = cell
    return out


def _rest_of_row(cells: list[PieceCell], covering: dict[int, PieceCell]) -> bool:
    """Whether the first row under the break is the rest of the row over it: no figures, no label of its
    own (a numbered one, a 第二十条 block's), and its cells under the cells of that row, one for one."""
    return not any(
        _FIGURE.fullmatch(cell.text) or _MARKER.match(cell.text) or cell.text.startswith("第") for cell in cells
    ) and all(cell.col in covering and covering[cell.col].colspan == cell.colspan for cell in cells)


def _continues(above: PieceCell, below: PieceCell, rest_of_row: bool) -> bool:
    """Whether `below`, the first cell under the break, is the rest of `above`, the cell over it."""
    if rest_of_row:
        return True  # the whole row ran over the break: every cell continues
    if not above.text or _FIGURE.fullmatch(above.text) or _FIGURE.fullmatch(below.text):
        return False
    if not below.text:  # a merged label some writers leave blank on the page it runs onto
        return above.rowspan > 1 or below.rowspan > 1
    return (above.rowspan > 1 or below.rowspan > 1) and not _MARKER.match(below.text)


def _joined(a: str, b: str) -> str:
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return f"{a} {b}"
    return a + b


def source_rows(piece: Piece) -> list[list[SourceCell]]:
    """The table's rows as the text builder lays them out: each row's cells, left to right, blank label
    cells made part of the label they belong to (`_fold_blank_labels`)."""
    _fold_blank_labels(piece)
    return [
        [SourceCell(cell.text, cell.rowspan, cell.colspan) for cell in sorted(cells, key=lambda c: c.col)]
        for cells in piece.rows
    ]


def _fold_blank_labels(piece: Piece) -> None:
    """A blank cell among the labels (left of every figure) is part of a label some writers draw in two:
    of the label to its left in the row (（七）总计 over two label columns), or, first in its row, of the
    label above it (a merged label cut where the table ran onto the next page)."""
    figure_cols = [cell.col for row in piece.rows for cell in row if _FIGURE.fullmatch(cell.text)]
    if not figure_cols:
        return
    first_figure = min(figure_cols)
    covering: dict[tuple[int, int], PieceCell] = {}
    for r, cells in enumerate(piece.rows):
        cells.sort(key=lambda c: c.col)
        for cell in list(cells):
            if not cell.text and cell.col + cell.colspan <= first_figure:
                left = covering.get((r, cell.col - 1))
                above = covering.get((r - 1, cell.col))
                if left is not None and left.text and left.rowspan == cell.rowspan and left.row + left.rowspan > r:
                    left.colspan += cell.colspan
                    cells.remove(cell)
                    cell = left
                elif cell is cells[0] and above is not None and above.text and above.colspan == cell.colspan:
                    above.rowspan += cell.rowspan
                    cells.remove(cell)
                    cell = above
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    covering[(cell.row + dr, cell.col + dc)] = cell
