"""Turn a report's bytes into text: BOM, then strict UTF-8, then GB18030, then a detector's guess."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from models.errors import ReportError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters other than tab, LF, CR and form feed, or replacement characters: not text.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def decode(data: bytes) -> Decoded:
    """Decode a report's bytes; CRLF and CR become LF. Raises ReportError for what is not text."""
    if not data:
        raise ReportError("文件是空的")
    text, encoding = _decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _looks_binary(text):
        raise ReportError("文件不是文本（可能是图片或其他二进制文件）")
    if not text.strip():
        raise ReportError("文件中没有文字")
    return Decoded(text, encoding)


def _decode(data: bytes) -> tuple[str, str]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name).removeprefix("\ufeff"), name.removesuffix("-sig")
            except UnicodeDecodeError as error:
                raise ReportError(f"文件以 {name} 标记开头，但内容无法按此编码解码") from error
    if b"\x00" in data[:4096]:
        raise ReportError("文件不是文本（可能是图片或其他二进制文件）")
    for name in ("utf-8", "gb18030"):
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ReportError("无法识别文件的文字编码")
    return str(best), best.encoding


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    return len(_NOT_TEXT.findall(sample)) > max(8, len(sample) // 100)
