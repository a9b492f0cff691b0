"""Bad input: every broken or odd file gets a plain Chinese message or a sensible view, never a traceback or a hang.

The corpus is generated here, in `tmp_path`. Files the model must refuse are checked twice: through
`load_report` (a `ReportError` whose message names the problem) and through `main.py --export` (one line
on stderr, exit 2, nothing on stdout). Files that are text but not quite a report must open and show
their text as it is, without an invented outline.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import re
import resource
import shutil
import socket
import stat
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from models import ReportError, load_report, parse_report

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "tests" / "reports"
CJK = re.compile("[\u4e00-\u9fff]")
# A special file must be refused at once; this is far more than reading any real report takes.
HANG_SECONDS = 20

NOVEL = (
    "那年冬天，祖母从乡下来，带着一篮子晒干的柿饼。她坐在窗边，看着楼下的行人，半天不说一句话。\n"
    "我问她在看什么，她说在看雪什么时候来。那天傍晚，雪果然落下来了，细细的，像筛过的面粉。\n"
    "\n"
    "后来我常常想起那个傍晚。父亲下班回来，肩上落满了雪，进门就说路上的车排成了长龙。\n"
    "母亲把饭菜端上桌，祖母却只喝了半碗粥，说年纪大了，吃不下。窗外的路灯一盏一盏亮起来。\n"
) * 8
CSV = "指标,2017年,历年累计\n主动公开文件数,34073,364686\n依申请公开,120,3500\n行政复议,2,15\n"
NO_HEADINGS = (
    "三明市2017年政府信息公开工作年度报告\n"
    "本报告根据《中华人民共和国政府信息公开条例》要求编制。全年主动公开政府信息34073条，"
    "受理政府信息公开申请120件，均已按时答复。本年度未发生因政府信息公开引起的行政复议。\n"
    "三明市人民政府办公室\n2018年3月30日\n"
)
HEADING_ONLY = (
    "一、概述\n二、主动公开政府信息情况\n三、依申请公开政府信息情况\n（一）申请情况\n（二）答复情况\n四、其他\n"
)


def _write(path: Path, data: bytes | str) -> Path:
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        archive.writestr("word/document.xml", b"")
    return buffer.getvalue()


def _docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("一、总体情况")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# Inputs `load_report` must refuse: (id, make(tmp_path) -> path, words the message must hold).
REFUSED: list[tuple[str, Callable[[Path], Path], str]] = [
    ("no-such-file", lambda tmp: tmp / "不存在的报告.txt", "找不到文件"),
    ("directory", lambda tmp: _mkdir(tmp / "报告.txt"), "文件夹"),
    ("file-as-directory", lambda tmp: _write(tmp / "report.txt", "一、概述\n") / "x.txt", "路径中有一部分不是文件夹"),
    ("empty", lambda tmp: _write(tmp / "empty.txt", b""), "空"),
    ("blank", lambda tmp: _write(tmp / "blank.txt", " \n\t\n　\n"), "没有文字"),
    ("bom-only", lambda tmp: _write(tmp / "bom.txt", codecs.BOM_UTF8), "没有文字"),
    (
        "png-renamed-txt",
        lambda tmp: _write(tmp / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40),
        "不是文本",
    ),
    ("control-bytes", lambda tmp: _write(tmp / "noise.txt", bytes(range(1, 32)) * 300), "不是文本"),
    ("docx-cut-in-half", lambda tmp: _write(tmp / "cut.docx", _docx_bytes()[:3000]), "Word"),
    ("docx-broken-inside", lambda tmp: _write(tmp / "broken.docx", _zip({"[Content_Types].xml": b""})), "Word"),
    ("pdf-name-not-pdf", lambda tmp: _write(tmp / "report.pdf", "一、概述\n"), "PDF"),
    ("pdf-cut-after-header", lambda tmp: _write(tmp / "cut.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<"), "PDF"),
]


@pytest.mark.parametrize(("make", "words"), [case[1:] for case in REFUSED], ids=[case[0] for case in REFUSED])
def test_model_refuses_with_a_chinese_message(tmp_path, make, words):
    """Each unreadable input raises ReportError, and only that, with a Chinese sentence naming the problem."""
    path = make(tmp_path)
    with pytest.raises(ReportError) as caught:
        load_report(path)
    message = str(caught.value)
    assert words in message
    assert CJK.search(message)
    assert "\n" not in message


@pytest.mark.parametrize(("make", "words"), [case[1:] for case in REFUSED], ids=[case[0] for case in REFUSED])
def test_export_refuses_with_one_line_and_exit_2(tmp_path, make, words):
    """With --export, each unreadable input gives exit 2, one stderr line with the message, no output."""
    result = run_main("--export", "outline", str(make(tmp_path)))
    assert_refused(result, words)


@pytest.mark.parametrize("kind", ["tables", "checks"])
def test_every_export_kind_refuses_the_same_way(tmp_path, kind):
    """The tables and checks exports refuse a bad file exactly like the outline export."""
    result = run_main("--export", kind, str(tmp_path / "missing.txt"))
    assert_refused(result, "找不到文件")


def test_path_names_the_file_the_reader_asked_for(tmp_path):
    """The message for a missing file quotes its path, so the reader sees which file was meant."""
    path = tmp_path / "平潭2099年报告.txt"
    with pytest.raises(ReportError, match=re.escape(str(path))):
        load_report(path)


def test_no_permission_is_named(tmp_path):
    """An unreadable file is refused with "没有读取权限" (as root, run without the power to ignore modes)."""
    locked = _write(tmp_path / "locked.txt", HEADING_ONLY)
    locked.chmod(0)
    readable = _write(tmp_path / "readable.txt", HEADING_ONLY)
    prefix: list[str] = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("root ignores file modes, and setpriv is missing to drop that power")
        dropped = "-dac_override,-dac_read_search"
        prefix = ["setpriv", f"--inh-caps={dropped}", f"--bounding-set={dropped}"]
    # The control: the same process reads a readable file beside it, so the refusal is about the mode.
    assert run_main("--export", "outline", str(readable), prefix=prefix).returncode == 0
    assert_refused(run_main("--export", "outline", str(locked), prefix=prefix), "没有读取权限")


@pytest.mark.parametrize("kind", ["fifo", "socket", "char-device"])
def test_special_files_are_refused_without_hanging(tmp_path, kind):
    """A FIFO, a socket or a device named as a report is refused at once, not read forever."""
    if kind == "fifo":
        path = tmp_path / "pipe.txt"
        os.mkfifo(path)
    elif kind == "socket":
        path = tmp_path / "sock.txt"
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        server.close()
    else:
        path = Path("/dev/zero")
        assert stat.S_ISCHR(path.stat().st_mode)
    try:
        result = run_main("--export", "outline", str(path), timeout=HANG_SECONDS, preexec_fn=_limit_memory)
    except subprocess.TimeoutExpired:
        pytest.fail(f"--export hung on a {kind} for {HANG_SECONDS} s instead of refusing it")
    assert_refused(result, "")


def _limit_memory() -> None:
    # /dev/zero never ends: without a cap a reader that reads it whole would take all the memory.
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_truncated_text_opens_with_the_cut_character_replaced(tmp_path, encoding):
    """A report cut inside its last character opens whole; only that character is lost, and a note says so."""
    original = (REPORTS / "pingtan-2017.txt").read_text("utf-8").rstrip()
    data = original.encode(encoding)
    path = _write(tmp_path / "cut.txt", data[:-1])
    report = load_report(path)
    assert report.text.rstrip("\n\ufffd") == original[:-1]
    assert report.text.count("\ufffd") <= 1
    assert report.notes, "the reader is not told that the end of the file was cut"
    assert [s.heading for s in report.walk()] == [s.heading for s in parse_report(data).walk()]


def test_mixed_encodings_keep_the_utf8_text_and_say_which_line_was_odd(tmp_path):
    """A UTF-8 report with one GB18030 paragraph opens: every UTF-8 line intact, the odd one noted."""
    source = (REPORTS / "pingtan-2017.txt").read_bytes()
    lines = source.decode("utf-8").split("\n")
    odd = next(i for i in range(len(lines) // 2, len(lines)) if len(CJK.findall(lines[i])) > 20)
    mixed = "\n".join(lines[:odd]).encode() + b"\n" + lines[odd].encode("gb18030") + b"\n"
    mixed += "\n".join(lines[odd + 1 :]).encode()
    report = load_report(_write(tmp_path / "mixed.txt", mixed))
    shown = report.text.split("\n")
    assert shown[:odd] == lines[:odd]
    assert shown[odd + 1 :] == lines[odd + 1 :]
    assert shown[odd] == lines[odd] or "\ufffd" in shown[odd]
    assert report.encoding == "utf-8"
    assert any(str(odd + 1) in note for note in report.notes), report.notes
    assert [s.heading for s in report.walk()] == [s.heading for s in parse_report(source).walk()]


# Inputs that are text but not a usual report: (id, content). Each must open and show its text as it is.
OPENED: list[tuple[str, str]] = [
    ("novel", NOVEL),
    ("csv", CSV),
    ("no-headings", NO_HEADINGS),
    ("heading-only", HEADING_ONLY),
]


@pytest.mark.parametrize("content", [case[1] for case in OPENED], ids=[case[0] for case in OPENED])
def test_text_that_is_not_a_report_shows_its_text_unchanged(tmp_path, content):
    """A novel, a CSV, a report without headings or with nothing but headings opens with its text intact."""
    report = load_report(_write(tmp_path / "text.txt", content))
    assert report.text == content
    assert report.encoding == "utf-8"


@pytest.mark.parametrize("content", [NOVEL, CSV, NO_HEADINGS], ids=["novel", "csv", "no-headings"])
def test_prose_without_numbering_gets_no_invented_outline(tmp_path, content):
    """Text with no numbered headings gets an empty outline, not headings made up from its sentences."""
    report = load_report(_write(tmp_path / "prose.txt", content))
    assert report.sections == []


def test_novel_gets_no_findings_of_errors(tmp_path):
    """Checks on a novel find no contradictions: there are no report figures to contradict."""
    from models.checks.run import run_checks

    report = load_report(_write(tmp_path / "novel.txt", NOVEL))
    assert [f for f in run_checks(report).findings if f.severity == "error"] == []


def test_report_without_headings_still_has_its_title(tmp_path):
    """A report with no numbered headings is still named by its title line."""
    report = load_report(_write(tmp_path / "report.txt", NO_HEADINGS))
    assert report.title == "三明市2017年政府信息公开工作年度报告"


def test_heading_only_report_has_every_heading_and_empty_sections(tmp_path):
    """A report of headings alone gets the full outline; each section ends where the next heading starts."""
    report = load_report(_write(tmp_path / "headings.txt", HEADING_ONLY))
    outline = [(s.level, s.marker, s.title, s.line) for s in report.walk()]
    assert outline == [
        (1, "一、", "概述", 1),
        (1, "二、", "主动公开政府信息情况", 2),
        (1, "三、", "依申请公开政府信息情况", 3),
        (2, "（一）", "申请情况", 4),
        (2, "（二）", "答复情况", 5),
        (1, "四、", "其他", 6),
    ]
    sections = list(report.walk())
    for i, section in enumerate(sections):
        governed = next((s.start for s in sections[i + 1 :] if s.level <= section.level), len(HEADING_ONLY))
        assert section.title_end <= section.end == governed, section.heading


@pytest.mark.parametrize("content", [case[1] for case in OPENED], ids=[case[0] for case in OPENED])
@pytest.mark.parametrize("kind", ["outline", "tables", "checks"])
def test_export_of_odd_text_is_json_and_exit_0(tmp_path, kind, content):
    """Every export of a text that is not a usual report prints valid JSON and exits 0."""
    result = run_main("--export", kind, str(_write(tmp_path / "odd.txt", content)))
    assert result.returncode == 0, result.stderr.decode("utf-8")
    assert result.stderr == b""
    assert isinstance(json.loads(result.stdout), dict)


def run_main(
    *args: str, timeout: float = 60, preexec_fn: Callable[[], None] | None = None, prefix: list[str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run main.py as the reader would, with UTF-8 output (after `prefix`, a command that runs it)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [*(prefix or []), sys.executable, str(ROOT / "main.py"), *args],
        cwd=ROOT,
        capture_output=True,
        env=env,
        timeout=timeout,
        preexec_fn=preexec_fn,
    )


def assert_refused(result: subprocess.CompletedProcess[bytes], words: str) -> None:
    """Exit 2, nothing on stdout, and one Chinese line on stderr holding `words`."""
    stderr = result.stderr.decode("utf-8", errors="replace")
    assert result.returncode == 2, stderr
    assert result.stdout == b""
    assert len(stderr.strip().splitlines()) == 1, stderr
    assert "Traceback" not in stderr
    assert words in stderr
    assert CJK.search(stderr)


def test_html_page_wrapped_in_a_form_keeps_its_text(tmp_path):
    """A page whose whole body sits in a <form> (as ASP.NET sites make them) still shows its report."""
    page = (
        "<html><body><form id='form1' method='post' action='./show.aspx'><div class='main'>"
        "<p>一、总体情况</p><p>全年主动公开政府信息1200条。</p><p>二、主动公开政府信息情况</p>"
        "<input type='hidden' name='__VIEWSTATE' value='dDwtMTA4MTY'></div></form></body></html>"
    )
    report = load_report(_write(tmp_path / "show.html", page))
    assert "全年主动公开政府信息1200条。" in report.text
    assert [s.heading for s in report.walk()] == ["一、总体情况", "二、主动公开政府信息情况"]
    assert "dDwtMTA4MTY" not in report.text


def test_html_text_after_an_unclosed_embed_is_kept(tmp_path):
    """An <embed> written without a closing tag (void in HTML) hides none of the text after it."""
    page = (
        "<html><body><p>一、总体情况</p><p>全年主动公开<embed src='player.swf' width='1'>政府信息1200条。</p>"
        "<embed src='video.swf'><p>二、主动公开政府信息情况</p></body></html>"
    )
    report = load_report(_write(tmp_path / "embed.html", page))
    assert "政府信息1200条。" in report.text
    assert [s.heading for s in report.walk()] == ["一、总体情况", "二、主动公开政府信息情况"]
