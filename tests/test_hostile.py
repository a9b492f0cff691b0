"""Hostile files: each gets one Chinese line and exit 2 (or opens, when it is only odd), never a traceback,
a hang or gigabytes of memory.

Every file is made here, in `tmp_path`: numbers of thousands of digits, Word packages with a broken deflate
stream, a password flag, an unknown compression method, a numbering that starts below zero, zip bombs (with
honest and with lying sizes, and renamed .txt); spans of millions of columns or rows in Word and HTML tables,
and a table of 17,000 columns; and an export to a closed or full standard output. Hostile PDFs are in
`test_hostile_pdf.py`.
"""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from models.core import limits
from models.tables.runs import count_splits, splits

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 20
HUGE = "9" * 5000


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


def _docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _plain_docx() -> bytes:
    return _docx(["一、总体情况", "全年主动公开政府信息1200条。" * 50, "二、其他"])


def _patch_headers(data: bytes, local: int, central: int, value: int, only: str | None = None) -> bytes:
    """`data` with a 16-bit field set to `value` in every local and central header (of member `only`, if named)."""
    out = bytearray(data)
    for signature, offset, name_at in ((b"PK\x03\x04", local, 26), (b"PK\x01\x02", central, 28)):
        i = out.find(signature)
        while i != -1:
            name_len = struct.unpack("<H", out[i + name_at : i + name_at + 2])[0]
            name_start = i + name_at + (4 if signature == b"PK\x03\x04" else 18)
            name = bytes(out[name_start : name_start + name_len]).decode()
            if only is None or name == only:
                out[i + offset : i + offset + 2] = struct.pack("<H", value)
            i = out.find(signature, i + 4)
    return bytes(out)


def _broken_deflate() -> bytes:
    data = bytearray(_plain_docx())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for k in range(start + 5, start + 40):
        data[k] ^= 0x55
    return bytes(data)


def _encrypted() -> bytes:
    data = _plain_docx()
    flags = {i.filename: i.flag_bits for i in zipfile.ZipFile(io.BytesIO(data)).infolist()}
    return _patch_headers(data, 6, 8, flags["word/document.xml"] | 1, only="word/document.xml")


def _unknown_method() -> bytes:
    return _patch_headers(_plain_docx(), 8, 10, 99, only="word/document.xml")


