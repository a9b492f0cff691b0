"""Read a report's title, publication time and signature (issuing body and date)."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
_ISSUER = re.compile(r"([\u4e00-\u9fff]{2,30}?(?:人民政府|管委会|办公室|领导小组|委员会|局|厅|院|部)(?:办公室)?)\s*$")


@dataclass(frozen=True)
class Metadata:
    title: str
    published: str | None
    issuer: str | None
    issued: str | None


def read_metadata(text: str, leftovers: list[Leftover], body_end: int | None = None) -> Metadata:
    """Title (the crawler's 标题 or the first line), publication time, and the signature when given.

    `body_end` is where the report's prose ends (the appendix table's start, say); the signature is
    looked for just before it.
    """
    fields = {m.group(1): m.group(2).strip() for m in _FIELD.finditer(text, 0, 3000)}
    start, end = body_span(text, leftovers)
    title = fields.get("标题") or _first_line_title(text, start, end)
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


def _first_line_title(text: str, start: int, end: int) -> str:
    """The first line between `start` and `end` that is not blank, stripped (or cut when long)."""
    line = _FIRST_LINE.search(text, start, end)
    first = line.group().rstrip() if line else ""
    if len(first) <= 80:
        return first
    match = _REPORT_TITLE.match(first)
    return match.group() if match else first[:40]
