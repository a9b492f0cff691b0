"""The completeness rule: a report that follows the national template has the template's six parts, and its
tables have the rows the template requires, with figures in them.

A report follows the template (国办公开办函〔2019〕60号, revised by 〔2021〕30号) when it holds one of the
template's tables, names either 函, or is a report for 2019 or later most of whose part headings are the
template's. A part is known by its words after any numbering (a report that left out 五 may number 六 as 五),
at the start of a top-level heading, or failing that of a numbered line in the text.

Findings (rule "completeness", severity "warning"): a part missing; a template table without rows the template
requires (`models.tables.template_required.missing_rows`), wholly blank, or with a 第二十条 block left blank.
A part whose table could not be read at all is a check skipped, not a finding: the table may be there, as an
image or in a shape no reader knows.
"""

from __future__ import annotations

from models.checks.finding import WARNING, CheckResult, Finding, Skipped
from models.checks.tables import table_name
from models.core.document import Report, Row
from models.tables.template_labels import ACTIVE, APPLICATIONS, REVIEW, TEMPLATE_KINDS, compiled, heading
from models.tables.template_required import blank_blocks, is_blank, missing_rows

RULE = "completeness"
# The template's parts: how the template names each, and the words that know it at a heading's start.
PARTS = (
    ("一、总体情况", r"总\s*体\s*情\s*况"),
    ("二、主动公开政府信息情况", heading(ACTIVE).pattern),
    ("三、收到和处理政府信息公开申请情况", heading(APPLICATIONS).pattern),
    ("四、政府信息公开行政复议、行政诉讼情况", heading(REVIEW).pattern),
    ("五、存在的主要问题及改进情况", r"(?:政府信息公开\s*工作\s*)?(?:存\s*在\s*的?\s*)?主\s*要\s*问\s*题"),
    ("六、其他需要报告的事项", r"其\s*他\s*需\s*要\s*报\s*告\s*的?\s*事\s*项"),
)
_TABLE_PART = {ACTIVE: 1, APPLICATIONS: 2, REVIEW: 3}
_NUMBERED = r"[一二三四五六七八九十]{1,2}\s*[、.．]\s*"
_LETTER = r"国办公开办函\s*[〔\[［【(（]\s*20(?:19|21)\s*[〕\]］】)）]\s*(?:60|30)\s*号"
_YEAR = r"(20\d\d)\s*年"
FIRST_YEAR = 2019
# A report for 2019 or later, with no template table and naming neither 函, follows the template when it has
# this many of the template's parts.
PARTS_OF_A_TEMPLATE = 3


def check_completeness(report: Report) -> CheckResult:
    """The completeness findings of a report that follows the template, and the tables that could not be read;
    nothing for any other report."""
    found = _template_parts(report)
    if found is None:
        return CheckResult()
    result = CheckResult()
    for number, (name, _) in enumerate(PARTS):
        if number not in found:
            message = f"未见年度报告格式要求的“{name}”部分"
            result.findings.append(Finding(RULE, WARNING, message, [], _near(found, number)))
    for kind in TEMPLATE_KINDS:
        tables = [table for table in report.tables if table.kind == kind]
        part = found.get(_TABLE_PART[kind])
        if not tables and part is not None:
            title = PARTS[_TABLE_PART[kind]][0][2:]
            reason = f"未能从报告中读出{title}表，无法核对其中的数字是否填写完整、前后相符"
            result.skipped.append(Skipped(RULE, reason, (part[1],)))
        for table in tables:
            if missing := missing_rows(table):
                message = f"{table_name(table)}中未见年度报告格式要求的{'、'.join(missing)}"
                result.findings.append(Finding(RULE, WARNING, message, [], [table.line]))
            if is_blank(table.rows):
                result.findings.append(_blank(f"{table_name(table)}各格均为空", table.rows))
                continue
            for block, rows in blank_blocks(table):
                result.findings.append(_blank(f"{table_name(table)}的{block}各格均为空", rows))
    return result


def _blank(message: str, rows: list[Row]) -> Finding:
    lines = sorted({row.line for row in rows})
    return Finding(RULE, WARNING, message, [], lines, [(row.start, row.end) for row in rows])


def _template_parts(report: Report) -> dict[int, tuple[int, int]] | None:
    """The template's parts the report has (`_parts`), or None for a report that does not follow the template.

    A report without the template's tables or 函 is looked through for parts only when it is for 2019 or later:
    the text of an older report, however long, is not searched.
    """
    if any(table.kind in TEMPLATE_KINDS for table in report.tables) or compiled(_LETTER).search(report.text):
        return _parts(report)
    year = _report_year(report)
    if year is None or year < FIRST_YEAR:
        return None
    found = _parts(report)
    return found if len(found) >= PARTS_OF_A_TEMPLATE else None


def _report_year(report: Report) -> int | None:
    """The year the report is for: its title's, else the year before it was published (reports come out in
    the first months of the next year)."""
    if match := compiled(_YEAR).search(report.title or ""):
        return int(match.group(1))
    if report.published and report.published[:4].isdigit():
        return int(report.published[:4]) - 1
    return None


def _parts(report: Report) -> dict[int, tuple[int, int]]:
    """Each of the template's parts the report has: its number in PARTS -> (offset, line) of its heading."""
    found: dict[int, tuple[int, int]] = {}
    for section in report.sections:
        for number, (_, words) in enumerate(PARTS):
            if number not in found and compiled(words).match(section.title.strip()):
                found[number] = (section.start, section.line)
    for number, (_, words) in enumerate(PARTS):
        if number not in found and (match := compiled(f"{_NUMBERED}(?:{words})").search(report.text)):
            found[number] = (match.start(), report.text.count("\n", 0, match.start()) + 1)
    return found


def _near(found: dict[int, tuple[int, int]], number: int) -> list[int]:
    """The line where a missing part would be: the next part's heading, else the one before it."""
    after = [found[n][1] for n in sorted(found) if n > number]
    before = [found[n][1] for n in sorted(found) if n < number]
    return after[:1] or before[-1:]
