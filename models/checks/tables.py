"""Check tables against themselves: sub-rows against their parent, the year against 历年累计, and the
national template's own arithmetic (rows against 总计, 一 + 二 = （七）总计 + 四, results against 总计).

Template rows are looked up by name fragments, so the checks hold whichever way a reader names them
(`三、本年度办理结果/（一）予以公开`, or `（一）予以公开` with that parent). A blank cell among filled
ones counts as 0 (the template leaves zero cells empty); a part of a sum that is wholly blank is skipped.

A check that cannot run says why (`Skipped`): a row it needs is missing, every figure it would compare is
blank, or the digits of a row ran together in a way no rule could split.
"""

from __future__ import annotations

import re

from models.checks.finding import ERROR, INFO, WARNING, CheckResult, Finding, Skipped, show
from models.core.document import Number, Row, Table
from models.tables.template_labels import (
    APPLICATION_LABELS,
    APPLICATIONS,
    CARRIED_IN,
    CARRIED_OUT,
    RECEIVED,
    RESULTS,
    RESULTS_TOTAL,
    TEMPLATE_KINDS,
    TITLES,
)
from models.tables.template_required import is_blank

_CATCH_ALL = ("其他", "其它")
_TOTAL_COLUMN = ("总计", "合计")
# Each result category of the applications table by the words that find it: 予以公开 → （一）予以公开.
_RESULT_NAMES = {
    label.name[3:]: label.name
    for label in APPLICATION_LABELS
    if label.parent == RESULTS and label.name != RESULTS_TOTAL
}
_RESULTS = tuple(_RESULT_NAMES)
_NUMBERED = re.compile(r"(?<!\d)\d+\s*[.．、]")  # from a run's first digit only: searched once, not from each
_ORGANISATIONS = "法人或其他组织"
_BALANCE = "一、本年新收加二、上年结转是否等于（七）总计加四、结转下年度"
_RESULTS_SUM = "本年度办理结果各项之和是否等于（七）总计"
_ROW_TOTALS = "各行总计是否等于各列之和"


def check_tables(tables: list[Table]) -> CheckResult:
    """Findings of every table (sub-rows, cumulative columns and, for template tables, their balance), and the
    checks that could not run."""
    result = CheckResult()
    for table in tables:
        if table.kind == APPLICATIONS:
            result.extend(_applications(table))
        else:
            result.findings += _subrows(table)
        result.extend(_row_totals(table))
        result.findings += _cumulative(table)
    return result


def table_name(table: Table) -> str:
    """What a message calls a table: `收到和处理政府信息公开申请情况表`."""
    title = table.title or TITLES.get(table.kind) or "统计"
    return title if title.endswith("表") else f"{title}表"


def _row_span(row: Row) -> tuple[int, int]:
    return (row.start, row.end)


def inferred_note(rows: list[Row], columns: list[str]) -> str:
    """A note for a message whose table figures include values split from digits that ran together."""
    if any(column in row.inferred for row in rows for column in columns):
        return "（表中部分数值由连写的数字拆分推断）"
    return ""


def total_of(values: list[Number | None]) -> Number | None:
    """The sum of values with blanks as 0, or None when every value is blank."""
    if not values or all(v is None for v in values):
        return None
    return sum(v for v in values if v is not None)


# Rule 3: sub-rows ------------------------------------------------------------------------------


def _children(table: Table) -> list[tuple[Row, list[Row]]]:
    groups: list[tuple[Row, list[Row]]] = []
    for row in table.rows:
        if row.parent is None:
            groups.append((row, []))
        elif groups and groups[-1][0].name == row.parent:
            groups[-1][1].append(row)
    return [(parent, children) for parent, children in groups if children]


def _subrows(table: Table) -> list[Finding]:
    findings = []
    for parent, children in _children(table):
        exact = [
            column
            for column in table.columns
            if parent.values.get(column)
            and parent.values.get(column) == total_of([child.values.get(column) for child in children])
        ]
        for column in table.columns:
            total = parent.values.get(column)
            listed = total_of([child.values.get(column) for child in children])
            if total is None or listed is None or listed == total:
                continue
            if listed > total or any(w in c.name for c in children for w in _CATCH_ALL):
                severity = ERROR
            elif len(children) >= 3 and exact:
                severity = WARNING  # the same sub-rows add up in another column: they are meant to be complete
            else:
                severity = INFO
            message = f"{parent.name}为{show(total)}，但其下各项之和为{show(listed)}（{column}）"
            if severity == INFO:
                message += "，所列各项可能不全"
            message += inferred_note([parent, *children], [column])
            numbers: list[Number] = [total, *(c.values.get(column) or 0 for c in children)]
            lines = sorted({parent.line, *(c.line for c in children)})
            spans = [_row_span(parent), *(_row_span(c) for c in children)]
            findings.append(Finding("table-subrows", severity, message, numbers, lines, spans))
    return findings


