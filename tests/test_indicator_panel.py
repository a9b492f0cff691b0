"""The indicator panel: its table, its bar chart, and the selection kept in step between them."""

from __future__ import annotations

import math
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QToolTip

from gui.indicators.panel import NO_TABLE_TEXT, IndicatorPanel
from gui.indicators.table_model import ROW_ROLE, IndicatorTableModel
from models.tables.indicators import CUMULATIVE
from tests.conftest import shown_panel
from tests.test_indicators import SANMING_2017, applications_table, sanming_table

YEARS = [year for _, _, year, _ in SANMING_2017]
TOTALS = [total for _, _, _, total in SANMING_2017]


@pytest.fixture
def panel(qtbot):
    return shown_panel(qtbot, [sanming_table()], 700)


def display(model, row: int, column: int) -> str:
    return model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)


def click_bars(qtbot, panel: IndicatorPanel, plotted: int) -> None:
    chart = panel.chart()
    plot = chart.plot_widget()
    point = plot.mapFromScene(chart.scene_pos_of(plotted))
    qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(point.x(), point.y()))


def test_sanming_table_has_fifteen_rows(panel):
    """The Sanming appendix shows as 15 rows with name, unit, 2017, 历年累计 and share columns."""
    model = panel.table_view().model()
    assert model.rowCount() == 15
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["指标名称", "计量单位", "2017", "历年累计", "本年占累计"]


