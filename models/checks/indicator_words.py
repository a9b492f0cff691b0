"""The words a report uses for a table's quantities, read the same way in a row's name and in the text.

A text and its table name a quantity differently (`网络申请117条` for 网上申请数, `不同意公开答复4条` for
不予公开答复数, `共收到…申请7条` for 受理依申请公开信息总数), so both are first given one spelling
(`canonical`): words that mean the same become one word, and `政府信息公开`, which every quantity of these
reports is about, goes. A spelled text is then read as the domain's terms it holds (`TERMS`, taken longest
first, so `主动公开` is not also `公开`) and the words between them.

A row's name asks a clause for its `needles`: each term of the name, and each other run of two or more
characters once filler words (`数`, `信息`, `总数`, …) are taken out; `信函、传真申请数` asks for 信函 or
传真, and for 申请. A clause holds a needle when it holds the term, or contains the run of characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

Group = tuple[str, ...]  # a needle: any one of these words

# Written form -> the one spelling used for matching. Longer forms are tried first.
_SYNONYMS = {
    "政府信息公开": "",
    "依申请公开": "申请",
    "不同意公开": "不予公开",
    "不予以公开": "不予公开",
    "否决公开": "不予公开",
    "网络": "网上",
    "其它": "其他",
    "收到": "受理",
    "接收": "受理",
    "接到": "受理",
    "新收": "受理",
    "办理结果": "答复",
    "办结": "答复",
    "办理": "答复",
    "上年度结转": "上年结转",
    "上一年度结转": "上年结转",
    "顺延到下年度": "结转下年度",
    "顺延至下年度": "结转下年度",
    "行政规范性文件": "规范性文件",
    "新制作": "制发",
    "制作": "制发",
    "制定": "制发",
    "新公开": "公开",
    "对外公开总": "现行有效",
    "处理决定": "决定",
    "收取的费用": "收费",
    "收取费用": "收费",
    "费用": "收费",
}
# The domain's terms, in their one spelling.
TERMS = frozenset(
    {
        "主动公开", "公开", "申请", "受理", "答复", "当面", "网上", "信函", "传真", "电子邮件", "网站", "公报",
        "同意公开", "部分公开", "不予公开", "予以公开", "无法提供", "不予处理", "其他", "复议", "诉讼", "申诉",
        "举报", "收费", "减免", "规章", "规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费",
        "上年结转", "结转下年度",
    }
)  # fmt: skip
# Words that say nothing of which quantity is meant: what a row's name and the words between a term and
# its figure may hold besides terms.
_FILLERS = (
    "政府信息", "信息", "政府", "文件", "总数", "数量", "件数", "总计", "合计", "本年度", "本年", "全年", "今年",
    "年度", "金额", "共计", "有关", "相关", "各类", "各项", "事项", "案件", "提交", "行政", "继续", "情况", "其中",
    "依法", "数", "的", "为", "了", "共", "达", "已", "均", "件", "条",
)  # fmt: skip
_NUMERAL = "一二三四五六七八九十"
_LEAD = re.compile(
    rf"^(?:其中[:：]?)?\s*(?:[（(][{_NUMERAL}\d]{{1,3}}[）)]|[{_NUMERAL}]{{1,3}}、|\d{{1,2}}\s*[.．、])?"
)
_NOTE = re.compile(r"[（(][^（()）]*[）)]")  # `（区分处理的，只计这一情形…）`, `（单位：万元）`
_NOT_WORD = re.compile(r"[^\w]|_")


def _alternation(words: object) -> re.Pattern[str]:
    ordered = sorted(words, key=len, reverse=True)  # type: ignore[call-overload]
    return re.compile("|".join(map(re.escape, ordered)))


_SYNONYM = _alternation(_SYNONYMS)
_TERM = _alternation(TERMS)
_FILLER = _alternation(_FILLERS)


def canonical(text: str) -> str:
    """`text` with one spelling for words that mean the same (`网络申请` → `网上申请`)."""
    return _SYNONYM.sub(lambda match: _SYNONYMS[match.group()], text)


def filler_only(text: str) -> bool:
    """Whether spelled `text` holds nothing but filler words and punctuation (`政府信息`, `数为`)."""
    return not _NOT_WORD.sub("", _FILLER.sub("", text))


@dataclass(frozen=True, slots=True)
class Words:
    """A spelled piece of text as the matcher reads it: its terms, and its characters without punctuation."""

    text: str
    terms: frozenset[str]
    plain: str

    def has(self, group: Group) -> bool:
        """Whether one of the needle's words is here: a term among the terms, other words among the characters."""
        return any(word in self.terms if word in TERMS else word in self.plain for word in group)


@lru_cache(maxsize=4096)  # one for the clauses a text repeats
def words(spelled: str) -> Words:
    """The terms and plain characters of an already spelled text."""
    return Words(spelled, frozenset(m.group() for m in _TERM.finditer(spelled)), _NOT_WORD.sub("", spelled))


def last_term(spelled: str) -> tuple[str, int]:
    """The last term of a spelled text and where it ends (`""`, -1 when it holds none)."""
    term, end = "", -1
    for match in _TERM.finditer(spelled):
        term, end = match.group(), match.end()
    return term, end


def first_term(spelled: str) -> tuple[str, int]:
    """The first term of a spelled text and where it starts (`""`, -1 when it holds none)."""
    match = _TERM.search(spelled)
    return (match.group(), match.start()) if match else ("", -1)


@lru_cache(maxsize=1024)
def needles(name: str) -> tuple[Group, ...]:
    """What a row's name asks a clause for: `同意部分公开答复数` → 同意, 部分公开, 答复."""
    spelled = canonical(_NOTE.sub("", _LEAD.sub("", name.strip())))
    groups: list[Group] = []
    position = 0
    joined = False  # the previous term and this one are alternatives (`信函、传真`)
    for match in _TERM.finditer(spelled):
        between = spelled[position : match.start()]
        joined = bool(groups) and between.strip() in ("、", "或", "/")
        if not joined:
            groups += [(run,) for run in _runs(between)]
        if joined:
            groups[-1] = (*groups[-1], match.group())
        else:
            groups.append((match.group(),))
        position = match.end()
    groups += [(run,) for run in _runs(spelled[position:])]
    return tuple(dict.fromkeys(groups))


def _runs(text: str) -> list[str]:
    """The runs of two or more characters of `text` between its filler words and punctuation."""
    parts = _FILLER.split(text)
    return [plain for part in parts if len(plain := _NOT_WORD.sub("", part)) >= 2]


@lru_cache(maxsize=256)
def column_key(column: str) -> str | None:
    """The word a clause uses for a template column (`本年新制作数量` → 制发, `法人或其他组织/商业企业` →
    商业企业); None for a column a clause never names alone: 总计, 其他, last year's count, the change."""
    last = column.rpartition("/")[2]
    if last.startswith(("上一年", "本年增")):
        return None
    runs = _runs(canonical(_NOTE.sub("", last)))
    key = "".join(runs)
    return key if key and key not in ("其他", "总计", "合计") else None
