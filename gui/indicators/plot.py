"""A horizontal grouped bar chart of indicator figures, wrapping pyqtgraph's PlotWidget.

One group of bars per category (an indicator), one bar per series (the year, 历年累计 …), names on the
left axis and figures on the bottom one (`gui.indicators.axes`), each bar's figure at its end as the
table prints it (a 0 at the axis; 空白 where the table's cell is blank, which draws no bar), a legend
below the plot that wraps to the chart's width, an optional log scale computed here (pyqtgraph's own log
mode does not transform bars), a tooltip that stays while the pointer is on a group, and a signal when
a group is clicked. The plot is as tall as its categories need (the panel scrolls when it is shorter),
and its range leaves room for the figures past the longest bar, so nothing is cut at any width. Light
or dark colours from `gui.common.theme`; the chart as an image or SVG through `gui.indicators.chart_export`.
"""

from __future__ import annotations

import math
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QScrollArea, QSizePolicy, QToolTip, QVBoxLayout, QWidget

from gui.common.theme import PlotColors, plot_colors
from gui.indicators import chart_export, chart_fit
from gui.indicators.axes import NameAxis, ValueAxis
from gui.indicators.bars import NO_PEN, Bars
from gui.indicators.chart_fit import GROUP_HEIGHT

EXPORT_SCALE = chart_export.EXPORT_SCALE
TOOLTIP_MSECS = 60_000  # a tooltip stays while the pointer is on its bars, up to this long
CHROME_GUESS = 150  # title, axis and legend heights before the chart is first laid out


