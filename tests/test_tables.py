"""Golden tests of the pre-2019 appendix table, with figures read off the reports."""

from pathlib import Path

import pytest

from models import load_report, parse_report

REPORTS = Path(__file__).resolve().parent / "reports"

# Sanming 2017, lines 226-322: the cells come one a line and the empty 计量单位 cells were dropped.
SANMING_ROWS = [
    ("主动公开文件数", None, 34073, 364686, 234),
    ("政府网站公开数", "主动公开文件数", 34073, 311468, 240),
    ("政府公报数", "主动公开文件数", 0, 0, 246),
    ("受理政府信息公开申请总数", None, 154, 1844, 252),
    ("当面申请数", "受理政府信息公开申请总数", 32, 1069, 258),
    ("网络申请数", "受理政府信息公开申请总数", 117, 428, 264),
    ("信函、传真申请数", "受理政府信息公开申请总数", 5, 176, 270),
    ("对申请的答复总数", None, 154, 1844, 276),
    ("同意公开答复数", "对申请的答复总数", 49, 1412, 282),
    ("同意部分公开答复数", "对申请的答复总数", 3, 86, 288),
    ("不予公开答复数", "对申请的答复总数", 4, 15, 294),
    ("其他类型答复数", "对申请的答复总数", 20, 81, 300),
    ("接受行政申诉、举报数", None, 0, 1, 306),
    ("行政复议数", None, 0, 0, 312),
    ("行政诉讼数", None, 0, 0, 318),
]


def test_sanming_appendix_has_its_15_rows():
    """Every row of the Sanming appendix: name, parent, the 2017 figure, 历年累计 and its line."""
    report = load_report(REPORTS / "sanming-2017.txt")
    (table,) = report.tables
    assert table.columns == ["2017", "历年累计"]
    assert table.year_column == "2017"
    got = [(r.name, r.parent, r.values["2017"], r.values["历年累计"], r.line) for r in table.rows]
    assert got == SANMING_ROWS
    assert all(row.unit is None for row in table.rows), "the dropped 计量单位 cells are not invented"


def test_sanming_table_rows_point_at_their_text():
    """A row's offsets cover its name and figures in the text."""
    report = load_report(REPORTS / "sanming-2017.txt")
    row = report.tables[0].rows[5]
    assert report.text[row.start : row.end].startswith("2.网络申请数")
    assert report.text[row.start : row.end].endswith("428")


def test_appendix_cells_are_not_headings():
    """`2.政府公报数` inside the appendix is a table row, never a section."""
    report = load_report(REPORTS / "sanming-2017.txt")
    table = report.tables[0]
    assert not [s for s in report.walk() if table.start <= s.start < table.end]


@pytest.mark.parametrize(
    ("name", "year", "rows", "expected"),
    [
        (
            "pingtan-2012.txt",
            "2012年度",
            16,
            {
                "主动公开信息数": (None, "条", 739, 4359),
                "网站公开": ("主动公开信息数", "条", 739, 4359),
                "否决公开答复数": ("对申请的答复总数", "条", 0, 0),
                "行政申诉、举报数": (None, "件", 0, 0),
            },
        ),
        (
            "pingtan-2014.txt",
            "2014年度",
            16,
            {
                "主动公开文件数": (None, "条", 2543, 78967),
                "信函、传真申请数": ("受理依申请公开信息总数", "条", 1, 1),
                "同意公开答复数": ("对申请的答复总数", "条", 1, 1),
                "政府信息公开收费减免金额": (None, "元", 0, 0),
            },
        ),
    ],
)
def test_space_separated_pingtan_tables(name, year, rows, expected):
    """The one-line Pingtan tables whose cells are separated by spaces keep units and figures."""
    report = load_report(REPORTS / name)
    (table,) = report.tables
    assert table.columns == [year, "历年累计"]
    assert table.title == "平潭综合实验区政府信息公开情况统计表"
    assert len(table.rows) == rows
    by_name = {row.name: row for row in table.rows}
    for row_name, (parent, unit, this_year, total) in expected.items():
        row = by_name[row_name]
        assert (row.parent, row.unit, row.values[year], row.values["历年累计"]) == (parent, unit, this_year, total)


def test_tab_separated_rows_keep_blank_cells_null():
    """A row a line with tab-separated cells: a blank cell is null, a given unit is kept."""
    text = "附表\n指标名称\t计量单位\t2018\t历年累计\n主动公开文件数\t条\t12\t40\n其中：1.政府网站公开数\t\t\t30\n"
    (table,) = parse_report(text.encode("utf-8")).tables
    first, second = table.rows
    assert (first.unit, first.values) == ("条", {"2018": 12, "历年累计": 40})
    assert (second.name, second.parent, second.unit) == ("政府网站公开数", "主动公开文件数", None)
    assert second.values == {"2018": None, "历年累计": 30}
