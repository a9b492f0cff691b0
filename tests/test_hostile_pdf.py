"""Hostile PDFs: each gets one Chinese line and exit 2, never a traceback, a hang or gigabytes of memory.

Every file is written here as a few hundred bytes of PDF syntax: objects referring to each other in a loop,
a flate bomb (deflated a megabyte at a time, so the test itself stays small), and thousands of pages.
"""

from __future__ import annotations

import zlib

import pytest

from models.core import limits
from tests.test_hostile import assert_one_line_exit_2, run_main


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of `objects` (numbered from 1, object 1 the catalog) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


_PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>"


def _pdf_loop() -> bytes:
    """A catalog that is a reference to another object, which refers back to the catalog."""
    return _pdf(
        [
            b"5 0 R",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            _PAGE,
            b"<< /Length 0 >>\nstream\n\nendstream",
            b"1 0 R",
        ]
    )


def _pdf_self_loop() -> bytes:
    """A catalog that is a reference to itself."""
    return _pdf([b"1 0 R"])


def _pdf_flate_bomb() -> bytes:
    """A page whose content stream inflates to twice the limit, deflated a megabyte at a time."""
    deflater = zlib.compressobj(9)
    chunk = b"0" * 2**20
    packed = b"".join(deflater.compress(chunk) for _ in range(2 * limits.PDF_STREAM_BYTES // len(chunk)))
    packed += deflater.flush()
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", _PAGE, stream])


def _pdf_pages(count: int) -> bytes:
    """A PDF of `count` empty pages, each its own object, sharing one empty content stream (object 3)."""
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(count))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>"
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
            b"<< /Length 0 >>\nstream\n\nendstream",
            *[page] * count,
        ]
    )


def _pdf_form_drawing_itself() -> bytes:
    """A page drawing a form whose content draws the form again."""
    resources = b"/Resources << /XObject << /X 5 0 R >> >>"
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] %s /Contents 4 0 R >>" % resources
    form = b"<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] %s /Length 5 >>\nstream\n/X Do\nendstream" % resources
    draw = b"<< /Length 5 >>\nstream\n/X Do\nendstream"
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page, draw, form])


HOSTILE_PDFS = [
    ("reference-loop", _pdf_loop, "死循环"),
    ("self-reference", _pdf_self_loop, "死循环"),
    ("form-drawing-itself", _pdf_form_drawing_itself, "没有可提取的文字"),
    ("flate-bomb", _pdf_flate_bomb, "压缩炸弹"),
    ("too-many-pages", lambda: _pdf_pages(limits.PDF_PAGES + 1), "页数太多"),
]


@pytest.mark.parametrize(("make", "words"), [c[1:] for c in HOSTILE_PDFS], ids=[c[0] for c in HOSTILE_PDFS])
def test_hostile_pdfs_get_one_line_and_exit_2(tmp_path, make, words):
    """A PDF whose objects refer to each other in a loop, a flate bomb, or one of thousands of pages is refused
    at once with one Chinese sentence naming why."""
    path = tmp_path / "report.pdf"
    path.write_bytes(make())
    result = run_main("--export", "outline", str(path))
    assert result.stdout == b""
    assert_one_line_exit_2(result, words)


def _pdf_dense_grid(lines: int) -> bytes:
    """A page ruled with `lines` horizontal and `lines` vertical lines, and one line of text."""
    rules = b"".join(b"0 %d m 600 %d l S %d 0 m %d 790 l S " % (i, i, i, i) for i in range(1, lines + 1))
    content = rules + b"BT /F1 12 Tf 72 700 Td (Report) Tj ET"
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    resources = b"/Resources << /Font << /F1 5 0 R >> >>"
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] %s /Contents 4 0 R >>" % resources
    stream = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
    return _pdf(
        [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page, stream, font]
    )


def test_a_page_ruled_past_the_limit_is_read_as_text_at_once():
    """400 × 400 ruling lines would take pdfplumber hours to turn into cells: the page's text is read
    without them, in well under a second, and a note says so."""
    import time

    from models import parse_report

    start = time.perf_counter()
    report = parse_report(_pdf_dense_grid(400), "grid.pdf")
    assert time.perf_counter() - start < 5
    assert "Report" in report.text
    assert any("表格线过多" in note for note in report.notes)
