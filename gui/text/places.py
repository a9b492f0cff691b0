"""The places of the checks' findings in the report's text, for the view that marks them.

Places are kept sorted by where they start, so that those on screen and those under the mouse are found by
a bisection. A report of tens of thousands of places takes long enough to sort out to be done a slice per
turn of the event loop: `FindingPlaces.placing()` yields now and then and changes the places only at its end.
Plain Python: the view turns the ranges into underlines.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from operator import itemgetter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.checks.finding import Finding
    from models.structure.textmap import TextMap

MANY_PLACES = 5_000  # findings with more places are sorted out in slices; as many at a time
# The longest a selection may reach back from its start (a number, a hit): found by a bisection on starts.
SELECTION_REACH = 200


class FindingPlaces:
    """Where the findings' numbers are in the report's text, each with its finding's message and severity."""

    def __init__(self) -> None:
        self._places: list[tuple[int, int, str, str]] = []  # (start, end, message, severity), by start
        self._starts: list[int] = []

    def __len__(self) -> int:
        return len(self._places)

    def placing(self, findings: list[Finding]) -> Iterator[None]:
        """Sort the places of `findings` out, yielding now and then; the places change at the end."""
        places: list[tuple[int, int, str, str]] = []
        since_yield = 0
        for finding in findings:
            places += [(s, e if e > s else s + 1, finding.message, finding.severity) for s, e in finding.spans]
            since_yield += len(finding.spans)
            if since_yield >= MANY_PLACES:
                since_yield = 0
                yield
        places.sort(key=itemgetter(0))  # by start alone: comparing whole tuples compares their messages
        yield
        self._places = places
        self._starts = list(map(itemgetter(0), places))

    def messages_at(self, offset: int) -> list[str]:
        """The messages of the findings whose numbers are at text offset `offset`, each once."""
        place = bisect_right(self._starts, offset)
        messages: list[str] = []
        for start, end, message, _severity in reversed(self._places[max(0, place - 200) : place]):
            if start <= offset < end and message not in messages:
                messages.append(message)
        return messages[::-1]

    def ranges_between(self, textmap: TextMap, low: int, high: int) -> Iterator[tuple[int, int, str]]:
        """The document ranges of the places that lie between document positions low and high, with their
        findings' severities."""
        first = bisect_left(self._starts, textmap.offset_of_position(low) - SELECTION_REACH)
        last = bisect_right(self._starts, textmap.offset_of_position(high))
        for text_start, text_end, _message, severity in self._places[first:last]:
            for start, end in textmap.document_ranges(text_start, text_end):
                if end >= low and start <= high:
                    yield start, end, severity
