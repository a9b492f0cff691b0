"""What two readings of one report must share, in a form a test compares: its outline and its tables' figures."""

from __future__ import annotations

from models.core.document import Report


def outline(report: Report) -> list[tuple[int, str, str]]:
    """Each section's level, marker and title, in reading order."""
    return [(s.level, s.marker, s.title) for s in report.walk()]


def figures(report: Report) -> list[tuple[str, list[tuple[str, str | None, list[object]]]]]:
    """Each table's kind with its rows' names, parents and values."""
    return [(t.kind, [(r.name, r.parent, list(r.values.values())) for r in t.rows]) for t in report.tables]
