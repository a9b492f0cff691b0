"""Benchmark: reading a Word-exported PDF report with its tables, against other readers of the same file.

    .venv/bin/python tests/bench_pdf.py

The file is tests/reports/word/pingtan-2023-word.pdf: six A4 pages from LibreOffice, three ruled
tables (one over a page break), about 3,300 characters. Measured in this process, after one run to
load the code: `parse_report` (the PDF read, then outline, tables and figures: what opening it costs
before the checks), in wall time and in CPU time (which another busy process disturbs less). Beside
it, in the same run: pdfminer.six's own `extract_text` (layout analysis, what the reader used before),
and poppler's `pdftotext -layout` as a process when it is installed (Debian: poppler-utils), the
fastest common tool, which gives text only. Medians of nine runs. Exits 1 when `parse_report` takes
0.5 s or more of wall time.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models import parse_report  # noqa: E402

PDF = ROOT / "tests" / "reports" / "word" / "pingtan-2023-word.pdf"
TARGET = 0.5
RUNS = 9


def median(work: Callable[[], object], clock: Callable[[], float] = time.perf_counter) -> float:
    work()
    times = []
    for _ in range(RUNS):
        start = clock()
        work()
        times.append(clock() - start)
    return statistics.median(times)


def main() -> int:
    from pdfminer.high_level import extract_text

    data = PDF.read_bytes()
    ours = median(lambda: parse_report(data, PDF.name))
    cpu = median(lambda: parse_report(data, PDF.name), time.process_time)
    print(f"parse_report (text, ruled tables, outline)   {ours * 1000:7.0f} ms   ({cpu * 1000:.0f} ms of CPU)")
    pdfminer = median(lambda: extract_text(str(PDF)))
    print(f"pdfminer.six extract_text (layout analysis)  {pdfminer * 1000:7.0f} ms   ×{pdfminer / ours:.2f} of ours")
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        poppler = median(lambda: subprocess.run([pdftotext, "-layout", str(PDF), "-"], capture_output=True, check=True))
        print(f"pdftotext -layout (a process, text only)     {poppler * 1000:7.0f} ms   ×{poppler / ours:.2f} of ours")
    if ours >= TARGET:
        print(f"parse_report took {ours:.2f} s, the target is under {TARGET} s")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
