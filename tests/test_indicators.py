"""The pandas view of indicator tables (models.tables.indicators), checked without Qt.

The Sanming 2017 figures below were read off the report's appendix (lines 226-322 of
resources/reports/sanming-2017.txt), not produced by the parser.
"""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest

from models.core.document import Row, Table
from models.tables.indicators import (
    CUMULATIVE,
    LEVEL,
    NAME,
    PARENT,
    SHARE,
    UNIT,
    indicator_frame,
    plot_columns,
    plot_rows,
    row_levels,
)

ROOT = Path(__file__).resolve().parent.parent

# (name, parent, 2017, 历年累计), in the report's order.
SANMING_2017 = [
    ("主动公开文件数", None, 34073, 364686),
    ("政府网站公开数", "主动公开文件数", 34073, 311468),
    ("政府公报数", "主动公开文件数", 0, 0),
    ("受理政府信息公开申请总数", None, 154, 1844),
    ("当面申请数", "受理政府信息公开申请总数", 32, 1069),
    ("网络申请数", "受理政府信息公开申请总数", 117, 428),
    ("信函、传真申请数", "受理政府信息公开申请总数", 5, 176),
    ("对申请的答复总数", None, 154, 1844),
    ("同意公开答复数", "对申请的答复总数", 49, 1412),
    ("同意部分公开答复数", "对申请的答复总数", 3, 86),
    ("不予公开答复数", "对申请的答复总数", 4, 15),
    ("其他类型答复数", "对申请的答复总数", 20, 81),
    ("接受行政申诉、举报数", None, 0, 1),
    ("行政复议数", None, 0, 0),
    ("行政诉讼数", None, 0, 0),
]


def sanming_table() -> Table:
    """The Sanming 2017 appendix, built by hand from the report's figures."""
    rows = [
        Row(
            name=name,
            parent=parent,
            unit=None,
            values={"2017": year, CUMULATIVE: total},
            line=232 + 6 * i,
            start=1000 + 40 * i,
            end=1030 + 40 * i,
        )
        for i, (name, parent, year, total) in enumerate(SANMING_2017)
    ]
    return Table(title="附表", columns=["2017", CUMULATIVE], rows=rows, line=226, start=990, end=1700)


def applications_table() -> Table:
    """A small post-2019 applications table with applicant columns and a heading row without figures."""
    columns = ["自然人", "法人或其他组织/商业企业", "法人或其他组织/科研机构", "法人或其他组织/其他", "总计"]

    def row(name: str, parent: str | None, figures: list[int] | None) -> Row:
        values: dict[str, int | float | None] = dict.fromkeys(columns)
        if figures is not None:
            values = dict(zip(columns, figures, strict=True))
        return Row(name=name, parent=parent, unit=None, values=values, line=1, start=0, end=0)

    rows = [
        row("一、本年新收政府信息公开申请数量", None, [40, 3, 0, 1, 44]),
        row("二、上年结转政府信息公开申请数量", None, [2, 0, 0, 0, 2]),
        row("三、本年度办理结果", None, None),
        row("（一）予以公开", "三、本年度办理结果", [20, 1, 0, 0, 21]),
        row("（二）部分公开", "三、本年度办理结果", [5, 0, 0, 1, 6]),
    ]
    return Table(
        title="收到和处理政府信息公开申请情况",
        columns=columns,
        rows=rows,
        line=1,
        start=0,
        end=0,
        kind="applications",
    )


def test_frame_has_documented_columns_in_order():
    """The Sanming frame has name, parent, level, unit, the two value columns and the share."""
    frame = indicator_frame(sanming_table())
    assert list(frame.columns) == [NAME, PARENT, LEVEL, UNIT, "2017", CUMULATIVE, SHARE]
    assert len(frame) == 15


def test_frame_values_equal_the_report_figures():
    """Every figure of the frame is the one printed in the report, row by row."""
    frame = indicator_frame(sanming_table())
    assert frame[NAME].tolist() == [name for name, _, _, _ in SANMING_2017]
    assert frame["2017"].tolist() == [year for _, _, year, _ in SANMING_2017]
    assert frame[CUMULATIVE].tolist() == [total for _, _, _, total in SANMING_2017]


def test_levels_follow_parents():
    """Top-level rows are level 0 and their children level 1."""
    assert row_levels(sanming_table()) == [0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 0, 0, 0]


