"""Appendix tables whose cells ran together: golden tests on the Pingtan reports and one case a constraint."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models import load_report, parse_report
from models.core.limits import RUN_TABLES_HEARD
from models.tables.runs import splits

REPORTS = Path(__file__).resolve().parent / "reports"

# The rows of the national 附表 as Pingtan printed it from 2015 on; 收费减免金额 was dropped in 2017.
_ACTIVE = ("主动公开文件数", "政府网站公开数", "政府公报公开数")
_APPLIED = ("受理依申请公开信息总数", "当面申请数", "网上申请数", "信函、传真申请数")
_ANSWERED = ("对申请的答复总数", "同意公开答复数", "同意部分公开答复数", "不予公开答复数", "其他类型答复数")
_FEE = ("政府信息公开收费减免金额",)
_LAWSUITS = ("接受行政诉讼、举报数", "行政复议数", "行政诉讼数")
# The county's own form (2011, 2013).
_COUNTY_ACTIVE = ("主动公开信息数", "网站公开", "政府公报公开")
_COUNTY_APPLIED = (
    "受理依申请公开信息总数",
    "当面申请数",
    "传真申请数",
    "电子邮件申请数",
    "网上申请数",
    "信函申请数",
    "其它形式申请数",
)
_COUNTY_ANSWERED = ("对申请的答复数", "同意公开答复数", "同意部分公开答复数", "否决公开答复数")
_COUNTY_LAWSUITS = ("行政复议数", "行政诉讼数", "行政申诉数")


def _block(names, figures, unit="条", nested=True):
    """Rows (name, parent, unit, year, cumulative): the first is the total, the rest its sub-rows."""
    total = names[0] if nested else None
    return [
        (name, total if nested and place else None, unit, *figure)
        for place, (name, figure) in enumerate(zip(names, figures, strict=True))
    ]


def _zeros(names):
    return [(0, 0)] * len(names)


# Read off the reports: the first figure of 主动公开 is the body text's (e.g. pingtan-2016:
# `2016年全区主动公开政府信息3460条`), its sub-rows add up to it, and a run such as `01` has one reading.
EXPECTED = {
    "pingtan-2015": _block(_ACTIVE, [(2949, 81916), (2949, 81916), (0, 0)])
    + _block(_APPLIED, [(0, 1), (0, 0), (0, 0), (0, 1)])
    + _block(_ANSWERED, [(0, 1), (0, 1), (0, 0), (0, 0), (0, 0)])
    + _block(_FEE, _zeros(_FEE), unit="元", nested=False)
    + _block(_LAWSUITS, _zeros(_LAWSUITS), unit="件", nested=False),
    "pingtan-2016": _block(_ACTIVE, [(3460, 85376), (3460, 85376), (0, 0)])
    + _block(_APPLIED, _zeros(_APPLIED))
    + _block(_ANSWERED, _zeros(_ANSWERED))
    + _block(_FEE, _zeros(_FEE), unit="元", nested=False)
    + _block(_LAWSUITS, _zeros(_LAWSUITS), unit="件", nested=False),
    "pingtan-2017": _block(_ACTIVE, [(2122, 10037), (2122, 10037), (0, 0)])
    + _block(("受理政府信息依申请公开总数", *_APPLIED[1:]), _zeros(_APPLIED))
    + _block(_ANSWERED, _zeros(_ANSWERED))
    + _block(_LAWSUITS, _zeros(_LAWSUITS), unit="件", nested=False),
    "pingtan-2018": _block(_ACTIVE, [(2069, 12106), (2069, 12106), (0, 0)])
    + _block(_APPLIED, _zeros(_APPLIED))
    + _block(_ANSWERED, _zeros(_ANSWERED))
    + _block(_LAWSUITS, _zeros(_LAWSUITS), unit="件", nested=False),
    # 418 + 7 = 425 and 1509 + 7 = 1516; the body says `其中主动公开政府信息425条`.
    "pingtan-county-2011": _block(_COUNTY_ACTIVE, [(425, 1516), (418, 1509), (7, 7)])
    + _block(_COUNTY_APPLIED, _zeros(_COUNTY_APPLIED))
    + _block(_COUNTY_ANSWERED, _zeros(_COUNTY_ANSWERED))
    + _block(_COUNTY_LAWSUITS, _zeros(_COUNTY_LAWSUITS), nested=False),
    # The body says `其中主动公开政府信息1853条`; 网站公开 1713 / 5017 is the only reading of
    # `17135017` not larger than its total (the source's sub-rows do not add up: 1713 + 0 ≠ 1853).
    # 7 = 0 + 0 + 3 + 4 + 0 + 0 and 28 = 18 + 0 + 6 + 4 + 0 + 0; 3 = 2 + 1 + 0 and 24 = 19 + 3 + 2.
    "pingtan-county-2013": _block(_COUNTY_ACTIVE, [(1853, 5395), (1713, 5017), (0, 7)])
    + _block(_COUNTY_APPLIED, [(7, 28), (0, 18), (0, 0), (3, 6), (4, 4), (0, 0), (0, 0)])
    + _block(_COUNTY_ANSWERED, [(3, 24), (2, 19), (1, 3), (0, 2)])
    + _block(_COUNTY_LAWSUITS, _zeros(_COUNTY_LAWSUITS), nested=False),
}
YEARS = {name: name[-4:] for name in EXPECTED}
# What follows each table in the file: nothing, or the page's ` 附件下载` link.
AFTER = {name: "" for name in EXPECTED} | {"pingtan-2017": " 附件下载"}


def _only_table(name):
    report = load_report(REPORTS / f"{name}.txt")
    (table,) = report.tables
    return report, table


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_run_together_rows_are_split_as_the_report_makes_certain(name):
    """Every row's name, parent, unit and both figures, as read off the report."""
    _, table = _only_table(name)
    year = f"{YEARS[name]}年度"
    assert table.columns == [year, "历年累计"]
    got = [(r.name, r.parent, r.unit, r.values[year], r.values["历年累计"]) for r in table.rows]
    assert got == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_split_figure_is_marked_inferred_and_none_is_left_raw(name):
    """Each figure came from a split, so each carries its reason; none of these tables is ambiguous."""
    _, table = _only_table(name)
    for row in table.rows:
        assert set(row.inferred) == set(table.columns), row.name
        assert row.raw == {}, row.name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_table_spans_from_its_header_to_its_last_digit(name):
    """The table starts at 指标名称 on line 10 and stops at the last row's digits, not at what follows."""
    report, table = _only_table(name)
    assert report.text[table.start : table.start + 4] == "指标名称"
    assert table.line == 10
    assert report.text[table.end :] == AFTER[name]
    assert report.text[table.rows[-1].start : table.end].endswith("00")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_outline_picks_no_heading_inside_the_table(name):
    """Row numbers such as `2、政府公报公开数` are no longer taken for headings."""
    report, table = _only_table(name)
    inside = [s.heading for s in report.walk() if table.start <= s.start < table.end]
    assert inside == []
    assert not any("公开数" in s.title or "申请数" in s.title for s in report.walk())


