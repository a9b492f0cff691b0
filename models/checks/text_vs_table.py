"""Rule 4: a figure the text states against the table cell that holds the same quantity.

Which row a figure states is read from the row's name and the words of the figure's clause
(`models.checks.indicator_words`, `models.checks.text_clauses`), for any row of the pre-2019 appendix and
of the national template's three tables:
- a clause states a row when it names what the row's name asks for and no term that names another row
  (`在…网站主动公开的1913条` names 网站 and 主动公开, so neither 主动公开信息数 nor 网站公开), and the
  words right before the figure are the row's (`主动公开采购信息25条`, `主动公开规范性文件20条` count kinds
  of what was published); the most specific row wins (`收到…信函申请1条` is 信函、传真申请数, not the total);
- a sub-row's parent may be named by the figure's context instead of its clause: the total it is listed
  under (`受理…154条，其中：当面提交32条`) or the row a figure before it in its sentence stated
  (`收到…申请7条，网上申请数3条`);
- sibling rows named together (`予以公开及部分公开42件`) are stated as their sum;
- a clause that names a column and no row (`涉及自然人80件`, `历年累计…条`) states, in that column, the
  row the figure before it in its sentence stated;
- the figure stands in a section whose headings name its row's subject (a 受理 figure under a heading about
  申请), its table's year, and is not listed as a part of a total stating the same row (`其中，区直各部门
  主动公开政府信息1687条` is a department's share of the 主动公开 total).
Columns: the appendix's year, or its 历年累计 for a running total; the template's 总计 column, or the
applicant column a clause names; the 主动公开 table's column that the clause (or the sentence's figure
before it) names (`主动公开规章13件` is 本年新公开数量). The 复议/诉讼 table is read by its two totals.

A cell the text states more than once needs one agreeing figure (the others are a department's or a
part's); otherwise the first figure is reported. Sums of money are compared in the table's unit, to the
precision the text prints (`0.03万元` is 300 元). A blank cell whose digits ran together is reported only
when no way of cutting them gives the figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.checks.category_lists import check_category_lists
from models.checks.figures import Figure, TextFigures
from models.checks.finding import WARNING, Finding, show
from models.checks.indicator_words import TERMS, column_key
from models.checks.quotes import label
from models.checks.table_quantities import Cell, Quantity, cell, quantities
from models.checks.tables import inferred_note, total_of
from models.checks.text_clauses import COUNT_UNITS, MONEY_UNITS, Body, Clause
from models.core.document import Number, Report, Row, Table

# The subject of every row of a template table, which a heading may name instead of the row's own words.
_KIND_WORDS = {"applications": frozenset({"申请"}), "active": frozenset({"主动公开"})}
_CONJUNCTIONS = "及和与、或"
_TITLE_YEAR = re.compile(r"(\d{4})年")


def check_text_vs_tables(report: Report, figures: TextFigures) -> list[Finding]:
    """Figures of the text that a table states otherwise."""
    findings = check_category_lists(report, figures)
    if not report.tables:
        return findings
    body = Body(report, figures)
    title_year = _TITLE_YEAR.search(report.title or "")
    year = title_year.group(1) if title_year else None
    for table, (low, high) in _regions(report.tables, len(report.text)):
        if table.kind == "review":
            findings += _review(table, body.between(low, high))
        elif table.kind in ("appendix", "applications", "active"):
            findings += _TableCheck(table, body, year).run(body.between(low, high))
    return findings


def _regions(tables: list[Table], length: int) -> list[tuple[Table, tuple[int, int]]]:
    """Each table with the text it is read against: from the end of the previous table of its kind to the
    start of the next (the whole text for a report's one table of a kind), so that a file holding many
    reports is checked in time that grows with its length, not with its square."""
    by_kind: dict[str, list[Table]] = {}
    for table in tables:
        by_kind.setdefault(table.kind, []).append(table)
    regions = []
    for same in by_kind.values():
        for at, table in enumerate(same):
            low = same[at - 1].end if at > 0 else 0
            high = same[at + 1].start if at + 1 < len(same) else length
            regions.append((table, (low, high)))
    return regions


@dataclass(frozen=True, slots=True)
class _Statement:
    """A figure of the text stating a cell (or the sum of cells) of the table."""

    figure: Figure
    target: tuple[Quantity, ...]
    column: str
    cell: Cell  # for sibling rows named together: their sum
    factor: float  # the figure in the table's unit is figure.value * factor
    decimals: int  # as the text prints the figure: a table's 5949.088667 is the text's 5949.09
    also: Number | None = None  # another figure the table allows (received with last year's carried over)

    def agrees(self) -> bool:
        stated = self.figure.value * self.factor
        if self.cell.value is None:  # digits ran together: agrees unless no cut can give the figure
            return self.factor != 1 or not float(stated).is_integer() or str(int(stated)) in self.cell.raw
        tolerance = self.factor * 10**-self.decimals / 2 if self.decimals or self.factor != 1 else 0
        return any(v is not None and abs(v - stated) <= tolerance + 1e-9 for v in (self.cell.value, self.also))


class _TableCheck:
    """One table against the figures of the text read before it."""

    def __init__(self, table: Table, body: Body, year: str | None) -> None:
        self.table, self.body = table, body
        self.year = table.year_column[:4] if table.year_column else year
        self.every = quantities(table)
        self.named = [q for q in self.every if q.own]
        self.row_terms = set().union(*(q.terms for q in self.named))
        self.kind_words = _KIND_WORDS.get(table.kind, frozenset())
        self.columns = {} if table.kind == "appendix" else {k: c for c in table.columns if (k := column_key(c))}
        groups: dict[int, set[str]] = {}  # the same set for every row of a group of siblings
        self.beside = {id(q): self._sibling_terms(q, groups) for q in self.named}
        # The quantities a clause may name, found from its terms: most of a report's figures name no row.
        self.by_term: dict[str, list[Quantity]] = {}
        self.untermed: list[Quantity] = []  # rows named by words that are not terms (`涉及国家秘密`)
        for q in self.named:
            own_terms = {word for group in q.own for word in group if word in TERMS}
            for word in own_terms:
                self.by_term.setdefault(word, []).append(q)
            if not own_terms:
                self.untermed.append(q)
        # Each cell the text states, with the first statement of it, and the cells some statement agrees with: a
        # text may state one cell a million times, and only the first is reported.
        self.stated: dict[tuple[tuple[int, ...], str], _Statement] = {}
        self.agreed: set[tuple[tuple[int, ...], str]] = set()
        self.by_figure: dict[int, Quantity] = {}  # a breakdown's total's start -> the quantity it stated
        self.last: tuple[int, _Statement] | None = None  # the sentence's last statement

    def run(self, figures: list[Figure]) -> list[Finding]:
        for figure in figures:
            sentence = self.body.sentence(figure)
            if self.last is not None and self.last[0] != sentence:
                self.last = None
            if figure.unit not in COUNT_UNITS and figure.unit not in MONEY_UNITS:
                continue
            statement = self._statement(figure, self.body.clause(figure))
            if statement is None:
                continue
            key = (tuple(id(q) for q in statement.target), statement.column)
            self.stated.setdefault(key, statement)
            if key not in self.agreed and statement.agrees():
                self.agreed.add(key)
            self.last = (sentence, statement)
            if self.body.is_total(figure):
                first = statement.target[0]  # siblings named together give their parent as the context
                self.by_figure[figure.start] = first if len(statement.target) == 1 else first.parent or first
        return [_finding(first) for key, first in self.stated.items() if key not in self.agreed]

    def _statement(self, figure: Figure, clause: Clause) -> _Statement | None:
        if not clause.usable or (self.year and clause.years - {self.year}):
            return None
        if clause.cumulative and self.table.kind != "appendix":
            return None
        column_words = [key for key in self.columns if key in clause.words.plain]
        named_columns = [self.columns[key] for key in column_words]
        before = self.last[1] if self.last else None
        named = {id(q): q for word in clause.words.terms for q in self.by_term.get(word, ())}
        possible = sorted([*named.values(), *self.untermed], key=lambda q: q.row.start)
        if len(named_columns) > 1 or not (possible or (named_columns and before)):
            return None
        total = self.body.total_of(figure)
        part_of = self.by_figure.get(total.start) if total else None
        context = {id(q) for q in part_of.lineage()} if part_of else set()
        context |= {id(q) for s in ([before] if before else []) for q in s.target[0].lineage()}
        headings = self.body.headings(figure)
        candidates = [q for q in possible if self._names(q, clause, (context, part_of), headings, column_words)]
        target = self._choose(candidates, clause)
        if target is None and before and named_columns and not clause.words.terms & self.row_terms:
            target = before.target  # `…申请共计81件，涉及自然人80件`: the row before, another column
        if target is None:
            return None
        column = self._column(clause, named_columns, before)
        return self._cell(figure, target, column) if column else None

    def _names(
        self,
        q: Quantity,
        clause: Clause,
        around: tuple[set[int], Quantity | None],
        headings: frozenset[str],
        column_words: list[str],
    ) -> bool:
        """Whether the clause states the quantity, with its context (the quantities stated before it in its
        sentence or by the total it is listed under, and that total's quantity) and its column's words."""
        context, part_of = around
        if q is part_of:
            return False
        parent = q.parent
        said = [clause.words.has(group) for group in q.own]
        if parent is None:  # `共答复30件` under a heading about 申请: a heading may name the rest
            if not any(said) or not all(s or headings.intersection(g) for s, g in zip(said, q.own, strict=True)):
                return False
        elif not all(said):
            return False
        runs = [word for x in q.lineage() for group in x.needles for word in group if word not in TERMS]
        runs += column_words  # `作出行政处罚决定1282件`
        if not clause.heads(q.terms | self.kind_words | self.beside[id(q)], runs):
            return False
        root = list(q.lineage())[-1]
        if not (root.terms | self.kind_words) & headings:
            return False
        return parent is None or id(parent) in context or all(clause.words.has(g) for g in parent.needles)

    def _sibling_terms(self, q: Quantity, groups: dict[int, set[str]]) -> set[str]:
        """The terms of the rows beside `q`, which a clause naming them together (`予以公开及部分公开`) ends in:
        found once for each group of siblings (`groups`, by their parent), not again for each of its rows."""
        key = id(q.parent)  # id(None) for the rows at the top
        if key not in groups:
            siblings = q.parent.children if q.parent else [s for s in self.named if s.parent is None]
            groups[key] = {word for s in siblings for group in s.own for word in group if word in TERMS}
        return groups[key]

    def _choose(self, candidates: list[Quantity], clause: Clause) -> tuple[Quantity, ...] | None:
        """The one quantity the clause names and nothing besides, or the siblings it names together."""
        said = clause.words.terms & self.row_terms
        full = [q for q in candidates if said <= q.terms | self.kind_words]
        if full:
            score = {id(q): sum(len(x.needles) for x in q.lineage()) for q in full}
            best = max(score.values())
            top = [q for q in full if score[id(q)] == best]
            return (top[0],) if len(top) == 1 else None
        if not any(c in clause.words.text for c in _CONJUNCTIONS):
            return None
        for q in candidates:
            siblings = tuple(s for s in candidates if s.parent is q.parent)
            if len(siblings) > 1 and said <= set().union(*(s.terms for s in siblings)) | self.kind_words:
                return siblings
        return None

    def _column(self, clause: Clause, named: list[str], before: _Statement | None) -> str | None:
        columns = self.table.columns
        if self.table.kind == "appendix":
            if clause.cumulative:
                return next((c for c in columns if "累计" in c), None)
            return self.table.year_column
        if named:
            return named[0]
        if self.table.kind == "applications":
            return next((c for c in columns if c.rpartition("/")[2] == "总计"), None)
        return before.column if before else None  # `主动公开规章13件，行政规范性文件60件`

    def _cell(self, figure: Figure, target: tuple[Quantity, ...], column: str) -> _Statement | None:
        factor = _factor(figure, target[0].row, column)
        if factor is None:
            return None
        cells = [cell(q, column, self.table.columns) for q in target]
        if len(cells) > 1:
            rows = tuple(row for c in cells for row in c.rows)
            found = Cell(total_of([c.value for c in cells]), rows, summed=True)
        else:
            found = cells[0]
        if found.value is None and not found.raw:
            return None
        printed = self.body.text[figure.start : figure.number_end]
        decimals = len(printed.partition(".")[2])
        return _Statement(figure, target, column, found, factor, decimals, self._with_carried(target, column, found))

    def _with_carried(self, target: tuple[Quantity, ...], column: str, found: Cell) -> Number | None:
        """A text may count last year's open requests among those it received this year."""
        if len(target) > 1 or "受理" not in target[0].terms or target[0].parent or found.value is None:
            return None
        carried = next((q for q in self.every if "上年结转" in q.terms), None)
        extra = cell(carried, column, self.table.columns).value if carried else None
        return found.value + extra if extra else None


def _factor(figure: Figure, row: Row, column: str) -> float | None:
    """What turns the figure into the table's unit (万元 to 元: 10000), or None if they count different things."""
    money = row.unit in MONEY_UNITS or "金额" in column or "万元" in column
    if money:
        if figure.unit not in MONEY_UNITS:
            return None
        unit = row.unit if row.unit in MONEY_UNITS else ("万元" if "万元" in column else "元")
        return MONEY_UNITS[figure.unit] / MONEY_UNITS[unit or "元"]
    if figure.unit not in COUNT_UNITS:
        return None
    if row.unit and row.unit not in ("条", "件") and row.unit != figure.unit:
        return None
    return 1


def _finding(statement: _Statement) -> Finding:
    figure, found, column = statement.figure, statement.cell, statement.column
    names = [q.row.name for q in statement.target]
    rows = {id(row): row for row in [*(q.row for q in statement.target), *found.rows]}.values()
    spans = [(figure.start, figure.number_end), *((row.start, row.end) for row in rows)]
    lines = sorted({figure.line, *(row.line for row in found.rows)})
    said = f"正文写{label(figure)}，表中"
    if found.value is None:
        message = f"{said}“{names[0]}”（{column}）连写作{found.raw}，无论怎样拆分都不是{show(figure.value)}"
        numbers: list[Number] = [figure.value]
    else:
        if len(names) > 1:
            where = f"“{'加'.join(names)}”（{column}）合计"
        elif found.rows == (statement.target[0].row,) or not found.summed:
            where = f"“{found.rows[0].name}”（{column}）"
        else:
            where = f"“{names[0]}”（{column}）各项合计"
        message = f"{said}{where}为{show(found.value)}"
        numbers = [figure.value, found.value]
    message += inferred_note(list(found.rows), [column])
    return Finding("text-vs-table", WARNING, message, numbers, lines, spans)


def _review(table: Table, figures: list[Figure]) -> list[Finding]:
    """`行政复议7件，诉讼9件` in the text against the 行政复议 and 行政诉讼 totals of the table."""
    findings = []
    for word, other in (("复议", "诉讼"), ("诉讼", "复议")):
        stated = [f for f in figures if f.unit == "件" and not f.approximate and _names(f, word, other)]
        columns = [c for c in table.columns if c.startswith(f"行政{word}") and c.endswith("总计")]
        if len(stated) != 1 or not columns or len(table.rows) != 1:
            continue
        (row,) = table.rows
        value = total_of([row.values.get(column) for column in columns])
        if value is not None and value != stated[0].value:
            figure = stated[0]
            message = f"正文写{label(figure)}，表中行政{word}总计为{show(value)}"
            spans = [(figure.start, figure.number_end), (row.start, row.end)]
            lines = sorted({figure.line, row.line})
            findings.append(Finding("text-vs-table", WARNING, message, [figure.value, value], lines, spans))
    return findings


def _names(figure: Figure, word: str, other: str) -> bool:
    """Whether the words right before the figure (after any earlier figure) name `word` and not `other`."""
    own = re.split(r"[、\d]", figure.label)[-1]
    return word in own and other not in own
