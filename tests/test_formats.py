"""Reports as web pages, Word files and PDFs: the same text, outline and tables as the text they hold.

The Word and PDF files are made here from the reports' text (python-docx; Qt's QPdfWriter drawing
a QTextDocument, offscreen); the HTML report is a real saved page.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from models import ReportError, load_report, parse_report
from models.core.document import Report
from models.core.textindex import TextIndex
from models.read.extract import detect_format, extract
from models.read.extracted import DOCX, HTML, PDF, TEXT
from models.tables.grid import grid_table
from tests.shapes import figures, outline

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "tests" / "reports"
FONT = ROOT / "resources" / "fonts" / "NotoSansCJKsc-Subset.otf"
SHANGHAI = REPORTS / "shanghai-office-2019.html"


# --- telling formats apart -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [
        (b"%PDF-1.7\n...", "report.bin", PDF),
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "report.txt", HTML),
        ("<p>一、总体情况</p>".encode(), "saved.htm", HTML),
        ("一、总体情况\n今年…".encode(), "report.txt", TEXT),
        ("一、总体情况 <b>".encode(), "", TEXT),
        ("<html><body><p>一、总体情况</p></body></html>".encode("utf-16"), "saved", HTML),
    ],
)
def test_format_is_told_by_content_then_name(data, name, kind):
    """A PDF or a web page is known by its first bytes whatever its name; plain text stays text."""
    assert detect_format(data, name) == kind


def test_docx_is_told_by_its_package():
    """A Word package is a .docx even when the name says otherwise."""
    assert detect_format(_docx_bytes(["一、总体情况"]), "report") == DOCX


@pytest.mark.parametrize(
    ("data", "name", "words"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "old.doc", "旧版 Word"),
        ("一、总体情况".encode(), "report.pdf", "不是 PDF"),
        ("一、总体情况".encode(), "report.docx", "不是 Word"),
        (b"PK\x03\x04garbage", "report.docx", "Word"),
    ],
)
def test_files_that_only_look_like_a_format_are_refused_in_chinese(data, name, words):
    """An old .doc, or a file whose extension lies, gets a message saying what it is."""
    with pytest.raises(ReportError, match=words):
        parse_report(data, name)


# --- HTML --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shanghai() -> Report:
    return load_report(SHANGHAI)


def test_html_paragraphs_become_lines_without_markup(shanghai):
    """Each <p> is one line; no tag, entity or &nbsp; is left in the text."""
    lines = shanghai.text.split("\n")
    assert shanghai.source_format == "html"
    assert lines[0] == "2019年上海市人民政府办公厅政府信息公开工作年度报告"
    assert lines[1] == "发布日期：2020-01-31"
    assert "一、总体情况" in lines
    assert "（一）主动公开方面" in lines
    for junk in ("<p", "</", "<br", "&nbsp;", "&lt;", "\xa0"):
        assert junk not in shanghai.text
    assert "《上海市贯彻<长江三角洲区域一体化发展规划纲要>实施方案》" in shanghai.text
    assert shanghai.title == "2019年上海市人民政府办公厅政府信息公开工作年度报告"
    assert shanghai.published == "2020-01-31"


def test_html_tables_are_lines_a_row_and_rows_point_at_them(shanghai):
    """A table row is one tab-separated line; each Row's line is the line holding its label and figures."""
    lines = shanghai.text.split("\n")
    table = next(t for t in shanghai.tables if t.kind == "applications")
    total = next(row for row in table.rows if row.name == "（七）总计")
    assert lines[total.line - 1] == "（七）总计\t767\t35\t\t\t2\t1\t805"
    secret = next(row for row in table.rows if row.name == "1.属于国家秘密")
    assert lines[secret.line - 1].startswith("（三）不予公开\t1.属于国家秘密\t14")


