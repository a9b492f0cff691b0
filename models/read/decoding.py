"""Turn a report's bytes into text: BOM, then strict UTF-8, then GB18030, then a detector's guess."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from models.core.errors import ReportError

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
    notes: tuple[str, ...] = ()  # what the reader should know: a cut end, lines in another encoding


def decode(data: bytes) -> Decoded:
    """Decode a report's bytes; CRLF and CR become LF. Raises ReportError for what is not text."""
    if not data:
        raise ReportError("文件是空的")
    decoded = _decode(data)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    if _looks_binary(text):
        raise ReportError("文件不是文本（可能是图片或其他二进制文件）")
    if not text or text.isspace():  # not text.strip(), which would copy the whole text
        raise ReportError("文件中没有文字")
    return Decoded(text, decoded.encoding, decoded.notes)


def _decode(data: bytes) -> Decoded:
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(name).removeprefix("\ufeff"), name.removesuffix("-sig"))
            except UnicodeDecodeError as error:
                if not _cut_at_end(error, len(data)):
                    raise ReportError(f"文件以 {name} 标记开头，但内容无法按此编码解码") from error
                text = data.decode(name, errors="replace").removeprefix("\ufeff")
                return Decoded(text, name.removesuffix("-sig"), (_CUT_NOTE,))
    if b"\x00" in data[:4096]:
        raise ReportError("文件不是文本（可能是图片或其他二进制文件）")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as error:
        if _cut_at_end(error, len(data)):
            return Decoded(data[: error.start].decode("utf-8") + "\ufffd", "utf-8", (_CUT_NOTE,))
    mixed = _mostly_utf8(data)
    if mixed is not None:
        return mixed
    try:
        return Decoded(data.decode("gb18030"), "gb18030")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ReportError("无法识别文件的文字编码")
    return Decoded(str(best), best.encoding)


_CUT_NOTE = "文件末尾被截断：最后一个字符不完整，已用 � 代替"


def _cut_at_end(error: UnicodeDecodeError, size: int) -> bool:
    """Whether the only problem is a character cut off by the end of the file."""
    return error.end >= size and size - error.start < 4


def _mostly_utf8(data: bytes) -> Decoded | None:
    """A UTF-8 file with a few lines in GB18030 (pasted from elsewhere): decode it line by line."""
    lines = data.split(b"\n")
    odd = []
    for number, line in enumerate(lines, start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            odd.append(number)
    foreign = sum(1 for line in lines if not line.isascii())
    if not odd or len(odd) * 5 > foreign:
        return None
    parts, odd_lines = [], set(odd)
    for number, line in enumerate(lines, start=1):
        if number in odd_lines:
            try:
                parts.append(line.decode("gb18030"))
            except UnicodeDecodeError:
                parts.append(line.decode("utf-8", errors="replace"))
        else:
            parts.append(line.decode("utf-8"))
    shown = "、".join(str(number) for number in odd[:10]) + ("等" if len(odd) > 10 else "")
    return Decoded("\n".join(parts), "utf-8", (f"第{shown}行不是 UTF-8 编码，已按 GB18030 读取",))


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    return len(_NOT_TEXT.findall(sample)) > max(8, len(sample) // 100)
