"""Write reports the way offices make them: Word documents, exported to PDF, with their web and text twins.

    .venv/bin/python -m tests.make_word_reports   # needs LibreOffice (Debian: libreoffice-writer-nogui)
                                                  # and a CJK font (fonts-noto-cjk) for the PDFs

Each report is written four ways from one description: `.docx` (python-docx: ruled tables with merged
header cells, a label standing one character a line in a narrow merged cell, labels wrapping in their
cells, header rows repeated on the next page, a framed box of text, first lines indented two characters,
the title on two lines, a page number in the footer), `.pdf` (LibreOffice's export of that document),
`.html` (the tables with rowspan and colspan) and `.txt` (one paragraph a line, a table row a line with
its cells separated by tabs, as a copy from a web page gives it). The files are committed beside the
tests, so the suite does not need LibreOffice.

- `pingtan-2023-word.*`: 平潭综合实验区's 2023 report (tests/reports/pingtan-2023.txt, the 2021
  national template), its text and every figure as published, laid out as the template prints them.
- `sanming-2017-word.*`: 三明市's 2017 report (tests/reports/sanming-2017.txt), with the pre-2019 Fujian
  附表 (指标名称 / 计量单位 / 2017 / 历年累计) as a ruled table.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
OUT = HERE / "reports" / "word"


@dataclass(frozen=True)
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Table:
    rows: list[list[Cell]]
    widths: list[float]  # centimetres, one a grid column
    header_rows: int = 0  # repeated at the top of each page the table runs onto


@dataclass
class Report:
    name: str
    title: list[str]
    blocks: list[object] = field(default_factory=list)  # str: a paragraph; ("heading", str); Table; ("box", str)
    signature: list[str] = field(default_factory=list)


def _figures(text: str) -> list[Cell]:
    return [Cell(figure) for figure in text.split()]


# --- 平潭综合实验区 2023: the 2021 national template -------------------------------------------------


def _pingtan() -> Report:
    source = (HERE / "reports" / "pingtan-2023.txt").read_text("utf-8")
    body = source.split("==================== 正文 ====================\n", 1)[1]
    parts = re.split(
        r"\s*(?=[一二三四五六]、(?:总体情况|主动公开政府信息情况|收到和处理|政府信息公开行政复议|存在的主要|其他需要))",
        body,
    )
    report = Report("pingtan-2023-word", ["平潭综合实验区管委会", "2023年政府信息公开工作年度报告"])
    report.blocks.append(parts[0].strip())
    for part in filter(None, parts[1:]):
        heading, rest = re.match(r"([一二三四五六]、\S+?(?:情况|事项))(.*)", part, re.S).groups()
        report.blocks.append(("heading", heading))
        if heading.startswith("二"):
            report.blocks.append(_active_table())
        elif heading.startswith("三"):
            report.blocks.append(_applications_table())
        elif heading.startswith("四"):
            report.blocks.append(_review_table())
        else:
            for paragraph in re.split(r"(?=（[一二三四五六七]）)", rest.strip()):
                if paragraph.strip():
                    match = re.match(r"(（[一二三四五六七]）\S+?方面)(.*)", paragraph, re.S)
                    if match:
                        report.blocks.append(("heading", match.group(1)))
                        paragraph = match.group(2)
                    report.blocks.append(paragraph.strip())
    report.blocks.append(("box", "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"))
    report.signature = ["平潭综合实验区管委会办公室", "2024年1月20日"]
    return report


def _active_table() -> Table:
    def block(numeral: str, header: list[str], rows: list[tuple[str, str]]) -> list[list[Cell]]:
        wide = len(header) == 1
        lines = [[Cell(f"第二十条第（{numeral}）项", colspan=4)]]
        lines.append([Cell("信息内容")] + ([Cell(header[0], colspan=3)] if wide else [Cell(h) for h in header]))
        for label, figures in rows:
            lines.append([Cell(label)] + ([Cell(figures, colspan=3)] if wide else _figures(figures)))
        return lines

    rows = block(
        "一", ["本年制发件数", "本年废止件数", "现行有效件数"], [("规章", "0 0 0"), ("行政规范性文件", "77 132 470")]
    )
    rows += block("五", ["本年处理决定数量"], [("行政许可", "2629")])
    rows += block("六", ["本年处理决定数量"], [("行政处罚", "1330"), ("行政强制", "54")])
    rows += block("八", ["本年收费金额（单位：万元）"], [("行政事业性收费", "5949.088667")])
    return Table(rows, [4.6, 3.6, 3.6, 3.6])


_RESULTS = [
    ("（三）不予公开", [
        ("1.属于国家秘密", "0 0 0 0 0 0 0"), ("2.其他法律行政法规禁止公开", "0 0 0 0 0 0 0"),
        ("3.危及“三安全一稳定”", "0 0 0 0 0 0 0"), ("4.保护第三方合法权益", "1 0 0 0 0 0 1"),
        ("5.属于三类内部事务信息", "0 0 0 0 0 0 0"), ("6.属于四类过程性信息", "1 0 0 0 0 0 1"),
        ("7.属于行政执法案卷", "1 0 0 0 0 0 1"), ("8.属于行政查询事项", "2 0 0 0 0 0 2"),
    ]),
    ("（四）无法提供", [
        ("1.本机关不掌握相关政府信息", "31 0 0 0 0 0 31"), ("2.没有现成信息需要另行制作", "0 0 0 0 0 0 0"),
        ("3.补正后申请内容仍不明确", "0 0 0 0 0 0 0"),
    ]),
    ("（五）不予处理", [
        ("1.信访举报投诉类申请", "0 0 0 0 0 0 0"), ("2.重复申请", "1 0 0 0 0 0 1"),
        ("3.要求提供公开出版物", "0 0 0 0 0 0 0"), ("4.无正当理由大量反复申请", "0 0 0 0 0 0 0"),
        ("5.要求行政机关确认或重新出具已获取信息", "0 0 0 0 0 0 0"),
    ]),
    ("（六）其他处理", [
        ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "1 0 0 0 0 0 1"),
        ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "0 0 0 0 0 0 0"),
        ("3.其他", "1 0 0 0 0 0 1"),
    ]),
]  # fmt: skip


BALANCE = "第一项加第二项之和，等于第三项加第四项之和"


def _applications_table() -> Table:
    rows = [
        [
            Cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
            Cell("申请人情况", colspan=7),
        ],
        [Cell("自然人", rowspan=2), Cell("法人或其他组织", colspan=5), Cell("总计", rowspan=2)],
        [Cell(name) for name in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")],
        [Cell("一、本年新收政府信息公开申请数量", colspan=3), *_figures("80 1 0 0 0 0 81")],
        [Cell("二、上年结转政府信息公开申请数量", colspan=3), *_figures("0 0 0 0 0 0 0")],
        [Cell("三、本年度办理结果", rowspan=22), Cell("（一）予以公开", colspan=2), *_figures("22 0 0 0 0 0 22")],
        [Cell("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", colspan=2), *_figures("19 1 0 0 0 0 20")],
    ]
    for group, items in _RESULTS:
        for i, (label, figures) in enumerate(items):
            rows.append(([Cell(group, rowspan=len(items))] if i == 0 else []) + [Cell(label), *_figures(figures)])
    rows.append([Cell("（七）总计", colspan=2), *_figures("80 1 0 0 0 0 81")])
    rows.append([Cell("四、结转下年度继续办理", colspan=3), *_figures("0 0 0 0 0 0 0")])
    return Table(rows, [1.0, 2.2, 4.6] + [1.3] * 7, header_rows=3)


def _review_table() -> Table:
    results = [Cell(name) for name in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")]
    rows = [
        [Cell("行政复议", rowspan=2, colspan=5), Cell("行政诉讼", colspan=10)],
        [Cell("未经复议直接起诉", colspan=5), Cell("复议后起诉", colspan=5)],
        results * 3,
        _figures("1 1 0 0 2 4 0 0 1 5 1 0 1 0 2"),
    ]
    return Table(rows, [1.05] * 15)


# --- 三明市 2017: the pre-2019 Fujian 附表 ---------------------------------------------------------------


_APPENDIX = [
    ("主动公开文件数", "条", "34073", "364686"),
    ("其中：1.政府网站公开数", "条", "34073", "311468"),
    ("2.政府公报数", "条", "0", "0"),
    ("受理政府信息公开申请总数", "件", "154", "1844"),
    ("其中：1.当面申请数", "件", "32", "1069"),
    ("2.网络申请数", "件", "117", "428"),
    ("3.信函、传真申请数", "件", "5", "176"),
    ("对申请的答复总数", "件", "154", "1844"),
    ("其中：1.同意公开答复数", "件", "49", "1412"),
    ("2.同意部分公开答复数", "件", "3", "86"),
    ("3.不予公开答复数", "件", "4", "15"),
    ("4.其他类型答复数", "件", "20", "81"),
    ("接受行政申诉、举报数", "件", "0", "1"),
    ("行政复议数", "件", "0", "0"),
    ("行政诉讼数", "件", "0", "0"),
]


def _sanming() -> Report:
    lines = (HERE / "reports" / "sanming-2017.txt").read_text("utf-8").splitlines()
    body = [line.strip() for line in lines[2 : lines.index("(二)附表。") + 1] if line.strip()]
    report = Report("sanming-2017-word", ["三明市2017年政府信息公开工作年度报告"])
    for line in body:
        heading = re.match(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])\S{0,30}$", line)
        report.blocks.append(("heading", line) if heading else line)
    table = [[Cell("指标名称"), Cell("计量单位"), Cell("2017"), Cell("历年累计")]]
    table += [[Cell(name), Cell(unit), Cell(year), Cell(total)] for name, unit, year, total in _APPENDIX]
    report.blocks.append(Table(table, [7.0, 2.5, 3.0, 3.0], header_rows=1))
    report.signature = ["三明市政务公开工作领导小组", "2018年1月11日"]
    return report


# --- writers -------------------------------------------------------------------------------------------


def _font(run, east_asian: str, size: float, bold: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = "Times New Roman"
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), east_asian)


def write_docx(report: Report, path: Path) -> None:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.6)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)

    def paragraph(text: str, east_asian: str = "仿宋_GB2312", size: float = 16, indent: bool = True, **how):
        p = document.add_paragraph()
        p.paragraph_format.line_spacing = Pt(28)
        p.paragraph_format.space_after = Pt(0)
        if indent:
            p.paragraph_format.first_line_indent = Pt(2 * size)
        if "align" in how:
            p.alignment = how["align"]
        _font(p.add_run(text), east_asian, size, how.get("bold", False))
        return p

    for line in report.title:
        paragraph(line, "方正小标宋简体", 22, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph("", indent=False)
    for block in report.blocks:
        if isinstance(block, str):
            paragraph(block)
        elif isinstance(block, Table):
            _docx_table(document, block)
            paragraph("", indent=False)
        elif block[0] == "heading":
            paragraph(block[1], "黑体", 16)
        else:  # a framed box: a table of one cell
            table = document.add_table(rows=1, cols=1)
            table.style = "Table Grid"
            cell = table.cell(0, 0)
            cell.paragraphs[0].paragraph_format.first_line_indent = Pt(32)
            _font(cell.paragraphs[0].add_run(block[1]), "楷体_GB2312", 16)
            paragraph("", indent=False)
    for line in report.signature:
        paragraph(line, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(footer.add_run("— "), "宋体", 14)
    run = footer.add_run()
    _font(run, "宋体", 14)
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.text = text
        run._element.append(element)
    _font(footer.add_run(" —"), "宋体", 14)
    document.save(path)


def _docx_table(document, table: Table) -> None:
    height = len(table.rows)
    width = len(table.widths)
    out = document.add_table(rows=height, cols=width)
    out.style = "Table Grid"
    out.alignment = WD_TABLE_ALIGNMENT.CENTER
    out.autofit = False
    for c, cm in enumerate(table.widths):
        out.columns[c].width = Cm(cm)
        for cell in out.columns[c].cells:
            cell.width = Cm(cm)
    for r in range(table.header_rows):
        properties = out.rows[r]._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:tblHeader"))
    for (r, c), cell in _placed(table.rows).items():
        target = out.cell(r, c)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(out.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
        target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        p = target.paragraphs[0]
        p.alignment = 1 if not cell.text[:1].isdigit() or cell.text.isdigit() else 0
        _font(p.add_run(cell.text), "宋体", 10.5)


def _placed(rows: list[list[Cell]]) -> dict[tuple[int, int], Cell]:
    """Each cell at its top-left grid position."""
    taken: set[tuple[int, int]] = set()
    placed = {}
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            placed[(r, c)] = cell
            taken.update((r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan))
            c += cell.colspan
    return placed


def write_html(report: Report, path: Path) -> None:
    out = ['<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">']
    out.append(f"<title>{html.escape(''.join(report.title))}</title></head><body>")
    out += [f'<p style="text-align:center">{html.escape(line)}</p>' for line in report.title]
    for block in report.blocks:
        if isinstance(block, str):
            out.append(f"<p>{html.escape(block)}</p>")
        elif isinstance(block, Table):
            out.append('<table border="1">')
            for row in block.rows:
                cells = "".join(
                    f'<td rowspan="{c.rowspan}" colspan="{c.colspan}">{html.escape(c.text)}</td>' for c in row
                )
                out.append(f"<tr>{cells}</tr>")
            out.append("</table>")
        elif block[0] == "heading":
            out.append(f"<p><strong>{html.escape(block[1])}</strong></p>")
        else:
            out.append(f'<table border="1"><tr><td>{html.escape(block[1])}</td></tr></table>')
    out += [f'<p style="text-align:right">{html.escape(line)}</p>' for line in report.signature]
    out.append("</body></html>\n")
    path.write_text("\n".join(out), "utf-8")


def write_text(report: Report, path: Path) -> None:
    out = list(report.title)
    for block in report.blocks:
        if isinstance(block, str):
            out.append(block)
        elif isinstance(block, Table):
            out += ["\t".join(cell.text for cell in row) for row in block.rows]
        else:
            out.append(block[1])
    out += report.signature
    path.write_text("\n".join(out) + "\n", "utf-8")


def write_pdf(docx: Path, path: Path) -> None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise SystemExit("LibreOffice is needed for the PDFs: apt-get install libreoffice-writer-nogui fonts-noto-cjk")
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(
            [office, f"-env:UserInstallation=file://{work}/profile", "--headless", "--convert-to", "pdf",
             "--outdir", work, str(docx)],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
        shutil.move(Path(work) / (docx.stem + ".pdf"), path)


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for report in (_pingtan(), _sanming()):
        base = OUT / report.name
        write_docx(report, base.with_suffix(".docx"))
        write_pdf(base.with_suffix(".docx"), base.with_suffix(".pdf"))
        write_html(report, base.with_suffix(".html"))
        write_text(report, base.with_suffix(".txt"))
        print(base)


if __name__ == "__main__":
    main()