# Rule 5: the year against 历年累计 -------------------------------------------------------------


def _cumulative(table: Table) -> list[Finding]:
    year = table.year_column
    cumulative = next((c for c in table.columns if "累计" in c), None)
    if year is None or cumulative is None:
        return []
    findings = []
    for row in table.rows:
        this_year, so_far = row.values.get(year), row.values.get(cumulative)
        if this_year is not None and so_far is not None and this_year > so_far:
            message = f"{row.name}本年为{show(this_year)}，大于历年累计{show(so_far)}"
            findings.append(Finding("cumulative", ERROR, message, [this_year, so_far], [row.line], [_row_span(row)]))
    return findings


# Template: 总计 against the columns it totals -------------------------------------------------


def _total_groups(columns: list[str]) -> list[tuple[str, list[str]]]:
    """(total column, the leaf columns it adds up): `总计` over 自然人 and 法人或其他组织/…"""
    groups = []
    leaves = [c for c in columns if not any(o != c and o.startswith(c + "/") for o in columns)]
    has_organisation_parts = any(c.startswith(_ORGANISATIONS + "/") for c in columns)
    for column in columns:
        prefix, _, last = column.rpartition("/")
        if last not in _TOTAL_COLUMN:
            continue
        parts = [
            c
            for c in leaves
            if c != column
            and c.rpartition("/")[2] not in _TOTAL_COLUMN
            and (not prefix or c.startswith(prefix + "/"))
            and not (c == _ORGANISATIONS and has_organisation_parts)
        ]
        if len(parts) >= 2:
            groups.append((column, parts))
    return groups


def _row_totals(table: Table) -> CheckResult:
    result = CheckResult()
    groups = _total_groups(table.columns)
    if groups and table.kind in TEMPLATE_KINDS and is_blank(table.rows):
        reason = f"{table_name(table)}各格均为空，无法核对{_ROW_TOTALS}"
        return CheckResult([], [Skipped("template-row-total", reason, (table.line,))])
    unreadable: list[Row] = []
    for total_column, parts in groups:
        for row in table.rows:
            if any(column in row.raw for column in (total_column, *parts)):
                if not any(row is other for other in unreadable):
                    unreadable.append(row)
                continue
            total = row.values.get(total_column)
            listed = total_of([row.values.get(c) for c in parts])
            if total is None or listed is None or total == listed:
                continue
            name = row.name.rpartition("/")[2] or row.name
            message = f"{name}的{total_column}为{show(total)}，但各列之和为{show(listed)}"
            message += inferred_note([row], [total_column, *parts])
            numbers: list[Number] = [total, listed]
            finding = Finding("template-row-total", ERROR, message, numbers, [row.line], [_row_span(row)])
            result.findings.append(finding)
    if unreadable:
        names = "、".join(_short(row) for row in unreadable)
        reason = f"{table_name(table)}中{names}的数字连写无法拆分，无法核对这些行的总计是否等于各列之和"
        result.skipped.append(Skipped("template-row-total", reason, tuple(sorted({r.line for r in unreadable}))))
    return result


# Template: the application table's balance -----------------------------------------------------


def _path(row: Row) -> str:
    return f"{row.parent}/{row.name}" if row.parent else row.name


def _find(table: Table, fragment: str) -> Row | None:
    return next((row for row in table.rows if fragment in _path(row)), None)


def _result_rows(table: Table) -> list[Row]:
    """The rows that make up （七）总计: each result category, or its numbered sub-rows when it has them."""
    rows: list[Row] = []
    for result in _RESULTS:
        category, subrows = _category(table, result)
        if category is not None and any(v is not None for v in category.values.values()):
            rows.append(category)
        else:
            rows += subrows
    return rows


