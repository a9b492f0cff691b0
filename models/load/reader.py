"""Read a report file or its bytes into a `Report`: decode, set leftovers aside, find tables and outline."""

from __future__ import annotations

import errno
import stat
from pathlib import Path

from models.core.document import Report, Table
from models.core.errors import ReportError
from models.core.textindex import TextIndex
from models.load import memory
from models.read.extract import extract
from models.read.extracted import PDF
from models.structure.leftovers import find_leftovers
from models.structure.metadata import read_metadata
from models.structure.outline import build_outline
from models.tables.appendix import find_appendix_tables
from models.tables.grid import grid_table
from models.tables.template import find_template_tables

MAX_BYTES = 200 * 2**20
# The operating system's reasons, in the reader's language.
_OS_REASONS = {
    errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.ENAMETOOLONG: "文件名太长",
    errno.ENXIO: "设备或地址不存在",
    errno.EIO: "读写出错，磁盘或网络位置可能有问题",
    errno.ELOOP: "符号链接形成了循环",
    errno.EMFILE: "打开的文件太多",
}  # far above any report, text or PDF


def load_report(path: str | Path) -> Report:
    """Read the report at `path`. Raises ReportError with a reader's message for what cannot be read."""
    path = Path(path)
    try:
        mode = path.stat().st_mode
        # A pipe or a device would block or never end: refuse it before opening.
        if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            raise ReportError(f"这不是普通文件（可能是管道、设备或套接字），无法作为报告打开：{path}")
        if path.stat().st_size > MAX_BYTES:
            raise ReportError(f"文件太大（超过 {MAX_BYTES // 2**20} MB），不像是一份年度报告：{path}")
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise ReportError(f"找不到文件：{path}") from error
    except IsADirectoryError as error:
        raise ReportError(f"这是一个文件夹，不是报告文件：{path}") from error
    except PermissionError as error:
        raise ReportError(f"没有读取权限：{path}") from error
    except OSError as error:
        reason = _OS_REASONS.get(error.errno or 0, "系统错误")
        raise ReportError(f"无法读取文件：{path}（{reason}）") from error
    return parse_report(data, name=path.name)


def read_report(path: str | Path) -> Report:
    """`load_report` for the window: a parser's own error, too, comes as a ReportError with a reader's sentence,
    so that the reader is told and the window stays."""
    try:
        return load_report(path)
    except ReportError:
        raise
    except Exception as error:
        raise ReportError(f"读取这份报告时出错（{type(error).__name__}: {error}）") from error


def parse_report(data: bytes, name: str = "") -> Report:
    """Parse a report's bytes: text, HTML, Word (.docx) or PDF. `name` (the file name) helps tell them apart."""
    with memory.paused():  # every object a parse makes outlives it: collections would free nothing
        return _parse(data, name)


def _parse(data: bytes, name: str) -> Report:
    extracted = extract(data, name)
    text = extracted.text
    index = TextIndex(text)
    leftovers = find_leftovers(text, index)
    tables = find_appendix_tables(text, index, leftovers)
    blanks_lost = extracted.source_format == PDF
    tables += [t for t in find_template_tables(text, index, leftovers, blanks_lost) if not _overlaps(t, tables)]
    for grid in extracted.grids:
        table = grid_table(grid, index)
        if table is not None and not _overlaps(table, tables):
            tables.append(table)
    tables.sort(key=lambda t: t.start)
    sections = build_outline(text, index, leftovers, tables)
    meta = read_metadata(text, leftovers)
    return Report(
        text=text,
        encoding=extracted.encoding,
        title=meta.title,
        published=meta.published,
        issuer=meta.issuer,
        issued=meta.issued,
        sections=sections,
        tables=tables,
        leftovers=leftovers,
        source_format=extracted.source_format,
        notes=extracted.notes + _split_notes(tables),
    )


def _split_notes(tables: list[Table]) -> list[str]:
    """One note a table whose figures could not all be placed for certain (run together, or blanks lost)."""
    notes = []
    for table in tables:
        rows = [row.name for row in table.rows if row.raw]
        if rows:
            cells = sum(len(row.raw) for row in table.rows)
            title = table.title or "表格"
            notes.append(
                f"“{title}”中有 {cells} 格无法确定（数字连写在一起，或空白格没有留下痕迹），"
                f"已留空并保留原数字：{'、'.join(rows)}"
            )
    return notes


def _overlaps(table: Table, others: list[Table]) -> bool:
    return any(table.start < other.end and other.start < table.end for other in others)


__all__ = ["ReportError", "load_report", "parse_report"]