def test_body_figure_is_quoted_as_the_reason():
    """The 2016 total was chosen because the body says 3460, and the reader is told so."""
    _, table = _only_table("pingtan-2016")
    reason = table.rows[0].inferred["2016年度"]
    assert "346085376" in reason
    assert "2016年全区主动公开政府信息3460条" in reason


def test_sub_row_sum_is_given_as_the_reason():
    """County 2011's 网站公开 418 / 1509 is known only because it and 7 / 7 add up to 425 / 1516."""
    _, table = _only_table("pingtan-county-2011")
    website = table.rows[1]
    assert "4181509" in website.inferred["2011年度"]
    assert "主动公开信息数" in website.inferred["2011年度"]


def test_single_reading_says_so():
    """A run such as `00` or `01` has one reading, and its reason says that."""
    _, table = _only_table("pingtan-2015")
    applied = table.rows[3]
    assert applied.inferred["2015年度"] == "由数字串01拆分：唯一可能的拆分"


def test_contradicting_sub_rows_fall_back_to_no_sub_row_above_its_total():
    """County 2013's sub-rows do not add up; the reason says the split rests on the sub-row being smaller."""
    _, table = _only_table("pingtan-county-2013")
    reason = table.rows[1].inferred["2013年度"]
    assert "不大于合计" in reason
    assert "相加不符" in reason


