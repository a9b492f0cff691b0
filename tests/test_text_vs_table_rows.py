"""Rule 4 (text-vs-table) for every row: each figure the body states for a quantity a table holds is compared
with that cell, matched by the row's name and the words around the figure.

Which figure states which row was worked out by reading each report (line numbers are the report's own);
it is not copied from the program's output. To see every comparison, the tests move each of a table's figures
by 1000, so that every compared cell disagrees, and read off which text figures are then reported against which
row and column: exactly the statements read by hand, and nothing the text says of a department, a kind of
information, another year or the running total.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from models import Report, load_report, parse_report
from models.checks.finding import Finding
from models.checks.run import run_checks

REPORTS = Path(__file__).resolve().parent / "reports"
_WHERE = re.compile(r"表中“(.+?)”（(.+?)）(?=为|合计|各项|连写)")


def text_vs_table(report: Report) -> list[Finding]:
    return [f for f in run_checks(report).findings if f.rule == "text-vs-table"]


def compared(report: Report) -> set[tuple[int | float, str, str]]:
    """(the text's figure, the row, the column) of each finding against a named row."""
    found = set()
    for finding in text_vs_table(report):
        match = _WHERE.search(finding.message)
        if match:
            found.add((finding.numbers[0], match.group(1), match.group(2)))
    return found


def moved(name: str) -> Report:
    """The report with every figure of its tables made 1000 larger."""
    report = load_report(REPORTS / name)
    for table in report.tables:
        for row in table.rows:
            for column, value in row.values.items():
                if value is not None:
                    row.values[column] = value + 1000
    return report


NEW, CARRIED, PENDING = "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "四、结转下年度继续办理"
GRANTED = "（一）予以公开加（二）部分公开"

# What each report's body states of its tables' rows, read off the text.
STATED = {
    # Lines 188-202. Not 政府网站公开数 (line 192's 网站公开政府信息34073条 is not said to be 主动公开), not
    # 其他类型答复数 (告知通过其他途径办理20条 is one of the kinds that row lumps together), not 复议/诉讼 (未发生).
    "sanming-2017.txt": {
        (34073, "主动公开文件数", "2017"),  # 其中:主动公开34073条 (of the 42514 made)
        (373127, "主动公开文件数", "历年累计"),  # 《条例》实施以来，累计主动公开…
        (154, "受理政府信息公开申请总数", "2017"),  # line 184: 2017全市受理依申请公开事项154件
        (32, "当面申请数", "2017"),  # 其中:当面提交32条
        (117, "网络申请数", "2017"),
        (5, "信函、传真申请数", "2017"),  # 信函申请5条
        (1844, "受理政府信息公开申请总数", "历年累计"),  # 《条例》实施以来共受理…1844条
        (154, "对申请的答复总数", "2017"),  # 办理依申请公开154条
        (49, "同意公开答复数", "2017"),
        (3, "同意部分公开答复数", "2017"),
        (4, "不予公开答复数", "2017"),  # 不同意公开答复4条
    },
    # Not 网站公开: `在…网站主动公开的1913条政府信息中` names the whole 主动公开 figure too.
    "pingtan-2012.txt": {(1913, "主动公开信息数", "2012年度")},
    "pingtan-2014.txt": {
        (2543, "主动公开文件数", "2014年度"),
        (1, "信函、传真申请数", "2014年度"),  # 收到有关政府信息公开的信函申请1条
    },
    # Not 受理依申请公开信息总数: `共受理申请136437件` counts the service centre's applications, under a
    # heading about 主动公开 work.
    "pingtan-2015.txt": {(2949, "主动公开文件数", "2015年度")},
    "pingtan-2018.txt": {(2069, "主动公开文件数", "2018年度")},
    # Not 网站公开 (`网站主动公开的425条…中`), nor the 县政府公开办's 62: the first figure, 425, is reported.
    "pingtan-county-2011.txt": {(425, "主动公开信息数", "2011年度")},
    # Not 同意部分公开答复数: the text's 其它公开答复数1条 names another kind.
    "pingtan-county-2013.txt": {
        (1853, "主动公开信息数", "2013年度"),
        (7, "受理依申请公开信息总数", "2013年度"),  # 共收到有关政府信息公开的申请7条
        (3, "网上申请数", "2013年度"),
        (4, "信函申请数", "2013年度"),
        (3, "对申请的答复数", "2013年度"),  # 对依申请公开的答复总数3条
        (2, "同意公开答复数", "2013年度"),
    },
    # `规范性文件类信息68条` is a kind of information, not the 规范性文件 row; the requests are not in the text.
    "pingtan-2019.txt": set(),
    "pingtan-2020.txt": {(21, NEW, "总计")},  # 共受理政府信息公开申请21件
    "pingtan-2021.txt": {
        (70, NEW, "总计"),  # 本年度全区共收到70件申请
        (69, "（七）总计", "总计"),  # 办结69件
        (1, PENDING, "总计"),  # 1件结转下年度继续办理
    },
    "pingtan-2023.txt": {
        (77, "行政规范性文件", "本年制发件数"),  # 本年度制发的规范性文件77件
        (393, "行政规范性文件", "现行有效件数"),  # a blank cell: its digits 77132470 never give 393
        (81, NEW, "总计"),  # 接收…各类政府信息公开申请共计81件
        (80, NEW, "自然人"),  # 涉及自然人80件
        (1, NEW, "法人或其他组织/商业企业"),  # 商业企业1件
        (81, "（七）总计", "总计"),  # 办结依申请公开81件
        (42, GRANTED, "总计"),
        (5, "（三）不予公开", "总计"),  # the eight reasons' rows
        (31, "（四）无法提供", "总计"),
        (1, "（五）不予处理", "总计"),
        (2, "（六）其他处理", "总计"),
    },
    # Not （六）其他处理: `其他处理0件`, and the table leaves every cell of that row blank.
    "shanghai-office-2019.html": {
        (13, "规章", "本年新公开数量"),  # 主动公开规章13件，
        (60, "规范性文件", "本年新公开数量"),  # 行政规范性文件60件: the column of the figure before
        (859, NEW, "总计"),
        (805, "（七）总计", "总计"),  # 答复政府信息公开申请805件
        (18, CARRIED, "总计"),  # 含上年度结转申请18件
        (72, PENDING, "总计"),  # 另有72件申请…顺延到下年度答复
        (258, GRANTED, "总计"),
        (35, "（三）不予公开", "总计"),
        (265, "（四）无法提供", "总计"),  # 因本机关不掌握等原因无法提供: 等 makes it the whole category
        (158, "（五）不予处理", "总计"),
    },
}


@pytest.mark.parametrize("name", sorted(STATED))
def test_every_row_the_text_states_is_compared(name):
    """With every table figure moved, exactly the figures the text states for a row are reported against it."""
    assert compared(moved(name)) == STATED[name]


@pytest.mark.parametrize(("name", "review"), [("pingtan-2023.txt", [2, 7]), ("shanghai-office-2019.html", [7, 9])])
def test_review_totals_are_compared(name, review):
    """`行政复议案件2件、行政诉讼案件7件` and `行政复议7件，诉讼9件` against the 复议/诉讼 table's totals."""
    findings = [f for f in text_vs_table(moved(name)) if "行政复议总计" in f.message or "行政诉讼总计" in f.message]
    assert sorted(f.numbers[0] for f in findings) == review


# The reports as they are: what they contradict ---------------------------------------------------------

DISAGREE = {
    "sanming-2017.txt": {(373127, "主动公开文件数", "历年累计")},  # 364686 in the table
    "pingtan-2012.txt": {(1913, "主动公开信息数", "2012年度")},  # 739
    "pingtan-county-2013.txt": {(3, "网上申请数", "2013年度"), (4, "信函申请数", "2013年度")},  # 4 and 0
    "pingtan-2023.txt": {(393, "行政规范性文件", "现行有效件数")},
    "shanghai-office-2019.html": {(258, GRANTED, "总计"), (265, "（四）无法提供", "总计")},  # 272+3, 337
}


@pytest.mark.parametrize("name", sorted(STATED))
def test_real_reports_contradict_their_tables_only_where_they_do(name):
    """Unchanged, each report is reported only where its text and its table really disagree."""
    assert compared(load_report(REPORTS / name)) == DISAGREE.get(name, set())


def test_a_blank_cell_of_run_together_digits_is_reported_only_when_no_cut_gives_the_figure():
    """Pingtan 2023's 行政规范性文件 row reads 77132470: 77 made this year, then 废止 and 现行有效 in 132470.
    393 is no cut of it; 470 would be, so a text saying 470 is not reported."""
    (finding,) = [f for f in text_vs_table(load_report(REPORTS / "pingtan-2023.txt")) if f.numbers == [393]]
    assert "连写作77132470，无论怎样拆分都不是393" in finding.message
    source = (REPORTS / "pingtan-2023.txt").read_text("utf-8").replace("规范性文件393件", "规范性文件470件")
    assert not text_vs_table(parse_report(source.encode("utf-8")))


# A made-up county report on the Fujian appendix, with every kind of reply --------------------------------

COUNTY = """某某县2016年政府信息公开工作年度报告
一、主动公开政府信息情况
2016年全县主动公开政府信息500条。其中，县直各部门主动公开政府信息300条，占60%。今年累计主动公开采购信息\
25条。《条例》实施以来累计主动公开政府信息5000条。
二、政府信息依申请公开情况
2016年共受理政府信息公开申请30件，其中当面申请5件、网络申请20件、信函申请5件。共答复30件，其中同意公开答复\
12件，同意部分公开答复4件，不同意公开答复3件（其中涉及国家秘密2件），信息不存在5件，非本部门掌握4件，申请内容\
不明确2件。申请数量较去年增加10件。2015年共受理申请20件。另有约8件网络申请尚在补正。
三、政府信息公开的收费及减免情况
2016年共收取检索、复制、邮寄等费用0.03万元。
四、行政复议、行政诉讼和行政申诉情况
2016年发生行政复议2件，行政诉讼1件，行政申诉0件。
五、附表
指标名称 计量单位 2016年度 历年累计
主动公开文件数 条 500 5000
受理申请数 件 30 100
其中：1.当面申请数 件 5 20
2.网络申请数 件 20 60
3.信函申请数 件 5 20
对申请的答复总数 件 30 100
其中：1.同意公开答复数 件 12 50
2.同意部分公开答复数 件 4 10
3.不同意公开答复数 件 3 10
其中：涉及国家秘密 件 2 5
4.信息不存在数 件 5 10
5.非本部门掌握数 件 4 10
6.申请内容不明确数 件 2 10
行政复议数 件 2 3
行政诉讼数 件 1 2
行政申诉数 件 0 0
政府信息公开收费减免金额 元 300 500
"""


def county(text: str = COUNTY) -> Report:
    return parse_report(text.encode("utf-8"))


def test_a_text_agreeing_with_every_row_is_not_reported():
    """Every figure agrees with its row; a department's share (300), a kind of information (采购信息25条), a
    change on last year (增加10件), last year's figure (2015年…20件) and an approximate one (约8件) differ from
    the rows they resemble but state other quantities, and are not compared."""
    assert text_vs_table(county()) == []


@pytest.mark.parametrize(
    ("written", "changed", "stated"),
    [
        ("主动公开政府信息500条", "主动公开政府信息510条", (510, "主动公开文件数", "2016年度")),
        ("累计主动公开政府信息5000条", "累计主动公开政府信息5100条", (5100, "主动公开文件数", "历年累计")),
        ("受理政府信息公开申请30件", "受理政府信息公开申请31件", (31, "受理申请数", "2016年度")),
        ("当面申请5件", "当面申请6件", (6, "当面申请数", "2016年度")),
        ("网络申请20件", "网络申请21件", (21, "网络申请数", "2016年度")),
        ("信函申请5件", "信函申请7件", (7, "信函申请数", "2016年度")),
        ("共答复30件", "共答复33件", (33, "对申请的答复总数", "2016年度")),  # 申请: in the heading
        ("同意公开答复12件", "同意公开答复13件", (13, "同意公开答复数", "2016年度")),
        ("同意部分公开答复4件", "同意部分公开答复8件", (8, "同意部分公开答复数", "2016年度")),
        ("不同意公开答复3件（", "不同意公开答复9件（", (9, "不同意公开答复数", "2016年度")),
        ("涉及国家秘密2件", "涉及国家秘密1件", (1, "涉及国家秘密", "2016年度")),  # under 不同意公开, in brackets
        ("信息不存在5件", "信息不存在6件", (6, "信息不存在数", "2016年度")),
        ("非本部门掌握4件", "非本部门掌握1件", (1, "非本部门掌握数", "2016年度")),
        ("申请内容不明确2件", "申请内容不明确3件", (3, "申请内容不明确数", "2016年度")),
        ("行政复议2件", "行政复议4件", (4, "行政复议数", "2016年度")),
        ("行政诉讼1件", "行政诉讼5件", (5, "行政诉讼数", "2016年度")),
        ("行政申诉0件", "行政申诉2件", (2, "行政申诉数", "2016年度")),
        ("费用0.03万元", "费用0.05万元", (0.05, "政府信息公开收费减免金额", "2016年度")),  # 300 元 is 0.03万元
    ],
)
def test_each_figure_is_compared_with_the_row_its_words_name(written, changed, stated):
    """`不同意公开答复9件` against 不同意公开答复数, `网络申请21件` against 网络申请数, a running total against
    历年累计, a sum in 万元 against 元: the one figure changed is reported against its own row, and only it."""
    source = COUNTY.replace(written, changed)
    assert source != COUNTY
    assert compared(county(source)) == {stated}


TABLE = COUNTY[COUNTY.index("五、附表") :]


@pytest.mark.parametrize(
    ("heading", "sentence"),
    [
        ("一、主动公开政府信息情况", "今年主动公开采购信息25条。"),  # a kind of what is published
        ("一、主动公开政府信息情况", "2016年主动公开规范性文件20条。"),  # a kind, named last
        ("二、政府信息依申请公开情况", "受理申请较去年增加10件。"),  # a change on last year
        ("二、政府信息依申请公开情况", "2015年共受理申请20件。"),  # another year
        ("二、政府信息依申请公开情况", "共受理申请约40件。"),  # approximate
        ("二、政府信息依申请公开情况", "今年累计受理申请40件。"),  # a running total within the year, or since?
        ("二、政府信息依申请公开情况", "截至11月底共受理申请28件。"),  # to a day, not the year
        ("一、概述", "区行政服务中心共受理申请121510件。"),  # not under a heading about 申请
        ("二、政府信息依申请公开情况", "共收到群众诉求348件。"),  # no 申请
    ],
)
def test_figures_of_other_quantities_are_never_compared(heading, sentence):
    """A figure that only resembles a row's quantity is not compared with it, whatever the table says."""
    report = county(f"某某县2016年政府信息公开工作年度报告\n{heading}\n{sentence}\n{TABLE}")
    assert text_vs_table(report) == []


def test_a_departments_share_does_not_agree_for_the_total():
    """`其中，县直各部门主动公开政府信息500条` is a part of the 510 stated before it: the table's 500 is not
    confirmed by it, and the 510 is reported."""
    text = "2016年全县主动公开政府信息510条。其中，县直各部门主动公开政府信息500条，占60%。"
    report = county(f"某某县2016年政府信息公开工作年度报告\n一、主动公开政府信息情况\n{text}\n{TABLE}")
    assert compared(report) == {(510, "主动公开文件数", "2016年度")}


def test_a_running_total_is_compared_with_the_cumulative_column_only():
    """`《条例》实施以来累计主动公开政府信息500条` equals the year's 500 but not 历年累计's 5000."""
    text = "《条例》实施以来累计主动公开政府信息500条。"
    report = county(f"某某县2016年政府信息公开工作年度报告\n一、主动公开政府信息情况\n{text}\n{TABLE}")
    assert compared(report) == {(500, "主动公开文件数", "历年累计")}


def test_the_template_active_table_is_read_by_row_and_column():
    """Pingtan 2021's 主动公开 table holds 行政事业性收费 24252.311082 万元 and 行政处罚 1282 decisions. A sentence
    saying `行政事业性收费24252.31万元` agrees to the cent it prints; 24252.41万元 and `作出行政处罚决定1280件`
    are reported against those cells."""
    source = (REPORTS / "pingtan-2021.txt").read_text("utf-8")
    anchor = "全年主动公开我区各级单位政府信息2645条，"

    def said(words: str) -> Report:
        return parse_report(source.replace(anchor, anchor + words).encode("utf-8"))

    assert compared(said("行政事业性收费24252.31万元，作出行政处罚决定1282件，")) == set()
    assert compared(said("行政事业性收费24252.41万元，作出行政处罚决定1280件，")) == {
        (24252.41, "行政事业性收费", "本年收费金额（单位：万元）"),
        (1280, "行政处罚", "本年处理决定数量"),
    }


def test_a_table_lacking_rows_is_not_summed_against_the_text():
    """Table three cut after （二）部分公开: the text's 办结81件 is not set against 22 + 20, the rows left."""
    text = (REPORTS / "word" / "pingtan-2023-word.txt").read_text("utf-8")
    cut = text[: text.index("（三）不予公开\t1.属于国家秘密")] + text[text.index("四、政府信息公开行政复议") :]
    findings = run_checks(parse_report(cut.encode(), "cut.txt")).findings
    assert [f.message for f in findings if f.rule == "text-vs-table" and "办理结果" in f.message] == []
