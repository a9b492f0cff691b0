"""The Sanming 2017 report's text as the window draws it: the appendix as a table, every character outside the
tables where the text map says, headings styled and what is left of the page furniture dimmed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QTextCursor

from gui.common.theme import document_colors
from tests.conftest import ROOT
from tests.conftest import SANMING_TITLE as TITLE


@pytest.fixture
def window(sanming_window):
    return sanming_window


def test_appendix_is_drawn_as_a_table_of_its_rows(window, sanming):
    """The appendix's one-cell-a-line figures appear as a 16-row table; a row's line scrolls to its row."""
    table = next(frame for frame in window.view.text.document().rootFrame().childFrames())
    assert (table.rows(), table.columns()) == (16, 4)
    assert table.cellAt(0, 0).firstCursorPosition().block().text() == "指标名称"
    first = sanming.tables[0].rows[0]
    cells = [table.cellAt(1, column).firstCursorPosition().block().text() for column in range(4)]
    assert cells == ["主动公开文件数", "", "34,073", "364,686"]
    right = [bool(table.cellAt(1, column).firstCursorPosition().blockFormat().alignment() & Qt.AlignmentFlag.AlignRight)
             for column in range(4)]  # fmt: skip
    assert right == [False, False, True, True]  # the figures line up on their last digit
    window.view.text.scroll_to_line(first.line + 2)
    assert window.view.text.top_line() == first.line


def test_headings_are_styled_and_leftovers_dimmed(window, sanming):
    """一、概述 is bold and larger than the body text, the page's leftover footer is grey, the title centred
    and a repaired heading coloured."""
    document = window.view.text.document()
    textmap = window.view.text.text_map()
    heading = document.findBlock(textmap.position_of_line(8))
    assert heading.text() == "一、概述"
    cursor = QTextCursor(heading)
    cursor.movePosition(QTextCursor.MoveOperation.Right)
    assert cursor.charFormat().font().bold()
    assert cursor.charFormat().fontPointSize() > window.view.text.point_size()
    leftover = sanming.leftovers[-1]
    cursor.setPosition(textmap.position_of_offset(leftover.start) + 1)
    assert cursor.charFormat().foreground().color() == QColor("#8c8c8c")
    title = document.findBlock(textmap.position_of_line(1))
    assert title.text() == TITLE and title.blockFormat().alignment() & Qt.AlignmentFlag.AlignHCenter
    cursor.setPosition(textmap.position_of_line(22) + 1)  # "4)主动公开…", its number repaired to （4）
    assert cursor.charFormat().foreground().color() == QColor(document_colors(False).repaired)


@pytest.mark.parametrize("name", sorted(path.name for path in (ROOT / "tests" / "reports").glob("*.txt")))
def test_document_holds_the_text_verbatim_outside_tables(qapp, name):
    """Every character outside a table is in the document where the map says; no table hides a heading."""
    from gui.text.document import build_document
    from models import load_report

    report = load_report(ROOT / "tests" / "reports" / name)
    document, textmap = build_document(report, QFont().family(), 12)
    misplaced = []
    for offset, expected in enumerate(report.text):
        position = textmap.position_of_offset(offset)
        if position is None:
            continue
        shown = document.characterAt(position)
        if shown != ("\u2029" if expected == "\n" else expected):
            misplaced.append((offset, expected, shown))
    assert misplaced[:5] == []
    hidden = [s.heading for s in report.walk() if textmap.table_at_offset(s.start) is not None]
    assert hidden == []
    assert len(textmap.tables) == sum(1 for table in report.tables if table.rows)


def test_a_title_on_two_lines_is_styled_whole(qapp):
    """ "平潭综合实验区管委会" over "2023年政府信息公开工作年度报告": both lines centred and large, the body not."""
    from gui.text.document import build_document
    from models import load_report

    report = load_report(ROOT / "tests" / "reports" / "word" / "pingtan-2023-word.txt")
    document, textmap = build_document(report, QFont().family(), 12)
    blocks = [document.findBlock(textmap.position_of_line(line)) for line in (1, 2, 3)]
    assert [block.text() for block in blocks[:2]] == ["平潭综合实验区管委会", "2023年政府信息公开工作年度报告"]
    centred = [bool(block.blockFormat().alignment() & Qt.AlignmentFlag.AlignHCenter) for block in blocks]
    assert centred == [True, True, False]

    def size(block) -> float:
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.Right)
        return cursor.charFormat().fontPointSize() or cursor.charFormat().font().pointSizeF()

    assert size(blocks[0]) == size(blocks[1]) > size(blocks[2])
