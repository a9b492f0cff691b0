"""Read a PDF that has a text layer: its text in reading order, with paragraphs rebuilt.

pdfminer.six gives each line of text with its position. Lines on the same baseline (the cells of a
table row) are joined with spaces; a line that runs to the right margin continues into the next one,
so a paragraph wrapped over several lines becomes one line again, as in the report's text. Page
numbers and running headers and footers are dropped. What a PDF cannot give back (table borders,
merged and blank cells, characters without a text encoding, pages that are only images) is said in
`Extracted.notes`. A PDF without any text (a scan) is refused with a message saying so.
"""

from __future__ import annotations

import io
import itertools
import logging
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from models.core import limits
from models.core.errors import ReportError
from models.read.extracted import PDF, Extracted

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}(?:\s*/\s*\d{1,4})?)\s*$"
)
# pdfminer warns of what it skips (a form drawing itself, a broken font) through logging, which would print
# a second line under the reader's one; what it skips is said in `Extracted.notes` or by the error.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())
_CID = re.compile(r"\(cid:\d+\)")
# Fonts often map simplified characters to CJK radicals (⻔ for 门); Kangxi radicals NFKC folds itself.
_RADICALS = {
    unicodedata.lookup(f"CJK RADICAL {name}"): char
    for name, char in (
        ("CIVILIAN", "民"), ("MOTHER", "母"), ("WEST TWO", "西"), ("C-SIMPLIFIED SEE", "见"),
        ("SIMPLIFIED HORN", "角"), ("C-SIMPLIFIED SPEECH", "讠"), ("C-SIMPLIFIED SHELL", "贝"),
        ("C-SIMPLIFIED CART", "车"), ("C-SIMPLIFIED GOLD", "钅"), ("C-SIMPLIFIED LONG", "长"),
        ("C-SIMPLIFIED GATE", "门"), ("BLUE", "青"), ("C-SIMPLIFIED LEAF", "页"), ("C-SIMPLIFIED WIND", "风"),
        ("C-SIMPLIFIED FLY", "飞"), ("EAT ONE", "食"), ("C-SIMPLIFIED EAT", "饣"), ("C-SIMPLIFIED HORSE", "马"),
        ("BONE", "骨"), ("C-SIMPLIFIED FISH", "鱼"), ("C-SIMPLIFIED BIRD", "鸟"), ("C-SIMPLIFIED SALT", "卤"),
        ("SIMPLIFIED WHEAT", "麦"), ("SIMPLIFIED YELLOW", "黄"), ("C-SIMPLIFIED FROG", "黾"),
        ("C-SIMPLIFIED EVEN", "齐"), ("C-SIMPLIFIED TOOTH", "齿"), ("C-SIMPLIFIED DRAGON", "龙"),
        ("C-SIMPLIFIED TURTLE", "龟"), ("J-SIMPLIFIED EVEN", "斉"),
    )
}  # fmt: skip
_RADICALS["\u2f3e"] = "户"  # KANGXI RADICAL DOOR: NFKC gives the traditional 戶, the font drew 户
_SENTENCE_END = ("。", "！", "？", "；", "：", "!", "?", ";", ":")
NO_TEXT = "PDF 中没有可提取的文字（可能是扫描件）：请使用带文字层的 PDF，或先用文字识别（OCR）软件处理"
LAYOUT_NOTE = "PDF 只保存文字和位置：段落按行宽重新拼接，表格的边框、合并单元格和空白格无法还原"


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int
    cells: int = 1  # pieces on this baseline: more than one is a table row


def read_pdf(data: bytes) -> Extracted:
    """The PDF's text with paragraphs rebuilt. Raises ReportError for a scan, an encrypted or a broken file."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    from models.read.pdf_budget import LOOP

    notes = [LAYOUT_NOTE]
    lines: list[_Line] = []
    empty_pages: list[int] = []
    try:
        for number, page in enumerate(_layouts(data), 1):
            page_lines = _page_lines(page, number)
            if not page_lines:
                empty_pages.append(number)
            lines += page_lines
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise ReportError("PDF 已加密，需要密码才能读取") from error
    except RecursionError as error:
        raise ReportError(LOOP) from error
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as error:
        raise ReportError("无法读取 PDF 文件（文件可能已损坏）") from error
    if not any(line.text.strip() for line in lines):
        raise ReportError(NO_TEXT)
    if empty_pages:
        pages = "、".join(str(n) for n in empty_pages)
        notes.append(f"第 {pages} 页没有文字层（可能是扫描的图片），其内容未能读取")
    lines, numbers, running = _drop_page_furniture(lines)
    if numbers:
        notes.append(f"已去掉 {numbers} 个页码")
    if running:
        notes.append(f"已去掉每页重复的页眉或页脚 {running} 行")
    text = _paragraphs(lines)
    unknown = len(_CID.findall(text))
    if unknown:
        notes.append(f"有 {unknown} 个字符在 PDF 中没有文字编码，无法识别，显示为 �")
        text = _CID.sub("\ufffd", text)
    return Extracted(_fold_radicals(text), "pdf", PDF, [], notes)


def _layouts(data: bytes) -> Iterator[object]:
    """Each page laid out by pdfminer, from a document held to `models.core.limits` (`pdf_budget`)."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    from models.read.pdf_budget import BudgetedDocument

    document = BudgetedDocument(PDFParser(io.BytesIO(data)))
    pages = list(itertools.islice(PDFPage.create_pages(document), limits.PDF_PAGES + 1))
    if len(pages) > limits.PDF_PAGES:
        raise ReportError(f"PDF 的页数太多（超过 {limits.PDF_PAGES} 页），不像是一份年度报告，已拒绝读取")
    manager = PDFResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=LAParams())
    interpreter = PDFPageInterpreter(manager, device)
    for page in pages:
        interpreter.process_page(page)
        yield device.get_result()


