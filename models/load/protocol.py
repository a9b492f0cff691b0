"""What a reading gives the window, and how it travels from a child process.

The window receives one `Loaded` per report: the report, its outline's index, and its `Checks`, in one of
four states: PENDING (running, or waiting until the view can show them), DONE (with their findings and the
checks among them that could not run), FAILED (with what went wrong) or SKIPPED (with the reason they were not
run).

A reading child (models.load.child) sends these messages pickled, each small enough to unpickle without
holding the window's thread (a huge report unpickled in one piece holds the interpreter for seconds):

    Began(Stage.READING)        reading started
    ReadFailed(message)         the report cannot be read; message is the reader's sentence
    ReportHead(report, pieces)  the Report without its text and sections; how many pieces follow
    TextPiece(text)             the next piece of the text
    SectionsPiece(sections)     the next top-level sections, with their subsections
    ReportEnd()                 the report is complete: the window can show it
    Began(Stage.CHECKING)       the checks started (on a huge report they take minutes)
    FindingsPiece(findings)     the next findings of the checks
    ChecksEnd(state, message, skipped)  the checks are over: DONE, FAILED or SKIPPED, and why; with DONE,
                                the checks that could not run (a few: they travel whole)

`Receiver` rebuilds the `Loaded` and then the `Checks` from them. They travel over a channel with
`send_bytes` and `recv_bytes`: multiprocessing's Connection to a spawned child, a `PipeEnd` to the child
forked before Qt loads (multiprocessing is not imported before the first frame).

The records are plain classes with slots (models.core.document.Record), not dataclasses: the window imports
this module before its first frame. Plain Python: no Qt here.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from enum import Enum
from typing import IO, TYPE_CHECKING

from models.core.document import Record
from models.core.errors import ReportError
from models.load import memory
from models.structure.section_index import SectionIndex

if TYPE_CHECKING:
    from typing import Protocol

    from models.checks.finding import Finding, Skipped
    from models.core.document import Report, Section

    class Channel(Protocol):
        def send_bytes(self, data: bytes) -> None: ...
        def recv_bytes(self) -> bytes: ...
        def close(self) -> None: ...


CHILD_ENDED = "核对进程意外结束"


class CheckState(Enum):
    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"
    SKIPPED = "skipped"


class Checks(Record):
    """The checks of one report: their state, their findings and the checks that could not run once DONE, and
    the message of a FAILED or SKIPPED state (what went wrong, or why they were not run)."""

    __slots__ = ("findings", "message", "skipped", "state")

    def __init__(
        self,
        state: CheckState,
        findings: list[Finding] | None = None,
        message: str = "",
        skipped: list[Skipped] | None = None,
    ) -> None:
        self.state = state
        self.findings = findings if findings is not None else []
        self.message = message
        self.skipped = skipped if skipped is not None else []

    @classmethod
    def pending(cls) -> Checks:
        return cls(CheckState.PENDING)

    @classmethod
    def done(cls, findings: list[Finding], skipped: list[Skipped] | None = None) -> Checks:
        return cls(CheckState.DONE, findings, skipped=skipped)

    @classmethod
    def failed(cls, message: str) -> Checks:
        return cls(CheckState.FAILED, message=message)

    @classmethod
    def not_run(cls, reason: str) -> Checks:
        """Checks SKIPPED as a whole, for `reason` (`skipped` is what could not run among checks DONE)."""
        return cls(CheckState.SKIPPED, message=reason)


class Loaded(Record):
    """One report as the window shows it: the report, the index of its sections, and its checks."""

    __slots__ = ("checks", "report", "section_index")

    def __init__(self, report: Report, section_index: SectionIndex | None = None, checks: Checks | None = None) -> None:
        self.report = report
        self.section_index = section_index if section_index is not None else SectionIndex(report.sections)
        self.checks = checks if checks is not None else Checks.pending()


def check_report(report: Report) -> Checks:
    """The checks of `report` (models.checks.run.run_checks): DONE with its findings and the checks that could not
    run, or FAILED with what went wrong, so that a broken rule costs the reader the 核对 panel and nothing else."""
    try:
        from models.checks.run import run_checks

        result = run_checks(report)
        return Checks.done(result.findings, result.skipped)
    except Exception as error:
        return Checks.failed(f"{type(error).__name__}: {error}")


class Stage(Enum):
    READING = "reading"
    RECEIVING = "receiving"  # the window's own stage: the report's pieces arriving
    CHECKING = "checking"


class Began(Record):
    __slots__ = ("stage",)

    def __init__(self, stage: Stage) -> None:
        self.stage = stage


class ReadFailed(Record):
    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


class ReportHead(Record):
    __slots__ = ("pieces", "report")

    def __init__(self, report: Report, pieces: int) -> None:
        self.report = report
        self.pieces = pieces


class TextPiece(Record):
    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class SectionsPiece(Record):
    __slots__ = ("sections",)

    def __init__(self, sections: list[Section]) -> None:
        self.sections = sections


class ReportEnd(Record):
    __slots__ = ()


class FindingsPiece(Record):
    __slots__ = ("findings",)

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings


class ChecksEnd(Record):
    __slots__ = ("message", "skipped", "state")

    def __init__(self, state: CheckState, message: str = "", skipped: list[Skipped] | None = None) -> None:
        self.state = state
        self.message = message
        self.skipped = skipped if skipped is not None else []


class Progress(Record):
    """How far a reading is, for the window: its stage, and percent done (-1 when unknown)."""

    __slots__ = ("percent", "stage")

    def __init__(self, stage: Stage, percent: int = -1) -> None:
        self.stage = stage
        self.percent = percent


def send(channel: Channel, message: Record) -> None:
    channel.send_bytes(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))


def receive(channel: Channel) -> Record:
    """The next message. Raises EOFError (or OSError) when the child has ended."""
    message: Record = pickle.loads(channel.recv_bytes())
    return message


class PipeEnd:
    """One end of an `os.pipe`, framing each message with its length as multiprocessing's Connection does."""

    HEADER = 8

    def __init__(self, fd: int, mode: str) -> None:
        self._file: IO[bytes] = os.fdopen(fd, mode)

    def send_bytes(self, data: bytes) -> None:
        self._file.write(len(data).to_bytes(self.HEADER, "little"))
        self._file.write(data)
        self._file.flush()

    def recv_bytes(self) -> bytes:
        header = self._file.read(self.HEADER)
        size = int.from_bytes(header, "little")
        data = self._file.read(size) if len(header) == self.HEADER else b""
        if len(data) < size or len(header) < self.HEADER:
            raise EOFError("the child ended")
        return data

    def close(self) -> None:
        self._file.close()


