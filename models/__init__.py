"""The report model: decoding, outline, tables and checks, in plain Python (no Qt).

`load_report(path)` and `parse_report(data)` are the entry points; everything they return is
defined in `models.core.document`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.core.document import Leftover, Report, Row, Section, Table
from models.core.errors import ReportError

if TYPE_CHECKING:
    from models.load.reader import load_report, parse_report

__all__ = ["Leftover", "Report", "ReportError", "Row", "Section", "Table", "load_report", "parse_report"]


def __getattr__(name: str) -> object:
    """`load_report` and `parse_report` bring in every parser: loaded when first asked for,
    so that the window, which has its first report read by another process, shows it without them."""
    if name in ("load_report", "parse_report"):
        from models.load import reader

        return getattr(reader, name)
    raise AttributeError(f"module 'models' has no attribute {name!r}")
