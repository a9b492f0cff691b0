"""The report's outline as a Qt item model: a thin adapter over the `Section` tree, and its filter.

Each index carries the position of its section in a flat, depth-first list as its internal id, so
parent lookups are list reads and no Python object has to live inside a QModelIndex.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel
from PySide6.QtGui import QColor, QFont

from gui.common.first_frame import (
    DISPLAY_ROLE,
    FONT_ROLE,
    FOREGROUND_ROLE,
    TOOLTIP_ROLE,
    USER_ROLE,
    case_insensitive_filter,
)
from gui.common.theme import document_colors
from models import Section
from models.structure.section_index import NO_PARENT, SectionIndex

SECTION_ROLE = USER_ROLE + 1
LEVEL_ROLE = USER_ROLE + 2

AnyIndex = QModelIndex | QPersistentModelIndex
TOP = QModelIndex()  # the invisible root, as a default argument


def repaired_tooltip(section: Section) -> str:
    """What the reader is told about a heading whose numbering was repaired."""
    source = f"（原文为“{section.source_marker}”）" if section.source_marker else ""
    return f"原文编号缺损{source}，按顺序补为{section.marker}"


class OutlineModel(QAbstractItemModel):
    """One column: each section's marker and title, nested as in the report."""

    def __init__(
        self, sections: list[Section], parent=None, section_index: SectionIndex | None = None, dark: bool = False
    ) -> None:
        super().__init__(parent)
        self._repaired = QColor(document_colors(dark).repaired)
        given = section_index
        index = given if given is not None and given.roots is sections else SectionIndex(sections)
        self._roots = sections
        self._flat = index.flat
        self._parent = index.parent
        self._row = index.row
        self._children = index.children
        self._position = index.position
        self._root_ids = index.root_ids
        self._by_start = index.by_start
        self._starts = index.starts

    # Qt's item model interface

    # A tree of 100,000 headings asks these for every row it lays out: kept to the fewest calls. flags() is
    # Qt's own (enabled and selectable): a Python one, asked twice a row, tripled the first layout of a
    # report with thousands of top-level headings.

    def index(self, row: int, column: int = 0, parent: AnyIndex = TOP) -> QModelIndex:
        siblings = self._children[parent.internalId()] if parent.isValid() else self._root_ids
        if column or not 0 <= row < len(siblings):
            return QModelIndex()
        return self.createIndex(row, 0, siblings[row])

    def parent(self, index: AnyIndex = TOP) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent = self._parent[index.internalId()]
        if parent == NO_PARENT:
            return QModelIndex()
        return self.createIndex(self._row[parent], 0, parent)

    def rowCount(self, parent: AnyIndex = TOP) -> int:
        if not parent.isValid():
            return len(self._root_ids)
        if parent.column() != 0:
            return 0
        return len(self._children[parent.internalId()])

    def columnCount(self, parent: AnyIndex = TOP) -> int:
        return 1

    def hasChildren(self, parent: AnyIndex = TOP) -> bool:
        if not parent.isValid():
            return bool(self._root_ids)
        return not parent.column() and bool(self._children[parent.internalId()])

    def headerData(self, section: int, _orientation: object, role: int = DISPLAY_ROLE):
        if section == 0 and role == DISPLAY_ROLE:  # a tree's header is its one horizontal header
            return "目录"
        return None

    def data(self, index: AnyIndex, role: int = DISPLAY_ROLE):
        if not index.isValid():
            return None
        section = self._flat[index.internalId()]
        if role == DISPLAY_ROLE:
            return section.heading
        if role == TOOLTIP_ROLE:
            # The tree is narrow and long titles are cut short: the tooltip gives the whole heading.
            note = f"\n{repaired_tooltip(section)}" if section.repaired else ""
            return f"{section.heading}\n第 {section.line} 行{note}"
        if role == FONT_ROLE and section.repaired:
            font = QFont()
            font.setItalic(True)
            return font
        if role == FOREGROUND_ROLE and section.repaired:
            return self._repaired  # a colour: a QBrush made in Python first sets up QGradient's enums
        if role == SECTION_ROLE:
            return section
        if role == LEVEL_ROLE:
            return section.level
        return None

    def set_dark(self, dark: bool) -> None:
        """Colour the repaired headings as the dark or the light theme colours them in the text."""
        colour = QColor(document_colors(dark).repaired)
        if colour == self._repaired:
            return
        self._repaired = colour
        for number, section in enumerate(self._flat):
            if section.repaired:
                index = self.createIndex(self._row[number], 0, number)
                self.dataChanged.emit(index, index, [FOREGROUND_ROLE])

    # Lookups for the window

    def section(self, index: AnyIndex) -> Section | None:
        return self._flat[index.internalId()] if index.isValid() else None

    def index_of(self, section: Section) -> QModelIndex:
        number = self._position.get(id(section))
        if number is None:
            return QModelIndex()
        return self.createIndex(self._row[number], 0, number)

    def path(self, section: Section) -> list[Section]:
        """The section and its ancestors, outermost first."""
        number = self._position[id(section)]
        chain = []
        while number != NO_PARENT:
            chain.append(self._flat[number])
            number = self._parent[number]
        return chain[::-1]

    def section_at(self, offset: int) -> Section | None:
        """The innermost section whose heading starts at or before `offset`, or None before the first."""
        place = bisect_right(self._starts, offset)
        return self._flat[self._by_start[place - 1]] if place else None

    def section_count(self) -> int:
        return len(self._flat)


class OutlineFilter(QSortFilterProxyModel):
    """Keeps the headings whose marker and title contain the typed text, and their ancestors."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        case_insensitive_filter(self)
        self.setFilterKeyColumn(0)

    def set_text(self, text: str) -> None:
        self.setFilterFixedString(text.strip())
