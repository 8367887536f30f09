"""Loading into a real Neo4j: kg's batched loader against one transaction per row, a sweep of
batch sizes, and a reference that shows what writing the same entities at all costs.

One Neo4j Community server started here (or the server NEO4J_URI names), one synthetic case,
one run: after one untimed load (so that every statement's plan is compiled and the server's
code is warm, as on a server that has run for a while), each batch size loads the whole case
into a database without it, ``--repeats`` times (the removal between loads is not timed). Then
the reference: the same batches of 1,000 by ``CREATE`` of each node's and relationship's keys
alone (no merge, no property; not a load kg does). For each, the table gives the median time,
entities per second, the ratio to one transaction per row and the median CPU time of the
server's process (all its threads; only for a server started here) and of this one (kg's rows
and the driver). The results, with the server's version, heap and page cache, go to
benchmarks/results/neo4j_load.json, which ``make docs`` quotes in docs/neo4j.md.

    python -m benchmarks.bench_load [--officers 400] [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import networkx as nx
from neo4j import Driver
from rich.console import Console
from rich.table import Table

from kg.docs_figures import seconds_or_dash
from kg.graph import build_graph
from kg.neo4j.connection import connect
from kg.neo4j.loader import (
    DEFAULT_BATCH_SIZE,
    Batch,
    LoadSummary,
    delete_case,
    load_batches,
    load_graph,
    send_batches,
)
from kg.neo4j.settings import Neo4jSettings
from kg.sources.synthetic import synthetic_case
from tests.neo4j_server import Neo4jServer

CASE_NAME = "kg-bench-load"
RESULTS = Path(__file__).resolve().parent / "results" / "neo4j_load.json"
BATCH_SIZES = (1, 100, 500, 1000, 5000, 20000)
"""Batch sizes timed; 1 is one transaction per row (the baseline), 1000 kg's default."""
HEAP, PAGE_CACHE = "4g", "2g"
"""The server's memory on a 2-core, 24 GB machine: the graph fits in the page cache many times."""


ServerCpu = Callable[[], float] | None
"""Reads the CPU seconds the server has used so far, when the server was started here."""


@contextmanager
def neo4j_server() -> Iterator[tuple[Neo4jSettings, dict[str, str], ServerCpu]]:
    """Settings for the server NEO4J_URI names, else for a Neo4j started here (removed after);
    with what is known of its memory, and its CPU-time reader when it runs here."""
    if os.environ.get("NEO4J_URI"):
        memory = {"heap": "(external server)", "page_cache": "(external server)"}
        yield Neo4jSettings.from_env(), memory, None
        return
    server = Neo4jServer(heap=HEAP, page_cache=PAGE_CACHE).start()
    try:
        memory = {"heap": HEAP, "page_cache": PAGE_CACHE}
        yield Neo4jSettings.from_env(server.env()), memory, server.cpu_seconds
    finally:
        server.remove()


def server_version(driver: Driver) -> dict[str, str]:
    """The server's name, version and edition as it reports them."""
    record = driver.execute_query("CALL dbms.components() YIELD name, versions, edition RETURN *").records[0]
    return {"name": record["name"], "version": record["versions"][0], "edition": record["edition"]}


def keys_only(batch: Batch) -> Batch:
    """``batch`` by ``CREATE`` of its keys alone: kg's statement with ``MERGE`` as ``CREATE`` and
    without its ``SET`` line. Not a load kg does (it checks nothing and sets no property): what
    writing these nodes and relationships at all costs on the server."""
    lines = [
        line.replace("MERGE ", "CREATE ", 1) if line.startswith("MERGE ") else line
        for line in batch.statement.split("\n")
        if not line.startswith("SET ")
    ]
    return Batch(batch.kind, "\n".join(lines), batch.rows)


