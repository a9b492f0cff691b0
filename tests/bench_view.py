"""Benchmark: moving about a 10 MB report in the window; prints medians, exits 1 when a target is missed.

    .venv/bin/python tests/bench_view.py [--runs N]

The 10 MB report is `bench.big_report(10)` (the Sanming body repeated, its sections renumbered), opened
in the real window offscreen and left to finish its layout (the opening time printed includes it).
Then, each the median of N (default 20):
- choosing a section in the tree until the text has scrolled to its heading, sections picked at random
  from the whole report (a fixed seed), so most lie far from where the text stands;
- find-next with the find bar open on "政府信息公开" (thousands of hits), from hit to hit.
Target: each under 50 ms. The baseline in the same run is the same jump and find-next on the Sanming
report, which says what the size of the report adds.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtGui import QFont, QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gui.common.settings import Settings  # noqa: E402
from gui.window.main_window import MainWindow  # noqa: E402
from gui.window.report_view import ReportView  # noqa: E402
from tests.bench import SANMING, big_report  # noqa: E402

TARGET_SECONDS = 0.050
NEEDLE = "政府信息公开"


def wait_until(app: QApplication, done, seconds: float = 600) -> None:
    deadline = time.perf_counter() + seconds
    while not done():
        if time.perf_counter() > deadline:
            raise TimeoutError("the window did not finish in time")
        app.processEvents()
        time.sleep(0.005)


def open_view(app: QApplication, window: MainWindow, path: Path) -> ReportView:
    window.open_files([path])
    wait_until(app, lambda: window.view is not None and window.view.path == path.resolve() and not window.is_loading())
    view = window.view
    assert view is not None
    # Measured once the report is fully open: text laid out to its end, checks listed.
    wait_until(app, lambda: view.text.is_fully_laid_out() and hasattr(view.check_panel, "view"))
    app.processEvents()
    return view


def section_jumps(app: QApplication, view: ReportView, runs: int) -> float:
    """Median seconds from choosing a section until the text shows its heading at the top."""
    sections = list(view.report.walk())
    chosen = random.Random(2017).sample(sections, min(runs, len(sections)))
    times = []
    for section in chosen:
        start = time.perf_counter()
        view.outline.show_section(section)
        view.outline.section_chosen.emit(section)
        app.processEvents()
        times.append(time.perf_counter() - start)
        assert heading_is_at_top(view, section), section.heading
    return statistics.median(times)


def heading_is_at_top(view: ReportView, section) -> bool:
    """Whether the row showing the section's heading is at the top of the text (or the text cannot scroll on)."""
    cursor = QTextCursor(view.text.document())
    cursor.setPosition(view.text.text_map().position_near_offset(section.start))
    top = view.text.cursorRect(cursor).top()
    bar = view.text.verticalScrollBar()
    return 0 <= top < view.text.fontMetrics().height() * 3 or (bar.value() == bar.maximum() and top >= 0)


def find_steps(app: QApplication, view: ReportView, runs: int) -> tuple[float, int]:
    """Median seconds of find-next, and how many hits there are."""
    view.find_bar.open_bar()
    view.find_bar.edit.setText(NEEDLE)  # as typed: every hit highlighted, the first one shown
    app.processEvents()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        view.step_find(1)
        app.processEvents()
        times.append(time.perf_counter() - start)
    return statistics.median(times), view.text.hit_count()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "十兆报告.txt"
        big.write_bytes(big_report(10))
        settings = Settings(QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
        window = MainWindow(settings, QFont().family())
        window.resize(1600, 1000)
        window.show()
        rows = []
        for name, path in (("Sanming", SANMING), ("10 MB", big)):
            start = time.perf_counter()
            view = open_view(app, window, path)
            opened = time.perf_counter() - start
            jump = section_jumps(app, view, runs)
            find, hits = find_steps(app, view, runs)
            rows.append((name, opened, jump, find, hits))
        window.close()
    print(f"{'report':<10}{'opened (s)':>12}{'section (ms)':>14}{'find-next (ms)':>16}{'hits':>8}")
    for name, opened, jump, find, hits in rows:
        print(f"{name:<10}{opened:>12.2f}{jump * 1000:>14.1f}{find * 1000:>16.1f}{hits:>8}")
    _, _, jump, find, _ = rows[-1]
    missed = [label for label, value in (("section", jump), ("find-next", find)) if value >= TARGET_SECONDS]
    for label in missed:
        print(f"MISSED: {label} on 10 MB takes 50 ms or more")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
