"""What the reader remembers between runs, read and written through QSettings in one place.

Keys carry a version prefix (`v1/…`) so a later layout of the settings can ignore older values. A file
that cannot be read, settings of another version and values that cannot be read as the expected type
are ignored, never a crash: the defaults are used, and `Settings.notes()` says what was ignored.

The settings file is never written through a symbolic link, nor when it is not a regular file: Qt's
QSettings saves with QSaveFile, which follows a link and replaces the file it points at (a report, say)
with the settings. So the file is looked at before each value is handed to QSettings and before each
`sync()`; once it is a link or anything else not a regular file, the settings stay in memory for the run,
with a note. (QSettings saves a value on the event loop's next turn: a file made a link within that turn
is not seen.) Nor is it read when it is not a regular file (a pipe, a device, a folder, or a link to one):
QSettings reads its file as it is made, and opening a pipe would wait for a writer for ever.
"""

from __future__ import annotations

import os
import re
import stat
from base64 import urlsafe_b64encode
from collections.abc import Callable
from fnmatch import fnmatchcase
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

VERSION = "v1"
ZOOM_RANGE = (-6, 12)
RECENT_COUNT = 6
THEMES = ("system", "light", "dark")
NAME = "nianbao-reader"  # the organisation's and the application's, as QSettings names the file


