"""How the reader uses memory: Python's cycle collector paused while millions of objects that hold no cycles
are made, and big blocks kept where they can grow without being copied.

A full collection walks every tracked object while holding the interpreter lock, and over a parse, a report
being received or the start's imports (Qt, then pandas and pyqtgraph) it frees nothing: every object they make
outlives them. So the collector is paused while the window starts (main.py, until gui.window.app ends it once
the window has been up a while), while a report is received (models.load.protocol) and while a report is parsed.
Pauses nest and overlap across threads (the window may parse a small report while a thread receives a big one):
collection comes back when the last pause is over, unless it was off before the first. The start's and a
received report's pauses end with what exists then (the modules, the report) frozen out of later collections'
walks (`gc.freeze`); a parse's does not, since the caller may drop what it made.

A huge report's document grows arrays of tens of megabytes (Qt's blocks of text). glibc's malloc maps
blocks above a threshold on their own, where they grow by moving their pages; but it raises that threshold
to the size of each mapped block the program frees (up to 32 MB), and once a few reports have come and
gone, a big array lives in the heap and every growth copies it into fresh memory, in one turn of the
window's event loop. `map_big_blocks` fixes the threshold where glibc starts.

A report's smaller objects (its sections, lines of text, the views' records) are freed into glibc's heap, which
keeps them for the next allocations instead of giving the pages back: after a big report's tab is closed the
process would stay tens of megabytes larger. `give_back` returns the free pages to the system.
Plain Python: no Qt here.
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# glibc's mallopt parameter and its threshold at start (malloc.h: M_MMAP_THRESHOLD, DEFAULT_MMAP_THRESHOLD_MIN).
M_MMAP_THRESHOLD = -3
MAPPED_FROM_BYTES = 128 * 1024

_paused = 0
_was_enabled = False
_lock = threading.Lock()
_starting = False


def pause() -> None:
    """Collection off until every `pause` has had its `resume`."""
    global _paused, _was_enabled
    with _lock:
        if not _paused:
            _was_enabled = gc.isenabled()
        _paused += 1
        gc.disable()


def resume(freeze: bool = True) -> None:
    """One pause over; the last turns collection on again if it was on before the first. With `freeze`, what
    exists now (the modules, a report received) is left out of later collections' walks."""
    global _paused
    if freeze:
        gc.freeze()
    with _lock:
        _paused -= 1
        if not _paused and _was_enabled:
            gc.enable()


@contextmanager
def paused() -> Iterator[None]:
    """Collection paused for the `with` block, nothing frozen after it."""
    pause()
    try:
        yield
    finally:
        resume(freeze=False)


def pause_for_start() -> None:
    """Collection off while the window starts (main.py, before Qt loads), until `start_done`."""
    global _starting
    if not _starting:
        _starting = True
        pause()


def start_done() -> None:
    """The window has started: the pause `pause_for_start` made is over (nothing, if it made none)."""
    global _starting
    if _starting:
        _starting = False
        resume()


def map_big_blocks() -> None:
    """From now on glibc's malloc maps every block of MAPPED_FROM_BYTES or more on its own, so that growing
    it moves pages instead of copying bytes (on Linux with glibc; elsewhere nothing changes)."""
    if sys.platform.startswith("linux"):
        import ctypes  # not at every start: only with the first big report

        mallopt = getattr(ctypes.CDLL(None), "mallopt", None)
        if mallopt is not None:
            mallopt(M_MMAP_THRESHOLD, MAPPED_FROM_BYTES)


def give_back() -> None:
    """Return the heap's free pages to the system (on Linux with glibc; elsewhere nothing happens): once a report
    has been let go of, its memory comes back."""
    if sys.platform.startswith("linux"):
        import ctypes

        trim = getattr(ctypes.CDLL(None), "malloc_trim", None)
        if trim is not None:
            trim(0)
