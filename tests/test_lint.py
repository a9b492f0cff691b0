"""The code's own checks run with the tests: ruff's checks and formatting on the whole tree, mypy strict on models/."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_finds_nothing():
    """ruff (configured in pyproject.toml) reports no problem anywhere in the project."""
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_ruff_format_changes_nothing():
    """Every file is as `ruff format` writes it (the line length and style are in pyproject.toml)."""
    command = [sys.executable, "-m", "ruff", "format", "--check", "--output-format", "concise", "."]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_models_pass_mypy_strict():
    """models/ type-checks under mypy --strict (the settings are in pyproject.toml)."""
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
