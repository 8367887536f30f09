"""The Neo4j loading figures docs/neo4j.md quotes, from the results ``make bench`` writes."""

from __future__ import annotations

from typing import Any

from kg.docs_figures import read_result, seconds_or_dash, verdict


def _server(server: dict[str, Any]) -> str:
    return (
        f"Neo4j {server['version']} {server['edition']}, heap {server['heap']}, page cache "
        f"{server['page_cache']}, {server['cpus']} cores"
    )


def _cpu_used(row: dict[str, Any], unit: str, per: str, scale: float) -> str:
    """The CPU time a row's loads used, in ``unit`` ``per`` something: the server's process (when
    known) and kg's."""
    kg = f"{scale * row['loader_cpu_seconds']:.2f} {unit}"
    if row["server_cpu_seconds"] is None:
        return f"kg's process used {kg} of CPU {per}"
    return (
        f"the server's process used {scale * row['server_cpu_seconds']:.2f} {unit} of CPU {per} and kg's {kg}"
    )


def _pace(found: dict[str, Any], default: dict[str, Any]) -> str:
    """What the CPU times and the reference row say about what sets the pace."""
    entities = found["case"]["nodes"] + found["case"]["relationships"]
    per_row, reference = found["rows"][0], found["reference"]
    rows = per_row["batches"]
    return (
        f"One transaction per row took {1000 * per_row['seconds'] / rows:.2f} ms a row; meanwhile "
        f"{_cpu_used(per_row, 'ms', 'a row', 1000 / rows)}. At batches of 1,000 a load took "
        f"{1e6 * default['seconds'] / entities:.1f} µs an entity; "
        f"{_cpu_used(default, 'µs', 'an entity', 1e6 / entities)}. "
        "The reference row writes the same nodes and relationships by `CREATE` of their keys alone: no "
        "merge and no property, so not a load kg could do, but what writing these entities at all "
        f"costs on this server. It reaches {reference['ratio']:.1f} times one transaction per row, and "
        f"kg's merges and properties make a load take {default['seconds'] / reference['seconds']:.2f} "
        "times as long as the reference. "
        + (
            "Even the reference falls short of 50 times here: what is left to improve in kg's "
            "statements is the difference between the two rows."
            if reference["ratio"] < 50
            else "The reference reaches 50 times here; the difference is kg's merges and properties."
        )
    )


def load_markdown() -> str:
    """The batch-size sweep of benchmarks/bench_load.py, with its reference and CPU times."""
    found = read_result("neo4j_load.json")
    case = found["case"]
    lines = [
        f"{_server(found['server'])}; a synthetic case of {case['nodes']:,} nodes and "
        f"{case['relationships']:,} relationships; medians of {found['repeats']} loads.",
        "",
        "| method | transactions | seconds | entities/s | × one per row | server CPU s | kg CPU s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in (*found["rows"], found["reference"]):
        cpu = [seconds_or_dash(row[key]) for key in ("server_cpu_seconds", "loader_cpu_seconds")]
        lines.append(
            f"| {row['method']} | {row['batches']:,} | {row['seconds']:.2f} | {row['entities_per_second']:,.0f} "
            f"| {row['ratio']:.1f} | {cpu[0]} | {cpu[1]} |"
        )
    default = next(row for row in found["rows"] if row["batch_size"] == 1000)
    lines += [
        "",
        f"kg's default, batches of 1,000: {default['entities_per_second']:,.0f} entities/s, "
        f"{default['ratio']:.1f} times one transaction per row. Our targets: "
        f"20,000 entities/s ({verdict(default['entities_per_second'] >= 20_000)}) and 50 times one "
        f"transaction per row ({verdict(default['ratio'] >= 50)}).",
        "",
        _pace(found, default),
    ]
    return "\n".join(lines) + "\n"


def chicago_markdown() -> str:
    """The whole Chicago case of benchmarks/bench_load_chicago.py."""
    found = read_result("neo4j_chicago.json")
    case, load, reload, tool = found["case"], found["load"], found["reload"], found["import_tool"]
    entities = case["nodes"] + case["relationships"]
    rows = [
        ("`kg load` into an empty database", load,
         f"{load['nodes_created']:,} nodes and {load['relationships_created']:,} relationships created "
         f"in {load['batches']:,} batches"),
        ("`kg load` again", reload,
         f"{reload['nodes_created']:,} nodes and {reload['relationships_created']:,} relationships created"),
        ("`import.sh` (neo4j-admin database import, offline)", tool,
         f"{tool['nodes']:,} nodes and {tool['relationships']:,} relationships in the started database"),
    ]  # fmt: skip
    lines = [
        f"{_server(found['server'])}; the Chicago case: {case['nodes']:,} nodes and "
        f"{case['relationships']:,} relationships.",
        "",
        "| what | seconds | entities/s | server CPU s | JIT compiling s | result |",
        "|---|---:|---:|---:|---:|---|",
        *(
            f"| {what} | {timed['seconds']:.1f} | {entities / timed['seconds']:,.0f} "
            f"| {seconds_or_dash(timed.get('server_cpu_seconds'), 1)} "
            f"| {seconds_or_dash(timed.get('compiling_seconds'), 1)} | {result} |"
            for what, timed, result in rows
        ),
        "",
        f"Our targets: loaded in under 60 s ({verdict(load['seconds'] < 60)}) and loaded again in "
        f"under 60 s ({verdict(reload['seconds'] < 60)}). The server's CPU time counts all its threads "
        f"on the {found['server']['cpus']} cores, among them the JVM's compiling, which a server just "
        "started does for its hot code during the first load (`jstat -compiler`); the import tool "
        "runs offline, as a program of its own, and is not measured so.",
    ]
    return "\n".join(lines) + "\n"
