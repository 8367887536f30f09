"""Loading into a Bolt server: kg's batched loader against one statement per row.

Same server, same run, same synthetic case (at least 50,000 nodes and relationships): each
method loads the whole case into an empty database ``--repeats`` times; the table gives the
median time, entities per second and the ratio. The server is the FalkorDB test server, and
also a real Neo4j when NEO4J_URI is set (its data for the case is removed before and after).

    python -m benchmarks.bench_load [--officers 1700] [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable

import networkx as nx
from neo4j import Driver
from rich.console import Console
from rich.table import Table

from kg.graph import build_graph
from kg.neo4j.connection import connect
from kg.neo4j.dialect import FALKORDB
from kg.neo4j.loader import delete_case, load_batches, load_graph
from kg.neo4j.settings import Neo4jSettings
from kg.sources.synthetic import synthetic_case
from tests.bolt_server import BoltServer

CASE_NAME = "kg-bench-load"


def load_per_row(driver: Driver, graph: nx.MultiDiGraph, settings: Neo4jSettings) -> None:
    """The baseline: the same merge statements, one row per statement and transaction."""
    load_graph(driver, graph, settings, batch_size=1)


def load_batched(driver: Driver, graph: nx.MultiDiGraph, settings: Neo4jSettings) -> None:
    """kg's loader with its default batch size."""
    load_graph(driver, graph, settings)


def median_seconds(
    method: Callable[[Driver, nx.MultiDiGraph, Neo4jSettings], None],
    driver: Driver,
    graph: nx.MultiDiGraph,
    settings: Neo4jSettings,
    repeats: int,
) -> float:
    """Median wall time of loading ``graph`` into an empty database (the removal is not timed)."""
    times = []
    for _ in range(repeats):
        delete_case(driver, settings, CASE_NAME)
        started = time.perf_counter()
        method(driver, graph, settings)
        times.append(time.perf_counter() - started)
    delete_case(driver, settings, CASE_NAME)
    return statistics.median(times)


def servers() -> list[tuple[str, Neo4jSettings, BoltServer | None]]:
    """FalkorDB (started here), and Neo4j when NEO4J_URI is set."""
    falkordb = BoltServer().start()
    found: list[tuple[str, Neo4jSettings, BoltServer | None]] = [
        ("FalkorDB (test server)", Neo4jSettings(uri=falkordb.uri, dialect=FALKORDB), falkordb)
    ]
    if os.environ.get("NEO4J_URI"):
        found.append(("Neo4j", Neo4jSettings.from_env(dialect="neo4j"), None))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--officers", type=int, default=1700, help="size of the synthetic case")
    parser.add_argument("--repeats", type=int, default=3, help="loads per method (the median is shown)")
    args = parser.parse_args()
    graph = build_graph(synthetic_case(args.officers, name=CASE_NAME))
    entities = graph.number_of_nodes() + graph.number_of_edges()
    table = Table(title=f"Loading {entities:,} entities (median of {args.repeats})")
    for column in ("server", "method", "batches", "seconds", "entities/s", "× per-row"):
        table.add_column(column, justify="left" if column in ("server", "method") else "right")
    for name, settings, server in servers():
        try:
            with connect(settings) as driver:
                per_row = median_seconds(load_per_row, driver, graph, settings, args.repeats)
                batched = median_seconds(load_batched, driver, graph, settings, args.repeats)
        finally:
            if server:
                server.stop()
        batches = sum(1 for _ in load_batches(graph, settings.dialect))
        table.add_row(
            name,
            "one statement per row",
            f"{entities:,}",
            f"{per_row:.2f}",
            f"{entities / per_row:,.0f}",
            "1.0",
        )
        table.add_row(name, "kg load (batched)", f"{batches:,}", f"{batched:.2f}", f"{entities / batched:,.0f}",
                      f"{per_row / batched:.1f}")  # fmt: skip
    Console(width=120).print(table)


if __name__ == "__main__":
    main()
