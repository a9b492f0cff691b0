"""The bundled CJK font, made the application's, so that Chinese is drawn on a machine without CJK fonts."""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from gui.common.resources import APP_NAME, BUNDLED_FONT, MissingResourceError, resource_path

MIN_UI_POINT_SIZE = 10.5


def load_bundled_font() -> str | None:
    """Register the bundled CJK font and make it the application's; returns its family, or None."""
    try:
        path = resource_path(BUNDLED_FONT)
    except MissingResourceError as error:
        print(f"{APP_NAME}: {error}；中文可能无法显示", file=sys.stderr)
        return None
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id != -1 else []
    if not families:
        print(f"{APP_NAME}: 字体文件无法载入：{path}", file=sys.stderr)
        return None
    font = QFont(QApplication.font())
    # The bundled face first; the platform's own sans-serif for anything the subset lacks.
    font.setFamilies([families[0], QApplication.font().family()])
    # Hanzi at the 9-point default of a bare X server are cramped; a desktop's larger choice stays.
    if font.pointSizeF() < MIN_UI_POINT_SIZE:
        font.setPointSizeF(MIN_UI_POINT_SIZE)
    QApplication.setFont(font)
    return families[0]
