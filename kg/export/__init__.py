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


@paused_gc()
def export_all(graph: nx.MultiDiGraph, folder: str | Path, step: Step | None = None) -> list[Path]:
    """Write every export of ``graph`` into ``folder``; returns the files written. ``step`` hears
    each file's name as it begins."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    writers: list[tuple[str, Callable[[nx.MultiDiGraph, Path], Path | list[Path]]]] = [
        ("graph.graphml", export_graphml), ("graph.gexf", export_gexf), ("graph.json", export_node_link_json),
        ("nodes.csv", export_nodes_csv), ("relationships.csv", export_relationships_csv),
        ("graph.cypher", export_cypher), ("neo4j-admin", export_neo4j_admin),
    ]  # fmt: skip
    written: list[Path] = []
    for name, write in writers:
        if step:
            step(f"writing {name}")
        found = write(graph, folder / name)
        written += found if isinstance(found, list) else [found]
    return written
