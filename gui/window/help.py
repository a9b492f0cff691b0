"""Help: the user guide bundled with the program, and About (version, licences, where the report comes from).

Both are shown offline; no link opens anything remote, a link inside the guide only scrolls it.
"""

from __future__ import annotations

import tomllib
from html import escape
from importlib import metadata

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from gui.common.resources import APP_NAME, RESOURCES, resource_path

GUIDE = "help/guide.md"
FONT_LICENCE = "fonts/OFL.txt"
DISTRIBUTION = "nianbao-reader"
PYPROJECT = RESOURCES.parent / "pyproject.toml"

# What the program ships or links, with its licence as its own metadata states it.
LICENCES = [
    ("Noto Sans CJK SC（界面与打印用字体，子集）", "SIL Open Font License 1.1", FONT_LICENCE),
    ("Qt / PySide6", "GNU LGPL v3", None),
    ("pandas", "BSD 3-Clause", None),
    ("NumPy", "BSD 3-Clause", None),
    ("pyqtgraph", "MIT", None),
    ("pypdf", "BSD 3-Clause", None),
    ("openpyxl", "MIT", None),
    ("lxml", "BSD 3-Clause", None),
    ("python-docx", "MIT", None),
    ("pdfminer.six", "MIT", None),
    ("charset-normalizer", "MIT", None),
]
BUNDLED_REPORT_SOURCE = (
    "随程序附带的《三明市2017年政府信息公开工作年度报告》取自三明市政府门户网站（www.sm.gov.cn），"
    "2018年1月16日发布（来源：政府信息公开办），落款三明市政务公开工作领导小组；文字按网页原样保留，"
    "包括网页转存时损坏的字符和编号。"
)
GUIDE_SIZE = (760, 640)
ABOUT_SIZE = (620, 560)


def version() -> str:
    """The program's version: the installed metadata's, else pyproject.toml's, else "未知"."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        pass
    try:
        return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "未知"


def guide_markdown() -> str:
    """The guide's Markdown as shipped in resources/help/guide.md."""
    return resource_path(GUIDE).read_text(encoding="utf-8")


def guide_html() -> str:
    """The guide rendered from Markdown to HTML, as the help window shows it."""
    document = QTextDocument()
    document.setMarkdown(guide_markdown())
    return document.toHtml()


def about_text() -> str:
    """About as HTML: name and version, what the program is for, the licences, the bundled report's source."""
    rows = "".join(
        f"<tr><td>{escape(name)}</td><td>{escape(licence)}"
        + (f"（全文见 resources/{escape(path)}）" if path else "")
        + "</td></tr>"
        for name, licence, path in LICENCES
    )
    return (
        f"<h2>{APP_NAME} {escape(version())}</h2>"
        "<p>离线阅读政府信息公开工作年度报告：按编号整理目录，把统计表显示为表格和条形图，"
        "并核对报告中的数字。</p>"
        "<h3>随附报告</h3>"
        f"<p>{escape(BUNDLED_REPORT_SOURCE)}</p>"
        "<h3>许可证</h3>"
        f"<table cellpadding='3'>{rows}</table>"
        "<h3>字体许可证全文</h3>"
        f"<pre style='white-space: pre-wrap'>{escape(_font_licence())}</pre>"
    )


def _font_licence() -> str:
    try:
        return resource_path(FONT_LICENCE).read_text(encoding="utf-8")
    except FileNotFoundError as error:
        return str(error)


class HelpDialog(QDialog):
    """A window showing bundled HTML or Markdown; links to places inside it scroll, other links do nothing."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{title} — {APP_NAME}")
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._on_browser_anchor_clicked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)

    def _on_browser_anchor_clicked(self, url: QUrl) -> None:
        if not url.scheme() and url.hasFragment():
            self.browser.scrollToAnchor(url.fragment())


def guide_dialog(parent: QWidget | None = None) -> HelpDialog:
    """The guide's window, not yet shown."""
    dialog = HelpDialog("使用说明", parent)
    dialog.browser.setMarkdown(guide_markdown())
    dialog.resize(*GUIDE_SIZE)
    return dialog


def about_dialog(parent: QWidget | None = None) -> HelpDialog:
    """The About window, not yet shown."""
    dialog = HelpDialog("关于", parent)
    dialog.browser.setHtml(about_text())
    dialog.resize(*ABOUT_SIZE)
    return dialog


def show_guide(parent: QWidget | None = None) -> HelpDialog:
    """Show the user guide in a window beside the reader (not modal, so the reader can try what it says)."""
    dialog = guide_dialog(parent)
    dialog.setModal(False)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def show_about(parent: QWidget | None = None) -> None:
    """Show About until the reader closes it."""
    about_dialog(parent).exec()
