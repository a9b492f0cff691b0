"""Rule 4: the same quantity written in the text and in a table.

A quantity is found in the text by the words of a figure's clause, within the sections that report it
(the 主动公开 count under a heading about 主动公开, requests under a heading about 申请), and in a
table by its row's name: the year's and the cumulative 主动公开 and 受理 counts, the request channels
and reply kinds of the pre-2019 appendix; requests received, handled and carried over, the result
categories (`予以公开及部分公开258件`) and the 行政复议 / 行政诉讼 totals of the national template.
Only the first such figure of the text is compared (or the only one, for categories), and a figure
the text calls approximate is never compared. A `主要类别有：…，其他…` list with no total of its own
is summed against the year's 主动公开 figure.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from models.checks.figures import Figure, TextFigures, label
from models.checks.finding import ERROR, WARNING, Finding, show
from models.checks.tables import inferred_note, result_total, total_of
from models.core.document import Number, Report, Row, Table
from models.core.spans import Spans

_COUNT_UNITS = ("条", "件")
# The text's words for the template's result categories, the combined one first.
_RESULT_WORDS = (
    (("予以公开及部分公开", "予以公开和部分公开"), ("予以公开", "部分公开")),
    (("予以公开",), ("予以公开",)),
    (("部分公开",), ("部分公开",)),
    (("不予公开",), ("不予公开",)),
    (("无法提供",), ("无法提供",)),
    (("不予处理",), ("不予处理",)),
    (("其他处理",), ("其他处理",)),
)
_CATEGORIES = re.compile(r"主要类别(?:有|为|包括)?[：:]")
_PAST = ("累计", "以来", "历年")


@dataclass(frozen=True)
class _Quantity:
    name: str  # how a message names it
    heading: tuple[str, ...]  # words of a heading whose section reports it (empty: anywhere)
    text: Callable[[str], bool]  # whether a figure's clause states it
    row: Callable[[str], bool]  # whether a top-level table row holds it
    cumulative: bool = False


def _has(*words: str) -> Callable[[str], bool]:
    return lambda clause: all(word in clause for word in words)


def _any(*words: str) -> Callable[[str], bool]:
    return lambda clause: any(word in clause for word in words)


def _now(test: Callable[[str], bool]) -> Callable[[str], bool]:
    """The year's figure: `test`, and no word of a running total."""
    return lambda clause: test(clause) and not any(word in clause for word in _PAST)


def _past(test: Callable[[str], bool]) -> Callable[[str], bool]:
    return lambda clause: test(clause) and any(word in clause for word in _PAST)


def _received(clause: str) -> bool:
    return "申请" in clause and any(w in clause for w in ("受理", "收到", "接收")) and "审批" not in clause


def _handled(clause: str) -> bool:
    return any(word in clause for word in ("办结", "答复政府信息公开申请", "办理依申请"))


def _active(clause: str) -> bool:
    """`主动公开政府信息1913条`, `其中：主动公开34073条`; not `主动公开采购信息25条`."""
    return "主动公开政府信息" in clause or clause.rstrip("0123456789.条件 ").endswith("主动公开")


def _active_row(name: str) -> bool:
    return "主动公开" in name and ("文件数" in name or "信息数" in name)


def _requests_row(name: str) -> bool:
    return "申请" in name and ("总数" in name or "受理" in name)


_APPENDIX = (
    _Quantity("主动公开政府信息数", ("主动公开",), _now(_active), _active_row),
    _Quantity("累计主动公开政府信息数", ("主动公开",), _past(_active), _active_row, cumulative=True),
    _Quantity("受理申请数", ("申请",), _now(_received), _requests_row),
    _Quantity("累计受理申请数", ("申请",), _past(_received), _requests_row, cumulative=True),
    _Quantity("答复申请数", ("申请",), _now(_any("答复总数", "办理依申请", "办结依申请")), _has("答复")),
)
# Sub-rows of requests and replies: (words of the text's clause, words of the row's name), the first
# group of words to match wins, so 不同意公开 is never read as 同意公开.
_KINDS = (
    (("当面",), ("当面",)),
    (("网络", "网上"), ("网络", "网上")),
    (("信函",), ("信函",)),
    (("电子邮件",), ("电子邮件",)),
    (("同意部分公开",), ("同意部分公开",)),
    (("不同意公开", "不予公开", "否决公开"), ("不予公开", "否决公开", "不同意公开")),
    (("同意公开",), ("同意公开",)),
)


def check_text_vs_tables(report: Report, figures: TextFigures) -> list[Finding]:
    """Figures of the text that a table states otherwise."""
    body = _Body(report, figures)
    findings = _category_lists(body)
    for table in report.tables:
        if table.kind == "appendix":
            findings += _appendix(table, body)
        elif table.kind == "applications":
            findings += _applications(table, body)
        elif table.kind == "review":
            findings += _review(table, body)
    return findings


