"""The window's start, in one place: what the first frame may use of Qt, and the one step after it.

Everything here exists for the speed of the start (`tests/bench_startup.py` measures it); the rest of the
program writes Qt as everywhere else.

After the first frame. The window calls `first_frame_painted()` when it first paints; whatever the first
frame need not wait for (the window's commands and icon, the cycle collector's return) subscribes with
`after_first_frame(callback)` and runs on the next turn of the event loop after that paint.

No `Qt` namespace before the first frame. PySide6 turns every enum of a Qt class into a Python enum class
the first time Python touches the class or one of its values; the `Qt` namespace holds 95 enums, a
sizeable share of the start. So the modules that build the first frame (the window, the report's view,
its text and tree) never name `Qt`, and take what they need of it from here (`tests/test_startup.py`
checks both that they do not and that the values below are Qt's):
- item-data roles and alignments as ints;
- the few enum properties they set, by their key's name, which Qt converts itself;
- colours as ready-made brushes: Qt turns a QColor given where a QBrush is wanted into one through
  `Qt.BrushStyle`, and so does `QBrush(colour)`;
- actions whose standard keys go through `QKeySequence.keyBindings`.
Code that runs after the first frame uses Qt's typed enums.

PySide6's import hook. After PySide6 loads, every import asks whether the new module's source mentions
"PySide6" (PySide6 reads it with inspect.getsource), to let a module that selects `from __feature__ import
snake_case` keep Qt's own names elsewhere. Over the modules pandas and pyqtgraph bring that reading is a
large part of the start; `spare_feature_scan` gives every module the mark unread. It replaces a private
function, so it does so only on the PySide6 versions it was checked on (pyproject.toml pins them).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from functools import cache

import PySide6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence, QPalette
from PySide6.QtWidgets import QWidget

# Qt.ItemDataRole
DISPLAY_ROLE = 0
TOOLTIP_ROLE = 3
FONT_ROLE = 6
FOREGROUND_ROLE = 9
USER_ROLE = 256
# Qt.AlignmentFlag, as QTextFormat.Property.BlockAlignment takes it
ALIGN_RIGHT = 0x2
ALIGN_HCENTER = 0x4
# The PySide6 releases whose import hook `spare_feature_scan` was checked on (tests/test_startup.py).
FEATURE_SCAN_VERSIONS = ((6, 6), (6, 11))

_after: list[Callable[[], object]] | None = []  # None once the first frame is painted


def after_first_frame(callback: Callable[[], object]) -> None:
    """Run `callback` on the turn of the event loop after the window's first paint (the next turn, if past)."""
    if _after is None:
        QTimer.singleShot(0, callback)
    else:
        _after.append(callback)


def first_frame_painted() -> None:
    """The window has painted its first frame: what waits for it runs on the next turn (once only)."""
    global _after
    if _after is not None:
        waiting, _after = _after, None
        QTimer.singleShot(0, lambda: _run(waiting))


def _run(callbacks: list[Callable[[], object]]) -> None:
    for callback in callbacks:
        callback()


def spare_feature_scan(version: tuple[int, ...] = PySide6.__version_info__[:2]) -> bool:
    """Mark every module imported from now on as one that sees Qt's names, without reading its source.

    For a module that never touches Qt this changes nothing, and a module that selects a feature still gets
    it (its own `from __feature__ import` marks it). Done only on the PySide6 releases in
    FEATURE_SCAN_VERSIONS that have the hook; returns whether it was done.
    """
    low, high = FEATURE_SCAN_VERSIONS
    feature = sys.modules.get("shibokensupport.feature")
    if not low <= tuple(version[:2]) <= high or feature is None or not hasattr(feature, "_mod_uses_pyside"):
        return False
    feature._mod_uses_pyside = _sees_qt_names
    return True


def _sees_qt_names(module: object) -> bool:
    return True


def elide_right(tabs: QWidget) -> None:
    """Tab titles too long for their tab end in "…" (Qt.TextElideMode.ElideRight)."""
    _set_by_name(tabs, "elideMode", "ElideRight")


def centre(label: QWidget) -> None:
    """A label's text in its middle (Qt.AlignmentFlag.AlignCenter)."""
    _set_by_name(label, "alignment", "AlignCenter")


def vertical_scroll_bar_always_on(view: QWidget) -> None:
    """Qt.ScrollBarPolicy.ScrollBarAlwaysOn for the vertical scroll bar: the text's width never jumps."""
    _set_by_name(view, "verticalScrollBarPolicy", "ScrollBarAlwaysOn")


def case_insensitive_filter(proxy: QObject) -> None:
    """A sort-filter proxy that matches regardless of case (Qt.CaseSensitivity.CaseInsensitive)."""
    _set_by_name(proxy, "filterCaseSensitivity", "CaseInsensitive")


def _set_by_name(target: QObject, name: str, key: str) -> None:
    if not target.setProperty(name, key):
        raise ValueError(f"{type(target).__name__}.{name} takes no {key!r}")


@cache
def solid_brush(colour: str) -> QBrush:
    """A solid brush of `colour` ("#rrggbb"), made by Qt rather than by `QBrush(...)` in Python; made once
    per colour (a huge report colours thousands of headings)."""
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Text, QColor(colour))
    return palette.brush(QPalette.ColorRole.Text)


def add_action(window: QWidget, text: str, keys: Sequence[str | QKeySequence.StandardKey], slot: Callable) -> QAction:
    """An action of `window` (its keys work wherever the focus is in it) triggering `slot`.

    `keys` are the platform's standard keys and key names ("F5"); the standard keys go through
    `QKeySequence.keyBindings`, since `QKeySequence(standard_key)` wakes `Qt`. Standard keys differ by
    platform: the named ones make sure the usual keys work everywhere.
    """
    action = QAction(window, text=text)  # (text, parent) would look QIcon up
    sequences: list[QKeySequence] = []
    for key in keys:
        bindings = QKeySequence.keyBindings(key) if isinstance(key, QKeySequence.StandardKey) else [QKeySequence(key)]
        for sequence in bindings:
            if not sequence.isEmpty() and sequence not in sequences:
                sequences.append(sequence)
    action.setShortcuts(sequences)
    action.triggered.connect(slot)
    window.addAction(action)
    return action
