"""The pipeline as a user runs it, on the Chicago records at 1/4, 1/2 and all of the extract,
against the networkx analysis an analyst would write in a notebook.

For each fraction (a share of the officers and every row about them, see cpdp_slices.py), each
command runs in its own process, on defaults, as the README and docs/cpdp.md show it, and is
timed with its peak memory, child processes included (benchmarks/commands.py). The commands run
``--repeats`` times, each time in a new folder; the median time is reported, with the largest
peak:

- ``kg import cpdp EXTRACT --out case``;
- ``kg build case`` (every export);
- ``kg analyze case`` (the default network, null, categories and shuffles);
- ``kg view case --by-team``.

The baseline, in its own process on the same files: build the co-accusal graph with networkx
from accused.csv and call its algorithms with their defaults (degree, PageRank, exact
betweenness, eigenvector centrality, Louvain, core numbers). Where the two overlap the results
are checked: degree and core numbers equal (from kg's centrality.csv); PageRank and betweenness
of kg's engine on the baseline's graph; Louvain modularity. A baseline that runs past
``--baseline-limit`` seconds is stopped and reported as such.

Writes ``benchmarks/results/pipeline.json``; ``make docs`` renders it into docs/cpdp.md.

    python -m benchmarks.bench_pipeline [--fractions 0.25,0.5,1] [--baseline-limit 600] [--repeats 3]
"""

from __future__ import annotations

import argparse
import collections
import csv
import gzip
import itertools
import json
import multiprocessing
import os
import platform
import re
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import networkx as nx
from rich.console import Console
from rich.table import Table

from benchmarks.commands import phase_seconds, run_command
from benchmarks.cpdp_slices import write_slice

EXTRACT = Path(__file__).resolve().parents[2] / "shared" / "data" / "cpdp-2000-2016"
RESULTS = Path(__file__).resolve().parent / "results" / "pipeline.json"
TARGETS = {"import+build+analyze": (90.0, 2048.0), "view": (20.0, None)}
"""Seconds and peak MB each stage (or sum of stages) should stay under on the whole extract."""


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_pipeline(extract: Path, work: Path) -> dict[str, dict[str, Any]]:
    """The user's four commands on ``extract`` in ``work``: seconds, peak MB and phases of each,
    and the nodes and relationships the by-team view drew."""
    commands = {
        "import": ("import", "cpdp", extract, "--out", "case"),
        "build": ("build", "case", "--out", "build"),
        "analyze": ("analyze", "case", "--out", "analysis"),
        "view": ("view", "case", "--by-team", "--out", "view.html"),
    }
    stages: dict[str, dict[str, Any]] = {}
    output = ""
    for stage, args in commands.items():
        seconds, peak, output, progress = run_command(*args, cwd=work)
        stages[stage] = {
            "seconds": round(seconds, 2),
            "peak_mb": round(peak),
            "phases": phase_seconds(progress),
        }
    drawn = re.search(r"\(([\d,]+) nodes, ([\d,]+) relationships\)", output)
    assert drawn, output
    stages["view"]["drawn"] = [int(n.replace(",", "")) for n in drawn.groups()]
    return stages


