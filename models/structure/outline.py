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
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, pairwise

from models.core.document import Leftover, Section, Table
from models.core.spans import Spans
from models.core.textindex import TextIndex
from models.structure.leftovers import body_span

_CN_DIGITS = "〇一二三四五六七八九"
_CN = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
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
# Where the body starts when a run-on heading has no punctuation before it.
_BODY_OPENING = re.compile(r"\d{4}年|一是|目前|虽然|我区|我县|我局|指定|在“")
_TITLE_CLOSING = re.compile(r"(?:情况|方面)(?=[\u4e00-\u9fff])(?!统计|表)")
_CLAUSE = re.compile(r"[，；,;]")
_STOP = re.compile("[。：:]")
_RUN_ON_STOP = re.compile(f"[。：:{_SPACE}]")

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
    found: dict[int, _Candidate] = {}
    first = _FIRST_LINE.match(text, start, end)
    for match in chain([first] if first else [], _NEXT_LINES.finditer(text, start, end)):
        kind = match.lastgroup
        assert kind is not None
        marker_start = match.end("indent")
        if _TITLE_START.match(text, match.end()):
            number = _number(kind, text[marker_start : match.end()])
            found[marker_start] = _Candidate(kind, number, marker_start, match.end(), True)
    for match in _INLINE.finditer(text, start, end):
        kind = match.lastgroup
        assert kind is not None
        if match.start() in found:
            continue
        after_table = match.start() in table_ends and _TITLE_START.match(text, match.end())
        if not after_table and not _inline_context_ok(text, kind, match.start(), match.end()):
            continue
        found[match.start()] = _Candidate(kind, _number(kind, match.group()), match.start(), match.end(), False)
    return [found[position] for position in sorted(found)]


@lru_cache(maxsize=4096)  # a long report repeats a few hundred markers thousands of times
def _number(kind: str, source: str) -> int | None:
    """The number a marker writes: 12 for `12.`, 3 for `（三）`; None for `()` or what is no numeral."""
    digits = "".join(ch for ch in source if "0" <= ch <= "9")  # not ①, which isdigit() accepts
    if digits:
        return int(digits)
    if kind in ("pcn", "cn"):
        return _cn_number(source.strip("（()）、"))
    if kind == "circ":
        return _CIRCLED.index(source) + 1
    return None


def _cn_number(numeral: str) -> int | None:
    """一 → 1, 十二 → 12, 二十三 → 23; None for what is not a numeral (十十)."""
    tens, ten, ones = numeral.partition("十")
    if not ten:
        return _CN_DIGITS.index(numeral) if len(numeral) == 1 else None
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    return (_CN_DIGITS.index(tens) if tens else 1) * 10 + (_CN_DIGITS.index(ones) if ones else 0)


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
    for position, candidate in enumerate(candidates):
        choice = _choose(candidate, position, candidates, stack, last_seen)
        if choice is None:
            continue
        style, ordinal, repaired = choice
        depth = next((i for i, level in enumerate(stack) if level.style == style), len(stack))
        del stack[depth:]
        stack.append(_Level(style, ordinal))
        last_seen[style] = ordinal
        accepted.append((candidate, style, ordinal, depth + 1, repaired))
    return accepted


def _choose(
    candidate: _Candidate,
    position: int,
    candidates: list[_Candidate],
    stack: list[_Level],
    last_seen: dict[str, int],
) -> tuple[str, int, bool] | None:
    """The (style, ordinal, repaired) reading that best fits the running numbering, if any fits."""
    number = candidate.number  # None for `()`: the expected ordinal is taken
    if number is None and candidate.kind != "empty":
        return None
    best = None
    best_score = 0
    for style, repaired in _READINGS[candidate.kind]:
        in_stack = next((level for level in stack if level.style == style), None)
        expected = [in_stack.last + 1] if in_stack else [1] + ([last_seen[style] + 1] if style in last_seen else [])
        if candidate.kind == "bare":
            expected = [last_seen[style] + 1] if style in last_seen else []
        if number is None:
            scored = [(_lookahead(style, k, position, candidates, stack), k) for k in expected]
            score, ordinal = max(scored, default=(0, 0))
        elif number in expected:
            score, ordinal = 3, number
        elif candidate.line_start and not repaired and candidate.kind != "bare" and number > 0:
            score, ordinal = 1, number  # a gap, repeat or restart at a line start: kept, checks report it
        else:
            continue
        if score > best_score:  # on a tie the earlier reading stays
            best, best_score = (style, ordinal, repaired), score
    return best


