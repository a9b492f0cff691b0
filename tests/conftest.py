"""Shared test setup: Qt offscreen, settings in a throwaway folder, and the bundled Sanming report."""

from __future__ import annotations

import os
import tempfile

# Before anything imports Qt: no display needed, and no test reads or writes the user's settings.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="nianbao-test-config-")

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SANMING = ROOT / "resources" / "reports" / "sanming-2017.txt"
SANMING_TITLE = "三明市2017年政府信息公开工作年度报告"


def pytest_sessionstart(session):
    """The program fixes glibc's threshold for mapped blocks when it receives its first big report, before it
    has freed any; this process frees big blocks from its first tests on (see models.load.memory)."""
    from models.load import memory

    memory.map_big_blocks()


@pytest.fixture(scope="session")
def sanming():
    """The bundled Sanming 2017 report, read once."""
    from models import load_report

    return load_report(SANMING)


@pytest.fixture
def shown_window(qtbot, tmp_path):
    """A main window with settings in a throwaway file, shown at 1400×900 with its menus made; closed afterwards
    (which also stops any child process still reading or checking)."""
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QFont

    from gui.common.settings import Settings
    from gui.window.main_window import MainWindow

    widget = MainWindow(Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)), QFont().family())
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    show_with_menus(qtbot, widget)
    yield widget
    widget.close()


@pytest.fixture
def sanming_window(qtbot, tmp_path):
    """A main window with settings in a throwaway file and the Sanming report open, shown at 1400×900 with its
    menus and its side panels made."""
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QFont

    from gui.common.settings import Settings
    from gui.window.main_window import MainWindow

    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    widget = MainWindow(settings, QFont().family())
    qtbot.addWidget(widget)
    widget.open_report(SANMING)
    widget.resize(1400, 900)
    show_with_menus(qtbot, widget)
    qtbot.waitUntil(lambda: widget.view.indicator_panel is not None)
    return widget


def open_and_wait(qtbot, window, paths, timeout: int = 30_000) -> None:
    """Open `paths` as the reader does (each is read off the window's thread) and wait until every one has
    arrived or failed."""
    window.open_files(paths)
    qtbot.waitUntil(lambda: not window.loading.is_reading(), timeout=timeout)


def show_with_menus(qtbot, window) -> None:
    """Show a main window and wait for its actions and menus, which it makes after its first frame."""
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.commands_made)


def shown_panel(qtbot, tables, width: int):
    """An 指标 panel on `tables`, shown at `width` × 900 and settled: the chart's name axis widens to its
    labels after the first paint, moving the plot area."""
    from gui.indicators.panel import IndicatorPanel

    widget = IndicatorPanel(tables)
    qtbot.addWidget(widget)
    widget.resize(width, 900)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.wait(50)
    return widget
