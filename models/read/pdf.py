"""Read a PDF that has a text layer: its text in reading order, paragraphs and ruled tables rebuilt.

pdfplumber (over pdfminer.six) gives each character with its position and the page's ruling lines.
Tables are read from those lines (`models.read.pdf_tables`), joined again where a page break cut
them; the rest of the characters make lines and the lines paragraphs (`models.read.pdf_text`). Page
numbers and running headers and footers are dropped. What a PDF cannot give back (a table drawn
without lines, characters without a text encoding, pages that are only images) is said in
`Extracted.notes`. A PDF without any text (a scan) is refused with a message saying so.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from typing import Any

from models.core import limits
from models.core.errors import ReportError
from models.read.extracted import PDF, Extracted, TextBuilder
from models.read.pdf_tables import Box, Piece, crossings, find_pieces, join, joins, source_rows
from models.read.pdf_text import Line, frame, make_line, margins, paragraphs, visual_lines

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
NO_TEXT = "PDF 中没有可提取的文字（可能是扫描件）：请使用带文字层的 PDF，或先用文字识别（OCR）软件处理"
LAYOUT_NOTE = "PDF 只保存文字、位置和线条：段落按缩进和行宽重新拼接，表格按表格线还原；没有表格线的表格按文字读取"


def read_pdf(data: bytes) -> Extracted:
    """The PDF's text with paragraphs and ruled tables rebuilt. Raises ReportError for a scan, an encrypted
    or a broken file."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    from models.read.pdf_budget import LOOP, budgeted_pages

    notes = [LAYOUT_NOTE]
    blocks: list[Line | Piece] = []
    empty_pages: list[int] = []
    unruled: list[int] = []  # pages whose ruling lines were too many to read
    outside = 0
    budget = [limits.PDF_CROSSINGS]
    try:
        for number, page in enumerate(budgeted_pages(data), 1):
            page_blocks, off_page = _page_blocks(page, number, budget, unruled)
            outside += off_page
            if not page_blocks:
                empty_pages.append(number)
            blocks += page_blocks
    except (PdfminerException, MalformedPDFException) as wrapped:
        cause = wrapped.args[0] if wrapped.args else None
        if isinstance(cause, ReportError):
            raise cause from wrapped
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise ReportError("PDF 已加密，需要密码才能读取") from wrapped
        if isinstance(cause, RecursionError):
            raise ReportError(LOOP) from wrapped
        raise ReportError("无法读取 PDF 文件（文件可能已损坏）") from wrapped
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise ReportError("PDF 已加密，需要密码才能读取") from error
    except RecursionError as error:
        raise ReportError(LOOP) from error
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as error:
        raise ReportError("无法读取 PDF 文件（文件可能已损坏）") from error
    if not blocks:
        raise ReportError(NO_TEXT)
    if empty_pages:
        pages = "、".join(str(n) for n in empty_pages)
        notes.append(f"第 {pages} 页没有文字层（可能是扫描的图片），其内容未能读取")
    if unruled:
        pages = "、".join(str(n) for n in unruled)
        notes.append(f"第 {pages} 页的表格线过多（不像是报告的表格），未按表格线读取，其文字按行读取")
    if outside:
        notes.append(f"有 {outside} 个字符画在页面之外（打印时看不到），未列入正文")
    lines = [block for block in blocks if isinstance(block, Line)]
    dropped, numbers, running = _page_furniture(lines)
    if numbers:
        notes.append(f"已去掉 {numbers} 个页码")
    if running:
        notes.append(f"已去掉每页重复的页眉或页脚 {running} 行")
    builder = _build([b for b in blocks if not (isinstance(b, Line) and id(b) in dropped)], lines)
    unknown = builder.text().count("\ufffd")
    if unknown:
        notes.append(f"有 {unknown} 个字符在 PDF 中没有文字编码，无法识别，显示为 �")
    return Extracted(builder.text(), "pdf", PDF, builder.grids, notes + builder.notes)


def _page_blocks(page: Any, number: int, budget: list[int], unruled: list[int]) -> tuple[list[Line | Piece], int]:
    """The page's lines of text and ruled tables, top to bottom, and how many characters lie off the page.

    Ruling lines are read while their crossings stay within `models.core.limits` (`budget` holds what is left
    for the file); a page past them is added to `unruled` and read as lines of text.
    """
    width, height = page.width, page.height
    chars = []
    outside = 0
    for char in page.chars:
        char["text"] = _clean(char["text"])
        x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        if 0 <= x <= width and 0 <= y <= height:
            chars.append(char)
        elif char["text"].strip():
            outside += 1
    pieces: list[Piece] = []
    rest: list[dict[str, Any]] = chars
    boxes: list[Box] = []
    if page.edges:
        cost = crossings(page)
        if cost > min(limits.PDF_PAGE_CROSSINGS, budget[0]):
            unruled.append(number)
        else:
            budget[0] -= cost
            pieces, rest, boxes = find_pieces(page, number, chars)
    lines = [line for line in (make_line(chars, number) for chars in visual_lines(rest)) if line]
    for box in boxes:
        frame(lines, box)
    blocks: list[Line | Piece] = [*lines, *pieces]
    blocks.sort(key=lambda block: block.top)
    return blocks, outside


def _build(blocks: list[Line | Piece], lines: list[Line]) -> TextBuilder:
    """The text of the blocks: paragraphs rebuilt from runs of lines, tables joined over page breaks."""
    left, right = margins(lines)
    builder = TextBuilder()
    run: list[Line] = []
    table: Piece | None = None
    for block in [*blocks, None]:
        if isinstance(block, Line):
            if table is not None:
                builder.table(source_rows(table))
                table = None
            run.append(block)
            continue
        for paragraph in paragraphs(run, left, right):
            builder.paragraph(paragraph)
        if table is not None and block is not None and not run and joins(table, block):
            table = join(table, block)
            continue
        if table is not None:
            builder.table(source_rows(table))
        run, table = [], block
    return builder


def _clean(text: str) -> str:
    """A character as the report means it: a radical a font drew for a character folded back, an
    unencoded glyph `(cid:N)` as �."""
    text = _CID.sub("\ufffd", text)
    return "".join(
        _RADICALS.get(ch) or (unicodedata.normalize("NFKC", ch) if "\u2f00" <= ch <= "\u2fdf" else ch) for ch in text
    )


def _page_furniture(lines: list[Line]) -> tuple[set[int], int, int]:
    """Page numbers, and running headers or footers: the same line at a page's top or bottom on most pages.

    Returns the `id`s of those lines and how many page numbers and header or footer lines they are.
    """
    edges: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        edges.setdefault(line.page, []).append(i)
    edge_lines = {i for indices in edges.values() for i in (indices[0], indices[-1])}
    numbers = {i for i in edge_lines if _PAGE_NUMBER.match(lines[i].text)}
    pages_with: dict[str, set[int]] = {}
    for i in edge_lines - numbers:
        pages_with.setdefault(re.sub(r"\d+", "#", lines[i].text.strip()), set()).add(lines[i].page)
    repeated = {key for key, pages in pages_with.items() if len(pages) >= 3 and len(pages) * 2 >= len(edges)}
    running = {i for i in edge_lines - numbers if re.sub(r"\d+", "#", lines[i].text.strip()) in repeated}
    return {id(lines[i]) for i in numbers | running}, len(numbers), len(running)
