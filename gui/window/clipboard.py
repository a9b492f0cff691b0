"""Copy a section's text, a table's selected cells or the chart to the clipboard.

Cells go out as tab-separated lines (what spreadsheets paste into cells) and, beside them, as an
HTML table for word processors; figures keep the digits only, so a spreadsheet reads them as numbers.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QMimeData, QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QTableView

from gui.indicators.plot import BarChart
from models import Report, Section
from models.core.numbers import format_number


def section_text(report: Report, section: Section) -> str:
    """The section's text as the report has it, from its heading to where the next section starts."""
    return report.text[section.start : section.end or len(report.text)].strip("\n")


def copy_section_text(report: Report, section: Section) -> str:
    """Put the section's text (its heading, its subsections) on the clipboard; returns what was copied."""
    text = section_text(report, section)
    QGuiApplication.clipboard().setText(text)
    return text


def selected_cells(view: QTableView) -> list[list[str]]:
    """The selected cells as rows of displayed text, filling the gaps of a ragged selection with ''."""
    model = view.model()
    indexes = view.selectionModel().selectedIndexes() if model is not None else []
    if not indexes:
        return []
    rows = sorted({index.row() for index in indexes})
    columns = sorted({index.column() for index in indexes if not view.isColumnHidden(index.column())})
    chosen = {(index.row(), index.column()) for index in indexes}
    return [[_cell(model.index(row, column)) if (row, column) in chosen else "" for column in columns] for row in rows]


def copy_table_cells(view: QTableView) -> str:
    """Put the selected cells on the clipboard, tab-separated and a row a line; returns the text copied."""
    cells = selected_cells(view)
    text = "\n".join("\t".join(row) for row in cells)
    data = QMimeData()
    data.setText(text)
    if cells:
        rows = "".join("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>" for row in cells)
        data.setHtml(f"<table>{rows}</table>")
    QGuiApplication.clipboard().setMimeData(data)
    return text


def copy_plot(chart: BarChart) -> None:
    """Put the chart on the clipboard as an image (twice its size on screen, on its background)."""
    QGuiApplication.clipboard().setImage(chart.image())


def _cell(index: QModelIndex) -> str:
    # A figure goes out from its number (a figure cell's EditRole) without the separators the table shows:
    # spreadsheets in some locales read "34,073" as text or as 34.073; the digits alone are a number everywhere.
    value = index.data(Qt.ItemDataRole.EditRole)
    if isinstance(value, float):
        return format_number(value, separators=False)
    text = index.data(Qt.ItemDataRole.DisplayRole)
    return "" if text is None else str(text).strip()
