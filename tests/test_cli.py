"""The real CLI: help texts, exit codes and the files it writes."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.core import TyperGroup

from kg import __version__
from kg.cli import app, run
from tests.conftest import HOTTON, ROOT, TINY, run_kg


def command_paths(group: TyperGroup, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every leaf command as the words that call it, e.g. ("query", "run")."""
    paths = []
    for name, command in group.commands.items():
        if isinstance(command, TyperGroup):
            paths += command_paths(command, (*prefix, name))
        else:
            paths.append((*prefix, name))
    return sorted(paths)


COMMANDS = command_paths(typer.main.get_command(app))


def test_every_command_is_found() -> None:
    assert COMMANDS == [
        ("analyze",),
        ("build",),
        ("evaluate",),
        ("import", "cpdp"),
        ("import", "messenger"),
        ("import", "whatsapp"),
        ("load",),
        ("query", "list"),
        ("query", "run"),
        ("simulate",),
        ("validate",),
        ("verify",),
        ("view",),
    ]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_a_summary_and_an_example(command: tuple[str, ...]) -> None:
    result = run_kg(*command, "--help")
    assert result.exit_code == 0
    assert f"Example: kg {' '.join(command)}" in result.output
    summary = run_kg(*command[:-1], "--help").output
    assert command[-1] in summary


def test_help_is_never_cut_short_when_not_on_a_terminal() -> None:
    """Piped help (``kg view --help | less``) keeps every word whole: no ellipsis where rich
    would cut long option names and defaults at 80 columns."""
    for command in COMMANDS:
        shown = subprocess.run([sys.executable, "-m", "kg", *command, "--help"], cwd=ROOT, capture_output=True,
                               text=True, check=True, env={k: v for k, v in os.environ.items() if k != "TERMINAL_WIDTH"})  # fmt: skip
        cut = [line for line in shown.stdout.splitlines() if "…" in line and "accused, …" not in line]
        assert not cut, (command, cut)


def test_open_says_when_no_browser_could_be_started(tmp_path: Path) -> None:
    """The page is written (exit 0) and stderr says the browser did not start, naming the page."""
    page = tmp_path / "view.html"
    shown = subprocess.run([sys.executable, "-m", "kg", "view", TINY, "--out", page, "--open"], cwd=ROOT,
                           capture_output=True, text=True, check=False, env={**os.environ, "BROWSER": "false"})  # fmt: skip
    assert shown.returncode == 0 and page.is_file()
    assert f"--open: no browser could be started here; open {page.resolve().as_uri()}" in shown.stderr


def test_the_command_keeps_its_exit_status_and_leaves_its_objects_out_of_the_last_collection(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    gc.unfreeze()
    for argv, status in ((["kg", "--version"], 0), (["kg", "validate", "no-such-folder"], 2)):
        monkeypatch.setattr(sys, "argv", argv)
        try:
            with pytest.raises(SystemExit) as stop:
                run()
            assert stop.value.code == status and gc.get_freeze_count() > 0
        finally:
            gc.unfreeze()
    assert capsys.readouterr().out.strip() == f"kg {__version__}"


def test_version() -> None:
    assert run_kg("--version").output.strip() == f"kg {__version__}"


def test_validate_a_good_case() -> None:
    result = run_kg("validate", TINY)
    assert result.exit_code == 0
    assert result.stdout.strip() == f"{TINY}: valid (24 rows in 17 kinds)"


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


def test_a_build_replaces_its_folder_whole(tmp_path: Path) -> None:
    """An earlier build's folder is replaced whole: nothing of it survives beside the new files
    (not a stale export, not a file of another case), and the manifest lists exactly what is there."""
    out = tmp_path / "out"
    assert run_kg("build", HOTTON, "--out", out).exit_code == 0
    (out / "graph.json").write_text("stale", encoding="utf-8")
    (out / "left-behind.txt").write_text("placeholder", encoding="utf-8")
    assert run_kg("build", TINY, "--out", out).exit_code == 0
    assert (out / "graph.json").read_text(encoding="utf-8").startswith("{")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert on_disk == set(manifest["outputs"]) | {"manifest.json"}
    assert manifest["case"] == "tiny"


def test_a_build_may_replace_a_folder_holding_only_an_earlier_analysis_and_view(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_kg("analyze", TINY, "--out", out / "analysis", "--shuffles", "20").exit_code == 0
    assert run_kg("view", TINY, "--out", out / "view.html").exit_code == 0
    assert run_kg("build", TINY, "--out", out).exit_code == 0
    assert (out / "manifest.json").is_file() and not (out / "analysis").exists()


def test_a_folder_that_is_not_a_build_is_never_replaced(tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("placeholder", encoding="utf-8")
    result = run_kg("build", TINY, "--out", out)
    assert result.exit_code == 2
    assert "holds 'notes.txt' and no manifest.json" in result.stderr and "Traceback" not in result.output
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    a_file = tmp_path / "a-file"
    a_file.write_text("placeholder", encoding="utf-8")
    named_a_file = run_kg("build", TINY, "--out", a_file)
    assert named_a_file.exit_code == 2 and "is not a folder" in named_a_file.stderr
    assert a_file.read_text(encoding="utf-8") == "placeholder"
