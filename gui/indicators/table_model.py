"""A read-only Qt table model over an indicator table's pandas frame (see `models.tables.indicators`).

The frame holds the numbers; this model only formats them: names indented under their parent,
thousands separators, the share as a percentage, and a distinct colour with an explanation for
figures the parser inferred or could not split.
"""

from __future__ import annotations

import math

import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from gui.common.theme import MARKS
from gui.indicators.span_header import HEADER_PATH_ROLE
from models.core.document import Row, Table
from models.core.numbers import format_number, format_share
from models.tables.indicators import LEVEL, NAME, SHARE, UNIT, indicator_frame
from models.tables.layout import header_paths

# Children are indented with full-width spaces, which line up with the Chinese names above them.
INDENT = "\u3000"
AMBIGUOUS_TEXT = "不明"

# Returns the models Row behind a table row, from any column.
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
# Returns the name of a cell's column in the table (2017, 法人或其他组织/商业企业); None in the name column.
COLUMN_ROLE = Qt.ItemDataRole.UserRole + 3
# Made once: the view asks for every cell's every role, and `|` on enums is slow in Python.
SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
INFERRED_BRUSH = QBrush(QColor(MARKS.inferred))
AMBIGUOUS_BRUSH = QBrush(QColor(MARKS.ambiguous))
MARKED_TEXT_BRUSH = QBrush(QColor(MARKS.text))

Index = QModelIndex | QPersistentModelIndex


def frame_cells(frame: pd.DataFrame) -> dict[str, list]:
    """The frame's columns as plain lists, for `data()`: pandas' scalar access is slow, and the view asks for
    each cell many times."""
    return {str(name): frame[name].tolist() for name in frame.columns}


class TableFrameModel(QAbstractTableModel):
    """What the 指标 panel's table models share: the `Table`, its pandas frame, and the frame's cells."""

    def __init__(self, table: Table, parent=None) -> None:
        super().__init__(parent)
        self._table = table
        self._frame: pd.DataFrame = indicator_frame(table)
        self._cells = frame_cells(self._frame)

    @property
    def table(self) -> Table:
        return self._table

    @property
    def frame(self) -> pd.DataFrame:
        return self._frame

    def _row_number(self, row: Row) -> int | None:
        """The number of `row` in the table (matched by identity), or None if it is not in it."""
        return next((i for i, candidate in enumerate(self._table.rows) if candidate is row), None)


class IndicatorTableModel(TableFrameModel):
    """Rows of one `Table`: 指标名称, 计量单位, the table's value columns, then the share if any."""

    def __init__(self, table: Table, parent=None) -> None:
        super().__init__(table, parent)
        self._value_columns = list(table.columns)
        self._has_share = SHARE in self._frame.columns
        self._headers = ["指标名称", "计量单位", *self._value_columns]
        if self._has_share:
            self._headers.append("本年占累计")
        # Grouped columns ("法人或其他组织/商业企业") share their group's header cell.
        depth = max((len(path) for path in header_paths(table)), default=1)
        blank = ("",) * (depth - 1)
        self._paths = [("指标名称", *blank), ("计量单位", *blank), *header_paths(table)]
        if self._has_share:
            self._paths.append(("本年占累计", *blank))

    def row_at(self, position: int) -> Row | None:
        """The models Row shown at model row `position`."""
        return self._table.rows[position] if 0 <= position < len(self._table.rows) else None

    def row_for(self, row: Row) -> int | None:
        """The model row showing `row` (matched by identity), or None if it is not in this table."""
        return self._row_number(row)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._frame)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._headers):
                return self._headers[section].rsplit("/", 1)[-1]
            if role == HEADER_PATH_ROLE and 0 <= section < len(self._headers):
                return self._paths[section]
            if role == Qt.ItemDataRole.ToolTipRole and self._has_share and section == len(self._headers) - 1:
                return "本年数占历年累计的百分比；历年累计为 0 或缺失时留空"
            return None
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._frame):
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return SELECTABLE

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._frame)):
            return None
        row, column = index.row(), index.column()
        if role == ROW_ROLE:
            return self._table.rows[row]
        if role == COLUMN_ROLE:
            return self._headers[column] if 0 < column < len(self._headers) else None
        if column == 0:
            return self._name_data(row, role)
        if column == 1:
            unit = self._cells[UNIT][row]
            return (unit or "") if role == Qt.ItemDataRole.DisplayRole else None
        if column - 2 < len(self._value_columns):
            return self._value_data(row, self._value_columns[column - 2], role)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT_ALIGNED
        if role == Qt.ItemDataRole.DisplayRole:
            return format_share(self._cells[SHARE][row])
        return None

    def _name_data(self, row: int, role: int):
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return INDENT * int(self._cells[LEVEL][row]) + str(self._cells[NAME][row])
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"第 {self._table.rows[row].line} 行：{self._cells[NAME][row]}"
        return None

    def _value_data(self, row: int, column: str, role: int):
        return value_data(self._table.rows[row], column, self._cells[column][row], role)


def value_data(source: Row, column: str, value: float, role: int):
    """A figure cell's data for `role`: formatted, and marked when inferred or left unsplit."""
    if role == Qt.ItemDataRole.DisplayRole:
        if column in source.raw and math.isnan(value):
            return AMBIGUOUS_TEXT
        return format_number(value)
    if role == Qt.ItemDataRole.EditRole:
        return None if math.isnan(value) else float(value)
    if role == Qt.ItemDataRole.TextAlignmentRole:
        return RIGHT_ALIGNED
    if role == Qt.ItemDataRole.BackgroundRole:
        if column in source.raw:
            return AMBIGUOUS_BRUSH
        if column in source.inferred:
            return INFERRED_BRUSH
        return None
    if role == Qt.ItemDataRole.ForegroundRole and (column in source.raw or column in source.inferred):
        # The marks are light in both themes: a dark palette's light text would not read on them.
        return MARKED_TEXT_BRUSH
    if role == Qt.ItemDataRole.ToolTipRole:
        if column in source.raw:
            return f"无法确定拆分：{source.raw[column]}"
        if column in source.inferred:
            return f"推断值：{source.inferred[column]}"
    return None
