"""Golden test: the Sanming 2017 outline, written by reading resources/reports/sanming-2017.txt.

Each line of SANMING is `line marker title`, indented two spaces a level; `*` marks numbering that
the source lost and the reader repaired (`4)`, `12推进…`, `()`).
"""

import json
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

from models import load_report

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "resources" / "reports" / "sanming-2017.txt"

SANMING = """
8 一、 概述
  12 （一） 以政务公开助力稳增长
    14 1. 加强预期引导
      16 （1） 深入开展政策解读工作
      18 （2） 按月公开全市财政收支情况
      20 （3） 主动公开月度、季度国民经济运行情况
      22 *（4） 主动公开相关审计结果公告及审计发现问题的整改情况
    24 2. 推进减税、降费、降低要素成本信息公开
      26 *（5） 加大减税降费、税收优惠政策公开力度
      28 （6） 集中展示行政事业性收费和政府性基金目录清单
      30 *（7） 公开清理规范涉企收费各项政策措施及执行落实情况
      32 *（8） 公开降低企业成本各项政策措施及执行落实情况
      34 *（9） 定期公布社会保险情况
    36 3. 推进重大建设项目和公共资源配置信息公开
      38 *（10） 推进重大建设项目信息公开
      40 *（11） 推进公共资源配置领域公开
    42 4. 推进政府和社会资本合作(PPP)项目信息公开
      44 *（12） 推进政府和社会资本合作(PPP)项目信息公开
  46 （二） 以政务公开助力促改革
    48 1. 推进“放管服”改革信息公开
      50 *（13） 强化权责清单管理与应用
      52 *（14） 权责清单及时向社会公开
      54 *（15） 及时公开政策性文件的废止、失效等情况
      56 *（16） 推行“双随机、一公开”监管全覆盖
      58 *（17） 大力推进“互联网+政务服务”
    60 2. 推进国资国企信息公开
      62 *（18） 做好国有产权交易、增资扩股项目信息公开
      64 *（19） 依法依规公开国有企业生产经营情况
    66 3. 推进农业供给侧结构性改革信息公开
      68 *（20） 做好农产品价格信息公开工作
      70 *（21） 加大强农惠农政策公开力度
      72 *（22） 及时公开农村土地承包经营权确权登记颁证等工作进展情况
    74 4. 推进财税体制改革信息公开
      76 *（23） 加大营改增相关政策措施、操作办法、改革进展及成效公开力度
      78 *（24） 完善政府债务领域信息公开相关规定
      80 *（25） 深入推进预决算公开
  82 （三） 以政务公开助力调结构
    84 1. 推进发展新产业、培育新功能工作信息公开
      86 *（26） 围绕支持创业创新、推动新产业健康发展、改造提升传统产业等,加大政策及其执行情况公开力度
    88 2. 推进化解过剩产能工作信息公开
      90 *（27） 健全去产能公示公告制度
    92 3. 推进消费升级和产品质量提升工作信息公开
      94 *（28） 定期发布消费市场运行情况分析报告
      96 *（29） 推进产品质量监管政策法规、标准、程序和结果公开
      98 *（30） 加大对查处假冒伪劣、虚假广告、价格欺诈等行为的公开力度
  100 *（四） 以政务公开助力惠民生
    102 1. 推进扶贫脱贫和社会救助信息公开
      104 *（31） 加大扶贫脱贫信息公开力度
      106 *（32） 推进社会救助信息公开
    108 2. 推进环境保护信息公开
      110 *（33） 及时公开环境政策措施、环境治理工作进展等信息
      112 *（34） 及时公开“河长制”工作实施方案、管理保护目标以及河湖保护情况
    114 3. 推进教育卫生领域信息公开
      116 *（35） 进一步做好教育监管信息公开
      118 *（36） 推进义务教育招生入学政策公开
      120 *（37） 推进医疗卫生领域信息公开
    122 4. 推进食品药品安全领域信息公开
      124 *（38） 加大食品药品监管信息公开力度
      126 （39） 探索做好医药代表登记备案信息公开工作
  128 （五） 以政务公开助力防风险
    130 1. 围绕防范金融风险推进公开
      132 *（40） 制定金融领域特别是金融市场相关政策时高度重视政策解读和舆论引导
      134 （41） 及时发布资本市场违法违规案件查处情况的稽查执法工作动态
    136 2. 围绕促进房地产市场平稳健康发展推进公开
      138 *（42） 加快建立统一规范、准确及时的房地产市场信息定期发布机制
      140 *（43） 加强房地产市场监管信息公开
      142 *（44） 做好棚户区改造及相关任务完成情况信息公开
      144 *（45） 加大征地信息公开力度
    146 3. 围绕防范遏制重特大生产安全事故推进公开
      148 *（46） 加大安全生产监管监察信息公开力度
  150 （六） 增强政务公开实效
    152 1. 全面落实“五公开”工作机制
      154 *（47） 将“五公开”纳入办文办会程序
      156 *（48） 建立公开内容动态扩展机制
      158 *（49） 加快制定主动公开基本目录
      160 *（50） 按照统一部署开展基层政务公开标准化规范化试点
      162 *（51） 做好电视电话会议工作
      164 *（52） 做好人大代表、政协委员提案办理结果公开工作
    166 2. 进一步健全解读回应机制
      168 （53） 切实做好政策解读回应工作
      170 （54） 落实政策解读“三同步”要求
      172 （55） 及时回应社会关切
    174 3. 加强政务公开平台建设
      176 *（56） 加强政府网站建设
      178 *（57） 用好管好政务新媒体
      180 *（58） 加强政府信息查阅场所工作
    182 4. 依法规范依申请公开工作
      184 *（59） 加强和规范依申请公开工作
186 二、 主动公开政府信息的情况
  188 *（一） 主动公开政府信息的数量
  190 （二） 主动公开政府信息的主要类别
  192 （三） 政府信息公开的形式
  194 （四） 开展政策解读工作情况
  196 （五） 回应社会关切情况
198 三、 政府信息依申请公开办理情况
  200 *（一） 受理申请的数量
  202 *（二） 对申请的办理情况
  204 （三） “不予公开”信息情况
206 四、 因政府信息公开申请行政复议、提起行政诉讼的情况
210 五、 政府信息公开工作存在的主要问题及改进措施
  212 （一） 存在主要问题
  214 （二） 具体解决办法和改进措施
216 六、 需要说明的其他事项与附表
  218 （一） 需要说明的其他事项
  220 （二） 附表
"""

