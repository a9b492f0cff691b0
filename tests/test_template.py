"""Golden tests of the post-2019 national template's three tables, with figures read off the reports.

Pingtan 2019-2023 lost the table boundaries: `（一）予以公开7000007` is seven one-digit cells, and
`一、本年新收政府信息公开申请数量640020470` is nine digits for seven cells, which only 64/0/0/2/0/4/70
makes add up (and the 2021 body says 本年度全区共收到70件申请). Shanghai 2019 is a real HTML table whose
blank cells are `&nbsp;`. The expected figures below were read from the reports' text by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from models import load_report, parse_report
from models.core.document import Report, Table
from models.tables.template import ACTIVE, APPLICANT_COLUMNS, APPLICATIONS, REVIEW, REVIEW_COLUMNS, TITLES

REPORTS = Path(__file__).resolve().parent / "reports"
Z = [0] * 7
N = None


def _one(value: int) -> list[int]:
    """A row with `value` from natural persons only: 自然人 and 总计 carry it, the rest are 0."""
    return [value, 0, 0, 0, 0, 0, value]


# name -> the seven applicant figures; every row the report has, as printed.
APPLICATIONS_2019 = {
    "一、本年新收政府信息公开申请数量": _one(23),
    "二、上年结转政府信息公开申请数量": Z,
    "（一）予以公开": _one(7),
    "（二）部分公开": _one(1),
    **{
        name: Z
        for name in (
            "1.属于国家秘密",
            "2.其他法律行政法规禁止公开",
            "3.危及“三安全一稳定”",
            "4.保护第三方合法权益",
            "5.属于三类内部事务信息",
            "6.属于四类过程性信息",
            "7.属于行政执法案卷",
            "8.属于行政查询事项",
        )
    },
    "1.本机关不掌握相关政府信息": _one(7),
    "2.没有现成信息需要另行制作": Z,
    "3.补正后申请内容仍不明确": _one(5),
    "1.信访举报投诉类申请": Z,
    "2.重复申请": _one(3),
    "3.要求提供公开出版物": Z,
    "4.无正当理由大量反复申请": Z,
    "5.要求行政机关确认或重新出具已获取信息": Z,
    "（六）其他处理": Z,
    "（七）总计": _one(23),
    "四、结转下年度继续办理": Z,
}
APPLICATIONS_2020 = {
    **APPLICATIONS_2019,
    "一、本年新收政府信息公开申请数量": [20, 0, 0, 0, 0, 1, 21],
    "（一）予以公开": [6, 0, 0, 0, 0, 1, 7],
    "（二）部分公开": _one(6),
    "1.本机关不掌握相关政府信息": _one(4),
    "3.补正后申请内容仍不明确": _one(3),
    "（六）其他处理": _one(4),
    "（七）总计": [20, 0, 0, 0, 0, 1, 21],
}
APPLICATIONS_2021 = {
    **{name: Z for name in APPLICATIONS_2019},
    "一、本年新收政府信息公开申请数量": [64, 0, 0, 2, 0, 4, 70],
    "（一）予以公开": [27, 0, 0, 2, 0, 1, 30],
    "（二）部分公开": _one(5),
    "5.属于三类内部事务信息": _one(1),
    "7.属于行政执法案卷": _one(6),
    "8.属于行政查询事项": _one(1),
    "1.本机关不掌握相关政府信息": [22, 0, 0, 0, 0, 3, 25],
    "（六）其他处理": [N] * 7,  # 2021 template: a heading over three rows
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": Z,
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请": Z,
    "3.其他": _one(1),
    "（七）总计": [63, 0, 0, 2, 0, 4, 69],
    "四、结转下年度继续办理": _one(1),
}
APPLICATIONS_2023 = {
    **{name: Z for name in APPLICATIONS_2021},
    "（六）其他处理": [N] * 7,
    "一、本年新收政府信息公开申请数量": [80, 1, 0, 0, 0, 0, 81],
    "（一）予以公开": _one(22),
    "（二）部分公开": [19, 1, 0, 0, 0, 0, 20],
    "4.保护第三方合法权益": _one(1),
    "6.属于四类过程性信息": _one(1),
    "7.属于行政执法案卷": _one(1),
    "8.属于行政查询事项": _one(2),
    "1.本机关不掌握相关政府信息": _one(31),
    "2.重复申请": _one(1),
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": _one(1),
    "3.其他": _one(1),
    "（七）总计": [80, 1, 0, 0, 0, 0, 81],
}
# Blank (&nbsp;) cells are None, not 0.
APPLICATIONS_SHANGHAI = {
    "一、本年新收政府信息公开申请数量": [821, 35, N, N, 2, 1, 859],
    "二、上年结转政府信息公开申请数量": [18, N, N, N, N, N, 18],
    "（一）予以公开": [258, 12, N, N, 1, 1, N],
    "（二）部分公开": [3, N, N, N, N, N, N],
    "1.属于国家秘密": [14, N, N, N, N, N, N],
    "2.其他法律行政法规禁止公开": [N] * 7,
    "5.属于三类内部事务信息": [5, N, N, N, N, N, N],
    "6.属于四类过程性信息": [3, 1, N, N, N, N, N],
    "8.属于行政查询事项": [10, 2, N, N, N, N, N],
    "1.本机关不掌握相关政府信息": [252, 12, N, N, 1, N, N],
    "2.没有现成信息需要另行制作": [44, 3, N, N, N, N, N],
    "3.补正后申请内容仍不明确": [25, N, N, N, N, N, N],
    "1.信访举报投诉类申请": [148, 1, N, N, N, N, N],
    "2.重复申请": [5, 4, N, N, N, N, N],
    "（六）其他处理": [N] * 7,
    "（七）总计": [767, 35, N, N, 2, 1, 805],
    "四、结转下年度继续办理": [72, N, N, N, N, N, 72],
}
APPLICATION_FIGURES = {
    "pingtan-2019.txt": APPLICATIONS_2019,
    "pingtan-2020.txt": APPLICATIONS_2020,
    "pingtan-2021.txt": APPLICATIONS_2021,
    "pingtan-2023.txt": APPLICATIONS_2023,
    "shanghai-office-2019.html": APPLICATIONS_SHANGHAI,
}

REVIEW_FIGURES = {
    "pingtan-2019.txt": [0] * 15,
    "pingtan-2020.txt": [0] * 15,
    "pingtan-2021.txt": [1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0],
    "pingtan-2023.txt": [1, 1, 0, 0, 2, 4, 0, 0, 1, 5, 1, 0, 1, 0, 2],
    "shanghai-office-2019.html": [5, N, N, 2, 7, 8, N, N, 1, 9, N, N, N, N, N],
}

# name -> figures in the block's columns; None where the digits allow more than one split.
ACTIVE_FIGURES = {
    "pingtan-2019.txt": {
        "规章": [0, 0, 0],
        "规范性文件": [N, N, N],  # 898989
        "行政许可": [N, N, N],  # 3960181
        "行政处罚": [N, N, N],  # 26480430
        "行政事业性收费": [N, N],  # 350
        "政府集中采购": [N, N],  # 13575394432.52元
    },
    "pingtan-2020.txt": {
        "规章": [0, 0, 7],
        "规范性文件": [N, N, N],  # 7777166
        "行政处罚": [2648, N, N],  # 2648-18538: the minus sign starts 本年增/减
        "行政事业性收费": [35, -15],
    },
    "pingtan-2021.txt": {
        "规章": [0, 0, 0],
        "行政规范性文件": [N, N, N],  # 693665
        "行政许可": [2293],
        "行政处罚": [1282],
        "行政强制": [42],
        "行政事业性收费": [24252.311082],
    },
    "pingtan-2023.txt": {
        "规章": [0, 0, 0],
        "行政规范性文件": [77, N, N],  # 77132470; the body: 动态更新本年度制发的规范性文件77件
        "行政许可": [2629],
        "行政处罚": [1330],
        "行政强制": [54],
        "行政事业性收费": [5949.088667],
    },
    "shanghai-office-2019.html": {
        "规章": [13, 13, 524],
        "规范性文件": [60, 60, 368],
        "行政许可": [0, 0, 0],
        "其他对外管理服务事项": [0, 0, 0],
        "行政处罚": [0, 0, 0],
        "行政强制": [0, 0, 0],
        "行政事业性收费": [0, 0],
        "政府集中采购": [6, 251000],
    },
}
COLUMNS_2019 = [
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "处理决定数量",
    "采购项目数量",
    "采购总金额",
]
COLUMNS_2021 = ["本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额（单位：万元）"]
TEMPLATE_REPORTS = list(APPLICATION_FIGURES)


ACTIVE_COLUMNS = {
    name: COLUMNS_2021 if name in ("pingtan-2021.txt", "pingtan-2023.txt") else COLUMNS_2019
    for name in TEMPLATE_REPORTS
}


@pytest.fixture(scope="module", params=TEMPLATE_REPORTS)
def case(request) -> tuple[str, Report]:
    """(file name, parsed report) of each post-2019 report."""
    return request.param, load_report(REPORTS / request.param)


def _table(report: Report, kind: str) -> Table:
    tables = [t for t in report.tables if t.kind == kind]
    assert len(tables) == 1, [t.kind for t in report.tables]
    return tables[0]


def test_three_tables_in_template_order(case):
    """Each post-2019 report has the three template tables, in order, titled by the template."""
    _, report = case
    assert [t.kind for t in report.tables] == [ACTIVE, APPLICATIONS, REVIEW]
    assert [t.title for t in report.tables] == [TITLES[ACTIVE], TITLES[APPLICATIONS], TITLES[REVIEW]]


def test_applications_figures(case):
    """Every applications row has the figures the report prints, blank cells null."""
    name, report = case
    table = _table(report, APPLICATIONS)
    assert table.columns == APPLICANT_COLUMNS
    assert APPLICANT_COLUMNS[1] == "法人或其他组织/商业企业"
    got = {row.name: [row.values[c] for c in table.columns] for row in table.rows}
    expected = APPLICATION_FIGURES[name]
    assert {row: got.get(row) for row in expected} == expected


def test_applications_rows_nest_under_the_template_headings(case):
    """Result rows sit under 三、本年度办理结果, numbered sub-rows under their （三）（四）（五） heading."""
    _, report = case
    table = _table(report, APPLICATIONS)
    parent = {row.name: row.parent for row in table.rows}
    assert parent["一、本年新收政府信息公开申请数量"] is None
    assert parent["（一）予以公开"] == "三、本年度办理结果"
    assert parent["（七）总计"] == "三、本年度办理结果"
    assert parent["1.属于国家秘密"] == "（三）不予公开"
    assert parent["3.补正后申请内容仍不明确"] == "（四）无法提供"
    assert parent["2.重复申请"] == "（五）不予处理"
    assert parent["四、结转下年度继续办理"] is None
    headings = [row for row in table.rows if row.name in ("三、本年度办理结果", "（三）不予公开")]
    assert len(headings) == 2 and all(v is None for row in headings for v in row.values.values())


def test_review_figures(case):
    """The 行政复议、行政诉讼 row has the fifteen figures, under path-named columns."""
    name, report = case
    table = _table(report, REVIEW)
    assert table.columns == REVIEW_COLUMNS
    assert "行政诉讼/未经复议直接起诉/结果维持" in table.columns
    assert [table.rows[0].values[c] for c in table.columns] == REVIEW_FIGURES[name]


def test_active_figures(case):
    """第二十条 rows have their block's columns and the figures the report makes certain."""
    name, report = case
    table = _table(report, ACTIVE)
    assert table.columns == ACTIVE_COLUMNS[name]
    rows = {row.name: row for row in table.rows}
    for row, figures in ACTIVE_FIGURES[name].items():
        assert list(rows[row].values.values()) == figures, row
    assert rows["规章"].parent == "第二十条第（一）项"
    assert "第二十条第（六）项" in rows


