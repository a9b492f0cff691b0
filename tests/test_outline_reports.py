"""Golden outlines of other real reports (one-line Pingtan pages), read off the reports by hand.

Each entry is `marker title`, indented two spaces a level. These pages lost their line breaks, so
every heading sits inside one long line and a title ends at a space or where the body begins.
"""

from pathlib import Path

import pytest

from models import load_report

REPORTS = Path(__file__).resolve().parent / "reports"

PINGTAN_2012 = """
一、 概述
二、 重点领域政府信息公开情况
  1. 推进财政预算决算和公共资金公开
  2. 推进保障性住房信息公开
  3. 推进食品安全信息公开
  4. 推进环境保护信息公开
  5. 推进招投标信息公开
  6. 推进生产安全事故信息公开
  7. 推进征地拆迁信息公开
  8. 推进价格和收费信息公开
三、 主动公开政府信息情况
  （一） 主动公开政府信息的数量
  （二） 主动公开政府信息的主要类别
  （三） 主动公开政府信息的主要形式
    1. 门户网站
    2. 公众查阅点
    3. 开设政务公开栏
    4. 政务微博
四、 政府信息依申请公开工作情况
五、 政府信息公开工作存在的主要问题及改进情况
  （一） 深化公开内容，拓展公开形式
  （二） 进一步规范政府信息公开行为
    1、 加强信息公开培训指导工作
    2、 做好主动公开信息巡查工作
    3、 建立健全政府信息公开工作机制
    4、 建立政府信息梳理和归档、报送制度
"""

PINGTAN_2014 = """
一、 概述
  （一） 全面深化政府信息公开工作
  （二） 推进行政权力运行信息公开
  （三） 继续推进财政资金信息公开
  （四） 加强公共资源配置信息公开
  （五） 加强公共服务信息公开
  （六） 推动公共监管信息公开
二、 主动公开政府信息情况
  （一） 主动公开政府信息的数量
  （二） 主动公开政府信息的主要类别
  （三） 主动公开政府信息的主要形式
    1. 门户网站
    2. 公众查阅点
三、 政府信息依申请公开工作情况
四、 政府信息公开的收费及减免情况
五、 主要问题和改进措施
六、 平潭综合实验区政府信息公开情况统计表
"""

PINGTAN_DISHUI_2013 = """
一、 概述
  1、 加强组织领导，层层狠抓落实
  2、 突出重点，全面推进政务信息公开载体建设
  3、 突出重点，提高政务公开工作的针对性
  4、 强化监管，自觉接受群众的监督和检查
二、 主动公开政府信息情况
  （一） 公开的主要内容
    1、 管理规范和发展计划
    2、 与公众密切相关的办税事项
    3、 政府机构和人事
  （二） 公开形式
    1、 电视、报刊公告
    2、 设立公开栏
    3、 设立资料索取点
三、 依申请公开、不予公开及咨询政府信息情况
  （一） 申请情况
  （二） 申请处理情况
  （三） 咨询情况
  （四） 不予公开政府信息情况
四、 审批事项及处理情况
五、 申请行政复议、提起行政诉讼和申诉的情况
六、 工作人员及信息公开事务支出情况
  （一） 工作人员情况
  （二） 政府信息公开事务支出情况
"""

# Cells of its appendix ran together (`1.网站公开条41815092.政府公报公开…`): none of them is a heading.
PINGTAN_COUNTY_2011 = """
一、 概述
二、 主动公开政府信息情况
  （一） 主动公开政府信息的数量各乡镇、县直各单位对政府信息进行了梳理和编目
  （二） 主动公开政府信息的主要类别
  （三） 主动公开政府信息的主要形式
    1. 门户网站
    2. 公众查阅点
    3. 开设政务公开栏在公众方便、集中的县政府大院门口设立政务公开专栏
三、 政府信息依申请公开工作情况
四、 政府信息公开工作存在的主要问题及改进情况
  （一） 进一步深化政府信息公开内容
  （二） 进一步拓展政府信息公开形式
  （三） 进一步规范政府信息公开行为
    1、 加强信息公开培训指导工作
    2、 规范政府信息公开行为，切实履行公开责任
    3、 做好主动公开信息巡查工作
    4、 建立健全政府信息公开社会评议制度、责任追究制度和考核制度
"""


def _expected(outline: str) -> list[tuple[int, str, str]]:
    rows = []
    for raw in outline.strip("\n").splitlines():
        level = (len(raw) - len(raw.lstrip(" "))) // 2 + 1
        marker, title = raw.strip().split(" ", 1)
        rows.append((level, marker, title))
    return rows


@pytest.mark.parametrize(
    ("name", "outline"),
    [
        ("pingtan-2012.txt", PINGTAN_2012),
        ("pingtan-2014.txt", PINGTAN_2014),
        ("pingtan-dishui-2013.txt", PINGTAN_DISHUI_2013),
        ("pingtan-county-2011.txt", PINGTAN_COUNTY_2011),
    ],
)
def test_one_line_report_outline(name, outline):
    """Headings inside a page that lost its line breaks nest as the report numbers them."""
    report = load_report(REPORTS / name)
    got = [(s.level, s.marker, s.title) for s in report.walk()]
    assert got == _expected(outline)
    assert {s.line for s in report.walk()} == {10}, "the whole page is line 10, after the crawler header"


