"""No network at all: starting, opening, viewing, checking and exporting never touch a socket.

Three layers of proof. In this process, every way Python reaches the network is made to fail and
record the attempt while every bundled and test report is opened, checked and exported. In a child
process, the same guard wraps `main.py --export` and the window. Under strace, the child's system calls
show no Internet socket at all, which also covers Qt's own C++ code, out of Python's reach.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from models import load_report

ROOT = Path(__file__).resolve().parent.parent
REPORTS = sorted(p for p in (ROOT / "tests" / "reports").rglob("*") if p.is_file() and p.suffix != ".md")
BUNDLED = ROOT / "resources" / "reports" / "sanming-2017.txt"
HTML_REPORT = ROOT / "tests" / "reports" / "shanghai-office-2019.html"
MARK = "NETWORK-ATTEMPT"

# Run before main.py in a child: every Python road to the network fails loudly and leaves a mark.
GUARD = textwrap.dedent(
    f"""
    import runpy, socket, sys

    def _refuse(*args, **kwargs):
        print("{MARK}", args[:2], file=sys.stderr, flush=True)
        raise OSError("network access in a test that forbids it")

    for _name in ("connect", "connect_ex", "sendto", "sendmsg"):
        setattr(socket.socket, _name, _refuse)
    for _name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "getnameinfo"):
        setattr(socket, _name, _refuse)
    sys.argv = ["main.py", *sys.argv[1:]]
    runpy.run_path("main.py", run_name="__main__")
    """
)


@pytest.fixture
def no_network(monkeypatch):
    """Make every socket operation that could reach a network fail; yields the list of attempts."""
    attempts: list[str] = []

    def refuse(name):
        def refused(*args, **kwargs):
            attempts.append(f"{name}{args[:2]}")
            raise OSError(f"{name}: network access in a test that forbids it")

        return refused

    for name in ("connect", "connect_ex", "sendto", "sendmsg"):
        monkeypatch.setattr(socket.socket, name, refuse(f"socket.{name}"))
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "getnameinfo"):
        monkeypatch.setattr(socket, name, refuse(name))
    return attempts


def test_the_guard_really_blocks(no_network):
    """The guard is sound: a real connection attempt fails and is recorded."""
    with pytest.raises(OSError):
        socket.create_connection(("example.org", 80), timeout=1)
    with pytest.raises(OSError), socket.socket() as sock:
        sock.connect(("127.0.0.1", 9))
    assert len(no_network) == 2


@pytest.mark.parametrize("path", [BUNDLED, *REPORTS], ids=lambda p: p.name)
def test_opening_checking_and_exporting_never_touch_the_network(no_network, path):
    """Each report opens, is checked, and exports in every kind and format without any socket use."""
    from models.checks.run import run_checks
    from models.export.formats import FORMATS
    from models.export.writing import export_bytes

    report = load_report(path)
    assert list(report.walk()), f"{path.name} has no outline; the run proves too little"
    run_checks(report)
    for kind, formats in FORMATS.items():
        for fmt in formats:
            assert export_bytes(report, kind, fmt)
    assert no_network == []


def run_guarded(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run main.py with `args` behind the socket guard."""
    return subprocess.run(
        [sys.executable, "-c", GUARD, *args],
        cwd=ROOT,
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
        timeout=timeout,
    )


@pytest.mark.parametrize("kind", ["outline", "tables", "checks"])
@pytest.mark.parametrize("path", [BUNDLED, HTML_REPORT], ids=["txt", "html"])
def test_export_command_never_touches_the_network(kind, path):
    """`main.py --export` behind the guard prints its JSON, exit 0, with no network attempt."""
    result = run_guarded("--export", kind, str(path))
    stderr = result.stderr.decode("utf-8", errors="replace")
    assert MARK not in stderr
    assert result.returncode == 0, stderr
    assert json.loads(result.stdout)


def window_env() -> dict[str, str]:
    return {"QT_QPA_PLATFORM": "offscreen", "NIANBAO_QUIT_AFTER_SHOW": "1"}


