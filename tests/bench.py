"""Benchmark: parse and check times, printed as medians with ratios; exits 1 when a target is missed.

    .venv/bin/python tests/bench.py

Targets: the Sanming report parses in under 5 ms; a 10 MB report (the Sanming body repeated with
its sections renumbered) in under 1 s, and ten times that text in at most eleven times as long.
The baseline measured in the same run is reading and decoding the same bytes (the least any
parser must do), so the ratios say what the outline and tables cost on this machine.

The 10 MB and 100 MB reports are each parsed (and the 1 MB and 10 MB ones checked) in a new process,
as the window parses and checks a big report (models.load.child): a process that has parsed before
reuses the memory it freed, and its later runs were 15-25% faster than its first, which made the
10 MB figure look faster next to a 100 MB one parsed once.

The checks (`run_checks`, the 核对 panel's findings, run in the background after the report shows)
are measured the same way on the parsed report: Sanming, 1 MB and 10 MB; ten times the text must
take at most eleven times as long (they once took 16 minutes on 50 MB, growing with its square).
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models import parse_report  # noqa: E402
from models.checks.run import run_checks  # noqa: E402
from models.read.decoding import decode  # noqa: E402

SANMING = ROOT / "resources" / "reports" / "sanming-2017.txt"
_CN = "〇一二三四五六七八九"
# Runs of the smaller and the larger report, one after the other, for each growth ratio. Single pairs of the
# checks' runs on the same code ranged from ×7.6 to ×12.8 (the 1 MB run's 0.16-0.25 s varies most), and the
# median of 7 pairs, the smaller always first, once came out at ×11.26 where the same code had given ×8.6.
PAIRS = 9


def median_seconds(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _numeral(number: int) -> str:
    if number < 10:
        return _CN[number]
    tens, ones = divmod(number, 10)
    return (_CN[tens] if tens > 1 else "") + "十" + (_CN[ones] if ones else "")


def big_report(megabytes: float) -> bytes:
    """The Sanming body (no appendix, no page furniture) repeated, its top sections renumbered 一、 …"""
    text = SANMING.read_text("utf-8")
    body = text[text.index("一、概述") : text.index("指标名称")]
    chapters = re.split(r"(?m)^(?=[一二三四五六]、)", body)
    chapters = [chapter[2:] for chapter in chapters if chapter]
    parts, size, number = [text[: text.index("一、概述")]], 0, 1
    while size < megabytes * 1_000_000:
        for chapter in chapters:
            piece = f"{_numeral((number - 1) % 99 + 1)}、{chapter}"
            parts.append(piece)
            size += len(piece.encode("utf-8"))
            number += 1
    return "".join(parts).encode("utf-8")


def paired_seconds_in_new_processes(work: str, small: int, large: int, runs: int) -> tuple[float, float, float]:
    """How long `work` ("parse", or "checks" on the parsed report) takes on `big_report(small)` and on
    `big_report(large)`, each run in a process of its own: the two medians, and the median of the ratios
    of runs made one after the other (this machine's speed drifts by a third within minutes, and a ratio of
    runs far apart drifted with it). The smaller runs first in one pair and second in the next."""
    pairs = []
    for number in range(runs):
        seconds = {}
        for megabytes in (small, large) if number % 2 == 0 else (large, small):
            command = [sys.executable, __file__, "--once", work, str(megabytes)]
            seconds[megabytes] = float(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
        pairs.append((seconds[small], seconds[large]))
    return (
        statistics.median(pair[0] for pair in pairs),
        statistics.median(pair[1] for pair in pairs),
        statistics.median(pair[1] / pair[0] for pair in pairs),
    )


def _once(work: str, megabytes: int) -> None:
    run_checks(parse_report(SANMING.read_bytes()))  # what the first call pays once (patterns compiled) is not timed
    data = big_report(megabytes)
    if work == "parse":
        print(median_seconds(lambda: parse_report(data), 1))
    else:
        report = parse_report(data)
        print(median_seconds(lambda: run_checks(report), 1))


def bench_checks(sanming: bytes) -> list[str]:
    """The checks on Sanming, 1 MB and 10 MB (reports parsed beforehand); the missed targets."""
    small = parse_report(sanming)
    check_small = median_seconds(lambda: run_checks(small), 20)
    check_one, check_ten, ratio = paired_seconds_in_new_processes("checks", 1, 10, PAIRS)
    print(
        f"Checks: Sanming {check_small * 1000:.1f} ms median, 1 MB {check_one:.3f} s, 10 MB {check_ten:.3f} s "
        f"(medians of {PAIRS}); ×10 text took ×{ratio:.2f} time (median of the pairs' ratios); target ≤ 11"
    )
    return ["checks grow faster than the text"] if ratio > 11 else []


def main() -> int:
    failures = []
    data = SANMING.read_bytes()
    decode_small = median_seconds(lambda: decode(data), 50)
    parse_small = median_seconds(lambda: parse_report(data), 50)
    print(
        f"Sanming ({len(data) / 1000:.0f} kB): parse {parse_small * 1000:.2f} ms median "
        f"(decode alone {decode_small * 1000:.2f} ms, ratio {parse_small / decode_small:.1f}×); target < 5 ms"
    )
    if parse_small >= 0.005:
        failures.append("Sanming parse ≥ 5 ms")
    ten = big_report(10)
    decode_ten = median_seconds(lambda: decode(ten), 3)
    parse_ten, parse_hundred, ratio = paired_seconds_in_new_processes("parse", 10, 100, PAIRS)
    print(f"10 MB: parse {parse_ten:.3f} s median of {PAIRS} (decode alone {decode_ten:.3f} s); target < 1 s")
    if parse_ten >= 1.0:
        failures.append("10 MB parse ≥ 1 s")
    print(f"100 MB: parse {parse_hundred:.3f} s median of {PAIRS}; ×10 text took ×{ratio:.2f} time; target ≤ 11")
    if ratio > 11:
        failures.append("parsing grows faster than the text")
    failures += bench_checks(data)
    for failure in failures:
        print(f"MISSED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--once"]:
        _once(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit(main())
