"""The 指标 panel's table view: cells chosen as in a spreadsheet, and copied with their headers.

Shift with the arrow keys (or a click) extends the selection, Ctrl+A takes the whole table, and Ctrl+C
puts the chosen block on the clipboard as tab-separated lines a spreadsheet pastes into its cells, and
as an HTML table for word processors: a first line of column names (each column's name in the table,
the path of its merged header cells, 法人或其他组织/商业企业), then each row under its name (with its
parent's, 第二十条第（一）项/规章). A 主动公开 table's block that names other columns gets a line of
its own column names. Figures go out as digits alone (34073), which every spreadsheet reads as a number.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QItemSelectionModel, QMimeData, QModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from gui.indicators.table_model import COLUMN_ROLE, ROW_ROLE
from models.core.numbers import format_number

# Keys the view answers itself, before the window's menu commands of the same keys (which act on the text).
OWN_KEYS = (QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.SelectAll)


class IndicatorTableView(QTableView):
    """A table view whose cells are selected and copied as in a spreadsheet (see the module)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)

    def event(self, event: QEvent) -> bool:
        own = isinstance(event, QKeyEvent) and any(event.matches(key) for key in OWN_KEYS)
        if event.type() == QEvent.Type.ShortcutOverride and own:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            event.accept()
            return
        super().keyPressEvent(event)  # Qt's own: Shift+arrows extend, Ctrl+A selects all

    def selectRow(self, row: int) -> None:
        """Select the whole of `row` and make it current (Qt's own selects nothing when cells are selected singly)."""
        model, selection = self.model(), self.selectionModel()
        if model is None or selection is None or not 0 <= row < model.rowCount():
            return
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        selection.setCurrentIndex(model.index(row, 0), flags)

    def selection_grid(self) -> list[list[str]]:
        """The selected block as rows of text: column names first, each row under its name; [] for none."""
        return selection_grid(self)

    def copy_selection(self) -> str:
        """Put the selected block on the clipboard (tab-separated, and as HTML); returns the text copied."""
        grid = self.selection_grid()
        text = "\n".join("\t".join(cells) for cells in grid)
        data = QMimeData()
        data.setText(text)
        if grid:
            lines = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>" for cells in grid)
            data.setHtml(f"<table>{lines}</table>")
        QGuiApplication.clipboard().setMimeData(data)
        return text


def selection_grid(view: QTableView) -> list[list[str]]:
    """The view's selected cells as a grid with a column of row names and a line of column names (see the module).

    The name column (column 0) is the row names' column; cells left out of a ragged selection are ''.
    """
    model = view.model()
    selection = view.selectionModel()
    if model is None or selection is None:
        return []
    chosen = {(i.row(), i.column()) for i in selection.selectedIndexes() if not view.isColumnHidden(i.column())}
    if not chosen:
        return []
    rows = sorted({row for row, _ in chosen})
    columns = sorted({column for _, column in chosen} - {0})
    corner = _clean(model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole))
    names = [[_clean(model.index(row, column).data(COLUMN_ROLE)) for column in columns] for row in rows]
    first = next((line for line in names if any(line)), None)
    if first is None:
        first = [_clean(model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)) for c in columns]
    grid = [[corner, *first]]
    current = first
    for row, line in zip(rows, names, strict=True):
        if any(line) and line != current:  # a 主动公开 block with columns of its own
            grid.append([corner, *line])
            current = line
        cells = [_cell(model.index(row, column)) if (row, column) in chosen else "" for column in columns]
        grid.append([_row_name(model.index(row, 0)), *cells])
    return grid


def _row_name(index: QModelIndex) -> str:
    row = index.data(ROW_ROLE)
    if row is None:
        return _clean(index.data(Qt.ItemDataRole.DisplayRole))
    return f"{row.parent}/{row.name}" if row.parent else row.name


def _cell(index: QModelIndex) -> str:
    # A figure goes out from its number (a figure cell's EditRole) without the separators the table shows:
    # spreadsheets in some locales read "34,073" as text or as 34.073; the digits alone are a number everywhere.
    value = index.data(Qt.ItemDataRole.EditRole)
    if isinstance(value, float):
        return format_number(value, separators=False)
    return _clean(index.data(Qt.ItemDataRole.DisplayRole))


def _clean(value: object) -> str:
    """Text that keeps its cell: no tab or line break, no indent."""
    if value is None:
        return ""
    return " ".join(str(value).replace("\u3000", " ").split())
