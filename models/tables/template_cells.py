"""Read one template row's figures, including figures whose cells ran together (`230000023`).

The national template fixes how many cells each row has and what kind of number each holds, so a
run of digits can be split by enumerating every way of writing it as that many numbers: a count is
`0` or has no leading zero, only 本年增/减 may be negative, only an amount may have decimals, and a
space is always a cell boundary. Cells every reading agrees on are known; arithmetic the template
guarantees (a total equals its parts) narrows the readings further, and what it settles is marked
inferred, with the reason. What stays open is left null with its digits kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import combinations

from models.core.document import Number, Row
from models.core.limits import FIGURE_DIGITS, is_figure
from models.core.textindex import TextIndex

COUNT, DELTA, AMOUNT = "count", "delta", "amount"
_KIND = {
    COUNT: r"0|[1-9]\d*",
    DELTA: r"0|[-+]?[1-9]\d*",
    AMOUNT: r"(?:0|[1-9]\d*)(?:\.\d+)?",
}
_BLANK = {"", "-", "—", "－", "/", "／", "无", "\u3000"}
# The longest text a cell's figure can be: its digits (`models.core.limits`), a sign and a decimal point.
_LONGEST = FIGURE_DIGITS + 2
ROW_TOTAL_REASON = "总计等于各列之和，只有这一种拆分成立"
REVIEW_TOTAL_REASON = "每组的总计等于前四格之和，只有这一种拆分成立"
SHAPE_REASON = "连写的数字按本行的格数拆分，只有这一种写法成立（数不以0开头）"
_MAX_READINGS = 5000
_MAX_PLACEMENTS = 20000
PLACEMENT_REASON = "空白格没有留下痕迹，按本行的格数只有这一种排法"

Reading = tuple[Number | None, ...]


# Patterns are compiled on first use: a report without the template's tables never needs them, and
# compiling them all at import would slow every start-up.
@cache
def _kind(kind: str) -> re.Pattern[str]:
    return re.compile(_KIND[kind])


def _fits(kind: str, cell: str) -> bool:
    """Whether `cell` reads as a figure of `kind`: its shape, and no more digits than a figure has."""
    return is_figure(cell) and _kind(kind).fullmatch(cell) is not None


@cache
def _unit() -> re.Pattern[str]:
    return re.compile(r"(万元|元)$")


@dataclass(frozen=True)
class Group:
    """A piece of the row's text that holds one or more whole cells."""

    text: str
    start: int
    end: int