def _never() -> bool:
    return False


def _ignore(progress: Progress) -> None:
    pass


class Receiver:
    """The window's end of a channel: first the report, then its checks, each received once."""

    def __init__(self, channel: Channel) -> None:
        self.channel = channel

    def report(
        self, progressed: Callable[[Progress], None] = _ignore, cancelled: Callable[[], bool] = _never
    ) -> Loaded | None:
        """The report, the index of its sections and its checks PENDING; None if `cancelled` says so meanwhile.

        Raises ReportError with the child's sentence when the file cannot be read, and EOFError or OSError
        when the child ended before it was all sent.
        """
        # Millions of new objects would set off full collections, each walking the whole report while holding
        # the interpreter lock; the report holds no cycles, so collection can wait.
        memory.pause()
        try:
            return self._receive_report(progressed, cancelled)
        finally:
            memory.resume()

    def _receive_report(self, progressed: Callable[[Progress], None], cancelled: Callable[[], bool]) -> Loaded | None:
        head: Report | None = None
        total, received = 1, 0
        # Grown piece by piece: CPython extends a string held only by a local variable in place (its pages
        # moved, not copied), where joining the pieces at the end would make the whole text anew in one call
        # that holds the interpreter lock, and the window with it. (A piece with characters beyond U+FFFF
        # widens the text once: one copy, as a join would make.)
        text = ""
        sections: list[Section] = []
        while True:
            message = receive(self.channel)
            if cancelled():
                return None
            if isinstance(message, Began):
                progressed(Progress(message.stage))
            elif isinstance(message, ReadFailed):
                raise ReportError(message.message)
            elif isinstance(message, ReportHead):
                head, total = message.report, max(message.pieces, 1)
            elif isinstance(message, TextPiece | SectionsPiece):
                if isinstance(message, TextPiece):
                    text += message.text
                else:
                    sections.extend(message.sections)
                received += 1
                progressed(Progress(Stage.RECEIVING, 100 * received // total))
            elif isinstance(message, ReportEnd) and head is not None:
                report = head.replace(text=text, sections=sections)
                return Loaded(report, SectionIndex(sections), Checks.pending())

    def checks(self) -> Checks:
        """The checks that follow the report: FAILED when the child ended before they were over."""
        findings: list[Finding] = []
        try:
            while True:
                message = receive(self.channel)
                if isinstance(message, FindingsPiece):
                    findings.extend(message.findings)
                elif isinstance(message, ChecksEnd):
                    done = message.state is CheckState.DONE
                    skipped = message.skipped if done else []
                    return Checks(message.state, findings if done else [], message.message, skipped)
        except (EOFError, OSError):
            return Checks.failed(CHILD_ENDED)

    def close(self) -> None:
        self.channel.close()