def test_html_grid_resolves_spans_and_names_columns_by_header_path():
    """rowspan/colspan are laid out on the grid; nested headers name the columns by path; &nbsp; is null."""
    extracted = extract(SHANGHAI.read_bytes(), SHANGHAI.name)
    assert len(extracted.grids) == 3
    applications = extracted.grids[1]
    results = next(cell for row in applications.rows for cell in row if cell.text == "三、本年度办理结果")
    assert (results.rowspan, results.col) == (20, 0)
    secret = next(cell for row in applications.rows for cell in row if cell.text == "1.属于国家秘密")
    assert secret.col == 2  # after 三、本年度办理结果 and （三）不予公开, both spanning rows
    table = grid_table(applications, TextIndex(extracted.text))
    assert table is not None
    assert table.columns[:3] == ["自然人", "法人或其他组织/商业企业", "法人或其他组织/科研机构"]
    assert table.columns[-1] == "总计"
    first = table.rows[0]
    assert first.name == "一、本年新收政府信息公开申请数量"
    assert list(first.values.values()) == [821, 35, None, None, 2, 1, 859]
    review = grid_table(extracted.grids[2], TextIndex(extracted.text))
    assert review is not None
    assert review.columns[5] == "行政诉讼/未经复议直接起诉/结果维持"


def test_html_table_outside_the_template_is_a_grid_table():
    """Any other figure table becomes a Table: nested headers joined by "/" (a caption over every column
    left out), rowspan labels as parents, &nbsp; null."""
    page = """<html><body><p>一、总体情况</p><table>
    <tr><td colspan="2" rowspan="2">类别</td><td colspan="3">办理情况</td></tr>
    <tr><td colspan="2">依申请公开</td><td rowspan="2">主动公开</td></tr>
    <tr><td>区</td><td>部门</td><td>当面</td><td>网络</td></tr>
    <tr><td rowspan="2">区直</td><td>受理</td><td>12</td><td>&nbsp;</td><td>7</td></tr>
    <tr><td>答复</td><td>10</td><td>3</td><td>0</td></tr></table><p>二、主动公开政府信息情况</p></body></html>"""
    report = parse_report(page.encode(), "page.html")
    (table,) = report.tables
    assert table.kind == "grid"
    assert table.columns == ["依申请公开/当面", "依申请公开/网络", "主动公开"]
    rows = [(row.name, row.parent, list(row.values.values())) for row in table.rows]
    assert rows == [("受理", "区直", [12, None, 7]), ("答复", "区直", [10, 3, 0])]
    assert report.text.split("\n")[table.rows[1].line - 1] == "答复\t10\t3\t0"
    assert [s.heading for s in report.walk()] == ["一、总体情况", "二、主动公开政府信息情况"]


def test_html_site_chrome_and_scripts_are_left_out():
    """Navigation, footer, scripts and the QR-code line are not part of the article's text."""
    page = """<html><head><title>t</title><script>var x = "脚本";</script><style>p{}</style></head><body>
    <div class="nav">首页 | 政务公开 | 互动交流</div>
    <div id="breadcrumb">当前位置：首页 &gt; 年报</div>
    <div class="TRS_Editor"><p>某县2020年政府信息公开工作年度报告</p><p>一、总体情况</p><p>全年公开信息。</p>
    <p>二、主动公开政府信息情况</p></div>
    <p>扫一扫在手机上打开当前页</p>
    <div class="footer">版权所有 某县人民政府</div></body></html>"""
    report = parse_report(page.encode(), "page.html")
    assert report.text == "某县2020年政府信息公开工作年度报告\n一、总体情况\n全年公开信息。\n二、主动公开政府信息情况\n"
    assert [s.heading for s in report.walk()] == ["一、总体情况", "二、主动公开政府信息情况"]


def test_html_page_laid_out_with_tables_reads_as_paragraphs():
    """An old portal page laid out in a big table still gives paragraphs, and its data tables stay tables."""
    page = SHANGHAI.read_text("utf-8")
    body = page[page.index("<body>") + 6 : page.index("</body>")]
    wrapped = (
        "<html><body><table width='1000'><tr><td class='nav'>首页 政务公开</td></tr><tr><td>"
        "<table><tr><td>当前位置：</td><td>年报</td></tr></table>" + body + "</td></tr></table></body></html>"
    )
    report = parse_report(wrapped.encode(), "page.html")
    assert "首页" not in report.text
    assert [t.kind for t in report.tables] == ["active", "applications", "review"]
    assert [s.heading for s in report.sections] == [s.heading for s in load_report(SHANGHAI).sections]


