"""The JSON export contract (`main.py --export outline|tables|checks`), without Qt.

outline: {"title", "published", "encoding", "sections": [S]} with
    S = {"level", "ordinal", "marker", "title", "line", "repaired", "children": [S]}
tables: {"tables": [{"title", "line", "columns", "rows": [{"name", "parent", "unit", "values",
    "line"} (+ "inferred", "raw" when a value had to be split from digits that ran together)]}]}
checks: {"findings": [{"rule", "severity", "message", "numbers", "lines"}]}
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from models.document import Report, Section, Table
from models.errors import ReportError
from models.reader import load_report

BUNDLED_REPORT = Path(__file__).resolve().parent.parent / "resources" / "reports" / "sanming-2017.txt"


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
    from models.checks import run_checks

    return {
        "findings": [
            {
                "rule": finding.rule,
                "severity": finding.severity,
                "message": finding.message,
                "numbers": finding.numbers,
                "lines": finding.lines,
            }
            for finding in run_checks(report)
        ]
    }


EXPORTERS = {"outline": outline_json, "tables": tables_json, "checks": checks_json}


def run_export(kind: str, path: str | None) -> int:
    """Print the export `kind` of the report at `path` (the bundled one if None): 0, or 2 on bad input."""
    try:
        report = load_report(path or BUNDLED_REPORT)
    except ReportError as error:
        print(f"错误：{error}", file=sys.stderr)
        return 2
    data = EXPORTERS[kind](report)
    sys.stdout.buffer.write(json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8") + b"\n")
    return 0
