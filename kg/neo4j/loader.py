"""Load the knowledge graph into Neo4j over Bolt: schema, then batched, idempotent merges.

Each batch is one managed write transaction (``execute_write``: the driver retries transient
failures) running ``UNWIND $rows AS row MERGE … SET …``. Nodes and relationships are merged on
``(case_id, id)``, so loading the same case again creates nothing new, and a load cut short
(a crash, a lost connection) is finished by running it again.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from neo4j import Driver, ManagedTransaction

from kg.neo4j.dialect import EXISTING_INDEXES, FALKORDB, Dialect
from kg.neo4j.model import batches, case_id_of, row_groups
from kg.neo4j.settings import Neo4jSettings
from kg.neo4j.statements import delete_case_batch, merge_statement
from kg.ontology import NODE_KINDS

DEFAULT_BATCH_SIZE = 1000
DELETE_BATCH_SIZE = 10_000


@dataclass
class LoadSummary:
    """What a load did: elements sent per kind, and what the server reports it created."""

    case_id: str
    sent: dict[str, int] = field(default_factory=dict)
    nodes_created: int = 0
    relationships_created: int = 0
    deleted: int = 0
    batches: int = 0


@dataclass(frozen=True)
class Batch:
    """One statement with its rows, for one kind."""

    kind: str
    statement: str
    rows: list[dict[str, Any]]


def load_batches(
    graph: nx.MultiDiGraph, dialect: Dialect, batch_size: int = DEFAULT_BATCH_SIZE
) -> Iterator[Batch]:
    """Every batch a load sends: nodes by label, then relationships by type and end labels."""
    if batch_size < 1:
        raise ValueError("batch size must be at least 1")
    for group in row_groups(graph):
        statement = merge_statement(group, dialect)
        yield from _split(group.kind, statement, group.rows, batch_size, dialect.max_message_bytes)


def _split(
    kind: str, statement: str, rows: list[dict[str, Any]], size: int, max_message_bytes: int | None
) -> Iterator[Batch]:
    """Batches of at most ``size`` rows and, when the server limits its messages, of rows whose
    JSON (longer than Bolt's own encoding) fits beside the statement in ``max_message_bytes``."""
    for chunk in batches(rows, size):
        if max_message_bytes is None:
            yield Batch(kind, statement, chunk)
            continue
        max_bytes = max_message_bytes - len(statement.encode())
        current: list[dict[str, Any]] = []
        used = 0
        for row in chunk:
            weight = len(json.dumps(row, ensure_ascii=False).encode())
            if current and used + weight > max_bytes:
                yield Batch(kind, statement, current)
                current, used = [], 0
            current.append(row)
            used += weight
        yield Batch(kind, statement, current)


def apply_schema(driver: Driver, settings: Neo4jSettings) -> int:
    """Create kg's constraints and indexes where missing; returns how many statements ran."""
    statements = settings.dialect.schema_statements()
    with driver.session(database=settings.database) as session:
        if settings.dialect is FALKORDB:
            existing = {(r["label"], tuple(r["properties"])) for r in session.run(EXISTING_INDEXES)}
            statements = [s for s in statements if _falkordb_index_key(s) not in existing]
        for statement in statements:
            session.run(statement).consume()
    return len(statements)


def _falkordb_index_key(statement: str) -> tuple[str, tuple[str, ...]]:
    """``(label or type, properties)`` of a FalkorDB ``CREATE INDEX FOR … ON (…)`` statement."""
    target, on = statement.split(" FOR ", 1)[1].split(" ON ", 1)
    name = target.split(":", 1)[1].split(")", 1)[0].split("]", 1)[0]
    properties = tuple(p.strip().split(".", 1)[1] for p in on.strip("()").split(","))
    return name, properties


def delete_case(driver: Driver, settings: Neo4jSettings, case_id: str) -> int:
    """Remove every node (and so every relationship) of ``case_id``; returns nodes deleted."""
    deleted = 0
    parameters = settings.dialect.parameters({"case_id": case_id, "limit": DELETE_BATCH_SIZE})
    with driver.session(database=settings.database) as session:
        for kind in NODE_KINDS:
            while True:
                count = session.execute_write(_delete_batch, delete_case_batch(kind.label), parameters)
                deleted += count
                if count < DELETE_BATCH_SIZE:
                    break
    return deleted


def _delete_batch(tx: ManagedTransaction, statement: str, parameters: dict[str, Any]) -> int:
    record = tx.run(statement, parameters).single()
    return int(record["deleted"]) if record else 0


def _run_batch(tx: ManagedTransaction, statement: str, parameters: dict[str, Any]) -> tuple[int, int]:
    counters = tx.run(statement, parameters).consume().counters
    return counters.nodes_created, counters.relationships_created


def load_graph(
    driver: Driver,
    graph: nx.MultiDiGraph,
    settings: Neo4jSettings,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    replace: bool = False,
    on_batch: Callable[[Batch], None] | None = None,
) -> LoadSummary:
    """Load ``graph`` through ``driver``: schema, optional removal of the case's previous data,
    then every batch in its own write transaction. ``on_batch`` is called after each batch."""
    summary = LoadSummary(case_id_of(graph))
    apply_schema(driver, settings)
    if replace:
        summary.deleted = delete_case(driver, settings, summary.case_id)
    with driver.session(database=settings.database) as session:
        for batch in load_batches(graph, settings.dialect, batch_size):
            parameters = settings.dialect.parameters({"rows": batch.rows, "case_id": summary.case_id})
            nodes, relationships = session.execute_write(_run_batch, batch.statement, parameters)
            summary.nodes_created += nodes
            summary.relationships_created += relationships
            summary.sent[batch.kind] = summary.sent.get(batch.kind, 0) + len(batch.rows)
            summary.batches += 1
            if on_batch:
                on_batch(batch)
    return summary
