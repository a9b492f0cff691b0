"""The report's outline as a Qt item model: a thin adapter over the `Section` tree, and its filter.

Each index carries the position of its section in a flat, depth-first list as its internal id, so
parent lookups are list reads and no Python object has to live inside a QModelIndex.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from models import Section

SECTION_ROLE = Qt.ItemDataRole.UserRole + 1
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 2
REPAIRED_COLOUR = QColor("#a0522d")
NO_PARENT = -1

AnyIndex = QModelIndex | QPersistentModelIndex
TOP = QModelIndex()  # the invisible root, as a default argument


def repaired_tooltip(section: Section) -> str:
    """What the reader is told about a heading whose numbering was repaired."""
    source = f"（原文为“{section.source_marker}”）" if section.source_marker else ""
    return f"原文编号缺损{source}，按顺序补为{section.marker}"


class OutlineModel(QAbstractItemModel):
    """One column: each section's marker and title, nested as in the report."""

    def __init__(self, sections: list[Section], parent=None) -> None:
        super().__init__(parent)
        self._roots = sections
        self._flat: list[Section] = []
        self._parent: list[int] = []
        self._row: list[int] = []
        self._children: list[list[int]] = []
        self._position: dict[int, int] = {}  # id(section) -> place in _flat
        for row, section in enumerate(sections):
            self._add(section, NO_PARENT, row)
        self._root_ids = [self._position[id(section)] for section in sections]
        self._by_start = sorted(range(len(self._flat)), key=lambda n: (self._flat[n].start, n))
        self._starts = [self._flat[n].start for n in self._by_start]

    def _add(self, section: Section, parent: int, row: int) -> None:
        number = len(self._flat)
        self._flat.append(section)
        self._parent.append(parent)
        self._row.append(row)
        self._children.append([])
        self._position[id(section)] = number
        for child_row, child in enumerate(section.children):
            self._children[number].append(len(self._flat))
            self._add(child, number, child_row)

    # Qt's item model interface

    def index(self, row: int, column: int = 0, parent: AnyIndex = TOP) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        siblings = self._children[parent.internalId()] if parent.isValid() else self._root_ids
        if row >= len(siblings):
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
        return self.rowCount(parent) > 0

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and section == 0 and role == Qt.ItemDataRole.DisplayRole:
            return "目录"
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        section = self._flat[index.internalId()]
        if role == Qt.ItemDataRole.DisplayRole:
            return section.heading
        if role == Qt.ItemDataRole.ToolTipRole:
            # The tree is narrow and long titles are cut short: the tooltip gives the whole heading.
            note = f"\n{repaired_tooltip(section)}" if section.repaired else ""
            return f"{section.heading}\n第 {section.line} 行{note}"
        if role == Qt.ItemDataRole.FontRole and section.repaired:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and section.repaired:
            return QBrush(REPAIRED_COLOUR)
        if role == SECTION_ROLE:
            return section
        if role == LEVEL_ROLE:
            return section.level
        return None

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
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(0)

    def set_text(self, text: str) -> None:
        self.setFilterFixedString(text.strip())
