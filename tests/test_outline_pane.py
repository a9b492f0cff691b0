"""The outline pane lets go of the reports it no longer shows: reopening report after report keeps
one outline model, not one per report (each holding its report's whole section tree)."""

from __future__ import annotations

import gc
import weakref

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel

import gui.outline.pane
from gui.outline.model import OutlineModel
from gui.outline.pane import OutlinePane
from models import Section


def outline(count: int) -> list[Section]:
    return [
        Section(level=1, ordinal=n + 1, marker=f"{n + 1}.", title=f"第{n + 1}节", line=n + 1, start=n * 10,
                title_end=n * 10 + 5)
        for n in range(count)
    ]  # fmt: skip


def deleted_later() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    gc.collect()


def kept(parent, kind) -> int:
    return sum(1 for child in parent.children() if isinstance(child, kind))


@pytest.fixture
def pane(qtbot):
    widget = OutlinePane()
    qtbot.addWidget(widget)
    return widget


def test_an_outline_replaced_by_another_is_let_go(pane):
    """After five reports, one outline model remains and the first report's sections are freed."""
    first = outline(3)
    pane.set_sections(first)
    first_heading = weakref.ref(first[0])
    del first
    for _ in range(4):
        pane.set_sections(outline(3))
    deleted_later()
    assert kept(pane, OutlineModel) == 1
    assert first_heading() is None
    assert pane.model.rowCount() == 3


def test_switching_between_huge_and_small_outlines_keeps_one_selection_model(pane, monkeypatch):
    """A huge outline is shown without the filter; going back and forth leaves no selection models behind."""
    monkeypatch.setattr(gui.outline.pane, "EXPAND_LIMIT", 5)
    for _ in range(4):
        pane.set_sections(outline(10))  # huge: the tree shows the model itself
        pane.set_sections(outline(10))  # a new model again, straight in the tree
        pane.set_sections(outline(2))  # small: the tree shows the filter
    deleted_later()
    assert kept(pane.tree, QItemSelectionModel) == 1
    assert pane.tree.selectionModel().model() is pane.tree.model()


def test_the_panes_buttons_expand_and_collapse_the_whole_tree(qtbot, pane):
    """展开 opens every heading of a three-level tree, 折叠 closes them all."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QToolButton

    top = outline(1)[0]
    top.children = outline(2)
    for section in top.children:
        section.children = outline(1)
    pane.set_sections([top])
    buttons = {button.text(): button for button in pane.findChildren(QToolButton)}
    tree = pane.tree
    first = tree.model().index(0, 0)
    middle = tree.model().index(0, 0, first)
    qtbot.mouseClick(buttons["折叠"], Qt.MouseButton.LeftButton)
    assert not tree.isExpanded(first)
    qtbot.mouseClick(buttons["展开"], Qt.MouseButton.LeftButton)
    assert tree.isExpanded(first) and tree.isExpanded(middle)