def our_centrality(work: Path) -> dict[str, dict[str, int]]:
    """Degree and core number of each officer, from ``kg analyze``'s centrality.csv."""
    with (work / "analysis" / "centrality.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {name: {r["officer"]: int(r[name]) for r in rows} for name in ("degree", "core")}


def coaccusal_graph(extract: Path) -> nx.Graph:
    """The notebook way: officers accused in the same complaint, weighted by complaints shared."""
    by_complaint: dict[str, set[str]] = collections.defaultdict(set)
    with gzip.open(extract / "accused.csv.gz", "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            by_complaint[row["cr_id"]].add(row["officer_key"])
    graph = nx.Graph()
    for officers in by_complaint.values():
        for a, b in itertools.combinations(sorted(officers), 2):
            graph.add_edge(a, b, weight=graph.get_edge_data(a, b, {"weight": 0})["weight"] + 1)
    return graph


def run_baseline(extract: Path, queue: multiprocessing.Queue) -> None:
    """The networkx baseline; puts its time and results."""
    started = time.perf_counter()
    graph = coaccusal_graph(extract)
    results: dict[str, Any] = {"degree": dict(graph.degree()), "pagerank": nx.pagerank(graph)}
    results["betweenness"] = nx.betweenness_centrality(graph)
    try:
        results["eigenvector"] = nx.eigenvector_centrality(graph)
    except nx.PowerIterationFailedConvergence:
        results["eigenvector"] = None
    results["louvain"] = [sorted(c) for c in nx.community.louvain_communities(graph, seed=0)]
    results["core"] = nx.core_number(graph)
    queue.put(("baseline", time.perf_counter() - started, peak_mb()))
    queue.put(("results", results, None))


def in_process(target: Any, *args: Any, limit: float | None = None) -> tuple[list[tuple], bool]:
    """Run ``target(*args, queue)`` in a fresh process; its messages, and whether it finished."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=target, args=(*args, queue))
    process.start()
    messages, deadline = [], None if limit is None else time.monotonic() + limit
    while process.is_alive() or not queue.empty():
        try:
            messages.append(queue.get(timeout=1))
        except Exception:  # noqa: BLE001 - queue.Empty: poll again
            if deadline and time.monotonic() > deadline:
                process.kill()
                return messages, False
    process.join()
    return messages, True


def check(extract: Path, ours: dict[str, dict], theirs: dict[str, Any]) -> str:
    """Where the results overlap, how far apart they are: kg's engine on the baseline's graph
    against networkx, and kg's analysis against the baseline for officers in both."""
    from kg.analysis import engine

    graph = coaccusal_graph(extract)
    pagerank = engine.pagerank(graph)
    between = engine.betweenness(graph)
    gaps = {
        "PageRank": max(abs(pagerank[o] - theirs["pagerank"][o]) for o in graph),
        "betweenness": max(abs(between[o] - theirs["betweenness"][o]) for o in graph),
    }
    same = all(
        ours["degree"][o] == theirs["degree"][o] and ours["core"][o] == theirs["core"][o] for o in graph
    )
    modularity = (
        nx.community.modularity(graph, engine.louvain(graph)),
        nx.community.modularity(graph, theirs["louvain"]),
    )
    return (
        f"degree and core {'equal' if same else 'DIFFER'}; "
        + ", ".join(f"{name} within {gap:.0e}" for name, gap in gaps.items())
        + f"; Louvain modularity {modularity[0]:.3f} vs {modularity[1]:.3f}"
    )


def officers_in(extract: Path) -> int:
    with gzip.open(extract / "officers.csv.gz", "rt", encoding="utf-8", newline="") as handle:
        return sum(1 for _ in handle) - 1


PIPELINE = ("import", "build", "analyze")
"""The stages whose sum has a target."""


def median_run(runs: list[dict[str, dict[str, Any]]]) -> dict[str, Any]:
    """Each stage of the median run of that stage (its seconds, phases and what it drew) with the
    largest peak of any run; and import+build+analyze: the median of the runs' sums, the largest peak."""
    stages = {}
    for stage in runs[0]:
        ordered = sorted(runs, key=lambda run: run[stage]["seconds"])
        stages[stage] = ordered[len(ordered) // 2][stage] | {
            "peak_mb": max(run[stage]["peak_mb"] for run in runs),
            "runs": [run[stage]["seconds"] for run in runs],
        }
    sums = [round(sum(run[s]["seconds"] for s in PIPELINE), 2) for run in runs]
    return {
        "stages": stages,
        "import+build+analyze": {
            "seconds": statistics.median_high(sums),
            "peak_mb": max(run[s]["peak_mb"] for run in runs for s in PIPELINE),
            "runs": sums,
        },
    }


def measure_fraction(fraction: float, folder: Path, baseline_limit: float, repeats: int) -> dict[str, Any]:
    """The user's commands (``repeats`` times, each in a new folder) and the baseline on one
    fraction of the extract."""
    extract = EXTRACT if fraction >= 1 else write_slice(EXTRACT, folder / f"slice-{fraction}", fraction)
    runs = []
    for run in range(repeats):
        work = folder / f"work-{fraction}-{run}"
        work.mkdir()
        runs.append(run_pipeline(extract, work))
    found: dict[str, Any] = {"fraction": fraction, "officers": officers_in(extract), **median_run(runs)}
    baseline, finished = in_process(run_baseline, extract, limit=baseline_limit)
    if finished:
        _, seconds, peak = next(m for m in baseline if m[0] == "baseline")
        results = next(m[1] for m in baseline if m[0] == "results")
        found["baseline"] = {"seconds": round(seconds, 2), "peak_mb": round(peak),
                             "checked": check(extract, our_centrality(work), results)}  # fmt: skip
    else:
        found["baseline"] = {"seconds": None, "stopped_after": baseline_limit}
    return found


def verdicts(whole: dict[str, Any]) -> dict[str, bool]:
    """Whether each target of :data:`TARGETS` is met on the whole extract."""
    met = {}
    for name, (seconds, peak) in TARGETS.items():
        measured = whole.get(name) or whole["stages"][name]
        met[name] = measured["seconds"] < seconds and (peak is None or measured["peak_mb"] < peak)
    return met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fractions", default="0.25,0.5,1")
    parser.add_argument("--baseline-limit", type=float, default=600.0)
    parser.add_argument(
        "--repeats", type=int, default=3, help="runs of the commands per fraction (medians shown)"
    )
    args = parser.parse_args()
    if not EXTRACT.is_dir():
        sys.exit(f"{EXTRACT} is not there: this benchmark needs the shared CPDP extract")
    table = Table("fraction", "officers", "import s (MB)", "build s (MB)", "analyze s (MB)", "view --by-team s (MB)",
                  "import+build+analyze s (MB)", "networkx baseline s", "baseline ÷ analyze",
                  title="kg's commands on the Chicago records, on defaults: wall time and peak memory")  # fmt: skip
    measured = []
    with tempfile.TemporaryDirectory() as folder:
        for fraction in (float(f) for f in args.fractions.split(",")):
            found = measure_fraction(fraction, Path(folder), args.baseline_limit, args.repeats)
            measured.append(found)
            stages, baseline = found["stages"], found["baseline"]
            cells = [f"{m['seconds']:.1f} ({m['peak_mb']:,})" for m in
                     (*stages.values(), found["import+build+analyze"])]  # fmt: skip
            analyze = stages["analyze"]["seconds"]
            ratio = (f"{baseline['seconds'] / analyze:.1f}×" if baseline["seconds"] is not None
                     else f"> {baseline['stopped_after'] / analyze:.1f}×")  # fmt: skip
            shown = f"{baseline['seconds']:.1f}" if baseline["seconds"] is not None else "stopped"
            table.add_row(f"{fraction:g}", f"{found['officers']:,}", *cells, shown, ratio)
    Console(width=200).print(table)
    whole = next((m for m in measured if m["fraction"] >= 1), None)
    result = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
              "baseline_limit": args.baseline_limit, "repeats": args.repeats, "targets": {k: list(v) for k, v in TARGETS.items()},
              "fractions": measured, "met": verdicts(whole) if whole else None}  # fmt: skip
    if whole:
        RESULTS.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print("wrote", RESULTS, "; targets:", result["met"])


if __name__ == "__main__":
    main()
