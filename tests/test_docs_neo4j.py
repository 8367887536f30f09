"""The loading figures docs/neo4j.md quotes say what the benchmark's results show: checked on small
hand-made results, for a server started by the benchmark and for one it could not measure."""

from __future__ import annotations

from typing import Any

import pytest

from kg import docs_neo4j

ENTITIES = 1000
SERVER = {
    "name": "Neo4j Kernel",
    "version": "5",
    "edition": "community",
    "heap": "1g",
    "page_cache": "1g",
    "cpus": 2,
}


def row(
    method: str, batch_size: int, batches: int, seconds: float, server: float | None, kg: float
) -> dict[str, Any]:
    return {
        "method": method, "batch_size": batch_size, "batches": batches, "seconds": seconds,
        "server_cpu_seconds": server, "loader_cpu_seconds": kg,
        "entities_per_second": ENTITIES / seconds, "ratio": 1.0 / seconds,
    }  # fmt: skip


def results(server_cpu: bool, reference_seconds: float) -> dict[str, Any]:
    """A case of 1,000 entities: one per row takes 1 s in all, batches of 1,000 take 0.02 s."""
    return {
        "server": SERVER,
        "case": {"nodes": 100, "relationships": 900},
        "repeats": 3,
        "rows": [
            row("one transaction per row", 1, 1000, 1.0, 0.8 if server_cpu else None, 0.3),
            row("batches of 1,000", 1000, 1, 0.02, 0.016 if server_cpu else None, 0.004),
        ],
        "reference": row("reference", 1000, 1, reference_seconds, 0.01 if server_cpu else None, 0.004),
    }


def rendered(monkeypatch: pytest.MonkeyPatch, found: dict[str, Any]) -> str:
    monkeypatch.setattr(docs_neo4j, "read_result", lambda name: found)
    return docs_neo4j.load_markdown()


def test_cpu_times_per_row_and_per_entity_and_a_reference_that_reaches_the_target(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = rendered(monkeypatch, results(server_cpu=True, reference_seconds=0.016))
    assert "| batches of 1,000 | 1 | 0.02 | 50,000 | 50.0 | 0.02 | 0.00 |" in text
    assert "50 times one transaction per row (met)" in text
    assert (
        "One transaction per row took 1.00 ms a row; meanwhile the server's process used 0.80 ms of CPU "
        "a row and kg's 0.30 ms. At batches of 1,000 a load took 20.0 µs an entity; the server's process "
        "used 16.00 µs of CPU an entity and kg's 4.00 µs."
    ) in text
    assert "It reaches 62.5 times one transaction per row" in text
    assert "make a load take 1.25 times as long as the reference" in text
    assert "The reference reaches 50 times here" in text


def test_a_server_not_measured_and_a_reference_short_of_the_target(monkeypatch: pytest.MonkeyPatch) -> None:
    text = rendered(monkeypatch, results(server_cpu=False, reference_seconds=0.025))
    assert "| one transaction per row | 1,000 | 1.00 | 1,000 | 1.0 | — | 0.30 |" in text
    assert "meanwhile kg's process used 0.30 ms of CPU a row." in text
    assert "the server's process used" not in text
    assert "It reaches 40.0 times one transaction per row" in text
    assert "Even the reference falls short of 50 times here" in text


def test_the_chicago_table_gives_the_servers_work_for_kg_loads_and_a_dash_for_the_import_tool(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    load = {"nodes_created": 100, "relationships_created": 900, "batches": 2}
    found = {
        "server": SERVER,
        "case": {"nodes": 100, "relationships": 900},
        "load": load | {"seconds": 4.0, "server_cpu_seconds": 6.3, "compiling_seconds": 3.5},
        "reload": {"nodes_created": 0, "relationships_created": 0, "seconds": 2.0, "server_cpu_seconds": 1.5,
                   "compiling_seconds": 0.2},
        "import_tool": {"seconds": 1.0, "nodes": 100, "relationships": 900},
    }  # fmt: skip
    monkeypatch.setattr(docs_neo4j, "read_result", lambda name: found)
    text = docs_neo4j.chicago_markdown()
    assert (
        "| `kg load` into an empty database | 4.0 | 250 | 6.3 | 3.5 | 100 nodes and 900 relationships" in text
    )
    assert "| `kg load` again | 2.0 | 500 | 1.5 | 0.2 | 0 nodes and 0 relationships created |" in text
    assert "| `import.sh` (neo4j-admin database import, offline) | 1.0 | 1,000 | — | — |" in text
    assert "on the 2 cores" in text
