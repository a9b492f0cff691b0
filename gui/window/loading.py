"""The window's one way to read a report: it asks `Loading` to open or reload a path, and receives one
`Loaded` (the report, its outline's index, its checks) and later the checks' end state, as signals.

Nothing is read or checked on the window's thread. Where the work runs (the rule is
models.load.service.reads_in_background):
- A big file, PDF or Word: a spawned child reads and checks it (models.load.child) and a thread here receives
  it piece by piece. The parser is pure Python and holds the interpreter lock, so a thread alone would freeze
  the window for the tens of seconds a huge report takes; in a process it costs the window only the
  unpickling of small pieces. Spawned, not forked: a forked copy of a process running Qt's threads can deadlock.
- The first report: the child forked before Qt loaded (models.load.service) read it and goes on to check it;
  the window takes it before its first frame.
- Any other file: read on a worker thread, one file after another in the order they were opened (so their tabs
  come in that order), and checked on another once the view asks. The reading holds the interpreter lock while
  it runs, but the window's thread takes it back at every switch interval; a child spawned for a file this
  size would take many times longer to start and to send the report back than the reading takes.

The checks of a report read here, or by the forked child, are taken (run, or received) once the view asks
for them (`want_checks`, after its chart is drawn): none of their modules is imported nor any finding
unpickled before the first frame, and what the reader sees first comes first.
(The status bar shows the progress: gui.window.status.)
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal

from models.core.errors import ReportError
from models.load import memory, service
from models.load.protocol import Checks, Loaded, Progress, ReadFailed, Receiver, Stage, check_report

if TYPE_CHECKING:
    from models.core.document import Report

STAGE_TEXT = {Stage.READING: "正在解析", Stage.RECEIVING: "正在接收", Stage.CHECKING: "正在核对数字"}
STARTING_TEXT = "正在读取"
CHILD_DIED = "读取报告的进程意外结束，可能是内存不足。"
CANCELLED = "读取已取消。"
# A file read on a thread that takes longer than this gets the progress bar (a quick one would only flash it).
PROGRESS_AFTER_MILLISECONDS = 300

# How a job's thread hands what it made (Progress, Loaded, Checks, ReadFailed) to the window's thread.
Emit = Callable[["Job", object], None]


class Job:
    """One report being read for the window, and the view it goes to (`target`: given for a reload, set by
    the window once it has made a new tab). Cancelled, it emits nothing more."""

    def __init__(self, path: Path, target: object | None, emit: Emit) -> None:
        self.path = Path(path)
        self.target = target
        self.in_background = False
        self.failure: str | None = None  # why the report could not be read, once known
        self._emit = emit
        self._cancelled = False
        self._reading = False
        self._thread: threading.Thread | None = None

    def is_reading(self) -> bool:
        """Whether the report itself is still on its way (its checks may go on after it arrived)."""
        return self._reading and not self._cancelled

    def is_settled(self) -> bool:
        """Whether the report has arrived, could not be read, or is no longer wanted."""
        return not self.is_reading()

    def is_cancelled(self) -> bool:
        return self._cancelled

    def cancel(self) -> None:
        self._cancelled = True

    def want_checks(self) -> None:
        """The view can show the checks now: start taking them, if this job waits for that."""

    def wait(self, seconds: float) -> bool:
        """Wait until this job's thread ends (for tests and shutdown); True if it did."""
        if self._thread is not None:
            self._thread.join(seconds)
        return self._thread is None or not self._thread.is_alive()

    def _start(self, work: Callable[[], None], name: str) -> None:
        self._thread = threading.Thread(target=work, name=f"{name} {self.path.name}", daemon=True)
        self._thread.start()


class HereJob(Job):
    """A report already in this process: its checks come from the forked child's `receiver`, or run here."""

    def __init__(
        self, path: Path, target: object | None, emit: Emit, report: Report | None, receiver: Receiver | None
    ) -> None:
        super().__init__(path, target, emit)
        self._report: Report | None = report
        self._receiver = receiver
        self._checking = False

    def want_checks(self) -> None:
        if not self._checking and not self._cancelled:
            self._checking = True
            self._start(self._check, "check")

    def cancel(self) -> None:
        super().cancel()
        if not self._checking:
            self._report = None
            if self._receiver is not None:
                self._receiver.close()  # the forked child, finding nobody to send its checks to, ends

    def _check(self) -> None:
        if self._receiver is not None:
            checks = self._receiver.checks()
            self._receiver.close()
        else:
            assert self._report is not None
            checks = check_report(self._report)
        self._report = None
        self._emit(self, checks)


