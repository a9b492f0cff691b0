"""Start the reader: the application, its bundled font, and the window on a report."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from gui.common.first_frame import after_first_frame, spare_feature_scan

spare_feature_scan()  # before the other modules are imported

from gui.common.fonts import load_bundled_font  # noqa: E402
from gui.common.resources import APP_NAME, BUNDLED_REPORT, MissingResourceError, resource_path  # noqa: E402
from gui.common.settings import Settings  # noqa: E402
from gui.window.main_window import MainWindow  # noqa: E402
from models.core.errors import ReportError  # noqa: E402
from models.load import memory  # noqa: E402

# Set (to anything) to quit right after the window first shows: for tests and smoke runs.
QUIT_AFTER_SHOW = "NIANBAO_QUIT_AFTER_SHOW"
QUIT_DELAY_MILLISECONDS = 300
# main.py starts the window with Python's cycle collector paused (see models.load.memory); the pause ends this
# long after the first frame, the panels' imports (pandas, pyqtgraph) done.
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
    if not window.views():
        # Whether there is a window to show depends on these: a small file, read on a thread, is there (or not)
        # in a moment; a big one is shown coming in, in the window.
        for job in [job for job in window.loading.jobs if not job.in_background]:
            with contextlib.suppress(ReportError):
                window.loading.wait_for(job)
    if not window.message_bar.isHidden():
        errors.append(window.message_bar.text())
    if not window.views() and not window.is_loading():
        for error in errors:
            print(f"{APP_NAME}: 无法打开报告：{error}", file=sys.stderr)
        if not quit_after_show:
            from PySide6.QtWidgets import QMessageBox  # its enums would slow every start that needs none

            QMessageBox.critical(None, f"无法打开报告 — {APP_NAME}", "无法打开这份报告。\n\n" + "\n".join(errors))
        return 1
    window.show()
    after_first_frame(lambda: QTimer.singleShot(COLLECTOR_DELAY_MILLISECONDS, memory.start_done))
    if quit_after_show:
        QTimer.singleShot(QUIT_DELAY_MILLISECONDS, lambda: _quit_shown(app, window))
    return app.exec()


def _quit_shown(app: QApplication, window: MainWindow) -> None:
    if window.loading.is_reading():  # a report named on the command line is still on its way
        QTimer.singleShot(QUIT_DELAY_MILLISECONDS, lambda: _quit_shown(app, window))
        return
    print(f"shown: {window.windowTitle()} visible={window.isVisible()} tabs={window.tabs.count()}")
    window.close()
    app.quit()
