"""Tables whose cells ran together (`主动公开文件数条346085376其中：1、…`): not split yet."""

from __future__ import annotations

from models.document import Table
from models.textindex import TextIndex


def read_run_table(text: str, index: TextIndex, start: int, limit: int, title: str | None) -> Table | None:
    """A table read from cells that ran together; None while no split is implemented."""
    return None
