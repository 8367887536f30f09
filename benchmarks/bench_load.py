"""Loading into a real Neo4j: kg's batched loader against one transaction per row, and a sweep
of batch sizes.

One Neo4j Community server started here (or the server NEO4J_URI names), one synthetic case,
one run: after one untimed load (so that every statement's plan is compiled and the server's
code is warm, as on a server that has run for a while), each batch size loads the whole case
into a database without it, ``--repeats`` times (the removal between loads is not timed). The table gives the median time, entities per second and
the ratio to one transaction per row; the results, with the server's version, heap and page
cache, go to benchmarks/results/neo4j_load.json, which ``make docs`` quotes in docs/neo4j.md.

    python -m benchmarks.bench_load [--officers 400] [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import networkx as nx
from neo4j import Driver
from rich.console import Console
from rich.table import Table

from kg.graph import build_graph
from kg.neo4j.connection import connect
from kg.neo4j.loader import DEFAULT_BATCH_SIZE, delete_case, load_batches, load_graph
from kg.neo4j.settings import Neo4jSettings
from kg.sources.synthetic import synthetic_case
from tests.neo4j_server import Neo4jServer

CASE_NAME = "kg-bench-load"
RESULTS = Path(__file__).resolve().parent / "results" / "neo4j_load.json"
BATCH_SIZES = (1, 100, 500, 1000, 5000, 20000)
"""Batch sizes timed; 1 is one transaction per row (the baseline), 1000 kg's default."""
HEAP, PAGE_CACHE = "4g", "2g"
"""The server's memory on a 2-core, 24 GB machine: the graph fits in the page cache many times."""


@contextmanager
def neo4j_server() -> Iterator[tuple[Neo4jSettings, dict[str, str]]]:
    """Settings for the server NEO4J_URI names, else for a Neo4j started here (removed after);
    with what is known of its memory."""
    if os.environ.get("NEO4J_URI"):
        yield Neo4jSettings.from_env(), {"heap": "(external server)", "page_cache": "(external server)"}
        return
    server = Neo4jServer(heap=HEAP, page_cache=PAGE_CACHE).start()
    try:
        yield Neo4jSettings.from_env(server.env()), {"heap": HEAP, "page_cache": PAGE_CACHE}
    finally:
        server.remove()


def server_version(driver: Driver) -> dict[str, str]:
    """The server's name, version and edition as it reports them."""
    record = driver.execute_query("CALL dbms.components() YIELD name, versions, edition RETURN *").records[0]
    return {"name": record["name"], "version": record["versions"][0], "edition": record["edition"]}


def median_seconds(
    driver: Driver, graph: nx.MultiDiGraph, settings: Neo4jSettings, batch_size: int, repeats: int
) -> float:
    """Median wall time of loading ``graph`` into a database without it."""
    times = []
    for _ in range(repeats):
        delete_case(driver, settings, CASE_NAME)
        started = time.perf_counter()
        load_graph(driver, graph, settings, batch_size=batch_size)
        times.append(time.perf_counter() - started)
    delete_case(driver, settings, CASE_NAME)
    return statistics.median(times)


def measure(graph: nx.MultiDiGraph, repeats: int) -> dict[str, Any]:
    entities = graph.number_of_nodes() + graph.number_of_edges()
    rows = []
    with neo4j_server() as (settings, memory), connect(settings) as driver:
        version = server_version(driver)
        median_seconds(driver, graph, settings, DEFAULT_BATCH_SIZE, 1)
        for batch_size in BATCH_SIZES:
            seconds = median_seconds(driver, graph, settings, batch_size, repeats)
            batches = sum(1 for _ in load_batches(graph, batch_size))
            rows.append({"batch_size": batch_size, "batches": batches, "seconds": seconds})
    baseline = rows[0]["seconds"]
    for row in rows:
        row["entities_per_second"] = entities / row["seconds"]
        row["ratio"] = baseline / row["seconds"]
    return {
        "server": version | memory | {"cpus": os.cpu_count()},
        "case": {"nodes": graph.number_of_nodes(), "relationships": graph.number_of_edges()},
        "repeats": repeats,
        "rows": rows,
    }


def print_table(results: dict[str, Any]) -> None:
    case, server = results["case"], results["server"]
    table = Table(
        title=f"Loading {case['nodes'] + case['relationships']:,} entities into {server['name']} "
        f"{server['version']} {server['edition']} (median of {results['repeats']})"
    )
    for column in ("method", "batches", "seconds", "entities/s", "× per-row"):
        table.add_column(column, justify="left" if column == "method" else "right")
    for row in results["rows"]:
        method = "one transaction per row" if row["batch_size"] == 1 else f"batches of {row['batch_size']:,}"
        table.add_row(method, f"{row['batches']:,}", f"{row['seconds']:.2f}",
                      f"{row['entities_per_second']:,.0f}", f"{row['ratio']:.1f}")  # fmt: skip
    Console(width=120).print(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--officers", type=int, default=400, help="size of the synthetic case")
    parser.add_argument("--repeats", type=int, default=3, help="loads per batch size (the median is shown)")
    args = parser.parse_args()
    results = measure(build_graph(synthetic_case(args.officers, name=CASE_NAME)), args.repeats)
    print_table(results)
    RESULTS.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
