"""Python's cycle collector, off while the window's process makes millions of objects that hold no cycles.

A full collection walks every object while holding the interpreter lock: over a 50 MB report's objects
it held the window 100-200 ms, and over the start's imports (Qt, then pandas and pyqtgraph) its 250
passes were 4% of the start. So the collector is paused while the window starts (main.py, until
gui.app resumes it once the window has been up a while) and while a report is received (gui.loader);
when nothing holds it paused any more it comes back with what exists then (the modules, the reports)
frozen out of later collections' walks (`gc.freeze`). Plain Python: no Qt here.
"""

from __future__ import annotations

import gc
import threading

_paused = 0
_starting = False
_lock = threading.Lock()


def pause() -> None:
    """Collection off until every `pause` has had its `resume`."""
    global _paused
    with _lock:
        _paused += 1
        gc.disable()


def resume() -> None:
    """One pause over; the last turns collection on again, with what exists now frozen out of its way."""
    global _paused
    with _lock:
        _paused -= 1
        if not _paused:
            gc.freeze()
            gc.enable()


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
