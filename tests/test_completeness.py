"""Nothing goes missing silently: a check that cannot run says why, and a report on the national template that
lacks a part, a table's rows or its figures gets a completeness finding; the complete reports get neither.

The inputs are real reports cut by hand. Pingtan 2023 (a 2021-template report, its text on line 10) is cut just
after its application table's `（二）部分公开…191000020` row, up to `四、政府信息公开行政复议、行政诉讼情况`:
the table keeps 一, 二, 三, （一） and （二）, and lacks （三） to （六） with their rows, （七）总计 and 四.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from models import load_report, parse_report
from models.checks.run import run_checks
from models.core.document import Report
from models.export.writing import export_bytes
from models.load import service
from models.tables.template_required import missing_rows

REPORTS = Path(__file__).resolve().parent / "reports"
PINGTAN_2023 = (REPORTS / "pingtan-2023.txt").read_text(encoding="utf-8")
PARTIAL_ROW = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）191000020"
REVIEW_PART = "四、政府信息公开行政复议、行政诉讼情况"
CUT_ROWS = [
    "（三）不予公开",
    "（四）无法提供",
    "（五）不予处理",
    "（六）其他处理",
    "（七）总计",
    "四、结转下年度继续办理",
]
COMPLETE = ["pingtan-2019.txt", "pingtan-2020.txt", "pingtan-2021.txt", "pingtan-2023.txt", "shanghai-office-2019.html"]


def cut_after_partial_row(text: str = PINGTAN_2023) -> str:
    """Pingtan 2023 with its application table cut just after the （二）部分公开 row, the rest of the report kept."""
    end = text.index(PARTIAL_ROW) + len(PARTIAL_ROW)
    return text[:end] + text[text.index(REVIEW_PART) :]


def cut_report() -> Report:
    return parse_report(cut_after_partial_row().encode("utf-8"))


def without(text: str, start: str, stop: str) -> str:
    """`text` without what runs from `start` up to `stop`."""
    return text[: text.index(start)] + text[text.index(stop) :]


def applications(report: Report):
    (table,) = [t for t in report.tables if t.kind == "applications"]
    return table


def completeness(report: Report) -> list[str]:
    return [f.message for f in run_checks(report).findings if f.rule == "completeness"]


def test_a_cut_application_table_names_the_rows_its_checks_lacked():
    """The balance and the sum of results cannot be checked, and say so naming the rows that are missing."""
    skipped = {s.rule: s for s in run_checks(cut_report()).skipped}
    balance, results = skipped["template-balance"], skipped["template-results"]
    assert balance.reason.startswith("收到和处理政府信息公开申请情况表缺少（七）总计、四、结转下年度继续办理，无法核对")
    assert results.reason.startswith(
        "收到和处理政府信息公开申请情况表缺少（三）不予公开、（四）无法提供、（五）不予处理、（六）其他处理、（七）总计，"
    )
    assert balance.lines == results.lines == (10,)


def test_the_rows_a_cut_table_lacks_are_the_templates_and_a_finding_names_them():
    """missing_rows names the template's rows the table lacks, a group for the rows under it; the report gets one
    completeness finding naming them."""
    report = cut_report()
    assert missing_rows(applications(report)) == CUT_ROWS
    (message,) = completeness(report)
    assert message == "收到和处理政府信息公开申请情况表中未见年度报告格式要求的" + "、".join(CUT_ROWS)


def test_the_checks_export_carries_what_could_not_be_checked(tmp_path):
    """JSON has `skipped` next to `findings`; CSV has a 未核对 line per skipped check, with its reason."""
    report = cut_report()
    exported = json.loads(export_bytes(report, "checks"))
    assert set(exported) == {"findings", "skipped"}
    assert {"rule", "reason", "lines"} == set(exported["skipped"][0])
    assert any("（七）总计" in s["reason"] and s["lines"] == [10] for s in exported["skipped"])
    rows = list(csv.reader(io.StringIO(export_bytes(report, "checks", "csv").decode("utf-8"))))
    not_checked = [row for row in rows if row[1] == "未核对"]
    assert len(not_checked) == len(exported["skipped"]) and all(row[2] and row[4] == "10" for row in not_checked)


def test_the_skipped_checks_come_from_the_child_that_reads_the_report(tmp_path):
    """The child forked to read and check a report sends the checks it could not run along with its findings."""
    path = tmp_path / "cut.txt"
    path.write_text(cut_after_partial_row(), encoding="utf-8")
    service.prefetch(path)
    taken = service.take_prefetched(path)
    assert taken is not None
    _, receiver = taken
    checks = receiver.checks()
    receiver.close()
    assert len(checks.skipped) == 3 and checks.skipped == run_checks(load_report(path)).skipped


def test_a_report_without_its_fifth_part_gets_a_completeness_finding():
    """Pingtan 2023 without `五、存在的主要问题及改进情况` (up to 六): one finding naming the part."""
    text = without(PINGTAN_2023, "五、存在的主要问题及改进情况", "六、其他需要报告的事项")
    report = parse_report(text.encode("utf-8"))
    assert completeness(report) == ["未见年度报告格式要求的“五、存在的主要问题及改进情况”部分"]
    assert run_checks(report).skipped == []


def test_a_blank_block_and_a_table_never_read_are_said():
    """第二十条第（八）项 without its 5949.088667 is a blank block; without the review table's figures the table is
    not read at all, which is a check skipped, not a finding."""
    blank = parse_report(PINGTAN_2023.replace("行政事业性收费5949.088667", "行政事业性收费").encode("utf-8"))
    assert completeness(blank) == ["主动公开政府信息情况表的第二十条第（八）项各格均为空"]
    unread = parse_report(PINGTAN_2023.replace("110024001510102五、", "五、").encode("utf-8"))
    assert completeness(unread) == []
    (skipped,) = run_checks(unread).skipped
    assert skipped.rule == "completeness" and "政府信息公开行政复议、行政诉讼情况表" in skipped.reason


def test_a_template_report_known_by_its_year_and_headings():
    """A 2020 report with the template's headings but none of its tables (nor its 函) is held to the template:
    its missing 六 is a finding, its three tables are checks that could not run."""
    parts = [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        REVIEW_PART,
        "五、存在的主要问题",
    ]
    text = "标题: 某局2020年政府信息公开工作年度报告\n" + "".join(f"{part}\n本部分内容。\n" for part in parts)
    result = run_checks(parse_report(text.encode("utf-8")))
    assert [f.message for f in result.findings] == ["未见年度报告格式要求的“六、其他需要报告的事项”部分"]
    assert [s.lines for s in result.skipped] == [(4,), (6,), (8,)]
    pre_2019 = text.replace("2020年", "2017年")
    assert run_checks(parse_report(pre_2019.encode("utf-8"))).findings == []


@pytest.mark.parametrize("name", COMPLETE)
def test_complete_template_reports_have_nothing_missing_and_nothing_skipped(name):
    """The real template reports have their six parts and every row: no completeness finding, no note, no skip."""
    report = load_report(REPORTS / name)
    result = run_checks(report)
    assert [f for f in result.findings if f.rule == "completeness"] == []
    assert result.skipped == []
    assert {t.kind: missing_rows(t) for t in report.tables} == {"active": [], "applications": [], "review": []}


def test_the_template_rows_each_table_requires():
    """The 2019 主动公开 table needs 第二十条第（九）项 政府集中采购, the 2021 one does not; a missing row is named,
    a missing block stands for its rows."""
    shanghai = load_report(REPORTS / "shanghai-office-2019.html")
    (active,) = [t for t in shanghai.tables if t.kind == "active"]
    without_purchases = active.replace(rows=[r for r in active.rows if r.name != "政府集中采购"])
    assert missing_rows(without_purchases) == ["政府集中采购"]
    without_block = active.replace(rows=[r for r in active.rows if "九" not in r.name and r.name != "政府集中采购"])
    assert missing_rows(without_block) == ["第二十条第（九）项"]
    pingtan = load_report(REPORTS / "pingtan-2023.txt")
    (active_2021,) = [t for t in pingtan.tables if t.kind == "active"]
    assert "第二十条第（九）项" not in [r.name for r in active_2021.rows] and missing_rows(active_2021) == []


@pytest.mark.parametrize("name", ["pingtan-2018.txt", "sanming-2017.txt", "pingtan-dishui-2013.txt"])
def test_reports_before_the_template_are_not_held_to_it(name):
    """A report before 2019 has other parts and an appendix: nothing about the template is said of it."""
    result = run_checks(load_report(REPORTS / name))
    assert [f for f in result.findings if f.rule == "completeness"] == [] and result.skipped == []