def test_guesses_are_never_facts(case):
    """A null cell of a run-together row keeps its digits; every split-out figure says why."""
    _, report = case
    for table in report.tables:
        for row in table.rows:
            for column, value in row.values.items():
                if column in row.raw:
                    assert value is None and row.raw[column]
                if column in row.inferred:
                    assert value is not None and row.inferred[column]
            assert not set(row.raw) & set(row.inferred)


def test_splits_that_need_arithmetic_are_marked_inferred():
    """`640020470` → 64/0/0/2/0/4/70 holds only because the total must add up: it is marked so."""
    table = _table(load_report(REPORTS / "pingtan-2021.txt"), APPLICATIONS)
    received = next(row for row in table.rows if row.name == "一、本年新收政府信息公开申请数量")
    assert received.values["总计"] == 70
    assert "总计" in received.inferred["总计"]
    direct = next(row for row in table.rows if row.name == "四、结转下年度继续办理")  # 1000001: one digit a cell
    assert direct.inferred == {} and direct.raw == {}


def test_ambiguous_runs_keep_their_digits():
    """`693665` in three cells has many readings: all three are null and the digits are kept."""
    table = _table(load_report(REPORTS / "pingtan-2021.txt"), ACTIVE)
    row = next(row for row in table.rows if row.name == "行政规范性文件")
    assert row.raw == dict.fromkeys(["本年制发件数", "本年废止件数", "现行有效件数"], "693665")