def _page_lines(page: object, number: int) -> list[_Line]:
    """The page's visual lines, top to bottom; pieces on one baseline joined left to right."""
    from pdfminer.layout import LTTextContainer, LTTextLineHorizontal

    pieces: list[_Line] = []
    low, high = page.y0, page.y1  # type: ignore[attr-defined]

    def collect(item: object) -> None:
        if isinstance(item, LTTextLineHorizontal):
            text = item.get_text().strip("\n").replace("\t", " ")
            # Text drawn outside the page (a writer's clipped overflow) is not on the page.
            if text.strip() and low <= (item.y0 + item.y1) / 2 <= high:
                pieces.append(_Line(text, item.x0, item.x1, item.y1, item.y0, number))
        elif isinstance(item, LTTextContainer):
            for child in item:
                collect(child)

    for item in page:  # type: ignore[attr-defined]
        collect(item)
    pieces.sort(key=lambda p: (-p.top, p.x0))
    rows: list[list[_Line]] = []
    for piece in pieces:
        middle = (piece.top + piece.bottom) / 2
        row = next((r for r in rows if r[0].bottom <= middle <= r[0].top), None)
        if row is None:
            rows.append([piece])
        else:
            row.append(piece)
    lines = []
    for row in rows:
        row.sort(key=lambda p: p.x0)
        text = " ".join(p.text.strip() for p in row)
        top, bottom = max(p.top for p in row), min(p.bottom for p in row)
        lines.append(_Line(text, row[0].x0, row[-1].x1, top, bottom, number, len(row)))
    lines.sort(key=lambda line: -line.top)
    return lines


def _drop_page_furniture(lines: list[_Line]) -> tuple[list[_Line], int, int]:
    """Page numbers, and running headers or footers: the same line at a page's top or bottom on most pages.

    Returns the lines kept and how many page numbers and header or footer lines were dropped.
    """
    edges: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        edges.setdefault(line.page, []).append(i)
    edge_lines = {i for indices in edges.values() if len(indices) > 1 for i in (indices[0], indices[-1])}
    numbers = {i for i in edge_lines if _PAGE_NUMBER.match(lines[i].text)}
    pages_with: dict[str, set[int]] = {}
    for i in edge_lines - numbers:
        pages_with.setdefault(re.sub(r"\d+", "#", lines[i].text.strip()), set()).add(lines[i].page)
    repeated = {key for key, pages in pages_with.items() if len(pages) >= 3 and len(pages) * 2 >= len(edges)}
    running = {i for i in edge_lines - numbers if re.sub(r"\d+", "#", lines[i].text.strip()) in repeated}
    drop = numbers | running
    return [line for i, line in enumerate(lines) if i not in drop], len(numbers), len(running)


def _paragraphs(lines: list[_Line]) -> str:
    """One line a paragraph: a line reaching the right margin continues on the next line.

    A table row (several pieces on one baseline) stays a line of its own, however wide.
    """
    if not lines:
        return ""
    right = max(line.x1 for line in lines)
    left = min(line.x0 for line in lines)
    heights = sorted(line.top - line.bottom for line in lines)
    char = heights[len(heights) // 2] or 10.0
    out: list[str] = []
    for i, line in enumerate(lines):
        out.append(line.text)
        following = lines[i + 1] if i + 1 < len(lines) else None
        # Line breaking rules keep a closing mark with the character before it, so a wrapped line may
        # stop up to two characters short of the margin; a line ending a sentence must reach it.
        slack = 1.0 if line.text.rstrip().endswith(_SENTENCE_END) else 3.0
        full = line.x1 >= right - slack * char and line.x0 <= left + 0.5 * char and line.cells == 1
        continues = following is not None and following.x0 <= left + 0.5 * char and following.cells == 1
        out.append("" if full and continues else "\n")
    return "".join(out)


def _fold_radicals(text: str) -> str:
    return "".join(
        _RADICALS.get(ch) or (unicodedata.normalize("NFKC", ch) if "\u2f00" <= ch <= "\u2fdf" else ch) for ch in text
    )
