"""Rebuild the pre-2019 appendix table (指标名称 / 计量单位 / the year / 历年累计) from flattened text.

The cells arrive one a line (Sanming, where empty 计量单位 cells were dropped), separated by spaces
(Pingtan 2012, 2014) or by tabs on one line a row. All forms are read as one stream of cells; a
row is a name, an optional unit and one number per value column. Cells that ran together
(`条346085376`) are handed to `models.tables.runs` to be split.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from models.core.document import Leftover, Row, Table
from models.core.limits import FIGURE_DIGITS, is_figure
from models.core.textindex import TextIndex
from models.tables.mentions import BodyFigures
from models.tables.units import UNITS

_HEADER = re.compile(r"指标名称")
_CELL = re.compile(r"[^\s]+")
_LEADING_SPACE = re.compile(r"\s*")
_GAP = re.compile(r"[^\S\t\n]*")  # spaces that do not end a cell of a line with tabs
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
    tabs = _NextTab(text)
    body = BodyFigures(text)
    while (header := _HEADER.search(text, position)) is not None:
        if any(part.start <= header.start() < part.end for part in leftovers):
            position = header.end()
            continue
        limit = min((p.start for p in leftovers if p.start > header.start()), default=len(text))
        table = _read_table(text, index, header.start(), limit, tabs, body)
        if table is None:
            position = header.end()
            continue
        tables.append(table)
        position = table.end
    return tables


def _read_table(text: str, index: TextIndex, start: int, limit: int, tabs: _NextTab, body: BodyFigures) -> Table | None:
    cells = _Cells(text, index, start, limit, tabs)
    columns, position = _header(cells) if cells.stands_alone() else ([], 1)
    if not columns or not _row(cells, position, columns, None, index)[0]:
        from models.tables.runs import read_run_table  # cells ran together

        return read_run_table(text, index, start, limit, _title_before(text, start), body)
    rows: list[Row] = []
    parent: str | None = None
    while True:
        row, position, parent = _row(cells, position, columns, parent, index)
        if row is None:
            break
        rows.append(row)
    return Table(
        title=_title_before(text, start),
        columns=columns,
        rows=rows,
        line=index.line_of(start),
        start=start,
        end=rows[-1].end,
    )


class _NextTab:
    """Where the first tab at or after an offset is, remembered: the tables are read in text order, so most
    questions fall where the last answer still holds, and the text is not searched again for each table."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._from, self._at = len(text), -1  # the first tab at or after _from is at _at (-1: none)

    def at_or_after(self, position: int) -> int:
        """The offset of the first tab at or after `position`, or -1."""
        if self._from <= position and (self._at == -1 or position <= self._at):
            return self._at
        if position < self._from:  # only the stretch up to where the last search started is new
            found = self._text.find("\t", position, self._from)
            self._from, self._at = position, (self._at if found == -1 else found)
        else:
            self._from, self._at = position, self._text.find("\t", position)
        return self._at


class _Cells:
    """The cells of a table's region, read from its start only as far as the table asks for them.

    A region runs to the end of the text: cutting all of it into cells for every 指标名称 took time growing with
    the text's length times their number. A line with tabs splits at tabs only (its blank cells kept).
    """

    def __init__(self, text: str, index: TextIndex, start: int, limit: int, tabs: _NextTab) -> None:
        self._text, self._index, self._start, self._limit, self._tabs = text, index, start, limit, tabs
        self._stream = _cell_stream(text, index, start, limit, tabs)
        self._read: list[Cell] = []

    def stands_alone(self) -> bool:
        """Whether the region's first word (指标名称) is a cell of its own, told without cutting the cell out:
        in a line with tabs a cell runs to the next tab, however far that is."""
        text, limit = self._text, self._limit
        end = self._start + len(_HEADER.pattern)
        if end < limit and not text[end].isspace():
            return False
        if not _tabbed(self._index, self._tabs, self._start, limit):
            return True
        gap = _GAP.match(text, end, limit).end()  # type: ignore[union-attr]
        return gap == limit or text[gap] in "\t\n"

    def get(self, position: int) -> Cell | None:
        """The cell at `position` (0 is the first), or None past the region's end."""
        while len(self._read) <= position:
            cell = next(self._stream, None)
            if cell is None:
                return None
            self._read.append(cell)
        return self._read[position]


def _line_end(index: TextIndex, position: int, limit: int) -> int:
    """Where the line holding `position` ends (its line break), or `limit` if that comes first: found in the
    index of line starts, not by a search, so a line of megabytes costs nothing here."""
    line = index.line_of(position)
    starts = index.line_starts
    return min(starts[line] - 1, limit) if line < len(starts) else limit


def _tabbed(index: TextIndex, tabs: _NextTab, position: int, limit: int) -> bool:
    """Whether the rest of the line from `position` (short of `limit`) holds a tab."""
    tab = tabs.at_or_after(position)
    return tab != -1 and tab < _line_end(index, position, limit)


def _cell_stream(text: str, index: TextIndex, start: int, limit: int, tabs: _NextTab) -> Iterator[Cell]:
    """Cells of `text[start:limit]`, line by line, made only as they are asked for."""
    position = start
    while position < limit:
        line_end = _line_end(index, position, limit)
        if not _tabbed(index, tabs, position, limit):
            for match in _CELL.finditer(text, position, line_end):
                yield Cell(match.group(), match.start(), match.end())
        else:
            offset = position
            while offset <= line_end:
                cut = text.find("\t", offset, line_end)
                cut = line_end if cut == -1 else cut
                lead = _LEADING_SPACE.match(text, offset, cut).end()  # type: ignore[union-attr]
                stripped = text[lead:cut].rstrip()
                yield Cell(stripped, lead, lead + len(stripped))
                offset = cut + 1
        position = line_end + 1


def _header(cells: _Cells) -> tuple[list[str], int]:
    """The value columns after 指标名称 (and 计量单位), and the index of the first body cell."""
    position = 1
    if (cell := cells.get(position)) is not None and cell.text == "计量单位":
        position += 1
    columns = []
    while (cell := cells.get(position)) is not None and _COLUMN.match(cell.text):
        columns.append(cell.text)
        position += 1
    return columns, position


def _row(
    cells: _Cells, position: int, columns: list[str], parent: str | None, index: TextIndex
) -> tuple[Row | None, int, str | None]:
    name_cell = cells.get(position)
    if name_cell is None or not name_cell.text or _figure(name_cell.text) or name_cell.text in UNITS:
        return None, position, parent
    position += 1
    unit = None
    if (cell := cells.get(position)) is not None and (cell.text in UNITS or cell.text == ""):
        unit = cell.text or None
        position += 1
    values: dict[str, int | float | None] = {}
    end = name_cell.end
    for column in columns:
        cell = cells.get(position)
        if cell is None:
            return None, position, parent
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
