"""Progress on standard error: plain timestamped lines when it is not a terminal (``| tee``, CI),
a live line on a terminal, counts and time left for counted phases, counts that reach their
totals, and nothing before an error in the first phase."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from kg import forked, progress
from kg.analysis import AnalysisOptions, analyze
from kg.build import build
from kg.graph import graph_size
from kg.progress import BYTES, counted, phases
from kg.sources.cpdp import import_cpdp
from kg.sources.messenger import import_messenger
from kg.sources.whatsapp import import_whatsapp
from kg.viz.api import view
from kg.viz.drawing import ViewOptions
from tests.conftest import HOTTON, ROOT
from tests.progress_record import STAMPED, Recorded
from tests.test_chat_import import CHATS, EXAMPLE, EXPORT
from tests.test_cpdp_import import SLICE


def kg(*args: object) -> subprocess.CompletedProcess[str]:
    """The real command in a child process, its standard error a pipe (not a terminal)."""
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, check=False)  # fmt: skip


def stamped(stderr: str) -> list[tuple[str, str]]:
    """Each line of ``stderr`` as (command, text); fails on a line that is not a progress line."""
    found = [STAMPED.match(line) for line in stderr.splitlines()]
    assert all(found), stderr
    return [(m.group(1), m.group(2)) for m in found if m]


def phases_done(stderr: str) -> list[str]:
    """The phases a command's plain progress lines report ended, in order, without durations."""
    texts = [text for _, text in stamped(stderr)]
    assert re.fullmatch(r"done in \d+\.\d s", texts[-1])
    return [re.sub(r" \(\d+\.\d s\)$", "", text) for text in texts[:-1]]


def test_kg_build_under_a_pipe_writes_one_timestamped_line_per_phase(tmp_path: Path) -> None:
    result = kg("build", HOTTON, "--out", tmp_path / "build")
    assert result.returncode == 0, result.stderr
    assert {command for command, _ in stamped(result.stderr)} == {"kg build"}
    assert phases_done(result.stderr) == [
        "reading and checking the case", "building the graph", "writing graph.graphml", "writing graph.gexf",
        "writing graph.json", "writing nodes.csv", "writing relationships.csv", "writing graph.cypher",
        "writing neo4j-admin",
    ]  # fmt: skip
    assert "Wrote 41 files" in result.stdout and "kg build:" not in result.stdout


def test_kg_import_cpdp_names_each_file_it_read(tmp_path: Path) -> None:
    result = kg("import", "cpdp", SLICE, "--out", tmp_path / "case")
    assert result.returncode == 0, result.stderr
    assert phases_done(result.stderr) == [
        "reading officers.csv", "reading complaints.csv", "reading accused.csv", "reading officer_witnesses.csv",
        "reading unit_history.csv", "writing the case folder", "reading and checking the case",
    ]  # fmt: skip


def test_kg_import_whatsapp_reports_each_phase(tmp_path: Path) -> None:
    case = shutil.copytree(EXAMPLE / "case", tmp_path / "case")
    result = kg("import", "whatsapp", EXPORT, "--group", "Placeholder Group", "--aliases", EXAMPLE / "aliases.csv",
                "--into", case)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert phases_done(result.stderr) == [
        "reading the export", "reading and checking the case", "making the chat's nodes and relationships",
        "writing the case folder", "reading and checking the case",
    ]  # fmt: skip


def test_an_error_in_the_first_phase_is_the_only_line(tmp_path: Path) -> None:
    result = kg("build", tmp_path / "missing")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and not STAMPED.match(result.stderr)


def test_a_counted_phase_says_how_far_and_how_long_is_left(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "PLAIN_INTERVAL", 0.0)
    out = io.StringIO()
    with phases(Console(file=out), "kg load") as step:
        advance = step("loading", 200, "rows")
        advance(50)
        advance(150)
        step("reading", 2_000_000, BYTES)(500_000)
    texts = [text for _, text in stamped(out.getvalue())]
    assert re.fullmatch(r"loading: 50 of 200 rows \(25%\), about \d+ s left", texts[0])
    assert re.fullmatch(r"loading: 200 of 200 rows \(100%\), about 0 s left", texts[1])
    assert re.fullmatch(r"loading \(\d+\.\d s\)", texts[2])
    assert re.fullmatch(r"reading: 500.0 kB of 2.0 MB \(25%\), about \d+ s left", texts[3])


