"""Memory when opening reports one after another: does it level off, or grow with every report?

    .venv/bin/python tests/memory_check.py [--opens 20] [--no-window]

Opens the real reports (tests/reports and the bundled one) in turn, `--opens` times, twice over, and
prints the memory after each open: Python's own allocations (tracemalloc) and the process's resident
size (RSS, from /proc). Two passes separate what the first pass legitimately builds (imports, caches,
fonts) from growth that never stops: the second pass reopens the same reports, so it should cost
almost nothing. Two ways of opening are measured:

- model: `load_report`, the checks and every export, keeping only the current report, as a reader
  that replaces the open report does;
- window: one offscreen `MainWindow` opening each report in turn with its side panels built, as a
  reader clicking File → Open twenty times does.

Before the window, a probe of the Qt binding itself: on CPython before 3.12, where None is not
immortal, a binding that forgets to count a reference to None on each call drains None's count until
the interpreter aborts ("Fatal Python error: none_dealloc"); PySide6 6.12.0 does this on every call of
a method returning nothing.

Exits 1 when the second pass grows more than the limits below (the first pass is only reported), or
when the binding loses references to None.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REPORTS = [ROOT / "resources" / "reports" / "sanming-2017.txt", *sorted((ROOT / "tests" / "reports").iterdir())]
# Allowed growth over the whole second pass: a little for caches that fill late, nothing per report.
MODEL_LIMIT_MB = 2.0
WINDOW_LIMIT_MB = 15.0
MB = 2**20
_KEEP: list[object] = []


def rss_bytes() -> int:
    """The resident set size of this process, from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def measure(
    label: str,
    opens: int,
    open_one: Callable[[Path], None],
    settle: Callable[[], None],
    objects: Callable[[], int] = lambda: len(gc.get_objects()),
) -> tuple[float, float]:
    """Open `opens` reports twice over; print each step; return the second pass's growth (Python, RSS) in MB."""
    print(f"\n{label}: {opens} opens, twice over")
    print(f"{'pass':>4} {'open':>4}  {'report':<28} {'python MB':>10} {'peak MB':>8} {'RSS MB':>8} {'objects':>8}")
    marks: list[tuple[int, int]] = []
    for pass_number in (1, 2):
        for i in range(opens):
            path = REPORTS[i % len(REPORTS)]
            try:
                open_one(path)
                settle()
            except Exception as error:  # a failure to open is reported, and the measuring goes on
                print(f"     could not open {path.name}: {type(error).__name__}: {error}")
            gc.collect()
            current, peak = tracemalloc.get_traced_memory()
            rss = rss_bytes()
            sizes = f"{current / MB:>10.2f} {peak / MB:>8.2f} {rss / MB:>8.1f}"
            print(f"{pass_number:>4} {i + 1:>4}  {path.name:<28} {sizes} {objects():>8}")
            if i == 0 or i == opens - 1:
                marks.append((current, rss))
    (_, _), (end1_py, end1_rss), (_, _), (end2_py, end2_rss) = marks
    python_growth, rss_growth = (end2_py - end1_py) / MB, (end2_rss - end1_rss) / MB
    print(f"{label}: second pass grew Python {python_growth:+.2f} MB, RSS {rss_growth:+.1f} MB")
    return python_growth, rss_growth


def model_run(opens: int) -> bool:
    from models import load_report
    from models.checks.run import run_checks
    from models.export.formats import FORMATS
    from models.export.writing import export_bytes

    held: list[object] = []

    def open_one(path: Path) -> None:
        report = load_report(path)
        run_checks(report)
        for kind, formats in FORMATS.items():
            for fmt in formats:
                export_bytes(report, kind, fmt)
        held[:] = [report]  # the reader keeps the open report, and only it

    python_growth, _ = measure("model", opens, open_one, lambda: None)
    return python_growth <= MODEL_LIMIT_MB


def binding_probe() -> bool:
    """True when calling Qt methods that return nothing leaves None's reference count as it was."""
    import PySide6
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    probe = QObject()
    calls = 1000
    before = sys.getrefcount(None)
    for _ in range(calls):
        app.processEvents()
        probe.setObjectName("probe")
    lost = before - sys.getrefcount(None)
    print(f"\nQt binding: PySide6 {PySide6.__version__} on Python {sys.version.split()[0]}: ", end="")
    print(f"None lost {lost} references over {2 * calls} calls (None holds {sys.getrefcount(None)} now)")
    return lost < calls // 10


def descendants(parent: QObject) -> int:
    """How many Qt objects `parent` holds, at any depth.

    Not `len(parent.findChildren(QObject))`: PySide6 keeps every wrapper findChildren returns alive
    as long as `parent` lives, even after Qt deletes the object, so counting that way grew memory with
    every report it counted (594 wrappers of deleted widgets over a pass of 20 opens).
    """
    return sum(1 + descendants(child) for child in parent.children())


def window_run(opens: int) -> bool:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from gui.common.settings import Settings
    from gui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow(Settings(), QApplication.font().family())
    window.show()

    def settle() -> None:
        for _ in range(5):  # side panels are built on a zero timer after each open
            app.processEvents()
        # What a running event loop does between two opens: delete what deleteLater() let go.
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)

    # The window's Qt children: widgets a new report replaces should go, not pile up.
    _, rss_growth = measure("window", opens, window.open_report, settle, lambda: descendants(window))
    window.close()
    window.deleteLater()
    app.processEvents()
    _KEEP.append(app)  # destroyed at exit, after every widget, as Qt expects
    return rss_growth <= WINDOW_LIMIT_MB


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--opens", type=int, default=20)
    parser.add_argument("--no-window", action="store_true", help="measure the model only")
    args = parser.parse_args()
    tracemalloc.start()
    ok = model_run(args.opens)
    if not args.no_window:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="nianbao-memory-")
        binding_ok = binding_probe()
        ok = window_run(args.opens) and binding_ok and ok
        if not binding_ok:
            print("\nFAIL: this Qt binding drains None's reference count: a long session aborts")
            sys.stdout.flush()
            os._exit(1)  # the interpreter's own shutdown would abort on None's count now, hiding this report
    print("\nOK: memory levels off" if ok else "\nFAIL: memory keeps growing with every report")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