def test_share_is_year_over_cumulative():
    """The share is the year's figure divided by 历年累计 (34073 / 364686 for 主动公开文件数)."""
    frame = indicator_frame(sanming_table())
    assert frame.loc[0, SHARE] == pytest.approx(34073 / 364686)
    assert frame.loc[4, SHARE] == pytest.approx(32 / 1069)
    assert frame.loc[12, SHARE] == 0.0


def test_share_is_blank_when_cumulative_is_zero_or_null():
    """A zero or missing 历年累计 leaves the share blank (NaN), never infinite or zero."""
    table = sanming_table()
    table.rows[0].values[CUMULATIVE] = None
    frame = indicator_frame(table)
    assert math.isnan(frame.loc[0, SHARE])
    assert math.isnan(frame.loc[2, SHARE])  # 政府公报数 0 / 0
    assert math.isnan(frame.loc[14, SHARE])  # 行政诉讼数 0 / 0


def test_null_cells_are_nan():
    """A cell the parser could not fill becomes NaN, not zero."""
    table = sanming_table()
    table.rows[5].values["2017"] = None
    table.rows[5].raw["2017"] = "117428"
    frame = indicator_frame(table)
    assert math.isnan(frame.loc[5, "2017"])
    assert frame.loc[5, CUMULATIVE] == 428


def test_template_table_has_no_share_column():
    """A post-2019 table keeps its own columns and gets no share column."""
    frame = indicator_frame(applications_table())
    assert SHARE not in frame.columns
    assert list(frame.columns)[4:] == applications_table().columns
    assert frame["总计"].tolist()[:2] == [44, 2]


def test_plot_columns_year_against_cumulative():
    """An appendix is plotted as the year against 历年累计."""
    assert plot_columns(sanming_table()) == ["2017", CUMULATIVE]


def test_plot_columns_template_total():
    """A wide template table is plotted by its 总计 column."""
    assert plot_columns(applications_table()) == ["总计"]


def test_plot_columns_few_columns_grouped():
    """A table of three columns or fewer is plotted with every column side by side."""
    table = Table(
        title=None,
        columns=["本年制发件数", "本年废止件数", "现行有效件数"],
        rows=[],
        line=1,
        start=0,
        end=0,
        kind="active",
    )
    assert plot_columns(table) == ["本年制发件数", "本年废止件数", "现行有效件数"]


def test_plot_rows_skip_headings_and_children_when_asked():
    """Rows without figures get no bar, and the top-level choice keeps only level-0 rows."""
    apps = applications_table()
    frame = indicator_frame(apps)
    assert plot_rows(frame, ["总计"], top_level_only=False) == [0, 1, 3, 4]
    sanming = indicator_frame(sanming_table())
    assert plot_rows(sanming, ["2017", CUMULATIVE], top_level_only=True) == [0, 3, 7, 12, 13, 14]
    assert len(plot_rows(sanming, ["2017", CUMULATIVE], top_level_only=False)) == 15


def test_indicators_module_does_not_import_qt():
    """Importing models.tables.indicators pulls in pandas but never PySide6."""
    code = "import sys, models.tables.indicators; print('PySide6' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_parsed_sanming_report_gives_the_same_frame():
    """The parser's Sanming appendix yields the same names, parents and figures as read by hand."""
    from models import load_report

    (table,) = load_report(ROOT / "resources" / "reports" / "sanming-2017.txt").tables
    frame = indicator_frame(table)
    actual = list(zip(frame[NAME], frame[PARENT], frame["2017"], frame[CUMULATIVE], strict=True))
    assert actual == SANMING_2017
    assert frame.loc[0, SHARE] == pytest.approx(34073 / 364686)


@pytest.mark.parametrize(
    ("value", "shown", "digits"),
    [(34073, "34,073", "34073"), (364686.0, "364,686", "364686"), (1234.567, "1,234.57", "1234.57"),
     (12.5, "12.5", "12.5"), (-3, "-3", "-3"), (0, "0", "0"), (math.nan, "", ""), (None, "", "")],
)  # fmt: skip
def test_a_figure_is_written_one_way_with_or_without_separators(value, shown, digits):
    """Figures have thousands separators and decimals only when they have some; a null is blank; for a
    spreadsheet the same figure is its digits alone."""
    from models.core.numbers import format_number

    assert format_number(value) == shown
    assert format_number(value, separators=False) == digits


def test_a_share_is_a_percentage_with_one_decimal():
    """本年占累计 reads as a percentage: 154 of 1,844 is 8.4%; a share that cannot be computed is blank."""
    from models.core.numbers import format_share

    assert format_share(154 / 1844) == "8.4%"
    assert format_share(math.nan) == ""
