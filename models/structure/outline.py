"""Rebuild a report's outline from its heading numbering.

Headings are found by numbering style (一、 / （一） / 1. / 1、 / （1） / ①), full- and half-width
brackets alike. Depth follows how the styles nest in this report: a style seen for the first time
opens a level under the current one. A candidate is taken when it continues its style's sequence
(or starts a new level at 1); damaged numbering (`()`, `4)`, a bare `12推进`) is repaired from the
sequence and marked. Headings inside one long line (text that lost its line breaks) must continue
their sequence exactly; at the start of a line a gap or repeat is kept so the checks can report it.
Inside a line, `()` and `4)` are repaired as at a line start (`4)` only right after a sentence or
clause ends); a bare number is read as a heading only at a line start.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate, chain, pairwise

from models.core.document import Leftover, Section, Table
from models.core.spans import Spans
from models.core.textindex import LineCounter, TextIndex
from models.structure.leftovers import body_span
from models.structure.markers import CIRCLED, CN_NUMERALS, marker, marker_number

_CN = CN_NUMERALS
_CIRCLED = CIRCLED
_SPACE = " \t\u3000\xa0"

# Each numbering style after its first character, grouped by that character (an opening bracket,
# a Chinese numeral, a digit, a circled number): a pattern that starts with one character class lets
# the regex engine skip in C to the characters that can start a marker.
_AFTER_BRACKET = rf"(?P<pcn>[{_CN}]{{1,3}}[）)])|(?P<pnum>\d{{1,3}}[）)])|(?P<empty>[）)])"
_AFTER_CN = rf"(?P<cn>[{_CN}]{{0,2}}、)"
_AFTER_DIGIT = r"(?P<dot>\d{0,2}[.．](?![\d.．]))|(?P<comma>\d{0,2}、(?!\d))"
_AFTER_CIRCLED = "(?P<circ>)"
_INLINE = re.compile(
    rf"[（({_CN}\d{_CIRCLED}]"
    rf"(?:(?<=[（(])(?:{_AFTER_BRACKET})|(?<=[{_CN}]){_AFTER_CN}|(?<=\d)(?:{_AFTER_DIGIT}|(?P<half>\d{{0,2}}[）)]))"
    rf"|(?<=[{_CIRCLED}]){_AFTER_CIRCLED})"
)
# Inside a line, `4)` (a `（4）` that lost its opening bracket) is a heading only where a sentence or
# clause has just ended: elsewhere a digit and a bracket are a date, a citation or a list in a bracket.
_BEFORE_HALF = "。；;：:！？!?" + _SPACE
# At a line start also `4)` and a bare `12推进`. `indent` ends where the marker starts.
_LINE_MARKER = (
    rf"(?P<indent>[{_SPACE}]*)(?:[（(](?:{_AFTER_BRACKET})|[{_CN}]{_AFTER_CN}"
    rf"|\d(?:{_AFTER_DIGIT}|(?P<half>\d{{0,2}}[）)])|(?P<bare>\d{{0,2}}(?=[\u4e00-\u9fff])(?![年月日号时])))"
    rf"|[{_CIRCLED}]{_AFTER_CIRCLED})"
)
_FIRST_LINE = re.compile(_LINE_MARKER)
_NEXT_LINES = re.compile(f"\n{_LINE_MARKER}")  # a literal first character: found by a fast scan
# A title character must follow the marker (after spaces): not a digit, not a closing mark.
_TITLE_START = re.compile(rf"[{_SPACE}]*[\u4e00-\u9fffA-Za-z“《\"‘「]")
_MAX_TITLE = 30
_SAME_STRINGS = 4096  # titles and markers remembered to be shared, forgotten past this many
# Where the body starts when a run-on heading has no punctuation before it.
_BODY_OPENING = re.compile(r"\d{4}年|一是|目前|虽然|我区|我县|我局|指定|在“")
_TITLE_CLOSING = re.compile(r"(?:情况|方面)(?=[\u4e00-\u9fff])(?!统计|表)")
_CLAUSE = re.compile(r"[，；,;]")
# After the spaces, a title runs to the line's end or the first 。：: (in a run-on line, a space too).
_LEAD = re.compile(f"[{_SPACE}]*([^\n。：:]*)")
_RUN_ON_LEAD = re.compile(f"[{_SPACE}]*([^\n。：:{_SPACE}]*)")
_TITLE_TRAILING = _SPACE + "。；;，,"

# The styles each kind of marker can be read as, best first, and whether that reading repairs it.
_READINGS = {
    "empty": (("pcn", True), ("pnum", True)),
    "half": (("pnum", True),),
    "bare": (("pnum", True), ("dot", True), ("comma", True)),
    **{style: ((style, False),) for style in ("pcn", "pnum", "cn", "dot", "comma", "circ")},
}


@dataclass(slots=True)
class _Candidate:
    kind: str
    number: int | None
    start: int  # the marker's first character
    end: int  # just after the marker
    line_start: bool


@dataclass(slots=True)
class _Level:
    style: str
    last: int


def build_outline(
    text: str, index: TextIndex, leftovers: list[Leftover], tables: Iterable[Table] = ()
) -> list[Section]:
    """The report's sections as a tree, each with its line, offsets and span."""
    body_start, body_end = body_span(text, leftovers)
    excluded = sorted((t.start, t.end) for t in tables)
    table_ends = {end for _, end in excluded}
    inside_tables = Spans(excluded)
    candidates = [c for c in _candidates(text, body_start, body_end, table_ends) if c.start not in inside_tables]
    accepted = _sequence(candidates)
    flat = _sections(text, index, accepted, excluded, body_end)
    return _nest(flat, body_end)


