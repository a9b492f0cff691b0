"""The text's figures as statements a table may hold: what each figure's clause names, for which year, and
where it stands (its sentence, the breakdown it is a part of, the headings above it).

A clause is read from the words before the figure back to the previous figure or clause end, and the
words after its unit (`70件申请`, `1件结转下年度继续办理`); what comes before a `等` only gives examples
(`因本机关不掌握等原因无法提供265件` says 无法提供). A figure is left out when the text does not say it
is the report year's or the running total's: it is approximate, compares with last year (`较去年`,
`同比`, `增加`), names another year, mixes 累计 with 今年, or counts `截至` a day without 累计.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache

from models.checks.figures import UNITS, Figure, TextFigures
from models.checks.indicator_words import Words, canonical, filler_only, first_term, last_term, words
from models.core.document import Report, Section

COUNT_UNITS = ("条", "件", "个", "项")
MONEY_UNITS = {"元": 1, "万元": 10_000, "亿元": 100_000_000}
_PAST = ("累计", "以来", "历年")
_THIS_YEAR = ("今年", "全年", "本年", "年内", "当年")
_COMPARED = ("去年", "同比", "比上年", "较上年", "增加", "减少", "增长", "下降", "上升", "回落")
_DATED = ("截至", "截止", "至今")
_YEAR = re.compile(r"(\d{4})年")
_NONE: frozenset[str] = frozenset()  # one empty set for every clause and title that gives none
_EARLIER_FIGURE = re.compile(rf"\d(?:{'|'.join(UNITS)})[、，,；;]?")
# `…规章、规范性文件等112件`, `因本机关不掌握等原因…`: what is before 等 are examples.
_LABEL_CHARS = 80
_TAIL_END = re.compile(r"[、\d]")
_EXAMPLES = re.compile(r"(?<![平同对均相])等(?![级同于待候额量值效])")


@dataclass(frozen=True, slots=True)
class Clause:
    """What a figure's clause says: its words, and whether it speaks of the running total."""

    words: Words
    before: str  # the spelled words before the figure, and after its unit
    after: str
    cumulative: bool
    usable: bool  # the text says plainly that this is the year's figure or the running total
    years: frozenset[str]  # the years the clause names

    def heads(self, terms: frozenset[str], runs: list[str]) -> bool:
        """Whether the words next to the figure are a row's: its `terms` or `runs` (its words that are not terms),
        with nothing but filler words between them and the figure. `主动公开政府信息1913条`, `其他处理2件` and
        `70件申请` are; `主动公开采购信息25条` and `行政许可类信息69条` (kinds of what is published) are not,
        nor `主动公开规范性文件20条` for 主动公开 (the last word before a figure says what it counts)."""
        term, term_end = last_term(self.before)
        ends = [self.before.rfind(run) + len(run) for run in runs if run in self.before]
        end = max([term_end, *ends])
        if end >= 0 and (not filler_only(self.before[end:]) or (end == term_end and term not in terms)):
            return False
        term, term_start = first_term(self.after)
        starts = [at for at in (term_start, *(self.after.find(run) for run in runs)) if at >= 0]
        if not starts:
            return True
        start = min(starts)
        return filler_only(self.after[:start]) and (start != term_start or term in terms)


