"""The Neo4j calls behind ``kg load`` and ``kg query run``, for notebooks and scripts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from kg.build import graph_from
from kg.errors import UsageError
from kg.neo4j.connection import connect
from kg.neo4j.loader import DEFAULT_BATCH_SIZE, Batch, LoadSummary, load_graph
from kg.neo4j.queries import Query, QueryResult, find_query, read_query_file, run_query
from kg.neo4j.settings import Neo4jSettings
from kg.progress import Step, no_progress


def load(
    source: str | Path,
    settings: Neo4jSettings | None = None,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    replace: bool = False,
    on_graph: Callable[[nx.MultiDiGraph], None] | None = None,
    on_batch: Callable[[Batch], None] | None = None,
    step: Step = no_progress,
) -> LoadSummary:
    """Load a case folder or a ``kg build`` folder into Neo4j (settings from ``NEO4J_*`` when
    not given). Idempotent; ``replace`` first removes the case's previous data. ``on_graph``
    hears the graph once it is read, before any connection (the CLI asks there before
    ``replace`` removes anything); ``on_batch`` hears each batch sent; ``step`` hears each phase
    of reading the graph. Needs a server, so the
    example is not run as a doctest (the tests of kg load run this function)::

        summary = load("examples/hotton")
        summary.nodes_created, summary.relationships_created
    """
    graph = graph_from(source, step)
    if on_graph:
        on_graph(graph)
    settings = settings or Neo4jSettings.from_env()
    with connect(settings) as driver:
        return load_graph(driver, graph, settings, batch_size=batch_size, replace=replace, on_batch=on_batch)


def query(
    name: str | None = None,
    parameters: Mapping[str, str] | None = None,
    settings: Neo4jSettings | None = None,
    *,
    file: str | Path | None = None,
) -> QueryResult:
    """Run a library query by ``name`` (see ``kg query list``), or the query in ``file``, with
    ``--param``-style string parameters, in a read transaction. Give exactly one of the two.
    Needs a server, so the example is not a doctest (the tests of kg query run this function)::

        query("silent-recipients", {"case_id": "hotton"}).rows[:1]
    """
    if (name is None) == (file is None):
        raise UsageError("give either a query NAME or --file FILE.cypher")
    chosen: Query = read_query_file(Path(file)) if file is not None else find_query(str(name))
    bound: dict[str, Any] = chosen.bind(dict(parameters or {}))
    settings = settings or Neo4jSettings.from_env()
    with connect(settings) as driver:
        return run_query(driver, settings, chosen, bound)
