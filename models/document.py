"""The report document model: plain dataclasses that every view and export reads.

Offsets are character offsets into `Report.text` (the decoded text with CRLF/CR turned into LF);
`line` is the 1-based line number of `start` in that text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

Number = int | float


@dataclass(slots=True, weakref_slot=True)  # slots: a 100 MB report has millions of these objects
class Section:
    """A numbered heading and the part of the report it governs."""

    level: int  # 1 = top
    ordinal: int | None  # the number in the heading's sequence; None for unnumbered parts
    marker: str  # numbering as it should read, e.g. "（四）"
    title: str
    line: int
    start: int  # where the heading's marker starts
    title_end: int  # where the heading's title ends
    repaired: bool = False
    source_marker: str = ""  # the numbering as the source had it, e.g. "()" or "4)"
    style: str = ""  # numbering style key, e.g. "paren-cn"
    end: int = 0  # where the section's content ends (next heading of the same or a higher level)
    children: list[Section] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"{self.marker}{self.title}"

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(slots=True)
class Row:
    """One indicator row of a table."""

    name: str
    parent: str | None
    unit: str | None
    values: dict[str, Number | None]
    line: int
    start: int
    end: int
    inferred: dict[str, str] = field(default_factory=dict)  # column -> why the value was inferred
    raw: dict[str, str] = field(default_factory=dict)  # column -> digits that could not be split


@dataclass(slots=True)
class Table:
    """A table of figures: the pre-2019 appendix or one of the national template's tables."""

    title: str | None
    columns: list[str]  # value columns, in order (name and unit are not columns)
    rows: list[Row]
    line: int
    start: int
    end: int
    kind: str = "appendix"  # "appendix" (pre-2019 附表), "active" / "applications" / "review" (template), "grid"

    @property
    def year_column(self) -> str | None:
        """The column holding the report year's figures (e.g. "2017"), if the table has one."""
        return next((c for c in self.columns if c[:4].isdigit()), None)


class Leftover(NamedTuple):
    """Text that is not the report: a crawler's header, web page furniture."""

    kind: str  # "crawler-header", "page-header", "page-footer"
    start: int
    end: int
    line: int


@dataclass
class Report:
    """A decoded report with its outline, tables and metadata."""

    text: str
    encoding: str
    title: str
    published: str | None
    issuer: str | None
    issued: str | None
    sections: list[Section]
    tables: list[Table]
    leftovers: list[Leftover]
    source_format: str = "text"
    notes: list[str] = field(default_factory=list)  # what could not be recovered, for the reader

    def walk(self) -> Iterator[Section]:
        """Every section, depth first, in text order."""
        for section in self.sections:
            yield from section.walk()
