"""The networkx build and the time spans, on the tiny case (values checked by hand)."""

from __future__ import annotations

from datetime import date

import networkx as nx
import pytest

from kg import build_graph, load_case
from kg.case import Case
from kg.graph import element_attributes, relationship_count
from kg.sources.case_builder import CaseBuilder
from kg.timeline import edge_span, node_span
from tests.conftest import TINY


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return build_graph(load_case(TINY))


def test_every_row_becomes_one_node_or_edge(graph: nx.MultiDiGraph) -> None:
    # 2 sources + 3 officers + team + station + 2 incidents + category + outcome
    assert graph.number_of_nodes() == 11
    # 3 MEMBER_OF + BASED_AT + SUPERVISES + SENT + RECEIVED + PARTICIPATED_IN + WITNESSED
    # + 2 IN_CATEGORY + AT + RECEIVED_OUTCOME
    assert graph.number_of_edges() == relationship_count(graph) == 13
    assert graph.graph == {
        "name": "tiny", "title": "Tiny hand-checkable case", "description": "Neutral placeholder data for tests.",
    }  # fmt: skip


def test_relationships_between_the_same_two_nodes_are_each_counted() -> None:
    graph = nx.MultiDiGraph()
    graph.add_edge("a", "b", key="first")
    graph.add_edge("a", "b", key="second")
    graph.add_edge("b", "a", key="back")
    assert relationship_count(graph) == 3


def _built_with_networkx_calls(case: Case) -> nx.MultiDiGraph:
    """The graph ``build_graph`` makes, made with networkx's public ``add_node`` and ``add_edge``."""
    graph = nx.MultiDiGraph(name=case.name, title=case.title, description=case.description)
    for label, node in case.iter_nodes():
        graph.add_node(node.id, **element_attributes(label, node))
    for rel_type, rel in case.iter_relationships():
        graph.add_edge(rel.start_id, rel.end_id, key=rel.id, **element_attributes(rel_type, rel))
    return graph


def _parallel_and_reverse_messages() -> Case:
    builder = CaseBuilder("pairs", "Pairs", "Placeholder.", "src", {"title": "Placeholder source"})
    for officer in ("officer-a", "officer-b"):
        builder.node("Officer", officer, name=officer)
    for message in ("m1", "m2", "m3"):
        builder.node("Incident", message, incident_type="message")
    builder.relationship("SENT", "officer-a", "m1")
    builder.relationship("SENT", "officer-a", "m2")
    builder.relationship("RECEIVED", "officer-b", "m1", rel_id="first")
    builder.relationship("RECEIVED", "officer-b", "m1", rel_id="second")
    builder.relationship("SENT", "officer-b", "m3")
    builder.relationship("RECEIVED", "officer-a", "m3")
    return builder.finished()


@pytest.mark.parametrize("case", [load_case(TINY), _parallel_and_reverse_messages()], ids=["tiny", "pairs"])
def test_the_graph_is_the_one_networkx_calls_build(case: Case) -> None:
    built, expected = build_graph(case), _built_with_networkx_calls(case)
    assert built.graph == expected.graph
    assert list(built.nodes(data=True)) == list(expected.nodes(data=True))
    assert list(built.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))
    assert list(built.in_edges(keys=True, data=True)) == list(expected.in_edges(keys=True, data=True))
    assert [list(built.pred[n]) for n in built] == [list(expected.pred[n]) for n in expected]
    assert built.number_of_edges() == expected.number_of_edges() == relationship_count(built)


def test_node_attributes_are_kind_properties_and_provenance(graph: nx.MultiDiGraph) -> None:
    assert graph.nodes["officer-3"] == {
        "kind": "Officer", "name": "Officer Three", "rank": "PC", "joined": "2016-09-01",
        "probationer": True, "sources": "src-report;src-demo",
    }  # fmt: skip
    assert graph.nodes["src-report"] == {
        "kind": "Source", "title": "Placeholder report", "source_type": "report",
        "published": "2019-04-01", "sources": "src-report",
    }  # fmt: skip


def test_occurred_on_is_filled_from_occurred_at(graph: nx.MultiDiGraph) -> None:
    assert graph.nodes["inc-1"]["occurred_on"] == "2016-10-02"
    assert graph.nodes["inc-1"]["severity"] == 2
    assert graph.nodes["inc-1"]["text"] == "placeholder text, with a comma"


def test_json_lines_values_are_typed_like_csv_values(graph: nx.MultiDiGraph) -> None:
    assert graph.nodes["outcome-1"]["decided_on"] == "2017-05"
    assert graph.nodes["outcome-1"]["sources"] == "src-report"
    assert graph.has_edge("officer-1", "outcome-1", "officer-1-RECEIVED_OUTCOME-outcome-1")


def test_relationships_are_keyed_by_their_id(graph: nx.MultiDiGraph) -> None:
    assert graph.edges["officer-1", "inc-2", "part-1"] == {
        "kind": "PARTICIPATED_IN", "role": "participant", "sources": "src-report",
    }  # fmt: skip
    assert graph.edges["officer-3", "inc-2", "officer-3-WITNESSED-inc-2"]["quote"] == "placeholder quote"


def test_spans_come_from_the_ontology_time_properties(graph: nx.MultiDiGraph) -> None:
    assert node_span(graph, "officer-3") == (date(2016, 9, 1), None)
    assert node_span(graph, "team-1") == (date(2012, 1, 1), date(2018, 12, 31))
    assert node_span(graph, "outcome-1") == (date(2017, 5, 1), None)
    assert node_span(graph, "cat-1") == (None, None)
    assert edge_span(graph, "officer-3", "team-1", "officer-3-MEMBER_OF-team-1") == (
        date(2016, 9, 1),
        date(2017, 6, 30),
    )


def test_a_relationship_without_time_appears_with_its_later_end(graph: nx.MultiDiGraph) -> None:
    assert edge_span(graph, "officer-1", "inc-1", "officer-1-SENT-inc-1") == (date(2016, 10, 2), None)
    assert edge_span(graph, "officer-1", "outcome-1", "officer-1-RECEIVED_OUTCOME-outcome-1") == (
        date(2017, 5, 1),
        None,
    )
    assert edge_span(graph, "inc-1", "cat-1", "inc-1-IN_CATEGORY-cat-1") == (date(2016, 10, 2), None)


def test_a_node_id_is_one_string_however_many_rows_name_it() -> None:
    case = load_case(TINY)
    node_ids = {row.id: row.id for _, row in case.iter_nodes()}
    ends = [end for _, rel in case.iter_relationships() for end in (rel.start_id, rel.end_id)]
    assert ends and all(end is node_ids[end] for end in ends)