class BarChart(QWidget):
    """Horizontal grouped bars, top to bottom in the order the categories are given.

    Signals:
        bar_clicked(int): the index of the category whose bars were clicked.
    """

    bar_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels: list[str] = []
        self._title = ""
        self._series: list[tuple[str, list[float | None]]] = []
        self._tooltips: list[str] = []
        self._selected: int | None = None
        self._log = False
        self._base = 0.0  # where the bars start: 0, or below the smallest figure's decade in log scale
        self._dark = False
        self._colours = plot_colors(False)
        self._selected_pen = pg.mkPen(self._colours.selected, width=2)

        self._value_axis = ValueAxis()
        self._value_axis.set_log_scale(False)
        self._name_axis = NameAxis()
        axes = {"bottom": self._value_axis, "left": self._name_axis}
        self._plot = pg.PlotWidget(background=self._colours.background, axisItems=axes)
        self._plot.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._plot.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        item = self._plot.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.layout.setContentsMargins(8, 6, 12, 6)
        item.showGrid(x=True, alpha=0.15)
        # The legend takes the unused top axis's row, under the title: in view even when the plot scrolls.
        item.layout.removeItem(item.getAxis("top"))
        # The title stands across the whole chart, so a long one needs no cutting beside the names.
        item.layout.removeItem(item.titleLabel)
        item.layout.addItem(item.titleLabel, 0, 0, 1, 3)
        for axis in (self._value_axis, self._name_axis):
            axis.setPen(self._colours.axis)
            axis.setTextPen(self._colours.text)
        view = item.getViewBox()
        view.invertY(True)
        view.setMouseEnabled(x=False, y=False)
        self._bars = Bars(item, self.font())

        self._band = pg.BarGraphItem(x0=[0], width=[0], y=[0], height=[1.0], brush=self._colours.band, pen=NO_PEN)
        self._band.setZValue(-10)
        self._band.hide()
        item.addItem(self._band)

        # The legend sits in its own row above the bars, across the chart, so it never covers a bar.
        self._legend = self._new_legend(1)

        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self._scroll.setWidget(self._plot)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._scroll)

        scene = self._plot.scene()
        scene.sigMouseMoved.connect(self._on_scene_mouse_moved)
        scene.sigMouseClicked.connect(self._on_scene_mouse_clicked)
        view.sigResized.connect(self._on_view_resized)
        # The scene would hide any tooltip when Qt asks for one (its items have none): the chart answers instead.
        self._plot.viewport().installEventFilter(self)
        self._plot.installEventFilter(self)

    # Data

    def set_data(
        self,
        labels: list[str],
        series: list[tuple[str, list[float | None]]],
        tooltips: list[str] | None = None,
    ) -> None:
        """Show one group per label, one bar per (name, values) series; None values draw no bar."""
        self._labels = list(labels)
        self._series = [(name, list(values)) for name, values in series]
        self._tooltips = list(tooltips) if tooltips is not None else list(labels)
        self._selected = None
        self._bars.set(self._series, self._colours)
        self._legend = self._new_legend(self._legend_columns())
        self._value_axis.set_finest_spacing(1.0 if self._bars.whole() else 0.01)
        self._fit_names(changed=True)
        self._update_geometry()
        self._fit_height()

    def set_titles(self, title: str, axis: str = "数量") -> None:
        """Title the chart (what it shows, blank for none) and name what its figures count on the axis."""
        item = self._plot.getPlotItem()
        if title:
            item.setTitle(title, color=self._colours.text, size="11pt")
        else:
            item.setTitle(None)
        self._title = title
        self._fit_title()
        self._value_axis.set_title(axis)
        self._fit_height()

    def title(self) -> str:
        return self._title

    def labels(self) -> list[str]:
        return list(self._labels)

    def bar_items(self) -> list[pg.BarGraphItem]:
        """The bar items, one per series in the order given to `set_data`."""
        return self._bars.items()

    def figure_texts(self) -> list[list[str]]:
        """Per series, the text at each bar's end: the figure, 0, or 空白 for a blank cell."""
        return self._bars.figure_texts()

    def figure_items(self) -> list[list[pg.TextItem]]:
        return self._bars.figure_items()

    def plot_widget(self) -> pg.PlotWidget:
        return self._plot

    def value_axis(self) -> ValueAxis:
        return self._value_axis

    def name_axis(self) -> NameAxis:
        return self._name_axis

    def legend(self) -> pg.LegendItem:
        return self._legend

    # Scale

    def set_log_scale(self, on: bool) -> None:
        """Draw bar lengths as log10 of the figures (zero draws no bar), or linearly."""
        if on == self._log:
            return
        self._log = on
        self._value_axis.set_log_scale(on)
        self._update_geometry()

    def log_scale(self) -> bool:
        return self._log

    def _update_geometry(self) -> None:
        self._base = self._bars.place(self._log)
        self._fit_range()
        self._show_selection()

    def _fit_range(self) -> None:
        """Set the figures' range so the longest bar and every figure at a bar's end are in view."""
        view = self._plot.getPlotItem().getViewBox()
        base, ends = self._base, self._bars.ends()
        longest = max([base + (0.1 if self._log else 1.0), *(end for end, _ in ends)])
        right = chart_fit.right_edge(base, longest, ends, view.width())
        view.setXRange(base, right, padding=0)
        view.setYRange(-0.6, max(len(self._labels), 1) - 0.4, padding=0)
        self._band.setOpts(x0=[base], width=[right - base])

    # Size

    def _on_view_resized(self) -> None:
        self._fit_range()
        # Not now: a new height resizes the plot widget from within its own resize, which pyqtgraph then undoes.
        QTimer.singleShot(0, self, self._fit_height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._plot and event.type() == QEvent.Type.Resize:
            self._fit_names()
            self._fit_title()
            # Again once the scene has followed the widget: the bars' area may have changed without a resize of its own.
            QTimer.singleShot(0, self, self._fit_range)
            columns = self._legend_columns()
            if columns != self._legend.columnCount:
                self._legend = self._new_legend(columns)
        elif watched is self._plot.viewport() and event.type() == QEvent.Type.ToolTip:
            self._show_tooltip(event.pos(), event.globalPos())
            return True
        return super().eventFilter(watched, event)

    def _fit_names(self, changed: bool = False) -> None:
        """Give the names their share of the chart's width; `changed` when the names themselves are new."""
        room = chart_fit.name_room(self._plot.width(), self._name_axis.font())
        if changed or room != self._name_axis.room():
            self._name_axis.set_names(self._labels, room)

    def _fit_title(self) -> None:
        if self._title:
            room = self._plot.width()
            shown = chart_fit.fitted_title(self._title, room, self.font())
            self._plot.getPlotItem().titleLabel.setText(shown, color=self._colours.text, size="11pt")

    def _fit_height(self) -> None:
        """Give the plot the height its categories need: bars of a usual thickness, never squeezed or fattened."""
        least, most = chart_fit.row_heights(len(self._series), self._bars.glyph_height())
        item = self._plot.getPlotItem()
        view = item.getViewBox()
        # Measured within the scene, which follows the widget's size a step behind.
        chrome = item.size().height() - view.height() if view.height() > 0 else CHROME_GUESS
        rows = max(len(self._labels), 1) + 0.2
        self._plot.setMinimumHeight(math.ceil(rows * least + chrome))
        self._plot.setMaximumHeight(math.ceil(rows * most + chrome))

    def _legend_columns(self) -> int:
        return chart_fit.legend_columns([name for name, _ in self._series], self._plot.width(), self.font())

    def _new_legend(self, columns: int) -> pg.LegendItem:
        layout = self._plot.getPlotItem().layout
        old = getattr(self, "_legend", None)
        if old is not None:
            layout.removeItem(old)
            old.scene().removeItem(old)
        legend = pg.LegendItem(colCount=columns, labelTextColor=self._colours.text)
        legend.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        for bars, (name, _values) in zip(self._bars.items(), self._series, strict=True):
            legend.addItem(bars, name)
        layout.addItem(legend, 1, 0, 1, 3)
        layout.setAlignment(legend, Qt.AlignmentFlag.AlignHCenter)
        return legend

    # Colours

    def set_dark(self, dark: bool) -> None:
        """Draw on a dark background with light axes and text and lighter bars, or in the light colours."""
        self._dark = dark
        colours = self._colours = plot_colors(dark)
        self._plot.setBackground(colours.background)
        for axis in (self._value_axis, self._name_axis):
            axis.setPen(colours.axis)
            axis.setTextPen(colours.text)
        self._legend.setLabelTextColor(colours.text)
        if self._title:
            self._plot.getPlotItem().setTitle(self._title, color=colours.text, size="11pt")
            self._fit_title()
        for _sample, label in self._legend.items:
            label.setText(label.text)  # a label takes a new colour only when its text is set again
        self._bars.colour(colours)
        self._band.setOpts(brush=colours.band)
        self._selected_pen = pg.mkPen(colours.selected, width=2)
        self._show_selection()

    def dark(self) -> bool:
        return self._dark

    def colours(self) -> PlotColors:
        return self._colours

    # Export

    def image(self) -> QImage:
        """The chart (bars, names, axes, legend) as an image with twice its pixels on screen, on its background."""
        return chart_export.image(self._plot.scene(), self._source(), self._colours.background)

    def export_png(self, path: str | Path) -> None:
        """Save the chart as a PNG image with twice its pixels on screen; OSError if it cannot be written."""
        chart_export.save_png(self.image(), path)

    def export_svg(self, path: str | Path) -> None:
        """Save the chart as an SVG drawing, its text as outlines; OSError if it cannot be written."""
        words = [self._title, *self._labels, *(name for name, _ in self._series)]
        chart_export.save_svg(
            self._plot.scene(),
            self._source(),
            self._colours.background,
            title=self._title or "、".join(name for name, _ in self._series),
            description="\n".join(word.strip() for word in words if word),
            path=path,
        )

    def _source(self):
        # The whole plot, even where the scroll area hides part of it.
        return self._plot.getPlotItem().sceneBoundingRect()

    # Selection

    def set_selected(self, index: int | None) -> None:
        """Outline the bars of the category at `index` (None clears the outline); emits nothing."""
        if index is not None and not (0 <= index < len(self._labels)):
            index = None
        self._selected = index
        self._show_selection()

    def selected(self) -> int | None:
        return self._selected

    def _show_selection(self) -> None:
        self._bars.outline(self._selected, self._selected_pen)
        if self._selected is None:
            self._band.hide()
        else:
            self._band.setOpts(y=[self._selected])
            self._band.show()

    # Pointer

    def index_at(self, scene_pos: QPointF) -> int | None:
        """The category whose band of bars is under `scene_pos` (a scene position), if any."""
        view = self._plot.getPlotItem().getViewBox()
        if not view.sceneBoundingRect().contains(scene_pos):
            return None
        point = view.mapSceneToView(scene_pos)
        index = round(point.y())
        if 0 <= index < len(self._labels) and abs(point.y() - index) <= GROUP_HEIGHT / 2:
            return index
        return None

    def scene_pos_of(self, index: int) -> QPointF:
        """A scene position inside the bars of the category at `index` (for tests and keyboard use)."""
        view = self._plot.getPlotItem().getViewBox()
        (left, right), _ = view.viewRange()
        return view.mapViewToScene(QPointF(left + (right - left) * 0.01, index))

    def tooltip_at(self, scene_pos: QPointF) -> str:
        """The tooltip shown with the pointer at `scene_pos`: the category's exact figures, or ''."""
        index = self.index_at(scene_pos)
        return "" if index is None else self._tooltips[index]

    def _group_rect(self, index: int) -> QRect:
        """The category's band across the plot, in the plot's viewport: its tooltip stays while the pointer is in it."""
        view = self._plot.getPlotItem().getViewBox()
        (left, right), _ = view.viewRange()
        top = self._plot.mapFromScene(view.mapViewToScene(QPointF(left, index - GROUP_HEIGHT / 2)))
        bottom = self._plot.mapFromScene(view.mapViewToScene(QPointF(right, index + GROUP_HEIGHT / 2)))
        return QRect(top, bottom).normalized()

    def _show_tooltip(self, pos: QPoint, global_pos: QPoint) -> None:
        index = self.index_at(self._plot.mapToScene(pos))
        if index is None:
            QToolTip.hideText()
            return
        viewport = self._plot.viewport()
        QToolTip.showText(global_pos, self._tooltips[index], viewport, self._group_rect(index), TOOLTIP_MSECS)

    def _on_scene_mouse_moved(self, scene_pos: QPointF) -> None:
        pos = self._plot.mapFromScene(scene_pos)
        self._show_tooltip(pos, self._plot.viewport().mapToGlobal(pos))

    def _on_scene_mouse_clicked(self, event) -> None:
        index = self.index_at(event.scenePos())
        if index is not None:
            self.bar_clicked.emit(index)
