"""The indicator panel: a report's statistics tables as a table view and a bar chart, kept in step.

Choosing a row in the table outlines its bars, clicking bars selects their row, and both tell the
window which `models.core.document.Row` the reader chose so it can show that row in the text. The national
template's tables are laid out as the template prints them (merged header cells, group rows across the
table, the 第二十条 blocks with their own columns) and offer a choice of charts
(`models.tables.template_plots`); other tables plot their rows, the year against 历年累计. A template table
that lacks rows the template requires says so above it, naming them (`models.tables.template_required`).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.common.theme import MARKS
from gui.indicators.bars import BLANK_TEXT
from gui.indicators.elided_combo import ElidedComboBox
from gui.indicators.plot import BarChart
from gui.indicators.span_header import SpanHeader
from gui.indicators.table_model import INDENT, IndicatorTableModel
from gui.indicators.table_view import IndicatorTableView
from gui.indicators.template_model import TemplateTableModel
from models.core.document import Row, Table
from models.core.numbers import format_number, format_share
from models.tables.indicators import LEVEL, NAME, SHARE, UNIT, plot_columns, plot_rows
from models.tables.layout import is_template
from models.tables.template_plots import Plot, template_plots
from models.tables.template_required import missing_rows

NO_TABLE_TEXT = "本报告没有可识别的统计表"
TOP_LEVEL_ONLY = "仅一级指标"
ALL_ROWS = "全部指标"
LOG_SCALE = "对数坐标"
INCOMPLETE_TEXT = "表格不完整：缺少{}"
NAME_CHARACTERS = 12  # a template table's name column holds this many characters a line; longer names wrap
# Names for tables the report leaves untitled, by `Table.kind`.
KIND_TITLES = {
    "appendix": "附表",
    "active": "主动公开政府信息情况",
    "applications": "收到和处理政府信息公开申请情况",
    "review": "政府信息公开行政复议、行政诉讼情况",
}


def table_title(table: Table, number: int) -> str:
    """What the panel calls a table: its own title, else its kind's name, else 表 N."""
    return table.title or KIND_TITLES.get(table.kind) or f"表 {number}"


