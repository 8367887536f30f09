"""Spreadsheet-friendly exports: every node in ``nodes.csv``, every relationship in
``relationships.csv``, one column per ontology property."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.export.csv_files import write_csv
from kg.ontology import NODE_KINDS, PROVENANCE, RELATIONSHIP_KINDS, Property
from kg.progress import Advance, counted, ignore


def _names(properties: list[Property]) -> list[str]:
    """Property names in first-seen order, each once."""
    return list(dict.fromkeys(p.name for p in properties))


NODE_COLUMNS = ["id", "kind", *_names([p for k in NODE_KINDS for p in k.properties] + list(PROVENANCE))]
RELATIONSHIP_COLUMNS = [
    "id", "kind", "start_id", "end_id",
    *_names([p for k in RELATIONSHIP_KINDS for p in k.properties] + list(PROVENANCE)),
]  # fmt: skip


def export_nodes_csv(graph: nx.MultiDiGraph, path: str | Path, advance: Advance = ignore) -> Path:
    """Write every node, one row each, with a column for every node property of the ontology
    (``advance`` hears of the rows written)."""
    nodes = counted(graph.nodes(data=True), advance)
    columns = NODE_COLUMNS[1:]
    rows = ([node, *map(data.get, columns)] for node, data in nodes)
    return write_csv(Path(path), NODE_COLUMNS, rows, for_spreadsheets=True)


def export_relationships_csv(graph: nx.MultiDiGraph, path: str | Path, advance: Advance = ignore) -> Path:
    """Write every relationship, one row each, with its ends and every relationship property
    (``advance`` hears of the rows written)."""
    columns = RELATIONSHIP_COLUMNS[4:]
    rows = (
        [key, data["kind"], start, end, *map(data.get, columns)]
        for start, end, key, data in counted(graph.edges(keys=True, data=True), advance)
    )
    return write_csv(Path(path), RELATIONSHIP_COLUMNS, rows, for_spreadsheets=True)