def test_a_doctype_after_a_comment_is_dropped_not_read_as_the_title():
    """A DOCTYPE declaring entities, after the generator's comment, is left unread: the title is the page's."""
    page = (
        '<!-- 由网站群生成 -->\n<!DOCTYPE html [<!ENTITY x "y">]>\n<html><head><title>t</title></head><body>'
        "<p>某市2020年政府信息公开工作年度报告</p><p>一、总体情况</p><p>正文。</p></body></html>"
    )
    report = parse_report(page.encode("utf-8"), "page.html")
    assert report.title == "某市2020年政府信息公开工作年度报告"
    assert "]>" not in report.text
    assert [s.heading for s in report.sections] == ["一、总体情况"]


def test_html_sniffed_from_content_under_a_text_name(tmp_path):
    """A saved page named .txt is still read as a page."""
    path = tmp_path / "report.txt"
    path.write_bytes(SHANGHAI.read_bytes())
    report = load_report(path)
    assert report.source_format == "html"
    assert [t.kind for t in report.tables] == ["active", "applications", "review"]


# --- Word --------------------------------------------------------------------------------------


def _docx_bytes(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_of_a_report_gives_the_same_outline_and_table():
    """Sanming 2017 as a .docx, one paragraph a line: the same outline and appendix as the text."""
    text_report = load_report(REPORTS / "sanming-2017.txt")
    data = _docx_bytes((REPORTS / "sanming-2017.txt").read_text("utf-8").split("\n"))
    report = parse_report(data, "sanming.docx")
    assert report.source_format == "docx"
    assert outline(report) == outline(text_report)
    assert len(outline(report)) > 50
    assert figures(report) == figures(text_report)


def test_docx_list_numbering_is_written_out():
    """Headings numbered by a Word list (一、 and （一） from numbering.xml, not typed) keep their markers."""
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {w} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="（%2）"/></w:lvl>'
            "</w:abstractNum>"
        ),
    )
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for level, words in [
        (0, "总体情况"),
        (1, "主动公开方面"),
        (1, "依申请公开方面"),
        (None, "全年公开信息。"),
        (0, "主动公开政府信息情况"),
        (1, "规章"),
    ]:
        paragraph = document.add_paragraph(words)
        if level is not None:
            paragraph._p.get_or_add_pPr().append(
                parse_xml(f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
            )
    buffer = io.BytesIO()
    document.save(buffer)
    report = parse_report(buffer.getvalue(), "numbered.docx")
    assert report.text.split("\n")[:5] == [
        "一、总体情况",
        "（一）主动公开方面",
        "（二）依申请公开方面",
        "全年公开信息。",
        "二、主动公开政府信息情况",
    ]
    assert [(s.level, s.heading) for s in report.walk()] == [
        (1, "一、总体情况"),
        (2, "（一）主动公开方面"),
        (2, "（二）依申请公开方面"),
        (1, "二、主动公开政府信息情况"),
        (2, "（一）规章"),
    ]


def test_docx_tables_keep_their_merges_and_blank_cells():
    """The Shanghai tables rebuilt in Word (merged cells, blank cells) read as they do from HTML."""
    extracted = extract(SHANGHAI.read_bytes(), SHANGHAI.name)
    document = docx.Document()
    position = 0
    for grid in extracted.grids:
        for line in extracted.text[position : grid.start].split("\n"):
            if line:
                document.add_paragraph(line)
        table = document.add_table(rows=len(grid.rows), cols=grid.width)
        for row in grid.rows:
            for cell in row:
                merged = table.cell(cell.row, cell.col).merge(
                    table.cell(cell.row + cell.rowspan - 1, cell.col + cell.colspan - 1)
                )
                merged.text = cell.text
        position = grid.end + 1
    for line in extracted.text[position:].split("\n"):
        if line:
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    report = parse_report(buffer.getvalue(), "shanghai.docx")
    html_report = load_report(SHANGHAI)
    assert figures(report) == figures(html_report)
    assert outline(report) == outline(html_report)
