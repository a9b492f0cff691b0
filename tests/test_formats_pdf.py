"""Reports as PDFs: the same text, outline and tables as the text they hold; what cannot be read is refused.

The PDFs are made here from the reports' text (Qt's QPdfWriter drawing a QTextDocument, offscreen).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from models import ReportError, load_report, parse_report
from tests.shapes import figures, outline

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "tests" / "reports"
FONT = ROOT / "resources" / "fonts" / "NotoSansCJKsc-Subset.otf"
SHANGHAI = REPORTS / "shanghai-office-2019.html"


# --- PDF ---------------------------------------------------------------------------------------


def _pdf_bytes(text: str, tmp_path: Path) -> bytes:
    path = tmp_path / "report.pdf"
    _print_pdf(path, lambda document: document.setPlainText(text), 11)
    return path.read_bytes()


def _print_pdf(path: Path, fill, point_size: float) -> None:
    """A4 pages at 150 dpi, in the bundled CJK face, of a QTextDocument `fill(document)` writes."""
    from PySide6.QtGui import QFont, QFontDatabase, QPageSize, QPdfWriter, QTextDocument

    families = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(FONT)))
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(150)
    document = QTextDocument()
    document.setDefaultFont(QFont(families[0] if families else "Noto Sans CJK SC", point_size))
    fill(document)
    document.print_(writer)
    del writer


@pytest.fixture(scope="module")
def module_tmp(tmp_path_factory):
    return tmp_path_factory.mktemp("pdf")


def test_pdf_of_a_report_gives_the_same_outline_and_table(qapp, module_tmp):
    """Sanming 2017 printed to PDF (wrapped paragraphs, page numbers): the text's outline and appendix."""
    text_report = load_report(REPORTS / "sanming-2017.txt")
    data = _pdf_bytes((REPORTS / "sanming-2017.txt").read_text("utf-8"), module_tmp)
    report = parse_report(data, "sanming.pdf")
    assert report.source_format == "pdf"
    assert outline(report) == outline(text_report)
    assert figures(report) == figures(text_report)
    assert report.notes, "a PDF always says what it could not give back"


def _pdf_with_running_header(text: str, path: Path) -> bytes:
    """The text paged by hand, each page with the report's title above and `第 N 页 共 M 页` below."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QFont, QFontDatabase, QPageSize, QPainter, QPdfWriter, QTextDocument

    families = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(FONT)))
    family = families[0] if families else "Noto Sans CJK SC"
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(150)
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    body = QRectF(0, 80, page.width(), page.height() - 160)
    document = QTextDocument()
    document.setDefaultFont(QFont(family, 11))
    document.setPlainText(text)
    document.setPageSize(body.size())
    painter = QPainter(writer)
    count = document.pageCount()
    for number in range(count):
        if number:
            writer.newPage()
        painter.setFont(QFont(family, 9))
        painter.drawText(QRectF(0, 0, page.width(), 60), Qt.AlignmentFlag.AlignCenter, "三明市政府信息公开年报")
        footer = QRectF(0, page.height() - 60, page.width(), 60)
        painter.drawText(footer, Qt.AlignmentFlag.AlignCenter, f"第 {number + 1} 页 共 {count} 页")
        painter.save()
        painter.translate(0, 80 - number * body.height())
        visible = QRectF(0, number * body.height(), page.width(), body.height())
        painter.setClipRect(visible)
        document.drawContents(painter, visible)
        painter.restore()
    painter.end()
    return path.read_bytes()


def test_pdf_running_headers_and_footers_are_dropped(qapp, module_tmp):
    """A title repeated atop every page and `第 N 页 共 M 页` below are not report text: dropped, and said so."""
    text_report = load_report(REPORTS / "sanming-2017.txt")
    data = _pdf_with_running_header((REPORTS / "sanming-2017.txt").read_text("utf-8"), module_tmp / "running.pdf")
    report = parse_report(data, "running.pdf")
    assert "三明市政府信息公开年报" not in report.text
    assert "共" not in "".join(line for line in report.text.split("\n") if line.startswith("第 "))
    assert outline(report) == outline(text_report)
    assert any("页眉" in note or "页码" in note for note in report.notes)


def test_pdf_of_run_together_template_tables_gives_the_same_figures(qapp, module_tmp):
    """Pingtan 2021 printed to PDF: the template tables carry the same figures as from the text."""
    text_report = load_report(REPORTS / "pingtan-2021.txt")
    report = parse_report(_pdf_bytes((REPORTS / "pingtan-2021.txt").read_text("utf-8"), module_tmp), "p.pdf")
    assert figures(report) == figures(text_report)


def test_pdf_of_a_web_page_reads_its_ruled_tables_as_the_page_does(qapp, module_tmp):
    """Shanghai's page printed to PDF: each cell framed apart, merged cells, blank cells, the tables run
    over page breaks. The outline and every figure of the three tables are the page's own."""
    path = module_tmp / "shanghai.pdf"
    _print_pdf(path, lambda document: document.setHtml(SHANGHAI.read_text("utf-8")), 10)
    report = load_report(path)
    html_report = load_report(SHANGHAI)
    assert [s.heading for s in report.sections] == [s.heading for s in html_report.sections]
    assert figures(report) == figures(html_report)
    applications = next(t for t in report.tables if t.kind == "applications")
    received = next(row for row in applications.rows if row.name == "一、本年新收政府信息公开申请数量")
    assert [received.values[c] for c in applications.columns] == [821, 35, None, None, 2, 1, 859]


def test_scanned_pdf_without_text_is_refused_with_a_clear_message(qapp, tmp_path):
    """A PDF that is only an image gets ReportError saying it is probably a scan, not an empty view."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter, QPdfWriter

    path = tmp_path / "scan.pdf"
    writer = QPdfWriter(str(path))
    image = QImage(400, 300, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.gray)
    painter = QPainter(writer)
    painter.drawImage(0, 0, image)
    painter.end()
    del writer
    with pytest.raises(ReportError, match="PDF 中没有可提取的文字（可能是扫描件）"):
        load_report(path)


def test_broken_pdf_is_refused():
    """Bytes that start like a PDF but are not one give a ReportError, not a crash."""
    with pytest.raises(ReportError, match="PDF"):
        parse_report(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF", "x.pdf")
