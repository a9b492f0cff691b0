"""The first report read by a forked child: the same report as read in place, or the same message, or nothing;
then its checks, which the child runs next, the same as run in place."""

from __future__ import annotations

import gc
import os
import signal
import time

import pytest

from models import ReportError, load_report
from models.checks.run import run_checks
from models.load import service
from models.load.protocol import Checks, CheckState
from tests.conftest import SANMING

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system: the window reads in place")


@pytest.fixture(autouse=True)
def nothing_pending():
    yield
    taken = service.take_prefetched("/nowhere")  # reaps a child a failed test left
    assert taken is None


def child_pid() -> int:
    assert service._pending is not None, "no child was started"
    return service._pending[2]


def gone(pid: int) -> bool:
    """Whether the process `pid` has ended and been reaped, waiting up to ten seconds."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.01)
    return False


def test_the_report_read_early_is_the_one_read_in_place_and_so_are_its_checks():
    """The child's report equals the one read here, its checks come PENDING, and the checks it sends next
    are those run here."""
    service.prefetch(SANMING)
    taken = service.take_prefetched(SANMING)
    assert taken is not None
    loaded, receiver = taken
    report = load_report(SANMING)
    assert loaded.report == report
    assert (loaded.report.sections[0].marker, loaded.report.sections[0].title) == ("一、", "概述")
    assert loaded.checks == Checks.pending()
    assert loaded.section_index.roots is loaded.report.sections
    result = run_checks(report)
    assert receiver.checks() == Checks.done(result.findings, result.skipped)
    receiver.close()
    assert service.take_prefetched(SANMING) is None  # taken once; a second opening reads the file


def test_a_file_that_is_not_a_report_gives_the_message_reading_it_in_place_gives(tmp_path):
    path = tmp_path / "图片.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    with pytest.raises(ReportError) as in_place:
        load_report(path)
    service.prefetch(path)
    with pytest.raises(ReportError) as early:
        service.take_prefetched(path)
    assert str(early.value) == str(in_place.value)


def test_another_path_is_left_to_the_caller_and_the_child_is_reaped(tmp_path):
    """The child, finding nobody to send its report and checks to, ends; it is reaped without the caller waiting."""
    service.prefetch(SANMING)
    pid = child_pid()
    assert service.take_prefetched(tmp_path / "另一份.txt") is None
    assert gone(pid), "the child was never reaped"


def test_a_child_that_dies_leaves_the_reading_to_the_caller():
    service.prefetch(SANMING)
    os.kill(child_pid(), signal.SIGKILL)
    assert service.take_prefetched(SANMING) is None


@pytest.mark.parametrize("name, size", [("大报告.txt", service.EARLY_BYTES + 1), ("报告.pdf", 10)])
def test_files_read_in_the_background_anyway_start_no_child(tmp_path, name, size):
    path = tmp_path / name
    path.write_bytes(b"x" * size)
    service.prefetch(path)
    assert service._pending is None
    assert service.take_prefetched(path) is None


def test_a_missing_file_starts_no_child(tmp_path):
    service.prefetch(tmp_path / "没有.txt")
    assert service._pending is None


def test_the_window_shows_the_report_read_early_and_its_checks(qtbot, shown_window):
    """The window takes the child's report for the first file it opens, and the checks the child ran."""
    service.prefetch(SANMING)
    shown_window.open_files([SANMING])
    assert service._pending is None, "the window did not take the report read early"
    view = shown_window.view
    assert view.report == load_report(SANMING)
    qtbot.waitUntil(lambda: view.checks.state is CheckState.DONE, timeout=10_000)
    assert view.findings == run_checks(view.report).findings


@pytest.mark.parametrize("argv, expected", [([], "bundled"), (["报告.txt"], "报告.txt")])
def test_main_has_the_first_report_read_early(monkeypatch, argv, expected):
    import gui.window.app
    import main
    from gui.common.resources import BUNDLED_REPORT, RESOURCES
    from models.load import memory

    started = []
    monkeypatch.setattr(service, "prefetch", started.append)
    monkeypatch.setattr(gui.window.app, "run_app", lambda paths: 0)
    assert main.main(argv) == 0
    # main.py paused the cycle collector for the start, which run_app (replaced here) would have ended:
    # left paused, the rest of the test session would collect nothing.
    memory.start_done()
    assert gc.isenabled()
    assert started == [RESOURCES / BUNDLED_REPORT if expected == "bundled" else "报告.txt"]