def _candidates(text: str, start: int, end: int, table_ends: set[int]) -> list[_Candidate]:
    """Markers at line starts, and inside lines where the context allows one (or right after a table)."""
    at_line_start: list[_Candidate] = []
    title_start = _TITLE_START.match
    first = _FIRST_LINE.match(text, start, end)
    for match in chain([first] if first else [], _NEXT_LINES.finditer(text, start, end)):
        marker_end = match.end()
        if title_start(text, marker_end):
            kind = match.lastgroup
            assert kind is not None
            marker_start = match.end("indent")
            number = marker_number(kind, text[marker_start:marker_end])
            at_line_start.append(_Candidate(kind, number, marker_start, marker_end, True))
    # Both lists are in text order: merged as they are, a marker found both ways kept as the line start's.
    found: list[_Candidate] = []
    taken = 0
    for match in _INLINE.finditer(text, start, end):
        marker_start = match.start()
        while taken < len(at_line_start) and at_line_start[taken].start < marker_start:
            found.append(at_line_start[taken])
            taken += 1
        if taken < len(at_line_start) and at_line_start[taken].start == marker_start:
            continue
        kind = match.lastgroup
        assert kind is not None
        after_table = marker_start in table_ends and title_start(text, match.end())
        if not after_table and not _inline_context_ok(text, kind, marker_start, match.end()):
            continue
        found.append(_Candidate(kind, marker_number(kind, match.group()), marker_start, match.end(), False))
    found += at_line_start[taken:]
    return found


