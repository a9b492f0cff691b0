"""Benchmark: how long the window's event loop waits while a big report is read, built, laid out and checked;
prints the longest waits, exits 1 when a target is missed.

    .venv/bin/python tests/bench_responsive.py [--megabytes N]

The report is `bench.big_report(N)` (default 50: the Sanming body repeated, its sections renumbered), opened in
the real window offscreen, run by its own event loop, after the Sanming report: the side panels' first import of
pandas and pyqtgraph is paid once per run of the program, whatever the report, and is not measured. As the program
does (main.py, gui.window.app), Python's cycle collector is paused while the window starts, and what the start
made is frozen out of its walks once the Sanming report is fully open.

A timer ticking every 10 ms records the longest wait between two of its ticks in each stage:
- reading: from the file chosen until the report has arrived (the child process parses it, 正在解析; the window
  receives it in pieces, 正在接收);
- building: its document built a slice per turn of the event loop (正在排版);
- after it shows: the rest of its text laid out (gui.text.layout_pacer) and its findings listed under 核对.
Target: every wait under 100 ms. The baseline in the same run is the longest wait of the same timer over two
seconds of the window sitting idle on the Sanming report: what this machine's timers give with no work to do.

Earlier figures, 2 cores, 50 MB, four runs: 20-29 ms while read, 38-46 ms while built (the longest: the outline of
5,400 top-level headings laid out in a turn of its own, gui.common.turns). Before the window's slices took turns, a
slice of the text, that layout and the new tab's first paint came in one turn: 61-86 ms, once 105 ms in a whole run.
Left to Qt, the layout after the report shows goes in steps that grow to 200,000 characters, a quarter of a second
each. This script's first run, 2 cores shared with other work, 50 MB: 12 ms idle, 27 ms reading, 114 ms building,
66 ms after it shows.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models.load import memory  # noqa: E402

memory.pause_for_start()  # before Qt loads, as main.py does

from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QFont  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gui.common.settings import Settings  # noqa: E402
from gui.window.main_window import MainWindow  # noqa: E402
from gui.window.report_view import ReportView  # noqa: E402
from tests.bench import SANMING, big_report  # noqa: E402

TARGET_SECONDS = 0.100
TICK_MILLISECONDS = 10
IDLE_SECONDS = 2.0
STAGES = ("reading", "building", "after it shows")


class Waits:
    """A timer ticking every 10 ms: the longest wait between two ticks in each stage, and each stage's length.
    A wait counts in the stage the window is in when it ends."""

    def __init__(self, stage_of: Callable[[], str]) -> None:
        self._stage_of = stage_of
        self.longest: dict[str, float] = {}
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()
        self._timer = QTimer(interval=TICK_MILLISECONDS, timerType=Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_tick)
        self._timer.start()

    def _on_tick(self) -> None:
        now = time.perf_counter()
        wait, self._last = now - self._last, now
        stage = self._stage_of()
        self.longest[stage] = max(self.longest.get(stage, 0.0), wait)
        self.seconds[stage] = self.seconds.get(stage, 0.0) + wait

    def stop(self) -> None:
        self._timer.stop()


def run_until(done: Callable[[], bool], seconds: float = 900) -> None:
    """Run the event loop, as the program's own does, until `done()`; looked at every 20 ms."""
    loop = QEventLoop()
    deadline = time.perf_counter() + seconds
    check = QTimer(interval=20)
    check.timeout.connect(lambda: (done() or time.perf_counter() > deadline) and loop.quit())
    check.start()
    if not done():
        loop.exec()
    check.stop()
    if not done():
        raise TimeoutError("the window did not finish in time")


def view_of(window: MainWindow, path: Path) -> ReportView | None:
    return next((view for view in window.views() if view.path == path.resolve()), None)


def is_fully_open(view: ReportView | None) -> bool:
    """Whether `view` shows its whole text laid out and its findings listed."""
    return view is not None and view.text.is_fully_laid_out() and hasattr(view.check_panel, "view")


def stage_of(window: MainWindow, path: Path) -> str:
    view = view_of(window, path)
    if window.loading.is_reading() or view is None:
        return "reading"
    return "building" if view.text.is_laying_out() else "after it shows"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--megabytes", type=float, default=50)
    megabytes = parser.parse_args().megabytes
    _app = QApplication.instance() or QApplication(sys.argv[:1])  # alive until the end: the window needs it
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "大报告.txt"
        big.write_bytes(big_report(megabytes))
        settings = Settings(QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
        window = MainWindow(settings, QFont().family())
        window.resize(1400, 900)
        window.open_files([SANMING])
        window.show()
        run_until(lambda: is_fully_open(view_of(window, SANMING)))
        memory.start_done()
        idle = Waits(lambda: "idle")
        run_until(lambda: idle.seconds.get("idle", 0.0) >= IDLE_SECONDS)
        idle.stop()
        waits = Waits(lambda: stage_of(window, big))
        start = time.perf_counter()
        window.open_files([big])
        run_until(lambda: stage_of(window, big) == "after it shows")
        shown = time.perf_counter() - start
        run_until(lambda: is_fully_open(view_of(window, big)))
        waits.stop()
        ready = time.perf_counter() - start
        lines = view_of(window, big).text.line_count()
        window.close()
    print(f"{megabytes:g} MB ({lines} lines): shown after {shown:.1f} s, laid out and checked after {ready:.1f} s")
    print(f"{'stage':<18}{'seconds':>9}{'longest wait (ms)':>19}")
    print(f"{'idle (baseline)':<18}{idle.seconds['idle']:>9.1f}{idle.longest['idle'] * 1000:>19.0f}")
    for stage in STAGES:
        if stage in waits.longest:
            print(f"{stage:<18}{waits.seconds[stage]:>9.1f}{waits.longest[stage] * 1000:>19.0f}")
    missed = [stage for stage in STAGES if waits.longest.get(stage, 0.0) >= TARGET_SECONDS]
    for stage in missed:
        print(f"MISSED: the event loop waited 100 ms or more ({stage})")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
