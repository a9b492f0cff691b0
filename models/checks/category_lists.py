"""A list of the main kinds of what was published against the year's 主动公开 figure.

`主要类别有：机构职能类信息594条，…，其他应主动公开的信息946条` states no total of its own, but a list
that ends in 其他… claims to be complete, so it must add up to the year's 主动公开 figure stated before it
(`2014年主动公开政府信息 2543条`), in a section about 主动公开.
"""

from __future__ import annotations

import re

from models.checks.figures import Figure, TextFigures
from models.checks.finding import ERROR, Finding, show
from models.checks.quotes import label
from models.core.document import Number, Report
from models.core.limits import LIST_FIGURES
from models.core.spans import Spans

_CATEGORIES = re.compile(r"主要类别(?:有|为|包括)?[：:]")
_PAST = ("累计", "以来", "历年")


def check_category_lists(report: Report, figures: TextFigures) -> list[Finding]:
    """`主要类别有：A n条，…，其他…m条`: a list ending in 其他 must add up to the year's 主动公开 figure."""
    findings = []
    text = report.text
    active = _year_active(report, figures)
    end = -1
    for match in _CATEGORIES.finditer(text):
        if end < match.end():  # else the full stop found for the list before ends this one too
            end = text.find("。", match.end())
            end = len(text) if end == -1 else end
        parts = [f for f in figures.between(match.end(), end, LIST_FIGURES) if f.unit == "条"]
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


def _year_active(report: Report, figures: TextFigures) -> Figure | None:
    """The first exact count of the year's 主动公开 in a section about 主动公开."""
    titled = Spans((s.start, s.end) for s in report.walk() if "主动公开" in s.title)
    counts = (f for f in figures.figures if f.unit in ("条", "件") and not f.approximate and f.start in titled)
    return next((f for f in counts if _active(_clause(report.text, f))), None)


def _clause(text: str, figure: Figure) -> str:
    """The figure's label and the words after it up to the next clause end."""
    end = figure.end
    while end < len(text) and text[end] not in "，,；;。：:\n" and end - figure.end < 20:
        end += 1
    return figure.label + text[figure.end : end]


def _active(clause: str) -> bool:
    """`主动公开政府信息1913条`, `其中：主动公开34073条`; not `主动公开采购信息25条`, nor a running total."""
    if any(word in clause for word in _PAST):
        return False
    return "主动公开政府信息" in clause or clause.rstrip("0123456789.条件 ").endswith("主动公开")
