"""Dark mode: the palette, the chart and the table follow the theme, and light comes back."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QApplication

from gui.common.theme import MODES, ThemeSwitch, apply_theme, is_dark, plot_colors
from tests.conftest import open_and_wait, shown_panel

Role = QPalette.ColorRole


@pytest.fixture
def restore_light(qapp):
    yield
    apply_theme(qapp, "light")


@pytest.fixture
def panel(qtbot, sanming):
    return shown_panel(qtbot, sanming.tables, 520)


def lightness(colour) -> int:
    return colour.lightness()


def pixel_lightness(image: QImage, x: int, y: int) -> int:
    return image.pixelColor(x, y).lightness()


def test_dark_gives_light_text_on_dark_windows_and_light_restores(qapp, restore_light):
    """In dark mode windows, fields and buttons are dark and their text light; light mode turns it back."""
    assert apply_theme(qapp, "dark") is True
    palette = QApplication.palette()
    for background, text in ((Role.Window, Role.WindowText), (Role.Base, Role.Text), (Role.Button, Role.ButtonText)):
        assert lightness(palette.color(background)) < 70
        assert lightness(palette.color(text)) > 200
    assert QApplication.style().name().lower() == "fusion"
    assert apply_theme(qapp, "light") is False
    palette = QApplication.palette()
    assert lightness(palette.color(Role.Window)) > 200
    assert lightness(palette.color(Role.Text)) < 60


def test_dark_text_keeps_contrast_with_its_selection_and_disabled_text_is_dimmer(qapp, restore_light):
    """Selected rows stay readable in dark mode, and greyed-out items look greyed out."""
    apply_theme(qapp, "dark")
    palette = QApplication.palette()
    highlight = palette.color(Role.Highlight)
    assert abs(lightness(palette.color(Role.HighlightedText)) - lightness(highlight)) > 100
    disabled = palette.color(QPalette.ColorGroup.Disabled, Role.Text)
    assert lightness(disabled) < lightness(palette.color(Role.Text)) - 60


def test_system_mode_follows_the_desktops_light_palette(qapp, restore_light):
    """Offscreen the desktop's palette is light, and following the system then means light."""
    assert QGuiApplication.styleHints().colorScheme().name in ("Unknown", "Light")
    assert ThemeSwitch(qapp, "system").dark() is False
    assert lightness(QApplication.palette().color(Role.Window)) > 200
    assert is_dark("system", False) is False and is_dark("system", True) is True
    assert is_dark("light", True) is False and is_dark("dark", False) is True


def test_system_mode_follows_a_desktop_that_gives_a_dark_palette(qapp, restore_light):
    """A dark desktop theme hands Qt a dark palette before the window starts: the reader starts dark."""
    qapp.setPalette(QPalette(QColor("#353535")))  # as a dark desktop theme would
    assert ThemeSwitch(qapp, "system").dark() is True
    assert lightness(QApplication.palette().color(Role.Window)) < 70
    assert ThemeSwitch(qapp, "light").dark() is False


def test_system_mode_follows_the_desktop_switching_its_scheme(qtbot, qapp, restore_light):
    """The desktop turning dark and light again turns the reader with it, unless light or dark was chosen."""
    from PySide6.QtCore import Qt

    following, fixed = ThemeSwitch(qapp, "system"), ThemeSwitch(qapp, "light")
    seen, seen_fixed = [], []
    following.dark_changed.connect(seen.append)
    fixed.dark_changed.connect(seen_fixed.append)
    hints = QGuiApplication.styleHints()
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert seen == [True] and following.dark() is True
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert seen == [True, False] and following.dark() is False
    assert seen_fixed == []


def test_unknown_mode_is_refused(qapp):
    """A mistyped mode is an error, not a silent light theme."""
    with pytest.raises(ValueError, match="dusk"):
        apply_theme(qapp, "dusk")
    assert set(MODES) == {"system", "light", "dark"}


def test_switch_says_when_colours_change(qtbot, qapp, restore_light):
    """The switch announces dark and light once each, and stays quiet when the colours stay the same."""
    switch = ThemeSwitch(qapp, "light")
    seen = []
    switch.dark_changed.connect(seen.append)
    switch.set_mode("dark")
    switch.set_mode("dark")
    switch.set_mode("system")
    assert seen == [True, False]
    assert switch.mode() == "system" and switch.dark() is False


