"""Start-up benchmark: the reader against two minimal PySide6 scripts, each started as a new process.

    .venv/bin/python tests/bench_startup.py [--runs N]

Figures from N runs of each script, offscreen, the scripts taking turns (default 21: one run's times vary by
a fifth on this machine). Each ratio is the median of the N ratios of a reader's run to the baseline's run
in the same round: the machine's speed drifts over minutes, and the ratio of the two medians of 21 put the same
code's first frame anywhere from 1.18 to 1.32 in four tries, the median of the paired ratios 1.21 to 1.25.
The times printed are the medians of each script's runs.
- first frame: process start until the report's text is first painted (tree and text filled);
  baseline: a minimal script that shows a QTreeView and a QPlainTextEdit holding the same report.
- fully ready: process start until the indicator plot is first painted; baseline: a minimal script
  that imports PySide6, pandas and pyqtgraph and draws one bar plot.
- peak memory (max RSS) of the reader against that second script.
Targets: first frame ≤ 1.3× its baseline, fully ready ≤ 1.0× and peak memory ≤ 1.1× theirs.
Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import ast
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "resources" / "reports" / "sanming-2017.txt"

# Each child prints {"first": seconds, "ready": seconds} measured from the parent's start time, taken
# from the first paint of a text view and of a pyqtgraph plot. The probe wraps the views' paintEvent as
# soon as PySide6.QtWidgets loads, whoever imports it: the reader starts as a user's does, with Qt loaded
# by the window's own imports (a probe that imported Qt first would make the reader fork a process with
# Qt in it). It installs no application-wide event filter, which would wrap every object that gets an
# event in Python and cost the reader, with its many widgets, far more than the bare scripts.
PROBE = """
import importlib.util, signal, sys, time
T0 = float(sys.argv[1])
signal.alarm(120)  # a child that never paints ends
marks = {}
def on_first_paint(mark, original, kind):
    def paintEvent(self, event):
        original(self, event)
        if mark not in marks and kind in {c.__name__ for c in type(self).__mro__}:
            marks[mark] = time.time() - T0
            if WANT <= marks.keys():
                from PySide6.QtCore import QTimer
                from PySide6.QtWidgets import QApplication
                QTimer.singleShot(0, QApplication.instance().quit)
    return paintEvent
class WatchPaints:
    def find_spec(self, name, path=None, target=None):
        if name != "PySide6.QtWidgets":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        load = spec.loader.exec_module
        def exec_module(widgets):
            load(widgets)
            for view, kind, mark in (("QTextEdit", "QTextEdit", "first"), ("QPlainTextEdit", "QPlainTextEdit", "first"),
                                     ("QGraphicsView", "PlotWidget", "ready")):
                cls = getattr(widgets, view)
                cls.paintEvent = on_first_paint(mark, cls.paintEvent, kind)
        spec.loader.exec_module = exec_module
        return spec
sys.meta_path.insert(0, WatchPaints())
"""

READER = """
WANT = {"first", "ready"}
import runpy
sys.argv = [ROOT + "/main.py"]  # started as a user starts it: main.py with no report (the bundled one)
try:
    runpy.run_path(ROOT + "/main.py", run_name="__main__")
except SystemExit:
    pass
print(marks)
"""

TREE_AND_TEXT = """
WANT = {"first"}
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QSplitter, QTreeView
app = QApplication(sys.argv[:1])
text = open(REPORT, encoding="utf-8").read()
model = QStandardItemModel()
for line in text.splitlines():
    if line[:1] in "一二三四五六(（" :
        model.appendRow(QStandardItem(line[:30]))
splitter = QSplitter()
tree = QTreeView(); tree.setModel(model)
view = QPlainTextEdit(); view.setPlainText(text); view.setReadOnly(True)
splitter.addWidget(tree); splitter.addWidget(view); splitter.resize(1600, 1000); splitter.show()
app.exec()
print(marks)
"""

LIBRARIES_AND_PLOT = """
WANT = {"ready"}
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
import pandas, pyqtgraph
frame = pandas.DataFrame({"year": [34073, 154, 154], "total": [364686, 1844, 1844]})
plot = pyqtgraph.PlotWidget()
plot.addItem(pyqtgraph.BarGraphItem(x0=0, y=range(len(frame)), height=0.4, width=frame["year"].to_list()))
plot.resize(800, 600); plot.show()
app.exec()
print(marks)
"""


def run_child(body: str) -> tuple[dict[str, float], int]:
    """Start one child process; its marks and its peak memory (KiB)."""
    code = PROBE + body
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(Path("/tmp/nianbao-bench-home"))}
    # Measured as a user runs it: with Python's bytecode cache (the warm-up run writes it).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    setup = f"ROOT = {str(ROOT)!r}; REPORT = {str(REPORT)!r}\n"
    start = time.time()
    process = subprocess.Popen(
        [sys.executable, "-c", setup + code, repr(start)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    _, status, usage = os.wait4(process.pid, 0)
    out = process.stdout.read().decode() if process.stdout else ""
    if status != 0 or not out.strip():
        err = process.stderr.read().decode() if process.stderr else ""
        raise RuntimeError(f"child failed ({status}): {err[-2000:]}")
    return ast.literal_eval(out.strip().splitlines()[-1]), usage.ru_maxrss


def measure(bodies: list[str], runs: int) -> list[list[tuple[dict[str, float], int]]]:
    """Each body's marks and peak memory, run after run. The bodies take turns, so that a busy moment hits
    them alike, in an order reversed every other round: a body in the middle runs next to each of the others,
    before it in one round and after it in the next."""
    results: list[list[tuple[dict[str, float], int]]] = [[] for _ in bodies]
    for round_number in range(runs):
        order = list(enumerate(bodies))
        for number, body in order[::-1] if round_number % 2 else order:
            results[number].append(run_child(body))
    return results


def compare(ours: list[float], theirs: list[float]) -> tuple[float, float, float]:
    """The medians of both, and the median of the ratios of the runs made in the same round."""
    ratios = [a / b for a, b in zip(ours, theirs, strict=True)]
    return statistics.median(ours), statistics.median(theirs), statistics.median(ratios)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    Path("/tmp/nianbao-bench-home").mkdir(exist_ok=True)
    run_child(READER)  # warm the disk cache and Python's bytecode cache
    tree_and_text, reader, libraries = measure([TREE_AND_TEXT, READER, LIBRARIES_AND_PLOT], runs)
    rows = [
        ("first frame", *compare([r[0]["first"] for r in reader], [r[0]["first"] for r in tree_and_text]), 1.3),
        ("fully ready", *compare([r[0]["ready"] for r in reader], [r[0]["ready"] for r in libraries]), 1.0),
        ("peak memory (MiB)", *compare([r[1] / 1024 for r in reader], [r[1] / 1024 for r in libraries]), 1.1),
    ]
    missed = False
    print(f"{'figure':<20}{'reader':>10}{'baseline':>10}{'ratio':>8}{'target':>8}")
    for name, ours, theirs, ratio, target in rows:
        missed |= ratio > target
        flag = "" if ratio <= target else "  MISSED"
        print(f"{name:<20}{ours:>10.3f}{theirs:>10.3f}{ratio:>8.2f}{target:>8.1f}{flag}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