def _lookahead(style: str, ordinal: int, position: int, candidates: list[_Candidate], stack: list[_Level]) -> int:
    """How well reading a damaged marker as `style` `ordinal` fits the headings that follow.

    2: the next explicit marker of that style continues from it; 1: nothing follows to tell;
    0: what follows contradicts it.
    """
    outer = {level.style for level in stack}
    in_stack = any(level.style == style for level in stack)
    if in_stack:
        depth = next(i for i, level in enumerate(stack) if level.style == style)
        outer = {level.style for level in stack[:depth]}
    skipped = 0
    for later_position in range(position + 1, len(candidates)):
        later = candidates[later_position]
        if later.kind == "empty":
            skipped += 1
            continue
        if later.kind in ("half", "bare"):
            continue
        if later.kind == style:
            return 2 if later.number == ordinal + 1 + skipped else 0
        if later.kind in outer:
            return 1
    return 1


def _sections(
    text: str,
    index: TextIndex,
    accepted: list[tuple[_Candidate, str, int, int, bool]],
    excluded: list[tuple[int, int]],
    body_end: int,
) -> list[Section]:
    lines = [index.line_of(candidate.start) for candidate, *_ in accepted]
    crowded = {line for line, following in pairwise(lines) if line == following}
    table_starts = [start for start, _ in excluded]  # sorted
    sections = []
    for i, (candidate, style, ordinal, level, repaired) in enumerate(accepted):
        limit = accepted[i + 1][0].start if i + 1 < len(accepted) else body_end
        next_table = bisect_right(table_starts, candidate.start)
        if next_table < len(table_starts):
            limit = min(limit, table_starts[next_table])
        title, title_end = _title(text, candidate.end, min(limit, body_end), lines[i] in crowded)
        sections.append(
            Section(
                level=level,
                ordinal=ordinal,
                marker=_marker(style, ordinal),
                title=title,
                line=lines[i],
                start=candidate.start,
                title_end=title_end,
                repaired=repaired,
                source_marker=text[candidate.start : candidate.end],
                style=style,
            )
        )
    return sections


def _title(text: str, start: int, limit: int, run_on: bool) -> tuple[str, int]:
    """The heading's lead clause: up to the first 。：: or line end.

    In a run-on line (one that lost its line breaks and holds several headings) a space also ends
    the title, and a long title is cut at its first comma or at the clause that opens the body.
    """
    while start < limit and text[start] in _SPACE:
        start += 1
    line_end = text.find("\n", start, limit)
    end = limit if line_end == -1 else line_end
    stop = (_RUN_ON_STOP if run_on else _STOP).search(text, start, end)
    end = stop.start() if stop else end
    if run_on:
        opening = _BODY_OPENING.search(text, start + 2, end)
        end = opening.start() if opening else end
        closing = _TITLE_CLOSING.search(text, start + 2, end)  # 基本情况今年… / 主动公开方面平潭…
        end = closing.end() if closing else end
        clause = _CLAUSE.search(text, start + 2, end)
        if clause and end - start > _MAX_TITLE:
            end = clause.start()
    title = text[start:end].rstrip(_SPACE + "。；;，,")
    return title, start + len(title)


def _marker(style: str, ordinal: int) -> str:
    if style == "pnum":
        return f"（{ordinal}）"
    if style == "dot":
        return f"{ordinal}."
    if style == "comma":
        return f"{ordinal}、"
    if style == "circ":
        return _CIRCLED[ordinal - 1] if 0 < ordinal <= len(_CIRCLED) else f"({ordinal})"
    numeral = _cn_numeral(ordinal)
    return f"{numeral}、" if style == "cn" else f"（{numeral}）"


def _cn_numeral(number: int) -> str:
    if number < 10:
        return _CN_DIGITS[number]
    if number >= 100:
        return str(number)
    tens, ones = divmod(number, 10)
    return (_CN_DIGITS[tens] if tens > 1 else "") + "十" + (_CN_DIGITS[ones] if ones else "")


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
