"""What the reader remembers between runs, read and written through QSettings in one place.

Keys carry a version prefix so a later layout of the settings can ignore older values; a value that
cannot be read as the expected type is ignored and the default used.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

VERSION = "v1"
ZOOM_RANGE = (-6, 12)
RECENT_COUNT = 6


class Settings:
    """Typed access to the reader's QSettings."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store if store is not None else QSettings("nianbao-reader", "nianbao-reader")

    def _get(self, key: str) -> object:
        return self._store.value(f"{VERSION}/{key}")

    def _set(self, key: str, value: object) -> None:
        self._store.setValue(f"{VERSION}/{key}", value)

    def sync(self) -> None:
        self._store.sync()

    def geometry(self) -> QByteArray | None:
        value = self._get("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, geometry: QByteArray) -> None:
        self._set("window/geometry", geometry)

    def splitter_sizes(self, name: str) -> list[int] | None:
        sizes = _int_list(self._get(f"window/splitter-{name}"))
        return sizes if sizes and all(size >= 0 for size in sizes) and any(sizes) else None

    def set_splitter_sizes(self, name: str, sizes: list[int]) -> None:
        self._set(f"window/splitter-{name}", [int(size) for size in sizes])

    def recent_reports(self) -> list[Path]:
        """Reports opened before, the most recent first."""
        value = self._get("reports/recent")
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return []
        return [Path(item) for item in value if isinstance(item, str) and item][:RECENT_COUNT]

    def last_report(self) -> Path | None:
        recent = self.recent_reports()
        return recent[0] if recent else None

    def set_last_report(self, path: Path) -> None:
        others = [str(p) for p in self.recent_reports() if p != path]
        self._set("reports/recent", [str(path), *others][:RECENT_COUNT])

    def reading_offset(self, report: Path) -> int:
        """Where in `report`'s text the reader was (an offset), or 0."""
        offset = _int(self._get(f"positions/{_report_key(report)}"))
        return offset if offset is not None and offset >= 0 else 0

    def set_reading_offset(self, report: Path, offset: int) -> None:
        self._set(f"positions/{_report_key(report)}", int(offset))

    def zoom(self) -> int:
        """Zoom steps from the default text size (0), within ZOOM_RANGE."""
        steps = _int(self._get("view/zoom"))
        low, high = ZOOM_RANGE
        return steps if steps is not None and low <= steps <= high else 0

    def set_zoom(self, steps: int) -> None:
        self._set("view/zoom", int(steps))

    def theme_mode(self) -> str:
        """"system" (follow the desktop), "light" or "dark"."""
        value = self._get("view/theme")
        return value if value in ("system", "light", "dark") else "system"

    def set_theme_mode(self, mode: str) -> None:
        self._set("view/theme", mode)

    def log_scale(self) -> bool:
        """On unless turned off: 历年累计 is often ten times the year, which hides the year's bars."""
        value = self._get("indicators/log-scale")
        if isinstance(value, bool):
            return value
        return value not in ("false", "0", 0)

    def set_log_scale(self, on: bool) -> None:
        self._set("indicators/log-scale", bool(on))


def _report_key(report: Path) -> str:
    # Paths hold slashes, which QSettings reads as groups; a digest keeps one key per report.
    return hashlib.sha1(str(Path(report).resolve()).encode("utf-8")).hexdigest()[:16]


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
