"""The 指标 chart's bars and the figures written at their ends.

One bar item per series, its bars one a category, drawn linearly or as log10 of the figures (pyqtgraph's
own log mode does not transform bars). Each bar carries its figure as the table prints it (34,073) where
it ends; a 0 draws no bar and says 0 at the axis; a blank cell draws no bar either and says 空白, fainter,
so it never reads as nought.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPen

from gui.common.theme import PlotColors
from gui.indicators.chart_fit import GROUP_HEIGHT
from models.core.numbers import format_number

NO_PEN = pg.mkPen(None)
BLANK_TEXT = "空白"
BAR_FILL = 0.92  # of a bar's pitch its bar covers, leaving a hairline between the bars of a group
LOG_MARGIN = 0.3  # decades of axis left of 1 in log scale
VALUE_SCALE = 0.85  # the figures are set this much smaller than the names
VALUE_GAP = 10  # pixels a figure takes besides its text (the text item's margins)
BLANK_ALPHA = 0.55  # how strongly 空白 is drawn against a figure


def figure_text(value: float | None) -> str:
    """What a bar's end says: the figure as the table prints it, or 空白 for a blank cell."""
    return BLANK_TEXT if value is None else format_number(value)


class Bars:
    """The bars of each series and their figures, in the chart's plot item."""

    def __init__(self, plot: pg.PlotItem, font: QFont) -> None:
        self._plot = plot
        self._font = QFont(font)
        if font.pointSizeF() > 0:
            self._font.setPointSizeF(font.pointSizeF() * VALUE_SCALE)
        self._series: list[list[float | None]] = []
        self._bars: list[pg.BarGraphItem] = []
        self._figures: list[list[pg.TextItem]] = []
        self._base = 0.0

    def set(self, series: list[tuple[str, list[float | None]]], colours: PlotColors) -> None:
        """Replace the bars with one item per (name, values) series, its bars top to bottom."""
        for item in [*self._bars, *(figure for figures in self._figures for figure in figures)]:
            self._plot.removeItem(item)
        self._series = [list(values) for _, values in series]
        self._bars, self._figures = [], []
        pitch = GROUP_HEIGHT / max(len(series), 1)
        for k, (name, values) in enumerate(series):
            offsets = [i - GROUP_HEIGHT / 2 + (k + 0.5) * pitch for i in range(len(values))]
            bars = pg.BarGraphItem(
                x0=[0.0] * len(offsets), width=[0.0] * len(offsets), y=offsets, height=pitch * BAR_FILL, pen=NO_PEN
            )
            bars.setOpts(name=name)
            self._plot.addItem(bars)
            self._bars.append(bars)
            figures = []
            for value, offset in zip(values, offsets, strict=True):
                figure = pg.TextItem(figure_text(value), anchor=(0, 0.5))
                figure.setFont(self._font)
                figure.setPos(0, offset)
                self._plot.addItem(figure)
                figures.append(figure)
            self._figures.append(figures)
        self.colour(colours)

    def place(self, log: bool) -> float:
        """Set the bars' lengths, linear or log10, and put each figure at its bar's end; returns where bars start."""
        self._base = self._log_base() if log else 0.0
        for bars, figures, values in zip(self._bars, self._figures, self._series, strict=True):
            widths = [self._length(value, log) for value in values]
            bars.setOpts(x0=[self._base] * len(widths), width=widths)
            for figure, width, offset in zip(figures, widths, bars.opts["y"], strict=True):
                figure.setPos(self._base + width, offset)
        return self._base

    def _length(self, value: float | None, log: bool) -> float:
        if value is None or value <= 0:
            return 0.0
        return math.log10(value) - self._base if log else float(value)

    def _log_base(self) -> float:
        # Bars start a little below the smallest figure's decade, so a figure of 1 still draws a bar
        # and figures under 1 (万元) still show.
        positive = [v for values in self._series for v in values if v is not None and v > 0]
        lowest = math.floor(math.log10(min(positive))) if positive else 0
        return min(0, lowest) - LOG_MARGIN

    def colour(self, colours: PlotColors) -> None:
        for k, bars in enumerate(self._bars):
            bars.setOpts(brush=colours.bars[k % len(colours.bars)])
        blank = QColor(colours.text)
        blank.setAlphaF(BLANK_ALPHA)
        for figure in (figure for figures in self._figures for figure in figures):
            figure.setColor(blank if figure.toPlainText() == BLANK_TEXT else QColor(colours.text))

    def outline(self, selected: int | None, pen: QPen) -> None:
        """Outline the bars of the category at `selected` with `pen`, and no others."""
        for bars, values in zip(self._bars, self._series, strict=True):
            if values:  # pyqtgraph fails on an empty list of pens
                bars.setOpts(pens=[pen if i == selected else NO_PEN for i in range(len(values))])

    def ends(self) -> list[tuple[float, float]]:
        """(where each bar ends, in the plot's units; the pixels its figure needs past it)."""
        metrics = QFontMetricsF(self._font)
        return [
            (self._base + width, metrics.horizontalAdvance(figure.toPlainText()) + VALUE_GAP)
            for bars, figures in zip(self._bars, self._figures, strict=True)
            for width, figure in zip(bars.opts["width"], figures, strict=True)
        ]

    def glyph_height(self) -> float:
        """The height figures stacked one a bar need: their glyphs', not the font's whole line."""
        return QFontMetricsF(self._font).tightBoundingRect("国0").height() + 2

    def whole(self) -> bool:
        """Whether every figure is a whole number (a count), so the axis needs no tick between them."""
        return all(v is None or float(v).is_integer() for values in self._series for v in values)

    def items(self) -> list[pg.BarGraphItem]:
        return list(self._bars)

    def figure_texts(self) -> list[list[str]]:
        return [[figure.toPlainText() for figure in figures] for figures in self._figures]

    def figure_items(self) -> list[list[pg.TextItem]]:
        return [list(figures) for figures in self._figures]
