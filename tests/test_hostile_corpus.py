"""The hostile corpus (`tests/hostile_corpus.py`) through every export kind in every format: each file is refused
with one Chinese line and exit 2, or opens with exit 0 and well-formed output, never a traceback, a hang or a
gigabyte of memory.

Each file is exported in its own process (`tests/export_all.py`: every kind in every format, made by
`main.main` as the command line makes it, the file read once), under an address-space limit of 1 GiB and a
timeout; each export may take at most 20 s. The processes run a few at a time, so the whole corpus takes
well under two minutes on two cores.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import resource
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from models.core import limits
from models.export.formats import BINARY, CHECKS_HEADER, FORMATS, OUTLINE_HEADER, TABLES_HEADER
from tests.hostile_corpus import CORPUS, OPENS, REFUSED, Hostile, write_corpus

ROOT = Path(__file__).resolve().parent.parent
SECONDS = 20  # for each export
MEMORY = 2**30  # address space of a process exporting one file
WORKERS = 3
HEADERS = {"outline": OUTLINE_HEADER, "tables": TABLES_HEADER, "checks": CHECKS_HEADER}
# Words of the program's insides that a refusal must not show the reader.
INTERNAL = ("Traceback", "Error", "Exception", "zlib", "zipfile", "password", "lxml")


@dataclass(frozen=True)
class Export:
    """What one export of one file gave."""

    code: int
    seconds: float
    stdout: bytes
    stderr: str


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _export_all(hostile: Hostile, path: Path, folder: Path) -> dict[tuple[str, str], Export] | str:
    """Every export of `path` into `folder`: (kind, format) -> what it gave; or why the process failed."""
    folder.mkdir(parents=True)
    command = [sys.executable, str(ROOT / "tests" / "export_all.py"), str(path), str(folder)]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONDONTWRITEBYTECODE": "1"}
    kinds = len(FORMATS)
    try:
        process = subprocess.run(
            command, cwd=ROOT, capture_output=True, env=env, timeout=SECONDS * kinds, preexec_fn=_limit_memory
        )
    except subprocess.TimeoutExpired:
        return f"{hostile.id}: no answer in {SECONDS * kinds} s"
    if process.returncode != 0:
        return f"{hostile.id}: exit {process.returncode}\n{process.stderr.decode('utf-8', 'replace')[-3000:]}"
    exports = {}
    for result in json.loads((folder / "results.json").read_text("utf-8")):
        kind, fmt = result["kind"], result["format"]
        output = folder / f"{kind}.{fmt}"
        exports[(kind, fmt)] = Export(
            result["code"],
            result["seconds"],
            output.read_bytes() if output.exists() else b"",
            (folder / f"{kind}.{fmt}.err").read_text("utf-8", errors="replace"),
        )
    return exports


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[tuple[str, str], Export] | str]:
    """Every corpus file written and exported every way, a few processes at a time: id -> its exports."""
    folder = tmp_path_factory.mktemp("hostile")
    paths = write_corpus(folder / "corpus")
    # The biggest files take longest: started first, they do not keep the last worker busy alone.
    biggest_first = sorted(CORPUS, key=lambda h: paths[h.id].stat().st_size, reverse=True)
    with ThreadPoolExecutor(WORKERS) as pool:
        runs = {h.id: pool.submit(_export_all, h, paths[h.id], folder / "exports" / h.id) for h in biggest_first}
        return {key: run.result() for key, run in runs.items()}


def _cases() -> list[object]:
    return [
        pytest.param(hostile, kind, fmt, id=f"{hostile.id}-{kind}-{fmt}")
        for hostile in CORPUS
        for kind, formats in FORMATS.items()
        for fmt in formats
    ]


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


@pytest.mark.parametrize(("hostile", "kind", "fmt"), _cases())
def test_every_export_of_a_hostile_file_opens_or_refuses_in_one_line(exported, hostile, kind, fmt):
    """Each export of each hostile file exits 0 with well-formed output, or 2 with one Chinese line naming why;
    in 20 s, within 1 GiB, never a traceback."""
    exports = exported[hostile.id]
    assert not isinstance(exports, str), exports
    export = exports[(kind, fmt)]
    assert "Traceback" not in export.stderr, export.stderr
    assert export.code in (OPENS, REFUSED), export.stderr
    assert export.seconds <= SECONDS
    if hostile.exit == REFUSED:
        assert export.code == REFUSED, "opened a file that must be refused"
        assert export.stdout == b""
        (line,) = export.stderr.splitlines()
        assert hostile.words in line
        assert not any(word in line for word in INTERNAL), line
        return
    assert export.code == OPENS, export.stderr
    assert export.stderr == ""
    if fmt == "json":
        assert isinstance(json.loads(export.stdout, parse_constant=_no_constant), dict)
    elif fmt == "md":
        assert export.stdout.decode("utf-8").startswith("# ")
    elif fmt == "csv":
        header = next(csv.reader(io.StringIO(export.stdout.decode("utf-8"))))
        assert tuple(header) == HEADERS[kind]
    else:
        assert fmt in BINARY
        assert "xl/workbook.xml" in zipfile.ZipFile(io.BytesIO(export.stdout)).namelist()


def _tables(exported, key: str) -> list[dict]:
    exports = exported[key]
    assert not isinstance(exports, str), exports
    return json.loads(exports[("tables", "json")].stdout)["tables"]


@pytest.mark.parametrize("hostile", [h for h in CORPUS if h.exit == OPENS and "digit" in h.id], ids=lambda h: h.id)
def test_no_figure_holds_more_digits_than_a_figure_has(exported, hostile):
    """A number of thousands of digits, a 400-digit decimal or a 40 kB run is text: no table value holds it,
    and none is infinite."""
    for table in _tables(exported, hostile.id):
        for row in table["rows"]:
            for value in row["values"].values():
                assert value is None or (math.isfinite(value) and abs(value) < 10**limits.FIGURE_DIGITS)


@pytest.mark.parametrize("hostile", [h for h in CORPUS if "span" in h.id or "columns" in h.id], ids=lambda h: h.id)
def test_span_bombs_give_no_table_past_the_limits(exported, hostile):
    """Spans of millions of columns or rows, or a table of 17,000 columns: no table is wider than the limit or
    has more cells (a table past them is read as text)."""
    for table in _tables(exported, hostile.id):
        assert len(table["columns"]) <= limits.TABLE_COLUMNS
        assert len(table["columns"]) * len(table["rows"]) <= limits.TABLE_CELLS


def test_a_page_nested_a_hundred_thousand_deep_keeps_its_text(exported):
    """A report inside 100,000 nested <div>s shows its paragraphs as lines, and its outline."""
    exports = exported["html-100000-nested-divs"]
    assert not isinstance(exports, str), exports
    outline = json.loads(exports[("outline", "json")].stdout)
    assert [section["marker"] + section["title"] for section in outline["sections"]] == ["一、总体情况", "二、其他"]
