"""The checker on tables: a table against itself (sub-rows, cumulative, the national template's balances)
and the text against a table.

Expectations on real reports were worked out by hand from the report text (line numbers are the
report's own); they are not copied from the program's output.
"""

from __future__ import annotations

from pathlib import Path

from models import Row, Table, load_report, parse_report
from models.checks.finding import CheckResult, Finding
from models.checks.run import run_checks
from models.checks.tables import check_tables

REPORTS = Path(__file__).resolve().parent / "reports"


def checks_of(text: str) -> list[Finding]:
    return run_checks(parse_report(text.encode("utf-8"))).findings


def of_rule(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


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
    findings = check_tables([table]).findings
    assert [f.severity for f in findings] == ["error", "error"]
    assert findings[0].message.startswith("对申请的答复总数为154，但其下各项之和为76")


def test_subrows_that_add_up_are_not_flagged_and_partial_ones_are_info():
    """Sub-rows equal to their parent pass; two channels short of the total are only a note."""
    ok = appendix(row("受理总数", [7, 28]), row("网上申请", [3, 10], "受理总数"), row("信函申请", [4, 18], "受理总数"))
    assert check_tables([ok]) == CheckResult()
    partial = appendix(row("主动公开文件数", [10, 50]), row("政府网站公开数", [10, 40], "主动公开文件数"))
    assert [f.severity for f in check_tables([partial]).findings] == ["info"]


def test_year_above_cumulative_is_an_error():
    """A year's figure cannot exceed 历年累计; equal is fine."""
    table = appendix(row("主动公开文件数", [3460, 3000]), row("行政复议数", [2, 2]))
    (finding,) = check_tables([table]).findings
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
    findings = check_tables([pingtan_2020_like([20, 0, 1, 21])]).findings
    (finding,) = of_rule(findings, "template-results")
    assert "自然人列26≠20" in finding.message and "总计列27≠21" in finding.message
    assert of_rule(findings, "template-balance") == [], "一 + 二 = 21 = （七）21 + 四 0 holds"


def test_consistent_template_table_is_not_flagged():
    """With （七）总计 = 26 / 0 / 1 / 27 and 一 = 27 everything balances."""
    table = pingtan_2020_like([26, 0, 1, 27])
    table.rows[0].values.update({"自然人": 26, "总计": 27})
    assert check_tables([table]) == CheckResult()


def test_broken_balance_and_row_total_are_errors():
    """一 + 二 ≠ （七） + 四 and a 总计 that is not the sum of its row are both reported."""
    table = pingtan_2020_like([26, 0, 1, 27])
    table.rows[0].values.update({"自然人": 26, "总计": 28})
    rules = sorted(f.rule for f in check_tables([table]).findings)
    assert rules == ["template-balance", "template-row-total"]


def test_review_table_totals_per_group():
    """行政复议 and each 行政诉讼 group: 总计 is the sum of its four results."""
    groups = ["行政复议", "行政诉讼/未经复议直接起诉"]
    columns = [f"{g}/{c}" for g in groups for c in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")]
    values = dict(zip(columns, [1, 1, 0, 0, 2, 4, 0, 0, 1, 5], strict=True))
    good = Row("行政复议、行政诉讼", None, None, values, 1, 0, 0)
    table = Table(None, columns, [good], 1, 0, 0, kind="review")
    assert check_tables([table]) == CheckResult()
    good.values["行政诉讼/未经复议直接起诉/总计"] = 7
    (finding,) = check_tables([table]).findings
    assert finding.rule == "template-row-total" and finding.numbers == [7, 5]


# Rule 4: the text against a table -----------------------------------------------------------------


def test_template_requests_in_the_text_against_the_table():
    """Pingtan 2021 writes 收到70件, 办结69件, 1件结转: a table saying otherwise is flagged, each once."""
    report = load_report(REPORTS / "pingtan-2021.txt")
    (table,) = [t for t in report.tables if t.kind == "applications"]
    for row in table.rows:
        if row.name.startswith(("一、", "（七）", "四、")):
            row.values["总计"] = (row.values["总计"] or 0) + 100
    findings = of_rule(run_checks(report).findings, "text-vs-table")
    assert sorted(f.numbers for f in findings) == [[1, 101], [69, 169], [70, 170]]


def test_review_totals_in_the_text_against_the_table():
    """Shanghai's `行政复议7件，诉讼9件` agree with its table; a table saying 14 诉讼 would not."""
    report = load_report(REPORTS / "shanghai-office-2019.html")
    assert not [f for f in run_checks(report).findings if "诉讼" in f.message or "复议" in f.message]
    (review,) = [t for t in report.tables if t.kind == "review"]
    review.rows[0].values["行政诉讼/复议后起诉/总计"] = 5
    (finding,) = [f for f in run_checks(report).findings if "诉讼" in f.message]
    assert finding.rule == "text-vs-table" and finding.numbers == [9, 14]


def test_sanming_cumulative_text_against_table():
    """Line 188 says 373127 published since the 条例; the appendix's 历年累计 says 364686 (line 238)."""
    findings = of_rule(run_checks(load_report(REPORTS / "sanming-2017.txt")).findings, "text-vs-table")
    assert [(f.numbers, f.lines) for f in findings] == [([373127, 364686], [188, 234])]


def test_county_2013_channels_differ_from_its_table():
    """The text's 网上 3 and 信函 4 against the table's 网上 4 and 信函 0 (电子邮件 3)."""
    findings = of_rule(run_checks(load_report(REPORTS / "pingtan-county-2013.txt")).findings, "text-vs-table")
    assert sorted(f.numbers for f in findings) == [[3, 4], [4, 0]]


def test_agreeing_text_and_table_are_not_flagged():
    """主动公开 3460 in the text and in Pingtan 2016's table: nothing to report."""
    text = (
        "标题\n二、主动公开政府信息情况\n2016年全区主动公开政府信息3460条。\n"
        "指标名称\n计量单位\n2016年度\n历年累计\n主动公开文件数\n条\n3460\n85376\n"
    )
    assert of_rule(checks_of(text), "text-vs-table") == []
    assert len(of_rule(checks_of(text.replace("3460条", "3400条")), "text-vs-table")) == 1