def test_displayed_figures_equal_the_table(panel):
    """Every figure shown is the report's, with thousands separators and right alignment."""
    model = panel.table_view().model()
    assert [display(model, r, 2) for r in range(15)] == [f"{v:,}" for v in YEARS]
    assert [display(model, r, 3) for r in range(15)] == [f"{v:,}" for v in TOTALS]
    assert display(model, 0, 3) == "364,686"
    alignment = model.data(model.index(0, 2), Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & Qt.AlignmentFlag.AlignRight


def test_children_are_indented_under_their_parent(panel):
    """Child rows start with a full-width space; top-level rows do not."""
    model = panel.table_view().model()
    assert display(model, 0, 0) == "主动公开文件数"
    assert display(model, 1, 0) == "\u3000政府网站公开数"


def test_share_column_formats_percent_and_blanks_zero_cumulative(panel):
    """The share reads 9.3% for 34,073 of 364,686 and is blank where 历年累计 is 0."""
    model = panel.table_view().model()
    assert display(model, 0, 4) == "9.3%"
    assert display(model, 12, 4) == "0.0%"
    assert display(model, 2, 4) == ""
    assert display(model, 13, 4) == ""


def test_plotted_bars_carry_the_table_figures(panel):
    """The two bar series hold exactly the year's figures and 历年累计, in table order."""
    year_bars, total_bars = panel.chart().bar_items()
    assert year_bars.name() == "2017"
    assert total_bars.name() == CUMULATIVE
    assert list(year_bars.opts["width"]) == YEARS
    assert list(total_bars.opts["width"]) == TOTALS
    assert list(year_bars.opts["x0"]) == [0.0] * 15


def test_chart_names_each_indicator_on_the_axis(panel):
    """The left axis carries one tick per indicator with its Chinese name."""
    ticks = panel.chart().name_axis()._tickLevels[0]
    assert [position for position, _ in ticks] == list(range(15))
    assert ticks[0][1].strip("\u3000") == "主动公开文件数"
    assert ticks[14][1].strip("\u3000") == "行政诉讼数"


def test_legend_names_both_series(panel):
    """The legend lists the year and 历年累计."""
    names = [label.text for _, label in panel.chart().legend().items]
    assert names == ["2017", CUMULATIVE]


def test_log_switch_changes_the_axis_and_bar_lengths(panel, qtbot):
    """Ticking 对数坐标 labels the axis in powers of ten, in Chinese units, and draws log10 lengths; unticking
    restores."""
    box = panel.findChild(QCheckBox, "log_scale")
    assert box.text() == "对数坐标"
    axis = panel.chart().value_axis()
    with qtbot.waitSignal(panel.log_scale_changed) as blocker:
        box.click()
    assert blocker.args == [True]
    assert panel.log_scale()
    assert axis.tickStrings([0, 1, 3, 5], 1, 1) == ["1", "10", "1千", "10万"]
    assert "对数" in axis.labelText
    bars = panel.chart().bar_items()[1]
    ends = [x0 + width for x0, width in zip(bars.opts["x0"], bars.opts["width"], strict=True)]
    assert ends[0] == pytest.approx(math.log10(364686))
    panel.set_log_scale(False)
    assert not box.isChecked()
    assert axis.tickStrings([0, 100000], 1, 100000) == ["0", "10万"]
    assert list(bars.opts["width"]) == TOTALS


def test_the_axis_writes_its_figures_as_the_table_does(panel):
    """Ticks read like the table's cells (thousands separators, decimals only where a tick has some), in 万 and 亿
    once the steps are that large."""
    axis = panel.chart().value_axis()
    assert axis.tickStrings([0, 5000, 10000], 1, 5000) == ["0", "5,000", "10,000"]
    assert axis.tickStrings([0, 20000, 40000], 1, 20000) == ["0", "2万", "4万"]
    assert axis.tickStrings([0, 25000, 50000], 1, 25000) == ["0", "2.5万", "5万"]
    assert axis.tickStrings([0, 2e8], 1, 2e8) == ["0", "2亿"]
    assert axis.tickStrings([0, 0.5, 1, 1.5], 1, 0.5) == ["0", "0.5", "1", "1.5"]
    assert axis.tickStrings([0.05, 0.1], 1, 0.05) == ["0.05", "0.1"]


def test_zero_draws_no_bar_in_log_scale(panel):
    """A zero figure has no logarithm; in log scale its bar has no length."""
    panel.set_log_scale(True)
    year_bars = panel.chart().bar_items()[0]
    assert year_bars.opts["width"][2] == 0.0  # 政府公报数 0


def test_choosing_a_table_row_outlines_its_bars_and_activates_it(panel, qtbot):
    """Clicking a table row selects its bars and emits row_activated with the models Row."""
    view = panel.table_view()
    rect = view.visualRect(view.model().index(3, 2))
    with qtbot.waitSignal(panel.row_activated) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args[0] is panel.current_table().rows[3]
    assert panel.chart().selected() == 3
    pens = panel.chart().bar_items()[0].opts["pens"]
    assert pens[3].width() > pens[0].width()


def test_clicking_bars_selects_their_table_row(panel, qtbot):
    """Clicking the bars of 对申请的答复总数 selects that row and emits row_activated."""
    with qtbot.waitSignal(panel.row_activated) as blocker:
        click_bars(qtbot, panel, 7)
    row = panel.current_table().rows[7]
    assert blocker.args[0] is row
    assert panel.selected_row() is row
    assert panel.table_view().selectionModel().isRowSelected(7)


def test_clicking_bars_with_top_level_only_maps_to_the_right_row(panel, qtbot):
    """With 仅一级指标 the fourth group of bars is 接受行政申诉、举报数, row 12 of the table."""
    panel.findChild(QComboBox, "scope").setCurrentText("仅一级指标")
    assert len(panel.chart().labels()) == 6
    with qtbot.waitSignal(panel.row_activated) as blocker:
        click_bars(qtbot, panel, 3)
    assert blocker.args[0].name == "接受行政申诉、举报数"
    assert panel.selected_row() is panel.current_table().rows[12]


def test_select_row_selects_without_emitting(panel, qtbot):
    """select_row (the window following the text) selects the row and its bars but emits nothing."""
    row = panel.current_table().rows[9]
    with qtbot.assertNotEmitted(panel.row_activated):
        panel.select_row(row)
    assert panel.selected_row() is row
    assert panel.chart().selected() == 9


def test_hover_tooltip_gives_exact_figures(panel):
    """The tooltip over 主动公开文件数's bars states both figures exactly and the share."""
    chart = panel.chart()
    text = chart.tooltip_at(chart.scene_pos_of(0))
    assert "主动公开文件数" in text
    assert "2017：34,073" in text
    assert "历年累计：364,686" in text
    assert "9.3%" in text


def test_table_model_passes_qtmodeltester(qtmodeltester):
    """The pandas-backed table model satisfies Qt's model checks."""
    qtmodeltester.check(IndicatorTableModel(sanming_table()))


def test_table_model_returns_the_models_row():
    """Every cell gives back the models Row it shows, for the window to jump to its line."""
    table = sanming_table()
    model = IndicatorTableModel(table)
    assert model.data(model.index(5, 3), ROW_ROLE) is table.rows[5]


def test_inferred_and_ambiguous_cells_are_marked():
    """An inferred figure and an unsplit run of digits get a colour and a tooltip saying so."""
    table = sanming_table()
    table.rows[0].inferred["2017"] = "与正文“主动公开政府信息34073条”一致"
    table.rows[1].values["2017"] = None
    table.rows[1].raw["2017"] = "34073311468"
    model = IndicatorTableModel(table)
    inferred, ambiguous, plain = model.index(0, 2), model.index(1, 2), model.index(0, 3)
    assert model.data(inferred, Qt.ItemDataRole.ToolTipRole).startswith("推断值：")
    assert model.data(ambiguous, Qt.ItemDataRole.ToolTipRole) == "无法确定拆分：34073311468"
    assert model.data(ambiguous, Qt.ItemDataRole.DisplayRole) == "不明"
    assert model.data(inferred, Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(ambiguous, Qt.ItemDataRole.BackgroundRole) != model.data(inferred, Qt.ItemDataRole.BackgroundRole)
    assert model.data(plain, Qt.ItemDataRole.BackgroundRole) is None


def test_no_table_says_so(qtbot):
    """A report without a recognisable table shows a plain message instead of an empty view."""
    widget = IndicatorPanel([])
    qtbot.addWidget(widget)
    labels = [label.text() for label in widget.findChildren(QLabel)]
    assert NO_TABLE_TEXT in labels
    assert widget.table_view() is None
    assert widget.current_table() is None


def test_several_tables_can_be_chosen(qtbot):
    """With two tables a combo switches between them; the template table plots its results' 总计."""
    appendix, applications = sanming_table(), applications_table()
    widget = IndicatorPanel([appendix, applications])
    qtbot.addWidget(widget)
    chooser = widget.findChild(QComboBox, "tables")
    assert [chooser.itemText(i) for i in range(chooser.count())] == ["附表", "收到和处理政府信息公开申请情况"]
    widget.set_current_table(1)
    assert widget.current_table() is applications
    (bars,) = widget.chart().bar_items()
    assert bars.name() == "总计"
    assert list(bars.opts["width"]) == [21, 6]  # （一）予以公开 and （二）部分公开


def test_select_row_switches_to_its_table(qtbot):
    """Selecting a row of another table brings that table into view."""
    appendix, applications = sanming_table(), applications_table()
    widget = IndicatorPanel([appendix, applications])
    qtbot.addWidget(widget)
    widget.select_row(applications.rows[4])
    assert widget.current_table() is applications
    assert widget.selected_row() is applications.rows[4]
    assert widget.chart().selected() == 1  # （二）部分公开, the second result


def test_panel_on_the_parsed_sanming_report(qtbot):
    """Given the parsed bundled report, the panel shows its 15 rows and plots the hand-read figures."""
    from models import load_report
    from tests.test_indicators import ROOT

    report = load_report(ROOT / "resources" / "reports" / "sanming-2017.txt")
    widget = IndicatorPanel(report.tables)
    qtbot.addWidget(widget)
    model = widget.table_view().model()
    assert model.rowCount() == 15
    assert [display(model, r, 3) for r in range(15)] == [f"{v:,}" for v in TOTALS]
    year_bars, total_bars = widget.chart().bar_items()
    assert list(year_bars.opts["width"]) == YEARS
    assert list(total_bars.opts["width"]) == TOTALS


def test_unit_column_shows_the_unit():
    """A row's unit (条) appears in the 计量单位 column."""
    table = sanming_table()
    table.rows[0].unit = "条"
    model = IndicatorTableModel(table)
    assert display(model, 0, 1) == "条"
    assert display(model, 1, 1) == ""


def test_hovering_bars_shows_the_tooltip(panel, qtbot):
    """Moving the pointer over 受理政府信息公开申请总数's bars pops up its exact figures."""
    chart = panel.chart()
    plot = chart.plot_widget()
    point = plot.mapFromScene(chart.scene_pos_of(3))
    qtbot.mouseMove(plot.viewport(), QPoint(point.x(), point.y()))
    qtbot.waitUntil(lambda: "1,844" in QToolTip.text())
    assert "受理政府信息公开申请总数" in QToolTip.text()


def test_clicking_the_current_row_again_activates_it_again(panel, qtbot):
    """A second click on the selected row re-emits row_activated once, to bring the text back to it."""
    view = panel.table_view()
    centre = view.visualRect(view.model().index(4, 0)).center()
    activated = []
    panel.row_activated.connect(activated.append)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert len(activated) == 1
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert activated == [panel.current_table().rows[4]] * 2


def test_a_table_without_figures_shows_an_empty_chart(qtbot):
    """A table whose rows hold no figure yet (a heading row only) opens without an error."""
    from models.core.document import Row, Table

    row = Row("三、本年度办理结果", None, None, {"总计": None}, line=1, start=0, end=8)
    panel = IndicatorPanel([Table("申请情况", ["总计"], [row], line=1, start=0, end=8, kind="applications")])
    qtbot.addWidget(panel)
    panel.set_log_scale(True)
    panel.set_log_scale(False)


def test_panel_opens_on_the_table_with_the_most_figures(qtbot):
    """Pingtan 2020's 主动公开 table is mostly glued digits; the panel opens on the applications table."""
    from models import load_report
    from tests.conftest import ROOT

    report = load_report(ROOT / "tests" / "reports" / "pingtan-2020.txt")
    assert report.tables[0].kind == "active"
    panel = IndicatorPanel(report.tables)
    qtbot.addWidget(panel)
    assert panel.current_table().kind == "applications"
