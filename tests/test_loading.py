"""Reading a report: big ones in the background (a progress bar, a cancel button, a window that keeps answering),
the child's typed messages, and the checks' four states as the window shows them."""

from __future__ import annotations

import gc
import threading
import time

import pytest
from PySide6.QtCore import Qt, QTimer

from gui.window.main_window import MainWindow
from models import ReportError
from models.checks.run import run_checks
from models.load import child, protocol
from models.load.protocol import Checks, CheckState, check_report
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
        status = self.window.loading_status
        phase = self.phase or ("layout" if "排版" in status.label.text() else "reading")
        self.longest[phase] = max(self.longest[phase], now - self._last)
        self._last = now
        if status.bar.isVisible():
            self.progress_seen.add(status.label.text().split("“")[0])

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
    assert window.loading_status.cancel_button.isVisible() and window.loading_status.bar.isVisible()
    qtbot.waitUntil(lambda: window.tabs.count() == 2 and not window.is_loading(), timeout=600_000)
    seconds = time.perf_counter() - start
    watch.phase = "checks"
    qtbot.waitUntil(lambda: hasattr(window.view.check_panel, "view"), timeout=600_000)
    watch.stop()
    reading, layout, checks = watch.longest["reading"], watch.longest["layout"], watch.longest["checks"]
    print(f"\n50 MB: shown after {seconds:.1f} s; longest event-loop wait {reading * 1000:.0f} ms while read, "
          f"{layout * 1000:.0f} ms while laid out, {checks * 1000:.0f} ms until its findings are listed")  # fmt: skip
    assert {"正在解析", "正在接收", "正在排版"} <= watch.progress_seen
    assert not window.loading_status.bar.isVisible()
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
    (job,) = window.loading.jobs
    cancel = window.loading_status.cancel_button
    assert cancel.isVisible()
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert not cancel.isVisible()
    assert job.wait(10)
    qtbot.wait(300)
    assert window.tabs.count() == 1 and window.view.path == SANMING.resolve()
    assert not job.is_child_alive()


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


class Recorded:
    """A channel that keeps what is sent and gives it back in order, then ends as a dead child's pipe does."""

    def __init__(self) -> None:
        self.sent: list[bytes] = []

    def send_bytes(self, data: bytes) -> None:
        self.sent.append(data)

    def recv_bytes(self) -> bytes:
        if not self.sent:
            raise EOFError
        return self.sent.pop(0)

    def close(self) -> None:
        pass


def test_the_report_sent_in_pieces_is_the_report_received(sanming, monkeypatch):
    """Text and sections cut into many pieces come back as the same report, with progress up to 100 percent."""
    monkeypatch.setattr(child, "TEXT_PIECE", 5_000)
    monkeypatch.setattr(child, "SECTIONS_PER_PIECE", 3)
    channel = Recorded()
    protocol.send(channel, protocol.Began(protocol.Stage.READING))
    child.send_report(sanming, channel)
    progress: list[protocol.Progress] = []
    loaded = protocol.Receiver(channel).report(progress.append)
    assert loaded is not None and loaded.report == sanming
    assert loaded.checks == Checks.pending() and loaded.section_index.roots is loaded.report.sections
    assert progress[0] == protocol.Progress(protocol.Stage.READING)
    assert [p.percent for p in progress[1:]] == sorted(p.percent for p in progress[1:]) and progress[-1].percent == 100
    assert len(progress) > 10


def test_a_child_that_ends_after_the_report_leaves_the_checks_failed(sanming):
    """The report came whole; the child died before its checks were over: FAILED, with a sentence."""
    channel = Recorded()
    child.send_report(sanming, channel)
    protocol.send(channel, protocol.FindingsPiece([]))
    receiver = protocol.Receiver(channel)
    assert receiver.report() is not None
    checks = receiver.checks()
    assert checks.state is CheckState.FAILED and checks.message == protocol.CHILD_ENDED


def test_the_checks_end_in_the_state_the_child_sent(sanming):
    """DONE brings the findings of every piece; SKIPPED its reason; a file not read, the reader's sentence."""
    done = Recorded()
    findings = run_checks(sanming)
    protocol.send(done, protocol.FindingsPiece(findings[:2]))
    protocol.send(done, protocol.FindingsPiece(findings[2:]))
    protocol.send(done, protocol.ChecksEnd(CheckState.DONE))
    assert protocol.Receiver(done).checks() == Checks.done(findings)
    skipped = Recorded()
    protocol.send(skipped, protocol.ChecksEnd(CheckState.SKIPPED, "表中的数字无法读出"))
    assert protocol.Receiver(skipped).checks() == Checks.skipped("表中的数字无法读出")
    unread = Recorded()
    protocol.send(unread, protocol.ReadFailed("找不到文件"))
    with pytest.raises(ReportError, match="找不到文件"):
        protocol.Receiver(unread).report()


