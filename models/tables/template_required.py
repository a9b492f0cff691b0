"""What the national template requires of its tables: the rows each must have, and what counts as left blank.

One answer for every reader of it: the 完整性 check and the skipped checks (`models.checks`) and the 指标
panel's note above a table that lacks rows. Rows are the template's labels, as `models.tables.template` names
the rows it reads; a row named by its path (`三、本年度办理结果/（七）总计`) counts by its last part.

The 2019 template (国办公开办函〔2019〕60号) and the 2021 one (〔2021〕30号) differ in the 主动公开 table's
blocks and in the rows under （六）其他处理; a table is taken for the 2021 one when it shows that template's own
columns or rows.
"""

from __future__ import annotations

from models.core.document import Row, Table
from models.tables.template_labels import (
    ACTIVE,
    APPLICATION_LABELS,
    APPLICATIONS,
    REVIEW,
    REVIEW_ROW,
    block_name,
)

# The 主动公开 table's 第二十条 blocks and their rows, in each template.
_ACTIVE_BLOCKS = {
    2019: {
        "一": ("规章", "规范性文件"),
        "五": ("行政许可", "其他对外管理服务事项"),
        "六": ("行政处罚", "行政强制"),
        "八": ("行政事业性收费",),
        "九": ("政府集中采购",),
    },
    2021: {
        "一": ("规章", "行政规范性文件"),
        "五": ("行政许可",),
        "六": ("行政处罚", "行政强制"),
        "八": ("行政事业性收费",),
    },
}
_COLUMNS_2021 = frozenset(
    {"本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额（单位：万元）"}
)
# The same row as the other template names it.
_OTHER_NAME = {"规范性文件": "行政规范性文件", "行政规范性文件": "规范性文件"}
_OTHER_HANDLING = "（六）其他处理"  # its rows are the 2021 template's only


def required_rows(table: Table) -> list[tuple[str, str | None]]:
    """(name, parent) of each row the template requires of `table`, in the template's order; [] for a table
    that is not one of the template's."""
    if table.kind == APPLICATIONS:
        names = _names(table)
        split = any(label.parent == _OTHER_HANDLING and label.name in names for label in APPLICATION_LABELS)
        return [(label.name, label.parent) for label in APPLICATION_LABELS if label.parent != _OTHER_HANDLING or split]
    if table.kind == ACTIVE:
        version = 2021 if _COLUMNS_2021 & set(table.columns) else 2019
        rows: list[tuple[str, str | None]] = []
        for numeral, names_in_block in _ACTIVE_BLOCKS[version].items():
            block = block_name(numeral)
            rows += [(block, None), *((name, block) for name in names_in_block)]
        return rows
    if table.kind == REVIEW:
        return [(REVIEW_ROW, None)]
    return []


def missing_rows(table: Table) -> list[str]:
    """The rows the template requires that `table` lacks, in the template's order: `（七）总计`,
    `第二十条第（九）项`. A row under a missing one is not named again: its group stands for it."""
    names = _names(table)
    gone: set[str] = set()
    missing = []
    for name, parent in required_rows(table):
        if name in names or _OTHER_NAME.get(name) in names:
            continue
        gone.add(name)
        if parent not in gone:
            missing.append(name)
    return missing


def is_blank(rows: list[Row]) -> bool:
    """Whether `rows` have cells and every one is blank: no figure, and no digits that could not be split."""
    cells = [(row, column) for row in rows for column in row.values]
    return bool(cells) and all(row.values[column] is None and column not in row.raw for row, column in cells)


def blank_blocks(table: Table) -> list[tuple[str, list[Row]]]:
    """The 第二十条 blocks of a 主动公开 table whose every cell is blank, each with its rows."""
    if table.kind != ACTIVE:
        return []
    blocks: dict[str, list[Row]] = {}
    for row in table.rows:
        if row.parent is not None:
            blocks.setdefault(row.parent, []).append(row)
    return [(block, rows) for block, rows in blocks.items() if is_blank(rows)]


def _names(table: Table) -> set[str]:
    return {row.name.rpartition("/")[2] for row in table.rows}
