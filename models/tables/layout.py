"""How a table is laid out on screen as the report prints it: header levels and body lines.

A pure step between `models.core.document.Table` and the views. The national template's tables have
merged header cells (`法人或其他组织` over five columns, `行政诉讼` over `未经复议直接起诉` and
`复议后起诉`), group rows that carry no figures (`三、本年度办理结果`, `（三）不予公开`), and, in the
主动公开 table, blocks per 第二十条 item each with its own column names. Other tables are one line per
row under one header level.

`header_paths(table)` gives each value column's header as a path from the top level down, all of the
same depth; an empty string continues the cell above it downward (`("行政复议", "", "结果维持")`: the
`行政复议` cell covers two levels). Neighbouring columns that share a path's beginning share its cells.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.core.document import Table
from models.tables.template_labels import ACTIVE, APPLICATIONS, TEMPLATE_KINDS

ROW, HEADING, COLUMNS = "row", "heading", "columns"
# The name column's header; the 主动公开 table's blocks call it 信息内容.
NAME_HEADER = "指标名称"
ACTIVE_NAME_HEADER = "信息内容"
# Printed above the applicant columns of the 收到和处理政府信息公开申请情况 table.
APPLICANTS = "申请人情况"


@dataclass(frozen=True)
class Line:
    """One line of a table's body.

    `kind` is ROW (a row's figures), HEADING (a group row or a 第二十条 block, its name across the
    table) or COLUMNS (a block's column names). `row` is the index in `table.rows` the line shows, None
    for COLUMNS. `level` is the indentation of the name. `cells`, per value position: for ROW the
    table column whose figure goes there (None for an empty place); for COLUMNS the column's name.
    """

    kind: str
    row: int | None
    level: int
    cells: tuple[str | None, ...] = ()


def is_template(table: Table) -> bool:
    """Whether `table` is one of the national template's three tables."""
    return table.kind in TEMPLATE_KINDS


def header_paths(table: Table) -> list[tuple[str, ...]]:
    """Each value column's header from the top level down, all of one depth (see the module docstring).

    The 主动公开 table has no header of its own: its blocks name their columns in the body.
    """
    if table.kind == ACTIVE:
        return [("",)] * value_width(table)
    paths = [tuple(column.split("/")) for column in table.columns]
    if table.kind == APPLICATIONS:
        paths = [(APPLICANTS, *path) for path in paths]
    depth = max((len(path) for path in paths), default=1)
    return [_padded(path, depth) for path in paths]


def _padded(path: tuple[str, ...], depth: int) -> tuple[str, ...]:
    # A column without a group of its own fills the levels below it (自然人 under 申请人情况); in a
    # group the group fills them, so that every group's leaves line up at the bottom (行政复议's 结果维持
    # beside 行政诉讼/复议后起诉's).
    missing = ("",) * (depth - len(path))
    if len(path) == 1 or (len(path) == 2 and path[0] == APPLICANTS):
        return path + missing
    return path[:-1] + missing + path[-1:]


def value_width(table: Table) -> int:
    """How many value columns the table's lines need: the most of any block in the 主动公开 table."""
    if table.kind != ACTIVE:
        return len(table.columns)
    return max((len(line.cells) for line in layout_lines(table) if line.kind == COLUMNS), default=0)


def layout_lines(table: Table) -> list[Line]:
    """The table's body, top to bottom: one line per row, plus a column line under each 第二十条 block."""
    parents = {row.parent for row in table.rows if row.parent}
    levels: dict[str, int] = {}
    lines: list[Line] = []
    block_columns: list[str] = []
    for number, row in enumerate(table.rows):
        level = 0 if row.parent is None else levels.get(row.parent, 0) + 1
        levels[row.name] = level
        has_figures = any(value is not None for value in row.values.values()) or bool(row.raw)
        if table.kind == ACTIVE and row.parent is None:
            lines.append(Line(HEADING, number, 0))
            block_columns = _block_columns(table, number)
            names = [_column_name(table, number, column) for column in block_columns]
            lines.append(Line(COLUMNS, None, 0, tuple(names)))
        elif table.kind == ACTIVE:
            lines.append(Line(ROW, number, 0, tuple(block_columns)))
        elif is_template(table) and row.name in parents and not has_figures:
            lines.append(Line(HEADING, number, level))
        else:
            lines.append(Line(ROW, number, level, tuple(table.columns)))
    return lines


def _block_columns(table: Table, block: int) -> list[str]:
    """A 第二十条 block's columns: those its rows hold, in the table's order."""
    held: set[str] = set()
    for row in table.rows[block + 1 :]:
        if row.parent != table.rows[block].name:
            break
        held.update(row.values)
    return [column for column in table.columns if column in held]


def _column_name(table: Table, block: int, column: str) -> str:
    # The 政府集中采购 row's unit is the unit of its 采购总金额, which the header names as printed.
    units = {row.unit for row in table.rows[block + 1 :] if row.parent == table.rows[block].name and row.unit}
    if column == "采购总金额" and len(units) == 1:
        return f"{column}（{units.pop()}）"
    return column
