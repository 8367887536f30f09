"""Shared test helpers: the tiny hand-checkable case, a copy to break, and the real CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from kg.cli import app

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "fixtures" / "tiny"
HOTTON = ROOT / "examples" / "hotton"


def run_kg(*args: object) -> Result:
    """Run the real ``kg`` CLI in-process and return its result (stdout, stderr, exit code)."""
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def tiny_copy(tmp_path: Path) -> Path:
    """A writable copy of the tiny case, for tests that break it."""
    return Path(shutil.copytree(TINY, tmp_path / "tiny"))
