"""Word's automatic list numbering, written out as text: `一、` `（一）` `1.` before a numbered paragraph.

Reports often number their headings with Word lists, so the numbers are in numbering.xml rather than
the paragraph's text; without them the outline would have no markers. A paragraph's list comes from
its own `w:numPr` or its style's; each list (`w:num`) counts per level, a level restarting the ones
below it, and the level's `w:lvlText` (`%1、`, `（%1）`) and `w:numFmt` give the text.
"""

from __future__ import annotations

import re
from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CN = "〇一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CHINESE_FORMATS = {
    "chineseCounting",
    "chineseCountingThousand",
    "chineseLegalSimplified",
    "ideographTraditional",
    "japaneseCounting",
    "taiwaneseCounting",
    "taiwaneseCountingThousand",
}


class ListNumbering:
    """Gives each numbered paragraph, in document order, the number Word would show."""

    def __init__(self, document: Any) -> None:
        self._levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # abstractNumId -> ilvl -> level
        self._lists: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
        self._styles: dict[str, tuple[str, int]] = {}  # styleId -> (numId, ilvl)
        self._counts: dict[str, dict[int, int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for abstract in numbering.iterchildren(f"{_W}abstractNum"):
            levels = {}
            for level in abstract.iterchildren(f"{_W}lvl"):
                levels[int(level.get(f"{_W}ilvl", "0"))] = (
                    int(_val(level, "start") or "1"),
                    _val(level, "numFmt") or "decimal",
                    _val(level, "lvlText") or "",
                )
            self._levels[abstract.get(f"{_W}abstractNumId", "")] = levels
        for num in numbering.iterchildren(f"{_W}num"):
            overrides = {
                int(o.get(f"{_W}ilvl", "0")): int(_val(o, "startOverride") or "1")
                for o in num.iterchildren(f"{_W}lvlOverride")
                if _val(o, "startOverride")
            }
            self._lists[num.get(f"{_W}numId", "")] = (_val(num, "abstractNumId") or "", overrides)
        for style in document.styles.element.iterchildren(f"{_W}style"):
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                self._styles[style.get(f"{_W}styleId", "")] = (
                    _val(num_pr, "numId") or "",
                    int(_val(num_pr, "ilvl") or "0"),
                )

    def label(self, paragraph: Any) -> str:
        """The paragraph's number as text (`一、`), counting it; "" for an unnumbered or bulleted one."""
        found = self._list_of(paragraph)
        if found is None:
            return ""
        num_id, level = found
        abstract_id, overrides = self._lists.get(num_id, ("", {}))
        levels = self._levels.get(abstract_id)
        if not levels or level not in levels:
            return ""
        counts = self._counts.setdefault(num_id, {})
        start = overrides.get(level, levels[level][0])
        counts[level] = counts.get(level, start - 1) + 1
        for deeper in [k for k in counts if k > level]:
            del counts[deeper]
        _, fmt, text = levels[level]
        if fmt in ("bullet", "none"):
            return ""

        def number(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            k_start, k_fmt, _ = levels.get(k, (1, "decimal", ""))
            return _format(counts.get(k, overrides.get(k, k_start)), k_fmt)

        return re.sub(r"%(\d)", number, text)

    def _list_of(self, paragraph: Any) -> tuple[str, int] | None:
        num_pr = paragraph.find(f"{_W}pPr/{_W}numPr")
        if num_pr is not None:
            num_id = _val(num_pr, "numId") or ""
            return (num_id, int(_val(num_pr, "ilvl") or "0")) if num_id not in ("", "0") else None
        style = paragraph.find(f"{_W}pPr/{_W}pStyle")
        if style is not None and style.get(f"{_W}val") in self._styles:
            num_id, level = self._styles[style.get(f"{_W}val")]
            return (num_id, level) if num_id not in ("", "0") else None
        return None


def _val(element: Any, child: str) -> str | None:
    node = element.find(f"{_W}{child}")
    return None if node is None else node.get(f"{_W}val")


def _format(n: int, fmt: str) -> str:
    if fmt in _CHINESE_FORMATS:
        return _chinese(n)
    if fmt.startswith("decimalEnclosedCircle") and 0 < n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (n - 1) % 26)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    return str(n)


def _chinese(n: int) -> str:
    if n < 0:  # Word allows a list to start below zero; it has no Chinese numeral
        return str(n)
    if n < 10:
        return _CN[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return (_CN[tens] if tens > 1 else "") + "十" + (_CN[ones] if ones else "")
    return str(n)


def _roman(n: int) -> str:
    if not 0 < n < 4000:  # no Roman numeral; a huge start would otherwise take n / 1000 turns of the loop
        return str(n)
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):  # fmt: skip
        while n >= value:
            out += letters
            n -= value
    return out
