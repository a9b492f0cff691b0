"""The national template's tables in the indicator panel: laid out as printed, and plotted.

Figures are read off `tests/reports/pingtan-2021.txt` by hand: `（一）予以公开270020130` is 27/0/0/2/0/1/30,
`（二）部分公开…500000 5` is 5/0/0/0/0/0/5, the （三）不予公开 sub-rows hold 1 (三类内部事务), 6 (行政执法案卷)
and 1 (行政查询事项), （四）无法提供's `本机关不掌握相关政府信息2200003252` is 22/0/0/0/0/3/25 before `2.`,
（五）不予处理 is all 0, （六）其他处理's `3.其他1000001` is 1, `（七）总计630020469` is 63/0/0/2/0/4/69, and
the 第二十条 table gives 行政许可2293, 行政处罚1282, 行政强制42.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox

from gui.indicators.panel import IndicatorPanel
from gui.indicators.span_header import SpanHeader
from gui.indicators.template_model import TemplateTableModel
from models import load_report
from models.tables.layout import COLUMNS, HEADING, header_paths, layout_lines
from models.tables.template_plots import template_plots
from tests.conftest import shown_panel

REPORTS = Path(__file__).resolve().parent / "reports"
RESULTS_2021 = [30, 5, 8, 25, 0, 1, 69]


@pytest.fixture(scope="module")
def report_2021():
    return load_report(REPORTS / "pingtan-2021.txt")


def _table(report, kind):
    return next(t for t in report.tables if t.kind == kind)


@pytest.fixture
def panel(qtbot, report_2021):
    return shown_panel(qtbot, report_2021.tables, 460)


def _show(panel, kind):
    panel.set_current_table(next(i for i, t in enumerate(panel.tables()) if t.kind == kind))
    return panel.table_view()


def test_applications_header_spans_the_five_organisation_columns(panel):
    """法人或其他组织 is one header cell over its five kinds; 自然人 and 总计 fill the two lower levels."""
    view = _show(panel, "applications")
    header = view.horizontalHeader()
    assert isinstance(header, SpanHeader)
    assert header.levels() == 3
    assert [header.path(s)[-1] or header.path(s)[-2] for s in range(1, 8)] == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ]
    assert header.cell_span(2, 1) == (2, 6, 1, 1)  # 法人或其他组织 over 商业企业 … 其他
    assert header.cell_span(4, 1) == (2, 6, 1, 1)
    assert header.cell_span(1, 1) == (1, 1, 1, 2)  # 自然人 down two levels
    assert header.cell_span(7, 1) == (7, 7, 1, 2)  # 总计 likewise
    assert header.cell_span(3, 0) == (1, 7, 0, 0)  # 申请人情况 over all seven
    assert header.cell_span(1, 2) is None  # under 自然人: its own cell continues


def test_review_header_groups_the_two_kinds_of_lawsuit(report_2021):
    """行政诉讼 covers ten columns (未经复议直接起诉, 复议后起诉, five each); 行政复议's leaves line up below."""
    paths = header_paths(_table(report_2021, "review"))
    assert paths[0] == ("行政复议", "", "结果维持")
    assert paths[5] == ("行政诉讼", "未经复议直接起诉", "结果维持")
    assert paths[14] == ("行政诉讼", "复议后起诉", "总计")
    assert sum(path[0] == "行政诉讼" for path in paths) == 10


def test_review_header_in_the_view(panel):
    """In the view, the 行政诉讼 cell spans sections 6-15 and 行政复议 covers two levels."""
    header = _show(panel, "review").horizontalHeader()
    assert header.cell_span(8, 0) == (6, 15, 0, 0)
    assert header.cell_span(1, 0) == (1, 5, 0, 1)
    assert header.cell_span(6, 1) == (6, 10, 1, 1)


def test_application_rows_show_the_printed_figures(panel):
    """The （一）予以公开 line shows 27 0 0 2 0 1 30, as the report prints them run together."""
    view = _show(panel, "applications")
    model = view.model()
    line = next(r for r in range(model.rowCount()) if model.index(r, 0).data().strip() == "（一）予以公开")
    assert [model.index(line, c).data() for c in range(1, 8)] == ["27", "0", "0", "2", "0", "1", "30"]
    assert model.index(line, 0).data().startswith("\u3000")  # indented under 三、本年度办理结果


def test_group_rows_run_across_the_table(panel):
    """三、本年度办理结果 and （三）不予公开 carry no figures: each is one cell across the table's width."""
    view = _show(panel, "applications")
    model = view.model()
    for name in ("三、本年度办理结果", "（三）不予公开"):
        line = next(r for r in range(model.rowCount()) if model.index(r, 0).data().strip() == name)
        assert view.columnSpan(line, 0) == model.columnCount()
    first = next(r for r in range(model.rowCount()) if "本年新收" in model.index(r, 0).data())
    assert view.columnSpan(first, 0) == 1


