"""Runs with nowhere to break a line, and lines of millions of characters: the document shows them with breaks
of its own (a zero-width space, a paragraph break), and everything the reader gets back is the report's text."""

from __future__ import annotations

import itertools
import time

import pytest
from PySide6.QtGui import QGuiApplication, QTextCursor

from models.structure.textmap import LONG_LINE_CHARS, UNBROKEN_CHARS, long_line_cuts, unbroken_cuts
from tests.conftest import open_and_wait

COMMAS = "、" * 100_000
REPORT = f"一、概述\n{COMMAS}\n二、其他\n本年度共收到申请12件。\n"


def test_a_run_with_no_break_opportunity_is_cut_every_so_often():
    """Commas, digits and Latin letters run together get a cut every UNBROKEN_CHARS characters; Han text, spaced
    words and short runs get none."""
    assert unbroken_cuts("、" * 1000) == list(range(UNBROKEN_CHARS, 1000, UNBROKEN_CHARS))
    assert unbroken_cuts("中" * 1000) == []
    assert unbroken_cuts(" ".join(["word"] * 300)) == []
    digits = "1" * (UNBROKEN_CHARS * 3)
    assert unbroken_cuts("中文" + digits) == [2 + UNBROKEN_CHARS, 2 + 2 * UNBROKEN_CHARS]


def test_a_very_long_line_is_cut_after_a_sentence_near_the_mark():
    """A line of more than LONG_LINE_CHARS characters is cut into paragraphs, just after a full stop when one is
    near; without one, at the mark."""
    sentence = "本机关主动公开政府信息。"
    line = sentence * (5 * LONG_LINE_CHARS // (2 * len(sentence)))
    cuts = long_line_cuts(line)
    assert len(cuts) == 2 and all(line[cut - 1] == "。" for cut in cuts)
    pieces = [b - a for a, b in itertools.pairwise([0, *cuts, len(line)])]
    assert all(LONG_LINE_CHARS - len(sentence) < piece <= LONG_LINE_CHARS for piece in pieces[:-1])
    assert pieces[-1] <= LONG_LINE_CHARS
    assert long_line_cuts("、" * (LONG_LINE_CHARS + 1)) == [LONG_LINE_CHARS]
    assert long_line_cuts("、" * LONG_LINE_CHARS) == []


def test_the_document_shows_the_text_with_its_breaks_and_the_map_knows_them(qapp):
    """Every character of the text is where the map says, the inserted ones are zero-width spaces and
    paragraph breaks the map lists, and a document range read without them is the text."""
    from PySide6.QtGui import QFont

    from gui.text.document import build_document
    from models import parse_report

    text = f"一、概述\n{'、' * 5_000}\n{'本年度主动公开信息。' * 5_000}\n"
    report = parse_report(text.encode(), "runs.txt")
    document, textmap = build_document(report, QFont().family(), 12)
    for offset, expected in enumerate(report.text):
        shown = document.characterAt(textmap.position_of_offset(offset))
        assert shown == ("\u2029" if expected == "\n" else expected), offset
    inserted = {document.characterAt(position) for position in textmap.inserted}
    assert inserted == {"\u200b", "\u2029"}
    assert len(textmap.inserted) == 5_000 // UNBROKEN_CHARS + len(long_line_cuts("本年度主动公开信息。" * 5_000))
    plain = document.toPlainText()  # an index into it is a document position: the text has no table
    whole = "".join(plain[start:end] for start, end in textmap.without_inserted(0, document.characterCount() - 1))
    assert whole == report.text


@pytest.fixture
def commas_window(qtbot, shown_window, tmp_path):
    path = tmp_path / "顿号.txt"
    path.write_text(REPORT, "utf-8")
    started = time.perf_counter()
    open_and_wait(qtbot, shown_window, [path])
    qtbot.waitUntil(lambda: shown_window.view is not None and not shown_window.is_loading(), timeout=30_000)
    qtbot.waitUntil(shown_window.view.text.is_fully_laid_out, timeout=30_000)
    shown_window.view.text.viewport().repaint()
    shown_window.seconds = time.perf_counter() - started
    return shown_window


def test_a_run_of_100000_commas_shows_at_once(commas_window):
    """100,000 "、" with no break opportunity between them (Qt's line breaking held the window 39 s on it) show
    in a few seconds, wrapped to the view's width."""
    view = commas_window.view
    assert commas_window.seconds < 10
    assert view.report.text == REPORT
    layout = view.text.document().documentLayout()
    assert layout.documentSize().width() <= view.text.viewport().width() + 1


def test_find_counts_and_shows_hits_across_the_breaks(commas_window):
    """Find counts in the report's text, and the hit shown covers the real characters, breaks shown inside it."""
    view = commas_window.view
    needle = "、" * (UNBROKEN_CHARS + 10)
    assert view.text.find_all(needle) == REPORT.count(needle)
    view.text.go_to_hit(1)
    assert view.text.selected_text() == needle
    assert view.text.find_all("二、其他") == 1
    view.text.go_to_hit(1)
    assert view.text.selected_text() == "二、其他"


def test_copy_gives_the_reports_text(qtbot, commas_window):
    """Copying a selection across the inserted breaks gives the report's characters only, line breaks as "\\n"."""
    view = commas_window.view
    textmap = view.text.text_map()
    start = textmap.position_of_offset(REPORT.index("、、"))
    end = textmap.position_of_offset(REPORT.index("二、其他") + 4)
    cursor = QTextCursor(view.text.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    view.text.setTextCursor(cursor)
    QGuiApplication.clipboard().clear()
    view.copy()
    assert QGuiApplication.clipboard().text() == COMMAS + "\n二、其他"
    assert "\u200b" not in QGuiApplication.clipboard().text()


def test_a_selection_in_the_run_maps_to_its_section(commas_window):
    """A place inside the run maps back to its offset in the text, and so to the section that holds it."""
    view = commas_window.view
    textmap = view.text.text_map()
    offset = REPORT.index("、、") + 50_000
    position = textmap.position_of_offset(offset)
    assert textmap.offset_of_position(position) == offset
    view.text.scroll_to_offset(offset)
    assert view.current_section().title == "概述"
    assert abs(view.text.top_offset() - offset) < 200
