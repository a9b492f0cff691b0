"""Read a pre-2019 appendix table whose cells ran together, splitting its digit runs by what the report says.

Text copied from web pages loses the boundaries between cells:
`主动公开文件数条346085376其中：1、政府网站公开数条3460853762、政府公报公开数条00…` is the row
主动公开文件数 / 条 / 3460 / 85376, then its sub-rows 政府网站公开数 and 政府公报公开数. A row is read as
its name, its unit (which is what separates the name from the digits, so a row without a unit ends the
table) and one run of digits holding all its value columns.

A run is split using only what the report itself makes certain:
- the row numbering: in `…853762、政府公报公开数` the `2` is the next row's number, not a digit of 85376;
- every figure written without a leading zero (except a lone `0`), and the year's figure at most the
  cumulative one (历年累计);
- the same figure written in the body text before the table, with the row's unit, in a clause that
  shares four characters with the row's name and speaks of no other year (`2016年全区主动公开政府信息
  3460条` for 主动公开文件数; a clause with 累计 gives the cumulative figure);
- sub-rows adding up to their parent in every column, or where the report contradicts itself and no
  split adds up, no sub-row larger than its parent.
The body text and the sub-rows are heard only where they agree with some split: a report that
contradicts itself cannot rule out every reading.

A value taken from a split is in `Row.values` with `Row.inferred[column]` saying why (e.g.
`由数字串346085376拆分：正文写明“2016年全区主动公开政府信息3460条”`, with `（其后的2是下一行的序号）`
after the digits where a number was cut; a run with a single reading, such as `00`, says
`唯一可能的拆分`). Where more than one split survives, the cells the splits disagree on are None
and `Row.raw[column]` holds the whole digit run of the row, the same string for each such column: the
run cannot be cut, so no column owns a part of it. A table with a single value column needs no split:
its runs are read directly.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import product

from models.core.document import Row, Table
from models.core.limits import FIGURE_DIGITS, RUN_SPLITS
from models.core.textindex import TextIndex
from models.tables.mentions import BodyFigures
from models.tables.units import UNITS

Split = tuple[int, ...]

_UNIT = "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True))
_HEADER = re.compile(r"指标名称\s*(?:计量单位\s*)?")
_COLUMN = re.compile(r"(\d{4}年度?|本年度?|上年度?|历年累计|累计)\s*")
_ROW = re.compile(
    rf"(?P<lead>其中[:：]?)?(?:(?P<number>\d{{1,2}})[、.．])?(?P<name>[^\d\s]{{1,40}}?)(?P<unit>{_UNIT})(?P<digits>\d+)"
)
_NEXT_NUMBERED = re.compile(r"[、.．][^\d\s]")
_MAX_COMBINATIONS = 200_000


@dataclass
class _RunRow:
    """A row as found in the text, before its digit run is split."""

    name: str
    parent: str | None
    unit: str
    digits: str
    start: int
    end: int
    next_number: str | None = None  # the next row's number, cut from the end of the run
    splits: list[Split] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


def read_run_table(
    text: str, index: TextIndex, start: int, limit: int, title: str | None, body: BodyFigures
) -> Table | None:
    """The appendix table at `start` (指标名称) whose cells ran together, or None if it cannot be read.

    `limit` is where the report's text stops (a page footer, or the end of the text); the table ends
    where its last row's digits end. `body` holds the figures the text states, for the rows it hears.
    """
    header = _HEADER.match(text, start, limit)
    if header is None:
        return None
    columns, position = _columns(text, header.end(), limit)
    if not columns:
        return None
    rows = _run_rows(text, position, limit, len(columns))
    if not rows:
        return None
    _split_rows(rows, columns, _Heard(body, start, _report_year(columns)))
    return Table(
        title=title,
        columns=columns,
        rows=[_row(run, columns, index) for run in rows],
        line=index.line_of(start),
        start=start,
        end=rows[-1].end,
    )


def splits(digits: str, count: int) -> list[Split]:
    """Every way to cut `digits` into `count` figures, none with a leading zero (a lone 0 is fine).

    A figure has at most `FIGURE_DIGITS` digits. [] when there is no way, or more than `RUN_SPLITS`
    (`count_splits` tells the two apart): so many readings cannot be narrowed to one, and the run stays raw.
    """
    if not 0 < count_splits(digits, count) <= RUN_SPLITS:
        return []
    ways = _ways(digits)
    found: list[Split] = []

    def cut(position: int, left: int, done: Split) -> None:
        if left == 1:
            found.append((*done, int(digits[position:])))
            return
        for end in _ends(digits, position):
            if ways(end, left - 1):
                cut(end, left - 1, (*done, int(digits[position:end])))

    cut(0, count, ())
    return found


def count_splits(digits: str, count: int) -> int:
    """How many ways `splits` has to cut `digits` into `count` figures, counted up to `RUN_SPLITS` + 1."""
    return _ways(digits)(0, count) if count > 0 else 0


def _ways(digits: str) -> Callable[[int, int], int]:
    """The number of cuts of `digits[position:]` into `left` figures, capped past `RUN_SPLITS`, remembered."""
    known: dict[tuple[int, int], int] = {}

    def ways(position: int, left: int) -> int:
        rest = len(digits) - position
        if rest < left or rest > left * FIGURE_DIGITS:
            return 0
        if left == 1:
            return int(rest == 1 or digits[position] != "0")
        if (position, left) not in known:
            total = 0
            for end in _ends(digits, position):
                total = min(total + ways(end, left - 1), RUN_SPLITS + 1)
            known[position, left] = total
        return known[position, left]

    return ways


def _ends(digits: str, position: int) -> range:
    """Where a figure starting at `position` may end, short of the run's end: one digit only after a 0."""
    longest = 1 if digits[position] == "0" else FIGURE_DIGITS
    return range(position + 1, min(position + longest, len(digits) - 1) + 1)


