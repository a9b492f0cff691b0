"""The report model: decoding, outline, tables and checks, in plain Python (no Qt).

`load_report(path)` and `parse_report(data)` are the entry points; everything they return is
defined in `models.document`.
"""

from models.document import Leftover, Report, Row, Section, Table
from models.errors import ReportError
from models.reader import load_report, parse_report

__all__ = ["Leftover", "Report", "ReportError", "Row", "Section", "Table", "load_report", "parse_report"]