class ThreadJob(HereJob):
    """A report read on a thread here, after the one opened before it (`after`), then checked like any report
    in this process."""

    def __init__(self, path: Path, target: object | None, emit: Emit, after: ThreadJob | None) -> None:
        super().__init__(path, target, emit, None, None)
        self._reading = True
        self._after = after
        self._read_thread: threading.Thread | None = None

    def start(self) -> None:
        self._start(self._read, "read")
        self._read_thread = self._thread

    def wait_read(self) -> None:
        """Wait until this job's reading is over (it has emitted what it read, if anything)."""
        if self._read_thread is not None:
            self._read_thread.join()

    def _read(self) -> None:
        if self._after is not None:
            self._after.wait_read()
        self._after = None  # a chain of jobs would keep every report read
        if self._cancelled:
            return
        from models.load.reader import read_report  # the parsers, when a report is first read here

        # Collection paused while the report and its index are made, and what they made frozen out of later
        # collections' walks after, as for a report received from a child (models.load.memory): a full
        # collection on this thread holds the interpreter lock, and the window with it.
        memory.pause()
        try:
            loaded = Loaded(read_report(self.path))
        except ReportError as error:
            self._emit(self, ReadFailed(str(error)))
            return
        finally:
            memory.resume()
        if not self._cancelled:
            self._report = loaded.report
            self._emit(self, loaded)


class ChildJob(Job):
    """A report read and checked by a spawned child, received piece by piece by a thread here."""

    def __init__(self, path: Path, target: object | None, emit: Emit) -> None:
        super().__init__(path, target, emit)
        self.in_background = True
        self._reading = True
        # Not before the first frame: a child is spawned for big files opened later.
        import multiprocessing

        from models.load.child import run

        context = multiprocessing.get_context("spawn")
        self._connection, self._child_end = context.Pipe(duplex=False)
        self._process = context.Process(target=run, args=(str(self.path), self._child_end), daemon=True)

    def start(self) -> None:
        memory.map_big_blocks()  # the huge document this report may become grows in place
        self._process.start()
        # The child holds its own copy; closing ours lets a dead child show as end of file.
        self._child_end.close()
        self._start(self._receive, "load")

    def is_child_alive(self) -> bool:
        return self._process.is_alive()

    def cancel(self) -> None:
        super().cancel()
        if self._process.is_alive():
            self._process.terminate()

    def _receive(self) -> None:
        receiver = Receiver(self._connection)
        try:
            loaded = receiver.report(lambda progress: self._emit(self, progress), self.is_cancelled)
            if loaded is not None:
                self._emit(self, loaded)
                self._emit(self, receiver.checks())
        except ReportError as error:
            self._emit(self, ReadFailed(str(error)))
        except (EOFError, OSError):
            self._emit(self, ReadFailed(CHILD_DIED))
        finally:
            receiver.close()
            self._process.join(5)