def test_active_table_shows_each_blocks_own_columns(panel):
    """Under 第二十条第（五）项 the block's column line says 本年处理决定数量 and 行政许可 shows 2,293."""
    view = _show(panel, "active")
    model = view.model()
    texts = [model.index(r, 0).data() for r in range(model.rowCount())]
    block = texts.index("第二十条第（五）项")
    assert view.columnSpan(block, 0) == model.columnCount()
    assert [model.index(block + 1, c).data() for c in range(2)] == ["信息内容", "本年处理决定数量"]
    assert texts[block + 2] == "行政许可"
    assert model.index(block + 2, 1).data() == "2,293"
    assert not view.horizontalHeader().isVisible()


def test_column_lines_are_not_rows_of_the_report(report_2021):
    """A block's column line shows no row and cannot be selected; every other line is a report row."""
    model = TemplateTableModel(_table(report_2021, "active"))
    kinds = [line.kind for line in layout_lines(model.table)]
    for position, kind in enumerate(kinds):
        selectable = bool(model.flags(model.index(position, 0)) & Qt.ItemFlag.ItemIsSelectable)
        assert selectable == (kind != COLUMNS)
        assert (model.row_at(position) is None) == (kind == COLUMNS)
    assert kinds.count(HEADING) == 4  # 第二十条第（一）（五）（六）（八）项


def test_template_model_passes_qtmodeltester(qtmodeltester, report_2021):
    """The template model satisfies Qt's model tester on each of the three tables."""
    for kind in ("active", "applications", "review"):
        qtmodeltester.check(TemplateTableModel(_table(report_2021, kind)))


def test_result_plot_has_one_bar_per_result_with_the_reports_figures(panel):
    """按办理结果: one bar per （一）…（七） in the 总计 column; the groups printed as sub-rows
    (（三）（四）（五）（六）) are their sub-rows' sum."""
    _show(panel, "applications")
    assert panel.plot_titles() == ["按办理结果", "按申请人"]
    panel.set_plot(0)
    chart = panel.chart()
    assert [label.strip() for label in chart.labels()] == [
        "（一）予以公开",
        "（二）部分公开",
        "（三）不予公开",
        "（四）无法提供",
        "（五）不予处理",
        "（六）其他处理",
        "（七）总计",
    ]
    (bars,) = chart.bar_items()
    assert list(bars.opts["width"]) == RESULTS_2021
    assert chart.title() == "按办理结果"


def test_applicant_plot_sets_new_applications_against_settled_ones(panel):
    """按申请人: 自然人 64 new and 63 settled, 社会公益组织 2 and 2, 总计 70 and 69."""
    _show(panel, "applications")
    panel.set_plot(1)
    chart = panel.chart()
    labels = [label.strip("\u3000") for label in chart.labels()]
    assert labels[0] == "自然人" and labels[4] == "社会公益组织" and labels[-1] == "总计"
    received, settled = chart.bar_items()
    assert received.name() == "本年新收" and settled.name() == "本年办结"
    assert [received.opts["width"][i] for i in (0, 4, 7)] == [64, 2, 70]
    assert [settled.opts["width"][i] for i in (0, 4, 7)] == [63, 2, 69]


def test_clicking_a_result_bar_selects_its_row(panel, qtbot):
    """Clicking the （二）部分公开 bar selects that row in the table and tells the window."""
    _show(panel, "applications")
    panel.set_plot(0)
    qtbot.wait(50)
    chart = panel.chart()
    plot = chart.plot_widget()
    point = plot.mapFromScene(chart.scene_pos_of(1))
    with qtbot.waitSignal(panel.row_activated) as blocker:
        qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(point.x(), point.y()))
    assert blocker.args[0].name == "（二）部分公开"
    assert panel.selected_row().name == "（二）部分公开"


def test_article_twenty_plot_shows_the_decisions(panel):
    """The 第二十条 chart for items （五）（六） plots 行政许可 2293, 行政处罚 1282 and 行政强制 42."""
    _show(panel, "active")
    titles = panel.plot_titles()
    panel.set_plot(titles.index("第二十条第（五）（六）项"))
    chart = panel.chart()
    assert chart.labels() == ["行政许可", "行政处罚", "行政强制"]
    (bars,) = chart.bar_items()
    assert bars.name() == "本年处理决定数量"
    assert list(bars.opts["width"]) == [2293, 1282, 42]


def test_money_is_charted_apart_from_counts(report_2021):
    """本年收费金额 (万元) gets its own chart with a money axis, never beside counts of 件."""
    plots = template_plots(_table(report_2021, "active"))
    money = [plot for plot in plots if plot.axis.startswith("金额")]
    assert [plot.title for plot in money] == ["第二十条第（八）项"]
    assert money[0].series[0][1] == [pytest.approx(24252.311082)]


def test_plot_choice_is_hidden_for_the_fujian_appendix(qtbot):
    """The pre-2019 附表 keeps its 仅一级指标 choice and offers no template charts."""
    report = load_report(REPORTS / "pingtan-2015.txt")
    widget = IndicatorPanel(report.tables)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.plot_titles() == []
    assert widget.findChild(QComboBox, "plot").isHidden()
    assert not widget.findChild(QComboBox, "scope").isHidden()
