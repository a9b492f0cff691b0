"""The loading service's plain part: where a report is read, and the first report read before Qt loads.

Where: never on the window's thread. A file of more than BACKGROUND_BYTES, and a PDF or Word file (slow to read),
is read and checked in a child process the window spawns (gui.window.loading runs models.load.child there); a
smaller one on a thread of the window's process. The reading and the checks hold the interpreter lock through
each scan of the whole text, and on a busy machine a scan of a few hundred kilobytes holds the window for a
tenth of a second or more: only a file whose every scan is short is read beside the window.

The first report costs the parsers' import and the parse before the first frame could show. `prefetch`,
called before Qt loads, forks a child that reads it meanwhile on another core and sends it through a pipe
(models.load.protocol), then checks it and sends the findings. `take_prefetched` gives the window the report
and the receiving end of its checks. Anything unexpected (no fork on this system, a file too big or of a format
read in a spawned child anyway, a child that dies, another path asked for) makes it answer None, and the window
reads the file as it reads any other. Only the first report is forked for: a fork of a process running Qt's
threads can deadlock, so later readings spawn. Plain Python: no Qt here.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path
from typing import NoReturn

from models.core.errors import ReportError
from models.load.protocol import Loaded, PipeEnd, Receiver

# Files bigger than this, and formats whose reading is slow, are read in a child process.
BACKGROUND_BYTES = 64_000
BACKGROUND_SUFFIXES = frozenset({".pdf", ".docx"})
# The first report is read early by a forked child up to this size (a bigger one shows its progress instead).
EARLY_BYTES = 1_000_000

_pending: tuple[Path, int, int] | None = None  # the file being read, the pipe's read end, the child


def reads_in_background(path: str | Path) -> bool:
    """Whether the report at `path` is read in a child process: a big file, a PDF or a Word file."""
    try:
        big = Path(path).stat().st_size > BACKGROUND_BYTES
    except OSError:
        return False  # read here, where the reading says what is wrong with the file
    return big or Path(path).suffix.lower() in BACKGROUND_SUFFIXES


def prefetch(path: str | Path) -> None:
    """Fork a child that reads and checks the report at `path`, unless one already is or the file is not for it."""
    global _pending
    if _pending is not None or not hasattr(os, "fork"):
        return
    try:
        resolved = Path(path).resolve()
        if not resolved.is_file() or resolved.stat().st_size > EARLY_BYTES:
            return  # opening it in the window says what is wrong, or shows its progress
        if resolved.suffix.lower() in BACKGROUND_SUFFIXES:
            return
    except OSError:
        return
    read_end, write_end = os.pipe()
    parent = os.getpid()
    child = os.fork()
    if child == 0:
        os.close(read_end)
        _read_and_check(resolved, write_end, parent)
    os.close(write_end)
    _pending = (resolved, read_end, child)


def take_prefetched(path: str | Path) -> tuple[Loaded, Receiver] | None:
    """The report the child read from `path` (its checks PENDING) and the receiving end of its checks, which
    the child runs next; None when there is none to take (the caller reads the file).

    Raises ReportError with the child's message when the file is not a report it could read.
    """
    global _pending
    if _pending is None:
        return None
    wanted, read_end, child = _pending
    _pending = None
    # The child ends once it has sent its checks, or found nobody to send them to: waited for aside.
    threading.Thread(target=_reap, args=(child,), daemon=True).start()
    receiver = Receiver(PipeEnd(read_end, "rb"))
    loaded = None
    try:
        if Path(path).resolve() == wanted:
            loaded = receiver.report()
    except ReportError:
        receiver.close()
        raise
    except Exception:  # a child that died: the caller reads the file itself
        loaded = None
    if loaded is None:
        receiver.close()
        return None
    return loaded, receiver


def _reap(child: int) -> None:
    with contextlib.suppress(ChildProcessError):  # reaped already
        os.waitpid(child, 0)


def _read_and_check(path: Path, write_end: int, parent: int) -> NoReturn:
    """In the child: read the report, send it, check it, send the checks, and leave without running the parent's
    exit handlers (a parent that stopped listening ends it the same way, and a parent that ended ends it)."""
    status = 1
    try:
        from models.load.child import read_and_check, watch_parent

        watch_parent(parent)

        channel = PipeEnd(write_end, "wb")
        read_and_check(str(path), channel)
        channel.close()
        status = 0
    finally:
        os._exit(status)
