"""Reports as offices make them: one report as Word .docx, as Word's PDF, as a web page and as text.

The files are written by `tests/make_word_reports.py` (python-docx, then LibreOffice's PDF export) and
committed. The PDF's tables are ruled, with merged header cells, labels wrapped in their cells, a label
standing one character a line that the page break cuts in two, and header rows repeated on the next
page; its paragraphs start indented and wrap; its title stands on two lines; its pages are numbered.
Expected values are read from the report as published (tests/reports/pingtan-2023.txt, sanming-2017.txt).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from models import load_report
from models.checks.run import run_checks
from tests.shapes import figures, outline

WORD = Path(__file__).resolve().parent / "reports" / "word"
FORMS = ("docx", "pdf", "html", "txt")


def _findings(report) -> list[tuple[str, str, str]]:
    return sorted((f.rule, f.severity, f.message) for f in run_checks(report).findings)


@pytest.mark.parametrize("name", ["pingtan-2023-word", "sanming-2017-word"])
@pytest.mark.parametrize("form", FORMS[:3])
def test_every_form_gives_the_outline_tables_and_findings_of_the_text(name, form):
    text = load_report(WORD / f"{name}.txt")
    report = load_report(WORD / f"{name}.{form}")
    assert report.title == text.title
    assert outline(report) == outline(text)
    assert figures(report) == figures(text)
    assert _findings(report) == _findings(text)


@pytest.fixture(scope="module")
def pingtan_pdf():
    return load_report(WORD / "pingtan-2023-word.pdf")


def _rows(report, kind: str) -> dict[str, list[object]]:
    table = next(t for t in report.tables if t.kind == kind)
    return {row.name: list(row.values.values()) for row in table.rows}


def test_pdf_title_on_two_lines_is_one_title(pingtan_pdf):
    assert pingtan_pdf.title == "平潭综合实验区管委会2023年政府信息公开工作年度报告"


def test_pdf_table_three_is_whole_across_the_page_break(pingtan_pdf):
    """Every row of 收到和处理政府信息公开申请情况, including those after the break, as published."""
    rows = _rows(pingtan_pdf, "applications")
    assert rows["一、本年新收政府信息公开申请数量"] == [80, 1, 0, 0, 0, 0, 81]
    assert rows["二、上年结转政府信息公开申请数量"] == [0] * 7
    assert rows["（一）予以公开"] == [22, 0, 0, 0, 0, 0, 22]
    assert rows["（二）部分公开"] == [19, 1, 0, 0, 0, 0, 20]
    assert rows["1.属于国家秘密"] == [0] * 7
    assert rows["4.保护第三方合法权益"] == [1, 0, 0, 0, 0, 0, 1]
    assert rows["8.属于行政查询事项"] == [2, 0, 0, 0, 0, 0, 2]
    assert rows["1.本机关不掌握相关政府信息"] == [31, 0, 0, 0, 0, 0, 31]
    assert rows["2.重复申请"] == [1, 0, 0, 0, 0, 0, 1]
    assert rows["3.其他"] == [1, 0, 0, 0, 0, 0, 1]
    assert rows["（七）总计"] == [80, 1, 0, 0, 0, 0, 81]
    assert rows["四、结转下年度继续办理"] == [0] * 7
    lines = pingtan_pdf.text.splitlines()
    assert sum("商业企业\t科研机构" in line for line in lines) == 1, "the repeated header is dropped, not data"
    assert any(line.startswith("三、本年度办理结果\t（一）予以公开") for line in lines), "the cut label is whole"
    assert any(line.startswith("（三）不予公开\t1.属于国家秘密") for line in lines)


def test_pdf_active_and_review_tables(pingtan_pdf):
    active = _rows(pingtan_pdf, "active")
    assert [v for v in active["行政规范性文件"] if v is not None] == [77, 132, 470]
    assert [v for v in active["行政许可"] if v is not None] == [2629]
    assert [v for v in active["行政处罚"] if v is not None] == [1330]
    assert [v for v in active["行政强制"] if v is not None] == [54]
    assert [v for v in active["行政事业性收费"] if v is not None] == [5949.088667]
    review = next(t for t in pingtan_pdf.tables if t.kind == "review")
    assert [v for row in review.rows for v in row.values.values()] == [1, 1, 0, 0, 2, 4, 0, 0, 1, 5, 1, 0, 1, 0, 2]


def test_pdf_paragraphs_are_whole_and_headings_stand_alone(pingtan_pdf):
    """Each paragraph is one line, as published: no sentence broken at a wrapped line or a page break."""
    lines = pingtan_pdf.text.splitlines()
    assert "（三）政府信息管理方面" in lines
    start = lines.index("（三）政府信息管理方面")
    assert lines[start + 1].startswith("进一步规范信息发布全流程")
    assert lines[start + 1].endswith("不断提升规范性文件数据库质量。")
    assert lines[start + 2] == "（四）信息公开平台建设方面"
    problems = next(s for s in pingtan_pdf.walk() if s.title.startswith("存在的主要问题"))
    body = pingtan_pdf.text[problems.start : problems.end].splitlines()[1:]
    assert len([line for line in body if line.strip()]) == 1
    assert "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。" in lines, "the framed box is text"
    assert not any(line.strip() in ("— 3 —", "3") for line in lines), "page numbers are dropped"


def test_pdf_appendix_of_the_year_and_the_total():
    """Sanming's 附表 as a ruled table: each row's 2017 figure and 历年累计, as published."""
    report = load_report(WORD / "sanming-2017-word.pdf")
    (table,) = report.tables
    rows = {row.name: [row.values[c] for c in ("2017", "历年累计")] for row in table.rows}
    assert rows["主动公开文件数"] == [34073, 364686]
    assert rows["受理政府信息公开申请总数"] == [154, 1844]
    assert rows["同意部分公开答复数"] == [3, 86]
    assert rows["行政诉讼数"] == [0, 0]
