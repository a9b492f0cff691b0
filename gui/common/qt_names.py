"""Qt's enum values for the modules that build the first frame, named without waking the `Qt` namespace.

PySide6 turns every enum of a Qt class into a Python enum class the first time Python touches the
class or one of its values. The `Qt` namespace holds 95 enums: touching it costs 25-40 ms, a tenth of
the reader's start. So the code that runs before the window is first painted never names `Qt`
(`tests/test_startup.py` checks it):
- item-data roles and alignments are the ints below (`tests/test_startup.py` checks they are Qt's);
- an enum property is set by its key's name, which Qt converts itself (`set_by_name`);
- colours go to formats and items as ready-made brushes (`solid_brush`): Qt turns a QColor given
  where a QBrush is wanted into one through `Qt.BrushStyle`, and so does `QBrush(colour)`;
- a Qt call whose arguments match none of its overloads wakes it too, to name them in the error.
Code that runs only on the reader's action (a shortcut, a menu, a signal carrying a Qt enum) may use
`Qt` as everywhere else, imported where it is used.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache

from PySide6.QtCore import QObject
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


def set_by_name(target: QObject, name: str, key: str) -> None:
    """Set `target`'s enum property `name` to the value Qt's `key` names ("AlignCenter", "ElideRight")."""
    if not target.setProperty(name, key):
        raise ValueError(f"{type(target).__name__}.{name} takes no {key!r}")


@cache
def solid_brush(colour: str) -> QBrush:
    """A solid brush of `colour` ("#rrggbb"), made by Qt rather than by `QBrush(...)` in Python; made once
    per colour (a 50 MB report colours thousands of headings)."""
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Text, QColor(colour))
    return palette.brush(QPalette.ColorRole.Text)


def add_action(window: QWidget, text: str, keys: Sequence[str | QKeySequence.StandardKey], slot: Callable) -> QAction:
    """An action of `window` (its keys work wherever the focus is in it) triggering `slot`.

    `keys` are the platform's standard keys and key names ("F5"); the standard keys go through
    `QKeySequence.keyBindings`, since `QKeySequence(standard_key)` wakes `Qt`. Standard keys differ by
    platform: the named ones make sure the usual keys work everywhere.
    """
    action = QAction(window, text=text)  # (text, parent) would look QIcon up: 3 ms of the first frame
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
