"""Jobs done a slice per turn of the event loop: they take turns, and the window's timers come between."""

from __future__ import annotations

import itertools
import time
from types import SimpleNamespace

from PySide6.QtCore import QObject, QTimer
from shiboken6 import Shiboken

from gui.common import turns
from gui.common.turns import SLICE_SECONDS, later, sliced, start_job


def test_jobs_take_turns_and_a_timer_ticks_between_any_two_slices(qtbot):
    """Two jobs of long slices, started together: each turn runs one slice, the jobs alternate, and a 5 ms timer
    of the window's ticks between any two slices (with a timer each, the two jobs ran a slice each back to back)."""
    owner = QObject()
    events: list[str] = []

    def job(name: str):
        for _slice in range(4):
            time.sleep(0.03)  # longer than a slice: the other timers are due when it ends
            events.append(name)
            yield

    watch = QTimer(interval=5)
    watch.timeout.connect(lambda: events.append("tick"))
    watch.start()
    first, second = start_job(owner, job("a")), start_job(owner, job("b"))
    qtbot.waitUntil(lambda: not first.is_running() and not second.is_running(), timeout=5_000)
    watch.stop()
    assert [event for event in events if event != "tick"] == ["a", "b"] * 4
    back_to_back = [pair for pair in itertools.pairwise(events) if "tick" not in pair]
    assert back_to_back == []


def test_a_job_stops_when_its_owner_is_deleted_or_it_is_stopped(qtbot):
    """A job whose owner is deleted and one stopped run no more slices; a third job goes on until it is stopped."""
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
    """Work given to `later` is done in one turn and not again."""
    owner = QObject()
    calls = []
    job = later(owner, lambda: calls.append(1))
    qtbot.waitUntil(lambda: not job.is_running())
    qtbot.wait(20)
    assert calls == [1]


def test_sliced_ends_a_slice_at_the_first_step_past_its_time_and_gives_that_steps_value(monkeypatch):
    """Steps of 0.6 slice each, on a clock that only the steps move: a slice ends at the first step past its
    time, with that step's value, the next slice's time starts there, and every step runs."""
    clock = SimpleNamespace(now=0.0)
    monkeypatch.setattr(turns, "time", SimpleNamespace(perf_counter=lambda: clock.now))
    ran = []

    def steps():
        for number in range(6):
            clock.now += SLICE_SECONDS * 0.6
            ran.append(number)
            yield number

    values = list(sliced(steps()))
    assert ran == list(range(6))
    assert values == [1, 3, 5]  # 1.2, 2.4 and 3.6 slices from the start, each past its slice's end
