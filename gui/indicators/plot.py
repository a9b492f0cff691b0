"""A horizontal grouped bar chart of indicator figures, wrapping pyqtgraph's PlotWidget.

One group of bars per category (an indicator), one bar per series (the year, 历年累计 …), names
on the left axis, a legend below the plot, an optional log scale computed here (pyqtgraph's own log
mode does not transform bars), a tooltip on hover and a signal when a group is clicked. Light or dark
colours from `gui.common.theme`; the chart as an image (PNG, the clipboard) or SVG, drawn from its scene.
"""

from __future__ import annotations

import math
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QImage, QPainter
from PySide6.QtWidgets import QScrollArea, QSizePolicy, QToolTip, QVBoxLayout, QWidget

from gui.common.theme import PlotColors, plot_colors
from models.core.numbers import format_number
from models.export.atomic import replacing

NO_PEN = pg.mkPen(None)
EXPORT_SCALE = 2  # exported images have twice the chart's pixels, sharp in a document or on a slide
GROUP_HEIGHT = 0.8  # of the unit height each category gets on the axis
ROW_PIXELS = 24  # the least height a category gets, so names never overlap
MAX_LABEL = 16  # characters of a name shown on the axis; the tooltip has the whole name
MIN_ROWS = 10  # the y range always has room for this many categories
LOG_MARGIN = 0.3  # decades of axis left of 1 in log scale
# The finest tick spacing the figures' formatter tells apart: it keeps two decimals.
FINEST_SPACING = 0.01


