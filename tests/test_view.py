"""What ``kg view`` draws for each option, without a browser (test_view_browser.py opens the pages)."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from kg.build import graph_from
from kg.errors import UsageError
from kg.timeline import node_span
from kg.viz.api import view
from kg.viz.drawing import DrawEdge, Drawing, DrawNode, ViewOptions, officer_drawing
from kg.viz.layout import CELL, positions
from kg.viz.team_drawing import team_drawing
from tests.analysis.builder import GraphBuilder
from tests.conftest import HOTTON, TINY, run_kg


def page_data(path: Path) -> dict:
    match = re.search(r"const DATA = (.*);\n", path.read_text(encoding="utf-8"))
    assert match
    return json.loads(match.group(1))


def test_the_tiny_case_is_drawn_whole(tmp_path: Path) -> None:
    result = view(TINY, tmp_path / "tiny.html", ViewOptions(incidents=True))
    graph = graph_from(TINY)
    data = page_data(result.out)
    assert sorted(n["kgId"] for n in data["nodes"]) == sorted(
        n for n, k in graph.nodes(data="kind") if k != "Source"
    )
    officer = next(n for n in data["nodes"] if n["kgId"] == "officer-1")
    assert officer["kind"] == "Officer" and officer["shape"] == "dot" and officer["teams"] == ["team-1"]
    assert (
        officer["title"].startswith("Officer: Officer One\nrank: PC")
        and "source: src-report — Placeholder report" in officer["title"]
    )
    assert officer["t0"] == (date(2015, 1, 5) - date(1970, 1, 1)).days and officer["t1"] is None
    incident = next(n for n in data["nodes"] if n["kgId"] == "inc-1")
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
    one = view(TINY, tmp_path / "a.html", ViewOptions(focus="officer-3", hops=1, incidents=True)).drawing
    assert sorted(n.id for n in one.nodes) == ["inc-1", "inc-2", "officer-3", "team-1"]
    two = view(TINY, tmp_path / "b.html", ViewOptions(focus="officer-3", hops=2, incidents=True)).drawing
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
        HOTTON,
        tmp_path / "p.html",
        ViewOptions(start=date(2017, 1, 1), end=date(2017, 1, 31), incidents=True),
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


def test_small_components_sit_below_the_largest_one() -> None:
    """A triangle a-b-c, a pair d-e and two lone nodes f, g: the triangle is laid out by force,
    then the pair and the lone nodes in a row below it, largest first."""

    nodes = [DrawNode(n, "Officer", n, n, None, None, (), ()) for n in "abcdefg"]
    edges = [
        DrawEdge(f"{s}{t}", s, t, "coparticipation", "", None, None) for s, t in ("ab", "bc", "ca", "de")
    ]
    placed = positions(Drawing("t", nodes, edges))
    assert sorted(placed) == list("abcdefg")
    main = [placed[n] for n in "abc"]
    left, bottom = min(x for x, _ in main), max(y for _, y in main)
    columns = int((max(x for x, _ in main) - left) // CELL) + 1
    cells = [(left + (k % columns) * CELL, bottom + (k // columns + 1) * CELL) for k in range(3)]
    # the pair on a circle of radius CELL/3 around the first cell, the lone nodes at the next two
    d, e = placed["d"], placed["e"]
    assert d == (round(cells[0][0] + CELL / 3, 1), round(cells[0][1], 1))
    assert e == (round(cells[0][0] - CELL / 3, 1), round(cells[0][1], 1))
    assert placed["f"] == tuple(round(v, 1) for v in cells[1])
    assert placed["g"] == tuple(round(v, 1) for v in cells[2])
    assert positions(Drawing("t", nodes, edges)) == placed


def test_by_team_draws_teams_and_the_ties_between_their_officers() -> None:
    """a in t1; b in t1 until June 2016, then t2; c in t2; d in t3; e in no team. Messages:
    a→b in March (inside t1), a→c in August (t1→t2), c→a and b→a in September (t2→t1, b then
    in t2), a→e (e has no team); c and d share an incident in October (t2–t3)."""

    b = GraphBuilder().officers("a", "b", "c", "d", "e")
    b.member("a", "t1", "2016-01-01", None).member("b", "t1", "2016-01-01", "2016-06-30")
    b.member("b", "t2", "2016-07-01", None).member("c", "t2", "2016-01-01", None).member(
        "d", "t3", "2016-01-01", None
    )
    b.message("m1", "2016-03-01", "a", "b").message("m2", "2016-08-01", "a", "c")
    b.message("m3", "2016-09-01", "c", "a").message("m4", "2016-09-02", "b", "a").message(
        "m5", "2016-05-01", "a", "e"
    )
    b.incident("i1", "2016-10-01", incident_type="complaint").rel("c", "i1", "PARTICIPATED_IN").rel(
        "d", "i1", "PARTICIPATED_IN"
    )
    drawing = team_drawing(b.graph, ("message", "coparticipation"))
    assert [n.id for n in drawing.nodes] == ["t1", "t2", "t3"]
    assert [(e.id, e.weight, e.start) for e in drawing.edges] == [
        ("t1|t2|message", 1, date(2016, 8, 1)),
        ("t2|t1|message", 2, date(2016, 9, 1)),
        ("t2|t3|coparticipation", 1, date(2016, 10, 1)),
    ]
    assert drawing.edges[1].tooltip == "2 message ties between officers of T2 and T1\nevidence: m3, m4"
    t1 = drawing.nodes[0]
    assert t1.teams == ("t1",) and t1.tooltip.endswith("officers ever: 2\nmessage ties inside: 1")
    assert drawing.notes == ["1 tie of officers never in a team not drawn."]


def test_by_team_on_the_command_line(tmp_path: Path) -> None:
    result = run_kg("view", HOTTON, "--by-team", "--out", tmp_path / "teams.html")
    assert result.exit_code == 0, result.output
    data = page_data(tmp_path / "teams.html")
    assert {n["kind"] for n in data["nodes"]} == {"Team"}
    assert all(e["width"] >= 1 for e in data["edges"])
    refused = run_kg("view", HOTTON, "--by-team", "--officers-only", "--out", tmp_path / "x.html")
    assert refused.exit_code == 2 and "choose one" in refused.output
    assert not (tmp_path / "x.html").exists()


def test_by_default_group_ties_too_many_to_list_are_left_out_and_said_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Team t1 has three members (3 pairs); with a limit of 2 the by-team and officer views
    leave team ties out by default and say so, and refuse them when asked for by name."""
    from kg.analysis import ties

    monkeypatch.setattr(ties, "MAX_GROUP_TIES", 2)
    b = GraphBuilder().officers("a", "b", "c")
    for officer in ("a", "b", "c"):
        b.member(officer, "t1", "2016-01-01", None)
    b.member("c", "t2", "2016-01-01", None)
    b.message("m1", "2016-03-01", "a", "b")
    for drawing in (team_drawing(b.graph), officer_drawing(b.graph)):
        assert drawing.notes[0] == "team ties left out: about 3 pairs, more than the 2 kg lists"
        assert all(edge.kind != "team" for edge in drawing.edges)
    assert {e.kind for e in officer_drawing(b.graph).edges} == {"message"}
    with pytest.raises(UsageError, match="the team ties would number about 3"):
        team_drawing(b.graph, ("team",))


