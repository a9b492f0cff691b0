"""The exports for people rather than programs: Markdown, CSV and Excel, without Qt.

`render(kind, fmt, report)` returns the text (md, csv) or the bytes (xlsx) of one export; JSON stays in
`models.export.writing`. Which formats each export has is `FORMATS`. Headers are in Chinese, for the people
who open these files in a spreadsheet:

- outline, md: `# 报告标题`, the publication date, then each top-level section as a `##` heading and
  the sections under it as a nested list, every heading with its numbering (`- （一）主动公开情况`).
- outline, csv: one line per section, depth first: 层级 (level, 1 = top), 编号 (marker), 标题 (title),
  行号 (1-based line in the report), 已修复 (是 when the numbering had to be repaired, else empty).
- tables, csv: all tables in one file, one line per figure (a long table, so tables with different
  columns fit one header and a pivot table rebuilds any of them): 表格 (table title), 指标 (row name),
  上级 (parent row), 单位 (unit), 列 (the column, e.g. 2017 or 历年累计), 数值 (the figure, empty when
  the report leaves the cell blank), 行号 (row's line), 备注 (why a figure was inferred, or digits that
  could not be split). A column a row has no cell in (a heading row of a template table) has no line.
- tables, xlsx: one sheet per table, named after it, one row per indicator: 指标, 上级, 单位, then
  the table's own columns as numbers, then 行号 and 备注.
- xlsx: control characters are left out of the text (Excel cannot hold them), and a text longer than an
  Excel cell holds (32,767 characters) is cut, ending in "…".
- checks, csv and xlsx: one line per finding: 规则 (rule), 级别 (error / warning / info), 说明
  (message), 数字 (the numbers involved, separated by "、"), 行号 (their lines, the same way); then one line
  per check that could not run: its rule, 级别 未核对, the reason as 说明, no 数字, and the lines to look at.

CSV is written with the csv module's defaults (comma, CRLF, quotes where needed).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import Any

from models.core.document import Number, Report, Section, Table

MD, CSV, XLSX, JSON = "md", "csv", "xlsx", "json"
FORMATS: dict[str, tuple[str, ...]] = {
    "outline": (JSON, MD, CSV),
    "tables": (JSON, CSV, XLSX),
    "checks": (JSON, CSV, XLSX),
}
BINARY = frozenset({XLSX})

OUTLINE_HEADER = ("层级", "编号", "标题", "行号", "已修复")
TABLES_HEADER = ("表格", "指标", "上级", "单位", "列", "数值", "行号", "备注")
CHECKS_HEADER = ("规则", "级别", "说明", "数字", "行号")
NOT_CHECKED = "未核对"  # the 级别 of a check that could not run
SHEET_ROW_HEADER = ("指标", "上级", "单位")
SHEET_TAIL = ("行号", "备注")
SEPARATOR = "、"
# Excel's limits on a sheet's name: 31 characters, none of these.
_SHEET_NAME_LENGTH = 31
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
# What an Excel cell cannot hold: control characters other than tab, line feed and carriage return (the file
# would not open), and text past 32,767 characters (Excel cuts it, with a warning that the file is damaged).
_CELL_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CELL_LENGTH = 32_767
# Markdown would read these at the start of a list item as another list or a heading.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
_MD_LEADING_NUMBER = re.compile(r"^(\d+)([.)])(?=\s|$)")


def render(kind: str, fmt: str, report: Report) -> str | bytes:
    """The `kind` export (outline, tables, checks) of `report` as `fmt` (md, csv, xlsx): str or bytes."""
    if fmt not in FORMATS[kind] or fmt == JSON:
        raise ValueError(f"no {fmt} export of {kind}")
    if kind == "outline":
        return outline_markdown(report) if fmt == MD else outline_csv(report)
    if kind == "tables":
        return tables_csv(report) if fmt == CSV else tables_xlsx(report)
    from models.checks.run import run_checks

    result = run_checks(report)
    rows = [
        (finding.rule, finding.severity, finding.message, _joined(finding.numbers), _joined(finding.lines))
        for finding in result.findings
    ]
    rows += [(skipped.rule, NOT_CHECKED, skipped.reason, "", _joined(skipped.lines)) for skipped in result.skipped]
    return _csv(CHECKS_HEADER, rows) if fmt == CSV else _xlsx({"核对结果": (CHECKS_HEADER, rows)})


def outline_markdown(report: Report) -> str:
    """The outline as Markdown: the title, top-level sections as `##` headings, the rest nested lists."""
    lines = [f"# {_md_text(report.title)}", ""]
    if report.published:
        lines += [f"发布日期：{report.published}", ""]
    for section in report.sections:
        lines += [f"## {_md_text(section.heading)}", ""]
        if section.children:
            lines += [line for child in section.children for line in _md_items(child, 0)]
            lines.append("")
    return "\n".join(lines)


def _md_items(section: Section, depth: int) -> list[str]:
    text = _MD_LEADING_NUMBER.sub(r"\1\\\2", _md_text(section.heading))
    lines = [f"{'  ' * depth}- {text}"]
    for child in section.children:
        lines += _md_items(child, depth + 1)
    return lines


def _md_text(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def outline_csv(report: Report) -> str:
    """The outline as CSV, one line per section, depth first."""
    rows = [
        (section.level, section.marker, section.title, section.line, "是" if section.repaired else "")
        for section in report.walk()
    ]
    return _csv(OUTLINE_HEADER, rows)


def tables_csv(report: Report) -> str:
    """Every table's figures in one long CSV: one line per table row and column."""
    rows = []
    for number, table in enumerate(report.tables, 1):
        title = _table_title(table, number)
        for row in table.rows:
            for column in (column for column in table.columns if column in row.values):
                note = row.inferred.get(column) or row.raw.get(column) or ""
                value = row.values.get(column)
                rows.append((title, row.name, row.parent or "", row.unit or "", column, _cell(value), row.line, note))
    return _csv(TABLES_HEADER, rows)