def test_on_a_terminal_there_are_no_plain_lines_and_a_counted_phase_shows_its_count() -> None:
    out = io.StringIO()
    with phases(Console(file=out, force_terminal=True, width=200), "kg analyze") as step:
        step("one")
        step("two", 10, "shuffles")(10)
    assert not any(STAMPED.match(line) for line in out.getvalue().splitlines())
    assert "kg analyze: two" in out.getvalue() and "10 of 10 shuffles" in out.getvalue()


def test_the_phases_go_on_after_a_pause_for_a_question() -> None:
    out = io.StringIO()
    with phases(Console(file=out, force_terminal=True, width=200), "kg load") as step:
        step("reading")
        with step.paused():
            out.write("QUESTION?\n")
        step("loading", 5, "rows")(5)
    after = out.getvalue().split("QUESTION?\n")
    assert len(after) == 2 and "kg load: loading" in after[1] and "5 of 5 rows" in after[1]


def test_a_failed_phase_is_not_reported_done() -> None:
    out = io.StringIO()
    with pytest.raises(RuntimeError), phases(Console(file=out), "kg analyze") as step:
        step("one")
        step("two")
        raise RuntimeError("stop")
    assert [text.split(" (")[0] for _, text in stamped(out.getvalue())] == ["one"]


def test_counted_items_are_told_in_chunks_and_in_full() -> None:
    told: list[int] = []
    assert list(counted(range(10), told.append, every=4)) == list(range(10))
    assert told == [4, 4, 2]
    assert list(counted([], told.append)) == [] and told == [4, 4, 2]


@pytest.mark.parametrize("fork", [False, True], ids=["alone", "forked"])
def test_every_counted_phase_of_a_build_reaches_its_total(fork, monkeypatch, tmp_path: Path) -> None:
    if fork:
        monkeypatch.setattr(forked, "FORK_SIZE", 0)
        monkeypatch.setattr(forked, "FORK_MEMORY", 1 << 60)
    step = Recorded()
    result = build(HOTTON, tmp_path / "build", step=step)
    assert step.unfinished() == []
    counted_phases = {p.name: p for p in step.phases if p.total is not None}
    assert counted_phases["reading and checking the case"].total == sum(
        p.stat().st_size for p in HOTTON.iterdir() if p.suffix == ".csv"
    )
    assert counted_phases["building the graph"].total == graph_size(result.graph)
    writing = [p for p in step.phases if p.name.startswith("writing")]
    assert len(writing) == (1 if fork else 7) and all(p.done for p in writing)


def test_every_counted_phase_of_an_import_reaches_its_total(tmp_path: Path) -> None:
    step = Recorded()
    import_cpdp(SLICE, tmp_path / "cpdp", step=step)
    assert step.unfinished() == [] and len([p for p in step.phases if p.unit == BYTES]) == 6
    chat = Recorded()
    case = shutil.copytree(EXAMPLE / "case", tmp_path / "case")
    import_whatsapp(EXPORT, case, "Placeholder Group", EXAMPLE / "aliases.csv", step=chat)
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("alias,officer\nOfficer B,officer-b\n", encoding="utf-8")
    import_messenger(CHATS / "messenger", case, aliases, step=chat)
    assert chat.unfinished() == []
    assert {"reading the export", "reading the conversation"} <= {p.name for p in chat.phases}


def test_the_spread_of_each_scope_is_counted_in_shuffles(tmp_path: Path) -> None:
    step = Recorded()
    analyze(HOTTON, tmp_path / "analysis", AnalysisOptions(shuffles=300), step=step)
    scopes = [p.name for p in step.phases if p.name.endswith(": risk set and exposure")]
    tests = [p for p in step.phases if p.unit == "shuffles"]
    assert scopes and [p.name for p in tests] == [
        n.replace("risk set and exposure", "time-shuffle test") for n in scopes
    ]
    assert all(p.total == 300 and 0 < p.done <= 300 for p in tests)
    assert all(p.done == p.total for p in step.phases if p.total is not None and p not in tests)


def test_every_counted_phase_of_the_view_by_team_reaches_its_total(tmp_path: Path) -> None:
    step = Recorded()
    view(HOTTON, tmp_path / "view.html", ViewOptions(by_team=True), step=step)
    assert step.unfinished() == []
    assert [p.name for p in step.phases if p.total is not None] == [
        "reading and checking the case", "building the graph", "team and chat memberships", "ties between officers",
        "the teams each tie joins",
    ]  # fmt: skip
