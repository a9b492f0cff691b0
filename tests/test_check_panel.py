"""The 核对 panel: findings listed with severity, sentence and line; choosing one emits it."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt

from gui.checks.panel import (
    FINDING_ROLE,
    LINE,
    MESSAGE,
    SEVERITY,
    SEVERITY_COLOUR,
    CheckPanel,
    FindingsModel,
    checks_widget,
    tab_title,
)
from models.checks.finding import Finding
from models.load.protocol import Checks

FINDINGS = [
    Finding("percentage", "error", "已主动公开范围信息56条占154条的36.36%，报告写作42.21%", [56, 154, 42.21], [202]),
    Finding("text-vs-table", "warning", "正文写累计主动公开373127条，表中为364686", [373127, 364686], [188, 234]),
    Finding("numbering", "info", "标题编号缺少括号，已按前后顺序补全", [12, 14], [44, 52], [(100, 102)]),
]


@pytest.fixture
def panel(qtbot):
    widget = CheckPanel(FINDINGS)
    qtbot.addWidget(widget)
    widget.resize(600, 400)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_model_passes_qt_model_tester(qtmodeltester):
    """The findings model behaves as Qt's views expect."""
    model = FindingsModel(FINDINGS)
    qtmodeltester.check(model)


def test_rows_show_severity_message_and_line():
    """Each finding reads as 错误/警告/提示, its sentence, and its first line."""
    model = FindingsModel(FINDINGS)
    assert model.rowCount() == 3
    shown = [[model.data(model.index(row, column)) for column in (SEVERITY, MESSAGE, LINE)] for row in range(3)]
    assert shown[0] == ["错误", FINDINGS[0].message, "202"]
    assert shown[1][0] == "警告" and shown[1][2] == "188 等"
    assert shown[2][0] == "提示"


def test_severity_is_coloured_and_finding_is_reachable():
    """The severity cell is coloured by severity, and every cell leads back to its finding."""
    model = FindingsModel(FINDINGS)
    brush = model.data(model.index(0, SEVERITY), Qt.ItemDataRole.ForegroundRole)
    assert brush.color() == SEVERITY_COLOUR["error"]
    assert model.data(model.index(1, LINE), FINDING_ROLE) is FINDINGS[1]


def test_count_and_summary(panel):
    """The panel counts its findings and sums them up by severity above the list."""
    assert panel.count() == 3
    assert panel.summary_text() == "1 个错误，1 个警告，1 条提示"


def test_empty_report_says_nothing_was_found(qtbot):
    """A report where everything adds up says so instead of showing an empty list."""
    widget = CheckPanel([])
    qtbot.addWidget(widget)
    assert widget.count() == 0
    assert widget.summary_text() == "未发现数字不一致之处。"


def test_click_emits_the_finding(panel, qtbot):
    """Clicking a row emits that row's finding."""
    view = panel.view()
    rect = view.visualRect(view.model().index(1, MESSAGE))
    with qtbot.waitSignal(panel.finding_activated) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [FINDINGS[1]]


def test_keyboard_moves_and_enter_emits(panel, qtbot):
    """With the keyboard alone a reader can go down the list and choose a finding with Enter."""
    view = panel.view()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    with qtbot.waitSignal(panel.finding_activated) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert blocker.args == [FINDINGS[2]]


def test_set_findings_replaces_the_list(panel):
    """Opening another report replaces the findings and the count."""
    panel.set_findings(FINDINGS[:1])
    assert panel.count() == 1
    assert panel.summary_text() == "1 个错误"


def test_long_lists_fit_each_row_to_its_message_as_it_comes_into_view(qtbot):
    """Thousands of findings (a 50 MB report has 3674): rows scrolled to wrap their whole message,
    like the first ones, without fitting every row before the list shows."""
    message = "正文写累计主动公开政府信息373127条，表中“主动公开政府信息数”（历年累计）为364686" * 3
    findings = [Finding("text-vs-table", "warning", f"{n}：{message}", [n], [n + 1]) for n in range(3000)]
    widget = CheckPanel(findings)
    qtbot.addWidget(widget)
    widget.resize(400, 500)
    widget.show()
    qtbot.waitExposed(widget)
    view = widget.view()
    qtbot.waitUntil(lambda: view.rowHeight(0) == view.sizeHintForRow(0))
    first = view.rowHeight(0)
    assert first > 2 * view.fontMetrics().height()  # wrapped over several lines
    assert view.rowHeight(2500) < first  # not fitted while out of sight
    view.scrollTo(view.model().index(2500, MESSAGE))
    top = view.rowAt(0)
    assert top > 2000 and view.rowHeight(top) == first
    widget.resize(800, 500)  # wider: fewer lines each
    qtbot.waitUntil(lambda: view.rowHeight(view.rowAt(0)) < first)


def test_the_narrow_columns_fit_their_widest_cells_however_far_down(qtbot):
    """级别 and 行 are wide enough for every row's cell: the longest line text is the last of 3,000 rows, and
    the only 提示 comes after 2,000 警告 (the widths come from those cells, not from the rows on screen)."""
    findings = [Finding("figures", "warning", f"第 {n} 条", [n], [n + 1]) for n in range(2000)]
    findings += [Finding("figures", "info", f"第 {n} 条", [n], [n + 1]) for n in range(2000, 2999)]
    findings.append(Finding("figures", "error", "最后一条", [1], [1_234_567, 1_234_568]))
    widget = CheckPanel(findings)
    qtbot.addWidget(widget)
    widget.resize(500, 400)
    widget.show()
    qtbot.waitExposed(widget)
    view, model = widget.view(), widget.view().model()
    header = view.horizontalHeader()
    last = model.index(len(findings) - 1, LINE)
    assert model.data(last) == "1234567 等"
    assert header.sectionSize(LINE) >= view.sizeHintForIndex(last).width()
    for row in (0, 2000, len(findings) - 1):  # a 警告, a 提示, the 错误
        assert header.sectionSize(SEVERITY) >= view.sizeHintForIndex(model.index(row, SEVERITY)).width()
    assert header.sectionSize(MESSAGE) > 200  # the sentence still has the rest of the width


def test_the_tab_counts_findings_only_once_the_checks_are_done():
    """核对（3） for three findings, 核对（0） for a report where everything adds up; 核对 alone for checks that
    are still running, failed or were skipped, where a count would read as nothing found."""
    assert tab_title(Checks.done(FINDINGS)) == "核对（3）"
    assert tab_title(Checks.done([])) == "核对（0）"
    for checks in (Checks.pending(), Checks.failed("ValueError: 出错"), Checks.not_run("表中的数字无法读出")):
        assert tab_title(checks) == "核对", checks


def test_checks_that_are_over_show_a_list_or_say_why_there_is_none(qtbot):
    """DONE lists its findings; FAILED and SKIPPED say so in a sentence with their message; PENDING is no end."""
    done = checks_widget(Checks.done(FINDINGS))
    qtbot.addWidget(done)
    assert isinstance(done, CheckPanel) and done.count() == 3
    failed = checks_widget(Checks.failed("ValueError: 出错"))
    qtbot.addWidget(failed)
    assert failed.text() == "核对未能完成：ValueError: 出错"
    skipped = checks_widget(Checks.not_run("表中的数字无法读出"))
    qtbot.addWidget(skipped)
    assert skipped.text() == "未核对：表中的数字无法读出"
    with pytest.raises(ValueError):
        checks_widget(Checks.pending())
