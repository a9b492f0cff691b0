"""What a check finds: the finding type and its severities, below every rule that makes findings.

Severity: "error" when arithmetic fails, "warning" when something is likely wrong, "info" otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from models.core.document import Number

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}


@dataclass
class Finding:
    """One thing that does not add up, with the places to show."""

    rule: str
    severity: str  # "error" | "warning" | "info"
    message: str  # a sentence in Chinese
    numbers: list[Number]
    lines: list[int]
    spans: list[tuple[int, int]] = field(default_factory=list)  # offsets of the numbers involved


def show(value: Number | Fraction) -> str:
    """A number as a report prints it: 154, 4.55, 36.36."""
    if isinstance(value, Fraction):
        value = float(value)
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return str(value)
