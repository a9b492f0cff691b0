"""Nothing the program writes overwrites what it did not make: a failed export leaves the old file whole,
and a symbolic link, a folder or a pipe named as the output is refused before it is opened."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from models.export import atomic
from models.export.atomic import UnsafeTarget, write_bytes
from models.export.writing import write_export

ROOT = Path(__file__).resolve().parent.parent
OLD = "上一次导出的内容，不能丢\n".encode()


def run_main(*args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    # The timeout is the test's own failure: a pipe opened for writing with no reader waits for ever.
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, env=env, timeout=60)


class _DiskFull:
    """A file whose writes stop half way with ENOSPC, as on a full file system."""

    def __init__(self, file):
        self._file = file

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._file.close()

    def write(self, data: bytes) -> int:
        self._file.write(data[: len(data) // 2])
        self._file.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name):
        return getattr(self._file, name)


@pytest.fixture
def disk_full(monkeypatch):
    real = os.fdopen
    monkeypatch.setattr(atomic.os, "fdopen", lambda *args, **kwargs: _DiskFull(real(*args, **kwargs)))


def test_a_failed_export_keeps_the_old_file_whole_and_leaves_no_temporary(sanming, tmp_path, disk_full):
    """An export over a file that runs out of space raises ENOSPC; the old bytes stay, nothing else is left."""
    target = tmp_path / "tables.json"
    target.write_bytes(OLD)
    with pytest.raises(OSError) as raised:
        write_export(sanming, "tables", "json", target)
    assert raised.value.errno == errno.ENOSPC
    assert target.read_bytes() == OLD
    assert os.listdir(tmp_path) == ["tables.json"]


def test_an_export_replaces_the_old_file_and_keeps_its_permissions(sanming, tmp_path):
    """An export over an existing file leaves the new export, with the old file's permissions, and no temporary."""
    target = tmp_path / "tables.csv"
    target.write_bytes(OLD)
    target.chmod(0o640)
    write_export(sanming, "tables", "csv", target)
    assert target.read_bytes().startswith("\ufeff表格,指标".encode())
    assert target.stat().st_mode & 0o777 == 0o640
    assert os.listdir(tmp_path) == ["tables.csv"]


def test_a_link_is_refused_and_the_file_it_points_at_is_unchanged(tmp_path):
    """Writing to a symbolic link raises UnsafeTarget; the file it points at keeps its bytes and the link stays."""
    report = tmp_path / "report.txt"
    report.write_bytes(OLD)
    link = tmp_path / "out.json"
    link.symlink_to(report)
    with pytest.raises(UnsafeTarget, match="符号链接"):
        write_bytes(link, b"{}")
    assert report.read_bytes() == OLD and link.is_symlink()
    assert sorted(os.listdir(tmp_path)) == ["out.json", "report.txt"]


def _fifo(tmp_path: Path) -> Path:
    os.mkfifo(tmp_path / "pipe")
    return tmp_path / "pipe"


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "folder").mkdir()
    return tmp_path / "folder"


def _link(tmp_path: Path) -> Path:
    (tmp_path / "report.txt").write_bytes(OLD)
    (tmp_path / "out.json").symlink_to(tmp_path / "report.txt")
    return tmp_path / "out.json"


def _dangling_link(tmp_path: Path) -> Path:
    (tmp_path / "out.json").symlink_to(tmp_path / "elsewhere.json")
    return tmp_path / "out.json"


@pytest.mark.parametrize(
    ("make", "message"),
    [(_fifo, "不是普通文件"), (_folder, "文件夹"), (_link, "符号链接"), (_dangling_link, "符号链接")],
    ids=["fifo", "folder", "link", "dangling-link"],
)
def test_export_to_what_is_not_a_regular_file_is_refused(tmp_path, make, message):
    """`-o` a pipe, a folder or a link (even to nothing): exit 2, one line, nothing written, no wait."""
    output = make(tmp_path)
    before = {path.name: (path.is_symlink(), path.is_file() and path.read_bytes()) for path in tmp_path.iterdir()}
    result = run_main("--export", "tables", "-o", str(output))
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 2
    assert message in stderr and len(stderr.strip().splitlines()) == 1 and "Traceback" not in stderr
    assert result.stdout == b""
    after = {path.name: (path.is_symlink(), path.is_file() and path.read_bytes()) for path in tmp_path.iterdir()}
    assert after == before
    assert not (tmp_path / "elsewhere.json").exists()
    assert not output.is_dir() or not any(output.iterdir())


def test_a_pdf_or_chart_saved_over_a_link_is_refused(qtbot, sanming, tmp_path):
    """Save as PDF and the chart's PNG and SVG refuse a link; the report it points at keeps its bytes."""
    from gui.window.printing import save_pdf
    from tests.conftest import shown_panel

    link = _link(tmp_path)
    panel = shown_panel(qtbot, sanming.tables, 520)  # owns the chart: kept until the test ends
    chart = panel.chart()
    for save in (lambda path: save_pdf(sanming, path), chart.export_png, chart.export_svg):
        with pytest.raises(UnsafeTarget):
            save(link)
    assert (tmp_path / "report.txt").read_bytes() == OLD
    assert sorted(os.listdir(tmp_path)) == ["out.json", "report.txt"]


def test_a_chart_saved_over_an_old_image_replaces_it_whole(qtbot, sanming, tmp_path):
    """A PNG saved over an old one is the new image, with no temporary left beside it."""
    from PySide6.QtGui import QImage

    from tests.conftest import shown_panel

    target = tmp_path / "chart.png"
    target.write_bytes(OLD)
    panel = shown_panel(qtbot, sanming.tables, 520)  # owns the chart: kept until the test ends
    panel.chart().export_png(target)
    assert not QImage(str(target)).isNull()
    assert os.listdir(tmp_path) == ["chart.png"]


def test_a_report_behind_a_linked_settings_file_is_unchanged_after_the_window_closes(qtbot, tmp_path):
    """Settings whose file is a link to a report: the window says so in its status bar, and closing it
    (which saves the geometry, the zoom and the reading place) leaves the report's bytes as they were."""
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QFont

    from gui.common.settings import Settings
    from gui.window.main_window import MainWindow
    from tests.conftest import SANMING, show_with_menus

    report = tmp_path / "report.txt"
    report.write_bytes(SANMING.read_bytes())
    (tmp_path / "settings.conf").symlink_to(report)
    settings = Settings(QSettings(str(tmp_path / "settings.conf"), QSettings.Format.IniFormat))
    window = MainWindow(settings, QFont().family())
    qtbot.addWidget(window)
    assert "符号链接" in window.statusBar().currentMessage()
    window.open_report(report)
    show_with_menus(qtbot, window)
    qtbot.waitUntil(lambda: window.view is not None and window.view.report is not None)
    window.close()
    qtbot.wait(50)  # the turn of the event loop on which settings set while open would be saved
    assert report.read_bytes() == SANMING.read_bytes()
    assert sorted(os.listdir(tmp_path)) == ["report.txt", "settings.conf"]
