"""What could not be checked shows in the window: the 核对 tab never reads as a clean count while a check was
skipped, its panel lists the skipped checks with their reason under 未能核对, and the 指标 panel says which
rows a template table lacks."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from gui.checks.panel import CheckPanel, checks_widget, tab_title
from gui.indicators.panel import IndicatorPanel
from models import load_report
from models.checks.finding import Finding, Skipped
from models.load.protocol import Checks
from tests.conftest import open_and_wait, shown_panel
from tests.test_completeness import CUT_ROWS, REPORTS, cut_after_partial_row, cut_report

SKIPPED = [
    Skipped(
        "template-balance", "收到和处理政府信息公开申请情况表缺少（七）总计、四、结转下年度继续办理，无法核对", (10,)
    ),
    Skipped(
        "template-row-total", "政府信息公开行政复议、行政诉讼情况表各格均为空，无法核对各行总计是否等于各列之和", (12,)
    ),
]


def test_the_tab_never_shows_a_clean_count_when_checks_were_skipped():
    """核对（0 · 2 项未能核对） where two checks could not run and nothing was found; the skipped are counted
    next to the findings too."""
    assert tab_title(Checks.done([], SKIPPED)) == "核对（0 · 2 项未能核对）"
    finding = Finding("completeness", "warning", "未见“五、存在的主要问题及改进情况”部分", [], [3])
    assert tab_title(Checks.done([finding], SKIPPED[:1])) == "核对（1 · 1 项未能核对）"


def test_the_panel_lists_the_skipped_checks_under_their_heading(qtbot):
    """Below the findings, 未能核对（2 项） and each reason; the line above the list does not say all agree."""
    panel = checks_widget(Checks.done([], SKIPPED))
    qtbot.addWidget(panel)
    panel.resize(500, 500)
    panel.show()
    qtbot.waitExposed(panel)
    assert isinstance(panel, CheckPanel)
    texts = [panel.skipped_list().item(row).text() for row in range(panel.skipped_list().count())]
    assert texts == [s.reason for s in SKIPPED]
    assert panel.skipped_list().isVisible()
    headings = [label for label in panel.findChildren(QLabel) if label.text() == "未能核对（2 项）"]
    assert len(headings) == 1 and headings[0].isVisible()
    assert panel.summary_text() != "未发现数字不一致之处。" and "2 项未能核对" in panel.summary_text()


def test_clicking_a_skipped_check_emits_it(qtbot):
    """A click, or Enter on the current item, chooses a skipped check, so the window can show its lines."""
    panel = CheckPanel([], SKIPPED)
    qtbot.addWidget(panel)
    panel.resize(500, 500)
    panel.show()
    qtbot.waitExposed(panel)
    skipped = panel.skipped_list()
    rect = skipped.visualItemRect(skipped.item(1))
    with qtbot.waitSignal(panel.skipped_activated) as blocker:
        qtbot.mouseClick(skipped.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [SKIPPED[1]]
    skipped.setFocus()
    skipped.setCurrentRow(0)
    with qtbot.waitSignal(panel.skipped_activated) as blocker:
        qtbot.keyClick(skipped, Qt.Key.Key_Return)
    assert blocker.args == [SKIPPED[0]]


def test_nothing_skipped_shows_no_heading(qtbot):
    """A report whose every check ran shows no 未能核对 list."""
    panel = CheckPanel([])
    qtbot.addWidget(panel)
    panel.show()
    assert not panel.skipped_list().isVisible() and panel.skipped() == []


def test_the_window_shows_what_a_cut_report_could_not_check(qtbot, shown_window, tmp_path):
    """Pingtan 2023 with its application table cut: the tab counts the skipped checks, the panel lists them,
    and choosing one goes to the table's line."""
    path = tmp_path / "平潭2023-表格不全.txt"
    path.write_text(cut_after_partial_row(), encoding="utf-8")
    open_and_wait(qtbot, shown_window, [path])
    view = shown_window.view
    qtbot.waitUntil(lambda: isinstance(view.check_panel, CheckPanel), timeout=20_000)
    title = view.side_tabs.tabText(1)
    assert title == f"核对（{len(view.findings)} · {len(view.checks.skipped)} 项未能核对）" and title != "核对（0）"
    reasons = [s.reason for s in view.check_panel.skipped()]
    assert any("（七）总计、四、结转下年度继续办理" in reason for reason in reasons)
    view.text.scroll_to_line(1)
    view.side_tabs.skipped_activated.emit(view.check_panel.skipped()[0])
    assert view.text.top_line() == 10


def test_a_complete_report_shows_a_plain_count(qtbot, shown_window):
    """The complete Pingtan 2023: a plain 核对（N） (its one finding, 393 in the text against 470 in the
    table), with no 未能核对 list."""
    open_and_wait(qtbot, shown_window, [REPORTS / "pingtan-2023.txt"])
    view = shown_window.view
    qtbot.waitUntil(lambda: isinstance(view.check_panel, CheckPanel), timeout=20_000)
    assert view.side_tabs.tabText(1) == "核对（1）" and view.check_panel.skipped() == []


def applications_shown(qtbot, tables) -> IndicatorPanel:
    panel = shown_panel(qtbot, tables, 700)
    panel.set_current_table([t.kind for t in tables].index("applications"))
    return panel


def test_the_indicator_panel_names_the_rows_a_template_table_lacks(qtbot):
    """The cut application table is marked incomplete, with the template's rows it lacks, above the table."""
    panel = applications_shown(qtbot, cut_report().tables)
    assert panel.incomplete_text() == "表格不完整：缺少" + "、".join(CUT_ROWS)


@pytest.mark.parametrize("name", ["pingtan-2023.txt", "shanghai-office-2019.html"])
def test_complete_template_tables_carry_no_note(qtbot, name):
    """No table of a complete report is marked incomplete."""
    tables = load_report(REPORTS / name).tables
    panel = applications_shown(qtbot, tables)
    for number in range(len(tables)):
        panel.set_current_table(number)
        assert panel.incomplete_text() == "", tables[number].kind