@dataclass
class RowCells:
    """The possible readings of one row's cells and what is settled so far."""

    groups: list[Group]
    kinds: list[str]
    readings: list[Reading]
    trivial: list[bool]  # per cell: read without splitting (one cell per group, or one digit per cell)
    unit: str | None = None
    inferred: dict[int, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.groups

    def settled(self) -> dict[int, Number | None]:
        """Cells on which every remaining reading agrees."""
        if not self.readings:
            return {}
        first = self.readings[0]
        return {i: v for i, v in enumerate(first) if all(r[i] == v for r in self.readings)}

    def narrow(self, keep: Callable[[Reading], bool], reason: str) -> None:
        """Drop readings that break `keep`; cells this settles are inferred for `reason`.

        When no reading survives, the source breaks the rule itself and nothing is dropped.
        """
        before = self.settled()
        kept = [r for r in self.readings if keep(r)]
        if not kept:
            return
        self.readings = kept
        for i in self.settled():
            if i not in before:
                self.inferred[i] = reason

    def raw(self) -> str:
        """The row's figures as the source wrote them, for cells no reading settles."""
        return " ".join(g.text for g in self.groups)


def read_cells(text: str, start: int, kinds: Sequence[str], exact: bool, blanks_lost: bool = False) -> RowCells:
    """The readings of the figures in `text` (which starts at offset `start`) for cells of `kinds`.

    `exact`: the text is tab-separated cells (a rebuilt table), so each piece is one cell and a
    blank piece is a blank cell; otherwise spaces separate groups of one or more cells.
    Figures separated by spaces may also be whole cells whose blank neighbours left no trace (a
    table row copied from a PDF): those readings are kept beside the run-together ones, and
    arithmetic chooses. `blanks_lost` (the text is a PDF's) allows that for a single figure too.
    """
    groups = _groups(text, start, exact)
    if not groups:
        return RowCells([], list(kinds), [], [])
    if exact:
        return _exact(groups, list(kinds))
    runs = read_groups(groups, kinds)
    if not blanks_lost and len(groups) < 2:
        return runs  # one run of digits: cells that ran together, nothing else
    placed = read_placed(groups, kinds)
    known = set(runs.readings)
    extra = [r for r in placed.readings if r not in known]
    if not extra:
        return runs
    readings = runs.readings + extra
    trivial = [a and b for a, b in zip(runs.trivial, placed.trivial, strict=True)] if runs.readings else placed.trivial
    row = RowCells(groups, list(kinds), readings, trivial, runs.unit)
    for i in row.settled():
        if not row.trivial[i]:
            row.inferred[i] = SHAPE_REASON
    return row


def read_groups(groups: list[Group], kinds: Sequence[str]) -> RowCells:
    """The readings of figure groups (each one or more whole cells) for cells of `kinds`."""
    if not groups:
        return RowCells([], list(kinds), [], [])
    unit = None
    texts = []
    for group in groups:
        match = _unit().search(group.text)
        if match:
            unit = match.group(1)
        texts.append(_unit().sub("", group.text))
    readings: list[Reading] = []
    trivial: list[bool] | None = None
    for values, owner in _assign(texts, list(kinds)):
        readings.append(values)
        flags = [_trivial(texts[g], owner.count(g)) for g in owner]
        trivial = flags if trivial is None else [a and b for a, b in zip(trivial, flags, strict=True)]
        if len(readings) >= _MAX_READINGS:
            break
    row = RowCells(groups, list(kinds), readings, trivial or [False] * len(kinds), unit)
    for i in row.settled():
        if not row.trivial[i]:
            row.inferred[i] = SHAPE_REASON
    return row


def read_placed(figures: list[Group], kinds: Sequence[str]) -> RowCells:
    """Readings of a row whose figures are whole cells but whose blank cells left no trace (a PDF's table).

    With as many figures as cells each is read where it stands; with fewer, every placement of them
    in order among the cells is a reading, the other cells blank, for arithmetic to narrow.
    """
    values: list[Number] = []
    for figure in figures:
        cell = _unit().sub("", figure.text)
        if not (_fits(AMOUNT, cell) or _fits(DELTA, cell)):
            return RowCells(figures, list(kinds), [], [False] * len(kinds))
        values.append(_number(cell))
    if len(values) > len(kinds):
        return RowCells(figures, list(kinds), [], [False] * len(kinds))
    readings: list[Reading] = []
    for places in combinations(range(len(kinds)), len(values)):
        reading: list[Number | None] = [None] * len(kinds)
        for place, value in zip(places, values, strict=True):
            reading[place] = value
        readings.append(tuple(reading))
        if len(readings) >= _MAX_PLACEMENTS:
            break
    whole = len(values) == len(kinds)
    row = RowCells(figures, list(kinds), readings, [whole] * len(kinds))
    for i in row.settled():
        if not whole:
            row.inferred[i] = PLACEMENT_REASON
    return row


def _groups(text: str, start: int, exact: bool) -> list[Group]:
    if exact:
        body = text.strip("\n")
        offset = start + text.index(body) if body else start
        if body.startswith("\t"):
            body, offset = body[1:], offset + 1
        if not body.strip():
            return []
        groups = []
        for piece in body.split("\t"):
            lead = len(piece) - len(piece.lstrip())
            groups.append(Group(piece.strip(), offset + lead, offset + lead + len(piece.strip())))
            offset += len(piece) + 1
        return groups
    return [Group(m.group(), start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text)]


def _exact(groups: list[Group], kinds: list[str]) -> RowCells:
    values: list[Number | None] = []
    unit = None
    for group in groups:
        cell = group.text.replace(",", "").replace("，", "")
        match = _unit().search(cell)
        if match:
            unit, cell = match.group(1), cell[: match.start()]
        if cell in _BLANK:
            values.append(None)
        elif _fits(AMOUNT, cell) or _fits(DELTA, cell):
            values.append(_number(cell))
        else:
            return RowCells(groups, kinds, [], [False] * len(kinds))
    if len(values) != len(kinds):
        return RowCells(groups, kinds, [], [False] * len(kinds))
    return RowCells(groups, kinds, [tuple(values)], [True] * len(kinds), unit)


def _assign(texts: list[str], kinds: list[str]) -> Iterator[tuple[Reading, tuple[int, ...]]]:
    """Every reading: each group takes one or more consecutive cells and is split among them."""

    def walk(g: int, c: int) -> Iterator[tuple[Reading, tuple[int, ...]]]:
        if g == len(texts):
            if c == len(kinds):
                yield (), ()
            return
        later = len(texts) - g - 1
        for n in range(1, len(kinds) - c - later + 1):
            for head in _splits(texts[g], kinds[c : c + n]):
                for tail, owners in walk(g + 1, c + n):
                    yield head + tail, (g,) * n + owners

    return walk(0, 0)


def _splits(text: str, kinds: Sequence[str]) -> Iterator[Reading]:
    if not kinds:
        if not text:
            yield ()
        return
    for end in range(1, min(len(text) - len(kinds) + 2, _LONGEST + 1)):
        head = text[:end]
        if _fits(kinds[0], head):
            for rest in _splits(text[end:], kinds[1:]):
                yield (_number(head), *rest)


def _trivial(text: str, cells: int) -> bool:
    return cells == 1 or len(re.sub(r"[^\d]", "", text)) == cells


def _number(cell: str) -> Number:
    return float(cell) if "." in cell else int(cell)


def sums(reading: Reading, first: int, total: int, blank: int | None = None) -> bool:
    """Cells first..total-1 add up to cell `total`. A blank cell counts as `blank`, or lets any sum pass."""
    cells = [blank if v is None else v for v in reading[first : total + 1]]
    if any(v is None for v in cells):
        return True
    return sum(v for v in cells[:-1] if v is not None) == cells[-1]


def template_row(
    index: TextIndex, name: str, parent: str | None, match: re.Match[str], cells: RowCells, columns: list[str]
) -> Row:
    """The row `name` under `parent`, whose label `match` starts it: settled cells as values (inferred ones
    with their reason), open ones null with the source's digits in `raw`."""
    values: dict[str, int | float | None] = dict.fromkeys(columns)
    inferred: dict[str, str] = {}
    raw: dict[str, str] = {}
    end = max([match.end()] + [g.end for g in cells.groups])
    if not cells.empty:
        settled = cells.settled()
        for i, column in enumerate(columns):
            if i in settled:
                values[column] = settled[i]
                if i in cells.inferred:
                    inferred[column] = cells.inferred[i]
            else:
                raw[column] = cells.raw()
    return Row(
        name=name,
        parent=parent,
        unit=cells.unit,
        values=values,
        line=index.line_of(match.start()),
        start=match.start(),
        end=end,
        inferred=inferred,
        raw=raw,
    )


def trim_end(text: str, start: int, end: int) -> int:
    """`end` moved back over trailing whitespace, not before `start`."""
    while end > start and text[end - 1] in " \t\n\u3000":
        end -= 1
    return end