_CN = "〇一二三四五六七八九"


def _ordinal(marker: str) -> int:
    digits = "".join(ch for ch in marker if ch.isdigit())
    if digits:
        return int(digits)
    return _CN.index(marker.strip("（）、"))


def expected_sections() -> list[tuple[int, int, str, str, int, bool]]:
    rows = []
    for raw in SANMING.strip("\n").splitlines():
        level = (len(raw) - len(raw.lstrip(" "))) // 2 + 1
        line, marker, title = raw.split(" ", maxsplit=2) if not raw.startswith(" ") else raw.lstrip().split(" ", 2)
        repaired = marker.startswith("*")
        marker = marker.lstrip("*")
        rows.append((level, _ordinal(marker), marker, title, int(line), repaired))
    return rows


def actual_sections() -> list[tuple[int, int | None, str, str, int, bool]]:
    report = load_report(REPORT)
    return [(s.level, s.ordinal, s.marker, s.title, s.line, s.repaired) for s in report.walk()]


def test_sanming_has_105_numbered_sections_by_level():
    """The outline has 6 top-level sections, 18 under them, 22 at the third level and 59 items."""
    levels = [section[0] for section in actual_sections()]
    assert len(levels) == 105
    assert [levels.count(level) for level in (1, 2, 3, 4)] == [6, 18, 22, 59]


def test_sanming_outline_matches_the_report_heading_by_heading():
    """Level, ordinal, marker, title, line and repaired flag of every heading are as the report reads."""
    expected = expected_sections()
    actual = actual_sections()
    for want, got in zip(expected, actual, strict=True):
        assert got == want


def test_repaired_headings_say_what_the_source_had():
    """A repaired heading keeps the numbering the source really had."""
    report = load_report(REPORT)
    by_line = {section.line: section for section in report.walk()}
    assert by_line[100].source_marker == "()"
    assert by_line[22].source_marker == "4)"
    assert by_line[44].source_marker == "12"
    assert by_line[12].source_marker == "(一)"
    assert not by_line[12].repaired


def test_section_spans_cover_the_body_in_order():
    """Each section starts at its heading and ends where the next heading of its level or above begins."""
    report = load_report(REPORT)
    top = report.sections
    for first, second in pairwise(top):
        assert first.end == second.start
    one = top[0]
    assert report.text[one.start : one.title_end] == "一、概述"
    assert one.children[-1].end == top[1].start


def test_metadata_of_the_sanming_report():
    """Title is the first line, the publication time comes from 时间:, the text was UTF-8."""
    report = load_report(REPORT)
    assert report.title == "三明市2017年政府信息公开工作年度报告"
    assert report.published == "2018-01-16 11:14"
    assert report.encoding == "utf-8"


def test_page_furniture_is_set_aside_not_dropped():
    """附件下载 and what follows it at the end of the page are a leftover, still in the text."""
    report = load_report(REPORT)
    footer = [part for part in report.leftovers if part.kind == "page-footer"]
    assert len(footer) == 1
    assert report.text[footer[0].start :].startswith("附件下载")
    assert footer[0].line == 334
    assert report.text.rstrip().endswith("政策解读")


def test_export_outline_prints_the_contract_without_qt():
    """`main.py --export outline` prints JSON with the contract's keys and never imports Qt."""
    code = (
        "import sys, runpy; sys.argv = ['main.py', '--export', 'outline'];"
        "import main; rc = main.main(['--export', 'outline']);"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'; sys.exit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, check=True)
    data = json.loads(result.stdout.decode("utf-8"))
    assert set(data) == {"title", "published", "encoding", "sections"}
    first = data["sections"][0]
    assert set(first) == {"level", "ordinal", "marker", "title", "line", "repaired", "children"}
    assert (first["marker"], first["title"], first["line"]) == ("一、", "概述", 8)
    fourth = data["sections"][0]["children"][3]
    assert (fourth["marker"], fourth["title"], fourth["repaired"]) == ("（四）", "以政务公开助力惠民生", True)
