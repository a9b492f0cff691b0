"""Long work in the window's thread, done a slice per turn of the event loop.

In one turn of its event loop Qt runs every timer that is due. Two jobs with a timer each ran a slice
each back to back: on a huge report, a slice of the text being built, the outline's layout and the new
tab shown held the window in one turn for longer than any of them. The jobs started here share one timer
instead: each turn runs one slice of one job, the jobs taking turns in the order they came, so the
window's paints and its other timers come between any two slices.

Qt runs the due timers in the order they fell due, and a timer with no interval is always due first: after
a long slice and the paints it caused, the next slice would run before the other timers had their turn.
So when the last turn of the jobs took longer than a slice, or the event loop was held after it, the
timer lets a turn go by without a slice.

A job is an iterator, each `next()` one slice; `sliced` cuts a run of small steps into slices of
SLICE_SECONDS. A job stops when it is exhausted, when stopped, or when the QObject that owns it is deleted.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from shiboken6 import Shiboken

# Long enough that the time spent between slices is small, short enough that a paint is never far off.
SLICE_SECONDS = 0.01
# This long since the last slice began, the other timers get their turn before the next slice.
HELD_SECONDS = SLICE_SECONDS + 0.005

Step = TypeVar("Step")


class Job:
    """Work being done a slice per turn."""

    def __init__(self, owner: QObject | None, slices: Iterator[object]) -> None:
        self.owner = owner
        self.slices = slices

    def stop(self) -> None:
        """Run no more of it (a job may stop itself during its own slice). A generator not running is closed at
        once: what its `finally` clauses give back is given back now, not whenever it is collected."""
        if self in _turns.queue:
            _turns.queue.remove(self)
        close = getattr(self.slices, "close", None)
        if close is not None and not getattr(self.slices, "gi_running", False):
            close()

    def is_running(self) -> bool:
        return self in _turns.queue


NO_JOB = Job(None, iter(()))  # for what has no job yet: stopping it does nothing


class _Turns:
    """The jobs in their order, and their one timer (made with the first job: it needs the application)."""

    def __init__(self) -> None:
        self.queue: list[Job] = []
        self.timer: QTimer | None = None
        self.last_start = 0.0

    def add(self, job: Job) -> None:
        self.queue.append(job)
        if self.timer is None:
            self.timer = QTimer(QCoreApplication.instance(), interval=0)
            self.timer.timeout.connect(self._on_timer_timeout)
        self.timer.start()

    def _on_timer_timeout(self) -> None:
        now = time.perf_counter()
        held, self.last_start = now - self.last_start > HELD_SECONDS, now
        if self.queue and not held:
            job = self.queue.pop(0)
            self.queue.append(job)  # its next turn comes after the others'
            _run_slice(job)
        if not self.queue and self.timer is not None:
            self.timer.stop()


_turns = _Turns()


def start_job(owner: QObject, slices: Iterator[object]) -> Job:
    """Run `slices` a slice per turn, after the jobs already started have had theirs."""
    job = Job(owner, slices)
    _turns.add(job)
    return job


def later(owner: QObject, work: Callable[[], object]) -> Job:
    """Do `work` in a turn of its own, after the jobs already started have had a slice."""
    return start_job(owner, (work() for _once in range(1)))


def sliced(steps: Iterable[Step]) -> Iterator[Step]:
    """Take `steps` SLICE_SECONDS at a time: after each slice, yield the value of its last step."""
    deadline = time.perf_counter() + SLICE_SECONDS
    for value in steps:
        if time.perf_counter() > deadline:
            yield value
            deadline = time.perf_counter() + SLICE_SECONDS


def _run_slice(job: Job) -> None:
    if job.owner is not None and not Shiboken.isValid(job.owner):
        job.stop()  # its owner was deleted
        return
    try:
        next(job.slices)
    except StopIteration:
        job.stop()
    except BaseException:
        job.stop()  # a slice that failed once would fail every turn
        raise