class Loading(QObject):
    """Opens and reloads reports for the window, and runs their checks, never on the window's thread.

    Signals (each carries the Job first):
        progressed(Job, str, int): what is being done (in Chinese) and percent done, or -1 when unknown.
        loaded(Job, Loaded): the report, its outline's index, and its checks PENDING.
        checked(Job, Checks): the checks are over: DONE, FAILED or SKIPPED.
        failed(Job, str): a report read in the background cannot be read; the reader's sentence.
    """

    progressed = Signal(object, str, int)
    loaded = Signal(object, object)
    checked = Signal(object, object)
    failed = Signal(object, str)
    _arrived = Signal(object, object)  # from the jobs' threads

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.jobs: list[Job] = []
        self._last_read: ThreadJob | None = None  # the file read on a thread last: the next waits for it
        self._arrived.connect(self._on_arrived)

    def open(self, path: Path, target: object | None = None) -> Job:
        """Read `path` off the window's thread, as the rule says; its report goes to `target` (a view being
        reloaded) or to a new tab. The first report, read before Qt loaded, is taken at once: `loaded` is emitted
        before returning, or ReportError (with a reader's sentence) raised if it could not be read."""
        prefetched = service.take_prefetched(path)
        if prefetched is not None:
            loaded, receiver = prefetched
            return self._adopt(HereJob(Path(path), target, self._hand_over, loaded.report, receiver), loaded)
        if service.reads_in_background(path):
            return self.read_in_background(path, target)
        last = self._last_read
        job = ThreadJob(Path(path), target, self._hand_over, last if last is not None and last.is_reading() else None)
        self._last_read = job
        self._replace_jobs_of(target)
        self.jobs.append(job)
        job.start()
        QTimer.singleShot(PROGRESS_AFTER_MILLISECONDS, self, lambda: self._on_read_slow(job))
        return job

    def wait_for(self, job: Job) -> None:
        """Return once `job`'s report has arrived, the event loop running meanwhile (for scripts and tests: the
        window's own commands never wait). Raises ReportError with the reader's sentence if it was not read."""
        loop = QEventLoop()

        def on_tick() -> None:
            if job.is_settled():
                loop.quit()

        ticks = QTimer(interval=20)  # looked at, not waited for by signal: a job cancelled meanwhile sends none
        ticks.timeout.connect(on_tick)
        ticks.start()
        if not job.is_settled():
            loop.exec()
        ticks.stop()
        if job.failure is not None or job.is_cancelled():
            raise ReportError(job.failure or CANCELLED)

    def show(self, report: Report, path: Path, target: object | None = None) -> Job:
        """Take a report already read from `path`, as if read here: `loaded` is emitted before returning."""
        return self._adopt(HereJob(Path(path), target, self._hand_over, report, None), Loaded(report))

    def read_in_background(self, path: Path, target: object | None = None) -> Job:
        """Read and check `path` in a child process; `loaded`, then `checked` (or `failed`) follow."""
        job = ChildJob(Path(path), target, self._hand_over)
        self._replace_jobs_of(target)
        self.jobs.append(job)
        self.progressed.emit(job, STARTING_TEXT, -1)
        job.start()
        return job

    def want_checks(self, target: object) -> None:
        """The view `target` can show its checks: those of a report read here start now."""
        for job in self.jobs:
            if job.target is target:
                job.want_checks()

    def attach(self, job: Job, view: object) -> None:
        """`job`'s report is shown in `view`: its checks go there, and whatever else was read for it stops."""
        self._replace_jobs_of(view, keep=job)
        job.target = view

    def is_reading(self) -> bool:
        """Whether a report is still on its way from a child (its checks may go on after)."""
        return any(job.is_reading() for job in self.jobs)

    def cancel_reading(self) -> None:
        """Stop every report still on its way; nothing of theirs is emitted after."""
        for job in [job for job in self.jobs if job.is_reading()]:
            self._forget(job, cancel=True)

    def cancel_for(self, target: object) -> None:
        """Stop what is read or checked for the view `target` (its tab is closing)."""
        self._replace_jobs_of(target)

    def cancel_all(self) -> None:
        for job in list(self.jobs):
            self._forget(job, cancel=True)

    def _adopt(self, job: HereJob, loaded: Loaded) -> Job:
        self._replace_jobs_of(job.target)
        self.jobs.append(job)
        self.loaded.emit(job, loaded)
        return job

    def _replace_jobs_of(self, target: object | None, keep: Job | None = None) -> None:
        # A new reading for a view supersedes the one it had: its report or checks would come in out of turn.
        if target is not None:
            for job in [job for job in self.jobs if job.target is target and job is not keep]:
                self._forget(job, cancel=True)

    def _forget(self, job: Job, cancel: bool = False) -> None:
        if cancel:
            job.cancel()
        if job in self.jobs:
            self.jobs.remove(job)
        if job is self._last_read and not job.is_reading():
            self._last_read = None

    def _hand_over(self, job: Job, result: object) -> None:
        # Called on a job's thread: the signal takes the result to the window's thread, queued.
        with contextlib.suppress(RuntimeError):  # the window, and this object with it, was deleted meanwhile
            self._arrived.emit(job, result)

    def _on_read_slow(self, job: ThreadJob) -> None:
        if job.is_reading() and job in self.jobs:
            self.progressed.emit(job, STARTING_TEXT, -1)

    def _on_arrived(self, job: Job, result: object) -> None:
        if job.is_cancelled() or job not in self.jobs:
            return
        if isinstance(result, Progress):
            self.progressed.emit(job, STAGE_TEXT[result.stage], result.percent)
        elif isinstance(result, Loaded):
            job._reading = False
            if job is self._last_read:
                self._last_read = None
            self.loaded.emit(job, result)
        elif isinstance(result, Checks):
            self._forget(job)
            self.checked.emit(job, result)
        elif isinstance(result, ReadFailed):
            job._reading = False
            job.failure = result.message
            self._forget(job)
            self.failed.emit(job, result.message)