class Settings:
    """Typed access to the reader's QSettings.

    Every getter returns its default for a value it cannot use, and remembers it for `notes()`.
    """

    def __init__(self, store: QSettings | Path | None = None) -> None:
        """Settings kept by `store`, or in the INI file at a path (the user's settings file when None), which
        is read only when it is a regular file."""
        path = Path(store.fileName()) if isinstance(store, QSettings) else store or settings_path()
        self._path = str(path)
        self._ignored: dict[str, str] = {}  # kind of setting -> note, for values the getters could not use
        self._memory: dict[str, object] = {}  # full key -> value set once the file was found unsafe
        self._memory_note = ""  # why the settings stay in memory this run, once the file is found unsafe
        self._store: QSettings | None = None
        if isinstance(store, QSettings):
            self._store = store
        elif not _not_readable(self._path):
            self._store = QSettings(self._path, QSettings.Format.IniFormat)
        # What Qt half-read of a damaged file is not trusted; the file is rewritten with the next value set.
        self._trusted = self._store is not None and self._store.status() != QSettings.Status.FormatError
        unsafe = self._file_unsafe()
        self._file_note = "" if unsafe or self._store is None else _file_note(self._store)

    def notes(self) -> list[str]:
        """What was ignored in the stored settings, one plain Chinese sentence each ([] when nothing).

        The file could not be read, it holds settings of another version, or values of the wrong type
        (every stored value is looked at, not only those read so far).
        """
        for key in [*self._stored_keys(), *self._memory]:
            if key.startswith(f"{VERSION}/"):
                self._read(key.removeprefix(f"{VERSION}/"))
        notes = [note for note in (self._memory_note, self._file_note) if note]
        notes += _foreign_note(self._store) if self._store is not None and self._trusted else []
        return notes + list(self._ignored.values())

    def _stored_keys(self) -> list[str]:
        return self._store.allKeys() if self._store is not None and self._trusted else []

    def _read(self, key: str) -> object | None:
        """The value stored at `key`, converted to its type; None when absent or unusable (noted)."""
        value = self._value(f"{VERSION}/{key}")
        reader = next((r for r in _READERS if fnmatchcase(key, r[0])), None)
        if value is None or reader is None:
            return None
        pattern, name, convert = reader
        converted = convert(value)
        if converted is None:  # one note for each kind, however many reading positions are unusable
            self._ignored.setdefault(pattern, f"设置“{name}”的值（{_shown(value)}）无法使用，已改用默认值")
        return converted

    def _value(self, key: str) -> object | None:
        if key in self._memory:
            return self._memory[key]
        return self._store.value(key) if self._store is not None and self._trusted else None

    def _set(self, key: str, value: object) -> None:
        key = f"{VERSION}/{key}"
        if self._file_unsafe() or self._store is None:
            self._memory[key] = value
            return
        if not self._trusted:
            self._store.clear()
            self._trusted = True
        self._store.setValue(key, value)

    def sync(self) -> None:
        """Save what was set, unless the settings file is a link or not a regular file (then it stays in memory)."""
        if not self._file_unsafe() and self._store is not None:
            self._store.sync()

    def _file_unsafe(self) -> bool:
        """Whether the settings file is a link or not a regular file; the first time, notes it for `notes()`."""
        if not self._memory_note and _not_regular(self._path):
            self._memory_note = (
                f"设置文件是符号链接或不是普通文件（{self._path}），不会写入它：本次的设置只保存在内存中"
            )
        return bool(self._memory_note)

    def geometry(self) -> QByteArray | None:
        value = self._read("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, geometry: QByteArray) -> None:
        self._set("window/geometry", geometry)

    def splitter_sizes(self, name: str) -> list[int] | None:
        value = self._read(f"window/splitter-{name}")
        return value if isinstance(value, list) else None

    def set_splitter_sizes(self, name: str, sizes: list[int]) -> None:
        self._set(f"window/splitter-{name}", [int(size) for size in sizes])

    def recent_reports(self) -> list[Path]:
        """Reports opened before, the most recent first."""
        value = self._read("reports/recent")
        return value if isinstance(value, list) else []

    def last_report(self) -> Path | None:
        recent = self.recent_reports()
        return recent[0] if recent else None

    def set_last_report(self, path: Path) -> None:
        others = [str(p) for p in self.recent_reports() if p != path]
        self._set("reports/recent", [str(path), *others][:RECENT_COUNT])

    def reading_offset(self, report: Path) -> int:
        """Where in `report`'s text the reader was (an offset), or 0."""
        value = self._read(f"positions/{_report_key(report)}")
        return value if isinstance(value, int) else 0

    def set_reading_offset(self, report: Path, offset: int) -> None:
        self._set(f"positions/{_report_key(report)}", int(offset))

    def zoom(self) -> int:
        """Zoom steps from the default text size (0), within ZOOM_RANGE."""
        value = self._read("view/zoom")
        return value if isinstance(value, int) else 0

    def set_zoom(self, steps: int) -> None:
        self._set("view/zoom", int(steps))

    def theme_mode(self) -> str:
        """The theme: "system" (follow the desktop), "light" or "dark"."""
        value = self._read("view/theme")
        return value if isinstance(value, str) else "system"

    def set_theme_mode(self, mode: str) -> None:
        self._set("view/theme", mode)

    def log_scale(self) -> bool:
        """On unless turned off: 历年累计 is often ten times the year, which hides the year's bars."""
        value = self._read("indicators/log-scale")
        return value if isinstance(value, bool) else True

    def set_log_scale(self, on: bool) -> None:
        self._set("indicators/log-scale", bool(on))


def settings_path() -> Path:
    """The user's settings file, where QSettings keeps the reader's: in `$XDG_CONFIG_HOME` (else ~/.config)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    return Path(folder) / NAME / f"{NAME}.conf"


def _report_key(report: Path) -> str:
    # Paths hold slashes, which QSettings reads as groups: the key is the path in URL-safe base64. (A digest
    # would do too, but hashlib loads OpenSSL at every start.)
    return urlsafe_b64encode(str(Path(report).resolve()).encode("utf-8")).decode("ascii").rstrip("=")


def _file_note(store: QSettings) -> str:
    status = store.status()
    if status == QSettings.Status.FormatError:
        return f"设置文件已损坏，无法读取（{store.fileName()}）：本次使用默认设置，关闭时重新保存"
    if status == QSettings.Status.AccessError:
        return f"无法读取设置文件（{store.fileName()}）：本次使用默认设置，设置可能无法保存"
    if not store.allKeys() and _size(store.fileName()) > 0:  # Qt reads text or bytes it cannot parse as nothing
        return f"设置文件中没有可读的设置（{store.fileName()}）：本次使用默认设置，关闭时重新保存"
    return ""


def _not_regular(path: str) -> bool:
    try:
        mode = os.lstat(path).st_mode
    except OSError:  # no file yet: QSettings makes a regular one
        return False
    return not stat.S_ISREG(mode)


def _not_readable(path: str) -> bool:
    """Whether the file at `path` is there but not a regular file, a link followed: reading it could wait for ever."""
    try:
        mode = os.stat(path).st_mode
    except OSError:  # no file yet, or a dangling link: QSettings reads nothing
        return False
    return not stat.S_ISREG(mode)


def _size(path: str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


def _foreign_note(store: QSettings) -> list[str]:
    """A note on what the file holds outside this version's keys: other versions', or unknown entries."""
    outside = [name for name in store.childGroups() if name != VERSION] + store.childKeys()
    versions = [name for name in outside if re.fullmatch(r"v\d+", name)]
    notes = []
    if versions:
        notes.append(f"设置文件中有其他版本（{'、'.join(sorted(versions))}）的设置，已忽略")
    if len(outside) > len(versions):
        notes.append(f"设置文件中有{len(outside) - len(versions)}项无法识别的内容，已忽略")
    return notes


def _shown(value: object) -> str:
    """A stored value as a note quotes it: short, on one line."""
    text = " ".join(str(value).split())
    return text if len(text) <= 20 else text[:20] + "…"


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _int_list(value: object) -> list[int] | None:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return None
    numbers = [_int(item) for item in value]
    return None if any(number is None for number in numbers) else numbers  # type: ignore[return-value]


def _geometry(value: object) -> QByteArray | None:
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def _sizes(value: object) -> list[int] | None:
    sizes = _int_list(value)
    return sizes if sizes and all(size >= 0 for size in sizes) and any(sizes) else None


def _paths(value: object) -> list[Path] | None:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) and item for item in items):
        return None
    return [Path(item) for item in items][:RECENT_COUNT]


def _offset(value: object) -> int | None:
    offset = _int(value)
    return offset if offset is not None and offset >= 0 else None


def _zoom(value: object) -> int | None:
    steps = _int(value)
    low, high = ZOOM_RANGE
    return steps if steps is not None and low <= steps <= high else None


def _theme(value: object) -> str | None:
    return value if isinstance(value, str) and value in THEMES else None


def _flag(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    return {"true": True, "false": False, "1": True, "0": False}.get(str(value))  # INI files give strings


# Each stored key (`*` for any name), how the reader names it in a note, and how its value is read.
_READERS: tuple[tuple[str, str, Callable[[object], object | None]], ...] = (
    ("window/geometry", "窗口位置和大小", _geometry),
    ("window/splitter-*", "窗格大小", _sizes),
    ("reports/recent", "最近打开的报告", _paths),
    ("positions/*", "阅读位置", _offset),
    ("view/zoom", "文字缩放", _zoom),
    ("view/theme", "外观", _theme),
    ("indicators/log-scale", "对数坐标", _flag),
)
