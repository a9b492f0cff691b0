"""How the window's process uses memory: Python's cycle collector paused while millions of objects that hold
no cycles are made, and big blocks kept where they can grow without being copied.

A full collection walks every object while holding the interpreter lock: over a 50 MB report's objects
it held the window 100-200 ms, and over the start's imports (Qt, then pandas and pyqtgraph) its 250
passes were 4% of the start. So the collector is paused while the window starts (main.py, until
gui.window.app resumes it once the window has been up a while) and while a report is received (gui.window.loading),
with models.load.collector's count of pauses, which a parse shares; each of these pauses ends with what
exists then (the modules, the reports) frozen out of later collections' walks (`gc.freeze`).

A huge report's document grows arrays of tens of megabytes (Qt's blocks of text). glibc's malloc maps
blocks above a threshold on their own, where they grow by moving their pages; but it raises that threshold
to the size of each mapped block the program frees (up to 32 MB), and once a few reports have come and
gone, a 20 MB array lives in the heap and every growth copies it into fresh memory: 60 ms in one turn of
the window's event loop in a long-running process. `map_big_blocks` fixes the threshold where glibc starts.
Plain Python: no Qt here.
"""

from __future__ import annotations

import gc
import sys

from models.load import collector

# glibc's mallopt parameter and its threshold at start (malloc.h: M_MMAP_THRESHOLD, DEFAULT_MMAP_THRESHOLD_MIN).
M_MMAP_THRESHOLD = -3
MAPPED_FROM_BYTES = 128 * 1024

_starting = False


def pause() -> None:
    """Collection off until every pause (this process's parses' too, see models.load.collector) is over."""
    collector.pause()


def resume() -> None:
    """One pause over; what exists now (the modules, a report received) is frozen out of later collections'
    walks, and the last pause's end turns collection on again."""
    gc.freeze()
    collector.resume()


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
        import ctypes  # 3-8 ms: not at every start, only with the first big report

        mallopt = getattr(ctypes.CDLL(None), "mallopt", None)
        if mallopt is not None:
            mallopt(M_MMAP_THRESHOLD, MAPPED_FROM_BYTES)
