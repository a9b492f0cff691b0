"""The bundled CJK font: it exists, carries its licence, draws every character of the reports, and is used."""

from __future__ import annotations

import contextlib

import pytest
from PySide6.QtGui import QRawFont
from PySide6.QtWidgets import QApplication

from gui.common.fonts import load_bundled_font
from gui.common.resources import BUNDLED_FONT, RESOURCES, MissingResourceError, resource_path

MAX_BYTES = 4_000_000


@pytest.fixture(scope="module")
def raw_font(qapp):
    font = QRawFont(str(resource_path(BUNDLED_FONT)), 16)
    assert font.isValid()
    return font


def missing(font: QRawFont, characters) -> str:
    # By code point: PySide6 turns a one-character str into a QChar that misreads many characters.
    return "".join(sorted({ch for ch in characters if not ch.isspace() and not font.supportsCharacter(ord(ch))}))


def test_font_covers_every_character_of_the_bundled_report(raw_font, sanming):
    """No character of the Sanming report would fall back to a missing-glyph box."""
    assert missing(raw_font, sanming.text) == ""


def test_font_covers_gb2312(raw_font):
    """Every character of GB2312 has a glyph, so other reports in simplified Chinese draw too."""
    characters = []
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                characters.append(bytes((row, cell)).decode("gb2312"))
    assert len(characters) > 7400
    assert missing(raw_font, characters) == ""


def test_font_is_small_and_licensed():
    """The subset stays a few megabytes and ships with the SIL Open Font License beside it."""
    assert resource_path(BUNDLED_FONT).stat().st_size < MAX_BYTES
    licence = (RESOURCES / "fonts" / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "Adobe" in licence


def test_bundled_font_becomes_the_application_font(qapp):
    """After loading, widgets ask for the bundled family first."""
    family = load_bundled_font()
    assert family is not None and "CJK SC" in family
    assert QApplication.font().families()[0] == family


def test_qt_own_words_are_in_chinese(qapp):
    """The text view's context menu and the dialogs' buttons speak Chinese, not English."""
    from PySide6.QtCore import QCoreApplication

    from gui.window.app import install_chinese_translations

    install_chinese_translations(qapp)
    assert "复制" in QCoreApplication.translate("QWidgetTextControl", "&Copy")


def test_a_missing_resource_is_named_in_the_error():
    """Asking for a file that is not shipped fails with a message that names it."""
    with pytest.raises(MissingResourceError, match=r"no-such-font\.otf"):
        resource_path("fonts/no-such-font.otf")
