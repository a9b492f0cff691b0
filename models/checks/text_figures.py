"""Rules on the figures of the text alone.

- total-vs-parts: a stated total against the parts the text lists for it (`共…N条，其中…`).
- percentage: a printed share against its part and base, recomputed; rounding or truncation to the
  printed precision is fine. Also `受理N件，办结M件，办结率p%`.
"""

from __future__ import annotations

import re
from fractions import Fraction

from models.checks.figures import Breakdown, Figure, Part, TextFigures
from models.checks.finding import ERROR, INFO, WARNING, Finding, show
from models.checks.quotes import label, span
from models.core.document import Number
from models.core.limits import FIGURE_DIGITS, is_figure

# Patterns are compiled on first use (`re` keeps them): importing the module compiles nothing.
# Counts longer than a figure may be (`models.core.limits`) are text, and never match.
_RATE = (
    rf"受理[^。；，,]{{0,20}}?(?<!\d)(?P<base>\d{{1,{FIGURE_DIGITS}}})件[，,]\s*"
    rf"办结(?P<done>\d{{1,{FIGURE_DIGITS}}})件[，,]\s*办结率(?P<rate>\d+(?:\.\d+)?)[%％]"
)


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
        if not is_figure(rate):
            continue
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
    if share is None or total.approximate or part.figure.approximate or not total.value:
        return None  # a share of nothing (`共0件`) cannot be recomputed: the sum is rule 1's
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
