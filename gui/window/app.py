"""Start the reader: the application, its bundled font, and the window on a report."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication


def _skip_feature_scan() -> None:
    """Spare PySide6's import hook the reading of every module imported after it.

    After PySide6 loads, every import asks whether the new module's source mentions "PySide6": a module
    that does is marked to see Qt's own names even while another has selected `from __feature__ import
    snake_case`. PySide6 answers with inspect.getsource: 0.3 s over the modules pandas and pyqtgraph bring,
    and still 40 ms with the files read directly. Here every module gets that mark unread; for one that
    never touches Qt it changes nothing, and a module that selects a feature still gets it (its own
    `from __feature__ import` marks it).
    """
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and hasattr(feature, "_mod_uses_pyside"):
        feature._mod_uses_pyside = _sees_qt_names  # type: ignore[attr-defined]


def _sees_qt_names(module: object) -> bool:
    return True


_skip_feature_scan()

from gui.common.fonts import load_bundled_font  # noqa: E402  (after the hook is spared its reading)
from gui.common.resources import APP_NAME, BUNDLED_REPORT, MissingResourceError, resource_path  # noqa: E402
from gui.common.settings import Settings  # noqa: E402
from gui.window.main_window import MainWindow  # noqa: E402
from models.load import memory  # noqa: E402

# Set (to anything) to quit right after the window first shows: for tests and smoke runs.
QUIT_AFTER_SHOW = "NIANBAO_QUIT_AFTER_SHOW"
QUIT_DELAY_MILLISECONDS = 300
# main.py starts the window with Python's cycle collector paused (see models.load.memory); the pause ends once the
# window has been up this long, the panels' imports (pandas, pyqtgraph) done.
COLLECTOR_DELAY_MILLISECONDS = 5000


def install_chinese_translations(app: QApplication) -> None:
    """Qt's own words (context menus, dialog buttons, the file dialog) in Simplified Chinese."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase", "qt"):
        translator = QTranslator(app)
        if translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), name, "_", folder):
            app.installTranslator(translator)
            return


def run_app(paths: str | list[str] | None) -> int:
    """Show the window on the reports at `paths`, each in a tab (the bundled report when none) until it
    is closed. Returns 1 without a window when not one of them can be read."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName("nianbao-reader")
    app.setDesktopFileName("nianbao-reader")  # matches the desktop entry, so the desktop shows its icon
    install_chinese_translations(app)
    family = load_bundled_font() or QApplication.font().family()
    quit_after_show = bool(os.environ.get(QUIT_AFTER_SHOW))
    window = MainWindow(Settings(), family)
    errors = []
    try:
        files = [Path(path) for path in ([paths] if isinstance(paths, str) else paths or [])]
        files = files or [resource_path(BUNDLED_REPORT)]
    except MissingResourceError as error:
        files, errors = [], [str(error)]
    window.open_files(files)
    if not window.message_bar.isHidden():
        errors.append(window.message_bar.text())
    if not window.views() and not window.is_loading():
        for error in errors:
            print(f"{APP_NAME}: 无法打开报告：{error}", file=sys.stderr)
        if not quit_after_show:
            from PySide6.QtWidgets import QMessageBox  # its enums cost 2 ms of every start that needs none

            QMessageBox.critical(None, f"无法打开报告 — {APP_NAME}", "无法打开这份报告。\n\n" + "\n".join(errors))
        return 1
    window.show()
    QTimer.singleShot(COLLECTOR_DELAY_MILLISECONDS, memory.start_done)
    if quit_after_show:
        QTimer.singleShot(QUIT_DELAY_MILLISECONDS, lambda: _quit_shown(app, window))
    return app.exec()


def _quit_shown(app: QApplication, window: MainWindow) -> None:
    print(f"shown: {window.windowTitle()} visible={window.isVisible()} tabs={window.tabs.count()}")
    window.close()
    app.quit()
