"""The report document model: plain records that every view and export reads.

Offsets are character offsets into `Report.text` (the decoded text with CRLF/CR turned into LF);
`line` is the 1-based line number of `start` in that text.

The records are plain classes with slots, not dataclasses: the window imports this module before its
first frame, and dataclasses generate and compile each class's methods at import (tests/bench_startup.py
measures the first frame). They compare by value, and are unhashable, as dataclasses would be.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

Number = int | float


class Record:
    """Equality and repr over the `__slots__` of a plain record class; `replace` makes a changed copy."""

    __slots__: tuple[str, ...] = ()
    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value

    def _fields(self) -> tuple[str, ...]:
        return tuple(name for name in type(self).__slots__ if name != "__weakref__")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self._fields())

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields())
        return f"{type(self).__name__}({values})"

    def replace(self, **changes: Any) -> Any:
        copy = object.__new__(type(self))
        for name in self._fields():
            setattr(copy, name, changes.pop(name, getattr(self, name)))
        if changes:
            raise TypeError(f"{type(self).__name__} has no field {', '.join(changes)}")
        return copy


class Section(Record):
    """A numbered heading and the part of the report it governs."""

    # slots: a 100 MB report has millions of these objects
    __slots__ = (
        "__weakref__",
        "children",
        "end",  # where the section's content ends (next heading of the same or a higher level)
        "level",  # 1 = top
        "line",
        "marker",  # numbering as it should read, e.g. "（四）"
        "ordinal",  # the number in the heading's sequence; None for unnumbered parts
        "repaired",
        "source_marker",  # the numbering as the source had it, e.g. "()" or "4)"
        "start",  # where the heading's marker starts
        "style",  # numbering style key, e.g. "paren-cn"
        "title",
        "title_end",  # where the heading's title ends
    )

    def __init__(
        self,
        level: int,
        ordinal: int | None,
        marker: str,
        title: str,
        line: int,
        start: int,
        title_end: int,
        repaired: bool = False,
        source_marker: str = "",
        style: str = "",
        end: int = 0,
        children: list[Section] | None = None,
    ) -> None:
        self.level, self.ordinal, self.marker, self.title = level, ordinal, marker, title
        self.line, self.start, self.title_end = line, start, title_end
        self.repaired, self.source_marker, self.style, self.end = repaired, source_marker, style, end
        self.children: list[Section] = [] if children is None else children

    @property
    def heading(self) -> str:
        return f"{self.marker}{self.title}"

    def walk(self) -> Iterator[Section]:
        """This section and every section under it, depth first, in text order."""
        return _depth_first([self])


class Row(Record):
    """One indicator row of a table."""

    __slots__ = ("end", "inferred", "line", "name", "parent", "raw", "start", "unit", "values")

    def __init__(
        self,
        name: str,
        parent: str | None,
        unit: str | None,
        values: dict[str, Number | None],
        line: int,
        start: int,
        end: int,
        inferred: dict[str, str] | None = None,
        raw: dict[str, str] | None = None,
    ) -> None:
        self.name, self.parent, self.unit, self.values = name, parent, unit, values
        self.line, self.start, self.end = line, start, end
        self.inferred: dict[str, str] = {} if inferred is None else inferred  # column -> why it was inferred
        self.raw: dict[str, str] = {} if raw is None else raw  # column -> digits that could not be split


class Table(Record):
    """A table of figures: the pre-2019 appendix or one of the national template's tables."""

    __slots__ = ("columns", "end", "kind", "line", "rows", "start", "title")

    def __init__(
        self,
        title: str | None,
        columns: list[str],  # value columns, in order (name and unit are not columns)
        rows: list[Row],
        line: int,
        start: int,
        end: int,
        kind: str = "appendix",  # "appendix" (pre-2019 附表), "active" / "applications" / "review" (template), "grid"
    ) -> None:
        self.title, self.columns, self.rows = title, columns, rows
        self.line, self.start, self.end, self.kind = line, start, end, kind

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


class Report(Record):
    """A decoded report with its outline, tables and metadata."""

    __slots__ = (
        "encoding",
        "issued",
        "issuer",
        "leftovers",
        "notes",
        "published",
        "sections",
        "source_format",
        "tables",
        "text",
        "title",
    )  # fmt: skip

    def __init__(
        self,
        text: str,
        encoding: str,
        title: str,
        published: str | None,
        issuer: str | None,
        issued: str | None,
        sections: list[Section],
        tables: list[Table],
        leftovers: list[Leftover],
        source_format: str = "text",
        notes: list[str] | None = None,
    ) -> None:
        self.text, self.encoding, self.title = text, encoding, title
        self.published, self.issuer, self.issued = published, issuer, issued
        self.sections, self.tables, self.leftovers = sections, tables, leftovers
        self.source_format = source_format
        self.notes: list[str] = [] if notes is None else notes  # what could not be recovered, for the reader

    def walk(self) -> Iterator[Section]:
        """Every section, depth first, in text order."""
        return _depth_first(self.sections)


def _depth_first(sections: list[Section]) -> Iterator[Section]:
    """`sections` and the sections under them, depth first: one loop over a stack of places in the lists of
    children, not a generator for each section (a report may have a million)."""
    stack = [iter(sections)]
    while stack:
        section = next(stack[-1], None)
        if section is None:
            stack.pop()
            continue
        yield section
        if section.children:
            stack.append(iter(section.children))
