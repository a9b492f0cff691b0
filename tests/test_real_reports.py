"""Reports as their offices published them: PDFs of the 2021 national template, kept in tests/reports/real/.

Every expected value was read off the printed page (the PDFs rendered and read by eye), not taken from the
program. The sources of the files are in tests/reports/real/README.md. Where the program misreads a file,
the test says what the page shows and is marked as an expected failure, with the reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from models import load_report

REAL = Path(__file__).resolve().parent / "reports" / "real"

PARTS = [
    ("一、", "总体情况"),
    ("二、", "主动公开政府信息情况"),
    ("三、", "收到和处理政府信息公开申请情况"),
    ("四、", "政府信息公开行政复议、行政诉讼情况"),
    ("五、", "存在的主要问题及改进情况"),
    ("六、", "其他需要报告的事项"),
]
OVERVIEW = [
    ("（一）", "主动公开情况"),
    ("（二）", "依申请公开情况"),
    ("（三）", "政府信息管理情况"),
    ("（四）", "政府信息公开平台建设情况"),
    ("（五）", "政府信息公开监督保障情况"),
]
TITLES = {
    "huaian-2024": "淮安市人民政府2024年政府信息公开工作年度报告",
    "hongze-2023": "洪泽区人民政府2023年政府信息公开工作年度报告",
    "hongze-2024": "淮安市洪泽区人民政府2024年政府信息公开工作年度报告",
}
# 第二十条: each row's printed figures, left to right.
ACTIVE = {
    "huaian-2024": {
        "规章": [1, 0, 11],
        "行政规范性文件": [8, 26, 66],
        "行政许可": [447228],
        "行政处罚": [3985758],
        "行政强制": [88283],
        "行政事业性收费": [96171.6],
    },
    "hongze-2023": {
        "规章": [0, 0, 0],
        "行政规范性文件": [0, 5, 5],
        "行政许可": [550],
        "行政处罚": [4119],
        "行政强制": [195],
        "行政事业性收费": [7730.28],
    },
    "hongze-2024": {
        "规章": [0, 0, 0],
        "行政规范性文件": [3, 0, 8],
        "行政处罚": [2776],
        "行政强制": [84],
        "行政事业性收费": [7545],
    },
}
# 行政复议 (5 columns), 未经复议直接起诉 (5), 复议后起诉 (5), as printed.
REVIEW = {
    "huaian-2024": [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20],
    "hongze-2023": [10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0],
    "hongze-2024": [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3],
}
ZEROS = [0] * 7


@pytest.fixture(scope="module")
def reports():
    """The three PDFs, each read once."""
    return {name: load_report(REAL / f"{name}.pdf") for name in TITLES}


@pytest.fixture(params=sorted(TITLES))
def named(request, reports):
    return request.param, reports[request.param]


def _rows(report, kind: str) -> dict[str, list[object]]:
    table = next(t for t in report.tables if t.kind == kind)
    return {row.name: list(row.values.values()) for row in table.rows}


def _filled(values: list[object]) -> list[object]:
    return [v for v in values if v is not None]


def test_title_is_the_body_and_the_report_printed_on_two_lines(named):
    """The title, printed as the body's name over `N年政府信息公开工作年度报告`, is one title."""
    name, report = named
    assert report.source_format == "pdf"
    assert report.title == TITLES[name]


def test_outline_is_the_six_parts_with_the_overview_in_five(named):
    """Six top-level parts in the template's order; 总体情况 holds the five run-in headings （一）–（五）."""
    _, report = named
    assert [(s.marker, s.title) for s in report.sections] == PARTS
    assert [(s.marker, s.title) for s in report.sections[0].children] == OVERVIEW
    assert all(not s.children for s in report.sections[1:])


def test_article_twenty_figures(named):
    """Each 第二十条 row's figures as printed, under the 项 it belongs to."""
    name, report = named
    rows = _rows(report, "active")
    assert {row: _filled(rows.get(row, [])) for row in ACTIVE[name]} == ACTIVE[name]
    table = next(t for t in report.tables if t.kind == "active")
    parents = {row.name: row.parent for row in table.rows}
    assert parents["行政规范性文件"] == "第二十条第（一）项"
    assert parents["行政强制"] == "第二十条第（六）项"


def test_review_and_litigation_row(named):
    """The one row of 行政复议、行政诉讼, fifteen figures as printed, even where they do not add up."""
    name, report = named
    (row,) = next(t for t in report.tables if t.kind == "review").rows
    assert list(row.values.values()) == REVIEW[name]


