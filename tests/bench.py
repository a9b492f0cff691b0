"""Benchmark: parse and check times, printed as medians with ratios; exits 1 when a target is missed.

    .venv/bin/python tests/bench.py

Targets: the Sanming report parses in under 5 ms; a 10 MB report (the Sanming body repeated with
its sections renumbered) in under 1 s, and ten times that text in at most eleven times as long.
The baseline measured in the same run is reading and decoding the same bytes (the least any
parser must do), so the ratios say what the outline and tables cost on this machine.

The 10 MB and 100 MB reports are each parsed in a new process, as the window parses a big report
(gui.parse_process): a process that has parsed before reuses the memory it freed, and its later
runs were 15-25% faster than its first, which made the 10 MB figure look faster next to a 100 MB
one parsed once.

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
from models.checks import run_checks  # noqa: E402
from models.decoding import decode  # noqa: E402

SANMING = ROOT / "resources" / "reports" / "sanming-2017.txt"
_CN = "〇一二三四五六七八九"


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
            piece = f"{_numeral(number % 99 + 1)}、{chapter}"
            parts.append(piece)
            size += len(piece.encode("utf-8"))
            number += 1
    return "".join(parts).encode("utf-8")


def parse_seconds_in_new_process(megabytes: int, runs: int) -> float:
    """The median time `parse_report` takes on `big_report(megabytes)`, each run in a process of its own."""
    times = []
    for _ in range(runs):
        result = subprocess.run(
            [sys.executable, __file__, "--parse-once", str(megabytes)], capture_output=True, text=True, check=True
        )
        times.append(float(result.stdout))
    return statistics.median(times)


def _parse_once(megabytes: int) -> None:
    data = big_report(megabytes)
    start = time.perf_counter()
    parse_report(data)
    print(time.perf_counter() - start)


def bench_checks(sanming: bytes, ten: bytes) -> list[str]:
    """The checks on Sanming, 1 MB and 10 MB (reports parsed beforehand); the missed targets."""
    small = parse_report(sanming)
    check_small = median_seconds(lambda: run_checks(small), 20)
    one, ten_report = parse_report(big_report(1)), parse_report(ten)
    check_one = median_seconds(lambda: run_checks(one), 3)
    check_ten = median_seconds(lambda: run_checks(ten_report), 3)
    ratio = check_ten / check_one
    print(
        f"Checks: Sanming {check_small * 1000:.1f} ms median, 1 MB {check_one:.3f} s, 10 MB {check_ten:.3f} s; "
        f"×10 text took ×{ratio:.2f} time; target ≤ 11"
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
    parse_ten = parse_seconds_in_new_process(10, 5)
    decode_ten = median_seconds(lambda: decode(ten), 3)
    print(f"10 MB: parse {parse_ten:.3f} s median of 5 (decode alone {decode_ten:.3f} s); target < 1 s")
    if parse_ten >= 1.0:
        failures.append("10 MB parse ≥ 1 s")
    parse_hundred = parse_seconds_in_new_process(100, 3)
    ratio = parse_hundred / parse_ten
    print(f"100 MB: parse {parse_hundred:.3f} s median of 3; ×10 text took ×{ratio:.2f} time; target ≤ 11")
    if ratio > 11:
        failures.append("parsing grows faster than the text")
    failures += bench_checks(data, ten)
    for failure in failures:
        print(f"MISSED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--parse-once"]:
        _parse_once(int(sys.argv[2]))
    else:
        sys.exit(main())
