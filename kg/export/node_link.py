"""The node-link JSON export of the knowledge graph (GraphML: :mod:`kg.export.graphml`; GEXF:
:mod:`kg.export.gexf`)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

import networkx as nx

from kg.export.elements import Elements, as_elements
from kg.progress import Advance, counted, ignore


def export_node_link_json(
    graph: nx.MultiDiGraph | Elements, path: str | Path, advance: Advance = ignore
) -> Path:
    """Write ``graph`` (or its :class:`~kg.export.elements.Elements`) as networkx node-link JSON
    (``nodes`` and ``edges`` lists), streamed to the file one node or edge a line (each encoded
    by the json module's C encoder), telling ``advance`` of the nodes and edges written.

    Reads back with ``networkx.node_link_graph(json.load(f), edges="edges")``.
    """
    path = Path(path)
    elements = as_elements(graph)
    nodes = ({**data, "id": node} for node, data in counted(elements.nodes(), advance))
    edges = (
        {**data, "source": start, "target": end, "key": key}
        for start, end, key, data in counted(elements.edges(), advance)
    )
    with path.open("w", encoding="utf-8") as handle:
        handle.write(
            f'{{\n "directed": true,\n "multigraph": true,\n "graph": {_ONE_LINE.encode(elements.attributes)},\n'
        )
        _write_list(handle, "nodes", nodes)
        handle.write(",\n")
        _write_list(handle, "edges", edges)
        handle.write("\n}\n")
    return path


_ONE_LINE = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


def _write_list(handle: TextIO, name: str, items: Iterable[dict[str, Any]]) -> None:
    """``"name": [ … ]`` with one item a line."""
    handle.write(f' "{name}": [')
    written = 0
    for item in items:
        handle.write(("\n  " if written == 0 else ",\n  ") + _ONE_LINE.encode(item))
        written += 1
    handle.write("\n ]" if written else "]")
