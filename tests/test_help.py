"""Help: the bundled guide covers what the reader can do and every real shortcut; About names version and licences."""

from __future__ import annotations

import html
import re
import tomllib

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QKeySequence

from gui.window.help import about_dialog, about_text, guide_html, guide_markdown, show_guide
from tests.conftest import ROOT, show_with_menus

TOPICS = ["打开报告", "目录", "查找", "缩放", "指标面板", "核对面板", "导出", "打印与保存为 PDF", "快捷键"]


@pytest.fixture
def window(qtbot):
    from gui.common.settings import Settings
    from gui.window.main_window import MainWindow

    widget = MainWindow(Settings(), "Noto Sans CJK SC")
    qtbot.addWidget(widget)
    show_with_menus(qtbot, widget)
    return widget


def plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def test_guide_renders_its_topics_as_headings(qapp):
    """The guide, rendered as the help window shows it, has a heading for each thing a reader does."""
    rendered = guide_html()
    headings = [plain(h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", rendered, re.S)]
    assert headings == [
        "打开报告",
        "目录",
        "正文",
        "查找",
        "缩放",
        "指标面板",
        "核对面板",
        "复制与导出",
        "打印与保存为 PDF",
        "外观",
        "快捷键",
    ]
    assert "<table" in rendered  # the shortcut list is a table, not a run of pipes
    assert "|" not in plain(rendered)


def test_guide_lists_every_shortcut_the_window_has(window):
    """Every menu shortcut of the window (one of its keys at least) is in the guide's text."""
    guide = guide_markdown()
    missing = []
    with_keys = [action for action in window.findChildren(QAction) if action.shortcuts()]
    for action in with_keys:
        keys = [key.toString(QKeySequence.SequenceFormat.PortableText) for key in action.shortcuts()]
        if not any(key in guide for key in keys):
            missing.append((action.text(), keys))
    assert missing == [] and len(with_keys) > 25
    for key in ("Alt+L", "Esc"):  # the indicator panel's log scale, the find bar's close
        assert key in guide


def test_guide_window_shows_the_guide_and_links_open_nothing(qtbot, qapp):
    """The guide opens in its own window; an outside link in it neither navigates nor opens a browser."""
    dialog = show_guide()
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    browser = dialog.browser
    assert "Ctrl+F" in browser.toPlainText() and "指标面板" in browser.toPlainText()
    assert browser.openExternalLinks() is False and browser.openLinks() is False
    before = browser.toPlainText()
    browser.anchorClicked.emit(QUrl("https://www.sm.gov.cn/"))
    assert browser.toPlainText() == before
    assert browser.source().isEmpty()


def test_about_names_the_version_from_the_project(qapp):
    """About shows the version pyproject.toml gives the project."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert f"年报阅读器 {project['version']}" in plain(about_text())


def test_about_names_the_licences_and_carries_the_font_licence(qapp):
    """About lists the font's OFL, Qt's LGPL, pandas' BSD and pyqtgraph's MIT, and holds the OFL's full text."""
    text = plain(about_text())
    for name, licence in [
        ("Noto Sans CJK SC", "SIL Open Font License 1.1"),
        ("PySide6", "LGPL"),
        ("pandas", "BSD"),
        ("pyqtgraph", "MIT"),
    ]:
        line = next(line for line in text.splitlines() if name in line)
        assert licence in line, line
    ofl = (ROOT / "resources" / "fonts" / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE" in ofl.upper()
    assert ofl.split("\n")[0] in text


def test_about_says_where_the_bundled_report_comes_from(qapp):
    """About tells the reader the bundled report is the Sanming portal's, published 16 January 2018."""
    text = plain(about_text())
    assert "三明市政府门户网站" in text
    assert "2018年1月16日" in text


def test_about_window_shows_the_same_text(qtbot, qapp):
    """The About window shows the version and the licences in a browser that opens no links."""
    dialog = about_dialog()
    qtbot.addWidget(dialog)
    assert "SIL Open Font License" in dialog.browser.toPlainText()
    assert dialog.browser.openExternalLinks() is False
