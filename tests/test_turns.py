"""Jobs done a slice per turn of the event loop: they take turns, and the window's timers come between."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer
from shiboken6 import Shiboken

from gui.common.turns import later, sliced, start_job


def test_jobs_take_turns_and_a_timer_gets_a_turn_after_every_long_slice(qtbot):
    """Two jobs of 30 ms slices, started together: each turn runs one slice, never both, so a 5 ms timer
    waits for one slice at a time (two timers of their own made it wait for both, 60 ms)."""
    owner = QObject()
    order: list[str] = []

    def job(name: str):
        for _slice in range(4):
            time.sleep(0.03)
            order.append(name)
            yield

    gaps, last = [], [time.perf_counter()]

    def on_tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    watch = QTimer(interval=5)
    watch.timeout.connect(on_tick)
    watch.start()
    first, second = start_job(owner, job("a")), start_job(owner, job("b"))
    qtbot.waitUntil(lambda: not first.is_running() and not second.is_running(), timeout=5_000)
    watch.stop()
    assert order == ["a", "b"] * 4
    assert max(gaps) < 0.05


def test_a_job_stops_when_its_owner_is_deleted_or_it_is_stopped(qtbot):
    owner, other = QObject(), QObject()
    done = {"owned": 0, "stopped": 0, "kept": 0}

    def counting(key: str):
        while True:
            done[key] += 1
            yield

    owned, stopped = start_job(owner, counting("owned")), start_job(other, counting("stopped"))
    kept = start_job(other, counting("kept"))
    qtbot.waitUntil(lambda: done["owned"] > 0 and done["stopped"] > 0)
    Shiboken.delete(owner)
    stopped.stop()
    counts = dict(done)
    qtbot.waitUntil(lambda: done["kept"] > counts["kept"] + 3)
    kept.stop()
    assert done["owned"] == counts["owned"] and done["stopped"] == counts["stopped"]
    assert not owned.is_running() and not stopped.is_running() and not kept.is_running()


def test_later_does_its_work_once(qtbot):
    owner = QObject()
    calls = []
    job = later(owner, lambda: calls.append(1))
    qtbot.waitUntil(lambda: not job.is_running())
    qtbot.wait(20)
    assert calls == [1]


def test_sliced_gives_the_last_value_of_each_slice_and_runs_every_step():
    ran = []

    def steps():
        for number in range(6):
            time.sleep(0.006)
            ran.append(number)
            yield number

    values = list(sliced(steps()))
    assert ran == list(range(6))
    # 6 ms steps in 10 ms slices: a slice ends after every second or so, not after every step.
    assert 1 <= len(values) < 6 and values == sorted(set(values)) and set(values) <= set(ran)
