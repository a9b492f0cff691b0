"""Build the standalone one-folder bundle: `python3 resources/bundle/build.py` from the project's root.

The result is `dist/nianbao/`: copy that folder anywhere (same OS and architecture) and start
`dist/nianbao/nianbao`; it needs no Python and no network. `--if-stale` skips the build when the
bundle is newer than every source file, which keeps repeated test runs fast.
"""

from __future__ import annotations

import argparse
import fcntl
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SPEC = ROOT / "resources" / "bundle" / "nianbao.spec"
DIST = ROOT / "dist"
BUNDLE = DIST / "nianbao"
EXECUTABLE = BUNDLE / "nianbao"
# Written last by a build that finished: its time is the bundle's.
STAMP = BUNDLE / ".built"
LOCK = ROOT / "build" / "bundle.lock"


def sources() -> list[Path]:
    """The files whose change makes the bundle stale."""
    paths = [ROOT / "main.py", ROOT / "pyproject.toml"]
    for folder in ("models", "gui", "resources"):
        paths += (path for path in (ROOT / folder).rglob("*") if path.is_file() and "__pycache__" not in path.parts)
    return paths


def is_stale() -> bool:
    """True when there is no finished bundle or a source file changed after it was built."""
    if not STAMP.exists() or not EXECUTABLE.exists():
        return True
    built = STAMP.stat().st_mtime
    return any(path.stat().st_mtime > built for path in sources())


def build() -> float:
    """Run PyInstaller on the spec; returns the seconds it took."""
    start = time.monotonic()
    STAMP.unlink(missing_ok=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(ROOT / "build" / "bundle"),
            str(SPEC),
        ],
        cwd=ROOT,
        check=True,
    )
    STAMP.touch()
    return time.monotonic() - start


def size_of(folder: Path) -> int:
    """Bytes of every file under `folder`."""
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build.py", description="Build dist/nianbao/, the one-folder bundle")
    parser.add_argument("--if-stale", action="store_true", help="do nothing when the bundle is up to date")
    args = parser.parse_args(argv)
    LOCK.parent.mkdir(parents=True, exist_ok=True)
    with LOCK.open("w") as lock:
        # Two test runs at once (two work trees' helpers, say) would otherwise build into one folder.
        fcntl.flock(lock, fcntl.LOCK_EX)
        if args.if_stale and not is_stale():
            print(f"up to date: {EXECUTABLE}")
            return 0
        seconds = build()
    print(f"built {EXECUTABLE} in {seconds:.0f} s, {size_of(BUNDLE) / 2**20:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    from main import ensure_environment

    # PyInstaller comes with the test extra; this re-runs the script inside .venv once it is there.
    ensure_environment("test")
    sys.exit(main())
