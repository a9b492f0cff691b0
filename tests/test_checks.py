"""The checker: each rule flags what does not add up and leaves alone what does.

Expectations on real reports were worked out by hand from the report text (line numbers are the
report's own); they are not copied from the program's output.
"""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from models import Row, Table, load_report, parse_report
from models.checks.finding import Finding
from models.checks.run import run_checks
from models.checks.tables import check_tables
from models.checks.text_figures import share_matches

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "tests" / "reports"


def checks_of(text: str) -> list[Finding]:
    return run_checks(parse_report(text.encode("utf-8")))


def of_rule(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


# Rule 1: a total against its parts ---------------------------------------------------------------


def test_parts_exceeding_their_total_are_an_error():
    """Sanming's `共制作42514条，其中：34073、3842、4608` adds up to 42523, 9 more than stated."""
    findings = checks_of("标题\n共制作政府信息42514条，其中：主动公开34073条；依申请公开3842条；不予公开4608条。\n")
    (finding,) = of_rule(findings, "total-vs-parts")
    assert finding.severity == "error"
    assert finding.numbers[:1] == [42514]
    assert "42523" in finding.message and "多出9条" in finding.message


def test_complete_list_short_of_its_total_is_an_error():
    """A list ending in 其他… that falls short of its total is wrong, not partial."""
    findings = checks_of("标题\n共公布政府信息100条，(其中机构类信息25条，规划类信息30条，其他信息40条)。\n")
    (finding,) = of_rule(findings, "total-vs-parts")
    assert finding.severity == "error" and "少5条" in finding.message


def test_partial_list_is_at_most_info():
    """A list of a few examples that does not claim to be complete is only a note."""
    findings = checks_of("标题\n共发布信息300条，其中招生信息173条、督导信息20条。\n")
    (finding,) = of_rule(findings, "total-vs-parts")
    assert finding.severity == "info"


def test_correct_sums_are_not_flagged():
    """`公示审核项目34个，其中审批项目22个，备案项目12个` adds up and is left alone."""
    text = "标题\n公示审核项目34个，其中审批项目22个，备案项目12个。\n共187家企业(含本级62家,县125家)。\n"
    assert of_rule(checks_of(text), "total-vs-parts") == []


def test_approximate_total_is_never_summed():
    """`5000余条，其中…173条、20条` is not checked: the total is not exact."""
    assert of_rule(checks_of("标题\n发布信息达5000余条，其中招生信息173条、督导信息20条。\n"), "total-vs-parts") == []


def test_list_running_past_its_total_is_not_flagged():
    """Pingtan 2023: 42+5+31+1+2 = 81, then the sentence goes on to 复议 2件 and 诉讼 7件."""
    text = (
        "标题\n办结依申请公开81件，其中：予以公开42件，占51.85%；不予公开5件，占6.17%；无法提供31件，占38.27%；"
        "不予处理1件，占1.23%；其他处理2件，占2.47%；因政府信息公开引起的行政复议案件2件、行政诉讼案件7件。\n"
    )
    assert checks_of(text) == []


def test_unmarked_list_ending_in_other_is_a_warning():
    """Sanming line 196: 回应548次, then 15 + 143 + 其他方式回应229 = 387 without a 其中: likely wrong."""
    text = "标题\n2017年，回应舆情548次，举办新闻发布会15次，微博微信回应143次，其他方式回应229次。\n"
    (finding,) = of_rule(checks_of(text), "total-vs-parts")
    assert finding.severity == "warning" and finding.numbers == [548, 15, 143, 229]
    assert of_rule(checks_of(text.replace("548", "387")), "total-vs-parts") == []


def test_category_list_is_not_a_total_and_its_parts():
    """`机构职能类信息594条，…，其他应主动公开的信息946条`: the first category is not a total."""
    text = "标题\n主要类别有：机构职能类信息594条，规划计划类信息29条，其他应主动公开的信息946条。\n"
    assert checks_of(text) == []


# Rule 2: shares -------------------------------------------------------------------------------------


def test_sanming_56_of_154_printed_as_42_21_percent():
    """56 of 154 is 36.36%, not the 42.21% the Sanming report prints (line 202)."""
    findings = of_rule(run_checks(load_report(REPORTS / "sanming-2017.txt")), "percentage")
    (finding,) = findings
    assert finding.severity == "error" and finding.lines == [202]
    assert "36.36%" in finding.message and "42.21%" in finding.message
    assert finding.numbers == [56, 154, 42.21]


def test_rounded_and_truncated_shares_are_fine():
    """49/154 = 31.818…: printed 31.81 (truncated) or 31.82 (rounded); 1976/34073 printed 5.8% (one decimal)."""
    text = "标题\n办理154条，其中同意49条，占31.81%；部分公开105条，占68.18%。\n共34073条，其中许可1976条，占5.8%。\n"
    assert of_rule(checks_of(text), "percentage") == []


def test_share_beyond_rounding_is_flagged():
    """Pingtan 2012: 145 of 1913 is 7.58%, printed 8.05%."""
    findings = of_rule(run_checks(load_report(REPORTS / "pingtan-2012.txt")), "percentage")
    assert [f.numbers for f in findings] == [[145, 1913, 8.05]]


def test_completion_rate_is_recomputed():
    """受理117件，办结171件，办结率100% cannot all be true (Pingtan 地税 2013)."""
    (finding,) = of_rule(checks_of("标题\n今年共受理审批事项117件，办结171件，办结率100%。\n"), "percentage")
    assert "146.15%" in finding.message
    assert of_rule(checks_of("标题\n共受理审批事项117件，办结117件，办结率100%。\n"), "percentage") == []


def test_each_wrong_completion_rate_points_at_its_own_line():
    """Three wrong rates among correct ones are each found on the line that prints them."""
    wrong, right = "受理事项117件，办结171件，办结率100%。", "受理事项10件，办结5件，办结率50%。"
    text = "\n".join(["标题", wrong, right, right, wrong, "正文", wrong]) + "\n"
    findings = of_rule(checks_of(text), "percentage")
    assert [f.lines for f in findings] == [[2], [5], [7]]


@given(st.integers(0, 10**6), st.integers(1, 10**6), st.integers(0, 3))
def test_a_correctly_rounded_or_truncated_share_always_matches(part, base, decimals):
    """Any share printed by rounding half up or by truncating is accepted."""
    exact = Fraction(part * 100 * 10**decimals, base)
    for shown in (int(exact + Fraction(1, 2)), int(exact)):
        assert share_matches(shown / 10**decimals, decimals, part, base)


def printed(part: int, base: int, decimals: int, truncate: bool) -> str:
    exact = Fraction(part * 100 * 10**decimals, base)
    shown = int(exact) if truncate else int(exact + Fraction(1, 2))
    whole, fraction = divmod(shown, 10**decimals)
    return f"{whole}.{fraction:0{decimals}d}" if decimals else str(whole)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 50000), min_size=2, max_size=6), st.integers(0, 2), st.booleans())
