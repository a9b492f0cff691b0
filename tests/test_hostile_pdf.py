"""Hostile PDFs: each gets one Chinese line and exit 2, never a traceback, a hang or gigabytes of memory.

Every file is a few hundred bytes of PDF syntax, made by `tests/hostile_binary.py` (the PDFs of the hostile
corpus): objects referring to each other in a loop, a flate bomb, and thousands of pages.
"""

from __future__ import annotations

import pytest

from models.core import limits
from tests.hostile_binary import (
    pdf_dense_grid,
    pdf_flate_bomb,
    pdf_form_drawing_itself,
    pdf_loop,
    pdf_pages,
    pdf_self_loop,
)
from tests.test_hostile import assert_one_line_exit_2, run_main

HOSTILE_PDFS = [
    ("reference-loop", pdf_loop, "死循环"),
    ("self-reference", pdf_self_loop, "死循环"),
    ("form-drawing-itself", pdf_form_drawing_itself, "没有可提取的文字"),
    ("flate-bomb", pdf_flate_bomb, "压缩炸弹"),
    ("too-many-pages", lambda: pdf_pages(limits.PDF_PAGES + 1), "页数太多"),
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


def test_a_page_ruled_past_the_limit_is_read_as_text_at_once():
    """400 × 400 ruling lines would take pdfplumber hours to turn into cells: the page's text is read
    without them, in well under a second, and a note says so."""
    import time

    from models import parse_report

    start = time.perf_counter()
    report = parse_report(pdf_dense_grid(400), "grid.pdf")
    assert time.perf_counter() - start < 5
    assert "Report" in report.text
    assert any("表格线过多" in note for note in report.notes)
