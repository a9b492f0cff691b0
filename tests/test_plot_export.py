"""The chart saved as PNG and SVG: files that open again and show the bars, their names and the legend."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage

from gui.common.theme import plot_colors
from gui.indicators.plot import EXPORT_SCALE, BarChart
from tests.conftest import shown_panel

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def chart(qtbot, sanming):
    panel = shown_panel(qtbot, sanming.tables, 520)
    yield panel.chart()  # the panel, which owns the chart, lives until the test ends


def plot_size(chart: BarChart):
    return chart.plot_widget().getPlotItem().sceneBoundingRect().size().toSize()


def pixels(image: QImage) -> np.ndarray:
    """The image's pixels as 0xAARRGGBB integers, one row per line."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    rows = np.frombuffer(image.constBits(), np.uint32).reshape(image.height(), image.bytesPerLine() // 4)
    return rows[:, : image.width()]


def colour_count(image: QImage, colour: str) -> int:
    return int((pixels(image) == QColor(colour).rgba()).sum())


def test_png_opens_at_twice_the_chart_size_with_its_bars(chart, tmp_path):
    """The PNG opens again at twice the chart's size on screen, white, with both series' bars in their colours."""
    path = tmp_path / "chart.png"
    chart.export_png(path)
    image = QImage(str(path))
    assert not image.isNull()
    assert image.size() == plot_size(chart) * EXPORT_SCALE
    assert image.pixelColor(image.width() - 2, image.height() // 2).lightness() > 240
    year, cumulative = plot_colors(False).bars[:2]
    assert colour_count(image, year) > 2000
    assert colour_count(image, cumulative) > 5 * colour_count(image, year)  # 历年累计 is the longer bar


def test_png_shows_the_names_left_of_the_bars(chart, tmp_path):
    """The names on the left axis are in the image: its left part has dark text pixels, not only background."""
    path = tmp_path / "chart.png"
    chart.export_png(path)
    image = QImage(str(path))
    strip = pixels(image.copy(0, 0, image.width() // 4, image.height() * 3 // 4))
    green = (strip >> 8) & 0xFF
    assert (green < 100).sum() > 2000


def test_svg_parses_and_holds_the_names_legend_and_bars(chart, tmp_path):
    """The SVG is well-formed XML whose text has every plotted name and both series, with a shape per bar drawn."""
    path = tmp_path / "chart.svg"
    chart.export_svg(path)
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    texts = [element.text.strip() for element in root.iter(f"{SVG}text") if element.text]
    for label in chart.labels():
        assert label.strip() in texts
    assert "2017" in texts and "历年累计" in texts
    assert "100,000" in texts
    # One path per bar in each series' colour, its length the figure itself (the plot's own coordinates).
    for colour, figure in zip(plot_colors(False).bars, (34073, 364686), strict=False):
        bars = [
            path for group in root.iter(f"{SVG}g") if group.get("fill") == colour for path in group.iter(f"{SVG}path")
        ]
        assert len(bars) == len(chart.labels())
        assert max(_right_edge(bar.get("d")) for bar in bars) == figure


def _right_edge(d: str) -> float:
    return max(float(point.lstrip("ML").split(",")[0]) for point in d.split() if "," in point)


def test_unwritable_png_says_so(chart, tmp_path):
    """Saving into a folder that does not exist raises OSError for the window to report."""
    with pytest.raises(OSError):
        chart.export_png(tmp_path / "missing" / "chart.png")
