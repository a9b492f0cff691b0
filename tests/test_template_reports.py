"""Which reports follow the national template, and their outline: the template's six sections with their own
subheadings, whatever the tables' row labels look like. Expected outlines were read off the reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from models import load_report
from models.tables.template import ACTIVE, APPLICATIONS, REVIEW
from tests.test_template import TEMPLATE_REPORTS

REPORTS = Path(__file__).resolve().parent / "reports"


PINGTAN_TOP = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]


@pytest.mark.parametrize(
    "name",
    [
        "pingtan-2019.txt",
        "pingtan-2020.txt",
        "pingtan-2021.txt",
        "pingtan-2023.txt",
    ],
)
def test_pingtan_outline_is_the_six_template_sections(name):
    """The top level is the template's 一 … 六 (each title as the report words it): no table row label among them.

    A title may run on where the text lost its line breaks (2023: `五、存在的主要问题及改进情况存在的问题…`).
    """
    report = load_report(REPORTS / name)
    headings = [s.heading for s in report.sections]
    assert len(headings) == len(PINGTAN_TOP), headings
    assert all(got.startswith(want) for got, want in zip(headings, PINGTAN_TOP, strict=True)), headings


SUBHEADINGS = {
    "pingtan-2021.txt": [
        [
            "（一）主动公开方面",
            "（二）依申请公开方面",
            "（三）政府信息管理方面",
            "（四）平台载体建设方面",
            "（五）监督保障方面",
        ],
        [],
        [],
        [],
        ["（一）存在的主要问题", "（二）改进措施"],
        [],
    ],
    "pingtan-2023.txt": [5, [], [], [], [], []],
    "shanghai-office-2019.html": [
        [
            "（一）主动公开方面",
            "（二）依申请公开方面",
            "（三）政府信息管理方面",
            "（四）平台建设方面",
            "（五）监督保障方面",
        ],
        [],
        [],
        [],
        ["（一）主要问题", "（二）改进措施"],
        [],
    ],
}


@pytest.mark.parametrize("name", list(SUBHEADINGS))
def test_template_sections_have_their_own_subheadings_only(name):
    """Sections 二、三、四 hold tables and no headings; the others keep their real sub-headings."""
    report = load_report(REPORTS / name)
    for section, expected in zip(report.sections, SUBHEADINGS[name], strict=True):
        children = [child.heading for child in section.children]
        assert (len(children) if isinstance(expected, int) else children) == expected, section.heading


def test_shanghai_outline_is_the_six_template_sections():
    """The HTML report's outline is 一 … 六 with the 2019 template's titles, none from inside its tables."""
    report = load_report(REPORTS / "shanghai-office-2019.html")
    assert [s.heading for s in report.sections] == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、政府信息公开工作存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]


PRE_2019 = sorted(p.name for p in REPORTS.glob("*.txt") if p.name not in TEMPLATE_REPORTS)


@pytest.mark.parametrize("name", PRE_2019)
def test_pre_2019_reports_have_no_template_tables(name):
    """Reports before the national template (their 附表 aside) yield no template table, not even a loose one."""
    report = load_report(REPORTS / name)
    assert report.source_format == "text"
    assert not [t.kind for t in report.tables if t.kind in (ACTIVE, APPLICATIONS, REVIEW)]
