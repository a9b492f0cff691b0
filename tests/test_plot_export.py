"""The chart saved as PNG and SVG: files that open again and show the bars, their names and the legend, the SVG
the same in another renderer (librsvg) and on a machine without fonts."""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

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
    return rows[:, : image.width()].copy()  # a copy: the converted image, which holds the pixels, goes now


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


def test_svg_carries_its_text_as_outlines_and_its_words_in_the_description(chart, tmp_path):
    """The SVG names no font: every name, figure and legend entry is drawn as a path, and the words are in its
    description for search; it is well-formed XML."""
    path = tmp_path / "chart.svg"
    chart.export_svg(path)
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    assert not list(root.iter(f"{SVG}text"))
    assert not [e for e in root.iter() if e.get("font-family") and e.tag != f"{SVG}g"]
    description = root.find(f"{SVG}desc").text
    for label in chart.labels():
        assert label.strip() in description
    assert "2017" in description and "历年累计" in description


def test_svg_bars_are_in_the_drawings_own_coordinates(chart, tmp_path):
    """No shape is left under a transform that renderers other than Qt's misread; each series' bars are paths in
    its colour whose lengths keep the figures' proportions (364,686 against 34,073)."""
    chart.set_selected(None)
    path = tmp_path / "chart.svg"
    chart.export_svg(path)
    root = ET.parse(path).getroot()
    assert not [e for e in root.iter() if e.get("transform") and e.tag != f"{SVG}image"]
    lengths = []
    for colour in plot_colors(False).bars[:2]:
        bars = [p for g in root.iter(f"{SVG}g") if g.get("fill") == colour for p in g.iter(f"{SVG}path")]
        bars = [bar for bar in bars if _extent(bar.get("d"))[1] - _extent(bar.get("d"))[0] > 0.5]
        lengths.append(max(_extent(bar.get("d"))[1] - _extent(bar.get("d"))[0] for bar in bars))
    assert lengths[1] / lengths[0] == pytest.approx(364686 / 34073, rel=0.01)


def _extent(d: str) -> tuple[float, float]:
    xs = [float(point.lstrip("MLCZ").split(",")[0]) for point in d.split() if "," in point]
    return min(xs), max(xs)


needs_rsvg = pytest.mark.skipif(shutil.which("rsvg-convert") is None, reason="rsvg-convert (librsvg2-bin) is missing")


def rsvg(svg: Path, png: Path, size, fontconfig: Path | None = None) -> QImage:
    """The SVG rendered by librsvg, at `size`, optionally with a font configuration that offers no font."""
    env = dict(os.environ)
    if fontconfig is not None:
        env["FONTCONFIG_FILE"] = str(fontconfig)
    command = ["rsvg-convert", "-w", str(size.width()), "-h", str(size.height()), "-o", str(png), str(svg)]
    subprocess.run(command, check=True, env=env, capture_output=True)
    return QImage(str(png))


def plot_rect(chart: BarChart):
    """Where the bars' area lies in an exported drawing, in its pixels."""
    item = chart.plot_widget().getPlotItem()
    return item.getViewBox().sceneBoundingRect().translated(-item.sceneBoundingRect().topLeft())


@needs_rsvg
def test_svg_in_librsvg_has_the_axis_and_grid_over_the_plots_whole_height(chart, tmp_path):
    """Rendered by librsvg, the names' axis line runs the plot's whole height and the grid lines start at its top
    and end at its bottom, as on screen (Qt's generator alone put them two thirds and a third of the way)."""
    chart.set_selected(None)
    chart.export_svg(tmp_path / "chart.svg")
    image = rsvg(tmp_path / "chart.svg", tmp_path / "chart.png", plot_size(chart))
    grey = (pixels(image) >> 8) & 0xFF  # the green channel: the axis and text are dark, the grid light grey
    rect = plot_rect(chart)
    top, bottom, left = round(rect.top()), round(rect.bottom()), round(rect.left())
    # The line may fall between two columns of pixels, half as dark in each: their darkness is summed.
    axis = (255 - grey[:, left - 3 : left + 2].astype(int)).sum(axis=1) > 120
    rows = np.flatnonzero(axis)
    assert rows.min() <= top + 2 and rows.max() >= bottom - 2
    assert axis[top + 2 : bottom - 2].all()
    # Grid lines: columns inside the plot that are not background just above the last row's bars.
    inside = grey[:, left + 4 : round(rect.right()) - 2]
    below_bars = bottom - 3
    grid = np.flatnonzero(inside[below_bars] < 250)
    assert len(grid) >= 2
    for column in grid:
        marked = np.flatnonzero(inside[top:bottom, column] < 250)
        assert marked.min() <= 3 and marked.max() >= bottom - top - 4


@needs_rsvg
def test_svg_looks_the_same_on_a_machine_without_fonts(chart, tmp_path):
    """librsvg with no font at all draws the same picture, names and figures included: the text is outlines."""
    chart.export_svg(tmp_path / "chart.svg")
    config = tmp_path / "fonts.conf"
    config.write_text(
        f'<?xml version="1.0"?><fontconfig><dir>{tmp_path / "none"}</dir><cachedir>{tmp_path}</cachedir></fontconfig>'
    )
    with_fonts = rsvg(tmp_path / "chart.svg", tmp_path / "a.png", plot_size(chart))
    without = rsvg(tmp_path / "chart.svg", tmp_path / "b.png", plot_size(chart), config)
    assert np.array_equal(pixels(with_fonts), pixels(without))
    names = (pixels(without)[:, : round(plot_rect(chart).left()) - 8] >> 8) & 0xFF
    assert (names < 100).sum() > 1000  # the names are there, dark on the background


def test_unwritable_png_says_so(chart, tmp_path):
    """Saving into a folder that does not exist raises OSError for the window to report."""
    with pytest.raises(OSError):
        chart.export_png(tmp_path / "missing" / "chart.png")
