"""Read a saved web page: the article's paragraphs as lines, its tables rebuilt with their spans.

lxml's HTML parser builds the tree (it copes with the unclosed tags real pages have). Scripts, styles
and embedded objects are dropped unread and nothing remote is fetched: this only parses. A page nested
deeper than `models.core.limits.HTML_DEPTH` is read again with the deeper tags left out, so that libxml2
does not stop at its own depth limit with the rest of the page unread. Site chrome
(navigation, header, footer, sidebars, share and QR-code boxes, `扫一扫在手机上打开当前页`) is left out;
when the page marks its article (`<article>`, or a content box such as TRS_Editor) only that is read.
"""

from __future__ import annotations

import re
from typing import Any

import lxml.html  # type: ignore[import-untyped, unused-ignore]
from lxml import etree

from models.core import limits
from models.core.errors import ReportError
from models.read.extracted import HTML, Extracted, SourceCell, TextBuilder

_DROP = {"script", "style", "noscript", "template", "iframe", "object", "svg", "canvas", "head", "nav",
         "header", "footer", "aside", "button", "select", "textarea", "map", "video", "audio"}  # fmt: skip
# Void in HTML, but libxml2 nests what follows an unclosed one inside it: walk their children as siblings.
_VOID = {"embed", "img", "input", "source", "track", "wbr", "param", "area", "keygen", "col", "base", "link",
         "meta"}  # fmt: skip
_BLOCK = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
          "dl", "dt", "dd", "blockquote", "pre", "center", "address", "figure", "figcaption", "caption", "hr",
          "tr", "font-block"}  # fmt: skip
_CELLS = {"table", "thead", "tbody", "tfoot", "td", "th"}
_CHROME = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumb|crumb|footer|foot|header|sidebar|share|bdshare|qrcode|ewm|"
    r"toolbar|print|related|pagination|topbar|search|login)(?:$|[\s_-])",
    re.I,
)
_ARTICLE = re.compile(r"TRS_Editor|article|content|zoom|detail|zwnr|wzy", re.I)
# Comments may stand before and between the two, as a page's generator often writes one first.
_PROLOGUE = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*(?:<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>)?",
    re.I | re.S,
)
_LONG_CELL = 300  # a table cell with more text than this is page layout, not a figure
# How deep the walk goes before the page is read again flattened: above the flattened depth, since libxml2
# adds the tags a page leaves out (html, body) and closes some early, so its depth and the count differ.
_DEEPEST = 2 * limits.HTML_DEPTH
# Elements whose content is not markup: a "<div>" inside a script is text.
_RAW = ("script", "style", "textarea", "title", "xmp", "noscript", "iframe", "noembed", "noframes", "plaintext")
_TAG = re.compile(
    rf"<!--.*?(?:-->|\Z)|<({'|'.join(_RAW)})\b[^>]*>.*?(?:</\1\s*>|\Z)|<(/?)([A-Za-z][^\s/>]*)[^>]*>", re.I | re.S
)
_CHROME_LINES = ("扫一扫在手机上打开当前页", "【打印本页】", "【关闭窗口】", "打印本页", "关闭窗口")


def read_html(text: str, encoding: str) -> Extracted:
    """The page's article as text, with its tables rebuilt and rendered as tab-separated lines."""
    # An XML declaration and a DOCTYPE (with any entities it declares) are dropped unread: no entity
    # of a page is ever resolved, local or remote.
    text = _PROLOGUE.sub("", text, count=1)
    try:
        builder = _read(text)
    except _TooDeep:
        try:
            builder = _read(flatten(text, limits.HTML_DEPTH))
        except _TooDeep as error:
            raise ReportError(f"网页的标签嵌套太深（超过 {_DEEPEST} 层），无法读取") from error
    out = builder.text()
    if not out.strip():
        raise ReportError("网页中没有正文文字")
    return Extracted(out, encoding, HTML, builder.grids, sorted(set(builder.notes)))


class _TooDeep(Exception):
    """The page nests deeper than `_DEEPEST`."""


def _read(text: str) -> TextBuilder:
    # huge_tree lifts libxml2's cap of 10 MB on one text node, which would drop the rest of the page silently;
    # the file's size is bounded before it is read, and a page's entities are never expanded.
    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        document = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise ReportError(f"无法解析网页文件（{error}）") from error
    body = document.find("body")
    root = _article(body if body is not None else document)
    builder = TextBuilder()
    _Walker(builder).block(root)
    return builder


