"""The window under attack: hostile files opened one after another in one window. Each that cannot be read is
a message in the window, the report open before stays as it was, the window never dies, and once their tabs
are closed the memory they took comes back.

Every file is made here: an empty file, a picture renamed .txt, a Word package with a garbled deflate stream,
a web page of rowspans and colspans of a million, texts with runs of thousands of digits, a run of commas with
nowhere to break a line, a PDF whose objects refer to each other in a loop, and a big report."""

from __future__ import annotations

import gc
import io
import zipfile

import pytest

from gui.window.main_window import MainWindow
from tests.bench import big_report
from tests.conftest import SANMING, open_and_wait

DIGITS = "9" * 5000
MEMORY_SLACK = 50 * 2**20


def broken_docx() -> bytes:
    """A Word package whose document.xml's deflate stream is garbled a few bytes in."""
    body = "".join(f"<w:p><w:r><w:t>第{n}段：全年主动公开政府信息1200条。</w:t></w:r></w:p>" for n in range(200))
    document = (
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        f'wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>'
    )
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        package.writestr("word/document.xml", document)
    data = bytearray(packed.getvalue())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for at in range(start + 5, start + 40):
        data[at] ^= 0x55
    return bytes(data)


def looping_pdf() -> bytes:
    """A PDF whose catalog is a reference to an object that refers back to the catalog."""
    objects = [b"5 0 R", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", b"<< /Type /Page /Parent 2 0 R >>", b"1 0 R"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate([*objects[:3], b"<< /Length 0 >>\nstream\n\nendstream", objects[3]], 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    table = len(out)
    out += b"xref\n0 6\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % table
    return bytes(out)


def span_bomb() -> bytes:
    cells = '<td rowspan="1000000" colspan="1000000">12</td>' * 3
    rows = "".join(f"<tr><td>第{row}行</td>{cells}</tr>" for row in range(300))
    return f"<p>一、总体情况</p><table>{rows}</table>".encode()


# (file name, contents, whether it opens: else the message names the file)
CORPUS = [
    ("空.txt", lambda: b"", False),
    ("照片.txt", lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40, False),
    ("损坏.docx", broken_docx, False),
    ("循环.pdf", looping_pdf, False),
    ("跨行.html", span_bomb, True),
    ("长数字.txt", lambda: f"一、总体情况\n全年主动公开政府信息{DIGITS}条，其中网站{DIGITS}条。\n".encode(), True),
    ("长数字表.txt", lambda: f"附表\n指标名称计量单位2017年历年累计\n主动公开文件数条{DIGITS * 8}\n".encode(), True),
    ("顿号.txt", lambda: f"一、概述\n{'、' * 100_000}\n".encode(), True),
    ("大报告.txt", lambda: big_report(12), True),
]


def resident_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096


def settle(qtbot) -> None:
    """Let closed tabs be deleted and Python collect what they held."""
    for _round in range(3):
        qtbot.wait(200)
        gc.collect()


@pytest.mark.slow
def test_hostile_files_one_after_another_leave_the_window_and_its_memory(qtbot, shown_window: MainWindow, tmp_path):
    """Each file is opened in the window holding the Sanming report: the ones that cannot be read are each a
    message naming the file (and no tab), the others open in tabs, Sanming's tab stays as it was; once their tabs
    are closed the window's memory is back within 50 MB of where it was."""
    window = shown_window
    open_and_wait(qtbot, window, [SANMING])
    qtbot.waitUntil(lambda: hasattr(window.view.check_panel, "view"), timeout=20_000)
    sanming = window.view
    sanming.text.scroll_to_line(82)
    text_before = sanming.text.toPlainText()
    # What the first report of all loads once (the parsers, the side panels' modules) is in the baseline.
    settle(qtbot)
    baseline = resident_bytes()
    for name, make, opens in CORPUS:
        path = tmp_path / name
        path.write_bytes(make())
        tabs = window.tabs.count()
        open_and_wait(qtbot, window, [path], timeout=120_000)
        if opens:
            # A report read in a child comes to the front a turn after its tab is made.
            qtbot.waitUntil(lambda: window.view.path == path.resolve(), timeout=10_000)  # noqa: B023
            assert window.tabs.count() == tabs + 1
            qtbot.waitUntil(lambda: not window.is_loading(), timeout=120_000)
            assert window.message_bar.isHidden(), window.message_bar.text()
        else:
            qtbot.waitUntil(window.message_bar.isVisible, timeout=10_000)
            message = window.message_bar.text()
            assert name in message and "Traceback" not in message, message
            assert window.tabs.count() == tabs
        assert window.isVisible()
    assert window.views()[0] is sanming
    assert sanming.text.toPlainText() == text_before
    window.tabs.setCurrentWidget(sanming)
    assert sanming.text.top_line() == 82
    while window.tabs.count() > 1:
        window.close_tab(1)
    settle(qtbot)
    grown = resident_bytes() - baseline
    assert grown < MEMORY_SLACK, f"{grown / 2**20:.0f} MB more than before the files were opened"
    assert [view.path for view in window.views()] == [SANMING.resolve()]
    assert window.loading.jobs == []
