"""Run the whole test suite: `python3 -m tests` from the project's root.

On first use this installs what the tests need: Debian's libraries for Qt offscreen and the
desktop-entry validator, then `.venv/` with the project and its test extras.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from main import QT_SYSTEM_PACKAGES, ensure_environment, ensure_system_packages  # noqa: E402

# desktop-file-utils: tests/test_desktop.py validates the desktop entry with desktop-file-validate.
ensure_system_packages((*QT_SYSTEM_PACKAGES, "desktop-file-utils"))
ensure_environment("test")

import os  # noqa: E402

import pytest  # noqa: E402

os.chdir(ROOT)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.exit(pytest.main(sys.argv[1:]))