def test_an_officer_appointed_after_their_tie_is_drawn_in_its_period_and_named() -> None:
    """Officer b's recorded appointment (2005) is later than the incident b shares with a (2003):
    a view until the end of 2003 keeps b and the tie, and its note names the conflict."""
    from kg.viz.drawing import narrow

    b = GraphBuilder().officers("a", "c", joined="2000-01-01").officers("b", joined="2005-01-01")
    for incident, day, other in (("i", "2003-05-01", "b"), ("j", "2003-06-01", "c")):
        b.incident(incident, day, incident_type="complaint")
        b.rel("a", incident, "ACCUSED_IN").rel(other, incident, "ACCUSED_IN")
    full = officer_drawing(b.graph, ("coparticipation",))
    drawn = narrow(full, b.graph, ViewOptions(end=date(2003, 12, 31)))
    assert {n.id for n in drawn.nodes} == {"a", "b", "c"} and len(drawn.edges) == 2
    assert drawn.notes == [
        "Drawn although their recorded dates lie outside the period, because ties or relationships dated in it "
        "involve them (the records conflict): Name b (recorded 2005-01-01 to now)."
    ]
    before = narrow(full, b.graph, ViewOptions(end=date(2002, 12, 31)))
    assert {n.id for n in before.nodes} == {"a", "c"} and before.edges == [] and before.notes == []


