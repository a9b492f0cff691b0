"""Rebuild the pre-2019 appendix table (指标名称 / 计量单位 / the year / 历年累计) from flattened text.

The cells arrive one a line (Sanming, where empty 计量单位 cells were dropped), separated by spaces
(Pingtan 2012, 2014) or by tabs on one line a row. All forms are read as one stream of cells; a
row is a name, an optional unit and one number per value column. Cells that ran together
(`条346085376`) are handed to `models.tables.runs` to be split.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.core.document import Leftover, Row, Table
from models.core.limits import FIGURE_DIGITS, is_figure
from models.core.textindex import TextIndex
from models.tables.units import UNITS

_HEADER = re.compile(r"指标名称")
_CELL = re.compile(r"[^\s]+")
# Longer digit strings are text, not figures (`models.core.limits`).
_NUMBER = re.compile(rf"-?\d{{1,{FIGURE_DIGITS}}}(?:\.\d+)?")
_COLUMN = re.compile(r"^(?:\d{4}(?:年度?)?|本年度?|上年度?|历年累计|累计)$")
_CHILD_LEAD = re.compile(r"^其中[:：]?")
_NUMBERING = re.compile(r"^\d{1,2}\s*[.．、]\s*")
_TITLE = re.compile(r"([^\s。：:；，()（）、]{0,40}(?:统计表|附表|情况表))[。：:]?\s*$")
_TITLE_CHARS = 44  # the most that _TITLE matches before its trailing spaces


@dataclass(slots=True)
class Cell:
    text: str
    start: int
    end: int


def find_appendix_tables(text: str, index: TextIndex, leftovers: list[Leftover]) -> list[Table]:
    """Every pre-2019 appendix table in the text, outside the leftovers."""
    tables = []
    position = 0
    while (header := _HEADER.search(text, position)) is not None:
        if any(part.start <= header.start() < part.end for part in leftovers):
            position = header.end()
            continue
        limit = min((p.start for p in leftovers if p.start > header.start()), default=len(text))
        table = _read_table(text, index, header.start(), limit)
        if table is None:
            position = header.end()
            continue
        tables.append(table)
        position = table.end
    return tables


def _read_table(text: str, index: TextIndex, start: int, limit: int) -> Table | None:
    cells = _cells(text, start, limit)
    if not cells or not cells[0].text.startswith("指标名称"):
        return None
    columns, position = _header(cells)
    if not columns or not _row(cells, position, columns, None, index)[0]:
        from models.tables.runs import read_run_table  # cells ran together

        return read_run_table(text, index, start, limit, _title_before(text, start))
    rows: list[Row] = []
    parent: str | None = None
    while position < len(cells):
        row, position, parent = _row(cells, position, columns, parent, index)
        if row is None:
            break
        rows.append(row)
    if not rows:
        return None
    return Table(
        title=_title_before(text, start),
        columns=columns,
        rows=rows,
        line=index.line_of(start),
        start=start,
        end=rows[-1].end,
    )


def _cells(text: str, start: int, limit: int) -> list[Cell]:
    """Cells of the table region; a line with tabs splits at tabs only (its blank cells kept)."""
    cells = []
    position = start  # a line start: the lines before the next tab split at spaces
    while (tab := text.find("\t", position, limit)) != -1:
        line_start = max(position, text.rfind("\n", position, tab) + 1)
        line_end = text.find("\n", tab, limit)
        line_end = limit if line_end == -1 else line_end
        cells += [Cell(m.group(), m.start(), m.end()) for m in _CELL.finditer(text, position, line_start)]
        offset = line_start
        for part in text[line_start:line_end].split("\t"):
            stripped = part.strip()
            lead = len(part) - len(part.lstrip())
            cells.append(Cell(stripped, offset + lead, offset + lead + len(stripped)))
            offset += len(part) + 1
        position = line_end + 1
    cells += [Cell(m.group(), m.start(), m.end()) for m in _CELL.finditer(text, position, limit)]
    return cells


def _header(cells: list[Cell]) -> tuple[list[str], int]:
    """The value columns after 指标名称 (and 计量单位), and the index of the first body cell."""
    position = 1
    first = cells[0].text
    if first != "指标名称":  # run together: 指标名称计量单位2015年度历年累计…
        return [], position
    if position < len(cells) and cells[position].text == "计量单位":
        position += 1
    columns = []
    while position < len(cells) and _COLUMN.match(cells[position].text):
        columns.append(cells[position].text)
        position += 1
    return columns, position


def _row(
    cells: list[Cell], position: int, columns: list[str], parent: str | None, index: TextIndex
) -> tuple[Row | None, int, str | None]:
    if position >= len(cells):
        return None, position, parent
    name_cell = cells[position]
    if not name_cell.text or _figure(name_cell.text) or name_cell.text in UNITS:
        return None, position, parent
    position += 1
    unit = None
    if position < len(cells) and (cells[position].text in UNITS or cells[position].text == ""):
        unit = cells[position].text or None
        position += 1
    values: dict[str, int | float | None] = {}
    end = name_cell.end
    for column in columns:
        if position >= len(cells):
            return None, position, parent
        cell = cells[position]
        if cell.text and not _figure(cell.text):
            return None, position, parent
        values[column] = _number(cell.text)
        end = max(end, cell.end)
        position += 1
    name, is_child = _name(name_cell.text)
    row_parent = parent if is_child else None
    next_parent = parent if is_child else name
    row = Row(
        name=name,
        parent=row_parent,
        unit=unit,
        values=values,
        line=index.line_of(name_cell.start),
        start=name_cell.start,
        end=end,
    )
    return row, position, next_parent


def _name(cell: str) -> tuple[str, bool]:
    """The row's name without `其中：` and its numbering, and whether it is a sub-row."""
    child = bool(_CHILD_LEAD.match(cell))
    cell = _CHILD_LEAD.sub("", cell)
    numbered = _NUMBERING.match(cell)
    return _NUMBERING.sub("", cell), child or bool(numbered)


def _figure(cell: str) -> bool:
    return is_figure(cell) and _NUMBER.fullmatch(cell) is not None


def _number(cell: str) -> int | float | None:
    if not cell:
        return None
    return float(cell) if "." in cell else int(cell)


def _title_before(text: str, start: int) -> str | None:
    before = text[max(0, start - 200) : start].rstrip()
    # The title ends just before the table: searching only the last characters finds the same match.
    match = _TITLE.search(before, max(0, len(before) - _TITLE_CHARS))
    return match.group(1) if match else None
