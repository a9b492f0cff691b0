"""The post-2019 national template's three tables, found in a report's text.

Since 2019 every report follows one template (国办公开办函〔2019〕60号, revised by 〔2021〕30号) with
three tables: 主动公开政府信息情况 (kind "active"), 收到和处理政府信息公开申请情况 ("applications") and
政府信息公开行政复议、行政诉讼情况 ("review"). They are found by their labels, in whatever text holds
them: prose that lost its line breaks, with figures run together (`（一）予以公开7000007`); lines with
figures separated by spaces (a PDF's text); or tab-separated lines, one a table row, as the HTML and
Word readers render the tables they rebuilt (there a blank cell is null). Where cells wrapped over
lines so that no strict reading works, `models.tables.template_wrapped` reads what it can.

Rows are named by the template's labels (`（二）部分公开`, `1.属于国家秘密`) whatever the report's
spelling, so a checker can find them; group rows (`三、本年度办理结果`, `（三）不予公开`, the blocks
`第二十条第（一）项`) carry no figures and are the `parent` of the rows under them. A figure split out of
digits that ran together is in `Row.inferred` with the reason; one no rule settles is null, with the
digits in `Row.raw`. In the active table a row holds only its block's columns; the 采购总金额 unit
(元/万元), when written, is the 政府集中采购 row's `unit`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial
from itertools import product

from models.core.document import Leftover, Table
from models.core.limits import FIGURE_DIGITS
from models.core.textindex import TextIndex, line_end
from models.tables.template_cells import (
    COUNT,
    REVIEW_TOTAL_REASON,
    ROW_TOTAL_REASON,
    Reading,
    RowCells,
    read_cells,
    sums,
    template_row,
    trim_end,
)
from models.tables.template_labels import (
    ACTIVE,
    ACTIVE_COLUMNS,
    APPLICANT_COLUMNS,
    APPLICATION_LABELS,
    APPLICATIONS,
    BLOCK,
    BLOCK_ROWS,
    CARRIED_IN,
    CARRIED_OUT,
    COLUMN_PATTERNS,
    DEFAULT_COLUMNS,
    RECEIVED,
    RESULTS,
    RESULTS_TOTAL,
    REVIEW,
    REVIEW_COLUMNS,
    REVIEW_HEADER,
    REVIEW_ROW,
    SECTION_HEADING,
    TITLES,
    TOTAL,
    Label,
    block_name,
    compiled,
    heading,
    label_pattern,
    template_table,
)
from models.tables.template_wrapped import loose_applications, loose_review

_FIGURES = r"(?:[ \t\n\u3000\d.,+\-]|万元|元)*"
_CUMULATIVE_REASON = "对外公开总数量不小于本年新公开数量，只有这一种拆分成立"
_BALANCE_REASON = (
    "表中所注勾稽关系（第一项加第二项之和等于第三项加第四项之和）与（七）总计等于各项之和，只有这一种拆分成立"
)


__all__ = [
    "ACTIVE",
    "APPLICANT_COLUMNS",
    "APPLICATIONS",
    "REVIEW",
    "REVIEW_COLUMNS",
    "TITLES",
    "find_template_tables",
]


def find_template_tables(
    text: str, index: TextIndex, leftovers: list[Leftover], blanks_lost: bool = False
) -> list[Table]:
    """The template tables in `text` outside the leftovers, in text order.

    `blanks_lost`: the text comes from a PDF, where a blank cell leaves no trace in a row's figures.
    """
    tables = []
    for reader in (_active_tables, _application_tables, _review_tables):
        for table in reader(text, index, blanks_lost):
            if not any(part.start <= table.start < part.end for part in leftovers):
                tables.append(table)
    for loose in (loose_applications, loose_review):
        for table in loose(text, index, tables):
            if not any(part.start <= table.start < part.end for part in leftovers):
                tables.append(table)
    tables.sort(key=lambda t: t.start)
    kept: list[Table] = []
    for table in tables:
        if not kept or table.start >= kept[-1].end:
            kept.append(table)
    return kept


def _table_start(text: str, kind: str, first: int, window: int) -> int:
    """Where a table whose first label is at `first` starts: just after its heading when that is near."""
    best = None
    for found in heading(kind).finditer(text, max(0, first - window), first + 1):
        best = found
    if best is None:
        return first
    start = best.end()
    while start < first and text[start] in " \t\n\u3000：:":
        start += 1
    return start


def _segment(text: str, start: int, stop: int) -> tuple[str, bool]:
    """The figures after a label, up to `stop`; and whether prose follows them (the table ended)."""
    match = compiled(_FIGURES).match(text, start, stop)
    assert match is not None
    return match.group(), match.end() < stop


# Any application row label, each as its own group `L<i>` (i: its place in APPLICATION_LABELS).
_APPLICATION_RE = "|".join(f"(?P<L{i}>{label.pattern})" for i, label in enumerate(APPLICATION_LABELS))
_GROUPS = {label.parent for label in APPLICATION_LABELS if label.parent}  # may repeat across a page break


# Searching for the first label alone is much faster than the whole alternation over a long text.
_APPLICATION_FIRST = f"(?P<L0>{APPLICATION_LABELS[0].pattern})"


def _application_tables(text: str, index: TextIndex, blanks_lost: bool) -> Iterator[Table]:
    position = 0
    while (first := compiled(_APPLICATION_FIRST).search(text, position)) is not None:
        table = _read_applications(text, index, first, blanks_lost)
        position = table.end if table else first.end()
        if table:
            yield table


def _read_applications(text: str, index: TextIndex, first: re.Match[str], blanks_lost: bool) -> Table | None:
    exact = "\t" in text[first.end() : first.end() + 200]
    found: list[tuple[Label, re.Match[str], RowCells]] = []
    seen: set[int] = set()
    last = -1
    match: re.Match[str] | None = first
    while match is not None:
        number = int((match.lastgroup or "L0")[1:])
        label = APPLICATION_LABELS[number]
        following = compiled(_APPLICATION_RE).search(text, match.end())
        stop = following.start() if following else len(text)
        figures, ended = _segment(text, match.end(), stop)
        if number in seen or number < last:
            if label.name not in _GROUPS:
                break
        else:
            seen.add(number)
            last = number
            found.append((label, match, read_cells(figures, match.end(), [COUNT] * 7, exact, blanks_lost)))
        if ended or following is None:
            break
        match = following
    rows_cells = {label.name: cells for label, _, cells in found}
    for cells in rows_cells.values():
        cells.narrow(partial(sums, first=0, total=6, blank=0), ROW_TOTAL_REASON)
    _balance(rows_cells, [label for label, _, _ in found])
    rows = [template_row(index, label.name, label.parent, m, cells, APPLICANT_COLUMNS) for label, m, cells in found]
    if len(rows) < 3:
        return None
    start = _table_start(text, APPLICATIONS, first.start(), 250)
    end = line_end(text, rows[-1].end) if exact else rows[-1].end
    if rows[-1].name != CARRIED_OUT:
        # Cut short (a row the text garbled): the rest, up to the next section, is still the table's.
        following = compiled(SECTION_HEADING).search(text, end, end + 3000)
        if following is not None:
            end = trim_end(text, end, following.start())
    return template_table(APPLICATIONS, rows, index, start, end)


def _balance(rows: dict[str, RowCells], labels: list[Label]) -> None:
    """Narrow the applications rows still open by the table's own arithmetic, column by column.

    一 + 二 = （七）总计 + 四 (the 勾稽关系 the table states) and （七）总计 = the sum of the result rows.
    """
    parents = {label.parent for label in labels if label.parent}
    leaves = [
        label.name
        for label in labels
        if label.name not in parents
        and label.name != RESULTS_TOTAL
        and (label.parent == RESULTS or (label.parent or "").startswith("（"))
        and not rows[label.name].empty
    ]
    needed = [RECEIVED, CARRIED_IN, RESULTS_TOTAL, CARRIED_OUT, *leaves]
    if any(name not in rows or not rows[name].readings for name in needed):
        return
    open_rows = [name for name in needed if len(rows[name].readings) > 1]
    if not open_rows:
        return
    size = 1
    for name in open_rows:
        size *= len(rows[name].readings)
    if size > 200_000:
        return
    fixed = {name: rows[name].readings[0] for name in needed if name not in open_rows}
    surviving: dict[str, set[Reading]] = {name: set() for name in open_rows}
    for choice in product(*(rows[name].readings for name in open_rows)):
        reading = {**fixed, **dict(zip(open_rows, choice, strict=True))}
        if _balanced(reading, leaves):
            for name, value in zip(open_rows, choice, strict=True):
                surviving[name].add(value)
    for name in open_rows:
        rows[name].narrow(surviving[name].__contains__, _BALANCE_REASON)


def _balanced(reading: dict[str, Reading], leaves: list[str]) -> bool:
    for column in range(7):

        def value(name: str, column: int = column) -> int | float:
            return reading[name][column] or 0

        if value(RECEIVED) + value(CARRIED_IN) != value(RESULTS_TOTAL) + value(CARRIED_OUT):
            return False
        if sum(value(name) for name in leaves) != value(RESULTS_TOTAL):
            return False
    return True


def _active_tables(text: str, index: TextIndex, blanks_lost: bool) -> Iterator[Table]:
    position = 0
    while (first := compiled(BLOCK).search(text, position)) is not None:
        if first.group(1) != "一" or not _has_header(text, first.end()):
            position = first.end()
            continue
        table = _read_active(text, index, first, blanks_lost)
        position = table.end if table else first.end()
        if table:
            yield table


def _has_header(text: str, position: int) -> bool:
    head = text[position : position + 60]
    return "信息内容" in head or any(re.search(p, head) for p in COLUMN_PATTERNS.values())


_ROW_NAMES = sorted({name for names in BLOCK_ROWS.values() for name in names}, key=len, reverse=True)
_ACTIVE_RE = rf"(?P<block>{BLOCK})|(?P<row>{'|'.join(label_pattern(n) for n in _ROW_NAMES)})"


def _read_active(text: str, index: TextIndex, first: re.Match[str], blanks_lost: bool) -> Table | None:
    exact = "\t" in text[first.end() : first.end() + 200]
    later = text[first.start() : first.start() + 1500]
    version = 2021 if re.search("本年制发件数|本年处理决定数量|本年收费金额", later) else 2019
    found: list[tuple[Label, re.Match[str], RowCells, list[str]]] = []
    block = ""
    block_columns: list[str] = []
    match = compiled(_ACTIVE_RE).match(text, first.start())
    while match is not None:
        following = compiled(_ACTIVE_RE).search(text, match.end())
        stop = following.start() if following else len(text)
        if match.lastgroup == "block":
            block = _block_numeral(match.group())
            if any(label.name == block_name(block) for label, *_ in found):
                break
            block_columns = _block_columns(text[match.end() : stop], version, block)
            found.append((Label(block_name(block), None, ""), match, RowCells([], [], [], []), []))
        else:
            name = re.sub(r"\s", "", match.group())
            if name not in BLOCK_ROWS.get(block, ()):
                break
            figures, ended = _segment(text, match.end(), stop)
            kinds = [ACTIVE_COLUMNS[c] for c in block_columns]
            cells = read_cells(figures, match.end(), kinds, exact, blanks_lost)
            if "本年新公开数量" in block_columns and "对外公开总数量" in block_columns:
                year, total = block_columns.index("本年新公开数量"), block_columns.index("对外公开总数量")
                cells.narrow(partial(_at_most, year=year, total=total), _CUMULATIVE_REASON)
            found.append((Label(name, block_name(block), ""), match, cells, block_columns))
            if ended:
                break
        match = following
    if len(found) < 2:
        return None
    start = _table_start(text, ACTIVE, first.start(), 60)
    last_end = max([found[-1][1].end()] + [g.end for g in found[-1][2].groups])
    end = line_end(text, last_end) if exact else last_end
    for label, _, cells, _ in found:
        _confirm_from_body(cells, label.name, text, (start, end))
    rows = [
        template_row(index, label.name, label.parent, m, cells, block_columns)
        for label, m, cells, block_columns in found
    ]
    columns: list[str] = []
    for *_, block_columns in found:
        columns += [c for c in block_columns if c not in columns]
    return template_table(ACTIVE, rows, index, start, end, columns)


def _confirm_from_body(cells: RowCells, name: str, text: str, table: tuple[int, int]) -> None:
    """Settle a run-together row by a figure the report's prose gives for it (`制发的规范性文件77件`).

    Only when exactly one open cell has exactly one reading whose figure the prose names next to the
    row's name; the figure is then inferred, quoting the prose.
    """
    if len(cells.readings) < 2:
        return
    core = name.removeprefix("行政") if name.endswith("规范性文件") else name
    pattern = re.compile(rf"{label_pattern(core)}[^，。；,;\d\n]{{0,6}}?(\d{{1,{FIGURE_DIGITS}}})\s*(?:件|条|项|个)")
    quoted: dict[int, str] = {}
    for match in pattern.finditer(text):
        if not table[0] <= match.start() < table[1]:
            quoted.setdefault(int(match.group(1)), match.group())
    settled = cells.settled()
    hits = {(i, v) for r in cells.readings for i, v in enumerate(r) if i not in settled and v in quoted}
    if len(hits) != 1:
        return
    ((cell, value),) = hits
    assert value is not None
    cells.narrow(lambda r: r[cell] == value, f"正文写明“{quoted[int(value)]}”，只有这一种拆分与之相符")


def _block_numeral(label: str) -> str:
    match = compiled(BLOCK).match(label)
    assert match is not None
    return match.group(1)


def _at_most(reading: Reading, year: int, total: int) -> bool:
    """The year's figure is at most the cumulative one (when both are there)."""
    low, high = reading[year], reading[total]
    return low is None or high is None or low <= high


