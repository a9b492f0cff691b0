"""A report's reading ends with the window: a window killed outright (SIGKILL, no clean-up) leaves no child
reading or checking on its own."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.bench import big_report
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="children are found through /proc")


def children(parent: int) -> dict[int, str]:
    """The living children of `parent`, each with its command line (a zombie has ended)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue  # ended meanwhile
        # "pid (name) state ppid …": the name may hold spaces and brackets, so split after its last ")".
        state, ppid = stat[stat.rindex(")") + 2 :].split()[:2]
        if int(ppid) == parent and state not in "ZX":
            found[int(entry.name)] = command
    return found


def niceness(pid: int) -> int:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0
    return int(stat[stat.rindex(")") + 2 :].split()[16])


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] not in "ZX"


def wait_until(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_killing_the_window_ends_the_child_reading_a_big_report(tmp_path):
    """The window reads a 12 MB report in a spawned child; killed with SIGKILL, the child ends with it.

    The child is held (SIGSTOP) once it has begun its work (lowered its priority below the window's) and before
    the window is killed, so it cannot end by itself, by finishing its work or by writing to a pipe nobody reads:
    only its parent's end may end it.
    """
    report = tmp_path / "BIG.txt"
    report.write_bytes(big_report(12))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
    env.pop("NIANBAO_QUIT_AFTER_SHOW", None)
    window = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), str(report)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    readers: list[int] = []
    try:

        def working() -> list[int]:
            found = children(window.pid).items()
            return [pid for pid, command in found if "spawn_main" in command and niceness(pid) > niceness(window.pid)]

        assert wait_until(working, timeout=120)
        readers = working()
        for pid in readers:
            os.kill(pid, signal.SIGSTOP)
        window.send_signal(signal.SIGKILL)
        window.wait()
        assert wait_until(lambda: not any(alive(pid) for pid in readers), timeout=15)
    finally:
        window.kill()
        window.wait()
        for pid in readers:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


WATCHED = """
    import os, sys, time
    sys.path.insert(0, {root!r})
    from models.load.child import watch_parent
    parent = os.getpid()
    child = os.fork()
    if child == 0:
        if {portable}:
            sys.platform = "elsewhere"  # no prctl: the polling thread alone
        watch_parent(parent)
        while True:  # busy, as a child reading a report is
            pass
    print(child, flush=True)
    time.sleep(600)
"""


@pytest.mark.parametrize("portable", [False, True], ids=["linux", "portable"])
def test_a_forked_reader_ends_with_its_parent(portable):
    """The early reader forked before Qt loads ends when its parent is killed, by the kernel's signal on Linux
    and, elsewhere, by its own watch."""
    code = textwrap.dedent(WATCHED.format(root=str(ROOT), portable=portable))
    parent = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        child = int(parent.stdout.readline())
        assert alive(child)
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        parent.stdout.close()
    assert wait_until(lambda: not alive(child), timeout=15)
