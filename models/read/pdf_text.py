"""A PDF's characters as lines of text, and lines as paragraphs.

A PDF keeps each character with its position and nothing more. Characters whose middles share a
band make a visual line, read left to right; a space goes where the gap between two characters is
wide (wider between Chinese characters, which a justified line spreads apart, than between Latin
letters). A wide gap inside a line is a column gap: such a line is a row of an unruled table.

Paragraphs are rebuilt as the report printed them: a paragraph starts at an indented line (or at a
line after one that stopped short of the right margin) and runs on while lines reach the right
margin and the next line starts at the left one. A heading, a title or a signature stops short of
the margin, so it is never glued to what follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

Char = dict[str, Any]
_SENTENCE_END = ("。", "！", "？", "；", "：", "!", "?", ";", ":")
_IDEOGRAPH = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_OPENING = set("（(《〈“‘「『【〔[")
_HEADING = re.compile(r"[（(]?[一二三四五六七八九十\d]{1,3}[、.．)）]")


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # the characters' height: an em
    page: int
    cells: int = 1  # pieces apart on this line: more than one is a row of an unruled table
    lead: float = 0.0  # the width of its start up to the first place a line may break
    frame: tuple[float, float] | None = None  # the left and right edges of the text in the box it is in


def visual_lines(chars: list[Char]) -> list[list[Char]]:
    """The characters grouped into visual lines, top to bottom, each left to right."""
    lines: list[list[Char]] = []
    band = (0.0, -1.0)
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        middle = (char["top"] + char["bottom"]) / 2
        if lines and band[0] <= middle <= band[1]:
            lines[-1].append(char)
            band = (min(band[0], char["top"]), max(band[1], char["bottom"]))
        else:
            lines.append([char])
            band = (char["top"], char["bottom"])
    for line in lines:
        line.sort(key=lambda c: c["x0"])
    return lines


def line_text(chars: list[Char]) -> str:
    """The characters of one visual line as text, with spaces where the gaps are wide."""
    return "".join(piece for piece, _x0, _x1 in _pieces(chars)[0])


def _pieces(chars: list[Char]) -> tuple[list[tuple[str, float, float]], int]:
    """The line's words with spaces between, and how many column gaps (two ems or more) it has."""
    out: list[tuple[str, float, float]] = []
    gaps = 0
    previous: Char | None = None
    for char in chars:
        text = char["text"]
        if previous is not None and text.strip():
            gap = char["x0"] - previous["x1"]
            size = max(previous["size"], char["size"], 1.0)
            latin = previous["text"].isascii() and text.isascii()
            if gap > 2 * size:
                gaps += 1
            if gap > (0.25 if latin else 0.6) * size and out and not out[-1][0].endswith(" "):
                out.append((" ", previous["x1"], char["x0"]))
        if text.strip() or (out and not out[-1][0].endswith(" ")):
            out.append((" " if not text.strip() else text, char["x0"], char["x1"]))
        if text.strip():
            previous = char
    while out and out[-1][0] == " ":
        out.pop()
    return out, gaps


def make_line(chars: list[Char], page: int) -> Line | None:
    pieces, gaps = _pieces(chars)
    text = "".join(piece for piece, _x0, _x1 in pieces).strip()
    if not text:
        return None
    printed = [c for c in chars if c["text"].strip()]
    sizes = sorted(c["size"] for c in printed)
    return Line(
        text,
        printed[0]["x0"],
        printed[-1]["x1"],
        min(c["top"] for c in printed),
        max(c["bottom"] for c in printed),
        sizes[len(sizes) // 2],
        page,
        gaps + 1,
        _lead(printed),
    )


def _lead(chars: list[Char]) -> float:
    """How wide the line's start is up to where a line may first break: before a Chinese character that
    does not follow an opening mark. A word, a number or a character with its closing marks cannot be
    cut, so a line above that stops short by less than this was full."""
    for i in range(1, len(chars)):
        if _IDEOGRAPH.match(chars[i]["text"]) and chars[i - 1]["text"] not in _OPENING:
            return float(chars[i - 1]["x1"] - chars[0]["x0"])
    return float(chars[-1]["x1"] - chars[0]["x0"])


def margins(lines: list[Line]) -> tuple[float, float]:
    """The body's left and right margins.

    The right margin is where most full lines end, not the furthest line: an address or a run of digits
    that cannot break may stick out past it.
    """
    body = sorted((line for line in lines if line.cells == 1 and line.frame is None), key=lambda line: line.x1)
    if not body:
        return 0.0, 0.0
    left = min(line.x0 for line in body)
    return left, body[int(len(body) * 0.9)].x1 if len(body) >= 10 else body[-1].x1


def paragraphs(lines: list[Line], left: float, right: float) -> list[str]:
    """The lines as paragraphs, each one string (see the module's docstring)."""
    out: list[str] = []
    for i, line in enumerate(lines):
        if i and _continues(lines[i - 1], line, left, right):
            latin = out[-1][-1:].isascii() and out[-1][-1:].isalnum() and line.text[:1].isascii()
            out[-1] += (" " if latin else "") + line.text
        else:
            out.append(line.text)
    return out


def _continues(line: Line, following: Line, left: float, right: float) -> bool:
    """Whether `following` carries on the paragraph `line` is in: `line` is full (what `following` starts
    with would not have fitted after it) and `following` is not indented."""
    if line.cells > 1 or following.cells > 1 or following.page > line.page + 1 or line.frame != following.frame:
        return False
    if line.frame is not None:
        left, right = line.frame
    if following.x0 > left + 0.5 * following.size:
        return False  # an indented line starts a paragraph
    if line.text.endswith(_SENTENCE_END) and _HEADING.match(following.text):
        return False
    return line.x1 + following.lead > right - 0.5 * following.size


def frame(lines: list[Line], box: tuple[float, float, float, float]) -> None:
    """Mark the lines inside a framed box with the edges of its text (the box less its padding)."""
    inside = [
        line
        for line in lines
        if box[0] <= line.x0 and line.x1 <= box[2] and box[1] <= (line.top + line.bottom) / 2 <= box[3]
    ]
    if inside:
        padding = min(line.x0 for line in inside) - box[0]
        for line in inside:
            line.frame = (box[0] + padding, box[2] - padding)
