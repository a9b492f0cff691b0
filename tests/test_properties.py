"""Hostile input, generated: arbitrary text and bytes never break decoding, outline, tables, checks or export.

Whatever hypothesis feeds `parse_report`, the only exception is `ReportError`; every offset and line a
view could jump to lies inside the text; ordinals are positive; and each export is strict JSON that
reads back equal.
"""

from __future__ import annotations

import codecs
import io
import json
import math
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from models import Report, ReportError, parse_report
from models.checks.run import run_checks
from models.export.writing import checks_json, outline_json, tables_json
from models.read.decoding import decode

MODEST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces real reports are made of, so generated text reaches the outline, table and checks code.
MARKERS = [
    "一、", "二、", "三、", "十一、", "（一）", "（二）", "(三)", "()", "（）", "1.", "2．", "3、", "4)", "（5）",
    "①", "②", "⑩", "第一章", "第二节", "一是", "二是", "附表", "附件", "\n", "\n\n", "\r\n", "\r", "\t", " ", "　",
]  # fmt: skip
WORDS = [
    "三明市2017年政府信息公开工作年度报告", "概述", "主动公开政府信息情况", "依申请公开", "行政复议", "行政诉讼",
    "累计", "历年累计", "合计", "总计", "其中", "件", "条", "次", "人次", "万元", "%", "％", "占", "比", "同比增长",
    "主动公开文件数", "2017", "2018年", "364686", "34073", "0", "00", "12.5", "3,400", "—", "-", "/", "：", ":",
    "，", "。", "；", "标题:", "发布时间:", "发布机构:", "=== 正文 ===", "第 1 页", "共 3 页", "\u2028", "\x85",
    "\x0b", "\x0c", "\x1e", "\ufeff",
]  # fmt: skip
# Any character a file could hold once decoded (no lone surrogates: they cannot come out of decoding).
CHARS = st.characters(blacklist_categories=("Cs",))
PIECES = st.one_of(st.sampled_from(MARKERS), st.sampled_from(WORDS), st.text(CHARS, min_size=1, max_size=6))
REPORTISH = st.lists(PIECES, max_size=120).map("".join)
REPORTS = Path(__file__).resolve().parent / "reports"
REAL = sorted((path.name, path.read_text("utf-8")) for path in REPORTS.iterdir() if path.suffix in (".txt", ".html"))


@st.composite
def damaged_reports(draw: st.DrawFn) -> tuple[bytes, str]:
    """A slice of a real report (text or web page) with a few cuts and insertions: reaches tables and checks."""
    name, text = draw(st.sampled_from(REAL))
    start = draw(st.integers(0, len(text)))
    piece = text[start : draw(st.integers(start, min(len(text), start + 8000)))]
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(piece)))
        piece = piece[:at] + draw(PIECES | st.just("")) + piece[at + draw(st.integers(0, 30)) :]
    return piece.encode("utf-8"), name


# The first bytes that send a file to another reader (PDF, Word, UTF-16, HTML, old Word), then anything.
HEADS = [
    b"%PDF-1.4\n",
    b"%PDF-",
    b"PK\x03\x04",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"<html>",
    b"\xd0\xcf\x11\xe0",
]
BYTES = st.binary(max_size=3000) | st.builds(bytes.__add__, st.sampled_from(HEADS), st.binary(max_size=3000))


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# A zip that looks like a Word document, with arbitrary (often broken) XML inside.
WORDISH = st.builds(
    lambda body, types: _zip({"[Content_Types].xml": types, "word/document.xml": body}),
    st.one_of(
        st.binary(max_size=500),
        st.text(max_size=300).map(
            lambda t: (
                '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                f"<w:body><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:body></w:document>"
            ).encode("utf-8", "surrogatepass")
        ),
    ),
    st.sampled_from([b"", b"<Types/>", b"not xml"]),
)
NAMES = st.sampled_from(["", "report.txt", "report.html", "report.htm", "report.docx", "report.pdf", "r.csv"])


def _parse_or_refuse(data: bytes, name: str = "") -> Report | None:
    """The report, or None when the input was refused with the documented error."""
    try:
        return parse_report(data, name=name)
    except ReportError as error:
        assert str(error).strip(), "a ReportError must say why"
        return None