def _negative_numbering() -> bytes:
    """A Word list in Chinese numerals whose numbering starts at -20."""
    data = _docx(["一、总体情况", "第一项", "第二项"])
    source = zipfile.ZipFile(io.BytesIO(data))
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {w}>'
        '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="-20"/>'
        '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )
    document = source.read("word/document.xml").decode()
    document = document.replace(
        "<w:p>", '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == "word/document.xml":
                target.writestr(info, document)
            elif info.filename != "word/numbering.xml":
                target.writestr(info, source.read(info))
        target.writestr("word/numbering.xml", numbering)
    return out.getvalue()


def _bomb(size: int) -> bytes:
    """A Word package whose document.xml unpacks to `size` bytes of one repeated character."""
    data = _plain_docx()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == "word/document.xml":
                with target.open("word/document.xml", "w", force_zip64=True) as member:
                    block = b" " * 2**20
                    for _ in range(size // len(block)):
                        member.write(block)
            else:
                target.writestr(info.filename, source.read(info))
    return out.getvalue()


def _lying_bomb() -> bytes:
    """A bomb whose headers declare an unpacked size that passes every check; the stream holds far more."""
    data = _bomb(limits.DOCX_MEMBER_BYTES * 2)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml")
    assert info.compress_size < limits.DOCX_RATIO_FROM_BYTES
    out = bytearray(data)
    # The central directory is what a reader trusts: say there the part unpacks to its packed size.
    i = out.find(b"PK\x01\x02")
    while i != -1:
        name_len = struct.unpack("<H", out[i + 28 : i + 30])[0]
        if bytes(out[i + 46 : i + 46 + name_len]) == b"word/document.xml":
            out[i + 24 : i + 28] = struct.pack("<I", info.compress_size)
        i = out.find(b"PK\x01\x02", i + 4)
    return bytes(out)


REFUSED = [
    ("broken-deflate", "broken.docx", _broken_deflate, "Word"),
    ("encrypted-flag", "locked.docx", _encrypted, "密码"),
    ("unknown-method", "method.docx", _unknown_method, "压缩方式"),
    ("bomb", "bomb.docx", lambda: _bomb(limits.DOCX_MEMBER_BYTES * 2), "压缩炸弹"),
    ("bomb-within-size", "ratio.docx", lambda: _bomb(limits.DOCX_MEMBER_BYTES // 2), "压缩比"),
    ("bomb-as-txt", "report.txt", lambda: _bomb(limits.DOCX_MEMBER_BYTES * 2), "压缩炸弹"),
    ("bomb-lying-size", "lying.docx", _lying_bomb, "Word"),
]


@pytest.mark.parametrize(("name", "make", "words"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED])
@pytest.mark.parametrize("kind", ["outline", "tables", "checks"])
def test_hostile_word_files_get_one_line_and_exit_2(tmp_path, name, make, words, kind):
    """A broken, locked, oddly packed or bomb .docx is refused with one Chinese sentence naming why, and exit 2."""
    path = tmp_path / name
    path.write_bytes(make())
    result = run_main("--export", kind, str(path))
    assert result.stdout == b""
    assert_one_line_exit_2(result, words)


def test_numbering_below_zero_opens(tmp_path):
    """A Word list starting below zero in Chinese numerals opens: its items keep their text, numbered in digits."""
    path = tmp_path / "numbering.docx"
    path.write_bytes(_negative_numbering())
    result = run_main("--export", "outline", str(path))
    assert result.returncode == 0, result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()
    json.loads(result.stdout)


HUGE_FILES = [
    (
        "text",
        "huge.txt",
        lambda: f"一、总体情况\n全年主动公开政府信息{HUGE}条，其中网站公开{HUGE}条。\n二、其他\n".encode(),
    ),
    (
        "docx-cell",
        "huge.docx",
        lambda: _docx(["一、总体情况"], [["指标", "2017年", "累计"], ["主动公开文件数", HUGE, "12"]]),
    ),
    (
        "html-cell",
        "huge.html",
        lambda: (
            f"<p>一、总体情况</p><table><tr><td>指标</td><td>2017年</td></tr>"
            f"<tr><td>主动公开</td><td>{HUGE}</td></tr></table>".encode()
        ),
    ),
    (
        "run-table",
        "runs.txt",
        lambda: f"附表\n指标名称计量单位2017年历年累计\n主动公开文件数条{HUGE}\n".encode(),
    ),
]


def exported_cleanly(path: Path, data: bytes, kind: str) -> dict:
    """`data` written to `path` and exported as `kind`: exit 0, nothing on stderr; the JSON it printed."""
    path.write_bytes(data)
    result = run_main("--export", kind, str(path))
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr == b""
    return json.loads(result.stdout)


@pytest.mark.parametrize(("name", "make"), [c[1:] for c in HUGE_FILES], ids=[c[0] for c in HUGE_FILES])
@pytest.mark.parametrize("kind", ["outline", "tables", "checks"])
def test_numbers_of_thousands_of_digits_are_text(tmp_path, name, make, kind):
    """A "figure" of 5,000 digits is read as text: every export succeeds, and no value holds it."""
    exported = exported_cleanly(tmp_path / name, make(), kind)
    for table in exported.get("tables", []):
        for row in table["rows"]:
            assert all(v is None or len(str(int(v))) <= limits.FIGURE_DIGITS for v in row["values"].values())


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


def _docx_spans(span: int, rows: int) -> bytes:
    """A Word table of `rows` rows of two cells, each cell's `w:gridSpan` set to `span`."""
    import docx
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    document = docx.Document()
    document.add_paragraph("一、总体情况")
    table = document.add_table(rows=rows, cols=2)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = "指标" if c == 0 else str(r)
            grid_span = OxmlElement("w:gridSpan")
            grid_span.set(qn("w:val"), str(span))
            cell._tc.get_or_add_tcPr().append(grid_span)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _html_spans(span: int, rows: int) -> bytes:
    cells = f'<td rowspan="{span}" colspan="{span}">12</td>' * 3
    body = "".join(f"<tr><td>第{r}行</td>{cells}</tr>" for r in range(rows))
    return f"<p>一、总体情况</p><table>{body}</table>".encode()


def _html_wide(columns: int) -> bytes:
    head = "".join(f"<td>列{c}</td>" for c in range(columns))
    data = "".join(f"<td>{c}</td>" for c in range(columns))
    return f"<p>一、总体情况</p><table><tr><td>指标</td>{head}</tr><tr><td>主动公开</td>{data}</tr></table>".encode()


SPAN_BOMBS = [
    ("docx-gridspan-2e9", "span.docx", lambda: _docx_spans(2 * 10**9, 3)),
    ("docx-gridspan-1e6-200-rows", "spans.docx", lambda: _docx_spans(10**6, 200)),
    ("html-span-1e6", "span.html", lambda: _html_spans(10**6, 1000)),
    ("html-17000-columns", "wide.html", lambda: _html_wide(17_000)),
]


@pytest.mark.parametrize(("name", "make"), [c[1:] for c in SPAN_BOMBS], ids=[c[0] for c in SPAN_BOMBS])
@pytest.mark.parametrize("kind", ["tables", "checks"])
def test_span_bombs_and_huge_tables_are_read_quickly(tmp_path, name, make, kind):
    """Spans of millions of columns or rows, or a table of 17,000 columns, open at once: no table is wider
    than the limit, and a table past it is read as text."""
    exported = exported_cleanly(tmp_path / name, make(), kind)
    for table in exported.get("tables", []):
        assert len(table["columns"]) <= limits.TABLE_COLUMNS
        assert len(table["columns"]) * len(table["rows"]) <= limits.TABLE_CELLS


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
