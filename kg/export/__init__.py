"""Exports of the knowledge graph: GraphML, GEXF, node-link JSON, CSV, neo4j-admin, Cypher."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.export.cypher_script import export_cypher
from kg.export.graph_formats import export_gexf, export_graphml, export_node_link_json
from kg.export.neo4j_admin import export_neo4j_admin
from kg.export.spreadsheet_csv import export_nodes_csv, export_relationships_csv
from kg.gc_pause import paused_gc

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
def export_all(graph: nx.MultiDiGraph, folder: str | Path) -> list[Path]:
    """Write every export of ``graph`` into ``folder``; returns the files written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return [
        export_graphml(graph, folder / "graph.graphml"),
        export_gexf(graph, folder / "graph.gexf"),
        export_node_link_json(graph, folder / "graph.json"),
        export_nodes_csv(graph, folder / "nodes.csv"),
        export_relationships_csv(graph, folder / "relationships.csv"),
        export_cypher(graph, folder / "graph.cypher"),
        *export_neo4j_admin(graph, folder / "neo4j-admin"),
    ]
