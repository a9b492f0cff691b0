"""The benchmarks of this tree and of an earlier commit, run in turns in the same run, so that a change's cost
is measured against its baseline on the same machine at the same time.

    .venv/bin/python tests/bench_against.py REV [--repeat N] [--only bench_startup.py ...]

REV is checked out into a temporary worktree that shares this tree's `.venv` (REV's own `main.py` finds
the environment set up). Each benchmark script of both trees runs N times (default 2), the trees taking
turns at going first (REV, this, this, REV, …); each script's output is printed under a header naming the
tree and the round. The figures to compare are each script's ratios to its own baselines (which the script
measures in its own run), so a machine that drifts between two runs moves both sides alike.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
SCRIPTS = ("bench.py", "bench_startup.py", "bench_view.py", "bench_responsive.py")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rev", help="the commit to measure against")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--only", nargs="*", choices=SCRIPTS, default=list(SCRIPTS))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-against-") as folder:
        other = Path(folder) / "tree"
        subprocess.run(["git", "worktree", "add", "--detach", str(other), args.rev], cwd=ROOT, check=True)
        stamp = VENV / f".installed-base-{zlib.crc32((other / 'pyproject.toml').read_bytes()):08x}"
        made_stamp = not stamp.exists()
        try:
            (other / ".venv").symlink_to(VENV)
            stamp.touch()
            trees = {f"{args.rev[:10]}": other, "this tree": ROOT}
            for script in args.only:
                for round_number in range(args.repeat):
                    order = list(trees.items())
                    for name, tree in order if round_number % 2 == 0 else reversed(order):
                        _run(name, round_number + 1, tree, script)
        finally:
            if made_stamp:
                stamp.unlink(missing_ok=True)
            subprocess.run(["git", "worktree", "remove", "--force", str(other)], cwd=ROOT, check=False)
    return 0


def _run(name: str, round_number: int, tree: Path, script: str) -> None:
    print(f"\n=== {script}, {name}, round {round_number} ===", flush=True)
    path = tree / "tests" / script
    if not path.exists():
        print("(no such benchmark in this tree)")
        return
    subprocess.run([str(VENV / "bin" / "python"), str(path)], cwd=tree, check=False)


if __name__ == "__main__":
    sys.exit(main())
