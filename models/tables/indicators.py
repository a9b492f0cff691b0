"""Indicator tables as pandas frames, and which of their columns a chart should plot.

`indicator_frame(table)` turns a `models.core.document.Table` into a DataFrame with one row per table row,
in table order (a plain RangeIndex, so frame row *i* is `table.rows[i]`). Its columns are:

- `name` (str): the indicator's name as the report writes it, without numbering prefixes added.
- `parent` (str | None): the name of the row it belongs under, None for a top-level row.
- `level` (int): 0 for a top-level row, 1 for its children, and so on.
- `unit` (str | None): the unit of measure (条, 件 …), None when the report gives none.
- one float column per value column of the table, named exactly as `table.columns` names it
  (`"2017"`, `"历年累计"`, `"自然人"` …); a null or unsplit cell is NaN.
- `share` (float), only when the table has both a year column and `历年累计`: the year's figure divided
  by 历年累计, as a fraction (0.0934 for 9.34 %); NaN when 历年累计 is 0 or null.

Nothing here imports Qt; the views format these numbers for display.
"""

from __future__ import annotations

import math

import pandas as pd

from models.core.document import Table

NAME = "name"
PARENT = "parent"
LEVEL = "level"
UNIT = "unit"
SHARE = "share"
CUMULATIVE = "历年累计"

# Columns a template table totals its figures in; "法人或其他组织/总计" style keys count too.
TOTAL = "总计"
# Up to this many value columns are plotted side by side; more would make unreadable bar groups.
MAX_GROUPED = 3


def row_levels(table: Table) -> list[int]:
    """The nesting depth of each row (0 = top level), following each row's `parent` name."""
    levels: list[int] = []
    level_of: dict[str, int] = {}
    for row in table.rows:
        # A parent the table does not hold still makes this a child row.
        level = 0 if row.parent is None else level_of.get(row.parent, 0) + 1
        level_of[row.name] = level
        levels.append(level)
    return levels


def has_share(table: Table) -> bool:
    """Whether the table has a year column and 历年累计, so the year's share can be computed."""
    year = table.year_column
    return year is not None and year != CUMULATIVE and CUMULATIVE in table.columns


def _number(value: float | None) -> float:
    if value is None:
        return math.nan
    return float(value)


def indicator_frame(table: Table) -> pd.DataFrame:
    """The table as a DataFrame with the columns documented in this module, in table row order."""
    # Object columns keep None for a missing parent or unit (pandas' string dtype would make it NaN).
    frame = pd.DataFrame(
        {
            NAME: pd.Series([row.name for row in table.rows], dtype=object),
            PARENT: pd.Series([row.parent for row in table.rows], dtype=object),
            LEVEL: pd.Series(row_levels(table), dtype="int64"),
            UNIT: pd.Series([row.unit for row in table.rows], dtype=object),
        }
    )
    for column in table.columns:
        values = [_number(row.values.get(column)) for row in table.rows]
        frame[column] = pd.Series(values, dtype="float64")
    if has_share(table):
        year = table.year_column
        assert year is not None
        cumulative = frame[CUMULATIVE].where(frame[CUMULATIVE] != 0)
        frame[SHARE] = frame[year] / cumulative
    return frame


def plot_columns(table: Table) -> list[str]:
    """The value columns a chart of this table should draw, as groups of bars per row.

    The year against 历年累计 when the table has both; every column when there are few; otherwise
    the total columns (`总计`, or keys ending in `/总计`) when there are few of those; otherwise the
    last column, which the national template uses for the total.
    """
    if not table.columns:
        return []
    if has_share(table):
        year = table.year_column
        assert year is not None
        return [year, CUMULATIVE]
    if len(table.columns) <= MAX_GROUPED:
        return list(table.columns)
    totals = [c for c in table.columns if c.rsplit("/", 1)[-1] == TOTAL]
    if 1 <= len(totals) <= MAX_GROUPED:
        return totals
    return [table.columns[-1]]


def plot_rows(frame: pd.DataFrame, columns: list[str], top_level_only: bool) -> list[int]:
    """Positions of the frame rows worth a bar: those with a figure in `columns`, top level if asked.

    Heading rows of the template tables (`三、本年度办理结果`) carry no figures and are left out.
    """
    if not columns:
        return []
    keep = frame[columns].notna().any(axis=1)
    if top_level_only:
        keep &= frame[LEVEL] == 0
    return [int(i) for i in frame.index[keep]]
