"""How a figure is shown to the reader, everywhere it is shown: text, tables, chart, print and copies."""

from __future__ import annotations

import math


def format_number(value: float | None, separators: bool = True) -> str:
    """A figure with thousands separators (34,073), decimals only when it has some; blank for null.

    Without `separators` the digits stand alone (34073), which every spreadsheet reads as a number.
    """
    if value is None or math.isnan(value):
        return ""
    grouping = "," if separators else ""
    if float(value).is_integer():
        return f"{int(value):{grouping}}"
    return f"{value:{grouping}.2f}".rstrip("0").rstrip(".")


def format_share(value: float | None) -> str:
    """A fraction as a percentage with one decimal (0.0934 -> 9.3%); blank for null."""
    if value is None or math.isnan(value):
        return ""
    return f"{value * 100:.1f}%"