def flatten(text: str, depth: int) -> str:
    """`text` without the tags nested deeper than `depth`, their text kept: a block's tags become line breaks.

    Tags are counted as written; a closing tag closes the latest open tag of its name and those opened after
    it, and one that closes nothing is left for the parser. Comments and the content of scripts are skipped.
    Blocks with nothing between them give one line break.
    """
    out: list[str] = []
    kept = 0
    stack: list[tuple[str, bool]] = []  # the open tags, and whether each is kept
    open_at: dict[str, list[int]] = {}  # a tag's name -> where it stands in the stack, latest last
    for match in _TAG.finditer(text):
        name = (match.group(3) or "").lower()
        if not name or name in _VOID or name == "br":
            continue
        if match.group(2):
            places = open_at.get(name)
            if not places:
                continue
            place = places[-1]
            keep = stack[place][1]
            while len(stack) > place:
                open_at[stack.pop()[0]].pop()
        else:
            keep = len(stack) < depth
            open_at.setdefault(name, []).append(len(stack))
            stack.append((name, keep))
        if not keep:
            between = text[kept : match.start()]
            if between and (between.strip() or out[-1:] != ["<br>"]):
                out.append(between)
            # One line break for a run of blocks with nothing between them (a hundred thousand <div>s).
            if (name in _BLOCK or name in _CELLS) and out[-1] != "<br>":
                out.append("<br>")
            kept = match.end()
    out.append(text[kept:])
    return "".join(out)


def _article(root: Any) -> Any:
    """The element holding the report: the largest <article> or marked content box, else the body."""
    candidates = [el for el in root.iter("article")]
    if not candidates:
        candidates = [
            el
            for el in root.iter("div", "td", "section")
            if _ARTICLE.search(f"{el.get('class', '')} {el.get('id', '')}") and not _is_chrome(el)
        ]
    best = max(candidates, key=lambda el: len(el.text_content()), default=None)
    total = len(root.text_content())
    if best is not None and len(best.text_content()) >= 0.3 * total:
        return best
    return root


def _is_chrome(element: Any) -> bool:
    if element.tag in _DROP:
        return True
    marks = f"{element.get('class', '')} {element.get('id', '')} {element.get('role', '')}"
    return bool(_CHROME.search(marks)) or element.get("role") == "navigation"


class _Walker:
    """Walks the tree in document order, gathering inline text into paragraphs."""

    def __init__(self, builder: TextBuilder) -> None:
        self.builder = builder
        self.current: list[str] = []
        self.depth = 0

    def block(self, element: Any) -> None:
        self._children(element)
        self._flush()

    def _children(self, element: Any) -> None:
        self.depth += 1
        if self.depth > _DEEPEST:
            raise _TooDeep
        if element.text and isinstance(element.tag, str):
            self.current.append(element.text)
        for child in element:
            self._node(child)
            if child.tail:
                self.current.append(child.tail)
        self.depth -= 1

    def _node(self, element: Any) -> None:
        if not isinstance(element.tag, str) or _is_chrome(element):
            return
        tag = element.tag.lower()
        if tag in _VOID:
            self._children(element)
        elif tag == "br":
            self.current.append("\n")
            self._children(element)
        elif tag == "table" and _is_layout(element):
            self._flush()
            for cell in element.xpath("./tr/td|./tr/th|./*/tr/td|./*/tr/th"):
                if not _is_chrome(cell):
                    self.block(cell)
        elif tag == "table":
            self._flush()
            caption = element.find("caption")
            if caption is not None:
                self.builder.paragraph(_cell_text(caption))
            self._table(element)
        elif tag in _BLOCK:
            self._flush()
            self._children(element)
            self._flush()
        else:
            self._children(element)

    def _flush(self) -> None:
        paragraph = "".join(self.current).replace("\xa0", " ")
        self.current = []
        lines = [line for line in paragraph.split("\n") if line.strip() not in _CHROME_LINES]
        self.builder.paragraph("\n".join(lines))

    def _table(self, table: Any) -> None:
        rows = []
        for tr in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"):
            cells = [
                SourceCell(_cell_text(td), _span(td.get("rowspan")), _span(td.get("colspan")))
                for td in tr.xpath("./td|./th")
            ]
            rows.append(cells)
        if any(rows):
            self.builder.table(rows)


def _is_layout(table: Any) -> bool:
    """A table that lays out the page rather than holding figures: nested tables, long prose, one column."""
    if table.xpath(".//table"):
        return True
    cells = table.xpath("./tr/td|./tr/th|./*/tr/td|./*/tr/th")
    widest = max((len(row.xpath("./td|./th")) for row in table.xpath("./tr|./*/tr")), default=0)
    return widest <= 1 or any(len(cell.text_content()) > _LONG_CELL for cell in cells)


def _cell_text(cell: Any) -> str:
    """A cell's text on one line: line breaks inside a cell (`本年新<br/>制作数量`) join the words."""
    parts: list[str] = []

    def visit(node: Any, depth: int) -> None:
        if depth > _DEEPEST:
            raise _TooDeep
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and child.tag not in _DROP:
                visit(child, depth + 1)
            if child.tail:
                parts.append(child.tail)

    visit(cell, 0)
    text = "".join(parts).replace("\xa0", " ").strip()
    return re.sub(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", "", text)


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1