class IndicatorPanel(QWidget):
    """The statistics tables of one report, each as a table view above a bar chart.

    Signals:
        row_activated(object): the reader chose a table row or its bars; carries the models Row.
        log_scale_changed(bool): the chart's log scale was switched on or off.
    """

    row_activated = Signal(object)
    log_scale_changed = Signal(bool)

    def __init__(self, tables: list[Table], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tables = list(tables)
        self._model: IndicatorTableModel | TemplateTableModel | None = None
        self._plot_rows: list[int | None] = []  # the table row behind each plotted category
        self._plots: list[Plot] = []
        self._syncing = False
        self._activated: int | None = None  # the row the last current-row change already announced
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        if not self._tables:
            self._empty = QLabel(NO_TABLE_TEXT, self)
            self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._empty.setWordWrap(True)
            layout.addWidget(self._empty)
            self._log_box: QCheckBox | None = None
            return

        self._table_box = ElidedComboBox("选择统计表", self)
        self._table_box.addItems([table_title(t, i + 1) for i, t in enumerate(self._tables)])
        self._table_box.setObjectName("tables")
        self._table_label = QLabel(self._table_box.itemText(0), self)
        self._table_label.setWordWrap(True)
        several = len(self._tables) > 1
        self._table_box.setVisible(several)
        self._table_label.setVisible(not several)
        layout.addWidget(self._table_box)
        layout.addWidget(self._table_label)
        # The figures that are there read the same either way; what is not there is said, not left blank.
        self._incomplete = QLabel(self)
        self._incomplete.setWordWrap(True)
        self._incomplete.setObjectName("incomplete")
        self._incomplete.setStyleSheet(
            f"QLabel {{ background: {MARKS.ambiguous}; color: {MARKS.text}; padding: 3px 6px; }}"
        )
        self._incomplete.hide()
        layout.addWidget(self._incomplete)

        self._view = IndicatorTableView(self)
        self._view.setAlternatingRowColors(True)
        self._view.setWordWrap(False)
        self._view.verticalHeader().hide()
        self._view.setHorizontalHeader(SpanHeader(self._view))
        self._view.clicked.connect(self._on_view_clicked)

        self._scope_box = QComboBox(self)
        self._scope_box.addItems([ALL_ROWS, TOP_LEVEL_ONLY])
        self._scope_box.setObjectName("scope")
        self._scope_box.setToolTip("图中显示的指标")
        self._plot_box = ElidedComboBox("选择图表", self)
        self._plot_box.setObjectName("plot")
        self._log_box = QCheckBox(LOG_SCALE, self)
        self._log_box.setObjectName("log_scale")
        self._log_box.setShortcut(QKeySequence("Alt+L"))
        self._log_box.setToolTip("以对数坐标显示条形长度（Alt+L）；历年累计常是本年数的十倍以上")
        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addWidget(self._scope_box)
        controls.addWidget(self._plot_box)
        controls.addWidget(self._log_box)
        controls.addStretch(1)

        self._chart = BarChart(self)
        chart_pane = QWidget(self)
        chart_layout = QVBoxLayout(chart_pane)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.addLayout(controls)
        chart_layout.addWidget(self._chart)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self._view)
        splitter.addWidget(chart_pane)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        # The chart's share first: its names, bars, axis and legend in view on a 1000-pixel screen; a
        # template table's three header lines still leave room for several rows.
        splitter.setSizes([400, 600])
        layout.addWidget(splitter, 1)

        # Open on the table with the most figures: a template's 主动公开 table whose digits ran together
        # may hold almost none, and an empty chart tells the reader nothing.
        first = max(range(len(self._tables)), key=lambda n: (_figure_count(self._tables[n]), -n))
        self._table_box.setCurrentIndex(first)
        self._table_label.setText(self._table_box.itemText(first))
        self._table_box.currentIndexChanged.connect(self._on_table_box_changed)
        self._scope_box.currentIndexChanged.connect(self._on_scope_box_changed)
        self._plot_box.currentIndexChanged.connect(self._on_plot_box_changed)
        self._log_box.toggled.connect(self._on_log_box_toggled)
        self._chart.bar_clicked.connect(self._on_chart_bar_clicked)
        self._show_table(first)

    # Public API

    def tables(self) -> list[Table]:
        return list(self._tables)

    def current_table(self) -> Table | None:
        return self._model.table if self._model is not None else None

    def set_current_table(self, index: int) -> None:
        """Show the table at `index` of the list the panel was given."""
        if self._tables:
            self._table_box.setCurrentIndex(index)

    def incomplete_text(self) -> str:
        """The note above the current table naming the rows the template requires that it lacks; "" for none."""
        return self._incomplete.text() if self._tables and not self._incomplete.isHidden() else ""

    def table_view(self) -> QTableView | None:
        return self._view if self._tables else None

    def chart(self) -> BarChart | None:
        return self._chart if self._tables else None

    def select_row(self, row: Row) -> None:
        """Select `row` in the table and outline its bars, switching tables if needed; emits nothing."""
        for number, table in enumerate(self._tables):
            if any(candidate is row for candidate in table.rows):
                self._syncing = True
                try:
                    self.set_current_table(number)
                    assert self._model is not None
                    self._select_model_row(self._model.row_for(row))
                finally:
                    self._syncing = False
                return

    def selected_row(self) -> Row | None:
        """The models Row selected in the table, if any."""
        if self._model is None:
            return None
        current = self._view.selectionModel().currentIndex()
        return self._model.row_at(current.row()) if current.isValid() else None

    def set_log_scale(self, on: bool) -> None:
        """Switch the chart's log scale; emits log_scale_changed when the setting changes."""
        if self._log_box is not None:
            self._log_box.setChecked(on)

    def log_scale(self) -> bool:
        return self._log_box is not None and self._log_box.isChecked()

    def plot_titles(self) -> list[str]:
        """The charts offered for the current table (a template table's), by title; [] for others."""
        return [plot.title for plot in self._plots]

    def set_plot(self, index: int) -> None:
        """Show the current template table's chart at `index` of `plot_titles()`."""
        if self._tables and 0 <= index < len(self._plots):
            self._plot_box.setCurrentIndex(index)

    # Building

    def _show_table(self, number: int) -> None:
        table = self._tables[number]
        old_model, old_selection = self._model, self._view.selectionModel()
        template = is_template(table)
        self._model = TemplateTableModel(table, self) if template else IndicatorTableModel(table, self)
        self._view.clearSpans()
        self._view.setModel(self._model)
        # setModel leaves the previous model and its selection model to their owner.
        for old in (old_model, old_selection):
            if old is not None:
                old.deleteLater()
        self._table_label.setText(table_title(table, number + 1))
        missing = missing_rows(table)
        self._incomplete.setText(INCOMPLETE_TEXT.format("、".join(missing)) if missing else "")
        self._incomplete.setVisible(bool(missing))
        header = self._view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if isinstance(self._model, TemplateTableModel):
            for line, column, lines, columns in self._model.spans():
                self._view.setSpan(line, column, lines, columns)
            # The template's long row names wrap in a name column of a set width, as on paper.
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(0, self.fontMetrics().horizontalAdvance("国" * NAME_CHARACTERS) + 12)
            header.setVisible(table.kind != "active")  # its blocks name their own columns
            if table.kind == "active":  # its blocks' long column names wrap in columns of a set width
                for column in range(1, self._model.columnCount()):
                    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
                    header.resizeSection(column, self.fontMetrics().horizontalAdvance("国" * 6) + 12)
        else:
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            header.setVisible(True)
        self._view.setWordWrap(template)
        self._view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents if template else QHeaderView.ResizeMode.Interactive
        )
        self._view.selectionModel().currentRowChanged.connect(self._on_view_current_row_changed)
        self._plots = template_plots(table) if template else []
        self._plot_box.blockSignals(True)
        self._plot_box.clear()
        self._plot_box.addItems([plot.title for plot in self._plots])
        # Open on the first chart with a bar to see (a block whose digits ran together may have none).
        shown = [i for i, plot in enumerate(self._plots) if any(v for _, values in plot.series for v in values)]
        self._plot_box.setCurrentIndex(shown[0] if shown else 0)
        self._plot_box.blockSignals(False)
        self._plot_box.setVisible(bool(self._plots))
        self._scope_box.setVisible(not self._plots)
        self._update_chart()

    def _update_chart(self) -> None:
        assert self._model is not None
        if self._plots:
            self._show_plot(self._plots[max(self._plot_box.currentIndex(), 0)])
            return
        table, frame = self._model.table, self._model.frame
        columns = plot_columns(table)
        rows = plot_rows(frame, columns, self._scope_box.currentText() == TOP_LEVEL_ONLY)
        self._plot_rows = list(rows)
        # The axis aligns names to the right, so parents are padded on the right to set children in.
        depth = int(frame[LEVEL].max()) if len(frame) else 0
        labels = [str(frame.at[i, NAME]) + INDENT * (depth - int(frame.at[i, LEVEL])) for i in rows]
        series = []
        for column in columns:
            values = [frame.at[i, column] for i in rows]
            series.append((column, [None if v != v else float(v) for v in values]))
        tooltips = [self._tooltip(i) for i in rows]
        self._chart.set_data(labels, series, tooltips)
        self._chart.set_titles("", "数量")
        self._chart.set_log_scale(self.log_scale())
        self._show_selected_bars()

    def _show_plot(self, plot: Plot) -> None:
        self._plot_rows = list(plot.rows)
        tooltips = []
        for i, label in enumerate(plot.labels):
            row = plot.rows[i]
            figures = [f"{name}：{format_number(values[i]) or BLANK_TEXT}" for name, values in plot.series]
            if row is not None and len(set(plot.rows)) > 1:
                text = self._tooltip(row)
                if plot.notes[i]:  # the chart's figures were worked out, not read off the row
                    text += "\n图中 " + "，".join(figures)
            else:
                text = "\n".join([label.strip(INDENT), *figures])
            tooltips.append(text + ("\n" + plot.notes[i].replace("；", "\n") if plot.notes[i] else ""))
        self._chart.set_data(plot.labels, plot.series, tooltips)
        self._chart.set_titles(plot.title, plot.axis)
        self._chart.set_log_scale(self.log_scale())
        self._show_selected_bars()

    def _tooltip(self, position: int) -> str:
        assert self._model is not None
        frame, table = self._model.frame, self._model.table
        unit = frame.at[position, UNIT]
        lines = [str(frame.at[position, NAME]) + (f"（{unit}）" if unit else "")]
        source = table.rows[position]
        for column in table.columns:
            value = format_number(frame.at[position, column])
            if column in source.raw and not value:
                value = f"无法确定拆分：{source.raw[column]}"
            elif column in source.inferred:
                value += f"（推断值：{source.inferred[column]}）"
            lines.append(f"{column}：{value or '—'}")
        if SHARE in frame.columns:
            lines.append(f"本年占累计：{format_share(frame.at[position, SHARE]) or '—'}")
        return "\n".join(lines)

    def _select_model_row(self, position: int | None) -> None:
        if self._model is None or position is None:
            return
        index = self._model.index(position, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self._view.selectionModel().setCurrentIndex(index, flags)
        self._view.scrollTo(index)
        self._show_selected_bars()

    def _show_selected_bars(self) -> None:
        current = self._view.selectionModel().currentIndex() if self._model is not None else QModelIndex()
        row = self._model.row_at(current.row()) if self._model is not None and current.isValid() else None
        rows = self._model.table.rows if self._model is not None else []
        number = next((i for i, candidate in enumerate(rows) if candidate is row), None)
        plotted = [i for i, r in enumerate(self._plot_rows) if r is not None and r == number]
        # A chart whose every category is the one row (the review table's) outlines none of them.
        self._chart.set_selected(plotted[0] if len(plotted) == 1 else None)

    # Handlers

    def _on_table_box_changed(self, number: int) -> None:
        if 0 <= number < len(self._tables):
            self._show_table(number)

    def _on_scope_box_changed(self, _number: int) -> None:
        self._update_chart()

    def _on_plot_box_changed(self, _number: int) -> None:
        self._update_chart()

    def _on_log_box_toggled(self, on: bool) -> None:
        self._chart.set_log_scale(on)
        self.log_scale_changed.emit(on)

    def _on_view_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_selected_bars()
        if current.isValid() and not self._syncing and self._model is not None:
            self._activated = current.row()
            row = self._model.row_at(current.row())
            if row is not None:
                self.row_activated.emit(row)

    def _on_view_clicked(self, index: QModelIndex) -> None:
        # A click on the row that is already current changes nothing, yet the reader wants the text back.
        row = self._model.row_at(index.row()) if index.isValid() and self._model is not None else None
        if row is not None and index.row() != self._activated:
            self.row_activated.emit(row)
        self._activated = None

    def _on_chart_bar_clicked(self, plotted: int) -> None:
        if not (0 <= plotted < len(self._plot_rows)) or self._model is None:
            return
        number = self._plot_rows[plotted]
        if number is None:  # a category that is not one row (an applicant column)
            return
        row = self._model.table.rows[number]
        self._syncing = True
        try:
            self._select_model_row(self._model.row_for(row))
        finally:
            self._syncing = False
        self.row_activated.emit(row)


def _figure_count(table: Table) -> int:
    return sum(value is not None for row in table.rows for value in row.values.values())
