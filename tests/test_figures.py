"""Figures of the body text: counts with units, percentages and breakdowns, each pointing at its text."""

from __future__ import annotations

from pathlib import Path

from models import load_report, parse_report
from models.checks.figures import TextFigures, find_figures

REPORTS = Path(__file__).resolve().parent / "reports"


def figures_of(text: str) -> TextFigures:
    return find_figures(parse_report(text.encode("utf-8")))


def test_counts_keep_unit_offsets_and_line():
    """A count is read with its unit, and its offsets cover the digits in the text."""
    text = "标题\n2017年，发布政策解读稿件298篇，在线访谈93次，接待47601人次。\n"
    found = figures_of(text)
    got = [(f.value, f.unit, f.line) for f in found.figures]
    assert got == [(298, "篇", 2), (93, "次", 2), (47601, "人次", 2)]
    first = found.figures[0]
    assert text[first.start : first.number_end] == "298"
    assert text[first.start : first.end] == "298篇"


def test_years_dates_ordinals_and_durations_are_not_counts():
    """`2017年`, `第3次`, `20个工作日`, `3个月` are not figures of the report."""
    found = figures_of("标题\n2017年12月，第3次会议要求20个工作日内办结，3个月内完成，共5项。\n")
    assert [(f.value, f.unit) for f in found.figures] == [(5, "项")]


def test_approximate_counts_are_marked():
    """`5000余条`, `约4900人次` and `近亿元` are marked approximate, so no sum is checked against them."""
    found = figures_of("标题\n发布信息达5000余条，约4900人次咨询，共12条。\n")
    assert [(f.value, f.approximate) for f in found.figures] == [(5000, True), (4900, True), (12, False)]


def test_percentages_keep_their_precision():
    """A share keeps the decimals it was printed with: 5.8% has one, 42.21% two, 73% none."""
    found = figures_of("标题\n占5.8%，占42.21%，占73%。\n")
    assert [(p.value, p.decimals) for p in found.percentages] == [(5.8, 1), (42.21, 2), (73.0, 0)]


def test_breakdown_after_qizhong_with_shares():
    """`受理154条，其中：A 32条，占20.78%；…` is a total, its parts and each part's share."""
    found = figures_of(
        "标题\n受理依申请公开信息154条，其中：当面提交32条，占20.78%；网络申请117条，占75.97%；信函申请5条，占3.25%。\n"
    )
    (breakdown,) = found.breakdowns
    assert breakdown.total.value == 154
    assert [(p.figure.value, p.percent.value if p.percent else None) for p in breakdown.parts] == [
        (32, 20.78),
        (117, 75.97),
        (5, 3.25),
    ]
    assert breakdown.claims_complete, "shares adding up to 100% claim a complete list"


def test_breakdown_total_in_the_previous_sentence():
    """`…1913条。其中，A 1397条，占73%。B 534条，占27%。`: the list of shares runs over the full stop."""
    found = figures_of("标题\n2012年主动公开政府信息1913条。其中，区直各单位1397条，占73%。各乡镇534条，占27%。\n")
    (breakdown,) = found.breakdowns
    assert breakdown.total.value == 1913
    assert [p.figure.value for p in breakdown.parts] == [1397, 534]


def test_bracketed_parts_are_their_own_breakdown():
    """`预决算公开197条（A 32条、B 165条）` breaks down 197, not the outer total."""
    found = figures_of("标题\n共发布380条信息，其中专项152条，预决算197条（政府32条、部门165条）、债券4条。\n")
    got = {b.total.value: [p.figure.value for p in b.parts] for b in found.breakdowns}
    assert got == {380: [152, 197, 4], 197: [32, 165]}


def test_among_pattern_and_han():
    """`在…的1913条政府信息中，A…` and `187家企业(含A 62家,B 125家)` are breakdowns too."""
    among = "在网站主动公开的425条政府信息中，机构类148条，占34.8%；规划类21条。"
    found = figures_of(f"标题\n{among}\n共187家企业(含本级62家,县125家)。\n")
    got = {b.total.value: [p.figure.value for p in b.parts] for b in found.breakdowns}
    assert got == {425: [148, 21], 187: [62, 125]}


def test_beside_the_total_is_not_a_part():
    """`805件（含结转18件，另有72件…）`: what comes after 另有 is not inside the total."""
    found = figures_of("标题\n答复申请805件（含上年度结转申请18件，另有72件申请顺延到下年度答复）。\n")
    assert [[p.figure.value for p in b.parts] for b in found.breakdowns] == [[18]]


def test_catch_all_part_claims_a_complete_list():
    """A list ending in 其他… says it is complete; a list of a few examples does not."""
    found = figures_of("标题\n共2599条，(其中机构类25条，其他信息856条)。\n共5000条，其中招生信息173条、督导20条。\n")
    assert [b.claims_complete for b in found.breakdowns] == [True, False]


def test_sanming_breakdowns():
    """Sanming's section 二 and 三 breakdowns are read with their totals and parts (lines 188-202)."""
    report = load_report(REPORTS / "sanming-2017.txt")
    found = {b.line: b for b in find_figures(report).breakdowns}
    assert found[188].total.value == 42514
    assert [p.figure.value for p in found[188].parts] == [34073, 3842, 4608]
    assert found[190].total.value == 34073 and len(found[190].parts) == 10
    assert [p.figure.value for p in found[202].parts] == [56, 49, 3, 4, 11, 11, 20]
    assert found[202].parts[0].percent is not None and found[202].parts[0].percent.value == 42.21


def test_appendix_figures_are_not_body_figures():
    """The appendix table's cells (lines 226-322) are the table's, not figures of the text."""
    report = load_report(REPORTS / "sanming-2017.txt")
    assert all(f.line < 226 for f in find_figures(report).figures)


def test_pingtan_crawler_header_is_ignored():
    """Nothing of the crawler's header (lines 1-9) is read as a figure."""
    report = load_report(REPORTS / "pingtan-2017.txt")
    header_end = report.leftovers[0].end
    assert all(f.start >= header_end for f in find_figures(report).figures)
