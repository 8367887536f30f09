"""What ``kg view`` draws for each option, without a browser (test_view_browser.py opens the pages)."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from kg.build import graph_from
from kg.errors import UsageError
from kg.view.api import view
from kg.view.drawing import ViewOptions
from tests.conftest import HOTTON, TINY, run_kg


def page_data(path: Path) -> dict:
    match = re.search(r"const DATA = (.*);\n", path.read_text(encoding="utf-8"))
    assert match
    return json.loads(match.group(1))


def test_the_tiny_case_is_drawn_whole(tmp_path: Path) -> None:
    result = view(TINY, tmp_path / "tiny.html")
    graph = graph_from(TINY)
    data = page_data(result.out)
    assert sorted(n["id"] for n in data["nodes"]) == sorted(
        n for n, k in graph.nodes(data="kind") if k != "Source"
    )
    officer = next(n for n in data["nodes"] if n["id"] == "officer-1")
    assert officer["kind"] == "Officer" and officer["shape"] == "dot" and officer["teams"] == ["team-1"]
    assert (
        officer["title"].startswith("Officer: Officer One\nrank: PC")
        and "source: src-report — Placeholder report" in officer["title"]
    )
    assert officer["t0"] == (date(2015, 1, 5) - date(1970, 1, 1)).days and officer["t1"] is None
    incident = next(n for n in data["nodes"] if n["id"] == "inc-1")
    assert incident["cats"] == ["cat-1"] and incident["shape"] == "diamond"
    witnessed = next(e for e in data["edges"] if e["kind"] == "WITNESSED")
    assert (
        witnessed["dashes"] is True
        and witnessed["arrows"] == "to"
        and "quote: “placeholder quote”" in witnessed["title"]
    )
    assert {item["text"] for item in data["legend"]} >= {"Officer", "Incident", "WITNESSED", "MEMBER_OF"}
    assert data["options"]["physics"]["enabled"] is True


def test_focus_keeps_the_neighbourhood(tmp_path: Path) -> None:
    one = view(TINY, tmp_path / "a.html", ViewOptions(focus="officer-3", hops=1)).drawing
    assert sorted(n.id for n in one.nodes) == ["inc-1", "inc-2", "officer-3", "team-1"]
    two = view(TINY, tmp_path / "b.html", ViewOptions(focus="officer-3", hops=2)).drawing
    assert {"officer-1", "cat-1", "station-1"} <= {n.id for n in two.nodes}
    with pytest.raises(UsageError, match="--focus nobody: no such node"):
        view(TINY, tmp_path / "c.html", ViewOptions(focus="nobody"))


def test_officers_only_draws_the_tie_network(tmp_path: Path) -> None:
    drawing = view(
        HOTTON, tmp_path / "o.html", ViewOptions(officers_only=True, tie_types=("message",))
    ).drawing
    assert {n.kind for n in drawing.nodes} == {"Officer"}
    assert {e.kind for e in drawing.edges} == {"message"}
    a_to_b = next(e for e in drawing.edges if (e.source, e.target) == ("officer-a", "officer-b"))
    assert a_to_b.tooltip.startswith("message tie\nweight: ") and a_to_b.start == date(2016, 1, 12)


def test_category_and_period(tmp_path: Path) -> None:
    graph = graph_from(HOTTON)
    drawing = view(HOTTON, tmp_path / "c.html", ViewOptions(category="cat-racism")).drawing
    incidents = {n.id for n in drawing.nodes if n.kind == "Incident"}
    assert incidents == {i for i, c in graph.edges() if c == "cat-racism"}
    period = view(
        HOTTON, tmp_path / "p.html", ViewOptions(start=date(2017, 1, 1), end=date(2017, 1, 31))
    ).drawing
    days = {n.start for n in period.nodes if n.kind == "Incident"}
    assert None in days  # undated incidents (the article's) are kept: their date is unknown
    assert len(days) > 1 and all(date(2017, 1, 1) <= d <= date(2017, 1, 31) for d in days - {None})
    assert all(n.end is None or n.end >= date(2017, 1, 1) for n in period.nodes)


def test_max_nodes_keeps_the_most_important_and_says_what_was_left_out(tmp_path: Path) -> None:
    drawing = view(HOTTON, tmp_path / "m.html", ViewOptions(max_nodes=10, size_by="degree")).drawing
    assert len(drawing.nodes) == 10
    full = view(HOTTON, tmp_path / "f.html", ViewOptions(size_by="degree")).drawing
    top = sorted(full.nodes, key=lambda n: (-n.size, n.id))[:10]
    assert {n.id for n in drawing.nodes} == {n.id for n in top}
    assert drawing.notes == [f"Showing the 10 nodes with the highest degree of {len(full.nodes):,}; left out: "
                             + ", ".join(f"{count} {kind}" for kind, count in sorted(_kinds(full, top).items())) + "."]  # fmt: skip
    assert drawing.notes[0] in (tmp_path / "m.html").read_text(encoding="utf-8")


def _kinds(full, top) -> dict[str, int]:
    kept = {n.id for n in top}
    counts: dict[str, int] = {}
    for n in full.nodes:
        if n.id not in kept:
            counts[n.kind] = counts.get(n.kind, 0) + 1
    return counts


def test_the_same_input_gives_the_same_bytes(tmp_path: Path) -> None:
    from benchmarks.bench_view import write_graph

    assert (
        view(HOTTON, tmp_path / "1.html").out.read_bytes()
        == view(HOTTON, tmp_path / "2.html").out.read_bytes()
    )
    assert (
        write_graph(1200, tmp_path / "3.html").read_bytes()
        == write_graph(1200, tmp_path / "4.html").read_bytes()
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--size-by", "charm"], "unknown --size-by 'charm'"),
        (["--from", "2018-01-01", "--until", "2017-01-01"], "--from 2018-01-01 is after --until 2017-01-01"),
        (["--until", "soon"], "--until 'soon': write a date as YYYY-MM-DD"),
        (["--category", "cat-none"], "unknown category cat-none"),
        (["--officers-only", "--ties", "friendship"], "unknown tie type friendship"),
    ],
)
def test_bad_options_exit_2_and_write_nothing(tmp_path: Path, args: list[str], message: str) -> None:
    result = run_kg("view", HOTTON, "--out", tmp_path / "v.html", *args)
    assert result.exit_code == 2 and message in result.output
    assert list(tmp_path.iterdir()) == []