class _Body:
    """The text's figures and where they stand, with what every table asks of them found once:
    a report of thousands of tables is checked in time that grows with its length, not its square."""

    def __init__(self, report: Report, figures: TextFigures) -> None:
        self.text = report.text
        self.figures = figures
        self._sections = list(report.walk())
        self._headed: dict[tuple[str, ...], Spans] = {}
        self._first: dict[tuple[tuple[str, ...], Callable[[str], bool]], Figure | None] = {}

    def clause(self, figure: Figure) -> str:
        """The figure's clause: its label and the words after it up to the next clause end."""
        end = figure.end
        while end < len(self.text) and self.text[end] not in "，,；;。：:\n" and end - figure.end < 20:
            end += 1
        return figure.label + self.text[figure.end : end]

    def in_sections(self, figure: Figure, heading: tuple[str, ...]) -> bool:
        """Whether the figure is in a section whose title has one of the words of `heading` (any, if none)."""
        if not heading:
            return True
        if heading not in self._headed:
            titled = (s for s in self._sections if any(word in s.title for word in heading))
            self._headed[heading] = Spans((s.start, s.end) for s in titled)
        return figure.start in self._headed[heading]

    def first(self, heading: tuple[str, ...], test: Callable[[str], bool]) -> Figure | None:
        """The first exact count in the sections of `heading` whose clause passes `test`."""
        if (heading, test) not in self._first:
            counts = (f for f in self.figures.figures if f.unit in _COUNT_UNITS and not f.approximate)
            found = (f for f in counts if self.in_sections(f, heading) and test(self.clause(f)))
            self._first[heading, test] = next(found, None)
        return self._first[heading, test]

    @cached_property
    def kinds(self) -> dict[tuple[str, ...], list[Figure]]:
        """Exact counts about requests by the kind their clause names (`当面`, `同意公开`, …)."""
        found: dict[tuple[str, ...], list[Figure]] = {}
        for f in self.figures.figures:
            if f.unit in _COUNT_UNITS and not f.approximate and self.in_sections(f, ("申请",)):
                kind = _kind_of(self.clause(f))
                if kind is not None:
                    found.setdefault(kind, []).append(f)
        return found

    @cached_property
    def results(self) -> dict[tuple[str, ...], list[Figure]]:
        """Counts about requests by the result category their label names (`予以公开及部分公开`, …)."""
        found: dict[tuple[str, ...], list[Figure]] = {}
        for f in self.figures.figures:
            if f.unit == "件" and self.in_sections(f, ("申请",)):
                kind = _result_kind(f.label)
                if kind is not None:
                    found.setdefault(kind, []).append(f)
        return found

    @cached_property
    def reviews(self) -> dict[str, list[Figure]]:
        """Exact counts named as 复议 cases, and as 诉讼 cases."""
        return {
            word: [f for f in self.figures.figures if f.unit == "件" and not f.approximate and _names(f, word, other)]
            for word, other in (("复议", "诉讼"), ("诉讼", "复议"))
        }


def _appendix(table: Table, body: _Body) -> list[Finding]:
    year = table.year_column
    cumulative = next((c for c in table.columns if "累计" in c), None)
    findings = []
    for quantity in _APPENDIX:
        column = cumulative if quantity.cumulative else year
        row = next((r for r in table.rows if r.parent is None and quantity.row(r.name)), None)
        if column is None or row is None:
            continue
        figure = body.first(quantity.heading, quantity.text)
        if figure is not None:
            findings += _compare(figure, row, column)
        if not quantity.cumulative and quantity.name != "主动公开政府信息数":
            findings += _kinds(table, row, column, body)
    return findings


def _kinds(table: Table, parent: Row, column: str, body: _Body) -> list[Finding]:
    """The sub-rows of requests or replies against the text's figures of the same kind."""
    findings = []
    children = [r for r in table.rows if r.parent == parent.name]
    for text_words, row_words in _KINDS:
        rows = [r for r in children if any(w in r.name for w in row_words)]
        matching = body.kinds.get(text_words, [])
        if len(rows) == 1 and len(matching) == 1:
            findings += _compare(matching[0], rows[0], column)
    return findings


def _kind_of(clause: str) -> tuple[str, ...] | None:
    for text_words, _ in _KINDS:
        if any(word in clause for word in text_words):
            return text_words
    return None


def _compare(figure: Figure, row: Row, column: str) -> list[Finding]:
    value = row.values.get(column)
    if value is None or value == figure.value:
        return []
    message = f"正文写{label(figure)}，表中“{row.name}”（{column}）为{show(value)}" + inferred_note([row], [column])
    numbers: list[Number] = [figure.value, value]
    spans = [(figure.start, figure.number_end), (row.start, row.end)]
    return [Finding("text-vs-table", WARNING, message, numbers, sorted({figure.line, row.line}), spans)]