def _inline_context_ok(text: str, kind: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else ""
    if before == "第" or not _TITLE_START.match(text, end):
        return False
    if kind == "cn":  # 统一、规范: a numeral inside a word is no heading
        return not ("\u4e00" <= before <= "\u9fff")
    if before.isdigit() or (before.isascii() and before.isalpha()):
        return False
    if kind == "half" and (not before or before not in _BEFORE_HALF):
        return False
    if kind in ("pcn", "pnum", "empty", "half"):
        return not _INLINE.match(text, end)  # 第（一）（五）项 lists several markers in a row
    return True


def _sequence(candidates: list[_Candidate]) -> list[tuple[_Candidate, str, int, int, bool]]:
    """Walk the candidates in order, keeping those that fit the running numbering.

    Returns (candidate, style, ordinal, level, repaired) for each heading.
    """
    stack: list[_Level] = []
    last_seen: dict[str, int] = {}
    accepted = []
    ahead = _Lookahead(candidates)
    for position, candidate in enumerate(candidates):
        choice = _choose(candidate, position, ahead, stack, last_seen)
        if choice is None:
            continue
        style, ordinal, repaired, depth = choice
        if depth is None:
            depth = len(stack)
            stack.append(_Level(style, ordinal))
        else:
            del stack[depth + 1 :]
            stack[depth].last = ordinal
        last_seen[style] = ordinal
        accepted.append((candidate, style, ordinal, depth + 1, repaired))
    return accepted


def _depth(stack: list[_Level], style: str) -> int | None:
    """Where `style` is in the stack of open levels, if it is."""
    for depth, level in enumerate(stack):
        if level.style == style:
            return depth
    return None


def _choose(
    candidate: _Candidate,
    position: int,
    ahead: _Lookahead,
    stack: list[_Level],
    last_seen: dict[str, int],
) -> tuple[str, int, bool, int | None] | None:
    """The (style, ordinal, repaired) reading that best fits the running numbering, if any fits, with the
    style's place in the stack of open levels (None when it is not there)."""
    number = candidate.number  # None for `()`: the expected ordinal is taken
    if number is None and candidate.kind != "empty":
        return None
    best = None
    best_score = 0
    for style, repaired in _READINGS[candidate.kind]:
        depth = _depth(stack, style)
        if candidate.kind == "bare":
            expected = [last_seen[style] + 1] if style in last_seen else []
        elif depth is not None:
            expected = [stack[depth].last + 1]
        else:
            expected = [1] + ([last_seen[style] + 1] if style in last_seen else [])
        if number is None:
            scored = [(ahead.score(style, k, position, stack), k) for k in expected]
            score, ordinal = max(scored, default=(0, 0))
        elif number in expected:
            score, ordinal = 3, number
        elif candidate.line_start and not repaired and candidate.kind != "bare" and number > 0:
            score, ordinal = 1, number  # a gap, repeat or restart at a line start: kept, checks report it
        else:
            continue
        if score > best_score:  # on a tie the earlier reading stays
            best, best_score = (style, ordinal, repaired, depth), score
    return best


class _Lookahead:
    """How well reading a damaged marker (`()`) as a style and ordinal fits the headings that follow.

    The marker is weighed against the first later marker of its style or of a level above it, counting the
    `()` passed on the way. A run of `()` markers asks the same question from one place after another: the
    answer is remembered for each set of styles looked for, so no stretch of markers is walked more than
    once for it, where walking on from each `()` took time growing with the run's square.
    """

    def __init__(self, candidates: list[_Candidate]) -> None:
        self._candidates = candidates
        self._empties: array[int] | None = None  # `()` markers before each place, counted when first asked
        self._found: dict[frozenset[str], tuple[int, int]] = {}  # looked for -> (asked after, found at)

    def score(self, style: str, ordinal: int, position: int, stack: list[_Level]) -> int:
        """2: the next explicit marker of `style` continues from `ordinal`; 1: nothing follows to tell;
        0: what follows contradicts it."""
        depth = _depth(stack, style)
        outer = [level.style for level in (stack if depth is None else stack[:depth])]
        wanted = frozenset([style, *outer])
        later = self._next(wanted, position)
        if later == len(self._candidates) or self._candidates[later].kind != style:
            return 1
        skipped = self._empties_between(position + 1, later)
        return 2 if self._candidates[later].number == ordinal + 1 + skipped else 0

    def _next(self, wanted: frozenset[str], position: int) -> int:
        """The place of the first candidate after `position` whose kind is in `wanted` (the count if none)."""
        asked, found = self._found.get(wanted, (len(self._candidates), -1))
        if not (asked <= position < found):
            found = next(
                (later for later in range(position + 1, len(self._candidates)) if self._kind(later) in wanted),
                len(self._candidates),
            )
        self._found[wanted] = (position, found)
        return found

    def _kind(self, place: int) -> str:
        kind = self._candidates[place].kind
        return "" if kind in ("empty", "half", "bare") else kind  # passed over, never looked for

    def _empties_between(self, start: int, end: int) -> int:
        if self._empties is None:
            self._empties = array("l", accumulate((c.kind == "empty" for c in self._candidates), initial=0))
        return self._empties[end] - self._empties[start]


def _sections(
    text: str,
    index: TextIndex,
    accepted: list[tuple[_Candidate, str, int, int, bool]],
    excluded: list[tuple[int, int]],
    body_end: int,
) -> list[Section]:
    first = accepted[0][0].start if accepted else 0
    counter = LineCounter(text, first, index.line_of(first))
    lines = [counter.line_of(candidate.start) for candidate, *_ in accepted]  # in text order
    crowded = {line for line, following in pairwise(lines) if line == following}
    table_starts = [start for start, _ in excluded]  # sorted
    # One string for each title and marker written alike: a text of a million headings repeats a few of them.
    same: dict[str, str] = {}
    sections = []
    for i, (candidate, style, ordinal, level, repaired) in enumerate(accepted):
        limit = accepted[i + 1][0].start if i + 1 < len(accepted) else body_end
        if table_starts:
            next_table = bisect_right(table_starts, candidate.start)
            if next_table < len(table_starts):
                limit = min(limit, table_starts[next_table])
        title, title_end = _title(text, candidate.end, min(limit, body_end), lines[i] in crowded)
        if len(same) > _SAME_STRINGS:
            same.clear()
        source_marker = text[candidate.start : candidate.end]
        sections.append(
            Section(
                level,
                ordinal,
                marker(style, ordinal),
                same.setdefault(title, title),
                lines[i],
                candidate.start,
                title_end,
                repaired,
                same.setdefault(source_marker, source_marker),
                style,
            )
        )
    return sections


def _title(text: str, start: int, limit: int, run_on: bool) -> tuple[str, int]:
    """The heading's lead clause: up to the first 。：: or line end.

    In a run-on line (one that lost its line breaks and holds several headings) a space also ends
    the title, and a long title is cut at its first comma or at the clause that opens the body.
    """
    lead = (_RUN_ON_LEAD if run_on else _LEAD).match(text, start, max(start, limit))  # a table may start in the line
    assert lead is not None  # it matches the empty string
    start, end = lead.span(1)
    if run_on:
        opening = _BODY_OPENING.search(text, start + 2, end)
        end = opening.start() if opening else end
        closing = _TITLE_CLOSING.search(text, start + 2, end)  # 基本情况今年… / 主动公开方面平潭…
        end = closing.end() if closing else end
        clause = _CLAUSE.search(text, start + 2, end)
        if clause and end - start > _MAX_TITLE:
            end = clause.start()
    title = text[start:end].rstrip(_TITLE_TRAILING)
    return title, start + len(title)


def _nest(flat: list[Section], body_end: int) -> list[Section]:
    """Build the tree with a stack, then give each section its span (up to the next at its level or above)."""
    roots: list[Section] = []
    stack: list[Section] = []
    for section in flat:
        while stack and stack[-1].level >= section.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(section)
        stack.append(section)
    open_sections: list[Section] = []
    for section in flat:
        while open_sections and open_sections[-1].level >= section.level:
            open_sections.pop().end = section.start
        open_sections.append(section)
    for section in open_sections:
        section.end = body_end
    return roots
