"""Exports of the knowledge graph: GraphML, GEXF, node-link JSON, CSV, neo4j-admin, Cypher."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import networkx as nx

from kg.export.cypher_script import export_cypher
from kg.export.gexf import export_gexf
from kg.export.graphml import export_graphml
from kg.export.neo4j_admin import export_neo4j_admin
from kg.export.node_link import export_node_link_json
from kg.export.spreadsheet_csv import export_nodes_csv, export_relationships_csv
from kg.forked import graph_size, side_by_side, worth_forking
from kg.gc_pause import paused_gc
from kg.progress import Step

__all__ = [
    "export_all",
    "export_cypher",
    "export_gexf",
    "export_graphml",
    "export_neo4j_admin",
    "export_node_link_json",
    "export_nodes_csv",
    "export_relationships_csv",
]


Writer = Callable[[nx.MultiDiGraph, Path], Path | list[Path]]
WRITERS: dict[str, Writer] = {
    "graph.graphml": export_graphml, "graph.gexf": export_gexf, "graph.json": export_node_link_json,
    "nodes.csv": export_nodes_csv, "relationships.csv": export_relationships_csv,
    "graph.cypher": export_cypher, "neo4j-admin": export_neo4j_admin,
}  # fmt: skip
"""Every export, by the file or folder it writes."""
FORKED_EXPORTS = ("graph.cypher", "graph.graphml", "graph.json", "nodes.csv")
"""The exports written in a forked child beside the others (about half of the work on the
Chicago records and on a large chat)."""


@paused_gc()
def export_all(graph: nx.MultiDiGraph, folder: str | Path, step: Step | None = None) -> list[Path]:
    """Write every export of ``graph`` into ``folder``, those of :data:`FORKED_EXPORTS` in a
    forked child beside the others when it is worth it (:func:`kg.forked.worth_forking`); returns
    the files written, in :data:`WRITERS` order. ``step`` hears each phase as it begins: each file
    in turn, or all of them at once when forked."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if worth_forking(graph_size(graph)):
        if step:
            step(f"writing {len(WRITERS)} exports, {len(FORKED_EXPORTS)} of them in a forked child")
        there, here = side_by_side(
            lambda: _write(graph, folder, [name for name in WRITERS if name in FORKED_EXPORTS]),
            lambda: _write(graph, folder, [name for name in WRITERS if name not in FORKED_EXPORTS]),
        )
        written = there | here
    else:
        written = _write(graph, folder, list(WRITERS), step)
    return [path for name in WRITERS for path in written[name]]


def _write(
    graph: nx.MultiDiGraph, folder: Path, names: list[str], step: Step | None = None
) -> dict[str, list[Path]]:
    """Write the exports ``names``, telling ``step`` of each; the files of each."""
    written = {}
    for name in names:
        if step:
            step(f"writing {name}")
        found = WRITERS[name](graph, folder / name)
        written[name] = found if isinstance(found, list) else [found]
    return written
