"""Print a report, or save it as a PDF whose bookmarks are the report's outline.

The report is laid out by `gui.text.document.build_document` (headings styled, the appendix as a
table) on pages of the printer's size, and painted page by page here rather than by
`QTextDocument.print_`, so that the page each heading lands on is known: Qt writes no PDF bookmarks,
so `save_pdf` adds them afterwards with pypdf, each pointing at its heading's page and height, and
corrects the character map Qt writes, so that the PDF's text copies and searches as it was printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QRawFont,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from gui.common.theme import PAPER
from gui.text.document import TextMap, build_document
from models import Report, Section
from models.export.atomic import replacing

if TYPE_CHECKING:
    from pypdf import PdfWriter

PRINT_POINT_SIZE = 10.5
MARGINS_MM = QMarginsF(20, 18, 20, 15)
PDF_RESOLUTION = 300
# Layout units are pixels at 96 dpi (what the document's margins, padding and borders are given in).
LAYOUT_DPI = 96.0
FOOTER_SPACE = 28.0  # layout units kept free at the foot of each page for its number


@dataclass
class Printed:
    """What was printed: the bookmarks to the headings, the number of pages, and every character drawn."""

    bookmarks: list[Bookmark]
    pages: int
    characters: set[str]


@dataclass
class Bookmark:
    """Where a section's heading was printed: its 0-based page and its height from the page's top in points."""

    section: Section
    page: int
    top: float
    children: list[Bookmark] = field(default_factory=list)


def print_document(report: Report, parent: QWidget | None = None, family: str | None = None) -> bool:
    """Ask for a printer with Qt's print dialog and print the report; False when the reader cancels."""
    printer = _set_up_printer(QPrinter(QPrinter.PrinterMode.HighResolution), report)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("打印报告")
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    family = family or print_font_family()
    # "Print to file" in the dialog makes a PDF too: written whole, as Save as PDF is, with its bookmarks.
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        with replacing(printer.outputFileName()) as temp:
            printer.setOutputFileName(str(temp))
            finish_pdf(temp, paint_report(report, printer, family), family)
        return True
    paint_report(report, printer, family)
    return True


def preview_dialog(report: Report, parent: QWidget | None = None, family: str | None = None) -> QPrintPreviewDialog:
    """A print preview of the report (pages as they will print, with a button to print), not yet shown."""
    # The dialog's own printer: one made here would be freed by Python while the dialog still draws on it.
    dialog = QPrintPreviewDialog(parent)
    _set_up_printer(dialog.printer(), report)
    dialog.setWindowTitle("打印预览")
    chosen = family or print_font_family()
    dialog.paintRequested.connect(lambda device: paint_report(report, device, chosen))
    return dialog


def print_preview(report: Report, parent: QWidget | None = None, family: str | None = None) -> None:
    """Show the print preview until the reader prints from it or closes it."""
    preview_dialog(report, parent, family).exec()


def _set_up_printer(printer: QPrinter, report: Report) -> QPrinter:
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
    printer.setDocName(report.title or "年度报告")
    return printer


def save_pdf(report: Report, path: str | Path, family: str | None = None) -> Printed:
    """Write the report as an A4 PDF with the outline as nested bookmarks; OSError if it cannot be written."""
    path = Path(path)
    family = family or print_font_family()
    with replacing(path) as temp:  # a failed write leaves an old PDF as it was
        writer = QPdfWriter(str(temp))
        writer.setResolution(PDF_RESOLUTION)
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
        writer.setTitle(report.title or path.stem)
        writer.setCreator("年报阅读器")
        printed = paint_report(report, writer, family)
        del writer  # lets go of the file: Windows renames no file that is still open
        finish_pdf(temp, printed, family)
    return printed


def paint_report(report: Report, device: QPagedPaintDevice, family: str) -> Printed:
    """Paint the report in `family` on `device` page by page with page numbers; says where each heading landed."""
    scale = device.logicalDpiY() / LAYOUT_DPI
    page = QSizeF(device.width() / scale, device.height() / scale)
    body = QSizeF(page.width(), page.height() - FOOTER_SPACE)
    document, textmap = build_document(report, family, PRINT_POINT_SIZE)
    # Without "locl", digits after Latin letters ("APP2016", "@126.com") keep the glyphs the font's
    # character map names; Qt's PDF writer cannot name the substituted ones, so they would copy as garbage.
    font = document.defaultFont()
    font.setFeature(QFont.Tag("locl"), 0)
    document.setDefaultFont(font)
    document.setPageSize(body)
    layout = document.documentLayout()
    pages = document.pageCount()
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("无法开始打印（打印机或文件不可用）")
    try:
        footer_font = QFont(document.defaultFont())
        footer_font.setPointSizeF(PRINT_POINT_SIZE * 0.8)
        characters = set(document.toPlainText())
        for number in range(pages):
            if number > 0:
                device.newPage()
            painter.save()
            painter.scale(scale, scale)
            _paint_page(painter, layout, body, number)
            painter.restore()
            # Unscaled, so that the footer's point size is resolved once, at the device's resolution.
            painter.setFont(footer_font)
            painter.setPen(QColor(PAPER.footer))
            foot = QRectF(0, body.height() * scale, device.width(), FOOTER_SPACE * scale)
            footer = f"第 {number + 1} 页 / 共 {pages} 页"
            painter.drawText(foot, Qt.AlignmentFlag.AlignCenter, footer)
            characters.update(footer)
    finally:
        painter.end()
    top_margin = device.pageLayout().paintRect(QPageLayout.Unit.Point).top()
    points = 72.0 / LAYOUT_DPI
    bookmarks = _bookmarks(report.sections, document, textmap, body.height(), top_margin, points)
    return Printed(bookmarks, pages, characters)


