"""What to plot of the national template's tables: a few charts per table, each a `Plot`.

- 收到和处理政府信息公开申请情况: the applications by result (（一）…（七）, the 总计 column, or
  自然人 against 法人或其他组织 where a report leaves the 总计 column blank) and by
  applicant (自然人, 法人或其他组织 and its five kinds, 总计; the year's new applications against those
  the year settled).
- 政府信息公开行政复议、行政诉讼情况: the outcomes (结果维持 … 总计) of 行政复议 and of the two kinds of
  行政诉讼 side by side.
- 主动公开政府信息情况: one chart per 第二十条 block, blocks with the same columns together; a money
  column (采购总金额, 本年收费金额) gets its own chart, since its scale is not a count's.

A figure computed here rather than printed (a group's sum of its sub-rows, 法人或其他组织 as the sum of
its five kinds) is noted so the view can say so. Nothing here imports Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.core.document import Number, Row, Table
from models.tables.template_cells import AMOUNT
from models.tables.template_labels import (
    ACTIVE,
    ACTIVE_COLUMNS,
    APPLICANT_COLUMNS,
    APPLICATIONS,
    RECEIVED,
    RESULTS,
    RESULTS_TOTAL,
    REVIEW,
    REVIEW_COLUMNS,
    TOTAL,
)

COUNT_AXIS = "件数"
_INDENT = "\u3000"
SUM_NOTE = "图中为各小项之和，表中此行未列数字"
TOTAL_BLANK_NOTE = "表中总计列空白，图中按申请人分列"
ORGANISATIONS = "法人或其他组织"
_REVIEW_GROUPS = {"行政复议": "行政复议", "行政诉讼/未经复议直接起诉": "直接起诉", "行政诉讼/复议后起诉": "复议后起诉"}


@dataclass(frozen=True)
class Plot:
    """One chart: categories top to bottom, with one bar per series in each.

    `rows[i]` is the index in `table.rows` that category i shows, or None when it is not one row (an
    applicant column); `notes[i]` says how its figures were obtained when not read off one cell ('').
    """

    title: str
    labels: list[str]
    series: list[tuple[str, list[float | None]]]
    rows: list[int | None]
    notes: list[str]
    axis: str = COUNT_AXIS


def template_plots(table: Table) -> list[Plot]:
    """The charts of a template table, in the order a reader would choose them; [] for other tables."""
    if table.kind == APPLICATIONS:
        return [_by_result(table), _by_applicant(table)]
    if table.kind == REVIEW:
        return [_review(table)] if table.rows else []
    if table.kind == ACTIVE:
        return _active(table)
    return []


def _figure(value: Number | None) -> float | None:
    return None if value is None else float(value)


def _by_result(table: Table) -> Plot:
    """The results' 总计; by applicant (自然人, 法人或其他组织) where the 总计 column is left blank."""
    results = [(number, row) for number, row in enumerate(table.rows) if row.parent == RESULTS]
    totals = [_total_of(table, row) for _, row in results]
    labels = [row.name for _, row in results]
    rows: list[int | None] = [number for number, _ in results]
    kinds = [c for c in APPLICANT_COLUMNS if c.startswith(ORGANISATIONS + "/")]
    people = [_given_sum(table, row, ["自然人"]) for _, row in results]
    organisations = [_given_sum(table, row, kinds) for _, row in results]
    # The 总计 column left blank for every result but （七）总计; one row's missing figure is not that.
    blank_total = all(_given_sum(table, row, [TOTAL])[0] is None for _, row in results if row.name != RESULTS_TOTAL)
    said = any(value is not None for value, _ in [*people, *organisations])
    if not (blank_total and said):
        return Plot("按办理结果", labels, [(TOTAL, [v for v, _ in totals])], rows, [n for _, n in totals])
    notes = [
        "；".join([TOTAL_BLANK_NOTE, *(f"{name}为{how}" for name, (_, how) in pairs if how)])
        for pairs in zip((("自然人", p) for p in people), ((ORGANISATIONS, o) for o in organisations), strict=True)
    ]
    series = [("自然人", [v for v, _ in people]), (ORGANISATIONS, [v for v, _ in organisations])]
    return Plot("按办理结果", labels, series, rows, notes)


def _total_of(table: Table, row: Row) -> tuple[float | None, str]:
    """A result's 总计, or its sub-rows' sum when the group row lists none and every sub-row does."""
    value = _figure(row.values.get(TOTAL))
    children = [r for r in table.rows if r.parent == row.name]
    if value is None and children:
        parts = [r.values.get(TOTAL) for r in children]
        if all(part is not None for part in parts):
            return float(sum(part for part in parts if part is not None)), SUM_NOTE
    return value, ""