def test_a_correct_breakdown_is_never_flagged(parts, decimals, truncate):
    """Parts that add up, each with a correctly rounded or truncated share, give no finding at all."""
    total = sum(parts)
    assume(total > 0)
    listed = "；".join(
        f"{'甲乙丙丁戊己'[i]}类{part}条，占{printed(part, total, decimals, truncate)}%" for i, part in enumerate(parts)
    )
    assert checks_of(f"标题\n共制作政府信息{total}条，其中：{listed}。\n") == []


# Rule 3 and the template: tables against themselves -------------------------------------------------


def row(name: str, values: list[int | None], parent: str | None = None, line: int = 1) -> Row:
    return Row(name, parent, None, dict(zip(COLUMNS, values, strict=False)), line, 0, 0)


COLUMNS = ["2017", "历年累计"]


def appendix(*rows: Row) -> Table:
    return Table("附表", COLUMNS, list(rows), 1, 0, 0)


def test_subrows_short_of_a_total_with_a_catch_all_are_an_error():
    """Sanming's 对申请的答复总数 154 against 49+3+4+20 = 76, in the words the reader sees."""
    parent = "对申请的答复总数"
    table = appendix(
        row(parent, [154, 1844]),
        row("同意公开答复数", [49, 1412], parent),
        row("同意部分公开答复数", [3, 86], parent),
        row("不予公开答复数", [4, 15], parent),
        row("其他类型答复数", [20, 81], parent),
    )
    findings = check_tables([table])
    assert [f.severity for f in findings] == ["error", "error"]
    assert findings[0].message.startswith("对申请的答复总数为154，但其下各项之和为76")


