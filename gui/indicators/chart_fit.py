"""How the 指标 chart fits its panel: the names' share of the width, the title, the legend's columns, the
height the categories need and the range that keeps the figures at the bars' ends in view.

Plain arithmetic over sizes and fonts, so the chart's code says what it fits and this says how.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF

GROUP_HEIGHT = 0.8  # of the unit height each category gets on the axis
ROW_PIXELS = 24  # the least height a category gets, so names never overlap
MAX_BAR_PITCH = 20  # pixels from one bar to the next at most: a short chart keeps bars of a usual thickness
NAME_SHARE = 0.4  # of the chart's width the names may take
NAME_CHARACTERS = (4, 16)  # the names' room in characters, at least and at most
TITLE_POINTS = 11.0
LEGEND_POINTS = 9.0  # pyqtgraph's legend text size
LEGEND_SAMPLE = 40  # pixels of a legend entry besides its name: the colour sample and the spacing
MARGINS = 32  # pixels of the plot's margins and the names' tick


def name_room(width: float, font: QFont) -> float:
    """The pixels the names may take in a chart `width` wide."""
    em = QFontMetricsF(font).horizontalAdvance("国")
    least, most = NAME_CHARACTERS
    return min(most * em, max(least * em, width * NAME_SHARE))


def fitted_title(title: str, room: float, font: QFont) -> str:
    """The title whole, or cut in the middle to `room` pixels at the title's size."""
    sized = QFont(font)
    sized.setPointSizeF(TITLE_POINTS)
    return QFontMetricsF(sized).elidedText(title, Qt.TextElideMode.ElideMiddle, max(room - MARGINS, 40))


def legend_columns(names: list[str], width: float, font: QFont) -> int:
    """As many legend entries a row as `width` holds, at least one."""
    if not names:
        return 1
    sized = QFont(font)
    sized.setPointSizeF(LEGEND_POINTS)
    metrics = QFontMetricsF(sized)
    widest = max(metrics.horizontalAdvance(name) for name in names) + LEGEND_SAMPLE
    return max(1, min(len(names), int((width - MARGINS) // widest)))


def row_heights(series: int, glyph: float) -> tuple[float, float]:
    """The least and most pixels a category takes with `series` bars whose figures are `glyph` high."""
    least = max(ROW_PIXELS, max(series, 1) * glyph / GROUP_HEIGHT)
    return least, max(least, max(series, 1) * MAX_BAR_PITCH / GROUP_HEIGHT)


def right_edge(base: float, longest: float, ends: list[tuple[float, float]], pixels: float) -> float:
    """The range's right end that keeps every bar and the figure past its end in view.

    `ends` holds each bar's end in the plot's units and the pixels its figure needs; `pixels` is the plot's
    width. A plot too narrow for a figure keeps at least a third of its width for the bars.
    """
    right = longest
    for end, needed in ends:
        share = max(pixels - needed, pixels * 0.35) / pixels if pixels > 0 else 0.8
        right = max(right, base + (end - base) / share)
    return right