# The application table's rows (by a fragment of their path) and the text's clauses that state them.
_APPLICATION_ROWS = (
    ("本年新收", _now(_received)),
    ("总计", _now(lambda clause: _handled(clause) and not _received(clause))),
    ("结转下年度", _has("结转下年度")),
)


def _applications(table: Table, body: _Body) -> list[Finding]:
    """The template's application table: requests received, handled, carried over, against the text."""
    total_column = next((c for c in table.columns if c.rpartition("/")[2] == "总计"), None)
    if total_column is None:
        return []
    findings = []
    for fragment, test in _APPLICATION_ROWS:
        row = next((r for r in table.rows if fragment in f"{r.parent or ''}/{r.name}"), None)
        figure = body.first(("申请",), test)
        if row is None or figure is None:
            continue
        if fragment == "本年新收":
            carried = next((r for r in table.rows if "上年结转" in r.name), None)
            extra = carried.values.get(total_column) if carried else None
            received = row.values.get(total_column)
            # A text may count last year's open requests among those it received.
            if extra and received is not None and figure.value == received + extra:
                continue
        findings += _compare(figure, row, total_column)
    return findings + _results(table, body)


def _results(table: Table, body: _Body) -> list[Finding]:
    """`予以公开及部分公开258件` in the text against the table's （一）+（二）, category by category."""
    findings = []
    for words, categories in _RESULT_WORDS:
        stated = body.results.get(words, [])
        value, rows = result_total(table, categories)
        if len(stated) != 1 or value is None or stated[0].value == value:
            continue
        figure = stated[0]
        names = "加".join(row.name for row in rows) if len(rows) <= 2 else "、".join(categories)
        message = f"正文写{label(figure)}，表中“{names}”合计为{show(value)}" + inferred_note(rows, table.columns)
        spans = [(figure.start, figure.number_end), *((row.start, row.end) for row in rows)]
        lines = sorted({figure.line, *(row.line for row in rows)})
        findings.append(Finding("text-vs-table", WARNING, message, [figure.value, value], lines, spans))
    return findings


def _result_kind(clause: str) -> tuple[str, ...] | None:
    for words, _ in _RESULT_WORDS:
        if any(word in clause for word in words):
            return words
    return None


def _category_lists(body: _Body) -> list[Finding]:
    """`主要类别有：A n条，…，其他…m条`: a list ending in 其他 must add up to the year's 主动公开 figure."""
    findings = []
    text = body.text
    active = body.first(("主动公开",), _now(_active))
    for match in _CATEGORIES.finditer(text):
        end = text.find("。", match.end())
        end = len(text) if end == -1 else end
        parts = [f for f in body.figures.between(match.end(), end) if f.unit == "条"]
        if active is None or len(parts) < 3 or not any(w in parts[-1].label for w in ("其他", "其它")):
            continue
        if active.start > match.start() or any(f.approximate for f in parts):
            continue
        listed = sum(f.value for f in parts)
        if listed == active.value:
            continue
        difference = listed - active.value
        more = f"多出{show(difference)}条" if difference > 0 else f"少{show(-difference)}条"
        message = f"{label(active)}，但所列主要类别之和为{show(listed)}条，{more}"
        numbers: list[Number] = [active.value, *(f.value for f in parts)]
        lines = sorted({active.line, *(f.line for f in parts)})
        spans = [(f.start, f.number_end) for f in [active, *parts]]
        findings.append(Finding("total-vs-parts", ERROR, message, numbers, lines, spans))
    return findings


def _review(table: Table, body: _Body) -> list[Finding]:
    """`行政复议7件，诉讼9件` in the text against the 行政复议 and 行政诉讼 totals of the table."""
    findings = []
    for word in ("复议", "诉讼"):
        stated = body.reviews[word]
        columns = [c for c in table.columns if c.startswith(f"行政{word}") and c.endswith("总计")]
        if len(stated) != 1 or not columns or len(table.rows) != 1:
            continue
        (row,) = table.rows
        value = total_of([row.values.get(column) for column in columns])
        if value is not None and value != stated[0].value:
            findings += _compare_value(stated[0], row, f"行政{word}总计", value)
    return findings


def _names(figure: Figure, word: str, other: str) -> bool:
    """Whether the words right before the figure (after any earlier figure) name `word` and not `other`."""
    own = re.split(r"[、\d]", figure.label)[-1]
    return word in own and other not in own


def _compare_value(figure: Figure, row: Row, what: str, value: Number) -> list[Finding]:
    message = f"正文写{label(figure)}，表中{what}为{show(value)}"
    spans = [(figure.start, figure.number_end), (row.start, row.end)]
    lines = sorted({figure.line, row.line})
    return [Finding("text-vs-table", WARNING, message, [figure.value, value], lines, spans)]