class ValueAxis(pg.AxisItem):
    """The figures' axis: thousands separators, or powers of ten when the chart is in log scale."""

    def __init__(self) -> None:
        super().__init__("bottom")
        self.enableAutoSIPrefix(False)
        self._log = False
        self._title = "数量"

    def set_title(self, title: str) -> None:
        """Name what the figures count (数量, 件数, 金额（万元）)."""
        self._title = title
        self.set_log_scale(self._log)

    def set_log_scale(self, on: bool) -> None:
        self._log = on
        if on:
            self.setTickSpacing(levels=[(1.0, 0.0)])
        else:
            self.setTickSpacing()
        self.setLabel(f"{self._title}（对数坐标）" if on else self._title)

    def log_scale(self) -> bool:
        return self._log

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        if self._log:
            return [format_number(round(10**v, 6)) for v in values]
        if spacing >= FINEST_SPACING:
            return [format_number(v) for v in values]
        return super().tickStrings(values, scale, spacing)


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


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
        self._bars: list[pg.BarGraphItem] = []
        self._dark = False
        self._colours = plot_colors(False)
        self._selected_pen = pg.mkPen(self._colours.selected, width=2)

        self._value_axis = ValueAxis()
        self._value_axis.set_log_scale(False)
        self._name_axis = pg.AxisItem("left")
        axes = {"bottom": self._value_axis, "left": self._name_axis}
        self._plot = pg.PlotWidget(background=self._colours.background, axisItems=axes)
        item = self._plot.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.layout.setContentsMargins(8, 6, 12, 6)
        item.showGrid(x=True, alpha=0.15)
        for axis in (self._value_axis, self._name_axis):
            axis.setPen(self._colours.axis)
            axis.setTextPen(self._colours.text)
        view = item.getViewBox()
        view.invertY(True)
        view.setMouseEnabled(x=False, y=False)

        self._band = pg.BarGraphItem(x0=[0], width=[0], y=[0], height=[1.0], brush=self._colours.band, pen=NO_PEN)
        self._band.setZValue(-10)
        self._band.hide()
        item.addItem(self._band)

        # The legend sits in its own row under the bottom axis, so it never covers a bar.
        self._legend = pg.LegendItem(colCount=len(self._colours.bars), labelTextColor=self._colours.text)
        self._legend.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        item.layout.addItem(self._legend, 4, 1)
        item.layout.setAlignment(self._legend, Qt.AlignmentFlag.AlignHCenter)

        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._scroll.setWidget(self._plot)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._scroll)

        scene = self._plot.scene()
        scene.sigMouseMoved.connect(self._on_scene_mouse_moved)
        scene.sigMouseClicked.connect(self._on_scene_mouse_clicked)

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
        item = self._plot.getPlotItem()
        for bars in self._bars:
            item.removeItem(bars)
        self._legend.clear()
        self._bars = []
        count = max(len(self._series), 1)
        height = GROUP_HEIGHT / count
        for k, (name, _values) in enumerate(self._series):
            offsets = [i - GROUP_HEIGHT / 2 + (k + 0.5) * height for i in range(len(self._labels))]
            bars = pg.BarGraphItem(
                x0=[0.0] * len(offsets),
                width=[0.0] * len(offsets),
                y=offsets,
                height=height * 0.92,
                brush=self._colours.bars[k % len(self._colours.bars)],
                pen=NO_PEN,
                name=name,
            )
            item.addItem(bars)
            self._legend.addItem(bars, name)
            self._bars.append(bars)
        self._name_axis.setTicks([[(i, _short(label)) for i, label in enumerate(self._labels)], []])
        self._plot.setMinimumHeight(ROW_PIXELS * len(self._labels) + 110)
        self._update_geometry()

    def set_titles(self, title: str, axis: str = "数量") -> None:
        """Title the chart (what it shows, blank for none) and name what its figures count on the axis."""
        item = self._plot.getPlotItem()
        if title:
            item.setTitle(title, color=self._colours.text, size="11pt")
        else:
            item.setTitle(None)
        self._title = title
        self._value_axis.set_title(axis)

    def title(self) -> str:
        return self._title

    def labels(self) -> list[str]:
        return list(self._labels)

    def bar_items(self) -> list[pg.BarGraphItem]:
        """The bar items, one per series in the order given to `set_data`."""
        return list(self._bars)

    def plot_widget(self) -> pg.PlotWidget:
        return self._plot

    def value_axis(self) -> ValueAxis:
        return self._value_axis

    def name_axis(self) -> pg.AxisItem:
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

    def _log_base(self) -> float:
        # Bars start a little below the smallest figure's decade, so a figure of 1 still draws a bar
        # and figures under 1 (万元) still show.
        positive = [v for _, values in self._series for v in values if v is not None and v > 0]
        lowest = math.floor(math.log10(min(positive))) if positive else 0
        return min(0, lowest) - LOG_MARGIN

    def _update_geometry(self) -> None:
        base = self._log_base() if self._log else 0.0
        longest = base + 1.0
        for bars, (_name, values) in zip(self._bars, self._series, strict=True):
            widths = []
            for value in values:
                if value is None or value <= 0:
                    widths.append(0.0)
                elif self._log:
                    widths.append(math.log10(value) - base)
                else:
                    widths.append(float(value))
            longest = max([longest, *(base + w for w in widths)])
            bars.setOpts(x0=[base] * len(widths), width=widths)
        view = self._plot.getPlotItem().getViewBox()
        view.setXRange(base, longest * 1.04 if not self._log else longest + 0.1, padding=0)
        # A short table keeps bars of a usual thickness, leaving room below instead of fat bars.
        view.setYRange(-0.6, max(len(self._labels), MIN_ROWS) - 0.4, padding=0)
        self._band.setOpts(x0=[base], width=[longest * 2 - base])
        self._show_selection()

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
        for _sample, label in self._legend.items:
            label.setText(label.text)  # a label takes a new colour only when its text is set again
        for k, bars in enumerate(self._bars):
            bars.setOpts(brush=colours.bars[k % len(colours.bars)])
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
        size = self._plot.getPlotItem().sceneBoundingRect().size()
        image = QImage((size * EXPORT_SCALE).toSize(), QImage.Format.Format_ARGB32)
        image.setDevicePixelRatio(EXPORT_SCALE)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self._render(painter)
        painter.end()
        return image

    def export_png(self, path: str | Path) -> None:
        """Save the chart as a PNG image with twice its pixels on screen; OSError if it cannot be written."""
        with replacing(path) as temp:  # a failed write leaves an old image as it was
            if not self.image().save(str(temp), "PNG"):
                raise OSError(f"无法写入图片：{path}")

    def export_svg(self, path: str | Path) -> None:
        """Save the chart as an SVG drawing (bars as shapes, names and figures as text); OSError if it cannot."""
        from PySide6.QtSvg import QSvgGenerator

        size = self._plot.getPlotItem().sceneBoundingRect().size()
        with replacing(path) as temp:  # a failed write leaves an old drawing as it was
            generator = QSvgGenerator()
            generator.setFileName(str(temp))
            generator.setSize(size.toSize())
            generator.setViewBox(QRectF(QPointF(0, 0), size))
            generator.setTitle("、".join(name for name, _ in self._series))
            painter = QPainter()
            if not painter.begin(generator):
                raise OSError(f"无法写入图片：{path}")
            self._render(painter)
            painter.end()
            del painter, generator  # lets go of the file: Windows renames no file that is still open

    def _render(self, painter: QPainter) -> None:
        # The scene drawn as on screen, with the whole plot even where the scroll area hides part of it.
        # Not pyqtgraph's exporters: in 0.14.0 the SVG one fails on the closed paths Qt 6.11 writes
        # (pyqtgraph#3495) and the image one enlarges the axes' text but not the legend's.
        source = self._plot.getPlotItem().sceneBoundingRect()
        target = QRectF(QPointF(0, 0), source.size())
        painter.fillRect(target, QColor(self._colours.background))
        self._plot.scene().render(painter, target, source)

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
        if not self._labels:  # pyqtgraph fails on an empty list of pens
            self._band.hide()
            return
        for bars in self._bars:
            pens = [self._selected_pen if i == self._selected else NO_PEN for i in range(len(self._labels))]
            bars.setOpts(pens=pens)
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

    def _on_scene_mouse_moved(self, scene_pos: QPointF) -> None:
        text = self.tooltip_at(scene_pos)
        if text:
            QToolTip.showText(QCursor.pos(), text, self._plot)
        else:
            QToolTip.hideText()

    def _on_scene_mouse_clicked(self, event) -> None:
        index = self.index_at(event.scenePos())
        if index is not None:
            self.bar_clicked.emit(index)
