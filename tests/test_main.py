"""main.py's start: what it checks once per environment, and --version."""

from __future__ import annotations

import subprocess
import sys

import pytest

import main
from tests.conftest import ROOT

DEBIAN = pytest.mark.skipif(not main.Path("/usr/bin/dpkg-query").exists(), reason="not Debian: nothing is asked")


@DEBIAN
def test_system_packages_are_asked_for_once_per_environment(tmp_path, monkeypatch):
    """The dpkg query runs while there is no stamp; once every package is there, later starts skip it."""
    monkeypatch.setattr(main, "VENV", tmp_path)
    queries = []
    real_run = subprocess.run
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: queries.append(a) or real_run(*a, **k))
    main.ensure_system_packages(("dpkg",))
    main.ensure_system_packages(("dpkg",))
    assert len(queries) == 1
    assert list(tmp_path.glob(".system-packages-*"))
    main.ensure_system_packages(("dpkg", "coreutils"))  # another list is asked again
    assert len(queries) == 2


@DEBIAN
def test_a_missing_package_leaves_no_stamp(tmp_path, monkeypatch):
    monkeypatch.setattr(main, "VENV", tmp_path)
    monkeypatch.setattr(main.os, "geteuid", lambda: 1000)  # not root: says what is missing, installs nothing
    main.ensure_system_packages(("no-such-package-nianbao",))
    assert not list(tmp_path.glob(".system-packages-*"))


def test_version_is_printed_when_asked():
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--version"], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.startswith("年报阅读器 0.")