def test_huaian_applications_as_printed(reports):
    """淮安市 2024, 收到和处理政府信息公开申请情况: the year's totals and rows on both pages."""
    rows = _rows(reports["huaian-2024"], "applications")
    assert rows["一、本年新收政府信息公开申请数量"] == [3001, 53, 0, 0, 61, 4, 3119]
    assert rows["二、上年结转政府信息公开申请数量"] == [34, 0, 0, 0, 0, 0, 34]
    assert rows["（一）予以公开"] == [1288, 21, 0, 0, 50, 3, 1362]
    assert rows["（二）部分公开"] == [447, 7, 0, 0, 0, 0, 454]
    assert rows["2.其他法律行政法规禁止公开"] == [30, 1, 0, 0, 0, 0, 31]
    assert rows["8.属于行政查询事项"] == [105, 0, 0, 0, 0, 0, 105]
    assert rows["2.没有现成信息需要另行制作"] == [11, 0, 0, 0, 0, 0, 11]
    assert rows["1.信访举报投诉类申请"] == [56, 6, 0, 0, 0, 0, 62]
    assert rows["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"] == [67, 3, 0, 0, 1, 0, 71]
    assert rows["3.其他"] == [108, 2, 0, 0, 0, 0, 110]
    assert rows["（七）总计"] == [2932, 53, 0, 0, 61, 4, 3050]
    assert rows["四、结转下年度继续办理"] == [103, 0, 0, 0, 0, 0, 103]


def test_huaian_row_above_the_page_break(reports):
    """淮安市 2024: the last row on page 4, 1.本机关不掌握相关政府信息, reads 746 12 0 0 10 1 769."""
    rows = _rows(reports["huaian-2024"], "applications")
    assert rows["1.本机关不掌握相关政府信息"] == [746, 12, 0, 0, 10, 1, 769]


@pytest.mark.parametrize(
    ("name", "received", "disclosed", "partly"),
    [
        ("hongze-2023", [21, 0, 0, 0, 0, 0, 21], ZEROS, [4, 0, 0, 0, 0, 0, 4]),
        ("hongze-2024", [95, 0, 0, 0, 0, 0, 95], [50, 0, 0, 0, 0, 0, 50], [9, 0, 0, 0, 0, 0, 9]),
    ],
)
def test_hongze_applications_head(reports, name, received, disclosed, partly):
    """洪泽区: the head rows of 收到和处理政府信息公开申请情况, as printed."""
    rows = _rows(reports[name], "applications")
    assert rows["一、本年新收政府信息公开申请数量"] == received
    assert rows["二、上年结转政府信息公开申请数量"] == ZEROS
    assert rows["（一）予以公开"] == disclosed
    assert rows["（二）部分公开"] == partly


@pytest.mark.parametrize(
    ("name", "secret", "not_held", "carried"),
    [
        ("hongze-2023", [1, 0, 0, 0, 0, 0, 1], [10, 0, 0, 0, 0, 0, 10], ZEROS),
        ("hongze-2024", ZEROS, [31, 0, 0, 0, 0, 0, 31], ZEROS),
    ],
)
def test_hongze_applications_below_a_misprinted_label(reports, name, secret, not_held, carried):
    """洪泽区: the rows about `2.其他法律行政止公开` (misprinted for 2.其他法律行政法规禁止公开), as printed."""
    rows = _rows(reports[name], "applications")
    assert rows.get("1.属于国家秘密") == secret
    assert rows.get("1.本机关不掌握相关政府信息") == not_held
    assert rows.get("四、结转下年度继续办理") == carried


@pytest.mark.parametrize(("name", "total"), [("hongze-2023", 21), ("hongze-2024", 95)])
def test_hongze_other_handling_and_total(reports, name, total):
    """洪泽区: （六）其他处理, printed as a single row of zeros, and （七）总计, the year's total."""
    rows = _rows(reports[name], "applications")
    assert rows.get("（六）其他处理") == ZEROS
    assert rows.get("（七）总计") == [total, 0, 0, 0, 0, 0, total]


def test_huaian_page_numbers_are_not_text(reports):
    """淮安市 2024: none of the six `- N -` page numbers is left in the text."""
    lines = [line.strip() for line in reports["huaian-2024"].text.splitlines()]
    assert not [line for line in lines if line.startswith("- ") and line.endswith(" -")]


@pytest.mark.parametrize("name", ["hongze-2023", "hongze-2024"])
def test_hongze_page_numbers_are_not_text(reports, name):
    """洪泽区: none of the five `- N -` page numbers is left in the text."""
    lines = [line.strip() for line in reports[name].text.splitlines()]
    assert not [line for line in lines if line.startswith("- ") and line.endswith(" -")]


def test_hongze_2024_licences_at_the_foot_of_a_page(reports):
    """洪泽区 2024: 行政许可, the last row on page 2, reads 9487."""
    rows = _rows(reports["hongze-2024"], "active")
    assert _filled(rows["行政许可"]) == [9487]