def _paint_page(painter: QPainter, layout: QAbstractTextDocumentLayout, body: QSizeF, number: int) -> None:
    top = number * body.height()
    painter.save()
    painter.translate(0, -top)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.palette = paper_palette()
    context.clip = QRectF(QPointF(0, top), body)
    painter.setClipRect(context.clip)
    layout.draw(painter, context)
    painter.restore()


def paper_palette() -> QPalette:
    """Black text on white paper, whatever the window's theme (a dark theme's light text would vanish)."""
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Text, PAPER.text),
        (QPalette.ColorRole.WindowText, PAPER.text),
        (QPalette.ColorRole.Base, PAPER.background),
        (QPalette.ColorRole.Link, PAPER.link),
    ):
        palette.setColor(role, QColor(colour))
    return palette


def heading_top(document: QTextDocument, textmap: TextMap, section: Section) -> float:
    """The height in the laid-out document (layout units) of the line where a section's heading starts."""
    position = textmap.position_near_offset(section.start)
    block = document.findBlock(position)
    top = document.documentLayout().blockBoundingRect(block).top()
    layout = block.layout()
    if layout is not None and layout.lineCount():
        line = layout.lineForTextPosition(position - block.position())
        if line.isValid():
            return top + line.y()
    return top


def _bookmarks(
    sections: list[Section],
    document: QTextDocument,
    textmap: TextMap,
    page_height: float,
    top_margin: float,
    points: float,
) -> list[Bookmark]:
    marks = []
    for section in sections:
        y = heading_top(document, textmap, section)
        page = int(y // page_height)
        marks.append(
            Bookmark(
                section,
                page,
                top_margin + (y - page * page_height) * points,
                _bookmarks(section.children, document, textmap, page_height, top_margin, points),
            )
        )
    return marks


def finish_pdf(path: Path, printed: Printed, family: str) -> None:
    """Rewrite the PDF at `path` with the bookmarks as its outline, shown when it opens, and with text
    that copies and searches as the characters printed."""
    from pypdf import PdfWriter
    from pypdf.generic import Fit

    writer = PdfWriter(clone_from=str(path))
    _fix_text(writer, character_fixes(family, printed.characters))
    pages = len(writer.pages)

    def add(marks: list[Bookmark], parent: object | None) -> None:
        for mark in marks:
            page = min(mark.page, pages - 1)
            height = float(writer.pages[page].mediabox.height)
            fit = Fit.xyz(left=0, top=max(height - mark.top + 6, 0), zoom=None)
            item = writer.add_outline_item(
                title=mark.section.heading, page_number=page, parent=parent, fit=fit, is_open=False
            )
            add(mark.children, item)

    add(printed.bookmarks, None)
    writer.page_mode = "/UseOutlines"
    with path.open("wb") as file:
        writer.write(file)


def character_fixes(family: str, characters: set[str]) -> dict[int, int]:
    """Code points Qt's PDF writer puts in the text, to the ones printed, where a glyph stands for several.

    Qt names each glyph by the lowest code point the font maps to it; fonts share glyphs between the
    radical ⼯ (U+2F2F) and 工, or between 戶 and 户, so "工作" and "棚户区" would copy as "⼯作" and
    "棚戶区". Of the code points sharing a glyph, the lowest is replaced by the one the report uses.
    The weights the report is printed in, regular and bold, may come from different font files.
    """
    everything = "".join(chr(code) for code in range(0x20, 0x10000) if not 0xD800 <= code < 0xE000)
    fixes: dict[int, int] = {}
    for bold in (False, True):
        font = QFont(family)
        font.setBold(bold)
        sharing: dict[int, list[str]] = {}
        for character, glyph in zip(everything, QRawFont.fromFont(font).glyphIndexesForString(everything), strict=True):
            if glyph:
                sharing.setdefault(glyph, []).append(character)
        for group in sharing.values():
            lowest = group[0]
            if len(group) > 1 and lowest not in characters:
                used = [character for character in group if character in characters]
                if used:
                    fixes.setdefault(ord(lowest), ord(used[0]))
    return fixes


_HEX = re.compile(rb"<([0-9A-Fa-f]{4})>")


def _fix_text(writer: PdfWriter, replacements: dict[int, int]) -> None:
    """Point each font's ToUnicode map at the characters printed instead of the ones Qt chose."""
    from pypdf.generic import NameObject

    done: set[int] = set()
    for page in writer.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            stream = font.get(NameObject("/ToUnicode"))
            if stream is None or id(stream.get_object()) in done:
                continue
            stream = stream.get_object()
            done.add(id(stream))
            stream.set_data(_fix_cmap(stream.get_data(), replacements))


def _fix_cmap(cmap: bytes, replacements: dict[int, int]) -> bytes:
    def replace(match: re.Match[bytes]) -> bytes:
        code = int(match.group(1), 16)
        return b"<%04X>" % replacements.get(code, code)

    lines = []
    section = b""
    for line in cmap.split(b"\n"):
        words = line.split()
        if words and words[-1] in (b"beginbfrange", b"beginbfchar"):
            section = words[-1]
        elif section == b"beginbfrange" and b"[" in line:
            head, _, targets = line.partition(b"[")
            line = head + b"[" + _HEX.sub(replace, targets)
        elif section == b"beginbfchar" and len(words) == 2:
            line = words[0] + b" " + _HEX.sub(replace, words[1])
        lines.append(line)
    return b"\n".join(lines)


@cache
def print_font_family() -> str:
    """The bundled CJK face, registered once through the application's font loader."""
    from gui.common.fonts import load_bundled_font

    face = load_bundled_font()
    if face is None:
        raise OSError("缺少程序自带的字体：无法输出中文")
    return face
