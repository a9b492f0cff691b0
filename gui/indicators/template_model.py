"""A read-only Qt table model of a national template table, laid out as the template prints it.

The lines come from `models.tables.layout`: a row's figures, a group row or 第二十条 block whose name
runs across the table (`spans()` says where), and in the 主动公开 table each block's column names. The
header paths give `gui.indicators.span_header.SpanHeader` its merged cells. Figures are formatted and marked as in
`gui.indicators.table_model`.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from gui.indicators.span_header import HEADER_PATH_ROLE
from gui.indicators.table_model import COLUMN_ROLE, INDENT, ROW_ROLE, SELECTABLE, TableFrameModel, value_data
from models.core.document import Row, Table
from models.tables.layout import (
    ACTIVE_NAME_HEADER,
    COLUMNS,
    HEADING,
    NAME_HEADER,
    Line,
    header_paths,
    layout_lines,
    value_width,
)
from models.tables.template_labels import ACTIVE

Index = QModelIndex | QPersistentModelIndex


class TemplateTableModel(TableFrameModel):
    """The lines of one template `Table`: the name, then its figures in the template's columns."""

    def __init__(self, table: Table, parent=None) -> None:
        super().__init__(table, parent)
        self._lines: list[Line] = layout_lines(table)
        self._width = value_width(table)
        paths = header_paths(table)
        depth = max((len(path) for path in paths), default=1)
        name = ACTIVE_NAME_HEADER if table.kind == ACTIVE else NAME_HEADER
        self._paths = [(name, *("",) * (depth - 1)), *paths]
        self._positions = {line.row: i for i, line in enumerate(self._lines) if line.row is not None}

    def line(self, position: int) -> Line:
        return self._lines[position]

    def row_at(self, position: int) -> Row | None:
        """The models Row shown on line `position`; None for a block's column names."""
        if not 0 <= position < len(self._lines):
            return None
        number = self._lines[position].row
        return None if number is None else self._table.rows[number]

    def row_for(self, row: Row) -> int | None:
        """The line showing `row` (matched by identity), or None if it is not in this table."""
        number = self._row_number(row)
        return None if number is None else self._positions.get(number)

    def spans(self) -> list[tuple[int, int, int, int]]:
        """(line, column, lines, columns) of each cell that covers several: a heading's name runs across."""
        return [(i, 0, 1, self._width + 1) for i, line in enumerate(self._lines) if line.kind == HEADING]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._width + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._paths):
            return None
        if role == HEADER_PATH_ROLE:
            return self._paths[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return next((part for part in reversed(self._paths[section]) if part), "")
        if role == Qt.ItemDataRole.ToolTipRole and section > 0:
            return "／".join(part for part in self._paths[section] if part)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._lines[index.row()].kind == COLUMNS:
            return Qt.ItemFlag.ItemIsEnabled
        return SELECTABLE

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line, column = self._lines[index.row()], index.column()
        if role == ROW_ROLE:
            return self.row_at(index.row())
        if role == COLUMN_ROLE:
            return line.cells[column - 1] if line.kind != COLUMNS and 0 < column <= len(line.cells) else None
        if line.kind == COLUMNS:
            return self._columns_data(line, column, role)
        assert line.row is not None
        source = self._table.rows[line.row]
        if column == 0:
            return self._name_data(line, source, role)
        if line.kind == HEADING or column - 1 >= len(line.cells) or line.cells[column - 1] is None:
            return None
        key = line.cells[column - 1]
        assert key is not None
        value = self._cells[key][line.row] if key in self._cells else math.nan
        return value_data(source, key, float(value), role)

    def _name_data(self, line: Line, source: Row, role: int):
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return INDENT * line.level + source.name
        if role == Qt.ItemDataRole.ToolTipRole:
            unit = f"（{source.unit}）" if source.unit else ""
            return f"第 {source.line} 行：{source.name}{unit}"
        if role == Qt.ItemDataRole.FontRole and line.kind == HEADING:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _columns_data(self, line: Line, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return ACTIVE_NAME_HEADER
            return line.cells[column - 1] if column - 1 < len(line.cells) else None
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
