"""Figures in a report's body text: counts with their units, percentages, and breakdowns.

A breakdown is a stated total and the parts the text lists for it:
`受理依申请公开信息154条，其中：当面提交32条，占20.78%；网络申请117条，…`, `共发布380条信息，其中…`,
`在…主动公开的1913条政府信息中，A 133条，占6.95%；…`, `187家企业(含市本级62家,各县市区125家)`.
Every figure keeps its offsets into `Report.text` and its 1-based line, so checks can point at it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter

from models.checks.sentences import CLAUSE_END, CLOSE, OPEN, Sentences
from models.core.document import Number, Report
from models.core.limits import CLAUSE_CHARS, FIGURE_DIGITS, LIST_FIGURES, is_figure
from models.core.spans import Spans
from models.core.textindex import LineCounter
from models.structure.leftovers import body_span

UNITS = (
    "人次", "户次", "场次", "万元", "亿元", "万条", "万份", "万册", "万人",
    "条", "件", "次", "篇", "个", "家", "元", "项", "份", "期", "人", "户", "场", "册", "所", "批",
    "通", "宗", "起", "名",
)  # fmt: skip
_UNIT = "|".join(UNITS)
_DIGITS = rf"\d{{1,{FIGURE_DIGITS}}}"  # longer digits are text (`models.core.limits`), never a number
# The same, from a run's first digit (not after a digit or a point): the check comes after the first digit, so
# that a pattern starts with a digit and the regex engine skips in C to the next one.
_FIRST_DIGITS = rf"\d(?<![\d.．]\d)\d{{0,{FIGURE_DIGITS - 1}}}"
# Decimals of any length match, so that `is_figure` tells a longer run (text) from a figure.
_DECIMALS = r"(?:\.\d+)?"
# The patterns are strings compiled on first use (`re` keeps them compiled): importing the module,
# which the window does before the checks run, compiles nothing.
# A count: digits, an optional 余/多 (approximate), the unit; not `20个工作日`, `3个月`, `2个百分点`.
_FIGURE = (
    rf"(?P<number>{_FIRST_DIGITS}{_DECIMALS})(?P<approx>余|多)?[ \u3000]?(?P<unit>{_UNIT})"
    r"(?!工作日|月|百分点|小时|季度)"
)
_PERCENT = rf"(?P<number>{_FIRST_DIGITS}{_DECIMALS})[ \u3000]?[%％]"
_APPROX_BEFORE = ("约", "近", "超过", "逾", "大约", "将近", "超")
_TO_LAST_MARK = re.compile(f"(?s:.*)[{re.escape(CLAUSE_END + OPEN + CLOSE)}]")
# Markers that open a list of parts: `其中`, `包括`, `含` right inside a bracket, `…的N条X中，`.
_MARKER = r"其中[:：，,]?|包括[:：]?|含(?<=[（(]含)"
_AMONG = rf"(?P<number>\d(?<!\d\d)\d{{0,{FIGURE_DIGITS - 1}}})(?:{_UNIT})[^\d，。；：:,;\n]{{0,20}}中[，,：:]"
_PART_PERCENT = rf"[，,]?[ \u3000]*占[^%％\d，。；]{{0,6}}(?P<number>{_DIGITS}{_DECIMALS})[%％]"
_PART_PERCENT_AFTER = rf"[，,][ \u3000]*(?P<number>{_DIGITS}{_DECIMALS})[%％]占"
_BARE_COUNT = rf"(?<=数)(?P<number>{_DIGITS})(?=[。；;，,]|$)"
_CATCH_ALL = ("其他", "其它")
_NOT_A_PART = ("另有", "另外", "此外")
_MAX_GAP = 12  # characters allowed between a total and its marker (`条信息，`)
_OPENING_PUNCTUATION = re.compile("[ \u3000，,：:（(]*")


@dataclass(frozen=True, slots=True)  # a text may hold millions
class Figure:
    """A number with its unit, e.g. 154条; `label` is the clause text before it."""

    value: Number
    unit: str
    start: int  # the first digit
    number_end: int  # after the last digit: start..number_end is what to highlight
    end: int  # after the unit
    line: int
    label: str
    approximate: bool = False
    tail: str = ""  # the words after the unit, up to the clause end: `件结转下年度继续办理`


@dataclass(frozen=True, slots=True)
class Percentage:
    """A printed percentage with its precision (decimals as printed)."""

    value: float
    decimals: int
    start: int
    end: int
    line: int


@dataclass(slots=True)
class Part:
    """One listed part of a breakdown and the share the text prints for it, if any."""

    figure: Figure
    percent: Percentage | None = None

    @property
    def catch_all(self) -> bool:
        """Whether the part names the rest (`其他…`), which makes the list claim to be complete."""
        return any(word in self.figure.label for word in _CATCH_ALL)


@dataclass
class Breakdown:
    """A stated total and the parts listed for it."""

    total: Figure
    parts: list[Part] = field(default_factory=list)
    marker: str = ""
    implicit: bool = False  # no 其中/包括: read from a list that ends in 其他…, so only likely

    @property
    def line(self) -> int:
        return self.total.line

    @property
    def claims_complete(self) -> bool:
        """A catch-all part, or shares that add up to about 100%, say the list is complete."""
        if any(part.catch_all for part in self.parts):
            return True
        shares = [part.percent.value for part in self.parts if part.percent]
        return len(shares) == len(self.parts) and abs(sum(shares) - 100) <= 0.5


@dataclass
class TextFigures:
    """All figures, percentages and breakdowns of a report's body."""

    figures: list[Figure]  # in the order of the text
    percentages: list[Percentage]
    breakdowns: list[Breakdown]
    sentences: Sentences  # where the body's sentences start and end

    def between(self, low: int, high: int, most: int | None = None) -> list[Figure]:
        """The figures that start at or after offset `low` and before `high` (the first `most` of them)."""
        return _between(self.figures, low, high, most)


