"""The slices that lay a huge text out hold nothing that outlives its document: replacing, deleting or changing
the document being laid out, closing its tab, or reloading, zooming and closing while three hostile reports are
laid out in one window, never crashes the window (the window once died there, in Qt's layout, from a slice).

Each scenario runs in a process of its own, so that a crash fails its test instead of ending the test run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import ROOT

PREAMBLE = """
import faulthandler, os, sys
faulthandler.enable()
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, {root!r})
from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QTextEdit
app = QApplication([])
from gui.text.layout_pacer import LayoutPacer

def paced_editor(lines=100_000):
    editor = QTextEdit()
    editor.resize(600, 400)
    editor.show()
    document = QTextDocument(editor)
    document.setPlainText("一、概述：本机关主动公开政府信息，共计十二条。\\n" * lines)
    editor.setDocument(document)
    pacer = LayoutPacer(editor)
    pacer.start()
    return editor, document, pacer

def run_for(milliseconds):
    QTimer.singleShot(milliseconds, app.quit)
    app.exec()
"""


def run_script(body: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    script = PREAMBLE.format(root=str(ROOT)) + textwrap.dedent(body)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONFAULTHANDLER": "1"}
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT
    )


def assert_survived(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stderr[-3000:]}"
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert "survived" in result.stdout, result.stdout


def test_a_document_replaced_and_deleted_while_laid_out_stops_its_slices():
    """The editor shows another document and the one being laid out is deleted: the pacer's next slice asks
    nothing of the old one's layout, and it stops."""
    result = run_script("""
        editor, document, pacer = paced_editor()
        def replace():
            editor.setDocument(QTextDocument(editor))
            document.deleteLater()
        QTimer.singleShot(50, replace)
        run_for(1500)
        assert not pacer.is_running()
        print("survived")
    """)
    assert_survived(result)


def test_a_document_whose_layout_is_replaced_stops_its_slices():
    """A document given a layout of another kind (the old one deleted) is no longer the pacer's to lay out."""
    result = run_script("""
        from PySide6.QtWidgets import QPlainTextDocumentLayout
        editor, document, pacer = paced_editor()
        QTimer.singleShot(50, lambda: document.setDocumentLayout(QPlainTextDocumentLayout(document)))
        run_for(1500)
        assert not pacer.is_running()
        print("survived")
    """)
    assert_survived(result)


def test_a_document_cut_short_while_laid_out_is_laid_out_to_its_new_end():
    """The text shrinks under the pacer: it reads the length again at each step and ends at the new end."""
    result = run_script("""
        editor, document, pacer = paced_editor()
        QTimer.singleShot(50, lambda: document.setPlainText("一、概述\\n" * 10))
        run_for(1500)
        assert not pacer.is_running()
        print("survived")
    """)
    assert_survived(result)


def test_closing_a_tab_while_its_text_is_laid_out_ends_the_slices():
    """A text view closed mid-layout: its document goes, and no slice of it runs again."""
    result = run_script("""
        from PySide6.QtGui import QFont
        from gui.text.text_view import TextView
        from models import parse_report
        from tests.bench import big_report
        view = TextView(QFont().family())
        view.resize(600, 400)
        view.show()
        view.set_report(parse_report(big_report(4), "big.txt"))
        def close():
            assert view._shown.is_pacing(), "the test closes the view while its text is laid out"
            view.release()
            view.deleteLater()
        def wait_and_close():
            if view.is_laying_out():
                QTimer.singleShot(50, wait_and_close)
            else:
                QTimer.singleShot(100, close)
        wait_and_close()
        run_for(15_000)
        print("survived")
    """)
    assert_survived(result)


WINDOW_SCENARIO = """
import time
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont
from gui.common.settings import Settings
from gui.window.main_window import MainWindow
from tests.test_layout_pacer import headings_text, one_page_pdf
from tests.bench import big_report

def main():
    folder = Path(sys.argv[1])
    big, pdf, headings = folder / "大报告.txt", folder / "一页.pdf", folder / "标题.txt"
    big.write_bytes(big_report(6))
    pdf.write_bytes(one_page_pdf(20_000))
    headings.write_bytes(headings_text(200_000))
    window = MainWindow(Settings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)), QFont().family())
    window.resize(1200, 800)
    window.show()
    started = time.perf_counter()
    steps = []

    def act():
        # In turn, while the three are read and laid out: open one, then reload, zoom, close and reopen.
        if steps:
            steps.pop(0)()
            QTimer.singleShot(700, act)
        elif window.is_loading() or not all(v.text.is_fully_laid_out() for v in window.views()):
            QTimer.singleShot(200, act)
        elif time.perf_counter() - started < 4:
            QTimer.singleShot(200, act)
        else:
            app.quit()

    def each_view(do):
        return lambda: [do(view) for view in window.views()]

    steps += [
        lambda: window.open_files([big]),
        lambda: window.open_files([pdf]),
        lambda: window.open_files([headings]),
        each_view(lambda view: view.zoom_by(1)),
        lambda: window.views() and window.reload(window.views()[0]),
        each_view(lambda view: view.zoom_by(-1)),
        lambda: window.views() and window.close_tab(0),
        lambda: window.open_files([big]),
        lambda: window.views() and window.close_tab(window.tabs.count() - 1),
    ]
    act()
    QTimer.singleShot(240_000, app.quit)
    app.exec()
    assert not window.is_loading(), "still loading when the time ran out"
    print("tabs", window.tabs.count())
    print("survived")

main()
"""


def one_page_pdf(words: int) -> bytes:
    """One page holding `words` words, set small in rows of fifty."""
    rows = [
        b"1 0 0 1 10 %.1f Tm (%s) Tj" % (780 - row * 1.9, " ".join(f"w{row}x{n}" for n in range(50)).encode())
        for row in range(words // 50)
    ]
    content = b"BT /F1 1.5 Tf " + b" ".join(rows) + b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, table)
    return bytes(out)


def headings_text(count: int) -> bytes:
    """`count` headings and nothing else: 一、 to 九十九、 over and over, each with nine （一）… below it."""
    numerals = "一二三四五六七八九"
    top = [*numerals, *(f"{'' if tens == '一' else tens}十{unit}" for tens in numerals for unit in ["", *numerals])]
    lines = []
    for number in range(count // 10):
        lines.append(f"{top[number % 99]}、第{number}部分\n")
        lines += [f"（{n}）小项\n" for n in numerals]
    return "".join(lines).encode()


@pytest.mark.slow
def test_three_hostile_reports_laid_out_in_one_window_while_reloaded_zoomed_and_closed(tmp_path):
    """A big report, a one-page PDF of 20,000 words and a text of 200,000 headings, opened in turn in one window,
    reloaded, zoomed and closed while they are laid out: the window lives through it."""
    script = PREAMBLE.format(root=str(ROOT)) + WINDOW_SCENARIO
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONFAULTHANDLER": "1"}
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, timeout=400, env=env, cwd=ROOT
    )
    assert_survived(result)