def test_the_overview_folds_incidents_into_ties_that_list_them(tmp_path: Path) -> None:
    graph = graph_from(HOTTON)
    drawing = view(HOTTON, tmp_path / "overview.html").drawing
    kinds = {"Officer", "Team", "ChatGroup", "Outcome"}
    assert {n.kind for n in drawing.nodes} <= kinds
    assert len(drawing.nodes) == sum(1 for _, kind in graph.nodes(data="kind") if kind in kinds)
    ties = [e for e in drawing.edges if e.kind in ("message", "coparticipation")]
    assert ties and all(e.evidence and e.weight == len(e.evidence) for e in ties)
    a_to_b = next(e for e in ties if (e.source, e.target, e.kind) == ("officer-a", "officer-b", "message"))
    sent = {i for s, i, k in graph.edges(keys=False, data="kind") if s == "officer-a" and k == "SENT"}
    received = {i for s, i, k in graph.edges(keys=False, data="kind") if s == "officer-b" and k == "RECEIVED"}
    assert set(a_to_b.evidence) == sent & received
    assert all(i in drawing.evidence for e in drawing.edges for i in e.evidence)
    listed = drawing.evidence[a_to_b.evidence[0]]
    assert listed.sources and listed.day == node_span(graph, a_to_b.evidence[0])[0]


def large_force() -> GraphBuilder:
    """120 units of 3 officers; units 0–79 co-accused with their next nine (1 to 3 pairs of
    officers a pair of units), units 80–119 with nobody outside."""
    b = GraphBuilder()
    for unit in range(120):
        for k in range(3):
            b.officers(f"o{unit}-{k}").member(f"o{unit}-{k}", f"unit-{unit:03d}", "2010-01-01", None)
    number = 0
    for first in range(80):
        for second in range(first + 1, min(80, first + 10)):
            for k in range(1 + (first + second) % 3):
                number += 1
                b.incident(f"c{number}", "2012-01-01", incident_type="complaint")
                b.rel(f"o{first}-{k}", f"c{number}", "ACCUSED_IN").rel(
                    f"o{second}-{k}", f"c{number}", "ACCUSED_IN"
                )
    return b


def test_a_large_force_by_team_is_laid_out_thinned_and_sparingly_labelled() -> None:
    from kg.viz.layout import positions
    from kg.viz.page import STRONGEST, page_data
    from kg.viz.team_drawing import LABELLED

    drawing = team_drawing(large_force().graph, ("coparticipation",))
    assert drawing.fixed_layout and sum(1 for n in drawing.nodes if n.label) == LABELLED
    assert any("Labels on the 30 units with most officers" in note for note in drawing.notes)
    data = page_data(drawing)
    assert all("x" in n for n in data["nodes"]) and data["options"]["physics"]["enabled"] is False
    threshold = data["strongest"]
    drawn_first = [e for e in data["edges"] if e["weight"] >= threshold]
    assert (
        len(drawn_first) >= STRONGEST > len(drawn_first) - sum(e["weight"] == threshold for e in drawn_first)
    )
    assert len(drawn_first) < len(data["edges"]) and data["heaviest"] == 3
    placed = positions(drawing)
    lowest_connected = max(y for unit, (_, y) in placed.items() if int(unit[-3:]) < 80)
    assert all(placed[f"unit-{u:03d}"][1] > lowest_connected for u in range(80, 120)), (
        "lone units in rows below"
    )


def test_a_page_too_large_to_draw_quickly_says_what_to_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kg.viz import drawing

    monkeypatch.setattr(drawing, "SLOW_PAGE", 30)
    notes = view(HOTTON, tmp_path / "o.html").drawing.notes
    assert notes == ["33 nodes make a slow page: for a whole force, --by-team draws its units, and --max-nodes N or "
                     "--focus ID the part that matters."]  # fmt: skip
    assert view(HOTTON, tmp_path / "m.html", ViewOptions(max_nodes=40)).drawing.notes == []