def test_a_figure_the_prose_gives_settles_a_run():
    """2023's `77132470`: the body's `本年度制发的规范性文件77件` fixes 本年制发件数, quoted as the reason."""
    table = _table(load_report(REPORTS / "pingtan-2023.txt"), ACTIVE)
    row = next(row for row in table.rows if row.name == "行政规范性文件")
    assert row.values == {"本年制发件数": 77, "本年废止件数": None, "现行有效件数": None}
    assert "规范性文件77件" in row.inferred["本年制发件数"]
    assert row.raw == {"本年废止件数": "77132470", "现行有效件数": "77132470"}


def test_tables_span_their_rows_and_rows_point_at_their_labels(case):
    """Each table covers its rows, and each row's offsets start at its label in the text."""
    _, report = case
    for table in report.tables:
        assert table.start <= min(r.start for r in table.rows) and max(r.end for r in table.rows) <= table.end
        for row in table.rows:
            label = row.name.split(".")[-1][:4] if row.name != "行政复议、行政诉讼" else ""
            assert label in report.text[row.start : row.end + 1] or row.name.startswith("第二十条")
            assert report.text.count("\n", 0, row.start) + 1 == row.line


def test_no_heading_starts_inside_a_table(case):
    """Row labels such as `（一）予以公开` or `三、本年度办理结果` never become headings."""
    _, report = case
    for section in report.walk():
        assert not any(t.start <= section.start < t.end for t in report.tables), section.heading