def _block_columns(header: str, version: int, block: str) -> list[str]:
    """The block's columns: as its header names them, or the template's when the header is cut up.

    A header whose cells wrapped (`本年新 本年新 对外公开总数量`) names only some columns: the template's
    set holding those is taken.
    """
    named = _header_columns(header)
    for year in (version, 2019 if version == 2021 else 2021):
        default = DEFAULT_COLUMNS[year][block]
        if named and set(named) <= set(default):
            return named if len(named) == len(default) else default
    return named or DEFAULT_COLUMNS[version][block]


def _header_columns(header: str) -> list[str]:
    """The known column names in a block's header, in the order written (longest name first at a place)."""
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for name in sorted(COLUMN_PATTERNS, key=len, reverse=True):
        for match in re.finditer(COLUMN_PATTERNS[name], header):
            if not any(s < match.end() and match.start() < e for s, e in taken):
                found.append((match.start(), name))
                taken.append((match.start(), match.end()))
    return [name for _, name in sorted(found)]


def _review_tables(text: str, index: TextIndex, blanks_lost: bool) -> Iterator[Table]:
    for header in compiled(REVIEW_HEADER).finditer(text):
        totals = [m for m in re.finditer(TOTAL, text[header.start() : header.start() + 400])]
        if len(totals) < 3:
            continue
        values_start = header.start() + totals[2].end()
        figures, _ = _segment(text, values_start, len(text))
        exact = "\t" in figures
        cells = read_cells(figures, values_start, [COUNT] * 15, exact, blanks_lost)
        if cells.empty:
            continue
        for block in range(3):
            cells.narrow(partial(sums, first=5 * block, total=5 * block + 4, blank=0), REVIEW_TOTAL_REASON)
        label = Label(REVIEW_ROW, None, "")
        row = template_row(index, label.name, label.parent, header, cells, REVIEW_COLUMNS)
        row.start = values_start + (len(figures) - len(figures.lstrip()))
        row.line = index.line_of(row.start)
        start = _table_start(text, REVIEW, header.start(), 60)
        end = line_end(text, row.end) if exact else row.end
        yield template_table(REVIEW, [row], index, start, end)
