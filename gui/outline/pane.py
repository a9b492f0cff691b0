"""The left pane: a filter box over the report's section tree, with expand and collapse buttons.

Signals:
    section_chosen(object): the reader chose a section (click, Enter, or moving the current item).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from gui.common.turns import later
from gui.outline.model import OutlineFilter, OutlineModel, SectionIndex
from models import Section

# Expanding a tree of tens of thousands of headings takes seconds; a huge outline opens collapsed.
EXPAND_LIMIT = 5000


class OutlinePane(QWidget):
    """The tree of headings; the window tells it which section to show and hears which one is chosen."""

    section_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = OutlineModel([], self)
        self.proxy = OutlineFilter(self)
        self.proxy.setSourceModel(self.model)
        self._showing = False  # set while the window moves the current item, so it is not "chosen"
        self._dark = False

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("筛选标题")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("筛选目录")
        self.tree = QTreeView(self)
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAccessibleName("目录")

        # Plain buttons, no actions: one pane per open report, and the window's commands own the keys.
        expand = QToolButton(self, text="展开", toolTip="全部展开（Ctrl+Shift+E）")
        collapse = QToolButton(self, text="折叠", toolTip="全部折叠（Ctrl+Shift+C）")
        expand.clicked.connect(self.expand_all)
        collapse.clicked.connect(self.collapse_all)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.filter_edit, 1)
        buttons.addWidget(expand)
        buttons.addWidget(collapse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(buttons)
        layout.addWidget(self.tree, 1)

        self.filter_edit.textChanged.connect(self._on_filter_text_changed)
        self.tree.clicked.connect(self._on_tree_clicked)
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        self.tree.activated.connect(self._on_tree_clicked)

    def set_dark(self, dark: bool) -> None:
        """Colour the repaired headings as the dark or the light theme does."""
        self._dark = dark
        self.model.set_dark(dark)

    def set_sections(self, sections: list[Section], section_index: SectionIndex | None = None) -> None:
        """Show `sections`; `section_index`, if given, is their index already built elsewhere."""
        old = self.model
        self.model = OutlineModel(sections, self, section_index, dark=self._dark)
        self.proxy.setSourceModel(self.model)
        # The filter maps every top-level row when first shown (a quarter second on 50 MB): a huge outline
        # is shown straight from its model until the reader types a filter.
        self._use_filter(self.model.section_count() <= EXPAND_LIMIT or bool(self.filter_edit.text().strip()))
        old.deleteLater()  # a child of the pane: kept, it would keep the previous report's sections too
        if self.model.section_count() <= EXPAND_LIMIT:
            self.expand_to_level(2)  # a new model shows collapsed; collapsing a huge one again costs time
        elif not self.isVisible():
            # Laid out while the pane is hidden (thousands of top-level headings take a while), on a turn of its own:
            # not in the one that makes its tab, nor in the one that first shows it with the rest of the tab.
            later(self, self._lay_out_while_hidden)

    def _lay_out_while_hidden(self) -> None:
        if not self.isVisible():  # once shown, Qt has laid it out
            self.tree.doItemsLayout()

    def _use_filter(self, on: bool) -> None:
        wanted = self.proxy if on else self.model
        if self.tree.model() is not wanted:
            # The view makes a selection model for each model it is given and leaves the old one to us.
            old_selection = self.tree.selectionModel()
            self.tree.setModel(wanted)
            old_selection.deleteLater()
            self.tree.selectionModel().currentChanged.connect(self._on_current_changed)

    def _to_view(self, index: QModelIndex) -> QModelIndex:
        return self.proxy.mapFromSource(index) if self.tree.model() is self.proxy else index

    def _from_view(self, index: QModelIndex) -> QModelIndex:
        return self.proxy.mapToSource(index) if self.tree.model() is self.proxy else index

    def expand_all(self) -> None:
        self.tree.expandAll()

    def collapse_all(self) -> None:
        self.tree.collapseAll()

    def expand_to_level(self, level: int) -> None:
        """Show headings down to `level` (1 = the top headings only)."""
        self.tree.collapseAll()
        if level > 1:
            self.tree.expandToDepth(level - 2)

    def show_section(self, section: Section | None) -> None:
        """Make `section` current and visible (ancestors expanded) without taking the keyboard focus."""
        index = self._to_view(self.model.index_of(section)) if section else QModelIndex()
        self._showing = True
        try:
            selection = self.tree.selectionModel()
            if not index.isValid():
                selection.clearSelection()
                return
            parent = index.parent()
            while parent.isValid():
                self.tree.expand(parent)
                parent = parent.parent()
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.tree.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        finally:
            self._showing = False

    def current_section(self) -> Section | None:
        return self.model.section(self._from_view(self.tree.currentIndex()))

    def _on_filter_text_changed(self, text: str) -> None:
        if text.strip() and self.tree.model() is not self.proxy:
            self._use_filter(True)
        self.proxy.set_text(text)
        if text.strip():
            self.tree.expandAll()
        else:
            self.expand_to_level(2)

    def focus_filter(self) -> None:
        """Put the keyboard focus in the filter box, its text selected to be typed over."""
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def focus_tree(self) -> None:
        self.tree.setFocus()

    def _on_tree_clicked(self, index: QModelIndex) -> None:
        section = self.model.section(self._from_view(index))
        if section is not None:
            self.section_chosen.emit(section)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._showing and current.isValid() and self.tree.hasFocus():
            self._on_tree_clicked(current)
