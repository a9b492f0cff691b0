"""The numbering rule: heading numbers that skip, repeat or restart, and the ones that had to be repaired."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from models.checks.finding import INFO, WARNING, Finding
from models.core.document import Number, Report, Section
from models.core.limits import FINDINGS

# Rule 6 ----------------------------------------------------------------------------------------

_DAMAGE = (  # (what was wrong with the marker, how to recognise it)
    ("序号丢失", r"^[（(]\s*[）)]$"),
    ("缺少左括号", r"^\d+[）)]$"),
    ("缺少括号", r"^\d+$"),
)


def check_numbering(report: Report) -> Iterator[Finding]:
    """Gaps, repeats and restarts in heading numbers, in the order of the text; then repaired numbers grouped by
    what was damaged. Made one at a time, for the runner to keep as many as it shows."""
    yield from _check_siblings(report.sections, {})
    yield from _repaired(report.walk())


def _check_siblings(siblings: list[Section], last_at_level: dict[tuple[int, str], int]) -> Iterator[Finding]:
    previous: dict[str, Section] = {}
    for section in siblings:
        if section.ordinal is not None and not section.repaired:
            key = (section.level, section.style)
            before = previous.get(section.style)
            finding = _sequence_finding(section, before, last_at_level.get(key))
            if finding:
                yield finding
        if section.ordinal is not None:
            previous[section.style] = section
            last_at_level[(section.level, section.style)] = section.ordinal
        if section.children:
            yield from _check_siblings(section.children, last_at_level)


def _sequence_finding(section: Section, before: Section | None, carried: int | None) -> Finding | None:
    ordinal = section.ordinal
    assert ordinal is not None
    where = [(section.start, section.start + len(section.source_marker or section.marker))]
    if before is None:
        # Numbering may start at 1 or carry on from the same kind of heading in the previous part.
        if ordinal == 1 or (carried is not None and ordinal == carried + 1):
            return None
        message = f"标题编号从“{section.marker}”开始，前面缺少编号"
        return Finding("numbering", WARNING, message, [ordinal], [section.line], where)
    previous = before.ordinal
    assert previous is not None
    if ordinal == previous + 1:
        return None
    if ordinal == previous:
        message = f"标题编号“{section.marker}”重复（第{before.line}行已用过）"
    elif ordinal == 1:
        message = f"标题编号在“{before.marker}”之后又从“{section.marker}”重新开始"
    elif ordinal < previous:
        message = f"标题编号倒退：“{before.marker}”之后是“{section.marker}”"
    else:
        message = f"标题编号不连续：“{before.marker}”之后是“{section.marker}”"
    return Finding("numbering", WARNING, message, [previous, ordinal], [before.line, section.line], where)


def _repaired(sections: Iterable[Section]) -> Iterator[Finding]:
    """One info finding per kind of damage, so dozens of `4)` headings do not flood the panel; each points at
    the first `FINDINGS` headings of its kind and counts them all."""
    groups: dict[str, list[Section]] = {}
    counts: Counter[str] = Counter()
    for section in sections:
        if section.repaired:
            kind = next((name for name, p in _DAMAGE if re.match(p, section.source_marker)), "编号残缺")
            counts[kind] += 1
            group = groups.setdefault(kind, [])
            if len(group) < FINDINGS:
                group.append(section)
    for kind, repaired in groups.items():
        first = repaired[0]
        example = f"第{first.line}行“{first.source_marker}”读作“{first.marker}”"
        more = f"等{counts[kind]}处" if counts[kind] > 1 else ""
        message = f"标题编号{kind}，已按前后顺序补全：{example}{more}"
        spans = [(s.start, s.start + max(1, len(s.source_marker))) for s in repaired]
        ordinals: list[Number] = [s.ordinal for s in repaired if s.ordinal is not None]
        yield Finding("numbering", INFO, message, ordinals, [s.line for s in repaired], spans)
