"""GraphML, GEXF and node-link JSON exports of the knowledge graph."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter
from networkx.readwrite.graphml import GraphMLWriter

from kg.timeline import edge_span, node_span


def export_graphml(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write ``graph`` as GraphML (typed attributes; relationship ids as edge ids).

    Reads back with ``networkx.read_graphml(path, force_multigraph=True)``, every value exact:
    a carriage return in the data is written as ``&#13;``, which XML parsers keep (a raw one
    they would turn into a line feed).
    """
    path = Path(path)
    writer = GraphMLWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph_element(graph)
    text = "<?xml version='1.0' encoding='utf-8'?>\n" + str(writer).rstrip("\n") + "\n"
    path.write_text(text.replace("\r", "&#13;"), encoding="utf-8", newline="")
    return path


def export_gexf(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write ``graph`` as dynamic GEXF 1.2 for Gephi.

    Each node is labelled with its ``name`` (or id) and every node and edge with a known time
    gets ``start``/``end`` dates (see :mod:`kg.timeline`), so Gephi's timeline replays the case.
    The file carries no modification date, so the same graph always gives the same bytes.
    """
    path = Path(path)
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    assert meta is not None
    meta.attrib.pop("lastmodifieddate", None)
    writer.add_graph(_with_time(graph))
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def _with_time(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    timed = nx.MultiDiGraph(name=graph.graph.get("name", ""))
    for node, data in graph.nodes(data=True):
        timed.add_node(
            node, label=str(data.get("name", node)), **data, **_span_attributes(node_span(graph, node))
        )
    for start, end, key, data in graph.edges(keys=True, data=True):
        span = _span_attributes(edge_span(graph, start, end, key))
        timed.add_edge(start, end, key=key, id=key, **data, **span)
    return timed


def _span_attributes(span: tuple) -> dict[str, str]:
    first, last = span
    attributes = {}
    if first:
        attributes["start"] = first.isoformat()
    if last:
        attributes["end"] = last.isoformat()
    return attributes


def export_node_link_json(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write ``graph`` as networkx node-link JSON (``nodes`` and ``edges`` lists).

    Reads back with ``networkx.node_link_graph(json.load(f), edges="edges")``.
    """
    path = Path(path)
    data = nx.node_link_data(graph, edges="edges")
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