def find_figures(report: Report) -> TextFigures:
    """The figures of the report's body text, leftovers and tables excluded."""
    start, end = body_span(report.text, report.leftovers)
    excluded = [(table.start, table.end) for table in report.tables]
    return _Scanner(report.text, start, end, excluded).scan()


_GENERIC_WORDS = frozenset({"信息", "政府", "公开", "其他", "其它"})


def _shared_word(catch_all: str, total: str) -> bool:
    """Whether the catch-all part and the total share a two-character word, generic ones aside."""
    words = {catch_all[i : i + 2] for i in range(len(catch_all) - 1)} - _GENERIC_WORDS
    return any(word in total for word in words)


_start_of = attrgetter("start")


def _last(figures: list[Figure], low: int, high: int, fits: Callable[[Figure], bool]) -> Figure | None:
    """The last figure that `fits` of those that start at or after `low` and before `high`, looked for among the
    `LIST_FIGURES` before `high`."""
    first, end = bisect_left(figures, low, key=_start_of), bisect_left(figures, high, key=_start_of)
    return next((f for f in reversed(figures[max(first, end - LIST_FIGURES) : end]) if fits(f)), None)


def _between(figures: list[Figure], low: int, high: int, most: int | None = None) -> list[Figure]:
    """The figures (sorted by start, as found) that start at or after `low` and before `high` (the first `most`)."""
    first, end = bisect_left(figures, low, key=_start_of), bisect_left(figures, high, key=_start_of)
    return figures[first : end if most is None else min(end, first + most)]


