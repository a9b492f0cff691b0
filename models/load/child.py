"""The reading of a big report in a process of its own, so the window's thread never waits for the parser.

`run(path, connection)` is the child process's target. It sends pickled messages, each one small
enough to unpickle in a few milliseconds on the window's side (a 50 MB report unpickled in one piece
holds the interpreter for seconds):

    ("stage", "parsing")          reading started
    ("error", message)            the report cannot be read; message is the reader's sentence
    ("shell", report, pieces)     the Report without its text and sections; how many pieces follow
    ("text", str)                 the next piece of the text
    ("sections", [Section])       the next top-level sections, with their subsections
    ("report-done",)              the report is complete: the window can show it
    ("stage", "checking")         the checks started (on a huge report they take minutes)
    ("findings", [Finding])       the next findings of the checks
    ("checks-error", message)     the checks failed
    ("done",)

No Qt here: the child imports only `models`.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator
from multiprocessing.connection import Connection

from models import ReportError, Section, load_report

TEXT_PIECE = 1_000_000
CHILD_NICENESS = 10
# The receiving thread holds the interpreter while it unpickles a piece, and the window's thread waits:
# 2,000 sections took 11-17 ms, 2,000 findings 36 ms; a quarter of that is a few milliseconds.
SECTIONS_PER_PIECE = 500
FINDINGS_PER_PIECE = 500


def run(path: str, connection: Connection) -> None:
    """Read the report at `path`, check it, and send it through `connection` in pieces."""
    # Below the window in the scheduler's eyes: on a machine with few cores the window answers first.
    os.nice(CHILD_NICENESS)

    def send(*message: object) -> None:
        connection.send_bytes(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))

    try:
        send("stage", "parsing")
        report = load_report(path)
    except ReportError as error:
        send("error", str(error))
        return
    except Exception as error:  # a parser's bug must reach the reader as a sentence, not a dead process
        send("error", f"读取这份报告时出错（{type(error).__name__}: {error}）")
        return
    text = report.text
    texts = [text[start : start + TEXT_PIECE] for start in range(0, len(text), TEXT_PIECE)]
    sections = list(_section_pieces(report.sections))
    send("shell", report.replace(text="", sections=[]), len(texts) + len(sections))
    for piece in texts:
        send("text", piece)
    for group in sections:
        send("sections", group)
    send("report-done")
    send("stage", "checking")
    try:
        from models.checks.run import run_checks

        findings = run_checks(report)
    except Exception as error:
        send("checks-error", f"{type(error).__name__}: {error}")
        return
    for start in range(0, len(findings), FINDINGS_PER_PIECE):
        send("findings", findings[start : start + FINDINGS_PER_PIECE])
    send("done")
    connection.close()


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