def test_crawler_header_is_a_leftover_and_gives_the_metadata():
    """The 标题/发布时间 block before `==== 正文 ====` is set aside and read as metadata."""
    report = load_report(REPORTS / "pingtan-2012.txt")
    kinds = [part.kind for part in report.leftovers]
    assert kinds[:2] == ["crawler-header", "page-header"]
    header = report.leftovers[0]
    assert report.text[header.start : header.end].rstrip().endswith("==================== 正文 ====================")
    assert report.title == "平潭综合实验区2012年政府信息公开工作年度报告"
    assert report.published == "2013-02-25 00:00"
    assert report.issuer == "平潭综合实验区管委会"
    assert report.text[report.leftovers[-1].start :].startswith("附件下载")


def test_inline_numbers_that_are_not_headings():
    """Citations (第（一）项), a word holding a numeral (统一、) and decimals are never headings."""
    text = (
        "某某局2020年政府信息公开工作年度报告\n"
        "一、总体情况\n依据第二十条第（一）（五）项，统一、规范地公开，增长1.5%，2020年1月起实施。\n"
        "二、主动公开情况\n"
    )
    from models import parse_report

    report = parse_report(text.encode("utf-8"))
    assert [(s.marker, s.title) for s in report.walk()] == [("一、", "总体情况"), ("二、", "主动公开情况")]


def test_run_on_titles_end_where_the_heading_says_what_it_covers():
    """In a page without line breaks, `（一）主动公开方面平潭…` is titled 主动公开方面, not the sentence after it."""
    report = load_report(REPORTS / "pingtan-2023.txt")
    first = report.sections[0]
    assert [s.title for s in first.children] == [
        "主动公开方面",
        "依申请公开方面",
        "政府信息管理方面",
        "信息公开平台建设方面",
        "监督保障方面",
    ]
    assert report.sections[4].title == "存在的主要问题及改进情况"


def test_heading_right_after_a_template_table_is_found():
    """`…75394432.52元三、收到和处理…`: the heading glued to the table's last figure still opens section 三."""
    report = load_report(REPORTS / "pingtan-2019.txt")
    assert [s.marker for s in report.sections] == ["一、", "二、", "三、", "四、", "五、", "六、"]
    assert report.sections[2].title == "收到和处理政府信息公开申请情况"


def test_damaged_markers_inside_one_long_line_are_repaired():
    """`()` for （三） and `3)` for （3） in the middle of a run-on line are read as the sequence needs them
    and marked repaired; a digit and a bracket after a year or inside a bracket are not headings."""
    from models import parse_report
    from models.checks.numbering import check_numbering

    text = (
        "某某局2016年政府信息公开工作年度报告\n"
        "一、概述 （一）加强组织领导 一是高度重视。（二）完善制度 二是健全组织。()推进公开 三是科学安排。"
        "（四）强化监督 四是集约建设。二、主动公开情况 （1）网站公开 全年公开。（2）公报 全年两期。"
        "3)查阅点 共三个，依据岚综〔2013)号文（见附件1)。（4）微博 共发布。\n"
    )
    report = parse_report(text.encode("utf-8"))
    got = [(s.marker, s.title, s.source_marker, s.repaired) for s in report.walk()]
    assert got == [
        ("一、", "概述", "一、", False),
        ("（一）", "加强组织领导", "（一）", False),
        ("（二）", "完善制度", "（二）", False),
        ("（三）", "推进公开", "()", True),
        ("（四）", "强化监督", "（四）", False),
        ("二、", "主动公开情况", "二、", False),
        ("（1）", "网站公开", "（1）", False),
        ("（2）", "公报", "（2）", False),
        ("（3）", "查阅点", "3)", True),
        ("（4）", "微博", "（4）", False),
    ]
    notes = sorted(f.message for f in check_numbering(report))
    assert notes == [
        "标题编号序号丢失，已按前后顺序补全：第2行“()”读作“（三）”",
        "标题编号缺少左括号，已按前后顺序补全：第2行“3)”读作“（3）”",
    ]


def test_a_run_of_empty_brackets_is_numbered_by_what_follows_it():
    """Hundreds of `（）` headings in a row are read as the numbers that lead up to the `（999）` after them."""
    from models import parse_report

    count = 998
    text = "一、概述\n" + "（）标题\n" * count + "（999）后记\n"
    (top,) = parse_report(text.encode("utf-8")).sections
    assert [s.ordinal for s in top.children] == list(range(1, count + 2))
    assert {s.style for s in top.children} == {"pnum"}
    assert sum(s.repaired for s in top.children) == count


def test_sanming_as_one_long_line_keeps_its_repaired_outline():
    """Sanming with its line breaks turned into spaces (kept only before its three bare numbers `12推进…`,
    which only a line start makes headings): its 47 `4)` and 4 `()` markers now sit inside lines and
    are still repaired, so all 105 headings keep their numbering."""
    import re

    from models import parse_report

    source = (REPORTS / "sanming-2017.txt").read_text("utf-8")
    one_line = re.sub(r"\n(?!\d{1,2}[\u4e00-\u9fff])", " ", source)
    assert one_line.count("\n") == 3
    report = parse_report(one_line.encode("utf-8"))
    sections = list(report.walk())
    assert len(sections) == 105
    repaired = [s.source_marker for s in sections if s.repaired]
    assert sum(1 for m in repaired if re.fullmatch(r"\d+\)", m)) == 47
    assert repaired.count("()") == 4
    pnum = [s.ordinal for s in sections if s.style == "pnum"]
    assert pnum == list(range(1, 60)), "（1） to （59） run straight through the parts"
