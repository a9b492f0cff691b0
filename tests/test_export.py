"""The export contract on the command line: JSON on stdout, no Qt, exit 2 with one line on bad input."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_main(*args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, env=env, timeout=60)


def test_models_never_import_qt():
    """Importing and using models loads no PySide6 module."""
    code = (
        "import sys, models; models.load_report('resources/reports/sanming-2017.txt');"
        "bad = [m for m in sys.modules if m.startswith('PySide6')]; assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_export_tables_of_the_bundled_report():
    """Without a report, `--export tables` prints the bundled report's appendix as JSON, exit 0."""
    result = run_main("--export", "tables")
    assert result.returncode == 0, result.stderr.decode()
    (table,) = json.loads(result.stdout)["tables"]
    assert table["columns"] == ["2017", "历年累计"]
    first = table["rows"][0]
    assert set(first) >= {"name", "parent", "unit", "values", "line"}
    assert (first["name"], first["values"]) == ("主动公开文件数", {"2017": 34073, "历年累计": 364686})


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "missing.txt", "找不到文件"),
        (lambda tmp: tmp, "文件夹"),
        (lambda tmp: _write(tmp / "empty.txt", b""), "空"),
        (lambda tmp: _write(tmp / "image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8), "不是文本"),
    ],
)
def test_bad_input_gives_one_line_and_exit_2(tmp_path, make, message):
    """No such file, a directory, an empty or binary file: one stderr line, exit 2, no traceback."""
    result = run_main("--export", "outline", str(make(tmp_path)))
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 2
    assert message in stderr
    assert len(stderr.strip().splitlines()) == 1
    assert "Traceback" not in stderr
    assert result.stdout == b""


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
