"""The Neo4j calls behind ``kg load`` and ``kg query run``, for notebooks and scripts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg.build import graph_from
from kg.neo4j.connection import connect
from kg.neo4j.loader import DEFAULT_BATCH_SIZE, Batch, LoadSummary, load_graph
from kg.neo4j.queries import Query, QueryResult, find_query, read_query_file, run_query
from kg.neo4j.settings import Neo4jSettings


def load(
    source: str | Path,
    settings: Neo4jSettings | None = None,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    replace: bool = False,
    on_batch: Callable[[Batch], None] | None = None,
) -> LoadSummary:
    """Load a case folder or a ``kg build`` folder into Neo4j (settings from ``NEO4J_*`` when
    not given). Idempotent; ``replace`` first removes the case's previous data.

    >>> summary = load("examples/hotton")          # doctest: +SKIP
    >>> summary.nodes_created, summary.relationships_created   # doctest: +SKIP
    (534, 3876)
    """
    graph = graph_from(source)
    settings = settings or Neo4jSettings.from_env()
    with connect(settings) as driver:
        return load_graph(driver, graph, settings, batch_size=batch_size, replace=replace, on_batch=on_batch)


def query(
    name_or_file: str | Path, parameters: dict[str, str] | None = None, settings: Neo4jSettings | None = None
) -> QueryResult:
    """Run a library query by name (or a ``.cypher`` file) with ``--param``-style string
    parameters, in a read transaction.

    >>> query("silent-recipients", {"case_id": "hotton"}).rows[:1]   # doctest: +SKIP
    [['officer-h', 'Officer H', 218, '2016-01-...', 0]]
    """
    chosen: Query = (
        read_query_file(Path(name_or_file))
        if str(name_or_file).endswith(".cypher")
        else find_query(str(name_or_file))
    )
    settings = settings or Neo4jSettings.from_env()
    bound: dict[str, Any] = chosen.bind(parameters or {})
    with connect(settings) as driver:
        return run_query(driver, settings, chosen, bound)
