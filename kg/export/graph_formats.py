"""GraphML and node-link JSON exports of the knowledge graph (GEXF: :mod:`kg.export.gexf`)."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx


def export_graphml(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write ``graph`` as GraphML (typed attributes; relationship ids as edge ids), streamed to
    the file by networkx's lxml writer rather than built in memory.

    Reads back with ``networkx.read_graphml(path, force_multigraph=True)``, every value exact:
    a carriage return in the data is written as ``&#13;``, which XML parsers keep (a raw one
    they would turn into a line feed).
    """
    path = Path(path)
    nx.write_graphml_lxml(graph, path, encoding="utf-8", prettyprint=True)
    return path


def export_node_link_json(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write ``graph`` as networkx node-link JSON (``nodes`` and ``edges`` lists).

    Reads back with ``networkx.node_link_graph(json.load(f), edges="edges")``.
    """
    path = Path(path)
    data = nx.node_link_data(graph, edges="edges")
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
