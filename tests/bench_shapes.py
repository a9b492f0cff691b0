"""Benchmark: texts of odd shapes, parsed and checked, at a size and at ten times it; exits 1 when a target is missed.

    .venv/bin/python tests/bench_shapes.py [--rounds 3] [--only NAME]

Each shape is a text no report is, made to find work that grows faster than the text or memory that has no
bound: a million headings `一、概述` one a line; one line of 50 MB of ordinary report text (the Sanming body with
its line breaks taken out, repeated); ten million opening brackets `（`; five million short lines; a run of
400 kB of digits in a table row (a figure of the appendix, and a row's name) and in the body text (a figure,
a share, a completion rate, a list's total); runs of `、` in a list of figures. Each runs at a size N and at
10N, and the text is written to a file first, so that what is timed is what the reader does with a file:
read it (`load_report`), then check it (`run_checks`).

Every run is a new process, run under `/usr/bin/time -v` (Debian package `time`) for its maximum resident
size; without that program, a small Python wrapper reads `resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`
after the run. The process itself times reading and checking (`time.perf_counter`), so the interpreter's start
is not counted. The pair of runs of one round is made one after the other, the smaller first in one round and
second in the next (this machine's speed drifts within minutes; a ratio of runs far apart drifts with it).

Targets, for each shape: ten times the text takes at most eleven times as long (the median of the rounds'
ratios of read-and-check time), and no process's maximum resident size goes over 1 GB. Printed: for each
shape and size the median read and check times and the largest resident size, and the ratio. The whole runs
in about four minutes on a 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SANMING = ROOT / "resources" / "reports" / "sanming-2017.txt"
GROWTH = 11.0
RSS_LIMIT_MB = 1024
TIME = "/usr/bin/time"
_RSS = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")


def _sanming() -> str:
    return SANMING.read_text("utf-8")


def headings(count: int) -> str:
    """`count` lines of the same heading."""
    return "一、概述\n" * count


def one_line(size: int) -> str:
    """About `size` bytes of the Sanming report's text on one line."""
    body = _sanming().replace("\n", "")
    return (body * (size // len(body.encode("utf-8")) + 1))[: size // 3]  # CJK text: 3 bytes a character


def brackets(count: int) -> str:
    return "（" * count


def short_lines(count: int) -> str:
    return "短行\n" * count


def digits_in_a_row(length: int) -> str:
    """The Sanming report with a run of `length` digits as the appendix's first figure and as a row's name."""
    run = "1" * length
    text = _sanming().replace("主动公开文件数\n\n34073", f"主动公开文件数\n\n{run}", 1)
    return text.replace("受理政府信息公开申请总数", run, 1)


def digits_in_the_text(length: int) -> str:
    """The Sanming report with runs of `length` digits where its body states figures, shares and rates."""
    run = "1" * length
    sentence = (
        f"受理申请{run}件，办结{run}件，办结率{run}%。共受理申请{run}件，其中当面申请{run}件，占{run}.{run}%；"
        f"网上申请1件，占{run}%，{run}%占。其中：{run}\n"
    )
    return _sanming().replace("34073", run, 1).replace("(二)附表。", sentence + "(二)附表。", 1)


def enumeration_marks(count: int) -> str:
    """The Sanming report with runs of `count` enumeration commas, alone and inside a list of figures."""
    many = "、" * count
    sentence = f"{many}\n共受理申请120件，其中{many}当面申请30件、{many}网上申请90件{many}。\n"
    return _sanming().replace("(二)附表。", sentence + "(二)附表。", 1)


# name: (what makes the text, N, how N is counted)
SHAPES: dict[str, tuple[Callable[[int], str], int, str]] = {
    "headings": (headings, 100_000, "lines of 一、概述"),
    "one line": (one_line, 5_000_000, "bytes on one line"),
    "brackets": (brackets, 1_000_000, "（"),
    "short lines": (short_lines, 500_000, "lines"),
    "digits in a row": (digits_in_a_row, 40_000, "digits a run"),
    "digits in the text": (digits_in_the_text, 40_000, "digits a run"),
    "enumeration marks": (enumeration_marks, 100_000, "、 a run"),
}


def _run_once(path: str) -> None:
    """In a new process: read and check the report at `path`, print the seconds each took as JSON."""
    sys.path.insert(0, str(ROOT))
    from models import load_report
    from models.checks.run import run_checks

    start = time.perf_counter()
    report = load_report(path)
    read = time.perf_counter()
    run_checks(report)
    checked = time.perf_counter()
    print(json.dumps({"read": read - start, "checks": checked - read}))


def _measure(path: Path) -> tuple[float, float, float]:
    """Seconds to read, seconds to check, and the maximum resident size in MB, of one new process."""
    own = [sys.executable, __file__, "--once", str(path)]
    if shutil.which(TIME):
        done = subprocess.run([TIME, "-v", *own], capture_output=True, text=True, check=True)
        found = _RSS.search(done.stderr)
        assert found is not None, done.stderr
        rss_kb = int(found.group(1))
        seconds = json.loads(done.stdout)
    else:
        wrapper = (
            "import json, resource, subprocess, sys\n"
            "out = subprocess.run(sys.argv[1:], capture_output=True, text=True, check=True).stdout\n"
            "print(json.dumps([json.loads(out), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))\n"
        )
        done = subprocess.run([sys.executable, "-c", wrapper, *own], capture_output=True, text=True, check=True)
        seconds, rss_kb = json.loads(done.stdout)
    return seconds["read"], seconds["checks"], rss_kb / 1024


def bench_shape(name: str, folder: Path, rounds: int) -> list[str]:
    """Run one shape at N and 10N for `rounds` rounds; print its figures; return the targets it missed."""
    make, size, unit = SHAPES[name]
    sizes = (size, 10 * size)
    paths = {}
    for n in sizes:
        paths[n] = folder / f"{name.replace(' ', '-')}-{n}.txt"
        paths[n].write_text(make(n), "utf-8")
    runs: dict[int, list[tuple[float, float, float]]] = {n: [] for n in sizes}
    for number in range(rounds):
        for n in sizes if number % 2 == 0 else sizes[::-1]:
            runs[n].append(_measure(paths[n]))
    pairs = zip(runs[sizes[0]], runs[sizes[1]], strict=True)
    ratios = [(large[0] + large[1]) / (small[0] + small[1]) for small, large in pairs]
    ratio = statistics.median(ratios)
    missed = []
    for n in sizes:
        read = statistics.median(run[0] for run in runs[n])
        checks = statistics.median(run[1] for run in runs[n])
        rss = max(run[2] for run in runs[n])
        megabytes = paths[n].stat().st_size / 1e6
        print(
            f"  {n:>11,} {unit} ({megabytes:,.1f} MB): read {read:7.3f} s, checks {checks:7.3f} s, "
            f"max RSS {rss:6.0f} MB"
        )
        if rss > RSS_LIMIT_MB:
            missed.append(f"{name}: {n:,} {unit} took {rss:.0f} MB (limit {RSS_LIMIT_MB} MB)")
    print(f"  ×10 text took ×{ratio:.2f} time (median of {rounds}: {', '.join(f'{r:.2f}' for r in ratios)})")
    if ratio > GROWTH:
        missed.append(f"{name}: ×10 text took ×{ratio:.2f} time (target ≤ {GROWTH:g})")
    for n in sizes:
        paths[n].unlink()
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", choices=list(SHAPES), help="run this shape alone")
    args = parser.parse_args()
    started = time.perf_counter()
    missed = []
    print(f"max RSS from {TIME} -v" if shutil.which(TIME) else "max RSS from getrusage (no /usr/bin/time)")
    with tempfile.TemporaryDirectory(prefix="nianbao-shapes-") as folder:
        for name in [args.only] if args.only else SHAPES:
            print(f"{name}:", flush=True)
            missed += bench_shape(name, Path(folder), args.rounds)
    print(f"({time.perf_counter() - started:.0f} s in all)")
    for miss in missed:
        print(f"MISSED: {miss}")
    return 1 if missed else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--once"]:
        _run_once(sys.argv[2])
    else:
        sys.exit(main())
