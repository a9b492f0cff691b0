"""Check a report's figures against themselves: the findings of the 核对 panel and `--export checks`.

Rules (the `rule` of each finding):
- total-vs-parts: a stated total against the parts the text lists for it (`共…N条，其中…`).
- percentage: a printed share against its part and base, recomputed; rounding or truncation to the
  printed precision is fine. Also `受理N件，办结M件，办结率p%`.
- table-subrows, cumulative, template-*: a table against itself (see `models.table_checks`).
- text-vs-table: the same quantity in the text and in a table (see `models.text_vs_table`).
- numbering: heading numbers that skip, repeat or restart, and the ones that had to be repaired.

Severity: "error" when arithmetic fails, "warning" when something is likely wrong, "info" otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING

from models.document import Number, Report, Section

if TYPE_CHECKING:  # the figures are found when the checks run, not when the module is imported
    from models.figures import Breakdown, Figure, Part, TextFigures

ERROR, WARNING, INFO = "error", "warning", "info"
# Patterns are compiled on first use (`re` keeps them): importing the module compiles nothing.
_RATE = r"受理[^。；，,]{0,20}?(?P<base>\d+)件[，,]\s*办结(?P<done>\d+)件[，,]\s*办结率(?P<rate>\d+(?:\.\d+)?)[%％]"
_LABEL_CHARS = 16  # how much of a figure's clause a message quotes


@dataclass
class Finding:
    """One thing that does not add up, with the places to show."""

    rule: str
    severity: str  # "error" | "warning" | "info"
    message: str  # a sentence in Chinese
    numbers: list[Number]
    lines: list[int]
    spans: list[tuple[int, int]] = field(default_factory=list)  # offsets of the numbers involved


def run_checks(report: Report) -> list[Finding]:
    """Every finding of every rule, sorted by line."""
    from models.figures import find_figures
    from models.table_checks import check_tables
    from models.text_vs_table import check_text_vs_tables

    figures = find_figures(report)
    findings = check_breakdowns(figures) + check_percentages(figures, report.text)
    findings += check_tables(report.tables)
    findings += check_text_vs_tables(report, figures)
    findings += check_numbering(report)
    order = {ERROR: 0, WARNING: 1, INFO: 2}
    return sorted(findings, key=lambda f: (min(f.lines, default=0), order.get(f.severity, 3), f.rule))


def show(value: Number | Fraction) -> str:
    """A number as a report prints it: 154, 4.55, 36.36."""
    if isinstance(value, Fraction):
        value = float(value)
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return str(value)


def label(figure: Figure) -> str:
    """The figure with the last words of its clause, as a message quotes it: `受理依申请公开信息154条`."""
    words = re.split(r"\d[^\d、]{0,2}、", figure.label)[-1]  # `…2件、行政诉讼案件`: after the last figure
    words = words.removeprefix("其中").lstrip("，,：:；; ")
    if len(words) > _LABEL_CHARS:
        words = words[-_LABEL_CHARS:]
        if "”" in words and "“" not in words.partition("”")[0]:  # do not open on half a quotation
            words = words.partition("”")[2]
        words = "…" + words.lstrip("》《，,、")
    if not words:  # `1件结转下年度继续办理`: the words come after the figure
        return f"{show(figure.value)}{figure.unit}{figure.tail}"
    return f"{words}{show(figure.value)}{figure.unit}"


def span(figure: Figure) -> tuple[int, int]:
    return (figure.start, figure.number_end)


# Rule 1 ----------------------------------------------------------------------------------------


def check_breakdowns(figures: TextFigures) -> list[Finding]:
    """Stated totals against the sum of their listed parts."""
    findings = []
    for breakdown in figures.breakdowns:
        finding = _breakdown_finding(breakdown)
        if finding:
            findings.append(finding)
    return findings


def _breakdown_finding(breakdown: Breakdown) -> Finding | None:
    total, parts = breakdown.total, breakdown.parts
    if len(parts) < 2 or total.approximate or any(p.figure.approximate for p in parts):
        return None
    values = [p.figure.value for p in parts]
    running = 0.0
    for value in values:  # `…其他处理2件；因…行政复议案件2件`: the list may run on past its total
        running += value
        if abs(running - total.value) < 1e-6:
            return None
    listed = sum(values)
    unit = total.unit
    numbers: list[Number] = [total.value, *values]
    lines = sorted({total.line, *(p.figure.line for p in parts)})
    spans = [span(total), *(span(p.figure) for p in parts)]
    if listed > total.value and not breakdown.implicit:
        message = f"{label(total)}，但所列各项之和为{show(listed)}{unit}，多出{show(listed - total.value)}{unit}"
        return Finding("total-vs-parts", ERROR, message, numbers, lines, spans)
    missing = show(total.value - listed)
    if breakdown.implicit:
        message = f"{label(total)}，其后所列各项（含{label(parts[-1].figure)}）之和为{show(listed)}{unit}"
        return Finding("total-vs-parts", WARNING, message, numbers, lines, spans)
    if breakdown.claims_complete:
        message = f"{label(total)}，但所列各项之和为{show(listed)}{unit}，少{missing}{unit}"
        return Finding("total-vs-parts", ERROR, message, numbers, lines, spans)
    message = f"{label(total)}，所列{len(parts)}项之和为{show(listed)}{unit}，其余{missing}{unit}未列出"
    return Finding("total-vs-parts", INFO, message, numbers, lines, spans)


# Rule 2 ----------------------------------------------------------------------------------------


def share_matches(printed: float, decimals: int, part: Number, base: Number) -> bool:
    """Whether `printed`% is part/base rounded (half up) or truncated to `decimals` places."""
    if base == 0:
        return False
    scale = 10**decimals
    exact = Fraction(part) * 100 * scale / Fraction(base)
    shown = round(Fraction(printed) * scale)
    return shown in (int(exact + Fraction(1, 2)), int(exact))


def check_percentages(figures: TextFigures, text: str) -> list[Finding]:
    """Printed shares of breakdown parts, and completion rates, recomputed."""
    findings = []
    for breakdown in figures.breakdowns:
        listed = sum(p.figure.value for p in breakdown.parts)
        for part in breakdown.parts:
            finding = _share_finding(breakdown.total, part, listed)
            if finding:
                findings.append(finding)
    line, counted_to = 1, 0  # lines counted on from the previous match, not from the start each time
    for match in re.finditer(_RATE, text):
        base, done = int(match.group("base")), int(match.group("done"))
        rate = match.group("rate")
        if base and not share_matches(float(rate), len(rate.partition(".")[2]), done, base):
            actual = show(round(Fraction(done * 100, base), 2))
            line += text.count("\n", counted_to, match.start())
            counted_to = match.start()
            message = f"受理{base}件、办结{done}件，办结率应为{actual}%，报告写作{rate}%"
            spans = [match.span("base"), match.span("done"), match.span("rate")]
            findings.append(Finding("percentage", ERROR, message, [base, done, float(rate)], [line], spans))
    return findings


def _share_finding(total: Figure, part: Part, listed: Number) -> Finding | None:
    share = part.percent
    if share is None or total.approximate or part.figure.approximate:
        return None
    value = part.figure.value
    # The sum of the parts is an acceptable base too: a wrong total is reported once, by rule 1.
    if any(share_matches(share.value, share.decimals, value, base) for base in (total.value, listed)):
        return None
    actual = show(round(Fraction(value) * 100 / Fraction(total.value), max(share.decimals, 2)))
    printed = f"{share.value:.{share.decimals}f}%"
    message = f"{label(part.figure)}占{show(total.value)}{total.unit}的{actual}%，报告写作{printed}"
    return Finding(
        "percentage",
        ERROR,
        message,
        [value, total.value, share.value],
        sorted({part.figure.line, total.line, share.line}),
        [span(part.figure), span(total), (share.start, share.end)],
    )


# Rule 6 ----------------------------------------------------------------------------------------

_DAMAGE = (  # (what was wrong with the marker, how to recognise it)
    ("序号丢失", r"^[（(]\s*[）)]$"),
    ("缺少左括号", r"^\d+[）)]$"),
    ("缺少括号", r"^\d+$"),
)


def check_numbering(report: Report) -> list[Finding]:
    """Gaps, repeats and restarts in heading numbers; repaired numbers grouped by what was damaged."""
    findings: list[Finding] = []
    last_at_level: dict[tuple[int, str], int] = {}
    _check_siblings(report.sections, last_at_level, findings)
    findings += _repaired(list(report.walk()))
    return findings


def _check_siblings(
    siblings: list[Section], last_at_level: dict[tuple[int, str], int], findings: list[Finding]
) -> None:
    previous: dict[str, Section] = {}
    for section in siblings:
        if section.ordinal is not None and not section.repaired:
            key = (section.level, section.style)
            before = previous.get(section.style)
            finding = _sequence_finding(section, before, last_at_level.get(key))
            if finding:
                findings.append(finding)
        if section.ordinal is not None:
            previous[section.style] = section
            last_at_level[(section.level, section.style)] = section.ordinal
        _check_siblings(section.children, last_at_level, findings)


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


def _repaired(sections: list[Section]) -> list[Finding]:
    """One info finding per kind of damage, so dozens of `4)` headings do not flood the panel."""
    groups: dict[str, list[Section]] = {}
    for section in sections:
        if section.repaired:
            kind = next((name for name, p in _DAMAGE if re.match(p, section.source_marker)), "编号残缺")
            groups.setdefault(kind, []).append(section)
    findings = []
    for kind, repaired in groups.items():
        first = repaired[0]
        example = f"第{first.line}行“{first.source_marker}”读作“{first.marker}”"
        more = f"等{len(repaired)}处" if len(repaired) > 1 else ""
        message = f"标题编号{kind}，已按前后顺序补全：{example}{more}"
        spans = [(s.start, s.start + max(1, len(s.source_marker))) for s in repaired]
        ordinals: list[Number] = [s.ordinal for s in repaired if s.ordinal is not None]
        findings.append(Finding("numbering", INFO, message, ordinals, [s.line for s in repaired], spans))
    return findings
