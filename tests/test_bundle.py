"""The standalone bundle (`python3 resources/bundle/build.py`): it runs without the project's Python.

The first test of a run builds `dist/nianbao/` unless it is newer than every source file (about a
minute and a half); the tests then run the built executable from a folder outside the project.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "nianbao"
EXECUTABLE = BUNDLE / "nianbao"
REPORT = ROOT / "tests" / "reports" / "pingtan-2020.txt"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle() -> Path:
    """The bundle's executable, built when missing or older than the sources."""
    build = subprocess.run(
        [sys.executable, "resources/bundle/build.py", "--if-stale"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    return EXECUTABLE


def bare_env(home: Path, **extra: str) -> dict[str, str]:
    """An environment with no trace of the project's Python: no venv, no PYTHONPATH, a new home."""
    keep = ("PATH", "TMPDIR")
    env = {key: os.environ[key] for key in keep if key in os.environ}
    return {**env, "LANG": "C.UTF-8", "HOME": str(home), **extra}


def run_bundle(executable: Path, *args: str, home: Path, **extra: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [str(executable), *args], cwd=home, capture_output=True, env=bare_env(home, **extra), timeout=120
    )


def run_source(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, timeout=120)


def test_bundle_holds_the_report_font_and_icon(bundle):
    """The bundled report, the CJK font with its licence and the icon travel inside the bundle."""
    shipped = ["reports/sanming-2017.txt", "fonts/NotoSansCJKsc-Subset.otf", "fonts/OFL.txt", "icons/nianbao.svg"]
    for name in shipped:
        inside = BUNDLE / "_internal" / "resources" / name
        assert inside.read_bytes() == (ROOT / "resources" / name).read_bytes(), name


@pytest.mark.parametrize("report", [None, REPORT], ids=["bundled report", "named report"])
def test_export_outline_is_the_source_runs(bundle, tmp_path, report):
    """`nianbao --export outline` prints exactly what `main.py --export outline` prints from source."""
    args = ["--export", "outline", *([str(report)] if report else [])]
    built = run_bundle(bundle, *args, home=tmp_path)
    source = run_source(*args)
    assert built.returncode == 0, built.stderr.decode()
    assert source.returncode == 0, source.stderr.decode()
    assert built.stdout == source.stdout
    assert json.loads(built.stdout)["sections"]


def test_excel_export_works_inside_the_bundle(bundle, tmp_path):
    """pandas and openpyxl made it into the bundle: the tables export as a workbook with the report's figures."""
    output = tmp_path / "表格.xlsx"
    result = run_bundle(bundle, "--export", "tables", "-o", str(output), str(REPORT), home=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    tables = json.loads(run_source("--export", "tables", str(REPORT)).stdout)["tables"]
    assert openpyxl.load_workbook(output).sheetnames == [table["title"][:31] for table in tables]


def test_bad_report_gives_one_line_and_exit_2(bundle, tmp_path):
    """The bundle keeps the export's error contract: a missing file is one stderr line and exit 2."""
    result = run_bundle(bundle, "--export", "outline", str(tmp_path / "missing.txt"), home=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.decode().strip().splitlines()) == 1


def test_window_starts_offscreen_and_closes(bundle, tmp_path):
    """Started with no report, as from the menu, the bundled program shows the bundled report and quits."""
    result = run_bundle(bundle, home=tmp_path, QT_QPA_PLATFORM="offscreen", NIANBAO_QUIT_AFTER_SHOW="1")
    stdout, stderr = result.stdout.decode(), result.stderr.decode()
    assert result.returncode == 0, stderr
    assert "shown: 三明市2017年政府信息公开工作年度报告 — 年报阅读器 visible=True" in stdout
    assert "Traceback" not in stderr


def test_desktop_entry_of_the_bundle_starts_the_bundle(bundle, tmp_path):
    """Installed from the bundle, the desktop entry's Exec is the bundle's executable, not a Python."""
    result = run_bundle(bundle, "--install-desktop", home=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    entry = (tmp_path / ".local/share/applications/nianbao-reader.desktop").read_text(encoding="utf-8")
    assert f"Exec={EXECUTABLE} %f" in entry.splitlines()
    assert (tmp_path / ".local/share/icons/hicolor/scalable/apps/nianbao-reader.svg").is_file()


def test_bundle_knows_its_version(bundle, tmp_path):
    """`nianbao --version` names the same version as the source run (the project's metadata is bundled)."""
    built = run_bundle(bundle, "--version", home=tmp_path)
    source = run_source("--version")
    assert built.returncode == 0, built.stderr.decode()
    assert built.stdout == source.stdout
    assert "未知" not in built.stdout.decode()
