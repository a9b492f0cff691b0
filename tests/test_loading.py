"""Reading a report: big ones in the background (a progress bar, a cancel button, a window that keeps answering),
the child's typed messages, and the checks' four states as the window shows them."""

from __future__ import annotations

import itertools
import threading
from typing import NamedTuple

import pytest
from PySide6.QtCore import Qt, QTimer

from gui.window.main_window import MainWindow
from models import ReportError
from models.checks.run import run_checks
from models.load import child, protocol
from models.load.protocol import Checks, CheckState, check_report
from tests.bench import big_report
from tests.conftest import SANMING, open_and_wait


@pytest.fixture
def window(shown_window):
    return shown_window


class Tick(NamedTuple):
    """What the window showed at a tick: the stage in its status bar ("" when none) and its percent (-1: busy)."""

    stage: str
    percent: int


class EventLoopWatch:
    """A timer ticking every 10 ms that records what the window showed at each tick.

    A tick is a turn of the event loop between two pieces of the window's work: the ticks seen in a stage, and the
    percents seen at them, say that the work came in pieces with the window answering between them. How long the
    window waited between two ticks is measured by tests/bench_responsive.py.
    """

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.ticks: list[Tick] = []
        self._timer = QTimer(interval=10)
        self._timer.timeout.connect(self._on_tick)
        self._timer.start()

    def _on_tick(self) -> None:
        status = self.window.status
        stage = status.label.text().split("“")[0] if status.bar.isVisible() else ""
        self.ticks.append(Tick(stage, status.bar.value() if status.bar.maximum() > 0 else -1))

    def stop(self) -> None:
        self._timer.stop()

    def in_stage(self, stage: str) -> list[Tick]:
        return [tick for tick in self.ticks if tick.stage == stage]


def open_sanming(qtbot, window: MainWindow) -> None:
    """Open the Sanming report and wait until its findings are listed: the report that stays open."""
    open_and_wait(qtbot, window, [SANMING])
    qtbot.waitUntil(lambda: hasattr(window.view.check_panel, "view"), timeout=10_000)


@pytest.mark.slow
def test_a_50_mb_report_loads_while_the_window_keeps_answering(qtbot, window, tmp_path):
    """Opening 50 MB shows progress and a cancel button; the window answers while the child parses it, between
    the pieces of the report it receives and between the slices of its document, and until its findings are
    listed; the text and its outline arrive."""
    path = tmp_path / "大报告.txt"
    path.write_bytes(big_report(50))
    open_sanming(qtbot, window)
    watch = EventLoopWatch(window)
    window.open_files([path])
    assert window.status.cancel_button.isVisible() and window.status.bar.isVisible()
    qtbot.waitUntil(lambda: window.tabs.count() == 2 and not window.is_loading(), timeout=600_000)
    shown = len(watch.ticks)
    qtbot.waitUntil(lambda: hasattr(window.view.check_panel, "view"), timeout=600_000)
    watch.stop()
    parsing, receiving, building = (watch.in_stage(stage) for stage in ("正在解析", "正在接收", "正在排版"))
    assert len(parsing) > 10
    # Many percents, each seen at a tick of its own: the window turned between the pieces and the slices.
    assert len({tick.percent for tick in receiving}) > 10
    assert len({tick.percent for tick in building}) > 10
    assert len(watch.ticks) > shown + 10
    assert not window.status.bar.isVisible()
    view = window.view
    assert view.path == path.resolve()
    assert view.text.line_count() > 100_000
    assert view.outline.model.section_count() > 50_000


def test_cancel_stops_the_reading_and_opens_nothing(qtbot, window, tmp_path):
    """Cancel while a big report is read: no tab opens, the progress goes away, the child process ends."""
    path = tmp_path / "大报告.txt"
    path.write_bytes(big_report(8))
    open_sanming(qtbot, window)
    window.open_files([path])
    (job,) = window.loading.jobs
    cancel = window.status.cancel_button
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
    open_sanming(qtbot, window)
    before = window.view.text.toPlainText()
    window.open_files([noise])
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=60_000)
    qtbot.waitUntil(window.message_bar.isVisible, timeout=5_000)
    assert "噪声.txt" in window.message_bar.text() and "Traceback" not in window.message_bar.text()
    assert window.tabs.count() == 1
    assert window.view.text.toPlainText() == before


def test_a_big_text_is_laid_out_after_it_shows_a_slice_at_a_time(qtbot, window, tmp_path):
    """After an 8 MB report shows, the rest of its text is laid out in many slices (Qt's own steps grow to
    200,000 characters), the event loop turning between any two of them and the scroll bar told of each; at the
    end the scroll bar reaches the whole text and its last line can be scrolled to."""
    path = tmp_path / "大报告.txt"
    path.write_bytes(big_report(8))
    window.open_files([path])
    qtbot.waitUntil(lambda: window.tabs.count() == 1 and not window.is_loading(), timeout=120_000)
    view = window.view
    events: list[str] = []
    # The editor reads the laid-out height when told the size changed; a timer of no interval ticks every turn.
    view.text.document().documentLayout().documentSizeChanged.connect(lambda _size: events.append("grew"))
    turns = QTimer(interval=0)
    turns.timeout.connect(lambda: events.append("tick"))
    turns.start()
    qtbot.waitUntil(view.text.is_fully_laid_out, timeout=120_000)
    turns.stop()
    characters = len(view.report.text)
    assert events.count("grew") > characters // 100_000
    assert ("grew", "grew") not in set(itertools.pairwise(events))
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
    findings = run_checks(sanming).findings
    protocol.send(done, protocol.FindingsPiece(findings[:2]))
    protocol.send(done, protocol.FindingsPiece(findings[2:]))
    protocol.send(done, protocol.ChecksEnd(CheckState.DONE))
    assert protocol.Receiver(done).checks() == Checks.done(findings)
    skipped = Recorded()
    protocol.send(skipped, protocol.ChecksEnd(CheckState.SKIPPED, "表中的数字无法读出"))
    assert protocol.Receiver(skipped).checks() == Checks.not_run("表中的数字无法读出")
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
    open_and_wait(qtbot, window, [SANMING])
    qtbot.waitUntil(lambda: "核对未能完成" in getattr(window.view.check_panel, "text", str)(), timeout=10_000)
    assert "规则出错" in window.view.check_panel.text()
    assert window.view.side_tabs.tabText(1) == "核对"
    assert window.view.text.toPlainText()


def test_skipped_checks_show_their_reason_not_a_count(qtbot, window, monkeypatch):
    """Checks SKIPPED are shown as such, with their reason, under 核对 without a count that would read as none."""
    import gui.window.loading

    monkeypatch.setattr(gui.window.loading, "check_report", lambda report: Checks.not_run("表中的数字无法读出"))
    open_and_wait(qtbot, window, [SANMING])
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
    open_and_wait(qtbot, window, [SANMING])
    assert window.view.checks == Checks.pending()
    qtbot.waitUntil(lambda: hasattr(window.view.check_panel, "view"), timeout=10_000)
    assert threads and threads[0] is not threading.main_thread()
    assert window.view.findings == run_checks(window.view.report).findings
    assert window.view.side_tabs.tabText(1) == f"核对（{len(window.view.findings)}）"
    assert window.loading.jobs == []


def test_closing_a_tab_stops_what_is_read_or_checked_for_it(qtbot, window, tmp_path):
    """A report whose checks have not come yet, and a big one still being read again: closing their tabs leaves
    no work going on for them."""
    open_and_wait(qtbot, window, [SANMING])
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
