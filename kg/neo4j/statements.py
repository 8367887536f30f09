"""The Cypher statements that merge the graph into Neo4j, built from the ontology.

The same statements serve the Bolt loader (rows and case key passed as parameters) and the
Cypher script export (rows written as literals). Labels, types and property keys come only from
the ontology; values never enter the statement text.
"""

from __future__ import annotations

import re
from pathlib import Path

from kg.neo4j.model import CASE_KEY, RowGroup, node_properties, relationship_properties
from kg.ontology import (
    NODE_KIND_BY_LABEL,
    NODE_KINDS,
    RELATIONSHIP_KIND_BY_TYPE,
    RELATIONSHIP_KINDS,
    Property,
    ValueType,
)

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
ROWS, CASE = "$rows", "$case_id"
SCHEMA_FILE = Path(__file__).resolve().parents[2] / "cypher" / "schema.cypher"


def _name(identifier: str) -> str:
    if not _IDENTIFIER.match(identifier):
        raise ValueError(f"not an ontology identifier: {identifier!r}")
    return identifier


def _label(label: str) -> str:
    if label not in NODE_KIND_BY_LABEL:
        raise ValueError(f"not a node kind of the ontology: {label!r}")
    return _name(label)


def _value(prop: Property) -> str:
    """Cypher for ``prop``'s value in a load row: temporal values arrive as ISO strings (or
    null) and are converted with ``date()`` or ``datetime()``."""
    value = f"row.{_name(prop.name)}"
    if prop.type is ValueType.DATE:
        return f"date({value})"
    if prop.type is ValueType.DATETIME:
        return f"datetime({value})"
    return value


def _set_properties(variable: str, properties: tuple[Property, ...]) -> str:
    """One ``SET`` of every property by name: an absent value is null, which removes the
    property. (Setting from a map instead, ``SET n = row``, makes the planner read every row
    before writing any, as the map could overwrite the merge keys.)"""
    return "SET " + ", ".join(f"{variable}.{_name(p.name)} = {_value(p)}" for p in properties)


def node_merge(label: str, rows: str = ROWS, case: str = CASE) -> str:
    """Merge a batch of ``label`` nodes (rows from :func:`kg.neo4j.model.load_row`)."""
    return "\n".join(
        [
            f"UNWIND {rows} AS row",
            f"MERGE (n:{_label(label)} {{{CASE_KEY}: {case}, id: row.id}})",
            _set_properties("n", node_properties(label)),
        ]
    )


def relationship_merge(
    rel_type: str,
    start_label: str,
    end_label: str,
    rows: str = ROWS,
    case: str = CASE,
) -> str:
    """Merge a batch of ``rel_type`` relationships between ``start_label`` and ``end_label``
    nodes (rows from :func:`kg.neo4j.model.load_row` plus ``start_id`` and ``end_id``)."""
    if rel_type not in RELATIONSHIP_KIND_BY_TYPE:
        raise ValueError(f"not a relationship kind of the ontology: {rel_type!r}")
    return "\n".join(
        [
            f"UNWIND {rows} AS row",
            f"MATCH (a:{_label(start_label)} {{{CASE_KEY}: {case}, id: row.start_id}})",
            f"MATCH (b:{_label(end_label)} {{{CASE_KEY}: {case}, id: row.end_id}})",
            f"MERGE (a)-[r:{_name(rel_type)} {{{CASE_KEY}: {case}, id: row.id}}]->(b)",
            _set_properties("r", relationship_properties(rel_type)),
        ]
    )


def merge_statement(group: RowGroup, rows: str = ROWS, case: str = CASE) -> str:
    """The merge statement for a :class:`RowGroup`'s rows."""
    if group.ends is None:
        return node_merge(group.kind, rows, case)
    return relationship_merge(group.kind, *group.ends, rows, case)


def delete_case_batch(label: str) -> str:
    """Delete up to ``$limit`` nodes of ``label`` in case ``$case_id`` (and their relationships);
    returns how many as ``deleted``."""
    return (
        f"MATCH (n:{_label(label)} {{{CASE_KEY}: $case_id}})\n"
        "WITH n LIMIT $limit\nDETACH DELETE n\nRETURN count(*) AS deleted"
    )


EXISTING_SCHEMA = "SHOW INDEXES YIELD name"
"""The names of a database's indexes, among them those that back its constraints (which share
their constraint's name)."""


def schema_definitions() -> dict[str, str]:
    """kg's schema by name: a uniqueness constraint on ``(case_id, id)`` for every node kind
    (backed by an index, which the merges use) and an index on ``id`` for every relationship
    type. A relationship needs no constraint: its merge locks both end nodes first, so the same
    relationship is never merged twice, even by loads that run at once."""
    nodes = {
        f"kg_{kind.file_stem}_key": f"CONSTRAINT kg_{kind.file_stem}_key IF NOT EXISTS FOR (n:{_label(kind.label)}) "
        f"REQUIRE (n.{CASE_KEY}, n.id) IS UNIQUE"
        for kind in NODE_KINDS
    }
    relationships = {
        f"kg_{rel.file_stem}_id": f"INDEX kg_{rel.file_stem}_id IF NOT EXISTS FOR ()-[r:{_name(rel.type)}]-() ON (r.id)"
        for rel in RELATIONSHIP_KINDS
    }
    return {name: f"CREATE {definition}" for name, definition in (nodes | relationships).items()}


def schema_statements() -> list[str]:
    """The statements that create kg's schema (:func:`schema_definitions`), in order."""
    return list(schema_definitions().values())


def schema_script() -> str:
    """The text of ``cypher/schema.cypher``: the Neo4j schema kg creates, from the ontology."""
    header = (
        "// kg's Neo4j 5 schema, generated from the ontology by `make docs`: do not edit by hand.\n"
        "// A uniqueness constraint on (case_id, id) per node kind; an index on id per relationship type.\n"
        "// `kg load` applies it; so does the start of every graph.cypher export.\n\n"
    )
    return header + "".join(f"{statement};\n" for statement in schema_statements())
