"""The first report read by a forked child: the same report as read in place, or the same message, or nothing."""

from __future__ import annotations

import gc
import os
import signal
import time

import pytest

from models import ReportError, load_report
from models.load import early_read
from tests.conftest import SANMING

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system: the window reads in place")


@pytest.fixture(autouse=True)
def nothing_pending():
    yield
    early_read.take("/nowhere")  # reaps a child a failed test left


def child_pid() -> int:
    assert early_read._pending is not None, "no child was started"
    return early_read._pending[2]


def test_the_report_read_early_is_the_one_read_in_place():
    early_read.start(SANMING)
    report = early_read.take(SANMING)
    assert report is not None
    assert report == load_report(SANMING)
    assert (report.sections[0].marker, report.sections[0].title) == ("一、", "概述")
    assert early_read.take(SANMING) is None  # taken once; a second opening reads the file


def test_a_file_that_is_not_a_report_gives_the_message_reading_it_in_place_gives(tmp_path):
    path = tmp_path / "图片.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    with pytest.raises(ReportError) as in_place:
        load_report(path)
    early_read.start(path)
    with pytest.raises(ReportError) as early:
        early_read.take(path)
    assert str(early.value) == str(in_place.value)


def test_another_path_is_left_to_the_caller_and_the_child_is_reaped(tmp_path):
    early_read.start(SANMING)
    pid = child_pid()
    assert early_read.take(tmp_path / "另一份.txt") is None
    # Reaped aside, without the caller waiting for it: gone once no signal can reach it.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.01)
    else:
        pytest.fail("the child was never reaped")


def test_a_child_that_dies_leaves_the_reading_to_the_caller():
    early_read.start(SANMING)
    os.kill(child_pid(), signal.SIGKILL)
    assert early_read.take(SANMING) is None


@pytest.mark.parametrize("name, size", [("大报告.txt", early_read.MAX_BYTES + 1), ("报告.pdf", 10)])
def test_files_read_in_the_background_anyway_start_no_child(tmp_path, name, size):
    path = tmp_path / name
    path.write_bytes(b"x" * size)
    early_read.start(path)
    assert early_read._pending is None
    assert early_read.take(path) is None


def test_a_missing_file_starts_no_child(tmp_path):
    early_read.start(tmp_path / "没有.txt")
    assert early_read._pending is None


def test_the_window_shows_the_report_read_early(qtbot, tmp_path):
    """The window takes the child's report for the first file it opens, and reads the others itself."""
    from PySide6.QtCore import QSettings

    from gui.common.settings import Settings
    from gui.window.main_window import MainWindow

    window = MainWindow(Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)), "sans-serif")
    qtbot.addWidget(window)
    early_read.start(SANMING)
    window.open_files([SANMING])
    assert early_read._pending is None, "the window did not take the report read early"
    assert window.view.report == load_report(SANMING)


@pytest.mark.parametrize("argv, expected", [([], "bundled"), (["报告.txt"], "报告.txt")])
def test_main_has_the_first_report_read_early(monkeypatch, argv, expected):
    import gui.window.app
    import main
    from gui.common.resources import BUNDLED_REPORT, RESOURCES
    from models.load import memory

    started = []
    monkeypatch.setattr(early_read, "start", started.append)
    monkeypatch.setattr(gui.window.app, "run_app", lambda paths: 0)
    assert main.main(argv) == 0
    # main.py paused the cycle collector for the start, which run_app (replaced here) would have ended:
    # left paused, the rest of the test session would collect nothing.
    memory.start_done()
    assert gc.isenabled()
    assert started == [RESOURCES / BUNDLED_REPORT if expected == "bundled" else "报告.txt"]