class Body:
    """The figures of the text, each read once, and where each stands."""

    def __init__(self, report: Report, figures: TextFigures) -> None:
        self.text = report.text
        self.figures = figures.figures
        self._sentences = figures.sentences
        self._starts = [f.start for f in self.figures]
        # Breakdowns read only from a list ending in 其他… are guesses: they give no context.
        sure = (b for b in figures.breakdowns if not b.implicit)
        self._totals = {part.figure.start: b.total for b in sure for part in b.parts}
        self._total_starts = {total.start for total in self._totals.values()}
        self._report = report

    def clause(self, figure: Figure) -> Clause:
        """The figure's clause: in a page that lost its line breaks, from after its heading's title
        (`4.认真办理依申请公开2020年…共受理…申请21件` is about 受理, not 办理). Clauses are remembered by their
        words, not each figure's: a text repeats a few clauses, and a million figures' would fill the memory."""
        # A clause that names a quantity is short; a text without punctuation gives labels of any length.
        label = figure.label[-_LABEL_CHARS:]
        title_end = self._sections.title_end(figure.start)
        begin = self.text.rfind(label, max(0, figure.start - len(label) - 4), figure.start)
        if 0 <= begin < title_end:
            label = self.text[title_end : figure.start].strip()
        return _read(label, figure.tail, figure.approximate)

    @cached_property
    def _sections(self) -> _SectionTerms:
        return _SectionTerms(self._report)

    def total_of(self, figure: Figure) -> Figure | None:
        """The stated total the figure is listed as a part of, if any."""
        return self._totals.get(figure.start)

    def is_total(self, figure: Figure) -> bool:
        """Whether the figure is the stated total of a list of parts."""
        return figure.start in self._total_starts

    def headings(self, figure: Figure) -> frozenset[str]:
        """The terms of the titles of the sections the figure is in."""
        return self._sections.at(figure.start)

    def sentence(self, figure: Figure) -> int:
        """Where the figure's sentence starts: figures of one sentence give the same offset."""
        return self._sentences.sentence_start(figure.start)

    def between(self, low: int, high: int) -> list[Figure]:
        """The figures that start at or after `low` and before `high`."""
        return self.figures[bisect_left(self._starts, low) : bisect_left(self._starts, high)]


@lru_cache(maxsize=4096)
def _read(label: str, tail: str, approximate: bool) -> Clause:
    """What the clause `label` (before a figure) and `tail` (after its unit) say of the figure."""
    own = _after_last(_EARLIER_FIGURE, label)  # after an earlier figure of the clause: `复议2件、行政诉讼案件`
    own = _after_last(_EXAMPLES, own)
    tail = _TAIL_END.split(tail, maxsplit=1)[0]  # `自然人80件、商业企业1件`: not the next figure's
    before, after = canonical(own), canonical(tail)
    said = words(before + " " + after)
    written = label + tail
    years = frozenset(_YEAR.findall(label)) or _NONE
    cumulative = any(word in written for word in _PAST)
    compared = any(word in written for word in _COMPARED)
    dated = any(word in written for word in _DATED) and not cumulative
    # `今年累计…`, `2015年累计…`: a running total within the year, or since it? (`2008年以来` is since.)
    mixed = cumulative and (any(word in written for word in _THIS_YEAR) or (bool(years) and "以来" not in written))
    usable = not approximate and not compared and not dated and not mixed
    return Clause(said, before, after, cumulative, usable, years)


@lru_cache(maxsize=4096)  # a report's titles repeat (a text of many reports, each with the same headings)
def _title_terms(title: str) -> frozenset[str]:
    return words(canonical(title)).terms


def _after_last(pattern: re.Pattern[str], text: str) -> str:
    """What follows the last match of `pattern` in `text` (all of it when none): one pass, where `.*` before the
    pattern would be tried again from every place of a text it does not match."""
    end = 0
    for end in (match.end() for match in pattern.finditer(text)):  # noqa: B007 - the last one counts
        pass
    return text[end:]


class _SectionTerms:
    """The terms of the titles of the sections that hold an offset (the section and those above it)."""

    def __init__(self, report: Report) -> None:
        self._flat: list[Section] = []
        self._parent: list[int] = []
        self._terms: list[frozenset[str]] = []
        for section in report.sections:
            self._add(section, -1)
        self._starts = [s.start for s in self._flat]

    def _add(self, section: Section, parent: int) -> None:
        number = len(self._flat)
        above = self._terms[parent] if parent >= 0 else _NONE
        own = _title_terms(section.title)
        self._flat.append(section)
        self._parent.append(parent)
        self._terms.append(above | own if above and own else above or own)  # shared where nothing is added
        for child in section.children:
            self._add(child, number)

    def _innermost(self, position: int) -> int:
        number = bisect_right(self._starts, position) - 1
        while number >= 0 and self._flat[number].end <= position:
            number = self._parent[number]
        return number

    def at(self, position: int) -> frozenset[str]:
        number = self._innermost(position)
        return self._terms[number] if number >= 0 else frozenset()

    def title_end(self, position: int) -> int:
        """Where the title of the innermost section holding `position` ends (-1 outside every section)."""
        number = self._innermost(position)
        return self._flat[number].title_end if number >= 0 else -1