def median_timing(
    driver: Driver, settings: Neo4jSettings, load: Callable[[], object], repeats: int, server_cpu: ServerCpu
) -> dict[str, float | None]:
    """Medians of ``repeats`` runs of ``load``, each into a database without the case: its wall
    time, and the CPU time of the server's process (when known) and of this one."""
    walls, servers, loaders = [], [], []
    for _ in range(repeats):
        delete_case(driver, settings, CASE_NAME)
        server_before = server_cpu() if server_cpu else 0.0
        loader_before = time.process_time()
        started = time.perf_counter()
        load()
        walls.append(time.perf_counter() - started)
        loaders.append(time.process_time() - loader_before)
        if server_cpu:
            servers.append(server_cpu() - server_before)
    delete_case(driver, settings, CASE_NAME)
    return {
        "seconds": statistics.median(walls),
        "server_cpu_seconds": statistics.median(servers) if servers else None,
        "loader_cpu_seconds": statistics.median(loaders),
    }


def measure(graph: nx.MultiDiGraph, repeats: int) -> dict[str, Any]:
    entities = graph.number_of_nodes() + graph.number_of_edges()
    with neo4j_server() as (settings, memory, server_cpu), connect(settings) as driver:
        version = server_version(driver)

        def every_entity_created(load: Callable[[], LoadSummary]) -> Callable[[], None]:
            def checked() -> None:
                summary = load()
                created = (summary.nodes_created, summary.relationships_created)
                if created != (graph.number_of_nodes(), graph.number_of_edges()):
                    raise RuntimeError(f"a timed load created {created}, not the whole case")

            return checked

        def kg_load(batch_size: int) -> Callable[[], None]:
            return every_entity_created(partial(load_graph, driver, graph, settings, batch_size=batch_size))

        @every_entity_created
        def reference_load() -> LoadSummary:
            batches = map(keys_only, load_batches(graph, DEFAULT_BATCH_SIZE))
            return send_batches(driver, settings, CASE_NAME, batches)

        for warm_up in (kg_load(DEFAULT_BATCH_SIZE), reference_load):
            median_timing(driver, settings, warm_up, 1, None)
        rows = [
            {"method": "one transaction per row" if size == 1 else f"batches of {size:,}", "batch_size": size,
             "batches": sum(1 for _ in load_batches(graph, size)),
             **median_timing(driver, settings, kg_load(size), repeats, server_cpu)}
            for size in BATCH_SIZES
        ]  # fmt: skip
        reference = {
            "method": f"reference: keys only by CREATE, batches of {DEFAULT_BATCH_SIZE:,}",
            "batch_size": DEFAULT_BATCH_SIZE,
            "batches": rows[BATCH_SIZES.index(DEFAULT_BATCH_SIZE)]["batches"],
            **median_timing(driver, settings, reference_load, repeats, server_cpu),
        }
    baseline = rows[0]["seconds"]
    for row in (*rows, reference):
        row["entities_per_second"] = entities / row["seconds"]
        row["ratio"] = baseline / row["seconds"]
    return {
        "server": version | memory | {"cpus": os.cpu_count()},
        "case": {"nodes": graph.number_of_nodes(), "relationships": graph.number_of_edges()},
        "repeats": repeats,
        "rows": rows,
        "reference": reference,
    }


def print_table(results: dict[str, Any]) -> None:
    case, server = results["case"], results["server"]
    table = Table(
        title=f"Loading {case['nodes'] + case['relationships']:,} entities into {server['name']} "
        f"{server['version']} {server['edition']} (median of {results['repeats']})"
    )
    for column in ("method", "batches", "seconds", "entities/s", "× per-row", "server CPU s", "kg CPU s"):
        table.add_column(column, justify="left" if column == "method" else "right")
    for row in (*results["rows"], results["reference"]):
        table.add_row(row["method"], f"{row['batches']:,}", f"{row['seconds']:.2f}",
                      f"{row['entities_per_second']:,.0f}", f"{row['ratio']:.1f}",
                      seconds_or_dash(row["server_cpu_seconds"]), seconds_or_dash(row["loader_cpu_seconds"]))  # fmt: skip
    Console(width=140).print(table)


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
