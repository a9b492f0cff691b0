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

from models import load_report, parse_report
from models.checks.finding import Finding
from models.checks.run import run_checks
from models.checks.text_figures import share_matches
from models.core.limits import FINDINGS, LIST_FIGURES

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "tests" / "reports"


def checks_of(text: str) -> list[Finding]:
    return run_checks(parse_report(text.encode("utf-8"))).findings


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
    findings = of_rule(run_checks(load_report(REPORTS / "sanming-2017.txt")).findings, "percentage")
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
    findings = of_rule(run_checks(load_report(REPORTS / "pingtan-2012.txt")).findings, "percentage")
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
    findings = of_rule(run_checks(load_report(REPORTS / "sanming-2017.txt")).findings, "numbering")
    assert all(f.severity == "info" for f in findings)


def test_repaired_numbers_are_grouped_by_damage():
    """Sanming's repaired headings make three notes: `4)` (47 places), bare `12` (3), empty `()` (4)."""
    findings = of_rule(run_checks(load_report(REPORTS / "sanming-2017.txt")).findings, "numbering")
    assert sorted(len(f.lines) for f in findings) == [3, 4, 47]
    bare = next(f for f in findings if len(f.lines) == 3)
    assert bare.lines == [44, 52, 132]


def test_past_the_limit_repeated_numbers_are_counted_in_one_finding():
    """A text whose headings all repeat `一、` lists the first `FINDINGS` repeats and counts the rest in one
    more finding, which points where the first of them does."""
    count = FINDINGS + 250
    findings = of_rule(checks_of("一、概述\n" * count), "numbering")
    assert len(findings) == FINDINGS + 1
    rest = findings[-1]
    assert rest.message.startswith(f"另有{count - 1 - FINDINGS}处")
    assert rest.lines == [FINDINGS + 1, FINDINGS + 2]  # the first repeat not listed, and the heading it repeats


def test_repaired_numbers_past_the_limit_are_counted_but_not_all_pointed_at():
    """`()` headings by the thousand make one note that counts them all and points at the first `FINDINGS`."""
    count = FINDINGS + 10
    findings = of_rule(checks_of("一、概述\n" + "（）标题\n" * count), "numbering")
    (repaired,) = findings
    assert f"等{count}处" in repaired.message
    assert len(repaired.lines) == len(repaired.spans) == FINDINGS


def test_a_list_longer_than_the_limit_is_summed_over_its_first_figures():
    """A list of parts is read over its first `LIST_FIGURES` figures: of 35 parts of 1件 under `共31件，其中`, 30 are
    listed and 1件 is left unlisted (all 35 would run past the total, as a list may)."""
    parts = "、".join(["当面申请1件"] * (LIST_FIGURES + 5))
    findings = checks_of(f"二、依申请公开\n共受理申请{LIST_FIGURES + 1}件，其中{parts}。\n")
    (unlisted,) = of_rule(findings, "total-vs-parts")
    assert unlisted.numbers == [LIST_FIGURES + 1] + [1] * LIST_FIGURES
    assert unlisted.severity == "info"


# Odd shapes: runs of digits, and totals of nothing ------------------------------------------------


def test_a_share_of_a_total_of_nothing_is_not_recomputed():
    """`共受理申请0件，其中…1件，占30%` reports the parts against the total, and the shares are left alone (there is no
    share of nothing to recompute)."""
    findings = checks_of("二、依申请公开\n共受理申请0件，其中当面申请1件，占30%；网上申请1件，占30%。\n")
    assert [f.rule for f in findings if f.rule != "numbering"] == ["total-vs-parts"]


@pytest.mark.parametrize(
    "sentence",
    [
        "共受理申请10件，其中当面申请3件，占{run}%；网上申请7件，占70%。",
        "共受理申请10件，其中当面申请3件，{run}%占比；网上申请7件，占70%。",
        "受理申请10件，办结9件，办结率{run}%。",
    ],
)
def test_a_run_of_digits_where_a_share_or_a_rate_stands_is_text(sentence):
    """Hundreds of digits where a percentage stands are no percentage: the checks run, and recompute nothing."""
    text = "一、概述\n" + sentence.format(run="9" * 400) + "\n"
    assert of_rule(checks_of(text), "percentage") == []


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
    # 现行有效行政规范性文件393件, but the row reads 行政规范性文件77132470: after 本年制发 77, no cut of
    # 132470 into 本年废止 and 现行有效 gives 393 (1/32470, 13/2470, 132/470, 1324/70, 13247/0).
    "pingtan-2023.txt": {("text-vs-table", "warning", (393,))},
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
    result = run_checks(load_report(REPORTS / name))
    findings = [f for f in result.findings if f.rule != "numbering"]
    expected = EXPECTED.get(name, set())
    for rule, severity, numbers in expected:
        assert any(
            f.rule == rule and f.severity == severity and tuple(f.numbers[: len(numbers)]) == numbers for f in findings
        ), (rule, severity, numbers)
    assert len(findings) == len(expected), [f.message for f in findings]


def test_findings_are_sorted_and_point_at_their_numbers():
    """Findings come in line order, and each span covers digits of the report text."""
    report = load_report(REPORTS / "sanming-2017.txt")
    findings = run_checks(report).findings
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


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="一二三（）()、.：:，。；%其中共含包括条件个占0123456789其他\n ", max_size=200))
def test_checker_never_fails_on_odd_text(text):
    """Whatever the text, checking it gives findings (perhaps none), never an exception."""
    for finding in checks_of("标题\n" + text):
        assert finding.severity in ("error", "warning", "info") and finding.message
