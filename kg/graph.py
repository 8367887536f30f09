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
    """The knowledge graph of ``case``, built in a phase ``step`` hears of (counted in nodes and
    relationships).

    >>> from kg import load_case
    >>> graph = build_graph(load_case("examples/hotton"))
    >>> graph.nodes["officer-a"]["kind"]
    'Officer'
    """
    graph = nx.MultiDiGraph(name=case.name, title=case.title, description=case.description)
    advance = step("building the graph", sum(case.counts().values()), "nodes and relationships")
    joined = cache(to_text)  # rows share their lists of sources: one text for each list, not each row
    for label, node in counted(case.iter_nodes(), advance):
        graph.add_node(node.id, **element_attributes(label, node, joined))
    for rel_type, rel in counted(case.iter_relationships(), advance):
        graph.add_edge(rel.start_id, rel.end_id, key=rel.id, **element_attributes(rel_type, rel, joined))
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
