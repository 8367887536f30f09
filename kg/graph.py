"""Build the networkx knowledge graph from a Case.

The graph is a :class:`networkx.MultiDiGraph`: one node per case node (keyed by id) and one edge
per relationship (keyed by relationship id). Every node has ``kind`` (its label) and every edge
``kind`` (its type), then the case properties, then provenance: ``sources`` (ids joined with
``;``) and ``quote`` when given. Values are the Case's canonical values, so the graph writes to
GraphML and GEXF and reads back unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import networkx as nx

from kg.case import Case, NodeRow, RelationshipRow
from kg.gc_pause import paused_gc
from kg.progress import Step, counted, no_progress
from kg.values import Value, to_text


@paused_gc()
def build_graph(case: Case, step: Step = no_progress) -> nx.MultiDiGraph:
    """The knowledge graph of a valid ``case`` (unique ids, every relationship's ends among its
    nodes, as :func:`~kg.sources.case_folder.load_case` checks), built in a phase ``step`` hears
    of (counted in nodes and relationships).

    >>> from kg import load_case
    >>> graph = build_graph(load_case("examples/hotton"))
    >>> graph.nodes["officer-a"]["kind"]
    'Officer'
    """
    graph = nx.MultiDiGraph(name=case.name, title=case.title, description=case.description)
    advance = step("building the graph", sum(case.counts().values()), "nodes and relationships")
    joined = cache(to_text)  # rows share their lists of sources: one text for each list, not each row
    # networkx's own dicts, filled as add_node and add_edge fill them (the same graph, in the same
    # order) without copying each element's attributes twice through keyword arguments: a validated
    # case has unique ids and every relationship's ends, so nothing here needs their checks.
    attributes_of, successors, predecessors = graph._node, graph._succ, graph._pred
    for label, node in counted(case.iter_nodes(), advance):
        attributes_of[node.id] = element_attributes(label, node, joined)
        successors[node.id], predecessors[node.id] = {}, {}
    for rel_type, rel in counted(case.iter_relationships(), advance):
        ends = successors[rel.start_id]
        keyed = ends.get(rel.end_id)
        if keyed is None:
            keyed = ends[rel.end_id] = predecessors[rel.end_id][rel.start_id] = {}
        keyed[rel.id] = element_attributes(rel_type, rel, joined)
    return graph


def relationship_count(graph: nx.MultiDiGraph) -> int:
    """How many relationships ``graph`` has, counting each node's keyed edges (networkx's
    ``number_of_edges()`` sums every node's degree, which takes longer); still a pass over every
    relationship, so count once per command."""
    return len(graph.edges)


def graph_size(graph: nx.MultiDiGraph) -> int:
    """The entities of ``graph``: nodes and relationships."""
    return graph.number_of_nodes() + relationship_count(graph)


def element_attributes(
    kind: str, row: NodeRow | RelationshipRow, joined: Callable[[tuple[str, ...]], str] = to_text
) -> dict[str, Value]:
    """A row's graph attributes: kind, properties, then provenance (its sources ``joined`` as one text)."""
    attributes: dict[str, Value] = {"kind": kind, **row.properties, "sources": joined(row.sources)}
    if row.quote:
        attributes["quote"] = row.quote
    return attributes
