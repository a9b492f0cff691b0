"""The national template's labels: table titles, columns, row labels and how reports write them.

国办公开办函〔2019〕60号 set the three tables; 〔2021〕30号 changed the 第二十条 columns and split
（六）其他处理 into three rows. Row names are the template's wording (`（二）部分公开`, `1.属于国家秘密`);
`Label.pattern` matches the ways reports write them (spacing, either kind of brackets and quotes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from models.core.document import Row, Table
from models.core.textindex import TextIndex
from models.tables.template_cells import AMOUNT, COUNT, DELTA

ACTIVE, APPLICATIONS, REVIEW = "active", "applications", "review"
TEMPLATE_KINDS = (ACTIVE, APPLICATIONS, REVIEW)
TITLES = {
    ACTIVE: "主动公开政府信息情况",
    APPLICATIONS: "收到和处理政府信息公开申请情况",
    REVIEW: "政府信息公开行政复议、行政诉讼情况",
}
TOTAL = "总计"
APPLICANT_COLUMNS = [
    "自然人",
    "法人或其他组织/商业企业",
    "法人或其他组织/科研机构",
    "法人或其他组织/社会公益组织",
    "法人或其他组织/法律服务机构",
    "法人或其他组织/其他",
    TOTAL,
]
_OUTCOMES = ["结果维持", "结果纠正", "其他结果", "尚未审结", TOTAL]
REVIEW_COLUMNS = [
    f"{group}/{outcome}"
    for group in ("行政复议", "行政诉讼/未经复议直接起诉", "行政诉讼/复议后起诉")
    for outcome in _OUTCOMES
]
REVIEW_ROW = "行政复议、行政诉讼"
RESULTS = "三、本年度办理结果"
RECEIVED, CARRIED_IN, RESULTS_TOTAL, CARRIED_OUT = (
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "（七）总计",
    "四、结转下年度继续办理",
)


_SP = r"\s*"


def label_pattern(words: str) -> str:
    """A label as reports write it: any spacing between characters, either kind of quotes and brackets."""
    parts = []
    for ch in words:
        if ch in '“”"':
            parts.append('[“”"]?')
        elif ch in "（(":
            parts.append("[（(]")
        elif ch in "）)":
            parts.append("[）)]")
        elif ch in "/／":
            parts.append("[/／]?")
        else:
            parts.append(re.escape(ch))
    return _SP.join(parts)


def _cn(numeral: str, words: str) -> str:
    return rf"{numeral}{_SP}[、.．]{_SP}{label_pattern(words)}"


def _paren(numeral: str, words: str) -> str:
    return rf"[（(]{_SP}{numeral}{_SP}[）)]{_SP}{label_pattern(words)}"


def _num(number: int, words: str) -> str:
    """A numbered sub-row's label; a long one also as printed with a few characters lost or changed in its
    middle (`2.其他法律行政止公开`): its number, its first and last two characters, within one cell."""
    exact = label_pattern(words)
    if len(words) < 6:
        return rf"{number}{_SP}[.．、]{_SP}{exact}"
    loose = rf"{label_pattern(words[:2])}[^\t\n\d]{{{len(words) - 7},{len(words) - 2}}}?{label_pattern(words[-2:])}"
    return rf"{number}{_SP}[.．、]{_SP}(?:{exact}|{loose})"


@dataclass(frozen=True)
class Label:
    name: str
    parent: str | None
    pattern: str


def _sub_rows(parent: str, words: list[str]) -> list[Label]:
    return [Label(f"{i}.{w}", parent, _num(i, w)) for i, w in enumerate(words, 1)]


_WITHHELD, _UNAVAILABLE, _NOT_HANDLED, _OTHER = "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"
APPLICATION_LABELS = [
    Label(RECEIVED, None, _cn("一", "本年新收政府信息公开申请数量")),
    Label(CARRIED_IN, None, _cn("二", "上年结转政府信息公开申请数量")),
    Label(RESULTS, None, _cn("三", "本年度办理结果")),
    Label("（一）予以公开", RESULTS, _paren("一", "予以公开")),
    Label(
        "（二）部分公开",
        RESULTS,
        _paren("二", "部分公开") + rf"(?:{_SP}{label_pattern('（区分处理的，只计这一情形，不计其他情形）')})?",
    ),
    Label(_WITHHELD, RESULTS, _paren("三", "不予公开")),
    *_sub_rows(
        _WITHHELD,
        [
            "属于国家秘密",
            "其他法律行政法规禁止公开",
            "危及“三安全一稳定”",
            "保护第三方合法权益",
            "属于三类内部事务信息",
            "属于四类过程性信息",
            "属于行政执法案卷",
            "属于行政查询事项",
        ],
    ),
    Label(_UNAVAILABLE, RESULTS, _paren("四", "无法提供")),
    *_sub_rows(_UNAVAILABLE, ["本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确"]),
    Label(_NOT_HANDLED, RESULTS, _paren("五", "不予处理")),
    *_sub_rows(
        _NOT_HANDLED,
        [
            "信访举报投诉类申请",
            "重复申请",
            "要求提供公开出版物",
            "无正当理由大量反复申请",
            "要求行政机关确认或重新出具已获取信息",
        ],
    ),
    Label(_OTHER, RESULTS, _paren("六", "其他处理")),
    *_sub_rows(
        _OTHER,
        [
            "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "其他",
        ],
    ),
    Label(RESULTS_TOTAL, RESULTS, _paren("七", "总计")),
    Label(CARRIED_OUT, None, _cn("四", "结转下年度继续办理")),
]


def block_name(numeral: str) -> str:
    """The name of the 第二十条 block `numeral` (一, 五, 六, 八, 九) as a table row: `第二十条第（一）项`."""
    return f"第二十条第（{numeral}）项"


# 第二十条 blocks: the rows of each, and the columns of the 2019 and the 2021 template.
BLOCK = rf"第{_SP}二{_SP}十{_SP}条{_SP}第{_SP}[（(]{_SP}([一五六八九]){_SP}[）)]{_SP}项"
BLOCK_ROWS = {
    "一": ["规章", "行政规范性文件", "规范性文件"],
    "五": ["行政许可", "其他对外管理服务事项"],
    "六": ["行政处罚", "行政强制"],
    "八": ["行政事业性收费"],
    "九": ["政府集中采购"],
}
ACTIVE_COLUMNS = {
    "本年新制作数量": COUNT,
    "本年新公开数量": COUNT,
    "对外公开总数量": COUNT,
    "本年制发件数": COUNT,
    "本年废止件数": COUNT,
    "现行有效件数": COUNT,
    "上一年项目数量": COUNT,
    "本年增/减": DELTA,
    "本年处理决定数量": COUNT,
    "处理决定数量": COUNT,
    "采购项目数量": COUNT,
    "采购总金额": AMOUNT,
    "本年收费金额（单位：万元）": AMOUNT,
}
COLUMN_PATTERNS = {
    name: label_pattern(name.removesuffix("（单位：万元）"))
    + (r"(?:\s*[（(]\s*单位\s*[:：]\s*万元\s*[）)])?" if "万元" in name else "")
    for name in ACTIVE_COLUMNS
}
DEFAULT_COLUMNS = {
    2019: {
        "一": ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
        "五": ["上一年项目数量", "本年增/减", "处理决定数量"],
        "六": ["上一年项目数量", "本年增/减", "处理决定数量"],
        "八": ["上一年项目数量", "本年增/减"],
        "九": ["采购项目数量", "采购总金额"],
    },
    2021: {
        "一": ["本年制发件数", "本年废止件数", "现行有效件数"],
        "五": ["本年处理决定数量"],
        "六": ["本年处理决定数量"],
        "八": ["本年收费金额（单位：万元）"],
        "九": ["采购项目数量", "采购总金额"],
    },
}

_HEADINGS = {
    ACTIVE: label_pattern("主动公开政府信息情况"),
    APPLICATIONS: label_pattern("收到和处理政府信息公开申请情况"),
    REVIEW: rf"政府信息公开{_SP}(?:申请{_SP})?行政复议{_SP}[、，,]?{_SP}(?:提起{_SP})?行政诉讼{_SP}(?:的{_SP})?情况",
}
REVIEW_HEADER = rf"行政复议{_SP}行政诉讼{_SP}结果维持"
# A section heading of the template: where a table under the previous one must have ended.
SECTION_HEADING = (
    r"[一二三四五六]\s*[、.．]\s*(?:总体情况|主动公开政府信息情况|收到和处理政府信息公开申请情况|因?政府信息公开(?:申请)?"
    r"\s*行政复议|(?:政府信息公开工作)?存在的主要问题|其他需要报告的事项)"
)


@cache
def compiled(pattern: str) -> re.Pattern[str]:
    """`pattern` compiled, once: patterns are compiled when a report first needs them, not at import.

    Most reports hold none of the template's tables, and compiling every label's pattern at start-up
    cost tens of milliseconds.
    """
    return re.compile(pattern)


def heading(kind: str) -> re.Pattern[str]:
    """The heading of the template's `kind` table (`四、收到和处理政府信息公开申请情况` without its number)."""
    return compiled(_HEADINGS[kind])


def template_table(
    kind: str, rows: list[Row], index: TextIndex, start: int, end: int, columns: list[str] | None = None
) -> Table:
    """The template's `kind` table over `rows`, from `start` to `end`: titled and with the columns the
    template gives it (the active table's, which vary by block and year, are passed as `columns`)."""
    if columns is None:
        columns = list(APPLICANT_COLUMNS if kind == APPLICATIONS else REVIEW_COLUMNS)
    return Table(
        title=TITLES[kind], columns=columns, rows=rows, line=index.line_of(start), start=start, end=end, kind=kind
    )
