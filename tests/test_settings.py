"""Settings that are corrupt, from another version or of the wrong type are ignored with a note:
the reader starts with its defaults, says in plain Chinese what it ignored, and never raises."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings

from gui.common.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "resources" / "reports" / "sanming-2017.txt"


def ini(path: Path) -> QSettings:
    return QSettings(str(path), QSettings.Format.IniFormat)


def defaults(settings: Settings) -> tuple:
    return (
        settings.zoom(), settings.theme_mode(), settings.log_scale(), settings.geometry(),
        settings.splitter_sizes("main"), settings.recent_reports(), settings.reading_offset(REPORT),
    )  # fmt: skip


DEFAULTS = (0, "system", True, None, None, [], 0)


def test_a_fresh_file_has_defaults_and_no_notes(tmp_path):
    """No settings file yet: defaults, and nothing to say."""
    settings = Settings(ini(tmp_path / "none.ini"))
    assert defaults(settings) == DEFAULTS
    assert settings.notes() == []


def test_good_settings_are_read_back_without_notes(tmp_path):
    """What the reader wrote it reads back as written, with no note."""
    settings = Settings(ini(tmp_path / "good.ini"))
    settings.set_zoom(3)
    settings.set_theme_mode("dark")
    settings.set_log_scale(False)
    settings.set_splitter_sizes("main", [200, 600])
    settings.set_last_report(REPORT)
    settings.set_reading_offset(REPORT, 1234)
    settings.sync()
    again = Settings(ini(tmp_path / "good.ini"))
    assert defaults(again) == (3, "dark", False, None, [200, 600], [REPORT], 1234)
    assert again.notes() == []


def test_a_malformed_file_gives_defaults_a_note_and_is_saved_anew(tmp_path):
    """A damaged INI file (Qt: FormatError) is not half-trusted; the next save writes a good one."""
    path = tmp_path / "broken.ini"
    path.write_text("[v1]\nview\\\\zoom=3\n[[[broken\nx\n", encoding="utf-8")
    settings = Settings(ini(path))
    assert defaults(settings) == DEFAULTS
    (note,) = settings.notes()
    assert "已损坏" in note and "默认设置" in note and str(path) in note
    settings.set_zoom(2)
    settings.sync()
    again = Settings(ini(path))
    assert again.zoom() == 2 and again.notes() == []


@pytest.mark.parametrize(
    "content",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "这不是设置文件\n".encode(), b"\x00" * 64],
    ids=["image", "prose", "zeros"],
)
def test_a_file_with_nothing_readable_gives_defaults_and_a_note(tmp_path, content):
    """An image, a line of prose or zeros where the settings should be: defaults and a note."""
    path = tmp_path / "junk.ini"
    path.write_bytes(content)
    settings = Settings(ini(path))
    assert defaults(settings) == DEFAULTS
    (note,) = settings.notes()
    assert "没有可读的设置" in note


def test_settings_of_another_version_are_ignored_with_a_note(tmp_path):
    """A file written by a later version (v2/…) and an older, unversioned key: ignored, both named."""
    store = ini(tmp_path / "other.ini")
    store.setValue("v2/view/zoom", 5)
    store.setValue("v2/view/theme", "dark")
    store.setValue("geometry", "old layout")
    store.sync()
    settings = Settings(ini(tmp_path / "other.ini"))
    assert defaults(settings) == DEFAULTS
    assert settings.notes() == ["设置文件中有其他版本（v2）的设置，已忽略", "设置文件中有1项无法识别的内容，已忽略"]


def test_values_of_the_wrong_type_are_ignored_with_one_note_each(tmp_path):
    """Each unusable value falls back to its default and is named once, whether read yet or not."""
    store = ini(tmp_path / "values.ini")
    store.setValue("v1/view/zoom", "abc")
    store.setValue("v1/view/theme", "purple")
    store.setValue("v1/indicators/log-scale", "perhaps")
    store.setValue("v1/window/geometry", "not bytes")
    store.setValue("v1/window/splitter-main", ["a", "b"])
    store.setValue("v1/reports/recent", 42)
    store.setValue("v1/positions/0123456789abcdef", -3)
    store.setValue("v1/positions/fedcba9876543210", "far")
    store.sync()
    settings = Settings(ini(tmp_path / "values.ini"))
    assert settings.zoom() == 0  # read before the notes are asked for
    notes = settings.notes()
    assert defaults(settings) == DEFAULTS
    names = ["文字缩放", "外观", "对数坐标", "窗口位置和大小", "窗格大小", "最近打开的报告", "阅读位置"]
    assert sorted(names) == sorted(note.split("“")[1].split("”")[0] for note in notes)
    assert any("（abc）" in note for note in notes)


def test_a_value_out_of_range_is_ignored_like_a_wrong_type(tmp_path):
    """A zoom of 99 steps is outside what the reader offers: 0, and a note."""
    store = ini(tmp_path / "range.ini")
    store.setValue("v1/view/zoom", 99)
    settings = Settings(store)
    assert settings.zoom() == 0
    assert settings.notes() == ["设置“文字缩放”的值（99）无法使用，已改用默认值"]


_NATIVE = """
import json
from PySide6.QtCore import QCoreApplication
from gui.common.settings import Settings
app = QCoreApplication([])
settings = Settings()
print(json.dumps({"zoom": settings.zoom(), "theme": settings.theme_mode(), "notes": settings.notes()}))
"""


@pytest.mark.parametrize(
    "content",
    [bytes(range(256)) * 4, b"[v1]\nview\\zoom=3\n[[[\n\xff\xfe", b"[v0]\nview\\zoom=3\n"],
    ids=["garbage", "malformed", "older-version"],
)
def test_the_native_settings_file_spoilt_on_disk_gives_defaults_and_notes(tmp_path, content):
    """The real settings file of a reader (under XDG_CONFIG_HOME) spoilt: it starts with defaults and notes."""
    folder = tmp_path / "nianbao-reader"
    folder.mkdir()
    (folder / "nianbao-reader.conf").write_bytes(content)
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, "-c", _NATIVE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert (result["zoom"], result["theme"]) == (0, "system")
    assert result["notes"], "the spoilt file is ignored without a word"


_SET_AND_SAVE = """
import json
from gui.common.settings import Settings
settings = Settings()
settings.set_zoom(2)
settings.sync()
print(json.dumps({"zoom": settings.zoom(), "notes": settings.notes()}))
"""


@pytest.mark.parametrize("kind", ["fifo", "link-to-fifo"])
def test_a_pipe_where_the_settings_file_should_be_is_never_opened(tmp_path, kind):
    """A pipe at the real settings file's path (or a link to one): the reader starts at once, with one note,
    and keeps what is set in memory; it neither waits to read the pipe nor writes into it."""
    folder = tmp_path / "nianbao-reader"
    folder.mkdir()
    pipe = folder / "nianbao-reader.conf" if kind == "fifo" else tmp_path / "pipe"
    os.mkfifo(pipe)
    if kind == "link-to-fifo":
        (folder / "nianbao-reader.conf").symlink_to(pipe)
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path)}
    # A reader that opened the pipe would wait for a writer: the timeout is this test's failure.
    command = [sys.executable, "-c", _SET_AND_SAVE]
    run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=30)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["zoom"] == 2
    (note,) = result["notes"]
    assert "不是普通文件" in note and "内存" in note
    assert stat.S_ISFIFO(os.stat(folder / "nianbao-reader.conf").st_mode)


def test_the_settings_file_is_where_qsettings_keeps_the_readers():
    """The file read and written is the one QSettings names for the reader, so earlier settings are found."""
    from gui.common.settings import NAME, settings_path

    assert str(settings_path()) == QSettings(NAME, NAME).fileName()


def test_geometry_round_trips_as_bytes(tmp_path):
    """The window's geometry comes back as the bytes it was saved as."""
    settings = Settings(ini(tmp_path / "geometry.ini"))
    settings.set_geometry(QByteArray(b"\x01\xd9\xd0\xcb"))
    settings.sync()
    assert Settings(ini(tmp_path / "geometry.ini")).geometry() == QByteArray(b"\x01\xd9\xd0\xcb")


