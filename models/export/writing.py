"""The JSON export contract (`main.py --export outline|tables|checks`), without Qt.

outline: {"title", "published", "encoding", "sections": [S]} with
    S = {"level", "ordinal", "marker", "title", "line", "repaired", "children": [S]}
tables: {"tables": [{"title", "line", "columns", "rows": [{"name", "parent", "unit", "values",
    "line"} (+ "inferred", "raw" when a value had to be split from digits that ran together)]}]}
checks: {"findings": [{"rule", "severity", "message", "numbers", "lines"}],
    "skipped": [{"rule", "reason", "lines"}]} (the checks that could not run, and why)

The other formats (Markdown, CSV, Excel) are described in `models.export.formats`. `export_bytes` and
`write_export` are what a window's File menu calls; `run_export` is `main.py --export`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from models.core.document import Report, Section, Table
from models.core.errors import ReportError
from models.export.atomic import refusal, write_bytes
from models.export.formats import BINARY, CSV, FORMATS, JSON, render
from models.load.reader import load_report

# What a format is called in a one-line error.
FORMAT_NAMES = {"json": "JSON", "md": "Markdown", "csv": "CSV", "xlsx": "Excel"}
KIND_NAMES = {"outline": "提纲", "tables": "表格", "checks": "核对结果"}
BUNDLED_REPORT = Path(__file__).resolve().parents[2] / "resources" / "reports" / "sanming-2017.txt"


def outline_json(report: Report) -> dict[str, Any]:
    """The outline part of the export contract."""
    return {
        "title": report.title,
        "published": report.published,
        "encoding": report.encoding,
        "sections": [_section(section) for section in report.sections],
    }


def _section(section: Section) -> dict[str, Any]:
    return {
        "level": section.level,
        "ordinal": section.ordinal,
        "marker": section.marker,
        "title": section.title,
        "line": section.line,
        "repaired": section.repaired,
        "children": [_section(child) for child in section.children],
    }


def tables_json(report: Report) -> dict[str, Any]:
    """The tables part of the export contract."""
    return {"tables": [_table(table) for table in report.tables]}


def _table(table: Table) -> dict[str, Any]:
    rows = []
    for row in table.rows:
        item: dict[str, Any] = {
            "name": row.name,
            "parent": row.parent,
            "unit": row.unit,
            "values": row.values,
            "line": row.line,
        }
        if row.inferred:
            item["inferred"] = row.inferred
        if row.raw:
            item["raw"] = row.raw
        rows.append(item)
    return {"title": table.title, "line": table.line, "columns": table.columns, "rows": rows}


def checks_json(report: Report) -> dict[str, Any]:
    """The checks part of the export contract."""
    from models.checks.run import run_checks

    result = run_checks(report)
    return {
        "findings": [
            {
                "rule": finding.rule,
                "severity": finding.severity,
                "message": finding.message,
                "numbers": finding.numbers,
                "lines": finding.lines,
            }
            for finding in result.findings
        ],
        "skipped": [
            {"rule": skipped.rule, "reason": skipped.reason, "lines": list(skipped.lines)} for skipped in result.skipped
        ],
    }


EXPORTERS = {"outline": outline_json, "tables": tables_json, "checks": checks_json}


def format_for(output: str | Path | None) -> str:
    """The format an output file's suffix asks for (`.md`, `.csv`, `.xlsx`); JSON otherwise."""
    suffix = Path(output).suffix.lower().lstrip(".") if output else ""
    return suffix if suffix in FORMAT_NAMES else JSON


def export_bytes(report: Report, kind: str, fmt: str = JSON, *, for_file: bool = False) -> bytes:
    """The `kind` export of `report` in `fmt`, encoded; raises ValueError for a pair FORMATS lacks.

    Text is UTF-8. A CSV meant for a file starts with a byte order mark, without which Excel on
    Windows reads UTF-8 as the local code page and garbles the Chinese.
    """
    if fmt not in FORMATS[kind]:
        raise ValueError(f"no {fmt} export of {kind}")
    if fmt == JSON:
        return json.dumps(EXPORTERS[kind](report), ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
    data = render(kind, fmt, report)
    if isinstance(data, bytes):
        return data
    return data.encode("utf-8-sig" if fmt == CSV and for_file else "utf-8")


def write_export(report: Report, kind: str, fmt: str, path: str | Path) -> None:
    """Replace `path` with the `kind` export of `report` in `fmt`, whole (`models.export.atomic`); raises
    OSError when it cannot, leaving any old file as it was."""
    write_bytes(path, export_bytes(report, kind, fmt, for_file=True))


def run_export(kind: str, path: str | None, fmt: str | None = None, output: str | None = None) -> int:
    """Export `kind` of the report at `path` (the bundled one if None) as `fmt` to `output` or stdout.

    `fmt` None means the one `output`'s suffix names, JSON otherwise. Returns 0, or 2 with one line on
    stderr for a report that cannot be read, a format this export lacks, Excel without `output`, an
    `output` that is the report itself (by any path), an `output` that is a symbolic link or exists and is
    not a regular file (refused before it is opened: a pipe with no reader would wait for ever), or an
    output file that cannot be written (any old file is then left as it was).
    """
    fmt = fmt or format_for(output)
    if fmt not in FORMATS[kind]:
        allowed = "、".join(FORMATS[kind])
        return _fail(f"{KIND_NAMES[kind]}不能导出为 {FORMAT_NAMES[fmt]}（可选：{allowed}）")
    if fmt in BINARY and not output:
        return _fail(f"{FORMAT_NAMES[fmt]} 文件不能输出到终端，请用 -o 指定文件")
    source = Path(path) if path else BUNDLED_REPORT
    if output and _same_file(Path(output), source):
        return _fail(f"-o 指向正在读取的报告本身（{output}），不会覆盖它，请换一个文件名")
    if output and (reason := refusal(output)) is not None:
        return _fail(f"-o {reason}")
    try:
        report = load_report(source)
    except ReportError as error:
        return _fail(str(error))
    if output is None:
        sys.stdout.buffer.write(export_bytes(report, kind, fmt))
        return 0
    try:
        write_export(report, kind, fmt, output)
    except OSError as error:
        return _fail(f"无法写入 {output}：{error.strerror or error}")
    return 0


def _same_file(output: Path, source: Path) -> bool:
    # By inode, so that another spelling, a symlink or a hard link to the report counts too.
    try:
        return output.exists() and source.exists() and output.samefile(source)
    except OSError:
        return False


def _fail(message: str) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return 2
