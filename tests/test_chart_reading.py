"""The 指标 chart read at a glance: tick labels in Chinese units that never touch, each bar's figure at its end, 0
told apart from a blank cell, a tooltip that stays, chart names shown whole, and nothing cut at any width."""

from __future__ import annotations

from itertools import combinations

import pytest
from PySide6.QtCore import QPoint, QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QComboBox, QToolTip

from gui.indicators.bars import BLANK_TEXT
from models.core.document import Row, Table
from tests.conftest import ROOT, shown_panel
from tests.test_indicators import SANMING_2017, sanming_table

SHANGHAI = ROOT / "tests" / "reports" / "shanghai-office-2019.html"
WIDTHS = (300, 800)
YEARS = [year for _, _, year, _ in SANMING_2017]


@pytest.fixture(scope="module")
def shanghai():
    from models import load_report

    return load_report(SHANGHAI)


def table_of(report, kind: str) -> int:
    return next(i for i, table in enumerate(report.tables) if table.kind == kind)


def tick_labels(axis) -> list[tuple[QRectF, str]]:
    """The value axis's labels as pyqtgraph draws them: each one's rectangle in the scene, and its text."""
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        _line, _ticks, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [(axis.mapRectToScene(rect), text) for rect, _flags, text in texts]


def assert_apart_and_inside(labels, chart) -> None:
    plot = chart.plot_widget().getPlotItem().sceneBoundingRect()
    for (a, text_a), (b, text_b) in combinations(labels, 2):
        assert not a.intersects(b), f"{text_a} touches {text_b}"
    for rect, text in labels:
        assert plot.contains(rect), f"{text} is cut"


def settled(qtbot, panel):
    """Wait for the chart's height, which follows a layout pass, to settle."""
    qtbot.wait(100)
    return panel.chart()


@pytest.mark.parametrize("width", WIDTHS)
def test_log_ticks_are_decades_in_chinese_units_that_never_touch(qtbot, width):
    """In log scale the axis reads 1, 10, 100, 1千, 1万, 10万 (every decade when there is room, every other one in a
    narrow panel), never 1,00010,000100,000, and no two labels touch or leave the chart."""
    panel = shown_panel(qtbot, [sanming_table()], width)
    panel.set_log_scale(True)
    chart = settled(qtbot, panel)
    labels = tick_labels(chart.value_axis())
    texts = [text for _, text in labels]
    decades = ["1", "10", "100", "1千", "1万", "10万", "100万"]  # the figures reach 364,686
    if width == 800:
        assert texts[:6] == decades[:6]
    else:
        assert len(texts) >= 3 and texts == [d for d in decades if d in texts]
        step = decades.index(texts[1]) - decades.index(texts[0])
        assert texts == decades[::step][: len(texts)]
    assert_apart_and_inside(labels, chart)


@pytest.mark.parametrize("width", WIDTHS)
def test_linear_ticks_count_in_wan_and_never_touch(qtbot, width):
    """Linearly the axis starts at 0 and counts the 历年累计 up to 364,686 in 万 (10万, 20万 …), its labels apart."""
    panel = shown_panel(qtbot, [sanming_table()], width)
    chart = settled(qtbot, panel)
    labels = tick_labels(chart.value_axis())
    texts = [text for _, text in labels]
    assert texts[0] == "0" and len(texts) >= 3
    assert all(text.endswith("万") for text in texts[1:])
    assert_apart_and_inside(labels, chart)


def test_each_bar_has_its_figure_at_its_end(qtbot):
    """Every bar carries its figure as the table prints it (34,073), placed where the bar ends."""
    panel = shown_panel(qtbot, [sanming_table()], 700)
    chart = settled(qtbot, panel)
    year_texts, total_texts = chart.figure_texts()
    assert year_texts == [f"{v:,}" for v in YEARS]
    assert total_texts[0] == "364,686"
    bars = chart.bar_items()[1]
    figure = chart.figure_items()[1][0]
    assert figure.pos().x() == pytest.approx(bars.opts["x0"][0] + bars.opts["width"][0])
    assert figure.isVisible()