def test_each_report_keeps_its_own_reading_place_across_restarts(tmp_path):
    """Places are kept per file, whatever its path holds (slashes, hanzi, spaces); a restart reads them back."""
    folder = tmp_path / "政府 信息公开" / "2017"
    folder.mkdir(parents=True)
    reports = [folder / "三明市.txt", folder / "三明市.html", tmp_path / "三明市.txt"]
    settings = Settings(ini(tmp_path / "places.ini"))
    for offset, report in enumerate(reports, start=100):
        settings.set_reading_offset(report, offset)
    settings.sync()
    again = Settings(ini(tmp_path / "places.ini"))
    assert [again.reading_offset(report) for report in reports] == [100, 101, 102]
    assert again.reading_offset(tmp_path / "别的.txt") == 0
    assert again.notes() == []


def test_a_linked_settings_file_is_read_but_never_written_through(tmp_path):
    """Settings behind a symbolic link: one note, what is set is kept for the run, and the file linked to
    (a report here) keeps its bytes."""
    report = tmp_path / "report.txt"
    report.write_bytes(REPORT.read_bytes())
    (tmp_path / "settings.ini").symlink_to(report)
    settings = Settings(ini(tmp_path / "settings.ini"))
    settings.set_zoom(3)
    settings.sync()
    assert settings.zoom() == 3
    (note,) = settings.notes()
    assert "符号链接" in note and "内存" in note and str(tmp_path / "settings.ini") in note
    assert report.read_bytes() == REPORT.read_bytes()


def test_a_settings_file_that_becomes_a_link_is_not_written_through(tmp_path):
    """A settings file replaced by a link while the reader runs is not written through when it saves."""
    path = tmp_path / "settings.ini"
    settings = Settings(ini(path))
    settings.set_zoom(2)
    settings.sync()
    report = tmp_path / "report.txt"
    report.write_bytes(REPORT.read_bytes())
    path.unlink()
    path.symlink_to(report)
    settings.set_zoom(4)
    settings.sync()
    del settings  # QSettings saves pending changes when it goes: there must be none
    assert report.read_bytes() == REPORT.read_bytes()


def test_a_folder_where_the_settings_file_should_be_keeps_settings_in_memory(tmp_path):
    """A folder at the settings file's path (Qt: AccessError): defaults, one note, settings kept for the run,
    the folder untouched."""
    (tmp_path / "settings.ini").mkdir()
    settings = Settings(ini(tmp_path / "settings.ini"))
    assert defaults(settings) == DEFAULTS
    settings.set_theme_mode("dark")
    settings.sync()
    assert settings.theme_mode() == "dark"
    assert len(settings.notes()) == 1 and "不是普通文件" in settings.notes()[0]
    assert list((tmp_path / "settings.ini").iterdir()) == []