class _Scanner:
    def __init__(self, text: str, start: int, end: int, excluded: list[tuple[int, int]]) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.sentences = Sentences(text, start, end)
        self.excluded = Spans(excluded)
        self._shares: dict[int, Percentage | None] = {}
        self._same: dict[str, str] = {}
        self._lines = LineCounter(text)  # figures are found in text order, pass after pass

    def scan(self) -> TextFigures:
        figures = [f for f in self._figures() if not self._excluded(f.start)]
        percentages = [p for p in self._percentages() if not self._excluded(p.start)]
        breakdowns = self._breakdowns(figures)
        return TextFigures(figures, percentages, breakdowns, self.sentences)

    def _excluded(self, position: int) -> bool:
        return position in self.excluded

    def _figures(self) -> list[Figure]:
        found = []
        for match in re.compile(_FIGURE).finditer(self.text, self.start, self.end):
            start = match.start("number")
            number = match.group("number")
            if self.text[start - 1 : start] == "第" or not is_figure(number):
                continue
            before = self.text[max(self.start, start - 4) : start]
            approximate = bool(match.group("approx")) or before.endswith(_APPROX_BEFORE)
            found.append(self._figure(number, match.group("unit"), start, match.end(), approximate))
        return found

    def _figure(self, number: str, unit: str, start: int, end: int, approximate: bool = False) -> Figure:
        value: Number = float(number) if "." in number else int(number)
        line = self._lines.line_of(start)
        label, tail = self._label(start), self._tail(end)
        if len(self._same) > 4096:  # one string for the clauses a text repeats, among those read lately
            self._same.clear()
        label, tail = self._same.setdefault(label, label), self._same.setdefault(tail, tail)
        return Figure(value, unit, start, start + len(number), end, line, label, approximate, tail)

    def _label(self, position: int) -> str:
        """The clause before `position`: back to the previous clause end or bracket, at most `CLAUSE_CHARS`."""
        floor = max(self.start, position - CLAUSE_CHARS)
        last = _TO_LAST_MARK.match(self.text, floor, position)
        return self.text[last.end() if last else floor : position].strip()

    def _tail(self, position: int) -> str:
        """Up to 20 characters after `position`, to the next clause end."""
        end = position
        while end < min(self.end, position + 20) and self.text[end] not in CLAUSE_END + OPEN + CLOSE:
            end += 1
        return self.text[position:end].strip()

    def _percentages(self) -> list[Percentage]:
        matches = re.compile(_PERCENT).finditer(self.text, self.start, self.end)
        return [self._percentage(m) for m in matches if is_figure(m.group("number"))]

    def _percentage(self, match: re.Match[str]) -> Percentage:
        number = match.group("number")
        decimals = len(number.partition(".")[2])
        start = match.start("number")
        return Percentage(float(number), decimals, start, match.end(), self._lines.line_of(start))

    def _breakdowns(self, figures: list[Figure]) -> list[Breakdown]:
        found: list[Breakdown] = []
        by_start = {f.start: f for f in figures}
        for match in re.compile(_MARKER).finditer(self.text, self.start, self.end):
            if self._excluded(match.start()):
                continue
            breakdown = self._from_marker(match.start(), match.end(), match.group(), figures)
            if breakdown:
                found.append(breakdown)
        for match in re.compile(_AMONG).finditer(self.text, self.start, self.end):
            total = by_start.get(match.start("number"))
            if total is None or self._excluded(total.start):
                continue
            parts = self._parts(match.end(), self.sentences.depth_at(match.end()), figures)
            if parts:
                found.append(Breakdown(total, parts, "中"))
        covered = {part.figure.start for breakdown in found for part in breakdown.parts}
        found += self._bracketed(figures, covered)
        found += self._share_lists(figures, covered)
        found += self._implicit(figures, covered | {b.total.start for b in found})
        return sorted(found, key=lambda b: b.total.start)

    def _bracketed(self, figures: list[Figure], covered: set[int]) -> list[Breakdown]:
        """`预决算公开197条（政府预决算32条、部门预决算公开165条）`: parts in brackets after a total."""
        found = []
        for total in figures:
            after = self.text[total.end : total.end + 8]
            bracket = next((i for i, c in enumerate(after) if c in OPEN), None)
            if bracket is None or any(c in CLAUSE_END for c in after[:bracket]):
                continue
            opening = total.end + bracket
            parts = self._parts(opening + 1, self.sentences.depth_at(opening), figures)
            fresh = bool(parts) and parts[0].figure.start not in covered
            if len(parts) >= 2 and fresh and parts[0].figure.unit == total.unit:
                found.append(Breakdown(total, parts, "（"))
                covered.update(part.figure.start for part in parts)
        return found

    def _implicit(self, figures: list[Figure], covered: set[int]) -> list[Breakdown]:
        """`回应…548次，举办新闻发布会15次，微博微信回应143次，其他方式回应229次`: a total, then parts
        ending in 其他… that name what the total counts (a word of the total's clause recurs)."""
        found = []
        for position, first in enumerate(figures):
            start = self.sentences.sentence_start(first.start)
            if any(f.start >= start for f in figures[max(0, position - 1) : position]):
                continue  # not the sentence's first figure
            end = self.sentences.sentence_end(first.end)
            following = figures[position + 1 : bisect_left(figures, end, key=_start_of)]
            parts = [f for f in following if f.unit == first.unit]
            if len(parts) < 2 or self.sentences.depth_at(first.start):
                continue
            if any(f.start in covered for f in [first, *parts]):
                continue
            last = re.split(r"[、\d]", parts[-1].label)[-1]
            if not last.startswith(_CATCH_ALL) or not _shared_word(last, first.label):
                continue
            found.append(Breakdown(first, [Part(f) for f in parts], "", implicit=True))
        return found

    def _share_lists(self, figures: list[Figure], covered: set[int]) -> list[Breakdown]:
        """`…答复805件（…）。予以公开258件，占33.9%；不予公开35件，占4.34%；…`: shares of the total before."""
        found = []
        for first in figures:
            start = self.sentences.sentence_start(first.start)
            if first.start in covered or self.sentences.depth_at(first.start) != 0 or self._share(first) is None:
                continue
            if self.sentences.clause_end_between(start, first.start):
                continue
            parts = self._parts(start, 0, figures)
            if sum(1 for part in parts if part.percent) < 2:
                continue
            previous = self.sentences.sentence_start(max(self.start, start - 1))
            unit, depth_at = first.unit, self.sentences.depth_at
            total = _last(figures, previous, start, lambda f: f.unit == unit and depth_at(f.start) == 0)  # noqa: B023
            if total is not None:
                found.append(Breakdown(total, parts, ""))
                covered.update(part.figure.start for part in parts)
        return found

    def _from_marker(self, start: int, end: int, marker: str, figures: list[Figure]) -> Breakdown | None:
        depth = self.sentences.depth_at(start)
        parts = self._parts(end, depth, figures)
        if not parts:
            return None
        unit = parts[0].figure.unit
        sentence = self.sentences.sentence_start(start)
        # A figure holds no sentence end, so one ending in the sentence starts in it too.
        total = _last(figures, sentence, start, lambda f: f.end <= start and self.sentences.depth_at(f.start) <= depth)
        if total is not None:
            gap = self.text[total.end : start] if start - total.end <= _MAX_GAP else None
            if gap is None or any(c.isdigit() for c in gap) or total.unit != unit:
                return None
        elif _OPENING_PUNCTUATION.match(self.text, sentence, start).end() == start:  # type: ignore[union-attr]
            # `…1913条。其中，A 1397条，占73%。`: the total ends the previous sentence.
            previous = self.sentences.sentence_start(max(self.start, sentence - 1))
            total = _last(figures, previous, sentence, lambda f: f.unit == unit)
            if total is None:
                return None
        else:
            return None
        parts = [p for p in parts if p.figure.start > total.end]
        return Breakdown(total, parts, marker.rstrip(":：，,")) if parts else None

    def _parts(self, start: int, depth: int, figures: list[Figure]) -> list[Part]:
        """Same-unit figures listed after `start` at bracket `depth`, to the sentence's (or bracket's) end, or
        to the `LIST_FIGURES`th figure."""
        stop = self._list_end(start, depth)
        first, end = bisect_left(figures, start, key=_start_of), bisect_left(figures, stop, key=_start_of)
        if end - first > LIST_FIGURES:
            end = first + LIST_FIGURES
            stop = figures[end].start
        listed = [f for f in figures[first:end] if self.sentences.depth_at(f.start) == depth]
        listed += self._bare_counts(start, stop, depth, listed)
        listed.sort(key=lambda f: f.start)
        if not listed:
            return []
        unit = listed[0].unit
        parts = []
        for figure in listed:
            if any(word in figure.label for word in _NOT_A_PART):
                break  # `（含结转18件，另有72件…）`: what follows is beside the total, not in it
            if figure.unit == unit:
                parts.append(Part(figure, self._share(figure)))
        # `其中，A 1397条，占73%。各乡镇…534条，占27%。`: a list of shares may go on past the full stop.
        while len(parts) < LIST_FIGURES and all(p.percent for p in parts) and self.text[stop : stop + 1] == "。":
            following = self._sentence_part(stop + 1, unit, figures)
            if following is None:
                break
            parts.append(following)
            stop = self.sentences.sentence_end(following.figure.end)
        return parts

    def _list_end(self, start: int, depth: int) -> int:
        """The sentence's end, or inside brackets the bracket that closes them, if it comes first."""
        end = self.sentences.sentence_end(start)
        closing = self.sentences.closing(start, depth) if depth > 0 else None
        return end if closing is None else min(closing, end)

    def _bare_counts(self, start: int, stop: int, depth: int, listed: list[Figure]) -> list[Figure]:
        """`不予公开信息数1402。`: a count whose unit the text dropped, inside a list of counts."""
        if not listed:
            return []
        unit = listed[0].unit
        found = []
        for match in re.compile(_BARE_COUNT).finditer(self.text, start, stop):
            position = match.start("number")
            if self.sentences.depth_at(position) == depth and not any(f.start <= position < f.end for f in listed):
                found.append(self._figure(match.group("number"), unit, position, match.end()))
        return found

    def _share(self, figure: Figure) -> Percentage | None:
        """The share printed after the figure, read once (a figure is part of the lists of every marker before it)."""
        if figure.end not in self._shares:
            self._shares[figure.end] = None
            for pattern in (_PART_PERCENT, _PART_PERCENT_AFTER):
                match = re.compile(pattern).match(self.text, figure.end)
                if match and is_figure(match.group("number")):
                    self._shares[figure.end] = self._percentage(match)
                    break
        return self._shares[figure.end]

    def _sentence_part(self, start: int, unit: str, figures: list[Figure]) -> Part | None:
        """The first figure of the sentence at `start`, when it is a part with a share."""
        end = self.sentences.sentence_end(start)
        first = next(iter(_between(figures, start, end, 1)), None)
        if first is None or first.unit != unit:
            return None
        if self.sentences.clause_end_between(start, first.start):
            return None
        share = self._share(first)
        return Part(first, share) if share else None
