"""Heading markers and their numbers: the number a marker writes (`（三）` is 3, `12.` is 12, `④` is 4), and how a
heading of a numbering style should read (3 in the style of `（一）` is `（三）`)."""

from __future__ import annotations

from functools import lru_cache

_DIGITS = "〇一二三四五六七八九"
CN_NUMERALS = "一二三四五六七八九十"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@lru_cache(maxsize=4096)  # a long report repeats a few hundred markers thousands of times
def marker_number(kind: str, source: str) -> int | None:
    """The number a marker writes: 12 for `12.`, 3 for `（三）`; None for `()` or what is no numeral."""
    digits = "".join(ch for ch in source if "0" <= ch <= "9")  # not ①, which isdigit() accepts
    if digits:
        return int(digits)
    if kind in ("pcn", "cn"):
        return cn_number(source.strip("（()）、"))
    if kind == "circ":
        return CIRCLED.index(source) + 1
    return None


def cn_number(numeral: str) -> int | None:
    """一 → 1, 十二 → 12, 二十三 → 23; None for what is not a numeral (十十)."""
    tens, ten, ones = numeral.partition("十")
    if not ten:
        return _DIGITS.index(numeral) if len(numeral) == 1 else None
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    return (_DIGITS.index(tens) if tens else 1) * 10 + (_DIGITS.index(ones) if ones else 0)


@lru_cache(maxsize=1024)  # one string for each marker
def marker(style: str, ordinal: int) -> str:
    """How a heading of `style` numbered `ordinal` should read: `（四）`, `4.`, `④`."""
    if style == "pnum":
        return f"（{ordinal}）"
    if style == "dot":
        return f"{ordinal}."
    if style == "comma":
        return f"{ordinal}、"
    if style == "circ":
        return CIRCLED[ordinal - 1] if 0 < ordinal <= len(CIRCLED) else f"({ordinal})"
    numeral = cn_numeral(ordinal)
    return f"{numeral}、" if style == "cn" else f"（{numeral}）"


def cn_numeral(number: int) -> str:
    """3 → 三, 12 → 十二, 23 → 二十三; from 100 on, the digits."""
    if number < 10:
        return _DIGITS[number]
    if number >= 100:
        return str(number)
    tens, ones = divmod(number, 10)
    return (_DIGITS[tens] if tens > 1 else "") + "十" + (_DIGITS[ones] if ones else "")
