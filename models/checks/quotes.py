"""How a finding's message quotes a figure of the text: the last words of its clause, the figure and its unit."""

from __future__ import annotations

import re

from models.checks.figures import Figure
from models.checks.finding import show

_LABEL_CHARS = 16  # how much of a figure's clause a message quotes


def label(figure: Figure) -> str:
    """The figure with the last words of its clause, as a message quotes it: `受理依申请公开信息154条`."""
    words = re.split(r"\d[^\d、]{0,2}、", figure.label)[-1]  # `…2件、行政诉讼案件`: after the last figure
    words = words.removeprefix("其中").lstrip("，,：:；; ")
    if len(words) > _LABEL_CHARS:
        words = words[-_LABEL_CHARS:]
        if "”" in words and "“" not in words.partition("”")[0]:  # do not open on half a quotation
            words = words.partition("”")[2]
        words = "…" + words.lstrip("》《，,、")
    if not words:  # `1件结转下年度继续办理`: the words come after the figure
        return f"{show(figure.value)}{figure.unit}{figure.tail}"
    return f"{words}{show(figure.value)}{figure.unit}"


def span(figure: Figure) -> tuple[int, int]:
    return (figure.start, figure.number_end)
