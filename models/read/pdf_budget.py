"""What a PDF may ask of the reader: a budget on the bytes its streams inflate to, and no reference loops.

pdfminer.six resolves an indirect object that is only a reference to another by following the chain
without end, and inflates a stream whole, however large. `BudgetedDocument` is a `PDFDocument` whose
`getobj` follows such a chain itself and refuses a loop, and inflates each stream it hands out in chunks
first, counting the bytes against `limits.PDF_STREAM_BYTES`, so a flate bomb is refused before pdfminer
unpacks it.
"""

from __future__ import annotations

import functools
import io
import itertools
import zlib
from collections.abc import Iterator
from typing import Any

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFObjRef, PDFStream, resolve1

from models.core import limits
from models.core.errors import ReportError

LOOP = "无法读取 PDF 文件：其中的对象互相引用，形成死循环（文件已损坏或是恶意构造的）"
TOO_BIG = (
    f"PDF 文件中的数据流解压后太大（超过 {limits.PDF_STREAM_BYTES // 2**20} MB），可能是恶意的压缩炸弹，已拒绝读取"
)
_CHUNK = 2**20


class BudgetedDocument(PDFDocument):
    """A `PDFDocument` that refuses reference loops and streams inflating past the budget."""

    def __init__(self, parser: PDFParser) -> None:
        # Set before the document resolves its catalog, which already goes through `getobj`.
        self.inflated = 0
        self._counted: set[int] = set()
        super().__init__(parser)

    def getobj(self, objid: int) -> object:
        """The object `objid`, following an object that is only a reference; ReportError for a loop or a bomb."""
        seen = {objid}
        obj = super().getobj(objid)
        while isinstance(obj, PDFObjRef):
            if obj.objid in seen:
                raise ReportError(LOOP)
            seen.add(obj.objid)
            obj = super().getobj(obj.objid)
        if isinstance(obj, PDFStream) and id(obj) not in self._counted:
            self._counted.add(id(obj))
            if not _is_image(obj):
                self.inflated += _inflated_size(obj, limits.PDF_STREAM_BYTES - self.inflated)
        return obj


def _is_image(stream: PDFStream) -> bool:
    # pdfminer keeps an image's stream as it is, without inflating it, when it lays a page out.
    subtype = resolve1(stream.attrs.get("Subtype"))
    return getattr(subtype, "name", None) == "Image"


def _inflated_size(stream: PDFStream, budget: int) -> int:
    """The bytes `stream` inflates to through its leading Flate filters; ReportError past `budget`."""
    if stream.rawdata is None:
        return len(stream.data or b"")
    data: bytes = stream.rawdata
    if stream.decipher and stream.objid is not None and stream.genno is not None:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    filters = [f for f, _params in stream.get_filters()]
    size = len(data)
    for i, name in enumerate(filters):
        if name not in LITERALS_FLATE_DECODE:
            break
        keep = i + 1 < len(filters) and filters[i + 1] in LITERALS_FLATE_DECODE
        data, size = _inflate(data, budget, keep)
    return size


def _inflate(data: bytes, budget: int, keep: bool) -> tuple[bytes, int]:
    """Inflate `data` a chunk at a time, counting; the bytes are kept only when `keep` (another stage follows)."""
    inflater: Any = zlib.decompressobj()
    parts: list[bytes] = []
    size = 0
    try:
        chunk = inflater.decompress(data, _CHUNK)
        while chunk:
            size += len(chunk)
            if size > budget:
                raise ReportError(TOO_BIG)
            if keep:
                parts.append(chunk)
            chunk = inflater.decompress(inflater.unconsumed_tail, _CHUNK)
    except zlib.error:
        pass  # a broken stream: pdfminer recovers what it can, no more than was counted here
    return b"".join(parts), size


def budgeted_pages(data: bytes) -> Iterator[Any]:
    """The PDF's pages as pdfplumber pages over a `BudgetedDocument`; ReportError past `limits.PDF_PAGES`."""
    from pdfminer.pdfpage import PDFPage

    document: Any = _Document(data)  # stands in for pdfplumber's `PDF`, which `Page` is typed to take
    pages = list(itertools.islice(PDFPage.create_pages(document.doc), limits.PDF_PAGES + 1))
    if len(pages) > limits.PDF_PAGES:
        raise ReportError(f"PDF 的页数太多（超过 {limits.PDF_PAGES} 页），不像是一份年度报告，已拒绝读取")
    top = 0.0
    for number, page in enumerate(pages, 1):
        plumbed = _page_class()(document, page, page_number=number, initial_doctop=top)
        top += plumbed.height
        yield plumbed
        plumbed.close()


class _Document:
    """What pdfplumber's `Page` asks of its document, over a `BudgetedDocument` (pdfplumber's own `PDF`
    opens a plain `PDFDocument` and reads its metadata first, where a reference loop never ends)."""

    def __init__(self, data: bytes) -> None:
        from pdfminer.pdfinterp import PDFResourceManager

        self.doc = BudgetedDocument(PDFParser(io.BytesIO(data)))
        self.rsrcmgr = PDFResourceManager(caching=True)
        self.laparams = None
        self.unicode_norm = None
        self.raise_unicode_errors = False


@functools.cache
def _page_class() -> type:
    """pdfplumber's `Page`, keeping of each character only what the reader uses.

    pdfplumber resolves some twenty attributes of every character (colours, matrix, font name…) into a
    dict: a fifth of the time a page takes. A character here gets its text, box and size; ruling lines
    and everything else are pdfplumber's own.
    """
    from pdfminer.layout import LTChar
    from pdfplumber.page import Page

    class LeanPage(Page):
        def process_object(self, obj: Any) -> dict[str, Any]:
            if not isinstance(obj, LTChar):
                return dict(super().process_object(obj))
            left, top = self.mediabox[:2]
            return {
                "object_type": "char",
                "page_number": self.page_number,
                "text": obj.get_text(),
                "x0": obj.x0 + left,
                "x1": obj.x1 + left,
                "top": self.height - obj.y1 + top,
                "bottom": self.height - obj.y0 + top,
                "size": obj.size,
                "upright": obj.upright,
            }

    return LeanPage
