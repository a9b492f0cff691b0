"""The outline's item model and its filter, over the Sanming 2017 report and over hand-made sections."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor

from gui.outline.model import SECTION_ROLE, OutlineFilter, OutlineModel
from models import Section

# Read off the report itself (lines 8, 186, 198, 206, 210, 216), not from the parser's output.
SANMING_TOP = [
    "一、概述",
    "二、主动公开政府信息的情况",
    "三、政府信息依申请公开办理情况",
    "四、因政府信息公开申请行政复议、提起行政诉讼的情况",
    "五、政府信息公开工作存在的主要问题及改进措施",
    "六、需要说明的其他事项与附表",
]
# Line 100 of the report reads "()以政务公开助力惠民生": the fourth (…) under 一、.
REPAIRED_LINE = 100


def rows(model, parent=None):
    parent = parent or QModelIndex()
    return [model.index(row, 0, parent) for row in range(model.rowCount(parent))]


def all_indexes(model, parent=None):
    for index in rows(model, parent):
        yield index
        yield from all_indexes(model, index)


def display(index) -> str:
    return index.data(Qt.ItemDataRole.DisplayRole)


def tiny_outline() -> list[Section]:
    def section(level, marker, title, line, children=(), repaired=False, source=""):
        return Section(
            level=level, ordinal=None, marker=marker, title=title, line=line, start=line * 10,
            title_end=line * 10 + 5, repaired=repaired, source_marker=source, children=list(children),
        )  # fmt: skip

    return [
        section(1, "一、", "概述", 1, [
            section(2, "（一）", "稳增长", 3, [section(3, "1.", "加强预期引导", 5)]),
            section(2, "（二）", "促改革", 7, repaired=True, source="()"),
        ]),
        section(1, "二、", "主动公开情况", 9),
    ]  # fmt: skip


def test_tree_holds_the_105_numbered_sections_of_sanming(sanming):
    """Every numbered heading of the Sanming report is a row of the tree, the six top ones at the top."""
    model = OutlineModel(sanming.sections)
    assert [display(index) for index in rows(model)] == SANMING_TOP
    assert len(list(all_indexes(model))) == 105


def test_rows_show_marker_and_title_nested_as_in_the_report(sanming):
    """The first heading's children read （一）… to （六）…, each with its marker and title."""
    model = OutlineModel(sanming.sections)
    first = model.index(0, 0)
    children = [display(index) for index in rows(model, first)]
    assert children[0] == "（一）以政务公开助力稳增长"
    assert children[3] == "（四）以政务公开助力惠民生"
    assert len(children) == 6
    grandchild = model.index(0, 0, model.index(0, 0, first))
    assert display(grandchild) == "1.加强预期引导"
    assert model.parent(grandchild) == model.index(0, 0, first)


def test_a_repaired_heading_is_italic_coloured_and_says_what_the_source_had(sanming):
    """The heading the source left as "()" reads （四）, in italics, with a tooltip naming both forms."""
    model = OutlineModel(sanming.sections)
    index = model.index(3, 0, model.index(0, 0))
    section = index.data(SECTION_ROLE)
    assert section.line == REPAIRED_LINE
    assert section.repaired
    assert index.data(Qt.ItemDataRole.FontRole).italic()
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "原文编号缺损" in tooltip and "按顺序补为（四）" in tooltip and "“()”" in tooltip
    plain = model.index(0, 0, model.index(0, 0))
    assert plain.data(Qt.ItemDataRole.FontRole) is None
    assert "原文编号" not in plain.data(Qt.ItemDataRole.ToolTipRole)


def test_model_passes_qt_model_tester(qtmodeltester, sanming):
    """Qt's own checks of an item model pass on the Sanming outline."""
    qtmodeltester.check(OutlineModel(sanming.sections), force_py=True)


def test_filter_passes_qt_model_tester(qtmodeltester, sanming):
    """The filtered outline is a sound item model too."""
    proxy = OutlineFilter()
    proxy.setSourceModel(OutlineModel(sanming.sections))
    proxy.set_text("公开")
    qtmodeltester.check(proxy, force_py=True)


def test_filter_keeps_matching_headings_and_their_ancestors_only(sanming):
    """Typing 附表 leaves 六、… with its one child （二）附表; clearing the text brings all back."""
    proxy = OutlineFilter()
    proxy.setSourceModel(OutlineModel(sanming.sections))
    proxy.set_text("附表")
    top = rows(proxy)
    assert [display(index) for index in top] == ["六、需要说明的其他事项与附表"]
    assert [display(index) for index in rows(proxy, top[0])] == ["（二）附表"]
    proxy.set_text("")
    assert len(list(all_indexes(proxy))) == 105


def test_filter_on_a_deep_heading_keeps_its_whole_chain():
    """A match three levels down keeps its parent and grandparent, and nothing else."""
    proxy = OutlineFilter()
    proxy.setSourceModel(OutlineModel(tiny_outline()))
    proxy.set_text("预期")
    assert [display(index) for index in all_indexes(proxy)] == ["一、概述", "（一）稳增长", "1.加强预期引导"]


# tiny_outline's headings start at offsets 10, 30, 50, 70 and 90.
OFFSETS_AND_SECTIONS = [
    (0, None), (10, "一、概述"), (45, "（一）稳增长"), (50, "1.加强预期引导"), (89, "（二）促改革"),
    (990, "二、主动公开情况"),
]  # fmt: skip


@pytest.mark.parametrize(("offset", "expected"), OFFSETS_AND_SECTIONS)
def test_section_at_an_offset_is_the_innermost_heading_at_or_before_it(offset, expected):
    """A place in the text belongs to the last heading that starts at or before it."""
    section = OutlineModel(tiny_outline()).section_at(offset)
    assert (section.heading if section else None) == expected


def test_path_runs_from_the_top_heading_down():
    """A section's path lists its ancestors, outermost first, then itself."""
    model = OutlineModel(tiny_outline())
    deep = model.section_at(55)
    assert [s.heading for s in model.path(deep)] == ["一、概述", "（一）稳增长", "1.加强预期引导"]
    assert display(model.index_of(deep)) == "1.加强预期引导"


def foreground(model, parent_row: int, row: int):
    return model.index(row, 0, model.index(parent_row, 0)).data(Qt.ItemDataRole.ForegroundRole)


def test_a_repaired_heading_takes_the_dark_themes_colour_and_back(qtbot):
    """In dark mode the repaired heading is drawn in the dark theme's repair colour, as in the text; light
    mode brings the light one back, and views are told which heading changed."""
    from gui.common.theme import document_colors

    light, dark = QColor(document_colors(dark=False).repaired), QColor(document_colors(dark=True).repaired)
    model = OutlineModel(tiny_outline())
    assert foreground(model, 0, 1) == light
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.set_dark(True)
    assert changed.args[0] == model.index(1, 0, model.index(0, 0))
    assert Qt.ItemDataRole.ForegroundRole in changed.args[2]
    assert foreground(model, 0, 1) == dark
    assert foreground(model, 0, 0) is None  # not repaired: the palette's colour
    assert foreground(OutlineModel(tiny_outline(), dark=True), 0, 1) == dark
    model.set_dark(False)
    assert foreground(model, 0, 1) == light
