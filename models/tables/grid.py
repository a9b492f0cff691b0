"""A table rebuilt from HTML or Word markup, as a `Table`.

A rebuilt table is rendered into the text as tab-separated lines, one a table row, so the text view
shows it and each row has a line; `grid_table` turns one into a `Table` whose columns are named by
their header path (`法人或其他组织/商业企业`).
"""

from __future__ import annotations

import re

from models.core.document import Row, Table
from models.core.limits import FIGURE_DIGITS, is_figure
from models.core.textindex import TextIndex
from models.read.extracted import GridCell, GridTable

GRID = "grid"  # Table.kind of a rebuilt table that is not one of the national template's
# Longer digit strings are text, not figures (`models.core.limits`).
_NUMBER = re.compile(rf"[-+]?\d{{1,{FIGURE_DIGITS}}}(?:\.\d+)?")
_BLANK = {"", "-", "—", "－", "/", "／", "无"}


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
    return _figure(text.replace(",", "").removesuffix("万元").removesuffix("元"))


def _figure(text: str) -> bool:
    return is_figure(text) and _NUMBER.fullmatch(text) is not None


def _value(cell: GridCell | None, row: int, col: int) -> int | float | None:
    """The figure of the cell placed at (row, col); a spanned cell counts once, where it starts."""
    if cell is None or cell.row != row or cell.col != col:
        return None
    text = cell.text.replace(",", "").removesuffix("万元").removesuffix("元")
    if text in _BLANK or not _figure(text):
        return None
    return float(text) if "." in text else int(text)
