"""Silence is measured only where reports are recorded, and only reports made after the first
exposure count; an officer's two roles in one incident are one involvement."""

from __future__ import annotations

from kg.analysis import AnalysisOptions, analyze_graph
from kg.analysis.report import markdown
from tests.analysis.unit import unit_graph


def analysed(graph):
    return analyze_graph(graph, AnalysisOptions(shuffles=5))


def without_reports():
    graph = unit_graph()
    graph.remove_edges_from(
        [(u, v, k) for u, v, k, kind in graph.edges(keys=True, data="kind") if kind == "REPORTED"]
    )
    return graph


def test_without_any_report_silence_is_unknown_not_universal() -> None:
    analysis = analysed(without_reports())
    s = analysis.summary
    assert s["reports_recorded"] is False and s["silent_bystanders"] is None and s["reporters"] is None
    bystanders = analysis.tables["bystanders"]
    assert set(bystanders.column("silent")) == {None} and set(bystanders.column("reported")) == {None}
    assert set(analysis.tables["silence_by_team"].column("reporting_rate")) == {None}
    assert "so who stayed silent cannot be measured" in markdown(analysis)
    assert "never took part and made no report" not in markdown(analysis)


def test_a_report_made_before_the_exposure_does_not_count() -> None:
    """c reported m1 on 2 February 2017, the day after receiving it. Backdated to 2016, the same
    report predates c's first exposure, so c counts as silent."""
    before = analysed(unit_graph()).summary
    graph = unit_graph()
    for _, _, data in graph.out_edges("c", data=True):
        if data["kind"] == "REPORTED":
            data["reported_on"] = "2016-01-01"
    after = analysed(graph).summary
    assert (before["reporters"], after["reporters"]) == (1, 0)
    assert after["silent_bystanders"] == before["silent_bystanders"] + 1


def test_two_roles_in_one_incident_are_one_involvement() -> None:
    graph = unit_graph()
    graph.add_edge("b", "i1", key="extra", kind="ACCUSED_IN", sources="s", final_finding="sustained")
    assert analysed(graph).summary["involvements"] == analysed(unit_graph()).summary["involvements"]