def _applications(table: Table) -> CheckResult:
    result = CheckResult()
    new, carried = _find(table, "本年新收"), _find(table, "上年结转")
    total, pending = _find(table, "总计"), _find(table, "结转下年度")
    absent = [name for words, name in _RESULT_NAMES.items() if _category(table, words) == (None, [])]
    if total is None:
        absent.append(RESULTS_TOTAL)
    if absent:
        result.skipped.append(_missing(table, "template-results", absent, _RESULTS_SUM))
    else:
        assert total is not None
        left = ("本年度办理结果各项之和", _result_rows(table))
        result.extend(_balance(table, "template-results", left, (_short(total), [total])))
    needed = ((RECEIVED, new), (CARRIED_IN, carried), (RESULTS_TOTAL, total), (CARRIED_OUT, pending))
    if absent := [name for name, row in needed if row is None]:
        result.skipped.append(_missing(table, "template-balance", absent, _BALANCE))
    else:
        left = ("一、本年新收加二、上年结转", [row for _, row in needed[:2] if row is not None])
        right = ("（七）总计加四、结转下年度", [row for _, row in needed[2:] if row is not None])
        result.extend(_balance(table, "template-balance", left, right))
    result.extend(_subrows_by_category(table))
    return result


def _missing(table: Table, rule: str, names: list[str], what: str) -> Skipped:
    return Skipped(rule, f"{table_name(table)}缺少{'、'.join(names)}，无法核对{what}", (table.line,))


def _short(row: Row) -> str:
    return row.name.rpartition("/")[2] or row.name


def _balance(table: Table, rule: str, left: tuple[str, list[Row]], right: tuple[str, list[Row]]) -> CheckResult:
    """One finding listing every column where the sums of two sets of rows differ; or, where no column could be
    compared, or some could not be read, the check skipped with the reason."""
    (left_name, left_rows), (right_name, right_rows) = left, right
    rows = left_rows + right_rows
    differences, columns, unreadable = [], [], []
    numbers: list[Number] = []
    compared = False
    for column in table.columns:
        a = total_of([row.values.get(column) for row in left_rows])
        b = total_of([row.values.get(column) for row in right_rows])
        if any(column in row.raw for row in rows):
            unreadable.append(column)
            continue
        if a is None or b is None:
            continue
        compared = True
        if a != b:
            differences.append(f"{column}列{show(a)}≠{show(b)}")
            columns.append(column)
            numbers += [a, b]
    result = CheckResult()
    what = f"{left_name}是否等于{right_name}"
    lines = sorted({row.line for row in rows})
    if unreadable:
        names = "、".join(_short(row) for row in rows if any(c in row.raw for c in unreadable))
        reason = f"{table_name(table)}中{names}的数字连写无法拆分，{'、'.join(unreadable)}列无法核对{what}"
        result.skipped.append(Skipped(rule, reason, tuple(lines)))
    elif not compared and table.columns:
        reason = f"{table_name(table)}中{'、'.join(_short(row) for row in rows)}的数字均为空，无法核对{what}"
        result.skipped.append(Skipped(rule, reason, tuple(lines)))
    if differences:
        message = f"{left_name}与{right_name}不符：" + "，".join(differences) + inferred_note(rows, columns)
        result.findings.append(Finding(rule, ERROR, message, numbers, lines, [_row_span(r) for r in rows]))
    return result


def _subrows_by_category(table: Table) -> CheckResult:
    """A result category's own figures against its numbered sub-rows, where both are filled."""
    result = CheckResult()
    for words in _RESULTS:
        category, subrows = _category(table, words)
        if category and subrows and any(v is not None for v in category.values.values()):
            left = (_short(category), [category])
            result.extend(_balance(table, "table-subrows", left, ("其下各项之和", subrows)))
    return result


def _category(table: Table, result: str) -> tuple[Row | None, list[Row]]:
    """A result category's row (None if the table has none) and its numbered sub-rows."""
    category, subrows = None, []
    for row in table.rows:
        path = _path(row)
        if result not in path:
            continue
        if _NUMBERED.search(path.split(result)[-1]):
            subrows.append(row)
        elif category is None:
            category = row
    return category, subrows


def result_total(table: Table, categories: tuple[str, ...]) -> tuple[Number | None, list[Row]]:
    """How many requests ended in `categories` (e.g. 予以公开 and 部分公开) over all applicants.

    Uses the 总计 column, or the applicant columns where the table left 总计 blank on result rows.
    Returns the figure (None when the table gives none) and the rows it comes from.
    """
    groups = _total_groups(table.columns)
    total_column, parts = groups[0] if groups else (None, list(table.columns))
    rows: list[Row] = []
    for result in categories:
        category, subrows = _category(table, result)
        filled = category is not None and any(v is not None for v in category.values.values())
        rows += [category] if category is not None and filled else subrows
    if not rows:
        return None, rows
    by_total = total_of([row.values.get(total_column) for row in rows]) if total_column else None
    if by_total is not None:
        return by_total, rows
    return total_of([row.values.get(column) for row in rows for column in parts]), rows
