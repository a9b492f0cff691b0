"""Find the parts of a file that are not the report: a crawler's header, web page furniture.

They are kept in the text (the reader shows what the file holds) but left out of the outline and
the tables, and the window dims them.
"""

from __future__ import annotations

import re

from models.core.document import Leftover
from models.core.textindex import TextIndex

_CRAWLER_END = re.compile(r"^=+\s*正文\s*=+[ \t]*\n?", re.M)
_PAGE_HEADER = re.compile(r"\s*当前位置[:：].{0,400}?(?:-->|相关链接[:：])[ \t]*")
# Page furniture that follows the report on government portals.
_FOOTER_MARKS = ("附件下载", "扫一扫在手机上", "【打印本页】", "打印本页", "【关闭窗口】", "关闭窗口", "分享到：")
_FOOTER_TAIL = 400  # furniture is only recognised this close to the end


def find_leftovers(text: str, index: TextIndex) -> list[Leftover]:
    """Leftovers in text order: crawler header, page header, page footer (each when present)."""
    found: list[Leftover] = []
    body = 0
    if text.lstrip().startswith("标题"):
        end = _CRAWLER_END.search(text, 0, 3000)
        if end:
            found.append(Leftover("crawler-header", 0, end.end(), 1))
            body = end.end()
    header = _PAGE_HEADER.match(text, body)
    if header:
        start = header.start() + (len(header.group()) - len(header.group().lstrip()))
        found.append(Leftover("page-header", start, header.end(), index.line_of(start)))
        body = header.end()
    tail = max(body, len(text) - _FOOTER_TAIL)
    starts = [p for p in (text.find(mark, tail) for mark in _FOOTER_MARKS) if p != -1]
    if starts:
        start = min(starts)
        found.append(Leftover("page-footer", start, len(text), index.line_of(start)))
    return found


def body_span(text: str, leftovers: list[Leftover]) -> tuple[int, int]:
    """The offsets between the leading leftovers and the trailing ones."""
    start, end = 0, len(text)
    for part in leftovers:
        if part.start <= start:
            start = max(start, part.end)
        elif part.end >= end:
            end = min(end, part.start)
    return start, end