def test_subrows_that_add_up_are_not_flagged_and_partial_ones_are_info():
    """Sub-rows equal to their parent pass; two channels short of the total are only a note."""
    ok = appendix(row("受理总数", [7, 28]), row("网上申请", [3, 10], "受理总数"), row("信函申请", [4, 18], "受理总数"))
    assert check_tables([ok]) == []
    partial = appendix(row("主动公开文件数", [10, 50]), row("政府网站公开数", [10, 40], "主动公开文件数"))
    assert [f.severity for f in check_tables([partial])] == ["info"]


def test_year_above_cumulative_is_an_error():
    """A year's figure cannot exceed 历年累计; equal is fine."""
    table = appendix(row("主动公开文件数", [3460, 3000]), row("行政复议数", [2, 2]))
    (finding,) = check_tables([table])
    assert finding.rule == "cumulative" and finding.numbers == [3460, 3000]


APPLICANTS = ["自然人", "法人或其他组织/商业企业", "法人或其他组织/其他", "总计"]


def applications(rows: list[tuple[str, str | None, list[int | None]]]) -> Table:
    built = [
        Row(name, parent, None, dict(zip(APPLICANTS, values, strict=True)), 1, 0, 0) for name, parent, values in rows
    ]
    return Table("收到和处理政府信息公开申请情况", APPLICANTS, built, 1, 0, 0, kind="applications")


RESULTS = "三、本年度办理结果"


def pingtan_2020_like(total: list[int | None]) -> Table:
    """The shape of Pingtan 2020's table (source line 10): results 7+6+4+3+3+4 against （七）总计."""
    return applications([
        ("一、本年新收政府信息公开申请数量", None, [20, 0, 1, 21]),
        ("二、上年结转政府信息公开申请数量", None, [0, 0, 0, 0]),
        (RESULTS, None, [None, None, None, None]),
        ("（一）予以公开", RESULTS, [6, 0, 1, 7]),
        ("（二）部分公开", RESULTS, [6, 0, 0, 6]),
        ("（三）不予公开", RESULTS, [None, None, None, None]),
        ("1.属于国家秘密", "（三）不予公开", [0, 0, 0, 0]),
        ("（四）无法提供", RESULTS, [None, None, None, None]),
        ("1.本机关不掌握相关政府信息", "（四）无法提供", [4, 0, 0, 4]),
        ("3.补正后申请内容仍不明确", "（四）无法提供", [3, 0, 0, 3]),
        ("（五）不予处理", RESULTS, [None, None, None, None]),
        ("2.重复申请", "（五）不予处理", [3, 0, 0, 3]),
        ("（六）其他处理", RESULTS, [4, 0, 0, 4]),
        ("（七）总计", RESULTS, total),
        ("四、结转下年度继续办理", None, [0, 0, 0, 0]),
    ])  # fmt: skip