def zero_and_blank_table() -> Table:
    rows = [
        Row("受理数", None, None, {"2019": 12, "历年累计": 40}, line=1, start=0, end=1),
        Row("行政复议数", None, None, {"2019": 0, "历年累计": 3}, line=2, start=1, end=2),
        Row("行政诉讼数", None, None, {"2019": None, "历年累计": 1}, line=3, start=2, end=3),
    ]
    return Table("附表", ["2019", "历年累计"], rows, line=1, start=0, end=3, kind="appendix")


@pytest.mark.parametrize("log", [False, True])
def test_zero_reads_0_and_a_blank_cell_reads_blank(qtbot, log):
    """A 0 draws no bar and says 0 at the axis; a blank cell draws no bar either but says 空白, in a fainter
    colour, so it never reads as nought; in log scale too."""
    panel = shown_panel(qtbot, [zero_and_blank_table()], 600)
    panel.set_log_scale(log)
    chart = settled(qtbot, panel)
    year = chart.bar_items()[0]
    assert list(year.opts["width"])[1:] == [0.0, 0.0]
    assert chart.figure_texts()[0] == ["12", "0", BLANK_TEXT]
    zero, blank = chart.figure_items()[0][1:]
    assert zero.pos().x() == blank.pos().x() == year.opts["x0"][0]  # both at the axis
    assert QColor(zero.color).alpha() == 255 and QColor(blank.color).alpha() < 200


def test_a_blank_template_cell_keeps_its_chart(qtbot, shanghai):
    """Shanghai's 按申请人 chart has blank cells (科研机构): they read 空白, and the other bars are drawn."""
    panel = shown_panel(qtbot, shanghai.tables, 700)
    panel.set_current_table(table_of(shanghai, "applications"))
    panel.set_plot(panel.plot_titles().index("按申请人"))
    chart = settled(qtbot, panel)
    received = chart.figure_texts()[0]
    assert received[0] == "821" and received[3] == BLANK_TEXT
    assert chart.bar_items()[0].opts["width"][0] == 821


def test_results_with_a_blank_total_column_are_charted_by_applicant(qtbot, shanghai):
    """Shanghai leaves 按办理结果's 总计 column blank but for （七）: the chart sets 自然人 against 法人或其他组织
    (a group row as its sub-rows' sum, blank cells counting for nothing), and the tooltip says so."""
    panel = shown_panel(qtbot, shanghai.tables, 700)
    panel.set_current_table(table_of(shanghai, "applications"))
    panel.set_plot(panel.plot_titles().index("按办理结果"))
    chart = settled(qtbot, panel)
    people, organisations = chart.bar_items()
    assert (people.name(), organisations.name()) == ("自然人", "法人或其他组织")
    # Read off the report: （三） 14+5+3+10, （四） 252+44+25, （五） 148+5; （六） is blank throughout.
    assert list(people.opts["width"]) == [258, 3, 32, 321, 153, 0, 767]
    assert list(organisations.opts["width"]) == [14, 0, 3, 16, 5, 0, 38]
    assert chart.figure_texts()[0][5] == BLANK_TEXT
    assert "总计列空白" in chart.tooltip_at(chart.scene_pos_of(2))


def test_tooltip_stays_while_the_pointer_rests_on_the_bars(qtbot):
    """The figures' tooltip is still up two seconds after the pointer came to rest on 受理政府信息公开申请总数,
    and goes when the pointer leaves the bars."""
    panel = shown_panel(qtbot, [sanming_table()], 700)
    chart = settled(qtbot, panel)
    plot = chart.plot_widget()
    point = plot.mapFromScene(chart.scene_pos_of(3))
    qtbot.mouseMove(plot.viewport(), QPoint(1, 1))  # Qt passes on no move to where the pointer already is
    qtbot.mouseMove(plot.viewport(), QPoint(point.x(), point.y()))
    qtbot.waitUntil(lambda: "1,844" in QToolTip.text())
    qtbot.wait(2000)
    assert QToolTip.isVisible()
    assert "受理政府信息公开申请总数" in QToolTip.text()
    qtbot.mouseMove(plot.viewport(), QPoint(2, plot.viewport().height() - 2))
    qtbot.waitUntil(lambda: not QToolTip.isVisible())


