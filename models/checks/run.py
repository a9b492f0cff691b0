"""Check a report's figures against themselves: the findings of the 核对 panel and `--export checks`.

Rules (the `rule` of each finding):
- total-vs-parts: a stated total against the parts the text lists for it (`共…N条，其中…`).
- percentage: a printed share against its part and base, recomputed; rounding or truncation to the
  printed precision is fine. Also `受理N件，办结M件，办结率p%`.
- table-subrows, cumulative, template-*: a table against itself (see `models.checks.tables`).
- text-vs-table: the same quantity in the text and in a table (see `models.checks.text_vs_table`).
- numbering: heading numbers that skip, repeat or restart, and the ones that had to be repaired.

Severity: "error" when arithmetic fails, "warning" when something is likely wrong, "info" otherwise.
"""

from __future__ import annotations

from models.checks.figures import find_figures
from models.checks.finding import SEVERITY_ORDER, Finding
from models.checks.numbering import check_numbering
from models.checks.tables import check_tables
from models.checks.text_figures import check_breakdowns, check_percentages
from models.checks.text_vs_table import check_text_vs_tables
from models.core.document import Report


def run_checks(report: Report) -> list[Finding]:
    """Every finding of every rule, sorted by line."""
    figures = find_figures(report)
    findings = check_breakdowns(figures) + check_percentages(figures, report.text)
    findings += check_tables(report.tables)
    findings += check_text_vs_tables(report, figures)
    findings += check_numbering(report)
    return sorted(findings, key=lambda f: (min(f.lines, default=0), SEVERITY_ORDER.get(f.severity, 3), f.rule))
