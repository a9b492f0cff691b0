"""Run the whole test suite: `python3 -m tests` from the project's root.

On first use this installs what the tests need: Debian's libraries for Qt offscreen, the desktop-entry
validator, strace (the no-network and read-only traces) and librsvg's rsvg-convert (the exported SVG drawn by
a second renderer), then `.venv/` with the project and its test extras.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from main import QT_SYSTEM_PACKAGES, ensure_environment, ensure_system_packages

    ensure_system_packages((*QT_SYSTEM_PACKAGES, "desktop-file-utils", "strace", "librsvg2-bin"))
    ensure_environment("test")

    import pytest

    os.chdir(ROOT)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return pytest.main(sys.argv[1:])


# The guard matters: the window's background parser starts a "spawn" child process, which imports this
# module again as __mp_main__; without it the child would run the whole suite instead of parsing.
if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # Skip the interpreter's final teardown: Qt objects that pytest-qt's session QApplication still owns
    # are destroyed there in an order that can crash after the results are in (the window's own exit is
    # tested in a separate process by tests/test_window.py).
    os._exit(code)
