"""How the knowledge graph is represented in Neo4j, shared by every Neo4j-facing writer.

Labels are node kinds and relationship types are relationship kinds, both only ever taken from
the ontology. Several cases can share one database: every node and relationship carries the case
key :data:`CASE_KEY`, and nodes are unique on ``(case_id, id)``. Dates become Neo4j ``DATE``
values (a reduced-precision date such as ``2018`` becomes its first day), datetimes ``DATETIME``
values, and ``sources`` a list of strings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any, TypeVar

import networkx as nx

from kg.ontology import (
    NODE_KIND_BY_LABEL,
    NODE_KINDS,
    PROVENANCE,
    RELATIONSHIP_KIND_BY_TYPE,
    RELATIONSHIP_KINDS,
    Property,
    ValueType,
    property_types,
)
from kg.values import to_date

CASE_KEY = "case_id"
T = TypeVar("T")

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


def property_keys() -> list[str]:
    """Every property key kg writes to Neo4j, sorted."""
    return sorted({CASE_KEY, "id", *property_types(), *(p.name for p in PROVENANCE)})


def node_properties(label: str) -> tuple[Property, ...]:
    """The Neo4j properties of a node label besides ``case_id`` and ``id``, in order."""
    return (*NODE_KIND_BY_LABEL[label].properties, *PROVENANCE)


def relationship_properties(rel_type: str) -> tuple[Property, ...]:
    """The Neo4j properties of a relationship type besides ``case_id`` and ``id``, in order."""
    return (*RELATIONSHIP_KIND_BY_TYPE[rel_type].properties, *PROVENANCE)


def full_date(value: str) -> str:
    """A canonical date as a full ISO date (a reduced-precision one as its first day)."""
    return value if len(value) == 10 else to_date(value).isoformat()


def _string_list(value: str | list[str]) -> list[str]:
    return value.split(";") if isinstance(value, str) else list(value)


_CONVERTERS: dict[ValueType, Callable[[Any], Any]] = {
    ValueType.DATE: full_date,
    ValueType.STRING_LIST: _string_list,
}


PropertyReader = Callable[[Mapping[str, Any]], dict[str, Any]]
"""Gives the Neo4j properties of one node or edge from its graph attributes."""


def property_reader(properties: tuple[Property, ...]) -> PropertyReader:
    """The :data:`PropertyReader` of ``properties``, made once per label or type: each property
    present, temporal ones as full ISO dates, lists as lists."""
    conversions = tuple((p.name, _CONVERTERS.get(p.type)) for p in properties)

    def read(attributes: Mapping[str, Any]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, convert in conversions:
            if name in attributes:
                value = attributes[name]
                values[name] = convert(value) if convert else value
        return values

    return read


def load_row(element_id: str, read: PropertyReader, attributes: Mapping[str, Any]) -> dict[str, Any]:
    """The row a merge statement takes: ``id`` and each property present (temporal ones as ISO
    strings, for the statement to convert with ``date()`` or ``datetime()``)."""
    return {"id": element_id, **read(attributes)}


def nodes_by_label(graph: nx.MultiDiGraph) -> Iterator[tuple[str, list[tuple[str, dict[str, Any]]]]]:
    """``(label, [(id, attributes), …])`` for each label present, in ontology order."""
    by_label: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for node, data in graph.nodes(data=True):
        by_label[data["kind"]].append((node, data))
    for kind in NODE_KINDS:
        if by_label.get(kind.label):
            yield kind.label, by_label[kind.label]


Edge = tuple[str, str, str, dict[str, Any]]


def relationships_by_type(graph: nx.MultiDiGraph) -> Iterator[tuple[str, list[Edge]]]:
    """``(type, [(start, end, id, attributes), …])`` for each type present, in ontology order."""
    by_type: dict[str, list[Edge]] = defaultdict(list)
    for start, end, key, data in graph.edges(keys=True, data=True):
        by_type[data["kind"]].append((start, end, key, data))
    for kind in RELATIONSHIP_KINDS:
        if by_type.get(kind.type):
            yield kind.type, by_type[kind.type]


def relationships_by_ends(graph: nx.MultiDiGraph) -> Iterator[tuple[str, str, str, list[Edge]]]:
    """``(type, start label, end label, edges)``: each type split by the labels of its ends, so
    that a statement can match both ends by label (and so by index)."""
    kinds = dict(graph.nodes(data="kind"))
    for rel_type, edges in relationships_by_type(graph):
        groups: dict[tuple[str, str], list[Edge]] = {}
        for edge in edges:
            ends = (kinds[edge[0]], kinds[edge[1]])
            groups.setdefault(ends, []).append(edge)
        for (start_label, end_label), group in groups.items():
            yield rel_type, start_label, end_label, group


ROW_KEYS = ("start_id", "end_id")
"""Keys of a load row that are not property names (the linter is told of them)."""


@dataclass(frozen=True)
class RowGroup:
    """The load rows of one node label, or of one relationship type between two labels."""

    kind: str
    rows: Iterable[dict[str, Any]]
    """Built as they are read, so that only one batch of rows is ever held."""
    ends: tuple[str, str] | None = None
    """Start and end labels, for relationships."""


def case_id_of(graph: nx.MultiDiGraph) -> str:
    """The case key of a graph built by kg (its ``name``)."""
    case_id = graph.graph.get("name")
    if not case_id:
        raise ValueError("the graph has no case name (graph.graph['name'])")
    return str(case_id)


def row_groups(graph: nx.MultiDiGraph) -> Iterator[RowGroup]:
    """Every load row of ``graph``: nodes by label, then relationships by type and end labels."""
    for label, nodes in nodes_by_label(graph):
        yield RowGroup(label, _node_rows(nodes, node_properties(label)))
    for rel_type, start_label, end_label, edges in relationships_by_ends(graph):
        yield RowGroup(
            rel_type, _relationship_rows(edges, relationship_properties(rel_type)), (start_label, end_label)
        )


def _node_rows(
    nodes: list[tuple[str, dict[str, Any]]], properties: tuple[Property, ...]
) -> Iterator[dict[str, Any]]:
    read = property_reader(properties)
    return (load_row(node, read, data) for node, data in nodes)


def _relationship_rows(edges: list[Edge], properties: tuple[Property, ...]) -> Iterator[dict[str, Any]]:
    read = property_reader(properties)
    return ({"start_id": u, "end_id": v, **load_row(key, read, data)} for u, v, key, data in edges)


DEFAULT_BATCH_SIZE = 1000
"""Rows per transaction of ``kg load`` unless told otherwise."""


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in consecutive lists of at most ``size``."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
