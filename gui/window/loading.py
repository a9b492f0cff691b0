"""Reading a report without stopping the window: a child process parses and checks it, a thread here
receives it piece by piece, and signals tell the window how far it got.

The parser is pure Python and holds the interpreter lock, so a thread alone would freeze the window for
the tens of seconds a 50 MB report takes; in a process it costs the window only the unpickling of small
pieces (see `models.load.child`).

Signals (each carries the loader first: they are emitted from the receiving thread, where a slot's
`sender()` comes back empty):
    progressed(loader, str, int): what is being read (in Chinese) and percent done, or -1 when unknown.
    loaded(loader, object, object): the Report and its outline's SectionIndex; the checks go on in the child.
    checked(loader, object): the findings of the checks (a list of models.checks.run.Finding).
    checks_failed(loader, str): the checks broke down; what went wrong.
    failed(loader, str): the report cannot be read; the reader's sentence.
"""

from __future__ import annotations

import multiprocessing
import pickle
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from gui.outline.model import SectionIndex
from models.load import child, memory

STAGES = {"parsing": "正在解析", "checking": "正在核对数字"}
RECEIVING = "正在接收"


class ReportLoader(QObject):
    """Reads one report file in the background; `cancel()` stops it and nothing is emitted after."""

    progressed = Signal(object, str, int)
    loaded = Signal(object, object, object)
    checked = Signal(object, object)
    checks_failed = Signal(object, str)
    failed = Signal(object, str)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self._cancelled = False
        self._report_done = False
        self._collection_resumed = False
        # spawn, not fork: a forked copy of a process running Qt's threads can deadlock.
        context = multiprocessing.get_context("spawn")
        self._connection, child_end = context.Pipe(duplex=False)
        self._process = context.Process(target=child.run, args=(str(self.path), child_end), daemon=True)
        self._child_end = child_end
        self._thread = threading.Thread(target=self._receive, name=f"load {self.path.name}", daemon=True)

    def start(self) -> None:
        memory.map_big_blocks()  # the huge document this report may become grows in place
        self._process.start()
        # The child holds its own copy; closing ours lets a dead child show as end of file.
        self._child_end.close()
        self._thread.start()

    def cancel(self) -> None:
        self._cancelled = True
        if self._process.is_alive():
            self._process.terminate()

    def is_reading(self) -> bool:
        """Whether the report itself is still on its way (the checks may go on after it arrived)."""
        return not self._report_done and not self._cancelled

    def is_cancelled(self) -> bool:
        return self._cancelled

    def wait(self, seconds: float) -> bool:
        """Wait until the receiving thread ends (for tests and shutdown); True if it did."""
        self._thread.join(seconds)
        return not self._thread.is_alive()

    def _receive(self) -> None:
        # Millions of new objects would set off full collections, each walking the whole report while
        # holding the interpreter lock; the report holds no cycles, so collection can wait.
        memory.pause()
        try:
            self._receive_pieces()
        finally:
            if not self._collection_resumed:
                memory.resume()

    def _receive_pieces(self) -> None:
        shell, total, received = None, 1, 0
        # Grown piece by piece: CPython extends a string held only by a local variable in place (its pages
        # moved, not copied), where joining the pieces at the end made 72 MB of fresh memory in one call that
        # holds the interpreter lock: 30-60 ms, and 160-240 ms in a long-running process, of window frozen.
        # (A piece with characters beyond U+FFFF widens the text once: one copy, as a join would make.)
        text = ""
        sections: list = []
        findings: list = []
        try:
            while True:
                message = pickle.loads(self._connection.recv_bytes())
                kind = message[0]
                if self._cancelled:
                    return
                if kind == "stage":
                    if message[1] == "parsing":
                        self.progressed.emit(self, STAGES["parsing"], -1)
                elif kind == "error":
                    self.failed.emit(self, message[1])
                    return
                elif kind == "shell":
                    shell, total = message[1], max(message[2], 1)
                elif kind in ("text", "sections"):
                    if kind == "text":
                        text += message[1]
                    else:
                        sections.extend(message[1])
                    received += 1
                    self.progressed.emit(self, RECEIVING, 100 * received // total)
                elif kind == "report-done":
                    report = shell.replace(text=text, sections=sections)
                    index = SectionIndex(sections)
                    self._report_done = True
                    self._collection_resumed = True
                    memory.resume()
                    self.loaded.emit(self, report, index)
                    text, sections = "", []
                elif kind == "findings":
                    findings.extend(message[1])
                elif kind == "checks-error":
                    self.checks_failed.emit(self, message[1])
                    return
                elif kind == "done":
                    self.checked.emit(self, findings)
                    return
        except (EOFError, OSError):
            if not self._cancelled:
                if self._report_done:
                    self.checks_failed.emit(self, "核对进程意外结束")
                else:
                    self.failed.emit(self, "读取报告的进程意外结束，可能是内存不足。")
        finally:
            self._connection.close()
            self._process.join(5)