def test_notes_name_the_rows_left_unsplit():
    """The reader is told which rows kept raw digits; a report read whole gets no such note."""
    notes = load_report(REPORTS / "pingtan-2021.txt").notes
    assert any("行政规范性文件" in note and "3 格" in note for note in notes), notes
    assert load_report(REPORTS / "shanghai-office-2019.html").notes == []


COPIED_FROM_PDF = (
    "三、收到和处理政府信息公开申请情况\n"
    "一、本年新收政府信息公开申请数量 821 35 2 1 859\n"
    "二、上年结转政府信息公开申请数量 18 18\n"
    "三、本年度办理结果 （一）予以公开 258 12 1 1\n"
    "（二）部分公开 7 0 0 0 0 0 7\n"
    "（七）总计 767 35 2 1 805\n"
    "四、结转下年度继续办理 72 72\n"
)


def test_rows_whose_blank_cells_vanished_are_never_guessed():
    """`258 12 1 1` (Shanghai's row with its blanks lost) could be seven run-together digits; it is not
    taken for 2/5/8/1/2/1/1: no reading adds up, so every cell stays open. Totals that do add up are kept."""
    report = parse_report(COPIED_FROM_PDF.encode(), "copied.txt")
    table = _table(report, APPLICATIONS)
    rows = {row.name: row for row in table.rows}
    granted = rows["（一）予以公开"]
    assert list(granted.values.values()) == [None] * 7
    assert granted.raw["自然人"] == "258 12 1 1"
    received = rows["一、本年新收政府信息公开申请数量"]
    assert received.values["总计"] == 859 and received.values["自然人"] is None
    assert list(rows["（二）部分公开"].values.values()) == [7, 0, 0, 0, 0, 0, 7]


def test_a_garbled_row_does_not_let_the_rest_of_the_table_become_headings():
    """A note inside a row stops the reading there; the table still runs to the next section's heading,
    so `（四）无法提供` and `三、…` labels after it are not taken for headings."""
    text = (REPORTS / "pingtan-2021.txt").read_text("utf-8")
    garbled = text.replace("2.其他法律行政法规禁止公开0000000", "2.其他法律行政法规禁止公开（见附注）0000000", 1)
    assert garbled != text
    report = parse_report(garbled.encode(), "garbled.txt")
    table = _table(report, APPLICATIONS)
    assert table.rows[-1].name == "2.其他法律行政法规禁止公开"
    assert report.text[table.end :].lstrip().startswith("四、政府信息公开行政复议")
    assert [s.heading for s in report.sections] == [
        s.heading for s in load_report(REPORTS / "pingtan-2021.txt").sections
    ]


def test_importing_the_template_readers_compiles_no_pattern():
    """Start-up does not pay for the template's patterns: importing the reader compiles none of them."""
    import subprocess
    import sys

    script = (
        "import models.load.reader, models.tables.template_labels as labels, models.tables.template_wrapped as wrapped;"
        "print(labels.compiled.cache_info().currsize, wrapped._loose_labels.cache_info().currsize)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0", "0"]


def test_a_report_without_the_template_never_compiles_its_row_labels():
    """Parsing Sanming 2017 (before the template) compiles neither row-label alternation: only the
    short patterns that look for a table's first label or heading."""
    from models.tables import template, template_wrapped
    from models.tables.template_labels import compiled

    compiled.cache_clear()
    template_wrapped._loose_labels.cache_clear()
    load_report(REPORTS / "sanming-2017.txt")
    misses = compiled.cache_info().misses
    compiled(template._APPLICATION_RE)
    compiled(template._ACTIVE_RE)
    assert compiled.cache_info().misses == misses + 2
    assert template_wrapped._loose_labels.cache_info().currsize == 0
