"""Load the knowledge graph into Neo4j over Bolt: schema, then batched, idempotent merges.

Each batch is one managed write transaction (``execute_write``: the driver retries transient
failures) running ``UNWIND $rows AS row MERGE … SET …``. Nodes and relationships are merged on
``(case_id, id)``, so loading the same case again creates nothing new, and a load cut short
(a crash, a lost connection) is finished by running it again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import ClientError

from kg.neo4j.model import DEFAULT_BATCH_SIZE, batches, case_id_of, row_groups
from kg.neo4j.settings import Neo4jSettings
from kg.neo4j.statements import EXISTING_SCHEMA, delete_case_batch, merge_statement, schema_definitions
from kg.ontology import NODE_KINDS

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


def load_batches(graph: nx.MultiDiGraph, batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[Batch]:
    """Every batch a load sends: nodes by label, then relationships by type and end labels."""
    if batch_size < 1:
        raise ValueError("batch size must be at least 1")
    for group in row_groups(graph):
        statement = merge_statement(group)
        for rows in batches(group.rows, batch_size):
            yield Batch(group.kind, statement, rows)


def apply_schema(driver: Driver, settings: Neo4jSettings) -> int:
    """Create those of kg's constraints and indexes that are missing; returns how many
    statements ran. (A user who may not list indexes gets every statement: each is
    ``IF NOT EXISTS``.)"""
    definitions = schema_definitions()
    with driver.session(database=settings.database) as session:
        try:
            existing = set(session.run(EXISTING_SCHEMA).value("name"))
        except ClientError:
            existing = set()
        missing = [statement for name, statement in definitions.items() if name not in existing]
        for statement in missing:
            session.run(statement).consume()
    return len(missing)


def delete_case(driver: Driver, settings: Neo4jSettings, case_id: str) -> int:
    """Remove every node (and so every relationship) of ``case_id``; returns nodes deleted."""
    deleted = 0
    parameters = {"case_id": case_id, "limit": DELETE_BATCH_SIZE}
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


def send_batches(
    driver: Driver,
    settings: Neo4jSettings,
    case_id: str,
    load: Iterable[Batch],
    on_batch: Callable[[Batch], None] | None = None,
) -> LoadSummary:
    """Send each batch of case ``case_id`` in its own write transaction, in order; what the
    server reports they did. ``on_batch`` is called after each batch."""
    summary = LoadSummary(case_id)
    with driver.session(database=settings.database) as session:
        for batch in load:
            parameters = {"rows": batch.rows, "case_id": case_id}
            nodes, relationships = session.execute_write(_run_batch, batch.statement, parameters)
            summary.nodes_created += nodes
            summary.relationships_created += relationships
            summary.sent[batch.kind] = summary.sent.get(batch.kind, 0) + len(batch.rows)
            summary.batches += 1
            if on_batch:
                on_batch(batch)
    return summary


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
    case_id = case_id_of(graph)
    apply_schema(driver, settings)
    deleted = delete_case(driver, settings, case_id) if replace else 0
    summary = send_batches(driver, settings, case_id, load_batches(graph, batch_size), on_batch)
    summary.deleted = deleted
    return summary
