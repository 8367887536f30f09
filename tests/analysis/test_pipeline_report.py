import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kg.analysis import AnalysisOptions, analyze_graph
from kg.analysis.report import markdown, write_analysis
from kg.build import graph_from
from kg.errors import UsageError
from tests.analysis.unit import unit_graph
from tests.conftest import HOTTON
from tests.progress_record import Recorded

HOSTILE = '<script>window.pwned=1</script>| $x^2$ & "quoted"'


def test_the_pipeline_on_the_unit() -> None:
    analysis = analyze_graph(unit_graph(), AnalysisOptions(shuffles=20))
    s = analysis.summary
    assert (s["officers"], s["involvements"], s["adopters"], s["seeds"]) == (7, 4, 4, 3)
    assert (s["exposed_officers"], s["silent_bystanders"], s["reporters"]) == (6, 2, 1)
    assert (s["supervision_gaps"], s["involved_or_accused"], s["with_outcome"], s["sanctioned"]) == (
        2,
        5,
        2,
        1,
    )
    assert set(analysis.tables) == {
        "adoptions", "adoption_curve", "exposure_response", "contagion", "hazard_model", "transmission", "bystanders",
        "silence_by_team", "supervisors_of_participants", "participating_supervisors", "supervision_gaps",
        "accountability", "outcomes_by_team", "outcomes_by_rank", "centrality", "brokers", "crews", "communities",
        "ties_and_units",
    }  # fmt: skip
    tree = analysis.tables["transmission"]
    seeds = [row[1] for row in tree.rows if row[0] == "all" and row[tree.columns.index("seed")]]
    # a (1 Feb) and s (10 Feb) adopted in the same month, so neither exposed the other; e's only
    # tie is to f, who never took part
    assert seeds == ["a", "s", "e"]
    adoptions = analysis.tables["adoptions"]
    b_row = adoptions.rows[adoptions.column("officer").index("b")]
    exposure = ["message=1", "coparticipation=0", "team=2", "chat=0", "any=3"]
    assert b_row[adoptions.columns.index("exposure")] == exposure  # ties: a as sender and as teammate


def test_an_unknown_category_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown category cat-nope; the case has: cat-x"):
        analyze_graph(unit_graph(), AnalysisOptions(categories=("cat-nope",), shuffles=5))


def test_bad_options_are_refused() -> None:
    for bad in ({"network": "friends"}, {"period": "day"}, {"shuffles": 0}):
        with pytest.raises(ValueError):
            AnalysisOptions(**bad)


def hostile_graph():
    graph = unit_graph()
    for node in ("a", "b", "s", "t1"):
        graph.nodes[node]["name"] = f"{node} {HOSTILE}"
    return graph


def test_outputs_are_byte_identical_across_runs(tmp_path: Path) -> None:
    hashes = []
    for run in ("one", "two"):
        folder = tmp_path / run
        folder.mkdir()
        write_analysis(analyze_graph(unit_graph(), AnalysisOptions(shuffles=20)), folder)
        hashes.append({p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()})
    assert hashes[0] == hashes[1] and len(hashes[0]) == 19 + 7 + 3


def test_hostile_names_are_escaped_everywhere(tmp_path: Path) -> None:
    write_analysis(analyze_graph(hostile_graph(), AnalysisOptions(shuffles=5)), tmp_path)
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<script" not in page and "&lt;script&gt;window.pwned=1&lt;/script&gt;" in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "http://" not in page and "https://" not in page  # nothing to fetch; figures are data: URIs
    for figure in (tmp_path / "figures").glob("*.svg"):
        root = ET.parse(figure).getroot()  # well-formed: the names were escaped, not pasted
        assert not [e for e in root.iter() if e.tag.endswith("script")]
    pagerank = (tmp_path / "figures" / "top_pagerank.svg").read_text(encoding="utf-8")
    assert "$x^2$" in pagerank  # drawn as text, not as mathtext
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "\\| $x^2$" in markdown  # a | in a cell cannot break the table
    data = json.loads((tmp_path / "analysis.json").read_text(encoding="utf-8"))
    names = data["tables"]["centrality"]["columns"].index("officer_name")
    assert f"a {HOSTILE}" in [row[names] for row in data["tables"]["centrality"]["rows"]]


def test_a_network_too_big_to_list_is_refused_with_advice(monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.analysis import ties

    steps = Recorded()
    monkeypatch.setattr(ties, "MAX_GROUP_TIES", 9)  # the unit's teams: t1 has 5 members (10 pairs), t2 2 (1)
    with pytest.raises(
        UsageError,
        match=r"about 11 team and chat ties \(more than 9\); use --network auto, coparticipation or message",
    ):
        analyze_graph(unit_graph(), AnalysisOptions(shuffles=5, network="combined"), steps)
    # refused once the network's inputs are read, before any other work
    assert [p.name for p in steps.phases] == [
        "message and co-participation ties",
        "team and chat memberships",
        "officer network",
    ]
    assert (
        analyze_graph(unit_graph(), AnalysisOptions(shuffles=5, network="message")).summary["network_ties"]
        == 3
    )


def test_by_default_group_ties_too_many_to_list_are_left_out_and_said_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kg.analysis import ties

    monkeypatch.setattr(ties, "MAX_GROUP_TIES", 9)
    analysis = analyze_graph(unit_graph(), AnalysisOptions(shuffles=5))
    assert analysis.structure_parameters["tie_types"] == ["message", "coparticipation", "chat"]
    assert analysis.structure_parameters["left_out"] == {"team": 11}
    report = markdown(analysis)
    assert "officer network of message, coparticipation, chat ties (" in report
    assert "Team ties left out: about 11 pairs, more than the 9 kg lists" in report
    assert "exposure through those groups still counts in the spread analysis" in report


def test_by_default_the_categories_with_most_adopters_are_analysed() -> None:
    from kg.build import graph_from
    from tests.conftest import HOTTON

    analysis = analyze_graph(graph_from(HOTTON), AnalysisOptions(shuffles=5, max_categories=2))
    # ableism, homophobia, misogyny, racism, sexualised content and violence have 11 adopters each
    # (bullying 10, harassment 7): the first two ids of the tied ones
    assert list(analysis.spread) == ["all", "cat-ableism", "cat-homophobia"]


def test_the_findings_give_the_placebo_beside_the_verdict_and_separate_thousands() -> None:
    from kg.analysis.report import _silence_summary, findings

    analysis = analyze_graph(graph_from(HOTTON), AnalysisOptions(shuffles=20, max_categories=0))
    spread = next(line for line in findings(analysis) if line.startswith("How it spread: "))
    assert (
        "Time-shuffle test" in spread
        and "Placebo (ties to officers who adopt only in the next year)" in spread
    )
    assert _silence_summary({"reports_recorded": False, "exposed_officers": 22594}).startswith(
        "22,594 officers"
    )
