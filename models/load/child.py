"""The reading of a report in a process of its own, so the window's thread never waits for the parser nor
for the checks: read the report, send it in pieces, then check it and send the findings (the messages of
models.load.protocol).

`run` is the target of the child the window spawns for a big report; `read_and_check` is also what the
child forked before Qt loads does with the first report (models.load.service). Either child ends with the
process that started it (`watch_parent`), even one killed without a chance to end it. No Qt here.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

from models.core.errors import ReportError
from models.load.protocol import (
    Began,
    ChecksEnd,
    FindingsPiece,
    ReadFailed,
    ReportEnd,
    ReportHead,
    SectionsPiece,
    Stage,
    TextPiece,
    check_report,
    send,
)
from models.load.reader import read_report

if TYPE_CHECKING:
    from models.core.document import Report, Section
    from models.load.protocol import Channel

TEXT_PIECE = 1_000_000
CHILD_NICENESS = 10
# The receiving thread holds the interpreter while it unpickles a piece, and the window's thread waits: a few
# hundred sections or findings at a time keep each wait short.
SECTIONS_PER_PIECE = 500
FINDINGS_PER_PIECE = 500
# How often the portable watch asks whether the parent is still there.
PARENT_POLL_SECONDS = 0.5
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def run(path: str, channel: Channel) -> None:
    """Read the report at `path`, check it, and send both through `channel`: the spawned child's target."""
    import multiprocessing  # loaded already in a spawned child; the forked one has no need of it

    parent = multiprocessing.parent_process()
    if parent is not None and parent.pid is not None:
        watch_parent(parent.pid)
    # Below the window in the scheduler's eyes: on a machine with few cores the window answers first.
    _lower_priority()
    read_and_check(path, channel)
    channel.close()


def read_and_check(path: str, channel: Channel) -> None:
    """Read the report at `path` and send it, then run its checks (at a lower priority) and send them."""
    send(channel, Began(Stage.READING))
    try:
        report = read_report(path)
    except ReportError as error:
        send(channel, ReadFailed(str(error)))
        return
    send_report(report, channel)
    # The report is on its way; what follows never holds the window up, so the window comes first.
    _lower_priority()
    send(channel, Began(Stage.CHECKING))
    checks = check_report(report)
    for start in range(0, len(checks.findings), FINDINGS_PER_PIECE):
        send(channel, FindingsPiece(checks.findings[start : start + FINDINGS_PER_PIECE]))
    send(channel, ChecksEnd(checks.state, checks.message, checks.skipped))


def send_report(report: Report, channel: Channel) -> None:
    """Send `report` as its head, the pieces of its text and of its sections, and its end."""
    text = report.text
    texts = [text[start : start + TEXT_PIECE] for start in range(0, len(text), TEXT_PIECE)]
    sections = list(_section_pieces(report.sections))
    send(channel, ReportHead(report.replace(text="", sections=[]), len(texts) + len(sections)))
    for piece in texts:
        send(channel, TextPiece(piece))
    for group in sections:
        send(channel, SectionsPiece(group))
    send(channel, ReportEnd())


def watch_parent(parent: int) -> None:
    """End this process when `parent`, the process that started it, ends, however it ends (a window killed
    with SIGKILL runs no clean-up): nobody would receive what it reads, and it would go on using a core.

    On Linux the kernel sends SIGKILL when the parent ends (PR_SET_PDEATHSIG: when the thread that started
    this process ends, which is the parent's main thread for both children); everywhere a daemon thread also
    polls whether this process was handed to another parent, and leaves when it was.
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    if os.getppid() != parent:  # ended before the signal was asked for
        os._exit(1)
    threading.Thread(target=_poll_parent, args=(parent,), name="parent watch", daemon=True).start()


def _poll_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)


def _lower_priority() -> None:
    os.nice(max(0, CHILD_NICENESS - os.nice(0)))


def _section_pieces(sections: list[Section]) -> Iterator[list[Section]]:
    group: list[Section] = []
    size = 0
    for section in sections:
        group.append(section)
        size += sum(1 for _ in section.walk())
        if size >= SECTIONS_PER_PIECE:
            yield group
            group, size = [], 0
    if group:
        yield group
