"""Without a display to draw on, the window path says so in one line and exits 2, where Qt would abort."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

import main
from tests.conftest import ROOT

DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
X11 = pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="no X server is asked for here")


def start(tmp_path, **variables: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in DISPLAY_VARIABLES}
    env.update(HOME=str(tmp_path), **variables)
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py")], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )


@X11
@pytest.mark.parametrize("variables", [{}, {"QT_QPA_PLATFORM": "xcb"}, {"DISPLAY": ":987"}], ids=str)
def test_no_display_is_one_line_and_exit_2(tmp_path, variables):
    """No display, or one nobody answers at: one Chinese line pointing to --export, exit 2, no abort."""
    result = start(tmp_path, **variables)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "显示" in lines[0] and "--export" in lines[0]
    assert "Traceback" not in result.stderr


@X11
def test_the_windowless_export_still_runs_without_a_display(tmp_path):
    """--export needs no display: it runs as before."""
    env = {key: value for key, value in os.environ.items() if key not in DISPLAY_VARIABLES}
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--export", "outline"],
        cwd=tmp_path,
        env={**env, "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.lstrip().startswith(("{", "["))


@X11
@pytest.mark.parametrize(
    "variables",
    [
        {"QT_QPA_PLATFORM": "offscreen"},
        {"QT_QPA_PLATFORM": "minimal"},
        {"QT_QPA_PLATFORM": "wayland"},
        {"QT_QPA_PLATFORM": "vnc:size=800x600"},
        {"WAYLAND_DISPLAY": "wayland-0"},
        {"DISPLAY": "remote.example:10.0"},
    ],
    ids=str,
)
def test_displays_for_qt_to_judge_are_not_refused(monkeypatch, variables):
    """Platforms that need no X server, a Wayland session and a display over the network are left to Qt."""
    for name in DISPLAY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert main.no_display() is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the abstract socket namespace is Linux's")
def test_a_local_x_server_that_answers_is_not_refused(monkeypatch):
    """An X server listening (here a socket in the abstract namespace, with no file) is a display the window uses;
    the same number with nobody listening is refused."""
    for name in DISPLAY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    number = 9000 + os.getpid() % 900
    monkeypatch.setenv("DISPLAY", f":{number}.0")
    assert main.no_display() == f"无法连接图形显示 :{number}.0"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(f"\0{main.X_SOCKETS}{number}")
        server.listen(1)
        assert main.no_display() is None