def _given_sum(table: Table, row: Row, columns: list[str]) -> tuple[float | None, str]:
    """The sum of the figures `row` gives in `columns`, or of its sub-rows' when it gives none, and how it was
    made ('' for one cell read off); blank cells count for nothing, and None when every cell is blank."""
    cells = [row.values.get(c) for c in columns]
    parts = f"{len(columns)}类之和" if len(columns) > 1 else ""
    if all(v is None for v in cells):
        cells = [r.values.get(c) for r in table.rows if r.parent == row.name for c in columns]
        parts = "各小项" + (f"中{parts}" if parts else "之和")
    given = [v for v in cells if v is not None]
    if not given:
        return None, ""
    if len(cells) == 1:
        return float(given[0]), ""
    return float(sum(given)), parts + ("（空白的格不计）" if len(given) < len(cells) else "")


def _by_applicant(table: Table) -> Plot:
    by_name = {row.name: (number, row) for number, row in enumerate(table.rows)}
    chosen = [(name, short) for name, short in ((RECEIVED, "本年新收"), (RESULTS_TOTAL, "本年办结")) if name in by_name]
    kinds = [c for c in APPLICANT_COLUMNS if c.startswith(ORGANISATIONS + "/")]
    # The axis aligns names to the right: the groups are padded on the right to set the five kinds in.
    labels = [f"自然人{_INDENT}", f"{ORGANISATIONS}{_INDENT}", *(c.split("/")[-1] for c in kinds), f"{TOTAL}{_INDENT}"]
    sums = f"图中为{len(kinds)}类之和"
    series = []
    for name, short in chosen:
        row = by_name[name][1]
        organisations, how = _given_sum(table, row, kinds)
        sums = max(sums, f"图中为{how}", key=len)  # says so when a blank cell was left out
        figures = [_figure(row.values.get("自然人")), organisations, *(_figure(row.values.get(c)) for c in kinds)]
        series.append((short, [*figures, _figure(row.values.get(TOTAL))]))
    return Plot("按申请人", labels, series, [None] * len(labels), ["", sums, *[""] * len(kinds), ""])


def _review(table: Table) -> Plot:
    row = table.rows[0]
    outcomes = [c.split("/")[-1] for c in REVIEW_COLUMNS[:5]]
    series = [
        (short, [_figure(row.values.get(f"{group}/{outcome}")) for outcome in outcomes])
        for group, short in _REVIEW_GROUPS.items()
    ]
    return Plot("按审理结果", outcomes, series, [0] * len(outcomes), [""] * len(outcomes))


def _active(table: Table) -> list[Plot]:
    """One plot per run of blocks with the same columns; money columns apart from counts."""
    blocks: list[tuple[str, list[int], list[str]]] = []  # (numerals, row indices, columns)
    for number, row in enumerate(table.rows):
        if row.parent is None:
            blocks.append((_numeral(row.name), [], []))
        elif blocks:
            numerals, rows, columns = blocks[-1]
            rows.append(number)
            columns += [c for c in row.values if c not in columns]
    merged: list[tuple[str, list[int], list[str]]] = []
    for numerals, rows, columns in blocks:
        if merged and merged[-1][2] == columns:
            merged[-1] = (merged[-1][0] + numerals, merged[-1][1] + rows, columns)
        elif rows:
            merged.append((numerals, rows, columns))
    plots = []
    for numerals, rows, columns in merged:
        counts = [c for c in columns if ACTIVE_COLUMNS.get(c) != AMOUNT]
        money = [c for c in columns if ACTIVE_COLUMNS.get(c) == AMOUNT]
        title = f"第二十条第{numerals}项"
        for chosen, suffix in ((counts, ""), *(([c], f"：{c}" if counts else "") for c in money)):
            if chosen:
                plots.append(_block_plot(table, title + suffix, rows, chosen))
    return plots


def _numeral(block_name: str) -> str:
    """`（五）` of `第二十条第（五）项`."""
    return block_name[block_name.index("（") : block_name.index("）") + 1]


def _block_plot(table: Table, title: str, rows: list[int], columns: list[str]) -> Plot:
    axis = COUNT_AXIS
    if len(columns) == 1 and ACTIVE_COLUMNS.get(columns[0]) == AMOUNT:
        units = {table.rows[i].unit for i in rows if table.rows[i].unit}
        axis = "金额（万元）" if "万元" in columns[0] else f"金额（{units.pop()}）" if len(units) == 1 else "金额"
    series = [(column, [_figure(table.rows[i].values.get(column)) for i in rows]) for column in columns]
    return Plot(title, [table.rows[i].name for i in rows], series, list(rows), [""] * len(rows), axis)


__all__ = ["COUNT_AXIS", "SUM_NOTE", "Plot", "template_plots"]