def _columns(text: str, position: int, limit: int) -> tuple[list[str], int]:
    columns = []
    while (match := _COLUMN.match(text, position, limit)) is not None:
        columns.append(match.group(1))
        position = match.end()
    return columns, position


def _run_rows(text: str, position: int, limit: int, count: int) -> list[_RunRow]:
    """The rows after the header (`count` value columns), up to the first text that is not a row."""
    rows: list[_RunRow] = []
    parent: str | None = None
    child_number = 0
    while True:
        gap = position
        while position < limit and text[position].isspace():
            position += 1
        match = _ROW.match(text, position, limit)
        if match is None:
            break
        is_child = bool(match.group("lead") or match.group("number"))
        if match.group("number"):
            child_number = int(match.group("number"))
        elif is_child:
            child_number += 1
        digits = match.group("digits")
        end = match.end()
        next_number = None
        if _NEXT_NUMBERED.match(text, end, limit):
            # The next row's number ran into these digits: it is the number after this row's.
            expected = str(child_number + 1 if is_child else 1)
            cut = len(expected) if digits.endswith(expected) and len(digits) > len(expected) else 1
            if len(digits) > cut:
                next_number = digits[-cut:]
                digits = digits[:-cut]
                end -= cut
        if position > gap and not count_splits(digits, count):
            # After a gap, a run too short for the columns is prose (`附件2：…`), not a row of the table.
            break
        name = match.group("name")
        rows.append(
            _RunRow(
                name=name,
                parent=parent if is_child else None,
                unit=match.group("unit"),
                digits=digits,
                start=match.start(),
                end=end,
                next_number=next_number,
            )
        )
        if not is_child:
            parent = name
            child_number = 0
        position = end
    return rows


def _report_year(columns: Sequence[str]) -> str | None:
    return next((c[:4] for c in columns if c[:4].isdigit()), None)


@dataclass(frozen=True)
class _Heard:
    """What the body text before a table says, for that table's rows, and the year the table is for."""

    body: BodyFigures
    start: int
    year: str | None


def _split_rows(rows: list[_RunRow], columns: list[str], heard: _Heard) -> None:
    """Narrow each row's splits by the row order, the body text and the sub-rows, noting each reason."""
    count = len(columns)
    year_index = next((i for i, c in enumerate(columns) if c[:4].isdigit() or c.startswith("本年")), None)
    total_index = next((i for i, c in enumerate(columns) if "累计" in c), None)
    for row in rows:
        row.splits = splits(row.digits, count)
        if year_index is not None and total_index is not None:
            row.splits = [s for s in row.splits if s[year_index] <= s[total_index]]
    if count == 1:
        return
    for row in rows:
        _apply_body(row, heard, year_index, total_index)
    for group in _groups(rows):
        _apply_sums(group[0], group[1:])