@pytest.mark.parametrize("path", [BUNDLED, HTML_REPORT], ids=["txt", "html"])
def test_window_starts_and_shows_a_report_without_the_network(path, tmp_path):
    """The window starts on a report and shows it, behind the guard, with no network attempt."""
    result = run_guarded(str(path), env={**window_env(), "XDG_CONFIG_HOME": str(tmp_path)})
    stderr = result.stderr.decode("utf-8", errors="replace")
    assert MARK not in stderr
    assert result.returncode == 0, stderr
    assert "visible=True" in result.stdout.decode("utf-8", errors="replace")


# A connect, send or DNS lookup on an Internet socket, as strace prints it.
_INTERNET = re.compile(r"\b(connect|sendto|sendmsg|bind)\(\d+, \{sa_family=AF_INET6?\b|/nscd/socket")


def run_traced(args: list[str], tmp_path: Path, env: dict[str, str]) -> tuple[subprocess.CompletedProcess, str]:
    """Run main.py under strace, following children; returns the result and the network calls seen."""
    log = tmp_path / "strace.log"
    result = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=network", "-o", str(log), sys.executable, "main.py", *args],
        cwd=ROOT,
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **env},
        timeout=180,
    )
    return result, log.read_text("utf-8", errors="replace")


def _strace_works() -> bool:
    if not shutil.which("strace"):
        return False
    return subprocess.run(["strace", "-qq", "-o", "/dev/null", "true"], capture_output=True).returncode == 0


needs_strace = pytest.mark.skipif(not _strace_works(), reason="strace is missing or not permitted here")


@needs_strace
def test_strace_sees_internet_sockets_when_there_are_some(tmp_path):
    """The trace is sound: a program that does open an Internet socket is caught by the same pattern."""
    log = tmp_path / "strace.log"
    code = (
        "import socket; s = socket.socket(); s.settimeout(0.1)\ntry: s.connect(('127.0.0.1', 9))\nexcept OSError: pass"
    )
    subprocess.run(["strace", "-f", "-qq", "-e", "trace=network", "-o", str(log), sys.executable, "-c", code])
    assert _INTERNET.search(log.read_text("utf-8"))


@needs_strace
@pytest.mark.parametrize("kind", ["outline", "tables", "checks"])
def test_export_makes_no_internet_system_call(kind, tmp_path):
    """Under strace, `--export` of the HTML report makes no Internet socket call of any kind."""
    result, trace = run_traced(["--export", kind, str(HTML_REPORT)], tmp_path, {})
    assert result.returncode == 0, result.stderr.decode("utf-8", errors="replace")
    assert not _INTERNET.findall(trace), trace


@needs_strace
@pytest.mark.parametrize("path", [BUNDLED, HTML_REPORT], ids=["txt", "html"])
def test_window_makes_no_internet_system_call(path, tmp_path):
    """Under strace, starting the window and showing a report (Qt included) makes no Internet socket call."""
    env = {**window_env(), "XDG_CONFIG_HOME": str(tmp_path)}
    result, trace = run_traced([str(path)], tmp_path, env)
    assert result.returncode == 0, result.stderr.decode("utf-8", errors="replace")
    assert "visible=True" in result.stdout.decode("utf-8", errors="replace")
    assert not [line for line in trace.splitlines() if _INTERNET.search(line)], trace


