"""`main.py --install-desktop`: a valid desktop entry and icon in the user's folders, whose Exec opens a report."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import desktop_entry
from models import load_report

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "tests" / "reports" / "pingtan-2017.txt"
ENTRY = Path(".local/share/applications/nianbao-reader.desktop")
ICON = Path(".local/share/icons/hicolor/scalable/apps/nianbao-reader.svg")
VALUE_ESCAPES = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}


def user_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a user whose home is `home`, with no XDG_DATA_HOME of ours leaking in."""
    env = {key: value for key, value in os.environ.items() if key != "XDG_DATA_HOME"}
    return {**env, "HOME": str(home), "PYTHONIOENCODING": "utf-8", **extra}


def run_main(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True, env=env, timeout=60
    )


def read_entry(path: Path) -> dict[str, str]:
    """The keys of the [Desktop Entry] group, values still escaped."""
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if "=" in line)


def exec_argv(exec_value: str, path: str) -> list[str]:
    """Split an Exec value the way a file manager does (Desktop Entry Specification), %f being `path`."""
    value = re.sub(r"\\(.)", lambda match: VALUE_ESCAPES.get(match[1], match[0]), exec_value)
    argv: list[str] = []
    for quoted, plain in re.findall(r'"((?:[^"\\]|\\.)*)"|(\S+)', value):
        if quoted:
            argv.append(re.sub(r"\\([\"`$\\])", r"\1", quoted).replace("%%", "%"))
        elif plain == "%f":
            argv.append(path)
        else:
            argv.append(plain.replace("%%", "%"))
    return argv


def validate(path: Path) -> None:
    validator = shutil.which("desktop-file-validate")
    assert validator, "desktop-file-validate is missing: apt-get install desktop-file-utils (python3 -m tests does)"
    result = subprocess.run([validator, str(path)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


@pytest.fixture
def installed(tmp_path):
    """A home folder with the desktop entry installed into it."""
    result = run_main("--install-desktop", env=user_env(tmp_path))
    assert result.returncode == 0, result.stderr
    return tmp_path


def test_install_writes_a_valid_entry_and_the_icon(installed):
    """The entry passes desktop-file-validate; the icon is the program's SVG in the hicolor theme."""
    validate(installed / ENTRY)
    assert (installed / ICON).read_bytes() == (ROOT / "resources" / "icons" / "nianbao.svg").read_bytes()
    entry = read_entry(installed / ENTRY)
    assert entry["Name"] == "年报阅读器"
    assert entry["Icon"] == "nianbao-reader"
    assert entry["Type"] == "Application"
    assert entry["Terminal"] == "false"
    assert set(entry["MimeType"].rstrip(";").split(";")) == {
        "text/plain",
        "text/html",
        "application/xhtml+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/pdf",
    }


def test_exec_is_absolute_and_uses_the_project_venv(installed):
    """Exec runs this project's .venv Python on this main.py, whatever folder the menu starts it in."""
    entry = read_entry(installed / ENTRY)
    argv = exec_argv(entry["Exec"], "REPORT")
    assert argv == [str(ROOT / ".venv" / "bin" / "python"), str(ROOT / "main.py"), "REPORT"]
    assert Path(entry["TryExec"]).is_file() and os.access(entry["TryExec"], os.X_OK)


def test_exec_opens_the_report_a_file_manager_passes(installed):
    """The Exec line, with %f a report whose path has spaces and Chinese, shows that report's window."""
    folder = installed / "我的 文档"
    folder.mkdir()
    report = folder / "平潭 2017 年报.txt"
    shutil.copyfile(REPORT, report)
    argv = exec_argv(read_entry(installed / ENTRY)["Exec"], str(report))
    env = user_env(installed, QT_QPA_PLATFORM="offscreen", NIANBAO_QUIT_AFTER_SHOW="1")
    result = subprocess.run(argv, cwd=installed, capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    title = load_report(REPORT).title
    assert title
    assert f"shown: {title} — 年报阅读器 visible=True" in result.stdout


def test_awkward_install_folder_is_quoted(tmp_path, monkeypatch):
    """A copy of the reader under a folder with spaces, quotes, $ and % still gets a valid, exact Exec."""
    program = ["/opt/年报 阅读器/.venv/bin/python", '/opt/年报 阅读器/it\'s "50%" $HOME\\main.py']
    monkeypatch.setattr(desktop_entry, "command", lambda: program)
    path = tmp_path / "nianbao-reader.desktop"
    path.write_text(desktop_entry.entry_text(), encoding="utf-8")
    validate(path)
    assert exec_argv(read_entry(path)["Exec"], "/tmp/a b.txt") == [*program, "/tmp/a b.txt"]


def test_xdg_data_home_is_honoured(tmp_path):
    """With XDG_DATA_HOME set, the entry and icon go there instead of ~/.local/share."""
    data = tmp_path / "data"
    result = run_main("--install-desktop", env=user_env(tmp_path / "home", XDG_DATA_HOME=str(data)))
    assert result.returncode == 0, result.stderr
    assert (data / "applications" / "nianbao-reader.desktop").is_file()
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / "nianbao-reader.svg").is_file()
    assert not (tmp_path / "home" / ".local").exists()


def test_uninstall_removes_both_and_may_run_twice(installed):
    """Uninstall deletes the entry and the icon; a second uninstall says there is nothing to do, exit 0."""
    first = run_main("--uninstall-desktop", env=user_env(installed))
    assert first.returncode == 0, first.stderr
    assert not (installed / ENTRY).exists()
    assert not (installed / ICON).exists()
    second = run_main("--uninstall-desktop", env=user_env(installed))
    assert second.returncode == 0
    assert "未安装" in second.stdout


def test_icon_draws_at_menu_sizes(qapp):
    """Qt reads the SVG icon and draws a page on it at the sizes menus and panels use."""
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(ROOT / "resources" / "icons" / "nianbao.svg"))
    assert renderer.isValid()
    for size in (16, 48, 256):
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(QColor(0, 0, 0, 0))
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        assert image.pixelColor(size // 2, size // 2).alpha() == 255, f"nothing drawn at the centre at {size}px"
        assert image.pixelColor(0, 0).alpha() == 0, f"the corner is not transparent at {size}px"
