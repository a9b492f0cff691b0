"""The checks in the text: choosing a finding in 核对 shows its numbers, every finding is marked in place,
and scrolling into the appendix selects the row in 指标."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip

from gui.checks.panel import MESSAGE
from gui.common.theme import document_colors
from tests.conftest import ROOT, SANMING, open_and_wait

PINGTAN = ROOT / "tests" / "reports" / "pingtan-2020.txt"


@pytest.fixture
def window(shown_window):
    return shown_window


def open_with_checks(qtbot, window, path):
    open_and_wait(qtbot, window, [path])
    qtbot.waitUntil(lambda: hasattr(window.view.check_panel, "view"))
    return window.view


def choose(qtbot, view, wanted):
    """Click the finding whose message contains `wanted` in the 核对 list; returns it."""
    panel = view.check_panel
    view.side_tabs.setCurrentWidget(panel)
    table = panel.view()
    model = table.model()
    row = next(r for r in range(model.rowCount()) if wanted in model.finding(r).message)
    table.scrollTo(model.index(row, MESSAGE))
    rect = table.visualRect(model.index(row, MESSAGE))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    return model.finding(row)


def shown(view, start, end) -> str:
    cursor = QTextCursor(view.text.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def test_choosing_a_finding_scrolls_to_its_numbers_and_highlights_them(qtbot, window):
    """The 42.21% finding brings line 202 to the top and highlights 56, 154 and 42.21% in their own colour."""
    view = open_with_checks(qtbot, window, SANMING)
    assert window.view.side_tabs.tabText(1) == f"核对（{view.check_panel.count()}）"
    finding = choose(qtbot, view, "42.21%")
    assert view.text.top_line() == 202
    assert sorted(shown(view, *r) for r in view.text.chosen_ranges()) == ["154", "42.21%", "56"]
    colours = {s.format.background().color().name() for s in view.text.extraSelections()}
    light = document_colors(dark=False)
    assert light.chosen in colours and light.hit not in colours
    assert finding.severity == "error"


def test_a_finding_in_a_one_line_report_scrolls_to_its_place_not_the_top(qtbot, window):
    """Pingtan 2020's body is one line: choosing 2602 条 shows that figure on screen, not the line's start."""
    view = open_with_checks(qtbot, window, PINGTAN)
    finding = choose(qtbot, view, "2602")
    start = min(s for s, _e in finding.spans)
    assert view.text.top_offset() > 0
    position = view.text.text_map().position_of_offset(start)
    cursor = QTextCursor(view.text.document())
    cursor.setPosition(position)
    assert view.text.viewport().rect().contains(view.text.cursorRect(cursor).center())
    assert "2602" in [shown(view, *r) for r in view.text.chosen_ranges()]


def test_every_finding_is_marked_in_the_text_by_severity(qtbot, window):
    """The numbers of each finding outside the appendix carry a wavy underline in their severity's colour."""
    view = open_with_checks(qtbot, window, SANMING)
    textmap = view.text.text_map()
    light = document_colors(dark=False)
    checked = 0
    for finding in view.findings:
        start, end = finding.spans[0]
        position = textmap.position_of_offset(start)
        if position is None:
            continue  # a table row: marked on its cells
        view.text.scroll_to_offset(start)  # what is drawn is what is on screen
        assert shown(view, position, position + end - start) == view.report.text[start:end]
        assert wavy(view).get(position + 1) == light.underline_color(finding.severity), finding.message
        checked += 1
    assert checked >= 8
    view.text.scroll_to_line(1)
    assert textmap.position_of_line(3) + 1 not in wavy(view)


def wavy(view) -> dict[int, str]:
    """Document position -> colour of the wavy line drawn under it."""
    marks = {}
    for selection in view.text.extraSelections():
        if selection.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline:
            for position in range(selection.cursor.selectionStart(), selection.cursor.selectionEnd()):
                marks[position] = selection.format.underlineColor().name()
    return marks


def test_hovering_a_marked_number_shows_the_finding(qtbot, window):
    """A tooltip over 42.21% tells what does not add up there."""
    view = open_with_checks(qtbot, window, SANMING)
    choose(qtbot, view, "42.21%")
    offset = view.report.text.index("42.21%")
    cursor = QTextCursor(view.text.document())
    cursor.setPosition(view.text.text_map().position_of_offset(offset) + 1)
    point = view.text.cursorRect(cursor).center()
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.text.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.text.viewport(), event)
    assert "42.21%" in QToolTip.text()
    assert view.text.findings_at(offset) and view.text.findings_at(0) == []


def test_scrolling_into_the_appendix_selects_the_row_in_the_indicator_panel(qtbot, window, sanming):
    """With the text at the appendix's fourth row, 指标 shows that row selected."""
    view = open_with_checks(qtbot, window, SANMING)
    qtbot.waitUntil(lambda: hasattr(view.indicator_panel, "select_row"))
    row = sanming.tables[0].rows[3]
    view.text.scroll_to_line(row.line)
    assert view.indicator_panel.selected_row().name == row.name
    view.text.scroll_to_line(row.line + 6)
    assert view.indicator_panel.selected_row().name != row.name


def test_only_what_is_on_screen_is_given_to_qt_and_scrolling_brings_the_rest(qtbot, window, sanming):
    """Hits of a common word far below the screen are not handed to Qt until the reader gets there."""
    view = open_with_checks(qtbot, window, SANMING)
    view.text.scroll_to_line(1)
    count = view.text.find_all("信息")
    assert count == sanming.text.count("信息") and count > 100
    light = document_colors(dark=False)
    drawn = [s for s in view.text.extraSelections() if s.format.background().color().name() == light.hit]
    assert 0 < len(drawn) < count
    last = view.text.text_map().position_near_offset(sanming.text.rindex("信息"))
    assert all(s.cursor.selectionStart() < last for s in drawn)
    view.text.scroll_to_offset(sanming.text.rindex("信息"))
    starts = {s.cursor.selectionStart() for s in view.text.extraSelections()}
    assert last in starts


def test_thousands_of_places_are_marked_a_slice_at_a_time(qtbot, window):
    """Six hundred findings with ten places each (more places than are sorted out in one turn, as 50 MB's
    3,700 findings have 69,000) are all marked once the slices are done; a report opened meanwhile is not
    given them."""
    from gui.text.places import MANY_PLACES
    from models.checks.finding import Finding

    view = open_with_checks(qtbot, window, SANMING)
    text = view.report.text
    offset = text.index("34073")
    count = (MANY_PLACES + 1000) // 10
    spans = [(offset, offset + 5)] * 10
    many = [Finding("测试", "info", f"第 {n} 条", [], [1], spans) for n in range(count)]
    last = f"第 {count - 1} 条"  # the last given, the last of the last slice
    view.text.set_findings(many)
    assert last not in view.text.findings_at(offset + 1), "sorted out at once, holding the window"
    qtbot.waitUntil(lambda: last in view.text.findings_at(offset + 1), timeout=5_000)
    view.text.set_findings(many)
    view.text.set_findings([])  # a few, given while the many are still being sorted out, win
    qtbot.wait(200)
    assert view.text.findings_at(offset + 1) == []
