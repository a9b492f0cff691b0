"""A horizontal header whose cells span columns and levels, as a printed table's merged header cells.

Each column's header is a path from the top level down (`models.tables.layout.header_paths`), given by
the model's `headerData` under `HEADER_PATH_ROLE`; neighbouring columns that begin alike share those
cells, and an empty string continues the cell above it downward. A model that gives no path gets one
level with its display text. Long names wrap within their cell rather than widen the column.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QWidget

HEADER_PATH_ROLE = Qt.ItemDataRole.UserRole + 2
WRAP_CHARACTERS = 4  # in a header of several levels, a longer leaf name wraps onto a second line
PADDING = 6


class SpanHeader(QHeaderView):
    """A horizontal QHeaderView that paints merged cells over several sections and levels."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setHighlightSections(False)
        self.setSectionsClickable(False)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)

    # Paths

    def path(self, section: int) -> tuple[str, ...]:
        """The header path of `section` (its display text alone when the model gives no path)."""
        model = self.model()
        if model is None:
            return ("",)
        path = model.headerData(section, Qt.Orientation.Horizontal, HEADER_PATH_ROLE)
        if path:
            return tuple(path)
        return (str(model.headerData(section, Qt.Orientation.Horizontal) or ""),)

    def levels(self) -> int:
        return max((len(self.path(s)) for s in range(self.count())), default=1)

    def cell_span(self, section: int, level: int) -> tuple[int, int, int, int] | None:
        """(first section, last section, top level, bottom level) of the cell at `section`, `level`.

        None where the cell above continues down into this place.
        """
        path = self.path(section)
        depth = self.levels()
        path = path + ("",) * (depth - len(path))
        if level > 0 and not path[level]:
            return None
        prefix = path[: level + 1]
        first = last = section
        while first > 0 and self._padded(first - 1)[: level + 1] == prefix:
            first -= 1
        while last < self.count() - 1 and self._padded(last + 1)[: level + 1] == prefix:
            last += 1
        bottom = level
        while bottom + 1 < depth and not path[bottom + 1]:
            bottom += 1
        return first, last, level, bottom

    def _padded(self, section: int) -> tuple[str, ...]:
        path = self.path(section)
        return path + ("",) * (self.levels() - len(path))

    # Sizes

    def _line_height(self) -> int:
        return self.fontMetrics().height() + PADDING

    def _level_height(self, level: int) -> int:
        # The bottom level holds the leaves, which may wrap onto a second line.
        return self._line_height() * (2 if level == self.levels() - 1 and self._wraps() else 1)

    def _wraps(self) -> bool:
        # Only a header of several levels (a template table's) wraps; a plain one keeps its names whole.
        return self.levels() > 1 and any(len(self.path(s)[-1]) > WRAP_CHARACTERS for s in range(self.count()))

    def _level_top(self, level: int) -> int:
        return sum(self._level_height(i) for i in range(level))

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        hint.setHeight(self._level_top(self.levels()))
        return hint

    def sectionSizeFromContents(self, logicalIndex: int) -> QSize:
        size = super().sectionSizeFromContents(logicalIndex)
        path = self.path(logicalIndex)
        leaf = next((part for part in reversed(path) if part), "")
        width = self.fontMetrics().horizontalAdvance(leaf)
        if self._wraps():
            width = min(width, self.fontMetrics().horizontalAdvance("国" * WRAP_CHARACTERS))
        size.setWidth(width + 2 * PADDING)
        size.setHeight(self._level_top(self.levels()))
        return size

    # Painting

    def paintSection(self, painter: QPainter, rect: QRect, logicalIndex: int) -> None:
        if not rect.isValid():
            return
        painter.save()
        painter.setClipRect(rect)
        for level in range(self.levels()):
            span = self.cell_span(logicalIndex, level)
            if span is None:
                continue
            first, last, top, bottom = span
            left = self.sectionViewportPosition(first)
            right = self.sectionViewportPosition(last) + self.sectionSize(last)
            y = self._level_top(top)
            cell = QRect(left, y, right - left, self._level_top(bottom + 1) - y)
            self._paint_cell(painter, cell, self._padded(logicalIndex)[top])
        painter.restore()

    def _paint_cell(self, painter: QPainter, cell: QRect, text: str) -> None:
        # A group's name sits in the middle of the part in view, so scrolling never pushes it out.
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect = cell
        option.section = 0
        option.position = QStyleOptionHeader.SectionPosition.Middle
        self.style().drawControl(QStyle.ControlElement.CE_HeaderSection, option, painter, self)
        painter.setPen(self.palette().buttonText().color())
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWrapAnywhere
        shown = cell.intersected(QRect(0, cell.top(), self.viewport().width(), cell.height()))
        room = shown.adjusted(PADDING // 2, 0, -PADDING // 2, 0)
        if cell.height() < 2 * self._line_height():
            # A cell one line high cuts a long name in the middle rather than wrap it out of sight.
            text = self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideMiddle, room.width())
        painter.drawText(room, int(flags), text)
