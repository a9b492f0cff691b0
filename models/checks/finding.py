"""What a check finds: the finding type and its severities, what a check could not do, and the two together
(`CheckResult`), below every rule that makes them.

Severity: "error" when arithmetic fails, "warning" when something is likely wrong, "info" otherwise.
A check that cannot run (a row it needs is missing, its figures are blank or could not be read) says so with a
`Skipped`, so that a report nothing could be checked in never reads as one where everything agrees.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

from models.core.document import Number
from models.core.limits import FINDINGS

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}


@dataclass(slots=True)  # a text can hold many thousands
class Finding:
    """One thing that does not add up, with the places to show."""

    rule: str
    severity: str  # "error" | "warning" | "info"
    message: str  # a sentence in Chinese
    numbers: list[Number]
    lines: list[int]
    spans: list[tuple[int, int]] = field(default_factory=list)  # offsets of the numbers involved


@dataclass(frozen=True)
class Skipped:
    """A check that could not run, and why: `reason` is a sentence in Chinese naming what is missing."""

    rule: str
    reason: str
    lines: tuple[int, ...]  # where the reader can see why (the table, the rows that could not be read)


@dataclass
class CheckResult:
    """What checks found, and the checks that could not run."""

    findings: list[Finding] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def extend(self, other: CheckResult) -> None:
        """Add `other`'s findings and skipped checks to these."""
        self.findings += other.findings
        self.skipped += other.skipped


def bounded(findings: Iterable[Finding]) -> list[Finding]:
    """The first `FINDINGS` findings of each rule, in the order given; the rest of a rule are counted in one more
    finding, which points where the first of them does. Only as many are ever held."""
    kept: list[Finding] = []
    counts: Counter[str] = Counter()
    first_left: dict[str, Finding] = {}
    for finding in findings:
        counts[finding.rule] += 1
        if counts[finding.rule] <= FINDINGS:
            kept.append(finding)
        else:
            first_left.setdefault(finding.rule, finding)
    for rule, first in first_left.items():
        message = f"另有{counts[rule] - FINDINGS}处同类问题未逐一列出（已列出前{FINDINGS}处）"
        kept.append(Finding(rule, INFO, message, [], first.lines, first.spans))
    return kept


def show(value: Number | Fraction) -> str:
    """A number as a report prints it: 154, 4.55, 36.36."""
    if isinstance(value, Fraction):
        value = float(value)
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return str(value)