@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_is_cut_at_any_width(qtbot, shanghai, width):
    """In every chart of Shanghai's tables each bar's figure lies inside the plot, and the legend and title inside
    the chart, in a narrow panel as in a wide one."""
    panel = shown_panel(qtbot, shanghai.tables, width)
    for number in range(len(shanghai.tables)):
        panel.set_current_table(number)
        for plot in range(len(panel.plot_titles())):
            panel.set_plot(plot)
            chart = settled(qtbot, panel)
            item = chart.plot_widget().getPlotItem()
            view = item.getViewBox().sceneBoundingRect()
            for figure in (f for figures in chart.figure_items() for f in figures):
                rect = figure.sceneBoundingRect()
                assert rect.left() >= view.left() - 1 and rect.right() <= view.right() + 1, figure.toPlainText()
            whole = QRectF(0, 0, chart.plot_widget().viewport().width(), item.sceneBoundingRect().height())
            assert whole.contains(chart.legend().sceneBoundingRect())
            assert whole.contains(item.titleLabel.sceneBoundingRect())


def test_top_level_only_leaves_no_empty_rows(qtbot):
    """仅一级指标 charts 6 of the 15 rows: the plot spans exactly those 6 and becomes shorter, its bars no thicker
    than usual, rather than keeping room for rows that are not there."""
    panel = shown_panel(qtbot, [sanming_table()], 700)
    chart = settled(qtbot, panel)
    all_rows = chart.plot_widget().height()
    panel.findChild(QComboBox, "scope").setCurrentText("仅一级指标")
    chart = settled(qtbot, panel)
    view = chart.plot_widget().getPlotItem().getViewBox()
    _, (top, bottom) = view.viewRange()
    assert len(chart.labels()) == 6
    assert (top, bottom) == pytest.approx((-0.6, 5.6))
    assert chart.plot_widget().height() < all_rows * 0.8
    bar = chart.bar_items()[0].opts["height"] * view.height() / (bottom - top)
    assert 8 <= bar <= 20


@pytest.mark.parametrize("width", WIDTHS)
def test_chart_names_are_shown_whole_or_cut_in_the_middle(qtbot, shanghai, width):
    """The chart chooser shows each 第二十条 chart's whole name when there is room; in a narrow panel the long ones are
    cut in the middle (their beginning and end kept), never to 第二十条第, and the tooltip has the whole name."""
    panel = shown_panel(qtbot, shanghai.tables, width)
    panel.set_current_table(table_of(shanghai, "active"))
    chooser = panel.findChild(QComboBox, "plot")
    for number, title in enumerate(panel.plot_titles()):
        panel.set_plot(number)
        qtbot.wait(20)
        shown = chooser.shown_text()
        assert title in chooser.tooltip_text()
        assert chooser.geometry().right() <= panel.width()
        if width == 800:
            assert shown == title
        else:
            assert shown == title or ("…" in shown and shown[:3] == title[:3] and shown[-2:] == title[-2:])


def test_a_name_too_long_for_the_chooser_is_cut_in_the_middle(qtbot):
    """Squeezed below its name's width, the chooser keeps the name's beginning and end around a … (not
    第二十条第 alone), and asks for the whole name's width when it can have it."""
    from gui.indicators.elided_combo import ElidedComboBox

    title = "第二十条第（九）项：采购总金额"
    chooser = ElidedComboBox("选择图表")
    qtbot.addWidget(chooser)
    chooser.addItems(["按办理结果", title])
    chooser.setCurrentIndex(1)
    chooser.show()
    assert chooser.sizeHint().width() >= chooser.fontMetrics().horizontalAdvance(title)
    chooser.resize(chooser.minimumSizeHint().width() + 40, chooser.height())
    shown = chooser.shown_text()
    assert shown != title and "…" in shown
    assert shown.startswith("第二") and shown.endswith("金额")
    assert chooser.tooltip_text() == f"选择图表：{title}"
