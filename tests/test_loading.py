"""Big reports are read in the background: a progress bar, a cancel button, and a window that keeps answering."""

from __future__ import annotations

import gc
import time

import pytest
from PySide6.QtCore import Qt, QTimer

from gui.window.main_window import MainWindow
from tests.bench import big_report
from tests.conftest import SANMING

# The issue asks for 100 ms. Measured on 2 cores, 4 runs: 20-29 ms while the child process parses and the
# report is received; 38-46 ms while the document is built (the longest: the outline of 5,400 top-level
# headings laid out in a turn of its own, gui.common.turns). Before the window's slices took turns, a slice of the
# text, that layout and the new tab's first paint came in one turn: 61-86 ms, once 105 ms in a whole run.
MAX_GAP_SECONDS = 0.1
MAX_LAYOUT_GAP_SECONDS = 0.1


@pytest.fixture
def window(shown_window):
    return shown_window


class EventLoopWatch:
    """A timer ticking every 10 ms that records the longest wait between two ticks, and what the window showed."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.longest = {"reading": 0.0, "layout": 0.0, "checks": 0.0}
        self.phase = ""  # set by the test once the report shows and its checks are awaited
        self.progress_seen: set[str] = set()
        self._last = time.perf_counter()
        self._timer = QTimer(interval=10)
        self._timer.timeout.connect(self._on_tick)
        self._timer.start()

    def _on_tick(self) -> None:
        now = time.perf_counter()
        phase = self.phase or ("layout" if "排版" in self.window.loading_label.text() else "reading")
        self.longest[phase] = max(self.longest[phase], now - self._last)
        self._last = now
        if self.window.loading_bar.isVisible():
            self.progress_seen.add(self.window.loading_label.text().split("“")[0])

    def stop(self) -> None:
        self._timer.stop()


def warm_up(qtbot, window: MainWindow) -> None:
    """Open the Sanming report first: the side panels' first import of pandas and pyqtgraph is paid once per
    run of the program, whatever the report, and is not what these tests measure."""
    window.open_files([SANMING])
    # The panels and the checks (which run once the chart is drawn) finish before the measuring starts.
    qtbot.waitUntil(lambda: hasattr(window.view.check_panel, "view"), timeout=10_000)
    wait_until_idle(qtbot)
    # The program freezes what its start made out of the cycle collector's way (gui.window.app); this process
    # also holds what the test session made before this test, which the program never has, and full
    # collections walking it (200 ms in a whole suite's run) would be counted as the window's waits.
    gc.collect()
    gc.freeze()


def wait_until_idle(qtbot) -> None:
    """Wait until the event loop has answered every 10 ms for a third of a second: the warm-up's last
    paints (the 指标 table, the chart) and Qt laying out the Sanming text are not what is measured."""
    ticks = {"quiet": 0, "last": time.perf_counter()}

    def on_tick() -> None:
        now = time.perf_counter()
        ticks["quiet"] = ticks["quiet"] + 1 if now - ticks["last"] < 0.02 else 0
        ticks["last"] = now

    timer = QTimer(interval=10)
    timer.timeout.connect(on_tick)
    timer.start()
    qtbot.waitUntil(lambda: ticks["quiet"] >= 30, timeout=10_000)
    timer.stop()


@pytest.mark.slow
def test_a_50_mb_report_loads_while_the_window_keeps_answering(qtbot, window, tmp_path):
    """Opening 50 MB shows progress and a cancel button; while it is read, while its text is laid out and until
    its findings are listed the event loop never waits 100 ms; the text and its outline arrive."""
    path = tmp_path / "大报告.txt"
    path.write_bytes(big_report(50))
    warm_up(qtbot, window)
    watch = EventLoopWatch(window)
    start = time.perf_counter()
    window.open_files([path])
    assert window.cancel_button.isVisible() and window.loading_bar.isVisible()
    qtbot.waitUntil(lambda: window.tabs.count() == 2 and not window.is_loading(), timeout=600_000)
    seconds = time.perf_counter() - start
    watch.phase = "checks"
    qtbot.waitUntil(lambda: hasattr(window.view.check_panel, "view"), timeout=600_000)
    watch.stop()
    reading, layout, checks = watch.longest["reading"], watch.longest["layout"], watch.longest["checks"]
    print(f"\n50 MB: shown after {seconds:.1f} s; longest event-loop wait {reading * 1000:.0f} ms while read, "
          f"{layout * 1000:.0f} ms while laid out, {checks * 1000:.0f} ms until its findings are listed")  # fmt: skip
    assert {"正在解析", "正在接收", "正在排版"} <= watch.progress_seen
    assert not window.loading_bar.isVisible()
    view = window.view
    assert view.path == path.resolve()
    assert view.text.line_count() > 100_000
    assert view.outline.model.section_count() > 50_000
    assert reading < MAX_GAP_SECONDS
    assert layout < MAX_LAYOUT_GAP_SECONDS
    assert checks < MAX_GAP_SECONDS


def test_cancel_stops_the_reading_and_opens_nothing(qtbot, window, tmp_path):
    """Cancel while a big report is read: no tab opens, the progress goes away, the child process ends."""
    path = tmp_path / "大报告.txt"
    path.write_bytes(big_report(8))
    warm_up(qtbot, window)
    window.open_files([path])
    loader = window.loaders[0][0]
    assert window.cancel_button.isVisible()
    qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    assert not window.cancel_button.isVisible()
    assert loader.wait(10)
    qtbot.wait(300)
    assert window.tabs.count() == 1 and window.view.path == SANMING.resolve()
    assert not loader._process.is_alive()


def test_a_big_file_that_is_not_a_report_fails_in_the_background_and_says_why(qtbot, window, tmp_path):
    """Two megabytes of binary noise read in the background give a message; the open report stays."""
    noise = tmp_path / "噪声.txt"
    noise.write_bytes(bytes((n * 7919) % 256 for n in range(2_000_000)))
    warm_up(qtbot, window)
    before = window.view.text.toPlainText()
    window.open_files([noise])
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=60_000)
    qtbot.waitUntil(window.message_bar.isVisible, timeout=5_000)
    assert "噪声.txt" in window.message_bar.text() and "Traceback" not in window.message_bar.text()
    assert window.tabs.count() == 1
    assert window.view.text.toPlainText() == before


def test_a_big_text_is_laid_out_after_it_shows_without_holding_the_window(qtbot, window, tmp_path):
    """After an 8 MB report shows, the rest of its text is laid out in slices: the event loop never waits
    100 ms (Qt's own steps grow to 200,000 characters, a quarter of a second each), the scroll bar grows
    to the whole text, and its last line can be scrolled to."""
    path = tmp_path / "大报告.txt"
    path.write_bytes(big_report(8))
    warm_up(qtbot, window)
    window.open_files([path])
    qtbot.waitUntil(lambda: window.tabs.count() == 2 and not window.is_loading(), timeout=120_000)
    view = window.view
    qtbot.waitUntil(lambda: hasattr(view.check_panel, "view"), timeout=120_000)
    watch = EventLoopWatch(window)
    start = time.perf_counter()
    qtbot.waitUntil(view.text.is_fully_laid_out, timeout=120_000)
    watch.stop()
    print(f"\n8 MB laid out after it showed in {time.perf_counter() - start:.1f} s; longest wait "
          f"{max(watch.longest.values()) * 1000:.0f} ms")  # fmt: skip
    assert max(watch.longest.values()) < 0.1
    text = view.text
    height = text.document().documentLayout().documentSize().height()
    assert text.verticalScrollBar().maximum() >= height - text.viewport().height() - 1
    view.text.scroll_to_line(view.text.line_count())
    assert view.text.top_line() > view.text.line_count() - 50