def test_splits_lists_every_cut_without_leading_zeros():
    """`splits` gives each cut of a run into figures, a lone 0 allowed but no other leading zero."""
    assert splits("00", 2) == [(0, 0)]
    assert splits("018", 2) == [(0, 18)]
    assert splits("1215", 2) == [(1, 215), (12, 15), (121, 5)]
    assert splits("7", 2) == []
    assert splits("1203", 3) == [(1, 20, 3), (12, 0, 3)]


def _table(body, rows):
    text = f"{body}统计表 指标名称计量单位2016年度历年累计{rows}"
    report = parse_report(text.encode("utf-8"))
    (table,) = report.tables
    return report, table


def test_unit_separates_name_from_digits():
    """The unit between a name and its digits is kept, the longest first (人次 not 次)."""
    _, table = _table("", "收费减免金额元00接待来访人次人次35行政复议数件01")
    got = [(r.name, r.unit, r.values["2016年度"], r.values["历年累计"]) for r in table.rows]
    assert got == [("收费减免金额", "元", 0, 0), ("接待来访人次", "人次", 3, 5), ("行政复议数", "件", 0, 1)]


def test_next_rows_number_is_cut_from_the_digits():
    """In `592、公报…` the 2 numbers the next row: the figures are 5 / 9, not 5 / 92."""
    _, table = _table("", "主动公开文件数条59其中：1、网站公开数条592、公报公开数条00")
    website = table.rows[1]
    assert (website.values["2016年度"], website.values["历年累计"]) == (5, 9)
    assert website.end - website.start == len("其中：1、网站公开数条59")
    assert "其后的2是下一行的序号" in website.inferred["2016年度"]
    assert [(r.name, r.parent) for r in table.rows] == [
        ("主动公开文件数", None),
        ("网站公开数", "主动公开文件数"),
        ("公报公开数", "主动公开文件数"),
    ]


def test_year_figure_is_never_above_the_cumulative_one():
    """`51` cannot be 5 / 1, so with no other reading both cells stay empty and keep the digits."""
    _, table = _table("", "行政复议数件51行政诉讼数件15")
    complaint, lawsuit = table.rows
    assert complaint.values == {"2016年度": None, "历年累计": None}
    assert complaint.raw == {"2016年度": "51", "历年累计": "51"}
    assert (lawsuit.values["2016年度"], lawsuit.values["历年累计"]) == (1, 5)


def test_sub_rows_adding_up_settle_their_total():
    """`1525` is 1 / 525 or 15 / 25; only 15 / 25 is the sum of 5 / 10 and 10 / 15."""
    _, table = _table("", "受理申请总数条1525其中：1、当面申请数条5102、网上申请数条1015")
    total = table.rows[0]
    assert (total.values["2016年度"], total.values["历年累计"]) == (15, 25)
    assert "其中各分项相加等于本行" in total.inferred["2016年度"]


def test_body_figure_of_the_year_settles_the_split():
    """`1215` is 1 / 215 or 12 / 15; the body's `主动公开政府信息12条` for 2016 settles it."""
    _, table = _table("2016年全区主动公开政府信息12条。", "主动公开文件数条1215")
    (row,) = table.rows
    assert (row.values["2016年度"], row.values["历年累计"]) == (12, 15)
    assert "主动公开政府信息12条" in row.inferred["2016年度"]


def test_only_the_first_tables_hear_the_body():
    """Of many run-together tables, the first `RUN_TABLES_HEARD` are settled by the body's figure; those after them
    keep their digits (each would have the text before it read again)."""
    table = "统计表 指标名称计量单位2016年度历年累计主动公开文件数条1215\n"
    text = "2016年全区主动公开政府信息12条。\n" + table * (RUN_TABLES_HEARD + 2)
    tables = parse_report(text.encode("utf-8")).tables
    assert len(tables) == RUN_TABLES_HEARD + 2
    settled = [table.rows[0].values["2016年度"] for table in tables]
    assert settled == [12] * RUN_TABLES_HEARD + [None, None]