def tables_xlsx(report: Report) -> bytes:
    """An Excel workbook with one sheet per table, the table's columns as columns of numbers."""
    sheets: dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]] = {}
    for number, table in enumerate(report.tables, 1):
        header = (*SHEET_ROW_HEADER, *table.columns, *SHEET_TAIL)
        rows = [
            (
                row.name,
                row.parent,
                row.unit,
                *(row.values.get(column) for column in table.columns),
                row.line,
                _joined(f"{column}：{why}" for column, why in {**row.raw, **row.inferred}.items()) or None,
            )
            for row in table.rows
        ]
        sheets[_sheet_name(_table_title(table, number), sheets)] = (header, rows)
    return _xlsx(sheets or {"无表格": (SHEET_ROW_HEADER, [])})


def _table_title(table: Table, number: int) -> str:
    return table.title or f"表{number}"


def _sheet_name(title: str, taken: dict[str, Any]) -> str:
    base = _SHEET_FORBIDDEN.sub("_", title).strip("'")[:_SHEET_NAME_LENGTH] or "表"
    name, copy = base, 1
    while name.lower() in {other.lower() for other in taken}:
        copy += 1
        suffix = f"({copy})"
        name = base[: _SHEET_NAME_LENGTH - len(suffix)] + suffix
    return name


def _cell(value: Number | None) -> str:
    return "" if value is None else str(value)


def _joined(items: Iterable[object]) -> str:
    return SEPARATOR.join(str(item) for item in items)


def _csv(header: tuple[str, ...], rows: Iterable[tuple[Any, ...]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _xlsx(sheets: dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]]) -> bytes:
    import pandas as pd

    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for name, (header, rows) in sheets.items():
            columns = [_sheet_cell(column) for column in header]
            frame = pd.DataFrame.from_records([tuple(map(_sheet_cell, row)) for row in rows], columns=columns)
            frame.to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            sheet.freeze_panes = "B2"
            sheet.column_dimensions["A"].width = 28
    return out.getvalue()


def _sheet_cell(value: Any) -> Any:
    """A value as an Excel cell can hold it: text without control characters, cut at Excel's length."""
    if not isinstance(value, str):
        return value
    value = _CELL_FORBIDDEN.sub("", value)
    return value if len(value) <= _CELL_LENGTH else value[: _CELL_LENGTH - 1] + "…"
