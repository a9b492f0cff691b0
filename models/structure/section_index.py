"""The section tree as flat lists: what the outline's item model looks sections up in.

Plain Python, so that a big report's index is built where the report is received (a thread of the window's
process, models.load.protocol), not on the window's thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.core.document import Section

NO_PARENT = -1


class SectionIndex:
    """Every section in depth-first order, with its parent, its row under that parent and its children,
    each by its place in `flat`; and the places sorted by where the sections start."""

    def __init__(self, sections: list[Section]) -> None:
        self.roots = sections
        self.flat: list[Section] = []
        self.parent: list[int] = []
        self.row: list[int] = []
        self.children: list[list[int]] = []
        self.position: dict[int, int] = {}  # id(section) -> place in flat
        for row, section in enumerate(sections):
            self._add(section, NO_PARENT, row)
        self.root_ids = [self.position[id(section)] for section in sections]
        self.by_start = sorted(range(len(self.flat)), key=lambda n: (self.flat[n].start, n))
        self.starts = [self.flat[n].start for n in self.by_start]

    def _add(self, section: Section, parent: int, row: int) -> None:
        number = len(self.flat)
        self.flat.append(section)
        self.parent.append(parent)
        self.row.append(row)
        self.children.append([])
        self.position[id(section)] = number
        for child_row, child in enumerate(section.children):
            self.children[number].append(len(self.flat))
            self._add(child, number, child_row)
