"""Hostile runs: an export to a closed or full standard output gets one Chinese line and exit 2, and the
limits that keep a hostile file quick (a run of digits with millions of cuts, a span past its table) hold in
the model itself.

The hostile files (zip bombs, broken Word packages, span bombs, numbers of thousands of digits, hostile PDFs)
are `tests/hostile_corpus.py`, exported every way by `test_hostile_corpus.py`; `run_main` and
`assert_one_line_exit_2` here are shared with the other hostile tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from models.core import limits
from models.tables.runs import count_splits, splits

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 20


def run_main(*args: str, stdout: int | None = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=ROOT,
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=env,
        timeout=TIMEOUT,
    )


def assert_one_line_exit_2(result: subprocess.CompletedProcess[bytes], words: str = "") -> None:
    stderr = result.stderr.decode("utf-8", errors="replace")
    assert result.returncode == 2, stderr
    assert "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1, stderr
    assert words in stderr
    for internal in ("Error", "zlib", "zipfile", "password", "Exception"):
        assert internal not in stderr, stderr


def test_export_to_closed_stdout_is_one_line(tmp_path):
    """`main.py --export outline >&-` says in one line that there is nowhere to write, and exits 2."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--export", "outline"],
        cwd=ROOT,
        stdout=None,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=TIMEOUT,
        preexec_fn=lambda: os.close(1),
    )
    assert_one_line_exit_2(result, "标准输出")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("fmt", ["json", "md"])
def test_export_to_a_full_disk_is_one_line(fmt):
    """Exporting to /dev/full says in one line that the disk is full, and exits 2."""
    with open("/dev/full", "wb") as full:
        result = run_main("--export", "outline", "--format", fmt, stdout=full.fileno())
    assert_one_line_exit_2(result, "磁盘已满")


def test_a_long_run_of_digits_is_kept_raw_without_enumerating():
    """A run with millions of cuts into 6 columns returns at once as ambiguous: no split, the digits kept raw."""
    run = "12" * 30
    assert count_splits(run, 6) > limits.RUN_SPLITS
    assert splits(run, 6) == []
    assert splits("7" * 90, 6) == [(int("7" * 15),) * 6]  # only figures of at most 15 digits
    assert splits("1" * 40_000, 6) == [] and count_splits("1" * 40_000, 6) == 0


def test_an_ambiguous_row_of_a_run_table_keeps_its_digits(tmp_path):
    """A run-together row with too many readings shows no values and keeps its digit run, for each column."""
    from models import load_report

    run = "12" * 30
    text = "附表\n指标名称计量单位2017年上年度本年度历年累计累计2016年\n主动公开文件数条" + run + "\n"
    report = load_report(_write(tmp_path / "runs.txt", text))
    rows = [row for table in report.tables for row in table.rows]
    assert rows and rows[0].name == "主动公开文件数"
    assert set(rows[0].values.values()) == {None}
    assert set(rows[0].raw.values()) == {run}


def _write(path: Path, text: str) -> Path:
    path.write_text(text, "utf-8")
    return path


def test_a_span_stops_at_the_tables_edge():
    """A rowspan ends at the table's last row and a colspan near its widest row; a table past the cell limit
    keeps its text, gives no grid, and says why."""
    from models.read.extracted import TABLE_AS_TEXT, SourceCell, TextBuilder

    builder = TextBuilder()
    builder.table([[SourceCell("指标", 10**9, 10**9), SourceCell("12")], [SourceCell("34")]])
    (grid,) = builder.grids
    corner = grid.rows[0][0]
    assert (corner.rowspan, corner.colspan) == (2, 2 + limits.SPAN_MARGIN)
    assert grid.width == 3 + limits.SPAN_MARGIN
    assert not builder.notes
    builder.table([[SourceCell(str(c)) for c in range(limits.TABLE_COLUMNS + 1)]])
    assert len(builder.grids) == 1 and builder.notes == [TABLE_AS_TEXT]
    assert builder.text().endswith("\t".join(str(c) for c in range(limits.TABLE_COLUMNS + 1)) + "\n")


def test_a_page_nested_past_the_limit_keeps_its_paragraphs_and_scripts_stay_unread():
    """Tags nested past the limit are left out with their blocks as line breaks, so every paragraph is a line;
    a "<div>" inside a script or a comment is not counted as a tag."""
    from models import parse_report
    from models.read.html import flatten

    inner = "<p>一、总体情况</p><p>全年主动公开政府信息1200条。</p><p>二、其他</p>"
    page = f"<html><body><script>'<div>'</script><!-- <div> -->{'<div>' * 5000}{inner}{'</div>' * 5000}</body></html>"
    report = parse_report(page.encode(), "deep.html")
    assert report.text == "一、总体情况\n全年主动公开政府信息1200条。\n二、其他\n"
    assert [s.heading for s in report.walk()] == ["一、总体情况", "二、其他"]
    assert flatten("<div><script>'<div>'</script><div><p>a</p><span>b</span></div></div>", 1) == (
        "<div><script>'<div>'</script><br>a<br>b<br></div>"
    )


def test_a_web_paragraph_of_more_than_ten_megabytes_is_read_whole():
    """A paragraph longer than libxml2's usual cap on one text node (10 MB) is read whole, with what follows."""
    from models import parse_report

    page = f"<html><body><p>一、总体情况</p><p>{'公开' * 6_000_000}</p><p>二、其他</p></body></html>"
    report = parse_report(page.encode(), "long.html")
    assert [s.heading for s in report.walk()] == ["一、总体情况", "二、其他"]
    assert len(report.text) > 12_000_000


def test_excel_cells_hold_no_control_characters_and_no_more_than_excel_allows():
    """A row name with control characters and a note of 40,000 digits: the workbook opens, the name without the
    control characters, the note cut to Excel's 32,767 characters."""
    import io

    import openpyxl

    from models import parse_report
    from models.export.formats import tables_xlsx

    text = "附表\n指标名称计量单位2017年历年累计\n主动\x01公开\x1b文件数条" + "1" * 40_000 + "\n"
    sheet = openpyxl.load_workbook(io.BytesIO(tables_xlsx(parse_report(text.encode(), "runs.txt")))).active
    (row,) = sheet.iter_rows(min_row=2, values_only=True)
    assert row[0] == "主动公开文件数"
    note = row[-1]
    assert len(note) == 32_767 and note.endswith("…")