def assert_places_inside(report: Report) -> None:
    """Every section, table, row and leftover points inside the text, with its true line number."""
    text = report.text
    lines = text.count("\n") + 1

    def line_of(offset: int) -> int:
        return text.count("\n", 0, offset) + 1

    previous = -1
    for section in report.walk():
        assert 0 <= section.start <= section.title_end <= section.end <= len(text), section
        assert 1 <= section.line <= lines
        assert section.line == line_of(section.start), section
        assert section.ordinal is None or section.ordinal > 0, section
        assert section.level >= 1
        assert section.start >= previous, "sections out of text order"
        previous = section.start
        for child in section.children:
            assert child.level > section.level
            assert section.start <= child.start and child.end <= section.end, (section, child)
    for table in report.tables:
        assert 0 <= table.start <= table.end <= len(text), table
        assert 1 <= table.line <= lines
        assert table.line == line_of(table.start)
        for row in table.rows:
            assert 0 <= row.start <= row.end <= len(text), row
            assert 1 <= row.line <= lines
            assert row.line == line_of(row.start), row
            assert set(row.values) <= set(table.columns), row
    for leftover in report.leftovers:
        assert 0 <= leftover.start <= leftover.end <= len(text)
        assert leftover.line == line_of(leftover.start)


def assert_findings_inside(report: Report) -> None:
    """Every finding's lines and spans are places in the text, and its numbers are finite; every check that
    could not run says why and points at lines of the text."""
    lines = report.text.count("\n") + 1
    result = run_checks(report)
    for finding in result.findings:
        assert finding.message.strip()
        assert finding.severity in ("error", "warning", "info")
        assert all(1 <= line <= lines for line in finding.lines), finding
        assert all(0 <= start <= end <= len(report.text) for start, end in finding.spans), finding
        assert all(math.isfinite(number) for number in finding.numbers), finding
    for skipped in result.skipped:
        assert skipped.reason.strip() and all(1 <= line <= lines for line in skipped.lines), skipped


def assert_exports_are_json(report: Report) -> None:
    """Each export is strict JSON (no NaN or Infinity) and reads back equal to what was exported."""
    for export in (outline_json, tables_json, checks_json):
        data = export(report)
        dumped = json.dumps(data, ensure_ascii=False, allow_nan=False)
        assert json.loads(dumped) == data


@MODEST
@given(REPORTISH)
@example("一、概述\n（一）主动公开\n1.文件 34073 条\n附表\n主动公开文件数 条 34073 364686\n")
@example("\u2028一、概述\x85二、其他\x0c三、附件\n")
def test_arbitrary_text_parses_with_everything_inside_the_text(text):
    """Any text, built of report pieces and arbitrary characters, parses or is refused, and stays in bounds."""
    report = _parse_or_refuse(text.encode("utf-8"))
    if report is not None:
        assert_places_inside(report)


@MODEST
@given(BYTES, NAMES)
@example(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF", "report.pdf")
@example(b"PK\x03\x04" + b"\x00" * 40 + b"word/document.xml", "report.docx")
@example(b"<html><body><table><tr><td rowspan=99999 colspan=99999>1</td></tr></table></body></html>", "r.html")
def test_arbitrary_bytes_raise_nothing_but_report_error(data, name):
    """Any bytes under any file name either parse, with everything in bounds, or raise ReportError."""
    report = _parse_or_refuse(data, name)
    if report is not None:
        assert_places_inside(report)


@MODEST
@given(REPORTISH, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]))
def test_encoded_text_raises_nothing_but_report_error(text, encoding):
    """Report-like text in each supported encoding parses or is refused; nothing else escapes."""
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    report = _parse_or_refuse(data)
    if report is not None:
        assert_places_inside(report)


# Text that survives decoding unchanged: no controls the decoder counts as binary, no BOM, no U+FFFD.
PLAIN = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff\ufffd") | st.sampled_from("\n\t"),
    max_size=400,
)


@MODEST
@given(PLAIN, st.sampled_from(["utf-8", "utf-8-sig", "utf-16-le", "utf-16-be"]))
def test_utf8_and_utf16_text_decodes_to_itself(text, encoding):
    """UTF-8 (with or without BOM) and UTF-16 with BOM give back exactly the text that was written."""
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    data = bom + text.encode(encoding)
    if not text.strip():
        return
    assert decode(data).text == text


@MODEST
@given(PLAIN)
def test_gb18030_text_that_is_not_utf8_decodes_to_itself(text):
    """GB18030 bytes that are not also valid UTF-8 decode back to the text (the order is UTF-8, then GB18030)."""
    data = text.encode("gb18030")
    if not text.strip():
        return
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        assert decode(data).text == text


@MODEST
@given(st.binary(max_size=2000))
def test_decoding_never_leaves_a_carriage_return(data):
    """Decoded text has only LF line ends, so line numbers mean the same to every view."""
    try:
        decoded = decode(data)
    except ReportError:
        return
    assert "\r" not in decoded.text
    assert decoded.text.strip()


