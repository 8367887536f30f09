"""The real CLI: help texts, exit codes and the files it writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import __version__
from kg.cli import app
from tests.conftest import TINY, run_kg

COMMANDS = sorted(command.name or command.callback.__name__ for command in app.registered_commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_a_summary_and_an_example(command: str) -> None:
    result = run_kg(command, "--help")
    assert result.exit_code == 0
    assert f"Example: kg {command}" in result.output
    summary = run_kg("--help").output
    assert command in summary


def test_version() -> None:
    assert run_kg("--version").output.strip() == f"kg {__version__}"


def test_validate_a_good_case() -> None:
    result = run_kg("validate", TINY)
    assert result.exit_code == 0
    assert result.output.strip() == f"{TINY}: valid (24 rows in 17 kinds)"


def test_build_writes_to_the_given_folder(tmp_path: Path) -> None:
    result = run_kg("build", TINY, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "Case tiny: 11 nodes, 13 relationships" in result.output
    assert f"Wrote 25 files to {tmp_path / 'out'}/" in result.output
    assert (tmp_path / "out" / "graph.graphml").is_file()
    assert (tmp_path / "out" / "neo4j-admin" / "nodes_Officer.csv").is_file()


def test_build_defaults_to_exports_case_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_kg("build", TINY)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "exports" / "tiny" / "manifest.json").is_file()


def test_build_replaces_previous_outputs_in_place(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_kg("build", TINY, "--out", out).exit_code == 0
    (out / "graph.json").write_text("stale", encoding="utf-8")
    (out / "notes.txt").write_text("the user's own file", encoding="utf-8")
    assert run_kg("build", TINY, "--out", out).exit_code == 0
    assert (out / "graph.json").read_text(encoding="utf-8").startswith("{")
    assert (out / "notes.txt").read_text(encoding="utf-8") == "the user's own file"
