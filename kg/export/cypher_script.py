"""A Cypher script that creates the case's graph, for ``cypher-shell -f graph.cypher``.

It first creates the schema (constraints and indexes from the ontology), then merges nodes and
relationships on ``(case_id, id)`` in batches, so running it twice changes nothing. Data values
are written by :mod:`kg.cypher_literal`; labels, types and property keys come from the ontology.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import networkx as nx

from kg.cypher_literal import literal, map_literal, name, scalar_literal
from kg.neo4j_model import (
    CASE_KEY,
    node_properties,
    nodes_by_label,
    relationship_properties,
    relationships_by_type,
    schema_statements,
    typed_properties,
)
from kg.ontology import Property

BATCH_SIZE = 500


def _batches(items: list, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _properties_map(properties: tuple[Property, ...], data: dict[str, Any], identity: dict[str, str]) -> str:
    values = typed_properties(properties, data)
    encoded = {**identity, **{p.name: literal(p, values[p.name]) for p in properties if p.name in values}}
    return map_literal(encoded)


def cypher_statements(graph: nx.MultiDiGraph, batch_size: int = BATCH_SIZE) -> Iterator[str]:
    """The script's statements (without the terminating ``;``)."""
    case = scalar_literal(str(graph.graph.get("name", "")))
    yield from schema_statements()
    for label, nodes in nodes_by_label(graph):
        properties = node_properties(label)
        for batch in _batches(nodes, batch_size):
            rows = ",\n  ".join(
                map_literal(
                    {
                        "id": scalar_literal(node),
                        "props": _properties_map(
                            properties, data, {CASE_KEY: case, "id": scalar_literal(node)}
                        ),
                    }
                )
                for node, data in batch
            )
            yield (
                f"UNWIND [\n  {rows}\n] AS row\n"
                f"MERGE (n:{name(label)} {{{name(CASE_KEY)}: {case}, id: row.id}})\n"
                f"SET n = row.props"
            )
    for rel_type, edges in relationships_by_type(graph):
        properties = relationship_properties(rel_type)
        by_ends: dict[tuple[str, str], list] = {}
        for u, v, key, data in edges:
            by_ends.setdefault((graph.nodes[u]["kind"], graph.nodes[v]["kind"]), []).append((u, v, key, data))
        for (start_label, end_label), group in by_ends.items():
            for batch in _batches(group, batch_size):
                rows = ",\n  ".join(
                    map_literal(
                        {
                            "start_id": scalar_literal(u),
                            "end_id": scalar_literal(v),
                            "id": scalar_literal(key),
                            "props": _properties_map(
                                properties, data, {CASE_KEY: case, "id": scalar_literal(key)}
                            ),
                        }
                    )  # fmt: skip
                    for u, v, key, data in batch
                )
                yield (
                    f"UNWIND [\n  {rows}\n] AS row\n"
                    f"MATCH (a:{name(start_label)} {{{name(CASE_KEY)}: {case}, id: row.start_id}})\n"
                    f"MATCH (b:{name(end_label)} {{{name(CASE_KEY)}: {case}, id: row.end_id}})\n"
                    f"MERGE (a)-[r:{name(rel_type)} {{{name(CASE_KEY)}: {case}, id: row.id}}]->(b)\n"
                    f"SET r = row.props"
                )


def export_cypher(graph: nx.MultiDiGraph, path: str | Path, batch_size: int = BATCH_SIZE) -> Path:
    """Write the Cypher script for ``graph`` to ``path``."""
    path = Path(path)
    header = (
        f"// Knowledge graph of case {scalar_literal(str(graph.graph.get('name', '')))}, written by kg.\n"
        "// Run with: cypher-shell -a neo4j://HOST:7687 -u USER -d DATABASE -f graph.cypher\n"
        "// Safe to run again: nodes and relationships are merged on (case_id, id).\n"
    )
    body = ";\n\n".join(cypher_statements(graph, batch_size))
    path.write_text(header + "\n" + body + ";\n", encoding="utf-8")
    return path