# A saved page doing every thing a browser would fetch or run. Only its words may reach the reader.
HOSTILE_PAGE = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://127.0.0.1:9/xhtml1-strict.dtd">
<html><head>
<meta http-equiv="refresh" content="0; url=http://127.0.0.1:9/refresh">
<base href="http://127.0.0.1:9/">
<link rel="stylesheet" href="http://127.0.0.1:9/style.css">
<link rel="preload" href="//127.0.0.1:9/font.woff2">
<style>@import url("http://127.0.0.1:9/import.css"); body { background: url(http://127.0.0.1:9/bg.png) }</style>
<script src="http://127.0.0.1:9/app.js"></script>
<script>document.write("脚本写出的文字"); fetch("http://127.0.0.1:9/beacon");</script>
</head>
<body onload="alert('加载脚本')">
<p>某市2019年政府信息公开工作年度报告</p>
<p>一、总体情况</p>
<p>全年主动公开政府信息1200条。<img src="http://127.0.0.1:9/tracker.gif" onerror="alert('图片脚本')"></p>
<iframe src="http://127.0.0.1:9/frame.html">框架里的文字</iframe>
<object data="http://127.0.0.1:9/movie.swf">对象里的文字</object>
<embed src="http://127.0.0.1:9/plugin.swf" />
<video src="http://127.0.0.1:9/v.mp4" poster="http://127.0.0.1:9/p.png"></video>
<svg><image href="http://127.0.0.1:9/svg.png"/><script>alert('SVG脚本')</script></svg>
<p>二、主动公开政府信息情况</p>
<p>详见<a href="http://127.0.0.1:9/more.html" onclick="alert('链接脚本')">政府信息公开专栏</a>。</p>
<noscript><img src="http://127.0.0.1:9/noscript.gif">请启用脚本</noscript>
</body></html>
"""
NEVER_SHOWN = ["脚本写出的文字", "document.write", "fetch(", "alert(", "加载脚本", "图片脚本", "SVG脚本", "链接脚本",
               "@import", "background", "框架里的文字", "127.0.0.1", "http://"]  # fmt: skip


def _hostile_page(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.html"
    path.write_text(HOSTILE_PAGE, "utf-8")
    return path


def test_hostile_page_gives_its_words_and_nothing_that_would_run_or_fetch(no_network, tmp_path):
    """A page with scripts, remote images, styles, frames and entities gives its paragraphs and link text only."""
    report = load_report(_hostile_page(tmp_path))
    assert report.source_format == "html"
    for words in ("某市2019年政府信息公开工作年度报告", "全年主动公开政府信息1200条。", "政府信息公开专栏"):
        assert words in report.text
    assert [section.heading for section in report.walk()] == ["一、总体情况", "二、主动公开政府信息情况"]
    shown = [words for words in NEVER_SHOWN if words in report.text]
    assert shown == [], report.text
    assert no_network == []


def test_entities_of_a_page_are_never_resolved(no_network, tmp_path):
    """Entities a page declares for a local or remote file are not read, and the declaration is not shown."""
    secret = tmp_path / "secret.txt"
    secret.write_text("不该出现的本地文件内容", "utf-8")
    page = tmp_path / "entities.html"
    page.write_text(
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE html [<!ENTITY secret SYSTEM "file://{secret}"><!ENTITY remote SYSTEM "http://127.0.0.1:9/e">]>\n'
        "<html><body><p>某市政府信息公开工作年度报告</p><p>一、总体情况 &secret; &remote;</p></body></html>",
        "utf-8",
    )
    report = load_report(page)
    assert "不该出现" not in report.text
    assert [section.marker for section in report.walk()] == ["一、"]
    assert report.text.startswith("某市政府信息公开工作年度报告"), report.text
    assert no_network == []


@needs_strace
def test_hostile_page_export_makes_no_internet_system_call(tmp_path):
    """Under strace, exporting the hostile page (parsed by libxml2, in C) makes no Internet socket call."""
    result, trace = run_traced(["--export", "outline", str(_hostile_page(tmp_path))], tmp_path, {})
    assert result.returncode == 0, result.stderr.decode("utf-8", errors="replace")
    assert not _INTERNET.findall(trace), trace
    titles = [section["title"] for section in json.loads(result.stdout)["sections"]]
    assert titles == ["总体情况", "主动公开政府信息情况"]


@needs_strace
def test_hostile_page_in_the_window_makes_no_internet_system_call(tmp_path):
    """Under strace, the window showing the hostile page (Qt's text layout included) fetches nothing."""
    env = {**window_env(), "XDG_CONFIG_HOME": str(tmp_path)}
    result, trace = run_traced([str(_hostile_page(tmp_path))], tmp_path, env)
    assert result.returncode == 0, result.stderr.decode("utf-8", errors="replace")
    assert "visible=True" in result.stdout.decode("utf-8", errors="replace")
    assert not [line for line in trace.splitlines() if _INTERNET.search(line)], trace


def test_one_window_opens_every_report_in_turn_without_the_network(no_network, qtbot, tmp_path):
    """One window opening every report in turn, side panels and all, makes no network attempt and no error."""
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QFont

    from gui.common.settings import Settings
    from gui.window.main_window import MainWindow

    window = MainWindow(Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)), QFont().family())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    for path in [BUNDLED, *REPORTS]:
        window.open_report(path)
        qtbot.wait(50)  # the side panels are built on a timer after each open
        assert window.view is not None and window.view.report.text
    assert no_network == []