@FEW
@given(REPORTISH)
@example("二、依申请公开\n共受理申请120件，其中当面申请30件、网上申请50件、信函申请30件。占比25%。\n")
@example("附表\n指标 单位 2017年 历年累计\n主动公开文件数 条 34073 364686\n其中：主动公开规范性文件数 条 99999 1\n")
def test_checks_point_inside_the_text(text):
    """Whatever the text, checks run without error and every finding points at lines of the text."""
    report = _parse_or_refuse(text.encode("utf-8"))
    if report is not None:
        assert_findings_inside(report)


@FEW
@given(REPORTISH)
@example("附表\n指标 单位 2017年 历年累计\n主动公开文件数 条 1e999 nan\n依申请 件 inf 3\n")
def test_exports_are_always_strict_json(text):
    """The outline, tables and checks exports of any parsed text are strict JSON that round-trips."""
    report = _parse_or_refuse(text.encode("utf-8"))
    if report is not None:
        assert_exports_are_json(report)


@FEW
@given(BYTES, NAMES)
def test_exports_of_arbitrary_bytes_are_strict_json(data, name):
    """Even for bytes that happen to parse, every export is strict JSON and checks point inside the text."""
    report = _parse_or_refuse(data, name)
    if report is not None:
        assert_exports_are_json(report)
        assert_findings_inside(report)


@MODEST
@given(damaged_reports())
def test_damaged_real_reports_stay_inside_the_text(case):
    """Slices of real reports with cuts and insertions parse or are refused, with every place in bounds."""
    data, name = case
    report = _parse_or_refuse(data, name)
    if report is not None:
        assert_places_inside(report)


@FEW
@given(damaged_reports())
def test_damaged_real_reports_check_and_export_cleanly(case):
    """Checks and exports of damaged real reports point inside the text and are strict JSON."""
    data, name = case
    report = _parse_or_refuse(data, name)
    if report is not None:
        assert_findings_inside(report)
        assert_exports_are_json(report)


def test_every_real_report_checks_and_exports_cleanly():
    """The whole real reports themselves satisfy every property above."""
    for name, text in REAL:
        report = parse_report(text.encode("utf-8"), name=name)
        assert_places_inside(report)
        assert_findings_inside(report)
        assert_exports_are_json(report)


# Texts of one odd shape: a piece of report text repeated thousands of times between two report-like texts
# (what tests/bench_shapes.py times at millions): headings one a line, brackets, enumeration commas, runs of
# digits, tabs after 指标名称, `（）` headings, figures and markers with no sentence end.
SHAPE_PIECES = [
    "一、概述\n", "（", "）", "、", "1", "9" * 40, "短行\n", "（）标题\n", "其中", "1件", "占5%", "。", "\t",
    "指标名称", "指标名称计量单位2016年度历年累计主动公开文件数条1215", "主动公开政府信息12条",
]  # fmt: skip
SHAPED = st.builds(
    lambda before, piece, count, after: before + piece * count + after,
    REPORTISH,
    st.lists(st.sampled_from(SHAPE_PIECES), min_size=1, max_size=3).map("".join),
    st.integers(1, 3000),
    REPORTISH,
)


@FEW
@given(SHAPED)
@example("一、概述\n" * 3000)
@example("（" * 30000 + "共受理申请10件，其中当面申请3件，占30%。" + "）" * 30000)
@example("共受理申请120件，其中" + "、" * 30000 + "当面申请30件、网上申请90件。")
@example("受理申请10件，其中当面申请3件，占" + "9" * 30000 + "%。受理1件，办结1件，办结率" + "9" * 400 + "%。")
@example("指标名称\t计量单位\t2017年\n主动公开文件数\t条\t" + "1" * 30000 + "\n" + "指标名称 " * 3000)
def test_long_runs_of_one_piece_parse_check_and_export_cleanly(text):
    """A piece repeated thousands of times parses or is refused, with every place in bounds, and its checks and
    exports are clean."""
    report = _parse_or_refuse(text.encode("utf-8"))
    if report is not None:
        assert_places_inside(report)
        assert_findings_inside(report)
        assert_exports_are_json(report)


@FEW
@given(WORDISH, st.sampled_from(["report.docx", "report.txt", ""]))
def test_broken_word_documents_raise_nothing_but_report_error(data, name):
    """A zip posing as a Word document, with any content, opens or is refused with ReportError."""
    report = _parse_or_refuse(data, name)
    if report is not None:
        assert_places_inside(report)
