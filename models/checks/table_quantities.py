"""The quantities of a table that a text may state, and the figure each holds in a column.

Every row is a quantity, named by its name's needles (`models.checks.indicator_words.needles`), except
a heading row, which has no cells at all (the national template's `第二十条第（一）项`: its rows are
quantities of their own), and a `总计` row, which stands for its parent (`（七）总计` is the figure of
`三、本年度办理结果`). A quantity's own needles are those its parent's name does not already ask for:
what tells `当面申请数` from the other channels of `受理依申请公开信息总数` is 当面.

A cell the table leaves blank still has a figure where the table gives the parts of it: the 总计 row's, the
sum of the sub-rows (`（三）不予公开` over its eight reasons), or in a 总计 column the sum of the applicant
columns; not where the table lacks rows the template puts under it. A blank cell whose digits ran together
with others (`Row.raw`) keeps those digits.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from models.checks.indicator_words import TERMS, Group, needles
from models.checks.tables import total_of
from models.core.document import Number, Row, Table
from models.tables.template_required import required_rows

_TOTALS = ("总计", "合计")


@dataclass(eq=False)
class Quantity:
    """A row as a quantity the text may state."""

    row: Row
    needles: tuple[Group, ...]
    own: tuple[Group, ...]  # what a clause must name itself; the rest its context may name
    parent: Quantity | None = None
    children: list[Quantity] = field(default_factory=list)
    total: Row | None = None  # the 总计 row that holds this quantity's figure
    partial: bool = False  # the table lacks some of the rows the template puts under it: no sum of them

    def lineage(self) -> Iterator[Quantity]:
        """The quantity, its parent, and so on up."""
        quantity: Quantity | None = self
        while quantity is not None:
            yield quantity
            quantity = quantity.parent

    @cached_property
    def terms(self) -> frozenset[str]:
        """The terms the quantity and its parents are named by."""
        return frozenset(word for q in self.lineage() for group in q.needles for word in group if word in TERMS)


@dataclass(frozen=True)
class Cell:
    """What the table says of a quantity in one column: its figure and the rows it comes from."""

    value: Number | None
    rows: tuple[Row, ...]
    summed: bool = False  # the figure adds up rows or columns the table gives
    raw: str = ""  # the digits of a blank cell that ran together with others


def quantities(table: Table) -> list[Quantity]:
    """The table's quantities in row order, each with its parent and children."""
    found: list[Quantity] = []
    by_name: dict[str, Quantity] = {}
    headings: set[str] = set()
    names = {row.name for row in table.rows}
    lacking = {parent for name, parent in required_rows(table) if parent and name not in names}
    for row in table.rows:
        if not row.values:
            headings.add(row.name)
            continue
        parent = by_name.get(row.parent) if row.parent and row.parent not in headings else None
        short = row.name.rpartition("/")[2]
        if parent is not None and short.lstrip("（()）一二三四五六七八九十0123456789.、 ") in _TOTALS:
            parent.total = row
            continue
        groups = needles(row.name)
        inherited = set(parent.needles) if parent else set()
        quantity = Quantity(row, groups, tuple(g for g in groups if g not in inherited), parent)
        quantity.partial = row.name in lacking
        if parent is not None:
            parent.children.append(quantity)
        found.append(quantity)
        by_name[row.name] = quantity
    return found


def cell(quantity: Quantity, column: str, columns: list[str]) -> Cell:
    """The quantity's figure in `column`, from its cell or, where that is blank, from its parts."""
    row = quantity.row
    value = row.values.get(column)
    if value is not None:
        return Cell(value, (row,))
    if quantity.total is not None and quantity.total.values.get(column) is not None:
        return Cell(quantity.total.values[column], (quantity.total,))
    if column.rpartition("/")[2] in _TOTALS:
        parts = [c for c in columns if c != column and c.rpartition("/")[2] not in _TOTALS]
        across = total_of([row.values.get(c) for c in parts])
        if across is not None:
            return Cell(across, (row,), summed=True)
    if quantity.children and not quantity.partial and not any(child.children for child in quantity.children):
        cells = [cell(child, column, columns) for child in quantity.children]
        below = total_of([c.value for c in cells])
        if below is not None:
            return Cell(below, tuple(child.row for child in quantity.children), summed=True)
    return Cell(None, (row,), raw=row.raw.get(column, ""))
