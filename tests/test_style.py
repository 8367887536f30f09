"""The code passes the project's linter and formatter settings (pyproject.toml)."""

import subprocess
import sys

from tests.conftest import ROOT


def test_ruff_check_and_format() -> None:
    for args in (["check", "kg", "tests", "examples"], ["format", "--check", "kg", "tests", "examples"]):
        result = subprocess.run(
            [sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout + result.stderr
