"""The Neo4j loading figures docs/neo4j.md quotes, from the results ``make bench`` writes."""

from __future__ import annotations

from typing import Any

from kg.docs_figures import read_result, verdict


def _server(server: dict[str, Any]) -> str:
    return (
        f"Neo4j {server['version']} {server['edition']}, heap {server['heap']}, page cache "
        f"{server['page_cache']}, {server['cpus']} cores"
    )


def load_markdown() -> str:
    """The batch-size sweep of benchmarks/bench_load.py."""
    found = read_result("neo4j_load.json")
    case = found["case"]
    lines = [
        f"{_server(found['server'])}; a synthetic case of {case['nodes']:,} nodes and "
        f"{case['relationships']:,} relationships; medians of {found['repeats']} loads.",
        "",
        "| method | transactions | seconds | entities/s | × one per row |",
        "|---|---:|---:|---:|---:|",
    ]
    for row in found["rows"]:
        method = "one transaction per row" if row["batch_size"] == 1 else f"batches of {row['batch_size']:,}"
        lines.append(
            f"| {method} | {row['batches']:,} | {row['seconds']:.2f} | {row['entities_per_second']:,.0f} "
            f"| {row['ratio']:.1f} |"
        )
    per_row = found["rows"][0]
    default = next(row for row in found["rows"] if row["batch_size"] == 1000)
    lines += [
        "",
        f"kg's default, batches of 1,000: {default['entities_per_second']:,.0f} entities/s, "
        f"{default['ratio']:.1f} times one transaction per row (which costs "
        f"{1000 * per_row['seconds'] / per_row['batches']:.1f} ms a row here). Our targets: "
        f"20,000 entities/s ({verdict(default['entities_per_second'] >= 20_000)}) and 50 times one "
        f"transaction per row ({verdict(default['ratio'] >= 50)}).",
    ]
    return "\n".join(lines) + "\n"


def chicago_markdown() -> str:
    """The whole Chicago case of benchmarks/bench_load_chicago.py."""
    found = read_result("neo4j_chicago.json")
    case, load, reload, tool = found["case"], found["load"], found["reload"], found["import_tool"]
    entities = case["nodes"] + case["relationships"]
    rows = [
        ("`kg load` into an empty database", load["seconds"],
         f"{load['nodes_created']:,} nodes and {load['relationships_created']:,} relationships created "
         f"in {load['batches']:,} batches"),
        ("`kg load` again", reload["seconds"],
         f"{reload['nodes_created']:,} nodes and {reload['relationships_created']:,} relationships created"),
        ("`import.sh` (neo4j-admin database import, offline)", tool["seconds"],
         f"{tool['nodes']:,} nodes and {tool['relationships']:,} relationships in the started database"),
    ]  # fmt: skip
    lines = [
        f"{_server(found['server'])}; the Chicago case: {case['nodes']:,} nodes and "
        f"{case['relationships']:,} relationships.",
        "",
        "| what | seconds | entities/s | result |",
        "|---|---:|---:|---|",
        *(
            f"| {what} | {seconds:.1f} | {entities / seconds:,.0f} | {result} |"
            for what, seconds, result in rows
        ),
        "",
        f"Our targets: loaded in under 60 s ({verdict(load['seconds'] < 60)}) and loaded again in "
        f"under 60 s ({verdict(reload['seconds'] < 60)}).",
    ]
    return "\n".join(lines) + "\n"
