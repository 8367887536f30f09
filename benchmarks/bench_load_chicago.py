"""The whole Chicago case into a real Neo4j: ``kg load``, the same load again, and the same
case through Neo4j's import tool.

Needs the shared 2000–2016 extract (../shared/data/cpdp-2000-2016). The case is imported and
built once; then, on a Neo4j Community server started here with an empty database, ``kg load``
with its defaults (timed: schema, every batch), and again (timed: it must create nothing), each
with the CPU time the server's process used meanwhile and the time its JVM spent compiling code
(``jstat -compiler``: a server just started compiles its hot code during the first load). Then the
build's ``neo4j-admin/import.sh`` runs Neo4j's import tool into a new home (timed), and a server
started on it is counted. Results go to benchmarks/results/neo4j_chicago.json, which ``make docs``
quotes in docs/neo4j.md.

    python -m benchmarks.bench_load_chicago
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from neo4j import Driver, GraphDatabase

from benchmarks.bench_load import HEAP, PAGE_CACHE, server_version
from kg.build import graph_from
from kg.export.neo4j_admin import export_neo4j_admin
from kg.neo4j.connection import connect
from kg.neo4j.loader import load_graph
from kg.neo4j.settings import Neo4jSettings
from kg.sources.cpdp import import_cpdp
from tests.neo4j_server import Neo4jServer

EXTRACT = Path(__file__).resolve().parents[2] / "shared" / "data" / "cpdp-2000-2016"
RESULTS = Path(__file__).resolve().parent / "results" / "neo4j_chicago.json"


def counts(server: Neo4jServer) -> dict[str, int]:
    with GraphDatabase.driver(server.uri, auth=(server.username, server.password)) as driver:
        nodes = driver.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"]
        relationships = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS n").records[0]["n"]
    return {"nodes": nodes, "relationships": relationships}


def server_work(server: Neo4jServer) -> dict[str, float]:
    """What the server has done so far: its process's CPU time and its JVM's compiling time."""
    return {"server_cpu_seconds": server.cpu_seconds(), "compiling_seconds": server.compiling_seconds()}


def timed_load(driver: Driver, graph: Any, settings: Neo4jSettings, server: Neo4jServer) -> dict[str, Any]:
    """``kg load`` of the graph, timed, with what it created and the server's work meanwhile."""
    before = server_work(server)
    started = time.perf_counter()
    summary = load_graph(driver, graph, settings)
    seconds = time.perf_counter() - started
    after = server_work(server)
    return {
        "seconds": seconds, **{key: after[key] - before[key] for key in after},
        "nodes_created": summary.nodes_created, "relationships_created": summary.relationships_created,
        "batches": summary.batches,
    }  # fmt: skip


def timed_loads(graph: Any, server: Neo4jServer) -> dict[str, Any]:
    """``kg load`` of the graph into the server's empty database, then again."""
    settings = Neo4jSettings.from_env(server.env())
    with connect(settings) as driver:
        version = server_version(driver)
        first = timed_load(driver, graph, settings, server)
        again = timed_load(driver, graph, settings, server)
    return {
        "server": version | {"heap": HEAP, "page_cache": PAGE_CACHE, "cpus": os.cpu_count()},
        "load": first,
        "reload": again,
    }


def timed_import(admin_folder: Path, work: Path) -> dict[str, Any]:
    """``import.sh`` into a new home, timed; then the imported graph counted on a server."""
    server = Neo4jServer(home=work / "imported", heap=HEAP, page_cache=PAGE_CACHE)
    try:
        server.write_configuration()
        started = time.perf_counter()
        subprocess.run(["sh", "import.sh"], cwd=admin_folder, env=server.admin_env(work / "bin"), check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        seconds = time.perf_counter() - started
        server.start()
        return {"seconds": seconds, **counts(server)}
    finally:
        server.remove()


def main() -> None:
    if not EXTRACT.is_dir():
        sys.exit(f"{EXTRACT}: the shared Chicago extract is not here; this benchmark needs it")
    with tempfile.TemporaryDirectory(prefix="kg-bench-chicago-") as folder:
        work = Path(folder)
        print("importing and building the Chicago case …", flush=True)
        import_cpdp(EXTRACT, work / "case")
        graph = graph_from(work / "case")
        export_neo4j_admin(graph, work / "neo4j-admin")
        server = Neo4jServer(home=work / "loaded", heap=HEAP, page_cache=PAGE_CACHE).start()
        try:
            print("kg load, twice …", flush=True)
            results = timed_loads(graph, server)
            results["case"] = {"nodes": graph.number_of_nodes(), "relationships": graph.number_of_edges()}
            results["loaded"] = counts(server)
        finally:
            server.remove()
        print("neo4j-admin database import …", flush=True)
        results["import_tool"] = timed_import(work / "neo4j-admin", work)
    print(json.dumps(results, indent=1))
    RESULTS.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