def _apply_body(row: _RunRow, heard: _Heard, year_index: int | None, total_index: int | None) -> None:
    if len(row.splits) < 2 or not heard.body.hears(heard.start):
        return
    kept: list[Split] = []
    quotes: list[str] = []
    # Only a figure equal to some split's cell can keep a split: the text is asked about those values alone.
    values = {split[column] for split in row.splits for column in (year_index, total_index) if column is not None}
    for mention in heard.body.before(heard.start, values):
        if not mention.names(row.name, row.unit, heard.year):
            continue
        column = total_index if "累计" in mention.clause or "历年" in mention.clause else year_index
        if column is None:
            continue
        matching = [s for s in row.splits if s[column] == mention.value and s not in kept]
        if matching:
            kept.extend(matching)
            quotes.append(f"正文写明“{mention.quote}”")
    if kept and len(kept) < len(row.splits):
        row.splits = [s for s in row.splits if s in kept]
        row.reasons.extend(quotes)


def _groups(rows: list[_RunRow]) -> Iterator[list[_RunRow]]:
    """Each top-level row with the sub-rows that follow it."""
    group: list[_RunRow] = []
    for row in rows:
        if row.parent is None or not group:
            if group:
                yield group
            group = [row]
        else:
            group.append(row)
    if group:
        yield group


def _apply_sums(parent: _RunRow, children: list[_RunRow]) -> None:
    """Keep the splits under which the sub-rows add up to their parent, or else are no larger than it."""
    if not children or any(not row.splits for row in (parent, *children)):
        return
    group = [parent, *children]
    size = 1
    for row in group:
        size *= len(row.splits)
    if size <= _MAX_COMBINATIONS:
        adding_up = [
            combination
            for combination in product(*(row.splits for row in group))
            if all(total == sum(parts) for total, *parts in zip(*combination, strict=True))
        ]
        if adding_up:
            reasons = ["其中各分项相加等于本行"] + [f"与其他分项相加等于合计“{parent.name}”"] * len(children)
            for place, (row, reason) in enumerate(zip(group, reasons, strict=True)):
                kept = sorted({combination[place] for combination in adding_up})
                if len(kept) < len(row.splits):
                    row.splits = kept
                    row.reasons.append(reason)
            return
    for child in children:
        kept = [s for s in child.splits if any(_within(s, p) for p in parent.splits)]
        if kept and len(kept) < len(child.splits):
            child.splits = kept
            child.reasons.append(f"分项不大于合计“{parent.name}”（该组分项与合计相加不符）")
    kept = [p for p in parent.splits if all(any(_within(c, p) for c in child.splits) for child in children)]
    if kept and len(kept) < len(parent.splits):
        parent.splits = kept
        parent.reasons.append("合计不小于其中各分项（该组分项与合计相加不符）")


def _within(part: Split, whole: Split) -> bool:
    return all(a <= b for a, b in zip(part, whole, strict=True))


def _row(run: _RunRow, columns: list[str], index: TextIndex) -> Row:
    values: dict[str, int | float | None] = {}
    inferred: dict[str, str] = {}
    raw: dict[str, str] = {}
    lead = f"由数字串{run.digits}拆分"
    if run.next_number is not None:
        lead += f"（其后的{run.next_number}是下一行的序号）"
    reason = f"{lead}：{'；'.join(run.reasons) or '唯一可能的拆分'}"
    for place, column in enumerate(columns):
        readings = {s[place] for s in run.splits}
        if len(readings) == 1:
            values[column] = readings.pop()
            if len(columns) > 1:
                inferred[column] = reason
        else:
            values[column] = None
            raw[column] = run.digits
    return Row(
        name=run.name,
        parent=run.parent,
        unit=run.unit,
        values=values,
        line=index.line_of(run.start),
        start=run.start,
        end=run.end,
        inferred=inferred,
        raw=raw,
    )
