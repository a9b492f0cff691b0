"""Every export of one report in one process: each kind in each of its formats, made by `main.main` as the
command line makes it (`--export KIND --format FORMAT [-o FILE] REPORT`), for the hostile corpus.

    .venv/bin/python tests/export_all.py REPORT FOLDER

For each kind and format this writes FOLDER/KIND.FORMAT (the export: what went to standard output, or the
`-o` file for Excel) and FOLDER/KIND.FORMAT.err (standard error), then FOLDER/results.json:
`[{"kind", "format", "code", "seconds"}]`. An exception escaping `main.main` is written to that export's
standard error as a traceback, with code 1, as Python itself would.

The report is read once and checked once (`load_report` and `run_checks` here remember what they gave or
raised), so a hostile file costs one reading however many exports are made of it; each export's `seconds`
therefore holds the reading only for the first export that needs it (outline JSON), and the checks only for
the first of checks.
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _remembered(function: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`function` of one argument, called once for each argument: later calls give its result, or raise its error."""
    known: dict[int, tuple[bool, Any]] = {}
    keep: list[Any] = []  # the arguments, so that no id is reused while remembered

    def remembered(argument: Any) -> Any:
        key = id(argument) if not isinstance(argument, (str, Path)) else hash(str(argument))
        if key not in known:
            keep.append(argument)
            try:
                known[key] = (True, function(argument))
            except Exception as error:
                known[key] = (False, error)
        ok, value = known[key]
        if not ok:
            raise value
        return value

    return remembered


def _export(args: list[str], stdout: Path, stderr: Path) -> tuple[int, float]:
    """`main.main(args)` with file descriptors 1 and 2 sent to `stdout` and `stderr`: its exit code, and seconds."""
    import main

    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    start = time.perf_counter()
    with open(stdout, "wb") as out, open(stderr, "wb") as err:
        os.dup2(out.fileno(), 1)
        os.dup2(err.fileno(), 2)
        try:
            code = main.main(args)
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 1
        except BaseException:
            traceback.print_exc()
            code = 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
    return code, time.perf_counter() - start


def export_all(report: Path, folder: Path) -> list[dict[str, Any]]:
    """Every kind of `report` in every format into `folder`; what each gave (see the module's docstring)."""
    import models.checks.run
    import models.export.writing
    from models.export.formats import BINARY, FORMATS

    models.export.writing.load_report = _remembered(models.export.writing.load_report)
    models.checks.run.run_checks = _remembered(models.checks.run.run_checks)
    results = []
    for kind, formats in FORMATS.items():
        for fmt in formats:
            output = folder / f"{kind}.{fmt}"
            args = ["--export", kind, "--format", fmt, str(report)]
            if fmt in BINARY:
                args += ["-o", str(output)]
            stdout = folder / f"{kind}.{fmt}.stdout" if fmt in BINARY else output
            code, seconds = _export(args, stdout, folder / f"{kind}.{fmt}.err")
            results.append({"kind": kind, "format": fmt, "code": code, "seconds": seconds})
    (folder / "results.json").write_text(json.dumps(results), "utf-8")
    return results


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    if len(sys.argv) != 3:
        sys.exit(__doc__.split("\n\n")[1])
    export_all(Path(sys.argv[1]), Path(sys.argv[2]))
