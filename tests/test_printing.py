"""Save as PDF: the report's text, headings and appendix figures, in Chinese, with the outline as bookmarks."""

from __future__ import annotations

import re

import pytest
from PySide6.QtPrintSupport import QPrinter

from gui.window.printing import print_font_family, save_pdf

pypdf = pytest.importorskip("pypdf")

TOP_LEVEL = [
    "一、概述",
    "二、主动公开政府信息的情况",
    "三、政府信息依申请公开办理情况",
    "四、因政府信息公开申请行政复议、提起行政诉讼的情况",
    "五、政府信息公开工作存在的主要问题及改进措施",
    "六、需要说明的其他事项与附表",
]


@pytest.fixture(scope="module")
def pdf(qapp, sanming, tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "sanming.pdf"
    save_pdf(sanming, path)
    return pypdf.PdfReader(path)


# Where the font has no bold face (no system CJK font besides the bundled regular one), Qt makes the bold
# headings by drawing their glyphs a second time, a little to the right, in a marked span whose /ActualText
# is empty, so that PDF viewers copy and search them once. pypdf reads that span as text too: each bold
# heading would come out twice, the copies interleaved where Latin letters split it ("合作(4.推进…(PPP)PPP)").
SYNTHETIC_BOLD = re.compile(rb"/Span << /ActualText <> >> BDC\n.*?EMC\n", re.DOTALL)


def page_texts(reader) -> list[str]:
    """Each page's text as a PDF viewer copies it: without synthetic bold's second drawing, nor white space."""
    from pypdf.generic import ArrayObject

    copy = pypdf.PdfWriter(clone_from=reader)
    texts = []
    for page in copy.pages:
        contents = page["/Contents"].get_object()
        for stream in contents if isinstance(contents, ArrayObject) else [contents]:
            stream = stream.get_object()
            stream.set_data(SYNTHETIC_BOLD.sub(b"", stream.get_data()))
        texts.append("".join(page.extract_text().split()))
    return texts


@pytest.fixture(scope="module")
def texts(pdf):
    """Each page's text without white space (extracting CJK text takes pypdf a few seconds)."""
    return page_texts(pdf)


def titled(items):
    """The outline as (title, children) pairs, the way a PDF viewer's bookmark pane nests them."""
    result = []
    for item in items:
        if isinstance(item, list):
            result[-1] = (result[-1][0], titled(item))
        else:
            result.append((item.title, []))
    return result


def test_pdf_text_holds_the_headings_and_the_appendix_figures(texts):
    """The PDF's text, extracted as a PDF reader would, has the title, the headings and the appendix's figures."""
    text = "".join(texts)
    for wanted in ["三明市2017年政府信息公开工作年度报告", *TOP_LEVEL, "以政务公开助力促改革", "指标名称"]:
        assert wanted in text
    assert "主动公开文件数" in text
    assert "34,073" in text and "364,686" in text  # 主动公开文件数: 2017 and 历年累计


def test_pdf_text_copies_as_the_characters_printed(texts, sanming):
    """Copying or searching the PDF finds 工作 and 棚户区, not look-alikes sharing their glyphs (⼯ U+2F2F, 戶)."""
    text = "".join(texts)
    assert "工作" in text and "棚户区" in text and "门户" in text
    assert not [ch for ch in text if 0x2E80 <= ord(ch) < 0x2FE0]
    assert set(text) - set(sanming.text) <= set("指标名称计量单位—第页共/")


def test_pdf_embeds_the_chinese_font(pdf):
    """The fonts the PDF draws its Chinese with travel inside the file, so it prints the same anywhere."""
    fonts = {}
    for page in pdf.pages[:2]:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    assert any("CJK" in name for name in fonts)
    for font in fonts.values():
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_pdf_outline_is_the_report_outline(pdf, sanming):
    """The bookmarks are the six top-level sections with their subsections nested under them."""
    outline = titled(pdf.outline)
    assert [title for title, _ in outline] == TOP_LEVEL
    children = dict(outline)
    assert [title for title, _ in children["一、概述"]][:2] == [
        "（一）以政务公开助力稳增长",
        "（二）以政务公开助力促改革",
    ]
    assert len(children["一、概述"]) == 6
    assert [title for title, _ in children["六、需要说明的其他事项与附表"]] == [
        "（一）需要说明的其他事项",
        "（二）附表",
    ]
    first = dict(children["一、概述"])["（一）以政务公开助力稳增长"]
    assert [title for title, _ in first] == [
        "1.加强预期引导",
        "2.推进减税、降费、降低要素成本信息公开",
        "3.推进重大建设项目和公共资源配置信息公开",
        "4.推进政府和社会资本合作(PPP)项目信息公开",
    ]
    assert sum(1 for _ in sanming.walk()) == count(pdf.outline)


def count(items) -> int:
    return sum(count(item) if isinstance(item, list) else 1 for item in items)


def flat(items):
    for item in items:
        if isinstance(item, list):
            yield from flat(item)
        else:
            yield item


def test_pdf_bookmarks_open_the_page_showing_their_heading(pdf, texts, sanming):
    """Each bookmark goes to a page that shows its heading, and they go forward through the report."""
    pages = [pdf.get_destination_page_number(item) for item in flat(pdf.outline)]
    assert pages == sorted(pages)
    assert pages[0] == 0
    assert pages[-1] >= len(texts) - 2
    # The title, not the marker: the PDF shows the numbering as the source has it ("(一)", "4)").
    for section, page in zip(sanming.walk(), pages, strict=True):
        assert "".join(section.title.split()) in texts[page], section.heading


def test_printing_to_a_pdf_printer_writes_the_report(qapp, sanming, tmp_path):
    """Print with a printer set to a PDF file (the print dialog's "print to file") gives the report with bookmarks."""
    from gui.window.printing import finish_pdf, paint_report

    path = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    family = print_font_family()
    finish_pdf(path, paint_report(sanming, printer, family), family)
    reader = pypdf.PdfReader(path)
    assert len(reader.pages) > 5
    assert "一、概述" in reader.pages[0].extract_text()
    assert [title for title, _ in titled(reader.outline)] == TOP_LEVEL


def text_colours(reader, page: int) -> list[tuple[float, ...]]:
    """The fill colours text is drawn in on a page (Qt sets one before each text object)."""
    from pypdf.generic import ContentStream

    colours, current = [], None
    for operands, operator in ContentStream(reader.pages[page].get_contents(), reader).operations:
        if operator in (b"scn", b"rg", b"sc"):
            current = tuple(float(value) for value in operands)
        elif operator == b"BT" and current is not None:
            colours.append(current)
    return colours


def test_pdf_text_is_dark_on_white_in_dark_mode(qapp, sanming, tmp_path):
    """Saved while the window is dark, the PDF still prints dark text for white paper."""
    from gui.common.theme import apply_theme

    apply_theme(qapp, "dark")
    try:
        save_pdf(sanming, tmp_path / "dark.pdf")
    finally:
        apply_theme(qapp, "light")
    colours = text_colours(pypdf.PdfReader(tmp_path / "dark.pdf"), 0)
    assert len(colours) > 10
    assert max(0.299 * r + 0.587 * g + 0.114 * b for r, g, b in colours) < 0.6


def test_cancelling_the_print_dialog_prints_nothing(qtbot, qapp, sanming):
    """Cancel in the print dialog returns without printing, and the dialog is titled for the report."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from gui.window.printing import print_document

    seen = []

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        seen.append(dialog.windowTitle() if dialog else None)
        if dialog is not None:
            dialog.reject()

    QTimer.singleShot(200, cancel)
    assert print_document(sanming, None) is False
    assert seen == ["打印报告"]


def test_saving_where_no_file_can_be_written_says_so(qapp, sanming, tmp_path):
    """A PDF aimed at a folder that does not exist raises OSError, for the window to report, and leaves no file."""
    target = tmp_path / "missing" / "report.pdf"
    with pytest.raises(OSError):
        save_pdf(sanming, target)
    assert not target.exists()


def test_preview_shows_the_pages_that_print(qtbot, qapp, sanming, pdf):
    """The print preview has as many pages as the saved PDF, the report laid out the same way."""
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    from gui.window.printing import preview_dialog

    dialog = preview_dialog(sanming)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    widget = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: widget.pageCount() > 0)
    assert widget.pageCount() == len(pdf.pages)
    assert dialog.windowTitle() == "打印预览"
