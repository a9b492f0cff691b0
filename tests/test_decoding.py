"""Decoding: BOMs, strict UTF-8, GB18030, a detector's guess, newlines, and what is refused."""

import codecs

import pytest

from models import ReportError, parse_report
from models.read.decoding import decode

SAMPLE = "三明市2017年政府信息公开工作年度报告\n一、概述\n（一）以政务公开助力稳增长\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (SAMPLE.encode("utf-8"), "utf-8"),
        (SAMPLE.encode("gb18030"), "gb18030"),
        (SAMPLE.encode("gbk"), "gb18030"),
    ],
)
def test_each_encoding_gives_the_same_text(data, encoding):
    """A BOM decides; else strict UTF-8; else GB18030, which covers GBK and GB2312."""
    decoded = decode(data)
    assert decoded.text == SAMPLE
    assert decoded.encoding == encoding


def test_neither_utf8_nor_gb18030_falls_to_the_detector():
    """Bytes that are neither UTF-8 nor GB18030 (0xFF never starts a GB18030 character) are guessed."""
    text = "Le rapport annuel est prêt, voilà ÿ. " * 20
    decoded = decode(text.encode("cp1252"))
    assert decoded.encoding not in ("utf-8", "gb18030")
    assert decoded.text == text


def test_crlf_and_cr_become_lf_and_nothing_else_changes():
    """Line ends are unified; spaces and damaged characters stay as the author left them."""
    decoded = decode("一、概述\r\n  4)主动公开\r()以政务\n".encode())
    assert decoded.text == "一、概述\n  4)主动公开\n()以政务\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "空"),
        (b"   \n\n", "没有文字"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "不是文本"),
        (bytes(range(0, 32)) * 200, "不是文本"),
    ],
)
def test_what_is_not_text_is_refused_with_a_reason(data, message):
    """Empty, blank and binary input raise ReportError with a message for the reader."""
    with pytest.raises(ReportError, match=message):
        parse_report(data)


def test_encoding_is_part_of_the_model():
    """The report records which encoding its text was read with."""
    assert parse_report(SAMPLE.encode("gb18030")).encoding == "gb18030"
