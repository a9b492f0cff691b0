"""Light and dark colours for the whole reader, following the system or not.

`LIGHT` and `DARK` are the one table of the colours that change with the theme, both in the same shape
(`Colours`: the application's palette, the report text's colours, the chart's); the 指标 tables' `MARKS`
stay the same in both, and `PAPER` is what printed pages are drawn with.

`apply_theme(app, mode, system_dark)` sets the palette once; `ThemeSwitch` keeps following the system's
colour scheme while the mode is "system" and says when the result changes, so the window can pass it to
the parts that draw their own colours (the chart through `BarChart.set_dark`, the report's text and its
outline through `document_colors`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QActionGroup, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QMenu, QWidget

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

MODES = ("system", "light", "dark")
MODE_NAMES = {"system": "跟随系统(&S)", "light": "浅色(&L)", "dark": "深色(&D)"}
MENU_TITLE = "外观(&T)"

Role = QPalette.ColorRole
Group = QPalette.ColorGroup


class PlotColors(NamedTuple):
    """What the bar chart draws with: its background, axes, text, bars per series, selection."""

    background: str
    axis: str
    text: str
    bars: tuple[str, ...]
    selected: str
    band: tuple[int, int, int, int]


class DocumentColors(NamedTuple):
    """Colours the report's text is laid out with that the palette does not give: table headers, highlights."""

    table_header: str
    table_border: str
    dim: str
    mark: str
    hit: str
    current_hit: str
    highlight_text: str  # text on the mark and hit colours, which stay light in both themes
    notes_background: str
    notes_text: str
    chosen: str  # the numbers of the finding chosen in the 核对 list
    repaired: str  # a heading whose numbering was repaired, in the text and in the outline
    underline: tuple[tuple[str, str], ...]  # (severity, colour) of the wavy line under a finding's numbers

    def underline_color(self, severity: str) -> str:
        return dict(self.underline).get(severity, dict(self.underline)["info"])


class MarkColors(NamedTuple):
    """The 指标 tables' marks, light in both themes: figures the parser inferred, and figures it could not split."""

    inferred: str
    ambiguous: str
    text: str  # on either mark, dark in both themes


class Colours(NamedTuple):
    """The colours of one theme."""

    palette: dict[QPalette.ColorRole, str]  # laid over the default palette; the light theme keeps the desktop's
    disabled: dict[QPalette.ColorRole, str]  # the same, for disabled widgets
    document: DocumentColors
    plot: PlotColors


class PaperColors(NamedTuple):
    """What a printed page is drawn with, whatever the window's theme: dark text on white."""

    text: str
    background: str
    link: str
    footer: str  # the page numbers


LIGHT = Colours(
    palette={},
    disabled={},
    document=DocumentColors(
        table_header="#eef1f5",
        table_border="#9aa3ad",
        dim="#8c8c8c",
        mark="#fff0a8",
        hit="#ffe066",
        current_hit="#ff9f43",
        highlight_text="#000000",
        notes_background="#fff6d5",
        notes_text="#5c4400",
        chosen="#9fd0ff",
        repaired="#a0522d",
        underline=(("error", "#d93025"), ("warning", "#e37400"), ("info", "#4a7dbd")),
    ),
    plot=PlotColors(
        background="#ffffff",
        axis="#404040",
        text="#202020",
        bars=("#4c78a8", "#f58518", "#54a24b", "#b279a2"),
        selected="#202020",
        band=(255, 224, 102, 110),
    ),
)

# Grey surfaces rather than black, text a little off white, and a link and selection blue light
# enough to read on them: the usual choices of dark desktop themes (Breeze Dark, Adwaita dark).
# The chart keeps its hues, lighter, so bars stand out from a dark background as they do from white.
DARK = Colours(
    palette={
        Role.Window: "#2b2d30",
        Role.WindowText: "#e6e6e6",
        Role.Base: "#1e1f22",
        Role.AlternateBase: "#26282b",
        Role.ToolTipBase: "#3c3f41",
        Role.ToolTipText: "#f0f0f0",
        Role.PlaceholderText: "#8c8f94",
        Role.Text: "#e6e6e6",
        Role.Button: "#35373b",
        Role.ButtonText: "#e6e6e6",
        Role.BrightText: "#ff6b6b",
        Role.Light: "#4a4d52",
        Role.Midlight: "#3d4044",
        Role.Mid: "#2f3134",
        Role.Dark: "#1a1b1d",
        Role.Shadow: "#0d0d0e",
        Role.Highlight: "#3d6fb4",
        Role.HighlightedText: "#ffffff",
        Role.Link: "#7fb2f0",
        Role.LinkVisited: "#b99cf0",
    },
    disabled={
        Role.WindowText: "#7c7f84",
        Role.Text: "#7c7f84",
        Role.ButtonText: "#7c7f84",
        Role.Highlight: "#3a3c40",
        Role.HighlightedText: "#9a9da2",
    },
    document=DocumentColors(
        table_header="#33373d",
        table_border="#5a6068",
        dim="#8a8d92",
        mark="#e8d36a",
        hit="#e0c040",
        current_hit="#ff9f43",
        highlight_text="#000000",
        notes_background="#4a3f1c",
        notes_text="#f3e3b0",
        chosen="#7fb6e8",
        repaired="#e0a060",
        underline=(("error", "#ff6b5e"), ("warning", "#ffa94d"), ("info", "#7fb2f0")),
    ),
    plot=PlotColors(
        background="#1e1f22",
        axis="#9a9da2",
        text="#e6e6e6",
        bars=("#6f9fd8", "#ffa54f", "#74c46a", "#cf9bd0"),
        selected="#f5f5f5",
        band=(120, 160, 220, 60),
    ),
)

