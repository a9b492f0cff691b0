"""The window's actions for taking results away and for comfort: print, PDF, exports, copy, theme, help.

`TakeAwayActions(window, current_view, font_family, theme)` makes the actions; the window adds them to its
menus with `add_to(file_menu, edit_menu, view_menu, help_menu)`. `current_view` returns the report view in
front (it has `.report`, `.outline.current_section()` and `.indicator_panel`), or None; `theme` is the
window's ThemeSwitch, whose modes the 视图 menu offers.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from gui.common.qt_names import add_action
from gui.common.theme import ThemeSwitch

# What each export writes, in the file dialog's words: kind -> (menu text, {format: filter}).
EXPORTS = {
    "outline": ("导出目录(&O)…", {"md": "Markdown (*.md)", "json": "JSON (*.json)", "csv": "CSV (*.csv)"}),
    "tables": ("导出表格(&T)…", {"xlsx": "Excel (*.xlsx)", "csv": "CSV (*.csv)", "json": "JSON (*.json)"}),
    "checks": ("导出核对结果(&K)…", {"csv": "CSV (*.csv)", "xlsx": "Excel (*.xlsx)", "json": "JSON (*.json)"}),
}


class TakeAwayActions(QObject):
    """Print, Save as PDF, exports, copying a section or the chart, the theme and the user guide."""

    def __init__(self, window: QWidget, current_view: Callable[[], Any], font_family: str, theme: ThemeSwitch) -> None:
        super().__init__(window)
        self._window = window
        self._current_view = current_view
        self._family = font_family
        self.theme = theme
        keys = QKeySequence.StandardKey
        self.print_action = add_action(window, "打印(&P)…", [keys.Print], self._on_print_triggered)
        self.preview_action = add_action(window, "打印预览(&V)…", [], self._on_preview_triggered)
        self.pdf_action = add_action(window, "保存为 PDF(&D)…", ["Ctrl+Shift+P"], self._on_pdf_triggered)
        self.export_actions = [
            add_action(window, text, [], lambda _checked=False, kind=kind: self._on_export_triggered(kind))
            for kind, (text, _) in EXPORTS.items()
        ]
        self.chart_action = add_action(window, "导出图表(&G)…", [], self._on_chart_export_triggered)
        self.copy_section_action = add_action(
            window, "复制本节文字(&S)", ["Ctrl+Shift+S"], self._on_copy_section_triggered
        )
        self.copy_chart_action = add_action(window, "复制图表(&G)", [], self._on_copy_chart_triggered)
        self.guide_action = add_action(window, "使用说明(&G)", [keys.HelpContents], self._on_guide_triggered)

    def add_to(self, file_menu: QMenu, edit_menu: QMenu, view_menu: QMenu, help_menu: QMenu, before: QAction) -> None:
        """Put the actions in the window's menus: printing and exports in 文件 just above `before` (退出)."""
        for action in (self.print_action, self.preview_action, self.pdf_action):
            file_menu.insertAction(before, action)
        export_menu = QMenu("导出(&E)", file_menu)
        for action in [*self.export_actions, self.chart_action]:
            export_menu.addAction(action)
        file_menu.insertMenu(before, export_menu)
        file_menu.insertSeparator(before)
        edit_menu.addSeparator()
        edit_menu.addAction(self.copy_section_action)
        edit_menu.addAction(self.copy_chart_action)
        view_menu.addSeparator()
        view_menu.addMenu(self.theme.make_menu(view_menu))
        help_menu.insertAction(help_menu.actions()[0] if help_menu.actions() else None, self.guide_action)

    # What the actions work on

    def _report(self) -> Any:
        view = self._current_view()
        return view.report if view is not None else None

    def _chart(self) -> Any:
        view = self._current_view()
        panel = getattr(view, "indicator_panel", None)
        chart = panel.chart() if panel is not None and hasattr(panel, "chart") else None
        if chart is None:
            self._say("这份报告没有可绘制的统计图表。")
        return chart

    def _save_name(self, title: str, suffix_filters: dict[str, str], stem: str) -> tuple[Path, str] | None:
        report = self._report()
        base = f"{report.title or '报告'}-{stem}" if report is not None else stem
        first = next(iter(suffix_filters))
        from PySide6.QtWidgets import QFileDialog  # dialogs are imported when used: their enums slow the start

        path, chosen = QFileDialog.getSaveFileName(
            self._window, title, f"{base}.{first}", ";;".join(suffix_filters.values())
        )
        if not path:
            return None
        fmt = next((f for f, text in suffix_filters.items() if text == chosen), first)
        if not Path(path).suffix:
            path = f"{path}.{fmt}"
        return Path(path), Path(path).suffix.lstrip(".").lower() or fmt

    def _say(self, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(self._window, "年报阅读器", message)

    def _failed(self, what: str, error: OSError) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self._window, "年报阅读器", f"{what}失败：{error}")

    # Handlers

    def _on_print_triggered(self) -> None:
        from gui.window.printing import print_document

        if (report := self._report()) is not None:
            print_document(report, self._window, self._family)

    def _on_preview_triggered(self) -> None:
        from gui.window.printing import print_preview

        if (report := self._report()) is not None:
            print_preview(report, self._window, self._family)

    def _on_pdf_triggered(self) -> None:
        from gui.window.printing import save_pdf

        if self._report() is None or (target := self._save_name("保存为 PDF", {"pdf": "PDF (*.pdf)"}, "打印")) is None:
            return
        try:
            save_pdf(self._report(), target[0], self._family)
        except OSError as error:
            self._failed("保存 PDF ", error)

    def _on_export_triggered(self, kind: str) -> None:
        from models.export.writing import write_export

        text, filters = EXPORTS[kind]
        if self._report() is None or (target := self._save_name(text.split("(")[0], filters, kind)) is None:
            return
        path, fmt = target
        if fmt not in filters:
            self._say(f"不支持的格式：.{fmt}")
            return
        try:
            write_export(self._report(), kind, fmt, path)
        except OSError as error:
            self._failed("导出", error)

    def _on_chart_export_triggered(self) -> None:
        if (chart := self._chart()) is None:
            return
        target = self._save_name("导出图表", {"png": "PNG 图片 (*.png)", "svg": "SVG 图形 (*.svg)"}, "图表")
        if target is None:
            return
        path, fmt = target
        try:
            (chart.export_svg if fmt == "svg" else chart.export_png)(path)
        except OSError as error:
            self._failed("导出图表", error)

    def _on_copy_section_triggered(self) -> None:
        from gui.window.clipboard import copy_section_text

        view = self._current_view()
        section = view.outline.current_section() if view is not None else None
        if section is not None:
            copy_section_text(view.report, section)

    def _on_copy_chart_triggered(self) -> None:
        from gui.window.clipboard import copy_plot

        if (chart := self._chart()) is not None:
            copy_plot(chart)

    def _on_guide_triggered(self) -> None:
        from gui.window.help import show_guide

        show_guide(self._window)
