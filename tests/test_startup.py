"""Start-up: the faster answer given to PySide6's import hook is the answer PySide6 itself gives."""

from __future__ import annotations

import importlib
import sys

import pytest


@pytest.mark.parametrize("name", ["gui.app", "gui.text_view", "models.outline", "json", "pandas", "pyqtgraph", "math"])
def test_the_import_hook_answers_as_pyside6_does(name):
    """Whether a module's source mentions PySide6 comes out the same, read from the file or by inspect."""
    import gui.app  # noqa: F401  (installs the faster answer)

    feature = sys.modules["shibokensupport.feature"]
    ours = feature._mod_uses_pyside
    assert getattr(ours, "reads_file", False)
    module = importlib.import_module(name)
    assert ours(module) == ours.upstream(module)


def test_modules_that_use_pyside6_are_told_apart_from_those_that_do_not():
    import gui.app  # noqa: F401

    ours = sys.modules["shibokensupport.feature"]._mod_uses_pyside
    assert ours(importlib.import_module("gui.text_view")) is True
    assert ours(importlib.import_module("models.outline")) is False
