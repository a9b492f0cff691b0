"""Shared test setup: Qt offscreen, settings in a throwaway folder, and the bundled Sanming report."""

from __future__ import annotations

import os
import tempfile

# Before anything imports Qt: no display needed, and no test reads or writes the user's settings.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="nianbao-test-config-")

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SANMING = ROOT / "resources" / "reports" / "sanming-2017.txt"


@pytest.fixture(scope="session")
def sanming():
    """The bundled Sanming 2017 report, read once."""
    from models import load_report

    return load_report(SANMING)
