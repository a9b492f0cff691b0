"""Every file is read and checked off the window's thread (a small one on a thread, others in a child): while a
file under a megabyte that is slow to read is opened, the window's event loop keeps turning."""

from __future__ import annotations

import gc
import threading
import time

import pytest
from PySide6.QtCore import QTimer

from gui.window.main_window import MainWindow
from tests.conftest import SANMING, open_and_wait

TICK_MILLISECONDS = 10
LONGEST_WAIT_SECONDS = 0.1


def numbered_headings(size: int) -> bytes:
    """A text of about `size` bytes that is all headings, 一、 to 九十九、 over and over, each with nine （一）…
    below it: a megabyte of it takes a second or so to parse."""
    numerals = "一二三四五六七八九"
    top = [*numerals, *(f"{'' if tens == '一' else tens}十{unit}" for tens in numerals for unit in ["", *numerals])]
    parts, length, number = [], 0, 0
    while length < size:
        part = f"{top[number % 99]}、第{number}部分\n" + "".join(f"（{n}）第{number}部分的小项\n" for n in numerals)
        parts.append(part)
        length += len(part.encode())
        number += 1
    return "".join(parts).encode()[:size].rsplit(b"\n", 1)[0] + b"\n"


class EventLoopWatch:
    """A timer ticking every TICK_MILLISECONDS: the longest wait between two ticks is how long the window was
    held."""

    def __init__(self) -> None:
        self.waits: list[float] = []
        self._last = time.perf_counter()
        self._timer = QTimer(interval=TICK_MILLISECONDS)
        self._timer.timeout.connect(self._on_tick)
        self._timer.start()

    def _on_tick(self) -> None:
        now = time.perf_counter()
        self.waits.append(now - self._last)
        self._last = now

    def stop(self) -> float:
        """Stop ticking; the longest wait seen."""
        self._timer.stop()
        return max(self.waits)


@pytest.fixture
def window(qtbot, shown_window):
    """The window as a reader has it once started: the modules of a first report imported, and what the start
    made frozen out of the collector's walks (as gui.window.app does when its start is over)."""
    open_and_wait(qtbot, shown_window, [SANMING])
    qtbot.waitUntil(lambda: hasattr(shown_window.view.check_panel, "view"), timeout=20_000)
    shown_window.close_current_tab()
    gc.collect()
    gc.freeze()
    yield shown_window
    gc.unfreeze()


def test_files_are_read_off_the_windows_thread(qtbot, window: MainWindow, monkeypatch, tmp_path):
    """A small text and a web page are read on another thread, opened and reloaded alike."""
    import models.load.reader

    threads = []
    read_report = models.load.reader.read_report

    def recording(path):
        threads.append(threading.current_thread())
        return read_report(path)

    monkeypatch.setattr(models.load.reader, "read_report", recording)
    page = tmp_path / "报告.html"
    page.write_text("<p>一、总体情况</p><p>本年度主动公开政府信息12条。</p>", "utf-8")
    open_and_wait(qtbot, window, [SANMING, page])
    window.reload(window.view)
    qtbot.waitUntil(lambda: len(threads) == 3)
    assert threading.main_thread() not in threads
    assert [view.path for view in window.views()] == [SANMING.resolve(), page.resolve()]


@pytest.mark.slow
def test_a_small_file_slow_to_read_leaves_the_window_answering(qtbot, window: MainWindow, tmp_path):
    """A file under a megabyte of nothing but headings takes a second or so to read and check: meanwhile, and while
    its text is laid out, the window's event loop never waits 100 ms."""
    path = tmp_path / "标题.txt"
    path.write_bytes(numbered_headings(900_000))
    watch = EventLoopWatch()
    started = time.perf_counter()
    window.open_files([path])
    qtbot.waitUntil(lambda: window.view is not None, timeout=60_000)
    read = time.perf_counter() - started
    qtbot.waitUntil(lambda: not window.is_loading() and window.view.text.is_fully_laid_out(), timeout=60_000)
    longest = watch.stop()
    assert read > 0.3  # read on the window's thread, it would have held the window that long
    assert len(watch.waits) > 20
    assert longest < LONGEST_WAIT_SECONDS, f"the window waited {longest * 1000:.0f} ms"
    assert window.view.outline.model.section_count() > 20_000
