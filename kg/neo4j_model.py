"""How the knowledge graph is represented in Neo4j, shared by every Neo4j-facing writer.

Labels are node kinds and relationship types are relationship kinds, both only ever taken from
the ontology. Several cases can share one database: every node and relationship carries the case
key :data:`CASE_KEY`, and nodes are unique on ``(case_id, id)``. Dates become Neo4j ``DATE``
values (a reduced-precision date such as ``2018`` becomes its first day), datetimes ``DATETIME``
values, and ``sources`` a list of strings.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx

from kg.ontology import (
    NODE_KIND_BY_LABEL,
    NODE_KINDS,
    PROVENANCE,
    RELATIONSHIP_KIND_BY_TYPE,
    RELATIONSHIP_KINDS,
    Property,
    ValueType,
)
from kg.values import to_date

CASE_KEY = "case_id"

ADMIN_TYPES: dict[ValueType, str] = {
    ValueType.STRING: "string",
    ValueType.INTEGER: "long",
    ValueType.FLOAT: "double",
    ValueType.BOOLEAN: "boolean",
    ValueType.DATE: "date",
    ValueType.DATETIME: "datetime",
    ValueType.STRING_LIST: "string[]",
}
"""neo4j-admin import header types of the ontology's value types."""


def node_properties(label: str) -> tuple[Property, ...]:
    """The Neo4j properties of a node label besides ``case_id`` and ``id``, in order."""
    return (*NODE_KIND_BY_LABEL[label].properties, *PROVENANCE)


def relationship_properties(rel_type: str) -> tuple[Property, ...]:
    """The Neo4j properties of a relationship type besides ``case_id`` and ``id``, in order."""
    return (*RELATIONSHIP_KIND_BY_TYPE[rel_type].properties, *PROVENANCE)


def neo4j_value(prop: Property, value: Any) -> Any:
    """A graph attribute value in the form Neo4j stores (dates full ISO, sources a list)."""
    if prop.type is ValueType.DATE:
        return to_date(value).isoformat()
    if prop.type is ValueType.STRING_LIST:
        return value.split(";") if isinstance(value, str) else list(value)
    return value


def typed_properties(properties: tuple[Property, ...], attributes: dict[str, Any]) -> dict[str, Any]:
    """The Neo4j properties of one node or edge, from its graph attributes."""
    return {p.name: neo4j_value(p, attributes[p.name]) for p in properties if p.name in attributes}


def nodes_by_label(graph: nx.MultiDiGraph) -> Iterator[tuple[str, list[tuple[str, dict[str, Any]]]]]:
    """``(label, [(id, attributes), …])`` for each label present, in ontology order."""
    for kind in NODE_KINDS:
        nodes = [(n, d) for n, d in graph.nodes(data=True) if d["kind"] == kind.label]
        if nodes:
            yield kind.label, nodes


def relationships_by_type(
    graph: nx.MultiDiGraph,
) -> Iterator[tuple[str, list[tuple[str, str, str, dict[str, Any]]]]]:
    """``(type, [(start, end, id, attributes), …])`` for each type present, in ontology order."""
    for kind in RELATIONSHIP_KINDS:
        edges = [(u, v, k, d) for u, v, k, d in graph.edges(keys=True, data=True) if d["kind"] == kind.type]
        if edges:
            yield kind.type, edges


def schema_statements() -> list[str]:
    """Cypher that creates the constraints and indexes for every kind in the ontology."""
    statements = []
    for kind in NODE_KINDS:
        name = f"kg_{kind.file_stem}_key"
        statements.append(
            f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{kind.label}) "
            f"REQUIRE (n.{CASE_KEY}, n.id) IS UNIQUE"
        )
    for rel in RELATIONSHIP_KINDS:
        statements.append(
            f"CREATE INDEX kg_{rel.file_stem}_id IF NOT EXISTS FOR ()-[r:{rel.type}]-() ON (r.id)"
        )
    return statements
