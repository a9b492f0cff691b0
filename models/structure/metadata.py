"""Read a report's title, publication time and signature (issuing body and date)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from models.core.document import Leftover
from models.structure.leftovers import body_span

_FIELD = re.compile(r"^(标题|发布时间|发布机构)[:：][ \t]*(.*)$", re.M)
_PUBLISHED = re.compile(r"(?:发布时间|发布日期|时间)[:：]\s*(\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2})?)")
_REPORT_TITLE = re.compile(r"\S{2,60}?(?:工作年度报告|年度报告|年报)")
_CN_DATE = re.compile(
    r"[二〇○零一二三四五六七八九十]{4}年[一二三四五六七八九十]{1,2}月(?:[一二三四五六七八九十]{1,3}日)?"
)
# From the first character that is not a space to the end of its line (where str.splitlines ends it).
_FIRST_LINE = re.compile(r"\S[^\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]*")
# A title printed over several lines: each line short, no sentence punctuation, no heading marker,
# date or bracketed subtitle; the last line is the one that names the report.
_TITLE_LINES = 4
_TITLE_LINE_CHARS = 40
_TITLE_END = re.compile(r"(?:年度报告|年报|工作报告)$")
_NOT_TITLE = re.compile(
    r"[。；;：:，,！!？?]"
    r"|^(?:[（(【\[]|[一二三四五六七八九十]{1,3}、|\d{1,3}[.．、)）]|[①-⑳])"
    r"|^[\d〇○零一二三四五六七八九十]{2,4}年[\d一二三四五六七八九十]{1,2}月(?:[\d一二三四五六七八九十]{1,3}日)?$"
)
_ISSUER = re.compile(r"([\u4e00-\u9fff]{2,30}?(?:人民政府|管委会|办公室|领导小组|委员会|局|厅|院|部)(?:办公室)?)\s*$")


@dataclass(frozen=True)
class Metadata:
    title: str
    published: str | None
    issuer: str | None
    issued: str | None


def read_metadata(text: str, leftovers: list[Leftover], body_end: int | None = None) -> Metadata:
    """Title (the crawler's 标题, else the line or lines atop the body that name the report), publication
    time, and the signature when given.

    `body_end` is where the report's prose ends (the appendix table's start, say); the signature is
    looked for just before it.
    """
    fields = {m.group(1): m.group(2).strip() for m in _FIELD.finditer(text, 0, 3000)}
    start, end = body_span(text, leftovers)
    title = fields.get("标题") or _lines_title(text, start, end) or _first_line_title(text, start, end)
    published_match = _PUBLISHED.search(text, 0, min(len(text), start + 3000))
    published = fields.get("发布时间") or (published_match.group(1) if published_match else None)
    issuer = fields.get("发布机构") or None
    issued = None
    tail_end = body_end if body_end is not None else end
    tail = text[max(start, tail_end - 300) : tail_end]
    date = None
    for date in _CN_DATE.finditer(tail):  # noqa: B007 - the last date before the appendix is the signature's
        pass
    if date:
        issued = date.group()
        signer = _ISSUER.search(tail[: date.start()])
        issuer = issuer or (signer.group(1) if signer else None)
    return Metadata(title=title, published=published or None, issuer=issuer, issued=issued)


def _lines_title(text: str, start: int, end: int) -> str | None:
    """A title printed over several lines (`淮安市人民政府` / `2024年政府信息公开工作年度报告`), joined.

    None when the first line is the whole title, or when the leading lines are not all title-like
    up to one that ends it.
    """
    parts: list[str] = []
    for match in islice(_FIRST_LINE.finditer(text, start, end), _TITLE_LINES):
        line = match.group().strip()
        if len(line) > _TITLE_LINE_CHARS or _NOT_TITLE.search(line):
            return None
        parts.append(line)
        if _TITLE_END.search(line):
            return _join(parts) if len(parts) > 1 else None
    return None


def _join(parts: list[str]) -> str:
    """Lines of Chinese run together; a space stays only between two Latin letters or digits."""
    joined = parts[0]
    for part in parts[1:]:
        latin = joined[-1].isascii() and joined[-1].isalnum() and part[0].isascii() and part[0].isalnum()
        joined += f" {part}" if latin else part
    return joined


def _first_line_title(text: str, start: int, end: int) -> str:
    """The first line between `start` and `end` that is not blank, stripped (or cut when long)."""
    line = _FIRST_LINE.search(text, start, end)
    first = line.group().rstrip() if line else ""
    if len(first) <= 80:
        return first
    match = _REPORT_TITLE.match(first)
    return match.group() if match else first[:40]