def test_a_child_that_dies_says_so_and_opens_nothing(qtbot, window, tmp_path):
    """The child reading a big file is killed: the bar above the tabs says the reading ended, no tab opens."""
    path = tmp_path / "大报告.txt"
    path.write_bytes(big_report(2))
    window.open_files([path])
    (job,) = window.loading.jobs
    job._process.kill()
    qtbot.waitUntil(window.message_bar.isVisible, timeout=30_000)
    assert "大报告.txt" in window.message_bar.text() and "意外结束" in window.message_bar.text()
    assert window.tabs.count() == 0 and not window.is_loading()


def test_a_child_that_dies_while_checking_leaves_the_report_and_says_the_checks_failed(qtbot, window, tmp_path):
    """Killed once the report has arrived: the report stays, and 核对 says its checks could not be finished."""
    path = tmp_path / "大报告.txt"
    path.write_bytes(big_report(4))
    with qtbot.waitSignal(window.loading.loaded, timeout=120_000) as arrived:
        window.open_files([path])
    job = arrived.args[0]
    job._process.kill()
    qtbot.waitUntil(lambda: window.view is not None and window.view.checks.state is CheckState.FAILED, timeout=30_000)
    view = window.view
    assert view.path == path.resolve() and view.findings == []
    qtbot.waitUntil(lambda: "核对未能完成" in getattr(view.check_panel, "text", str)(), timeout=30_000)
    assert view.side_tabs.tabText(1) == "核对"


def test_checks_that_fail_say_so_in_their_panel(qtbot, window, monkeypatch):
    """A rule that breaks costs the reader the 核对 list, not the report: the panel says what went wrong."""
    import models.checks.run

    def broken(report):
        raise ValueError("规则出错")

    monkeypatch.setattr(models.checks.run, "run_checks", broken)
    window.open_files([SANMING])
    qtbot.waitUntil(lambda: "核对未能完成" in getattr(window.view.check_panel, "text", str)(), timeout=10_000)
    assert "规则出错" in window.view.check_panel.text()
    assert window.view.side_tabs.tabText(1) == "核对"
    assert window.view.text.toPlainText()


def test_skipped_checks_show_their_reason_not_a_count(qtbot, window, monkeypatch):
    """Checks SKIPPED are shown as such, with their reason, under 核对 without a count that would read as none."""
    import gui.window.loading

    monkeypatch.setattr(gui.window.loading, "check_report", lambda report: Checks.skipped("表中的数字无法读出"))
    window.open_files([SANMING])
    qtbot.waitUntil(lambda: window.view.checks.state is CheckState.SKIPPED, timeout=10_000)
    qtbot.waitUntil(lambda: "表中的数字无法读出" in getattr(window.view.check_panel, "text", str)(), timeout=10_000)
    assert "未核对" in window.view.check_panel.text()
    assert window.view.side_tabs.tabText(1) == "核对"


def test_the_checks_of_a_report_read_here_run_off_the_windows_thread(qtbot, window, monkeypatch):
    """The checks of a small report run on another thread, once its panel asks, and their findings are listed."""
    import gui.window.loading

    threads = []

    def check(report):
        threads.append(threading.current_thread())
        return check_report(report)

    monkeypatch.setattr(gui.window.loading, "check_report", check)
    window.open_files([SANMING])
    assert window.view.checks == Checks.pending()
    qtbot.waitUntil(lambda: hasattr(window.view.check_panel, "view"), timeout=10_000)
    assert threads and threads[0] is not threading.main_thread()
    assert window.view.findings == run_checks(window.view.report)
    assert window.view.side_tabs.tabText(1) == f"核对（{len(window.view.findings)}）"
    assert window.loading.jobs == []


def test_closing_a_tab_stops_what_is_read_or_checked_for_it(qtbot, window, tmp_path):
    """A report whose checks have not come yet, and a big one still being read again: closing their tabs leaves
    no work going on for them."""
    window.open_files([SANMING])
    assert window.view.checks == Checks.pending() and window.loading.jobs
    window.close_current_tab()
    assert window.loading.jobs == []
    path = tmp_path / "大报告.txt"
    path.write_bytes(big_report(2))
    window.open_files([path])
    qtbot.waitUntil(lambda: window.tabs.count() == 1 and not window.is_loading(), timeout=60_000)
    window.reload(window.view)
    (job,) = window.loading.jobs
    assert job.is_reading() and job.target is window.view
    window.close_current_tab()
    assert window.loading.jobs == [] and job.is_cancelled()
    assert job.wait(10) and not job.is_child_alive()
