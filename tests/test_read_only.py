"""The reader never writes to a report file: parsing, checking and exporting leave each file as it was.

Each test works on copies of the real reports in a folder of their own, and compares every file's
bytes, size, inode and modification time, and the folder's listing, before and after. Under strace,
the export and the window are also seen never to open a report for writing, rename it or delete it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from models import load_report

ROOT = Path(__file__).resolve().parent.parent
REPORTS = sorted(p for p in (ROOT / "tests" / "reports").rglob("*") if p.is_file() and p.suffix != ".md")
BUNDLED = ROOT / "resources" / "reports" / "sanming-2017.txt"


@dataclass(frozen=True)
class FileState:
    data: bytes
    size: int
    inode: int
    mtime_ns: int
    mode: int


def snapshot(folder: Path) -> dict[str, FileState]:
    """Every file in `folder` with what would show a write: bytes, size, inode, mtime and mode."""
    states = {}
    for path in sorted(folder.iterdir()):
        info = path.stat()
        states[path.name] = FileState(path.read_bytes(), info.st_size, info.st_ino, info.st_mtime_ns, info.st_mode)
    return states


@pytest.fixture
def library(tmp_path):
    """Copies of the real reports (with their old timestamps), read-only as a downloaded file may be."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for source in [BUNDLED, *REPORTS]:
        target = folder / source.name
        shutil.copy2(source, target)
        target.chmod(0o444)
        os.utime(target, ns=(1_500_000_000_000_000_000, 1_500_000_000_000_000_000))
    return folder


def run_main(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=ROOT,
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
        timeout=120,
    )


def test_parsing_and_checking_leave_every_report_untouched(library):
    """Opening and checking every report, twice, changes no byte, time or name in its folder."""
    from models.checks.run import run_checks

    before = snapshot(library)
    for _ in range(2):
        for path in library.iterdir():
            run_checks(load_report(path))
    assert snapshot(library) == before


def test_exporting_in_process_leaves_every_report_untouched(library, tmp_path):
    """Every export kind and format of every report, to memory and to files elsewhere, leaves the reports alone."""
    from models.export.formats import FORMATS
    from models.export.writing import export_bytes, write_export

    out = tmp_path / "out"
    out.mkdir()
    before = snapshot(library)
    for path in library.iterdir():
        report = load_report(path)
        for kind, formats in FORMATS.items():
            for fmt in formats:
                export_bytes(report, kind, fmt)
                write_export(report, kind, fmt, out / f"{path.stem}-{kind}.{fmt}")
    assert snapshot(library) == before


@pytest.mark.parametrize("kind", ["outline", "tables", "checks"])
def test_export_command_leaves_the_report_untouched(library, tmp_path, kind):
    """`main.py --export` to stdout and with -o to another folder leaves the report folder as it was."""
    report = library / "pingtan-2020.txt"
    before = snapshot(library)
    assert run_main("--export", kind, str(report)).returncode == 0
    assert (
        run_main("--export", kind, "--format", "csv", "-o", str(tmp_path / f"{kind}.csv"), str(report)).returncode == 0
    )
    assert snapshot(library) == before


@pytest.mark.parametrize("spelling", ["same", "relative", "symlink"])
def test_export_refuses_to_overwrite_the_report_it_reads(tmp_path, spelling):
    """`--export -o` naming the report itself (by any path to it) is refused: exit 2, report unchanged."""
    folder = tmp_path / "reports"
    folder.mkdir()
    report = folder / "pingtan-2017.txt"
    shutil.copy2(ROOT / "tests" / "reports" / report.name, report)
    report.chmod(0o644)  # writable, as most downloaded files are: only the reader's care protects it
    output = {"same": str(report), "relative": f"{folder}/./{report.name}", "symlink": str(tmp_path / "link.txt")}[
        spelling
    ]
    if spelling == "symlink":
        Path(output).symlink_to(report)
    before = snapshot(folder)
    result = run_main("--export", "outline", "-o", output, str(report))
    assert snapshot(folder) == before, "the export overwrote the report it was reading"
    stderr = result.stderr.decode("utf-8", errors="replace")
    assert result.returncode == 2, stderr
    assert len(stderr.strip().splitlines()) == 1
    assert "Traceback" not in stderr