def test_body_figure_of_another_year_or_row_does_not_count():
    """A figure for 2015, or one that names another row, is no evidence for this row's 2016 figure."""
    body = "2015年全区主动公开政府信息12条。重大建设项目12条。"
    _, table = _table(body, "主动公开文件数条1215")
    (row,) = table.rows
    assert row.values == {"2016年度": None, "历年累计": None}


def test_ambiguous_run_keeps_its_digits_and_claims_nothing():
    """With nothing to choose between 1 / 215 and 12 / 15, the cells are empty and the run is kept."""
    _, table = _table("", "主动公开文件数条1215其中：1、网站公开数条12152、公报公开数条00")
    total, website, bulletin = table.rows
    for row in (total, website):
        assert row.values == {"2016年度": None, "历年累计": None}
        assert row.raw == {"2016年度": "1215", "历年累计": "1215"}
        assert row.inferred == {}
    assert (bulletin.values["2016年度"], bulletin.values["历年累计"]) == (0, 0)


def test_sub_row_larger_than_its_total_is_ruled_out_when_sums_fail():
    """`1990` is 1 / 990 or 19 / 90; nothing adds up to 20 / 100, but 990 is larger than the total's 100."""
    _, table = _table("", "主动公开文件数条20100其中：1、网站公开数条19902、公报公开数条33")
    website = table.rows[1]
    assert (website.values["2016年度"], website.values["历年累计"]) == (19, 90)
    assert "不大于合计" in website.inferred["2016年度"]


def test_table_stops_before_prose_after_a_gap():
    """`附件2：` after the last row is prose, not a row, and the table ends at the last row's digits."""
    report, table = _table("", "行政复议数件00 附件2：说明")
    assert [r.name for r in table.rows] == ["行政复议数"]
    assert report.text[table.end :] == " 附件2：说明"


_NAMES = "甲乙丙丁戊己庚辛"


@st.composite
def _run_tables(draw):
    """A run-together table of consistent figures: sub-rows add up, no year's figure above its total."""
    rows = []
    for group in range(draw(st.integers(1, 3))):
        children = []
        for place in range(draw(st.integers(0, 3))):
            year = draw(st.integers(0, 3000))
            children.append((f"{_NAMES[group]}{_NAMES[place]}分项数", year, year + draw(st.integers(0, 90000))))
        if children:
            total = (sum(c[1] for c in children), sum(c[2] for c in children))
        else:
            year = draw(st.integers(0, 3000))
            total = (year, year + draw(st.integers(0, 90000)))
        rows.append((f"{_NAMES[group]}类总数", None, *total))
        rows.extend((name, f"{_NAMES[group]}类总数", year, cumulative) for name, year, cumulative in children)
    return rows


def _render(rows):
    text, number = "", 0
    for name, parent, year, cumulative in rows:
        if parent is None:
            text += f"{name}条{year}{cumulative}"
            number = 0
            continue
        number += 1
        text += f"{'其中：' if number == 1 else ''}{number}、{name}条{year}{cumulative}"
    return text


@settings(max_examples=60, deadline=None)
@given(_run_tables())
def test_a_split_never_shows_a_figure_the_table_does_not_hold(rows):
    """Whatever the runs, each figure shown is the one written; a cell not known is empty with its digits."""
    _, table = _table("", _render(rows))
    assert [(r.name, r.parent) for r in table.rows] == [(name, parent) for name, parent, _, _ in rows]
    for row, (_, _, year, cumulative) in zip(table.rows, rows, strict=True):
        for column, truth in (("2016年度", year), ("历年累计", cumulative)):
            if row.values[column] is None:
                assert row.raw[column] == f"{year}{cumulative}"
            else:
                assert row.values[column] == truth
                assert row.inferred[column].startswith(f"由数字串{year}{cumulative}拆分")
