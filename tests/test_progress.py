"""Progress on standard error: plain timestamped lines when it is not a terminal (``| tee``, CI),
a live line on a terminal, and nothing before an error in the first phase."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from kg import progress
from kg.progress import counted, phases
from tests.conftest import HOTTON, ROOT
from tests.test_cpdp_import import SLICE

STAMPED = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z (kg [a-z ]+): (.*)$")


def kg(*args: object) -> subprocess.CompletedProcess[str]:
    """The real command in a child process, its standard error a pipe (not a terminal)."""
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, check=False)  # fmt: skip


def stamped(stderr: str) -> list[tuple[str, str]]:
    """Each line of ``stderr`` as (command, text); fails on a line that is not a progress line."""
    found = [STAMPED.match(line) for line in stderr.splitlines()]
    assert all(found), stderr
    return [(m.group(1), m.group(2)) for m in found if m]


def test_kg_build_under_a_pipe_writes_one_timestamped_line_per_phase(tmp_path: Path) -> None:
    result = kg("build", HOTTON, "--out", tmp_path / "build")
    assert result.returncode == 0, result.stderr
    lines = stamped(result.stderr)
    assert {command for command, _ in lines} == {"kg build"}
    phases_done = [re.sub(r" \(\d+\.\d s\)$", "", text) for _, text in lines[:-1]]
    assert phases_done == [
        "reading and checking the case", "building the graph", "writing graph.graphml", "writing graph.gexf",
        "writing graph.json", "writing nodes.csv", "writing relationships.csv", "writing graph.cypher",
        "writing neo4j-admin",
    ]  # fmt: skip
    assert re.fullmatch(r"done in \d+\.\d s", lines[-1][1])
    assert "Wrote 41 files" in result.stdout and "kg build:" not in result.stdout


def test_kg_import_cpdp_names_each_file_it_read(tmp_path: Path) -> None:
    result = kg("import", "cpdp", SLICE, "--out", tmp_path / "case")
    assert result.returncode == 0, result.stderr
    texts = [re.sub(r" \(\d+\.\d s\)$", "", text) for _, text in stamped(result.stderr)]
    assert texts[:-1] == [
        "reading officers.csv", "reading complaints.csv", "reading accused.csv", "reading officer_witnesses.csv",
        "reading unit_history.csv", "writing and checking the case folder",
    ]  # fmt: skip


def test_an_error_in_the_first_phase_is_the_only_line(tmp_path: Path) -> None:
    result = kg("build", tmp_path / "missing")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and not STAMPED.match(result.stderr)


def test_counted_work_says_how_far_and_how_long_is_left(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "PLAIN_INTERVAL", 0.0)
    out = io.StringIO()
    with counted(Console(file=out), "kg load x", 200) as advance:
        advance(50)
        advance(150)
    texts = [text for _, text in stamped(out.getvalue())]
    assert texts[0].startswith("50 of 200 (25%), about ") and texts[0].endswith(" s left")
    assert texts[1].startswith("200 of 200 (100%)")
    assert re.fullmatch(r"200 of 200 in \d+\.\d s", texts[-1])


def test_on_a_terminal_there_are_no_plain_lines() -> None:
    out = io.StringIO()
    with phases(Console(file=out, force_terminal=True), "kg analyze") as step:
        step("one")
        step("two")
    assert not any(STAMPED.match(line) for line in out.getvalue().splitlines())
    out = io.StringIO()
    with counted(Console(file=out, force_terminal=True), "kg load x", 10) as advance:
        advance(10)
    assert "10/10" in out.getvalue() and not STAMPED.search(out.getvalue())


def test_a_failed_phase_is_not_reported_done() -> None:
    out = io.StringIO()
    with pytest.raises(RuntimeError), phases(Console(file=out), "kg analyze") as step:
        step("one")
        step("two")
        raise RuntimeError("stop")
    assert [text.split(" (")[0] for _, text in stamped(out.getvalue())] == ["one"]