def test_chart_background_axes_and_bars_follow_dark_mode(qapp, panel, restore_light):
    """The chart turns dark with light names and lighter bars, and turns back to white."""
    chart = panel.chart()
    apply_theme(qapp, "dark")
    chart.set_dark(True)
    image = chart.image().scaled(chart.image().size() / 2)
    assert pixel_lightness(image, image.width() - 3, image.height() // 2) < 60
    assert chart.name_axis().textPen().color().lightness() > 200
    assert [bars.opts["brush"] for bars in chart.bar_items()] == list(plot_colors(True).bars[:2])
    # The legend's names are drawn in the light text colour, not left dark on dark.
    for _sample, label in chart.legend().items:
        assert plot_colors(True).text in label.item.toHtml()
    chart.set_dark(False)
    image = chart.image()
    assert pixel_lightness(image, image.width() - 3, image.height() // 2) > 240
    assert chart.name_axis().textPen().color().lightness() < 60


def test_table_draws_on_the_dark_palette(qtbot, qapp, panel, restore_light):
    """The indicator table's cells are painted dark with light figures once dark mode is on."""
    apply_theme(qapp, "dark")
    view = panel.table_view()
    qtbot.wait(10)
    image = view.viewport().grab().toImage()
    assert pixel_lightness(image, image.width() - 4, image.height() - 4) < 70
    apply_theme(qapp, "light")
    qtbot.wait(10)
    image = view.viewport().grab().toImage()
    assert pixel_lightness(image, image.width() - 4, image.height() - 4) > 200


def test_menu_switches_the_theme_and_shows_the_choice(qtbot, qapp, restore_light):
    """Choosing 深色 in the 外观 menu turns the windows dark and checks it; the choice is announced for settings."""
    from PySide6.QtWidgets import QWidget

    owner = QWidget()
    qtbot.addWidget(owner)
    switch = ThemeSwitch(qapp, "system")
    menu = switch.make_menu(owner)
    modes = []
    switch.mode_changed.connect(modes.append)
    actions = {action.data(): action for action in menu.actions()}
    assert [action.text() for action in menu.actions()] == ["跟随系统(&S)", "浅色(&L)", "深色(&D)"]
    assert actions["system"].isChecked()
    actions["dark"].trigger()
    assert lightness(QApplication.palette().color(Role.Window)) < 70
    assert actions["dark"].isChecked() and not actions["system"].isChecked()
    switch.set_mode("light")
    assert actions["light"].isChecked()
    assert modes == ["dark", "light"]


def _outline_repair_colour(view) -> str:
    from PySide6.QtCore import Qt

    repaired = next(section for section in view.report.walk() if section.repaired)
    return view.outline.model.index_of(repaired).data(Qt.ItemDataRole.ForegroundRole).name()


def _char_format_at(view, position: int):
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(view.text.document())
    cursor.setPosition(position + 1)
    return cursor.charFormat()


def test_the_report_text_its_table_and_highlights_follow_dark_mode(qtbot, shown_window, restore_light):
    """Switching to dark lays the text out again: the appendix header, the dimmed page furniture and the
    find highlights take the dark colours, the outline's repaired heading and the chart turn dark, and the
    reader stays where they were."""
    from gui.common.theme import document_colors
    from tests.conftest import SANMING

    window = shown_window
    open_and_wait(qtbot, window, [SANMING])
    view = window.view
    qtbot.waitUntil(lambda: view.indicator_panel is not None)
    view.text.scroll_to_line(202)
    line = view.text.top_line()
    window.theme.set_mode("dark")
    dark, light = document_colors(dark=True), document_colors(dark=False)
    header = view.text.text_map().tables[0].cells[0][0][0]
    assert _char_format_at(view, header).background().color().name() == dark.table_header
    leftover = view.report.leftovers[0]
    dimmed = view.text.text_map().position_of_offset(leftover.start)
    assert _char_format_at(view, dimmed).foreground().color().name() == dark.dim
    assert view.text.top_line() == line
    assert _outline_repair_colour(view) == dark.repaired
    assert view.indicator_panel.chart().dark() is True
    view.find_text("政府信息")
    backgrounds = {s.format.background().color().name() for s in view.text.extraSelections()}
    assert {dark.hit, dark.current_hit} <= backgrounds and light.hit not in backgrounds
    window.theme.set_mode("light")
    header = view.text.text_map().tables[0].cells[0][0][0]
    assert _char_format_at(view, header).background().color().name() == light.table_header
    assert _outline_repair_colour(view) == light.repaired
    assert view.indicator_panel.chart().dark() is False


def test_a_report_opened_in_dark_mode_is_dark_from_the_start(qtbot, shown_window, restore_light):
    """A tab opened after the switch shows its text, outline and chart in the dark colours straight away."""
    from gui.common.theme import document_colors
    from tests.conftest import SANMING

    window = shown_window
    window.theme.set_mode("dark")
    open_and_wait(qtbot, window, [SANMING])
    view = window.view
    qtbot.waitUntil(lambda: view.indicator_panel is not None)
    header = view.text.text_map().tables[0].cells[0][0][0]
    assert _char_format_at(view, header).background().color().name() == document_colors(True).table_header
    assert _outline_repair_colour(view) == document_colors(True).repaired
    assert view.indicator_panel.chart().dark() is True
    window.theme.set_mode("light")
