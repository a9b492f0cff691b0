"""What the body text says of a row whose digits ran together: the figures it states with a unit
(`2016年全区主动公开政府信息3460条`), each with the clause that leads up to it (see `models.tables.runs`).

The text is read once, from its start, only as far as the tables that ask, and only where a table asks at all;
a figure is kept as its offset, filed under its value, and its clause is cut out when a row asks about that
value. So a table at the end of a long text costs the figures its splits could hold, not the whole text before
it each time, and keeps no clause it never reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from models.core.limits import FIGURE_DIGITS, RUN_TABLES_HEARD
from models.tables.units import UNITS

_UNIT = "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True))
_MENTION = re.compile(rf"(?<![\d.])(\d{{1,{FIGURE_DIGITS}}})(?![\d.])\s*({_UNIT})")
_CLAUSE_BREAK = re.compile(r"[，。；：,;:！？!?（）()“”\"\s]")
_YEAR = re.compile(r"(\d{4})年")
_CLAUSE_CHARS = 60  # how far back a clause is looked for
_SHARED = 4  # characters a clause must share with a row's name (all of a shorter name)


@dataclass(frozen=True)
class Mention:
    """A figure written in the body text: `2016年全区主动公开政府信息3460条`."""

    value: int
    unit: str
    clause: str
    quote: str

    def names(self, name: str, unit: str, year: str | None) -> bool:
        """Whether the clause speaks of the figure of row `name` (in `unit`) for the report year (or its total)."""
        if self.unit != unit:
            return False
        if any(y != year for y in _YEAR.findall(self.clause)):
            return False
        core = name.removesuffix("总数").removesuffix("数")
        return _shares(core, self.clause, min(_SHARED, len(core)))


class BodyFigures:
    """The figures with a unit that a text states, read as far as asked and looked up by value.

    Only the first `RUN_TABLES_HEARD` tables that ask are answered: each asks about all the text before it.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._matches = _MENTION.finditer(text)
        self._next: re.Match[str] | None = None
        self._read_to = 0
        self._by_value: dict[int, list[int]] = {}
        self._tables: set[int] = set()

    def hears(self, table_start: int) -> bool:
        """Whether the table at `table_start` is among those the text is read for."""
        if table_start not in self._tables and len(self._tables) < RUN_TABLES_HEARD:
            self._tables.add(table_start)
        return table_start in self._tables

    def before(self, position: int, values: Iterable[int]) -> list[Mention]:
        """The figures stated before `position` whose value is one of `values`, in the order of the text."""
        self._read(position)
        starts = sorted(start for value in set(values) for start in self._by_value.get(value, ()) if start < position)
        return [self._mention(start) for start in starts]

    def _read(self, position: int) -> None:
        if position <= self._read_to:
            return
        self._read_to = position
        while True:
            match = self._next if self._next is not None else next(self._matches, None)
            if match is None or match.start() >= position:
                self._next = match
                return
            self._next = None
            self._by_value.setdefault(int(match.group(1)), []).append(match.start())

    def _mention(self, start: int) -> Mention:
        match = _MENTION.match(self._text, start)
        assert match is not None  # found at this offset before
        window = self._text[max(0, start - _CLAUSE_CHARS) : start]
        breaks = [b.end() for b in _CLAUSE_BREAK.finditer(window)]
        clause = window[breaks[-1] if breaks else 0 :]
        # Quote from the clause's last year on: `…的数量2016年全区主动公开…` reads as `2016年全区主动公开…`.
        years = list(_YEAR.finditer(clause))
        quote = clause[years[-1].start() :] if years else clause
        quote = f"{quote[-30:]}{match.group(1)}{match.group(2)}"
        return Mention(int(match.group(1)), match.group(2), clause, quote)


def _shares(a: str, b: str, length: int) -> bool:
    """Whether `a` and `b` have a common run of `length` characters (a substring search for each of `a`'s)."""
    return any(a[i : i + length] in b for i in range(len(a) - length + 1))
