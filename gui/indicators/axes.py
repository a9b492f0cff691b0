"""The bar chart's axes: figures in the words a Chinese reader uses, names cut to the room there is.

The value axis chooses its own ticks from the room its labels need, so that no two labels touch at any
width: in log scale one tick per decade or per few decades (1, 10, 100, 1千, 1万, 10万, 100万, 1000万,
1亿 …), linearly the usual 1-2-5 steps, written as the table writes figures (20,000) or in 万 and 亿 when
the steps are that large (10万, 20万). The name axis takes the width it is given and cuts longer names.
"""

from __future__ import annotations

import math
from itertools import pairwise

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF

from models.core.numbers import format_number

# The finest tick spacing the figures' formatter tells apart: it keeps two decimals.
FINEST_SPACING = 0.01
LABEL_GAP = 1.0  # the least room between two tick labels, in widths of "国"
EDGE = 12  # pixels a tick label at either end may reach past the plot (the plot's right margin)
# Chinese units of large figures, largest first: a figure of at least the unit is written in it.
UNITS = ((10**8, "亿"), (10**4, "万"))
NAME_GAP = 12  # pixels between a name and the bars: the tick and its offset


def decade_text(power: int) -> str:
    """10**power as a reader says it: 1, 10, 100, 1千, 1万, 10万, 1000万, 1亿, 10亿, 1万亿; 0.1, 0.01 below 1."""
    if power < 0:
        return f"{10.0**power:.{-power}f}"
    if power == 3:
        return "1千"
    if power >= 12:
        return decade_text(power - 8) + "亿"  # 1万亿, 10万亿
    for size, unit in UNITS:
        digits = round(math.log10(size))
        if power >= digits:
            return f"{10 ** (power - digits)}{unit}"
    return str(10**power)


def linear_text(value: float, spacing: float) -> str:
    """A linear tick: in 万 or 亿 when the ticks are that far apart (2.5万), else as the table writes it."""
    if value == 0:
        return "0"
    for size, unit in UNITS:
        if spacing >= size:
            return format_number(value / size) + unit
    return format_number(value)


class ValueAxis(pg.AxisItem):
    """The figures' axis, linear or in log scale (the chart gives it log10 of the figures)."""

    def __init__(self) -> None:
        super().__init__("bottom")
        self.enableAutoSIPrefix(False)
        self._log = False
        self._title = "数量"
        self._finest = FINEST_SPACING

    def set_title(self, title: str) -> None:
        """Name what the figures count (数量, 件数, 金额（万元）)."""
        self._title = title
        self.set_log_scale(self._log)

    def set_log_scale(self, on: bool) -> None:
        self._log = on
        self.setLabel(f"{self._title}（对数坐标）" if on else self._title)
        self.picture = None  # pyqtgraph keeps the drawn axis until told
        self.update()

    def log_scale(self) -> bool:
        return self._log

    def boundingRect(self) -> QRectF:
        # A label centred on the first or last tick may reach a little past the plot; pyqtgraph drops
        # any label outside this rectangle, which would drop the "0" at the plot's left edge.
        return super().boundingRect().adjusted(-EDGE, 0, EDGE, 0)

    def set_finest_spacing(self, spacing: float) -> None:
        """The finest step between ticks: 1 for counts (no tick at 0.5 件), 0.01 for money."""
        self._finest = max(spacing, FINEST_SPACING)

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, list[float]]]:
        low, high = sorted((minVal, maxVal))
        if size <= 0 or high <= low:
            return []
        metrics = QFontMetricsF(self.style["tickFont"] or self.font())
        gap = metrics.horizontalAdvance("国") * LABEL_GAP
        pixels = size / (high - low)
        for spacing in self._spacings(low, high):
            ticks = []
            for value in self._values(low, high, spacing):
                width = metrics.horizontalAdvance(self.tickStrings([value], 1.0, spacing)[0])
                position = (value - low) * pixels
                if position - width / 2 >= -EDGE and position + width / 2 <= size + EDGE:
                    ticks.append((value, width))
            needed = max(((a + b) / 2 + gap for (_, a), (_, b) in pairwise(ticks)), default=0)
            if spacing * pixels >= needed:
                return [(spacing, [value for value, _ in ticks])]
        return []

    def _spacings(self, low: float, high: float):
        """Tick spacings from fine to coarse: whole decades in log scale, 1-2-5 steps linearly."""
        if self._log:
            yield from range(1, max(2, math.ceil(high - low) + 1))
            return
        power = math.floor(math.log10(max(high - low, self._finest))) - 2
        while True:
            for step in (1, 2, 5):
                spacing = step * 10.0**power
                if spacing >= self._finest or spacing >= high - low:
                    yield spacing
                    if spacing >= high - low:
                        return
            power += 1

    def _values(self, low: float, high: float, spacing: float) -> list[float]:
        if self._log:
            # Decades that are multiples of the step, so 1, 100, 1万 rather than 10, 1千, 10万.
            first = math.ceil(low - 1e-9)
            first += -first % spacing
            return [float(p) for p in range(int(first), math.floor(high + 1e-9) + 1, int(spacing))]
        first = math.ceil(low / spacing - 1e-9)
        last = math.floor(high / spacing + 1e-9)
        return [round(n * spacing, 10) for n in range(first, last + 1)]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        if self._log:
            return [decade_text(round(v)) for v in values]
        if spacing >= FINEST_SPACING:
            return [linear_text(v, spacing) for v in values]
        return super().tickStrings(values, scale, spacing)


class NameAxis(pg.AxisItem):
    """The categories' names on the left, each cut (…) to the width the chart allows them."""

    def __init__(self) -> None:
        super().__init__("left")
        self._names: list[str] = []
        self._room = 0.0

    def set_names(self, names: list[str], room: float) -> None:
        """Name the categories 0, 1, … top to bottom, each in at most `room` pixels; the axis takes their width."""
        self._names = list(names)
        self._room = room
        metrics = QFontMetricsF(self.style["tickFont"] or self.font())
        # Names are cut at the end, where a child's name differs least from its siblings' in the template.
        shown = [metrics.elidedText(name, Qt.TextElideMode.ElideRight, room) for name in names]
        self.setTicks([list(enumerate(shown)), []])
        widest = max((metrics.horizontalAdvance(text) for text in shown), default=0.0)
        self.setWidth(math.ceil(widest) + NAME_GAP)

    def shown_names(self) -> list[str]:
        """The names as the axis writes them, cut where they did not fit."""
        return [text for _, text in (self._tickLevels or [[]])[0]]

    def room(self) -> float:
        return self._room
