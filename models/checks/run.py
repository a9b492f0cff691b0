"""Check a report's figures against themselves: the findings of the 核对 panel and `--export checks`, and the
checks that could not run.

Rules (the `rule` of each finding):
- total-vs-parts: a stated total against the parts the text lists for it (`共…N条，其中…`).
- percentage: a printed share against its part and base, recomputed; rounding or truncation to the
  printed precision is fine. Also `受理N件，办结M件，办结率p%`.
- table-subrows, cumulative, template-*: a table against itself (see `models.checks.tables`).
- text-vs-table: the same quantity in the text and in a table (see `models.checks.text_vs_table`).
- numbering: heading numbers that skip, repeat or restart, and the ones that had to be repaired.
- completeness (完整性): a report on the national template without one of its parts, rows or figures (see
  `models.checks.completeness`).

Severity: "error" when arithmetic fails, "warning" when something is likely wrong, "info" otherwise.
Each rule's findings past the first `models.core.limits.FINDINGS` are counted in one more, not listed.
A check that could not run is a `Skipped` with its rule and the reason, in Chinese, naming what is missing.
"""

from __future__ import annotations

from itertools import chain

from models.checks.completeness import check_completeness
from models.checks.figures import find_figures
from models.checks.finding import SEVERITY_ORDER, CheckResult, bounded
from models.checks.numbering import check_numbering
from models.checks.tables import check_tables
from models.checks.text_figures import check_breakdowns, check_percentages
from models.checks.text_vs_table import check_text_vs_tables
from models.core.document import Report


def run_checks(report: Report) -> CheckResult:
    """Every finding of every rule, sorted by line, and every check that could not run, sorted the same way."""
    figures = find_figures(report)
    result = CheckResult(check_breakdowns(figures) + check_percentages(figures, report.text))
    result.extend(check_tables(report.tables))
    result.findings += check_text_vs_tables(report, figures)
    result.extend(check_completeness(report))
    findings = bounded(chain(result.findings, check_numbering(report)))
    findings.sort(key=lambda f: (min(f.lines, default=0), SEVERITY_ORDER.get(f.severity, 3), f.rule))
    skipped = sorted(result.skipped, key=lambda s: (min(s.lines, default=0), s.rule))
    return CheckResult(findings, skipped)
