"""When each node and relationship exists, from the ontology's time properties.

A node's span runs from its kind's ``start`` property to its ``end`` property. A relationship
with time properties of its own uses them; one without (a message SENT, an officer ACCUSED_IN an
incident) appears when the later of its two ends appears, and is never removed. Spans are
calendar dates (reduced-precision dates count from their first day).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import networkx as nx

from kg.ontology import NODE_KIND_BY_LABEL, RELATIONSHIP_KIND_BY_TYPE, Label
from kg.values import to_date

Span = tuple[date | None, date | None]

EVENT_KINDS = (Label.INCIDENT, Label.OUTCOME)
"""Node kinds that happen on a day rather than last: a period holds one only if it holds its day."""


def _date_of(attributes: dict[str, Any], name: str | None) -> date | None:
    value = attributes.get(name) if name else None
    return to_date(value) if isinstance(value, str) else None


def node_span(graph: nx.MultiDiGraph, node: str) -> Span:
    """First and last day of ``node`` (None where unknown)."""
    return span_of_node(graph.nodes[node])


def span_of_node(attributes: dict[str, Any]) -> Span:
    """First and last day of the node with ``attributes``."""
    kind = NODE_KIND_BY_LABEL[attributes["kind"]]
    return _date_of(attributes, kind.start), _date_of(attributes, kind.end)


def event_span(graph: nx.MultiDiGraph, node: str) -> Span:
    """Like :func:`node_span`, but an event (see :data:`EVENT_KINDS`) ends on the day it happened."""
    start, end = node_span(graph, node)
    return (start, start) if graph.nodes[node]["kind"] in EVENT_KINDS and end is None else (start, end)


def edge_span(graph: nx.MultiDiGraph, start: str, end: str, key: str) -> Span:
    """First and last day of the relationship ``key`` from ``start`` to ``end``."""
    return span_of_relationship(graph.edges[start, end, key], start, end, lambda node: node_span(graph, node))


def span_of_relationship(
    attributes: dict[str, Any], start: str, end: str, span_of: Callable[[str], Span]
) -> Span:
    """First and last day of the relationship from ``start`` to ``end`` with ``attributes``;
    ``span_of`` gives a node's span, asked only when the relationship's kind has no time
    properties of its own."""
    kind = RELATIONSHIP_KIND_BY_TYPE[attributes["kind"]]
    if kind.start or kind.end:
        return _date_of(attributes, kind.start), _date_of(attributes, kind.end)
    starts = [first for first, _ in (span_of(start), span_of(end)) if first]
    return (max(starts) if starts else None), None
