"""The first report, read by a forked child while the window's process loads Qt and builds the window.

Reading a report costs the parsers' import and the parse, 50-60 ms before the first frame could show.
A child forked before Qt loads does it meanwhile, on another core, and sends the `Report` (or the
`ReportError`'s message) back pickled through a pipe. Anything unexpected (no fork on this system, a
file the window reads in the background anyway, a child that dies, another path asked for) makes `take`
answer None, and the window reads the file itself as it always does. Plain Python: no Qt here.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import threading
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from models import Report

# What the window reads in a background process anyway (see gui.window.main_window) is left to it.
MAX_BYTES = 1_000_000
SKIPPED_SUFFIXES = {".pdf", ".docx"}

_pending: tuple[Path, int, int] | None = None  # the file being read, the pipe's read end, the child


def start(path: str | Path) -> None:
    """Fork a child that reads the report at `path`, unless one already is or the file is not for it."""
    global _pending
    if _pending is not None or not hasattr(os, "fork"):
        return
    try:
        resolved = Path(path).resolve()
        if resolved.suffix.lower() in SKIPPED_SUFFIXES or resolved.stat().st_size > MAX_BYTES:
            return
    except OSError:
        return  # opening it in the window says what is wrong
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(read_end)
        _read_and_send(resolved, write_end)
    os.close(write_end)
    _pending = (resolved, read_end, child)


def take(path: str | Path) -> Report | None:
    """The report the child read from `path`, or None when there is none to take (the caller reads it).

    Raises ReportError with the child's message when the file is not a report it could read.
    """
    global _pending
    if _pending is None:
        return None
    wanted, read_end, child = _pending
    _pending = None
    try:
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read() if Path(path).resolve() == wanted else b""
        # The child has sent all it will; its exit (1-5 ms of tearing its memory down) is waited for aside.
        threading.Thread(target=_reap, args=(child,), daemon=True).start()
        kind, value = pickle.loads(data)
    except Exception:  # a child that died, or another path: the caller reads the file itself
        return None
    if kind == "error":
        from models import ReportError

        raise ReportError(value)
    return value if kind == "report" else None


def _reap(child: int) -> None:
    with contextlib.suppress(ChildProcessError):  # reaped already
        os.waitpid(child, 0)


def _read_and_send(path: Path, write_end: int) -> NoReturn:
    """In the child: read the report, send it, and leave without running the parent's exit handlers."""
    status = 1
    try:
        from models import ReportError
        from models.load.reader import load_report

        try:
            payload: tuple[str, object] = ("report", load_report(path))
        except ReportError as error:
            payload = ("error", str(error))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
        status = 0
    finally:
        os._exit(status)
