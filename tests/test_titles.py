"""A report's title printed over several lines is one title, in text, web pages and Word files alike."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from models import parse_report

ROOT = Path(__file__).resolve().parent.parent
BODY = "一、总体情况\n本年度，我市认真贯彻落实《中华人民共和国政府信息公开条例》。\n二、主动公开政府信息情况\n"
HUAIAN = "淮安市人民政府2024年政府信息公开工作年度报告"


def _title(text: str, name: str = "report.txt") -> str:
    return parse_report(text.encode("utf-8"), name).title


# --- plain text ----------------------------------------------------------------------------------


def test_two_line_title_is_joined_without_a_space():
    """`淮安市人民政府` over `2024年政府信息公开工作年度报告` is one title that keeps its year."""
    assert _title(f"淮安市人民政府\n2024年政府信息公开工作年度报告\n{BODY}") == HUAIAN


@pytest.mark.parametrize(
    ("second", "title"),
    [
        ("2024年度政府信息公开工作年度报告", "某某区人民政府2024年度政府信息公开工作年度报告"),
        ("政府信息公开工作年度报告", "某某区人民政府政府信息公开工作年度报告"),
        ("2019年政府信息公开工作年报", "某某区人民政府2019年政府信息公开工作年报"),
    ],
)
def test_body_name_over_the_words_that_name_the_report(second, title):
    """The body's name on one line and the report's name on the next, however the second is worded."""
    assert _title(f"某某区人民政府\n{second}\n{BODY}") == title


def test_three_line_title_stops_before_its_dated_subtitle_and_the_first_heading():
    """Two offices and the report's name are the title; `（2024年1月）` and `一、总体情况` stay out of it and out of
    the outline's way."""
    text = f"中共某某市委办公室\n某某市人民政府办公室\n2023年政府信息公开工作年度报告\n（2024年1月）\n{BODY}"
    report = parse_report(text.encode("utf-8"), "report.txt")
    assert report.title == "中共某某市委办公室某某市人民政府办公室2023年政府信息公开工作年度报告"
    assert [(s.marker, s.title) for s in report.walk()] == [("一、", "总体情况"), ("二、", "主动公开政府信息情况")]


def test_lines_apart_and_indented_are_still_one_title():
    """A blank line between the title's lines, centring spaces and Windows line ends change nothing."""
    assert _title(f"　　淮安市人民政府　　\r\n\r\n  2024年政府信息公开工作年度报告  \r\n{BODY}") == HUAIAN


@pytest.mark.parametrize(
    "after",
    [
        "本年度报告根据《条例》编制，现予公布。\n2024年政府信息公开工作年度报告",
        "一、总体情况\n2024年政府信息公开工作年度报告",
        "2024年1月\n2024年政府信息公开工作年度报告",
        "（2024年1月）\n2024年政府信息公开工作年度报告",
    ],
)
def test_first_line_stays_the_title_when_what_follows_is_not_title(after):
    """A body paragraph, a heading, a date or a bracketed line under the first line is not glued to it."""
    assert _title(f"淮安市人民政府\n{after}\n{BODY}") == "淮安市人民政府"


def test_one_line_title_is_not_joined_to_the_line_under_it():
    """A title on one line stays as it is, even when a short line that could be a title's follows it."""
    assert _title(f"{HUAIAN}\n淮安市人民政府办公室\n2025年1月20日\n{BODY}") == HUAIAN


def test_crawler_title_field_wins_over_the_lines_of_the_body():
    """The crawler's `标题:` names the report even when the body prints its title over two lines."""
    text = (
        "标题: 淮安市2024年政府信息公开工作年度报告\n发布时间: 2025-01-20 09:00\n"
        f"==================== 正文 ====================\n淮安市人民政府\n2024年政府信息公开工作年度报告\n{BODY}"
    )
    assert _title(text) == "淮安市2024年政府信息公开工作年度报告"


# --- web pages and Word files -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "head",
    [
        "<p>淮安市人民政府</p><p>2024年政府信息公开工作年度报告</p>",
        "<h1>淮安市人民政府</h1>\n<p style='text-align:center'>2024年政府信息公开工作年度报告</p>",
    ],
)
def test_html_title_in_two_elements_is_one_title(head):
    """A page's title split over two paragraphs, or a heading and a paragraph, is one title."""
    page = (
        "<html><head><title>淮安市人民政府</title></head><body>"
        f"{head}<p>（2024年1月）</p><p>一、总体情况</p><p>本年度，我市认真贯彻落实条例。</p></body></html>"
    )
    assert _title(page, "report.html") == HUAIAN


def test_docx_title_in_two_paragraphs_is_one_title():
    """A Word file whose first two paragraphs are the body's name and the report's name has both as its title."""
    document = docx.Document()
    for paragraph in ["淮安市人民政府", "2024年政府信息公开工作年度报告", "", *BODY.splitlines()]:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    assert parse_report(buffer.getvalue(), "report.docx").title == HUAIAN


# --- export ------------------------------------------------------------------------------------------


def test_json_export_carries_the_whole_title(tmp_path):
    """`--export outline` names the report by its whole title, not by its first line."""
    report = tmp_path / "huaian.txt"
    report.write_text(f"淮安市人民政府\n2024年政府信息公开工作年度报告\n{BODY}", "utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, "main.py", "--export", "outline", str(report)],
        cwd=ROOT,
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout)["title"] == HUAIAN