def test_results_not_adding_up_to_their_total_are_an_error():
    """Pingtan 2020: the result rows add up to 27 (自然人 26) but （七）总计 says 21 (自然人 20)."""
    findings = check_tables([pingtan_2020_like([20, 0, 1, 21])])
    (finding,) = of_rule(findings, "template-results")
    assert "自然人列26≠20" in finding.message and "总计列27≠21" in finding.message
    assert of_rule(findings, "template-balance") == [], "一 + 二 = 21 = （七）21 + 四 0 holds"


def test_consistent_template_table_is_not_flagged():
    """With （七）总计 = 26 / 0 / 1 / 27 and 一 = 27 everything balances."""
    table = pingtan_2020_like([26, 0, 1, 27])
    table.rows[0].values.update({"自然人": 26, "总计": 27})
    assert check_tables([table]) == []


def test_broken_balance_and_row_total_are_errors():
    """一 + 二 ≠ （七） + 四 and a 总计 that is not the sum of its row are both reported."""
    table = pingtan_2020_like([26, 0, 1, 27])
    table.rows[0].values.update({"自然人": 26, "总计": 28})
    rules = sorted(f.rule for f in check_tables([table]))
    assert rules == ["template-balance", "template-row-total"]


def test_review_table_totals_per_group():
    """行政复议 and each 行政诉讼 group: 总计 is the sum of its four results."""
    groups = ["行政复议", "行政诉讼/未经复议直接起诉"]
    columns = [f"{g}/{c}" for g in groups for c in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")]
    values = dict(zip(columns, [1, 1, 0, 0, 2, 4, 0, 0, 1, 5], strict=True))
    good = Row("行政复议、行政诉讼", None, None, values, 1, 0, 0)
    table = Table(None, columns, [good], 1, 0, 0, kind="review")
    assert check_tables([table]) == []
    good.values["行政诉讼/未经复议直接起诉/总计"] = 7
    (finding,) = check_tables([table])
    assert finding.rule == "template-row-total" and finding.numbers == [7, 5]


# Rule 4: the text against a table -----------------------------------------------------------------


def test_template_requests_in_the_text_against_the_table():
    """Pingtan 2021 writes 收到70件, 办结69件, 1件结转: a table saying otherwise is flagged, each once."""
    report = load_report(REPORTS / "pingtan-2021.txt")
    (table,) = [t for t in report.tables if t.kind == "applications"]
    for row in table.rows:
        if row.name.startswith(("一、", "（七）", "四、")):
            row.values["总计"] = (row.values["总计"] or 0) + 100
    findings = of_rule(run_checks(report), "text-vs-table")
    assert sorted(f.numbers for f in findings) == [[1, 101], [69, 169], [70, 170]]


def test_review_totals_in_the_text_against_the_table():
    """Shanghai's `行政复议7件，诉讼9件` agree with its table; a table saying 14 诉讼 would not."""
    report = load_report(REPORTS / "shanghai-office-2019.html")
    assert not [f for f in run_checks(report) if "诉讼" in f.message or "复议" in f.message]
    (review,) = [t for t in report.tables if t.kind == "review"]
    review.rows[0].values["行政诉讼/复议后起诉/总计"] = 5
    (finding,) = [f for f in run_checks(report) if "诉讼" in f.message]
    assert finding.rule == "text-vs-table" and finding.numbers == [9, 14]


def test_sanming_cumulative_text_against_table():
    """Line 188 says 373127 published since the 条例; the appendix's 历年累计 says 364686 (line 238)."""
    findings = of_rule(run_checks(load_report(REPORTS / "sanming-2017.txt")), "text-vs-table")
    assert [(f.numbers, f.lines) for f in findings] == [([373127, 364686], [188, 234])]


def test_county_2013_channels_differ_from_its_table():
    """The text's 网上 3 and 信函 4 against the table's 网上 4 and 信函 0 (电子邮件 3)."""
    findings = of_rule(run_checks(load_report(REPORTS / "pingtan-county-2013.txt")), "text-vs-table")
    assert sorted(f.numbers for f in findings) == [[3, 4], [4, 0]]


def test_agreeing_text_and_table_are_not_flagged():
    """主动公开 3460 in the text and in Pingtan 2016's table: nothing to report."""
    text = (
        "标题\n二、主动公开政府信息情况\n2016年全区主动公开政府信息3460条。\n"
        "指标名称\n计量单位\n2016年度\n历年累计\n主动公开文件数\n条\n3460\n85376\n"
    )
    assert of_rule(checks_of(text), "text-vs-table") == []
    assert len(of_rule(checks_of(text.replace("3460条", "3400条")), "text-vs-table")) == 1


# Rule 6: heading numbering ------------------------------------------------------------------------


def test_gap_and_duplicate_headings_are_warnings():
    """一、 二、 四、 skips 三; a second 四、 repeats it."""
    text = "标题\n一、概述\n正文。\n二、主动公开\n正文。\n四、收费\n正文。\n四、问题\n正文。\n"
    findings = of_rule(checks_of(text), "numbering")
    messages = [f.message for f in findings]
    assert any("不连续" in m and "二、" in m and "四、" in m for m in messages)
    assert any("重复" in m for m in messages)
    assert all(f.severity == "warning" for f in findings)


def test_restart_is_a_warning():
    """（一）（二） then （一） again under the same heading starts the numbering over."""
    text = "标题\n一、概述\n（一）甲\n正文。\n（二）乙\n正文。\n（一）丙\n正文。\n二、其他\n正文。\n"
    (finding,) = of_rule(checks_of(text), "numbering")
    assert "重新开始" in finding.message and finding.lines == [5, 7]


def test_continued_numbering_across_parts_is_fine():
    """Sanming numbers its （n） items straight through the 1. 2. … parts: no gap, no restart."""
    findings = of_rule(run_checks(load_report(REPORTS / "sanming-2017.txt")), "numbering")
    assert all(f.severity == "info" for f in findings)


def test_repaired_numbers_are_grouped_by_damage():
    """Sanming's repaired headings make three notes: `4)` (47 places), bare `12` (3), empty `()` (4)."""
    findings = of_rule(run_checks(load_report(REPORTS / "sanming-2017.txt")), "numbering")
    assert sorted(len(f.lines) for f in findings) == [3, 4, 47]
    bare = next(f for f in findings if len(f.lines) == 3)
    assert bare.lines == [44, 52, 132]


# Whole reports -------------------------------------------------------------------------------------

# (rule, severity, the numbers it starts with), worked out by hand from each report; numbering notes
# are tested above. Reports not listed here must have no finding at all besides numbering notes.
EXPECTED = {
    "sanming-2017.txt": {
        ("total-vs-parts", "error", (42514, 34073, 3842, 4608)),  # line 188: parts add up to 42523
        ("total-vs-parts", "info", (34073, 3261)),  # line 190: ten main categories, 23531 of 34073
        ("total-vs-parts", "warning", (548, 15, 143, 229)),  # line 196: 其他方式 included, 387
        ("percentage", "error", (56, 154, 42.21)),  # line 202
        ("text-vs-table", "warning", (373127, 364686)),  # line 188 against line 238
        ("table-subrows", "info", (364686,)),  # 政府网站 311468 + 公报 0: other channels not listed
        ("table-subrows", "warning", (1844, 1069, 428, 176)),  # 受理 channels 1673; 2017 column adds up
        ("table-subrows", "error", (154, 49, 3, 4, 20)),  # 对申请的答复总数: 76
        ("table-subrows", "error", (1844, 1412, 86, 15, 81)),  # 历年累计: 1594
    },
    "pingtan-2012.txt": {
        ("percentage", "error", (145, 1913, 8.05)),
        ("total-vs-parts", "error", (1913, 1397, 534)),  # 1931
        ("text-vs-table", "warning", (1913, 739)),  # text 1913, table 739
        ("total-vs-parts", "info", (3636, 9)),  # 重点领域 examples
        ("total-vs-parts", "info", (1913, 133)),  # main categories, 911 of 1913
    },
    "pingtan-2014.txt": {("total-vs-parts", "error", (2543, 594))},  # categories add up to 2641
    "pingtan-2019.txt": {("total-vs-parts", "error", (2599, 25))},  # categories incl. 其他: 2533
    "pingtan-2020.txt": {
        ("total-vs-parts", "error", (2602, 82)),  # categories incl. 其他: 2603
        ("template-results", "error", (26, 20, 27, 21)),
    },
    "pingtan-county-2011.txt": {("total-vs-parts", "info", (425, 148))},  # nine categories: 421
    "pingtan-county-2013.txt": {
        ("text-vs-table", "warning", (3, 4)),
        ("text-vs-table", "warning", (4, 0)),
        ("table-subrows", "info", (1853,)),  # 网站 1713 + 公报 0
        ("table-subrows", "info", (5395,)),  # 5017 + 7
        ("total-vs-parts", "info", (1853, 324)),  # nine categories: 1700
    },
    "shanghai-office-2019.html": {
        ("percentage", "error", (258, 805, 33.9)),  # 258/805 = 32.05%
        ("total-vs-parts", "error", (805, 258, 35, 265, 158, 0)),  # the five result kinds add up to 716
        ("text-vs-table", "warning", (258, 275)),  # table: （一）272 + （二）3
        ("text-vs-table", "warning", (265, 337)),  # table: 无法提供 252+12+1+44+3+25
    },
    "pingtan-dishui-2013.txt": {
        ("percentage", "error", (117, 171, 100.0)),
        ("total-vs-parts", "info", (171, 91, 7, 19)),  # 91+7+19 = 117, the 受理 figure
    },
}
ALL_REPORTS = sorted(p.name for p in REPORTS.iterdir() if p.suffix in (".txt", ".html"))


@pytest.mark.parametrize("name", ALL_REPORTS)
def test_real_report_findings(name):
    """Each shared report yields exactly the contradictions its text holds, and nothing that is right."""
    findings = [f for f in run_checks(load_report(REPORTS / name)) if f.rule != "numbering"]
    expected = EXPECTED.get(name, set())
    for rule, severity, numbers in expected:
        assert any(
            f.rule == rule and f.severity == severity and tuple(f.numbers[: len(numbers)]) == numbers for f in findings
        ), (rule, severity, numbers)
    assert len(findings) == len(expected), [f.message for f in findings]


def test_findings_are_sorted_and_point_at_their_numbers():
    """Findings come in line order, and each span covers digits of the report text."""
    report = load_report(REPORTS / "sanming-2017.txt")
    findings = run_checks(report)
    assert [min(f.lines) for f in findings] == sorted(min(f.lines) for f in findings)
    percentage = next(f for f in findings if f.rule == "percentage")
    assert [report.text[a:b] for a, b in percentage.spans] == ["56", "154", "42.21%"]


def test_export_prints_findings_and_exits_0():
    """`main.py --export checks` prints the findings as JSON and exits 0, findings being no error."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--export", "checks", str(REPORTS / "sanming-2017.txt")],
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0
    findings = json.loads(result.stdout)["findings"]
    assert any(f["rule"] == "percentage" and f["lines"] == [202] and f["numbers"] == [56, 154, 42.21] for f in findings)


def test_models_checks_do_not_import_qt():
    """The checker is plain Python: importing it pulls in no Qt."""
    code = "import sys, models.checks.run; print('PySide6' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "False"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="一二三（）()、.：:，。；%其中共含包括条件个占0123456789其他\n ", max_size=200))
def test_checker_never_fails_on_odd_text(text):
    """Whatever the text, checking it gives findings (perhaps none), never an exception."""
    for finding in checks_of("标题\n" + text):
        assert finding.severity in ("error", "warning", "info") and finding.message
