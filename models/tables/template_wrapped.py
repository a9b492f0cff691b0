"""Template tables whose cells wrapped over several lines, as in a PDF printed from a Word table.

Only used where the strict reading of `models.tables.template` found no table under a heading. Labels are
known by their numbering and first words, figures are the numbers between one label and the next, and
the table runs to the next section heading, so no wrapped row label is taken for a heading. Blank
cells leave no trace in such text, so a row with fewer figures than cells stays open (raw) unless its
arithmetic settles a cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, partial

from models.core.document import Table
from models.core.textindex import TextIndex
from models.tables.template_cells import (
    COUNT,
    REVIEW_TOTAL_REASON,
    ROW_TOTAL_REASON,
    Group,
    RowCells,
    read_placed,
    sums,
    template_row,
    trim_end,
)
from models.tables.template_labels import (
    APPLICANT_COLUMNS,
    APPLICATION_LABELS,
    APPLICATIONS,
    REVIEW,
    REVIEW_COLUMNS,
    REVIEW_ROW,
    SECTION_HEADING,
    Label,
    compiled,
    heading,
    label_pattern,
    template_table,
)

_NUMBER_TOKEN = r"(?<![\d.])-?\d+(?:\.\d+)?(?:万元|元)?(?![\d.])"
_MARKER = r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)"


def _loose_pattern(label: Label) -> str:
    """The label's numbering and first three characters, as a wrapped cell still shows them."""
    marker = compiled(_MARKER).match(label.name)
    assert marker is not None
    numeral = marker.group().strip("（）、.")
    words = label_pattern(label.name[marker.end() :][:3])
    if marker.group().endswith("、"):
        return rf"{numeral}\s*[、.．]\s*{words}"
    if marker.group().startswith("（"):
        return rf"[（(]\s*{numeral}\s*[）)]\s*{words}"
    return rf"(?<!\d){numeral}\s*[.．、]\s*{words}"


@cache
def _loose_labels() -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<L{i}>{_loose_pattern(label)})" for i, label in enumerate(APPLICATION_LABELS)))


def _region(text: str, kind: str, tables: list[Table]) -> Iterator[tuple[int, int]]:
    """(start, end) of each `kind` table no strict reading found: from its heading to the next section's."""
    for found in heading(kind).finditer(text):
        start = found.end()
        while start < len(text) and text[start] in " \t\n\u3000：:":
            start += 1
        if any(t.kind == kind and t.start <= start + 40 and found.start() < t.end for t in tables):
            continue
        following = compiled(SECTION_HEADING).search(text, start, start + 6000)
        if following is not None:
            yield start, following.start()


def _numbers(text: str, start: int, end: int) -> list[Group]:
    return [Group(m.group(), m.start(), m.end()) for m in compiled(_NUMBER_TOKEN).finditer(text, start, end)]


def loose_applications(text: str, index: TextIndex, tables: list[Table]) -> Iterator[Table]:
    """收到和处理政府信息公开申请情况 tables under headings that `tables` (the strict readings) do not cover."""
    for start, end in _region(text, APPLICATIONS, tables):
        matches = list(_loose_labels().finditer(text, start, end))
        if not matches or matches[0].lastgroup != "L0":
            continue
        found: list[tuple[Label, re.Match[str], RowCells]] = []
        seen: set[int] = set()
        for i, match in enumerate(matches):
            number = int((match.lastgroup or "L0")[1:])
            if number in seen:
                continue
            seen.add(number)
            stop = matches[i + 1].start() if i + 1 < len(matches) else end
            cells = read_placed(_numbers(text, match.end(), stop), [COUNT] * 7)
            found.append((APPLICATION_LABELS[number], match, cells))
        rows_cells = {label.name: cells for label, _, cells in found}
        for cells in rows_cells.values():
            cells.narrow(partial(sums, first=0, total=6, blank=0), ROW_TOTAL_REASON)
        rows = [template_row(index, label.name, label.parent, m, cells, APPLICANT_COLUMNS) for label, m, cells in found]
        yield template_table(APPLICATIONS, rows, index, start, trim_end(text, start, end))


def loose_review(text: str, index: TextIndex, tables: list[Table]) -> Iterator[Table]:
    """政府信息公开行政复议、行政诉讼情况 tables under headings that `tables` do not cover."""
    for start, end in _region(text, REVIEW, tables):
        if not re.match(r"行政复议", text[start : start + 10]) or "结果" not in text[start:end]:
            continue
        groups = _numbers(text, start, end)
        if not groups:
            continue
        cells = read_placed(groups, [COUNT] * 15)
        for block in range(3):
            cells.narrow(partial(sums, first=5 * block, total=5 * block + 4, blank=0), REVIEW_TOTAL_REASON)
        first = re.compile(re.escape(groups[0].text)).match(text, groups[0].start)
        assert first is not None
        row = template_row(index, REVIEW_ROW, None, first, cells, REVIEW_COLUMNS)
        yield template_table(REVIEW, [row], index, start, trim_end(text, start, end))