MARKS = MarkColors(inferred="#fff4c2", ambiguous="#ffd9d9", text="#000000")
PAPER = PaperColors(text="#000000", background="#ffffff", link="#1a4fa0", footer="#808080")


def colours(dark: bool) -> Colours:
    """All of the dark or the light theme's own colours."""
    return DARK if dark else LIGHT


def plot_colors(dark: bool) -> PlotColors:
    """The chart's colours for a dark or a light theme."""
    return colours(dark).plot


def document_colors(dark: bool) -> DocumentColors:
    """The report text's own colours (table headers, find highlights, notes) for a dark or a light theme."""
    return colours(dark).document


def palette_is_dark(palette: QPalette) -> bool:
    """Whether `palette` draws light text on dark windows."""
    return palette.color(Role.Window).lightness() < palette.color(Role.WindowText).lightness()


def is_dark(mode: str, system_dark: bool) -> bool:
    """Whether `mode` ("system", "light" or "dark") means dark colours, when the system's are dark or not."""
    if mode not in MODES:
        raise ValueError(f"unknown theme {mode!r}; one of {', '.join(MODES)}")
    return system_dark if mode == "system" else mode == "dark"


def theme_palette(dark: bool) -> QPalette:
    """The application's palette in the dark or the light theme: the default one with the theme's colours over it."""
    chosen = colours(dark)
    palette = QPalette()
    for role, colour in chosen.palette.items():
        palette.setColor(role, QColor(colour))
    for role, colour in chosen.disabled.items():
        palette.setColor(Group.Disabled, role, QColor(colour))
    return palette


def apply_theme(app: QApplication, mode: str, system_dark: bool = False) -> bool:
    """Give the application the light or dark colours `mode` asks for; returns whether dark.

    Dark takes the Fusion style, which draws with the palette it is given (a desktop's own style may
    not). Light leaves the style alone and gives back the desktop's own palette; it does not ask which
    style is in use, since wrapping a QStyle in Python is paid in the first frame.
    """
    dark = is_dark(mode, system_dark)
    if dark:
        app.setStyle("Fusion")
    app.setPalette(theme_palette(dark))
    return dark


class ThemeSwitch(QObject):
    """The theme mode chosen by the reader, applied now and again when the system's scheme changes.

    Signals:
        dark_changed(bool): the colours switched between light and dark.
        mode_changed(str): the reader chose another mode (for the settings to remember).
    """

    dark_changed = Signal(bool)
    mode_changed = Signal(str)

    def __init__(self, app: QApplication, mode: str = "system", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._mode = mode
        # The system's colours, from the palette the desktop gave the application before this sets its
        # own; `styleHints().colorScheme()` would say it too, but its answer, a `Qt.ColorScheme`, makes
        # PySide6 build the whole `Qt` namespace before the first frame (see `gui/common/first_frame.py`).
        # Desktop themes that turn dark (GTK, KDE, Windows, macOS) give Qt a dark palette.
        self._system_dark = palette_is_dark(app.palette())
        self._dark = apply_theme(app, mode, self._system_dark)
        self._group: QActionGroup | None = None
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_style_hints_color_scheme_changed)

    def mode(self) -> str:
        return self._mode

    def dark(self) -> bool:
        return self._dark

    def set_mode(self, mode: str) -> None:
        """Switch to "system", "light" or "dark"; emits dark_changed when the colours change."""
        is_dark(mode, self._system_dark)  # refuses an unknown mode before anything changes
        changed = mode != self._mode
        self._mode = mode
        self._apply()
        if self._group is not None:
            for action in self._group.actions():
                action.setChecked(action.data() == mode)
        if changed:
            self.mode_changed.emit(mode)

    def make_menu(self, parent: QWidget) -> QMenu:
        """A 外观 menu of the three modes, the current one checked, for the window's 视图 menu."""
        menu = QMenu(MENU_TITLE, parent)
        self._group = QActionGroup(menu)
        self._group.setExclusive(True)
        for mode in MODES:
            action = menu.addAction(MODE_NAMES[mode])
            action.setCheckable(True)
            action.setChecked(mode == self._mode)
            action.setData(mode)
            self._group.addAction(action)
        self._group.triggered.connect(self._on_group_triggered)
        return menu

    def _on_group_triggered(self, action) -> None:
        self.set_mode(action.data())

    def _apply(self) -> None:
        dark = apply_theme(self._app, self._mode, self._system_dark)
        if dark != self._dark:
            self._dark = dark
            self.dark_changed.emit(dark)

    def _on_style_hints_color_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        self._system_dark = scheme.name == "Dark"
        if self._mode == "system":
            self._apply()