@pytest.mark.parametrize("name", ["sanming-2017.txt", "shanghai-office-2019.html"])
def test_showing_a_report_in_the_window_leaves_it_untouched(library, tmp_path, name):
    """Starting the window on a report and closing it leaves the report folder as it was."""
    before = snapshot(library)
    env = {"QT_QPA_PLATFORM": "offscreen", "NIANBAO_QUIT_AFTER_SHOW": "1", "XDG_CONFIG_HOME": str(tmp_path)}
    result = run_main(str(library / name), env=env)
    assert result.returncode == 0, result.stderr.decode("utf-8", errors="replace")
    assert snapshot(library) == before


def _strace_works() -> bool:
    if not shutil.which("strace"):
        return False
    return subprocess.run(["strace", "-qq", "-o", "/dev/null", "true"], capture_output=True).returncode == 0


# A system call that writes to, replaces, removes or retimes a path, as strace prints it.
_WRITES = re.compile(
    r'(?:open|openat|openat2|creat)\([^"]*"(?P<open>[^"]+)"[^)]*(?:O_WRONLY|O_RDWR|O_CREAT|O_TRUNC)'
    r'|(?:rename|renameat2?|unlink|unlinkat|truncate|utimensat|chmod|fchmodat|link|linkat)\([^"]*"(?P<path>[^"]+)"'
)


def touched(trace: str, folder: Path) -> list[str]:
    """The lines of `trace` that write to, replace, remove or retime anything in `folder`."""
    return [
        line
        for line in trace.splitlines()
        if (match := _WRITES.search(line)) and str(folder) in (match.group("open") or match.group("path") or "")
    ]


def run_traced(args: list[str], tmp_path: Path, env: dict[str, str] | None = None) -> tuple[int, str]:
    log = tmp_path / "strace.log"
    result = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=file", "-o", str(log), sys.executable, "main.py", *args],
        cwd=ROOT,
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=180,
    )
    return result.returncode, log.read_text("utf-8", errors="replace")


needs_strace = pytest.mark.skipif(not _strace_works(), reason="strace is missing or not permitted here")


@needs_strace
def test_trace_sees_a_write_when_there_is_one(library, tmp_path):
    """The trace is sound: writing into the folder (an export with -o there) is caught by the same pattern."""
    code, trace = run_traced(
        ["--export", "outline", "-o", str(library / "x.json"), str(library / "pingtan-2020.txt")], tmp_path
    )
    assert code == 0
    assert touched(trace, library)


@needs_strace
@pytest.mark.parametrize("kind", ["outline", "tables", "checks"])
def test_export_never_opens_a_report_for_writing(library, tmp_path, kind):
    """Under strace, `--export` opens the report read-only and never renames, removes or retimes it."""
    code, trace = run_traced(["--export", kind, str(library / "shanghai-office-2019.html")], tmp_path)
    assert code == 0
    assert '"' + str(library / "shanghai-office-2019.html") + '"' in trace, "the trace did not see the report read"
    assert touched(trace, library) == []


@needs_strace
def test_window_never_opens_a_report_for_writing(library, tmp_path):
    """Under strace, the window showing a report never opens anything in the report's folder for writing."""
    env = {"QT_QPA_PLATFORM": "offscreen", "NIANBAO_QUIT_AFTER_SHOW": "1", "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    code, trace = run_traced([str(library / "sanming-2017.txt")], tmp_path, env)
    assert code == 0
    assert touched(trace, library) == []


def test_json_export_to_stdout_is_the_report_not_an_echo(library):
    """The export a test compares against really read the report (so an unchanged file is not a vacuous pass)."""
    result = run_main("--export", "outline", str(library / "pingtan-2020.txt"))
    assert json.loads(result.stdout)["title"].startswith("平潭综合实验区2020年")
