"""The whole pipeline on the Chicago records at 1/4, 1/2 and all of the extract, against the
networkx analysis an analyst would write in a notebook.

For each fraction (a share of the officers and every row about them, see cpdp_slices.py), a
fresh process runs the stages one after another and reports each stage's time and the peak
memory of the process so far:

- import: ``kg import cpdp`` (read, reconcile, write the case folder);
- build: read and validate the case folder, build the graph;
- analyze: ``analyze_graph`` (co-accusal network; spread of sustained misconduct, of 01B
  racial/ethnic and of 05A force during arrest, 200 shuffles each; silence, supervision,
  accountability; centralities and communities);
- export: every ``kg build`` export and every ``kg analyze`` output.

The baseline, in its own process on the same files: build the co-accusal graph with networkx
from accused.csv and call its algorithms with their defaults (degree, PageRank, exact
betweenness, eigenvector centrality, Louvain, core numbers). Where the two overlap the results
are checked: PageRank, degree and core numbers equal, Louvain modularity close; betweenness
against igraph's exact betweenness on the same graph. A baseline that runs past
``--baseline-limit`` seconds is stopped and reported as such.

    python -m benchmarks.bench_pipeline [--fractions 0.25,0.5,1] [--baseline-limit 900]
"""

from __future__ import annotations

import argparse
import collections
import csv
import gzip
import itertools
import json
import multiprocessing
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

import networkx as nx
from rich.console import Console
from rich.table import Table

from benchmarks.cpdp_slices import write_slice

EXTRACT = Path(__file__).resolve().parents[2] / "shared" / "data" / "cpdp-2000-2016"
SHUFFLES = 200
CATEGORIES = ("cpdp-01B", "cpdp-05A")
"""Racial/ethnic verbal abuse and force during arrest, besides all sustained misconduct."""


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_pipeline(extract: Path, work: Path, queue: multiprocessing.Queue) -> None:
    """The four stages in this process; puts (stage, seconds, peak MB) and the analysis summary."""
    from kg.analysis import AnalysisOptions, analyze_graph
    from kg.analysis.report import write_analysis
    from kg.export import export_all
    from kg.graph import build_graph
    from kg.sources.case_folder import load_case
    from kg.sources.cpdp import import_cpdp

    def timed(stage: str, work_to_do: Any) -> Any:
        started = time.perf_counter()
        result = work_to_do()
        queue.put((stage, time.perf_counter() - started, peak_mb()))
        return result

    timed("import", lambda: import_cpdp(extract, work / "case"))
    graph = timed("build", lambda: build_graph(load_case(work / "case")))
    options = AnalysisOptions(network="coparticipation", categories=CATEGORIES, shuffles=SHUFFLES)
    analysis = timed("analyze", lambda: analyze_graph(graph, options))
    (work / "build").mkdir()
    (work / "analysis").mkdir()
    timed("export", lambda: (export_all(graph, work / "build"), write_analysis(analysis, work / "analysis")))
    centrality = analysis.tables["centrality"]
    queue.put(("summary", analysis.summary, {
        "core": dict(zip(centrality.column("officer"), centrality.column("core"), strict=True)),
        "degree": dict(zip(centrality.column("officer"), centrality.column("degree"), strict=True)),
    }))  # fmt: skip


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fractions", default="0.25,0.5,1")
    parser.add_argument("--baseline-limit", type=float, default=900.0)
    args = parser.parse_args()
    table = Table("fraction", "officers", "stage", "seconds", "peak MB", "notes",
                  title="kg on the Chicago records: time and peak memory per stage")  # fmt: skip
    console = Console(width=160)
    with tempfile.TemporaryDirectory() as folder:
        for fraction in (float(f) for f in args.fractions.split(",")):
            extract = (
                EXTRACT
                if fraction >= 1
                else write_slice(EXTRACT, Path(folder) / f"slice-{fraction}", fraction)
            )
            work = Path(folder) / f"work-{fraction}"
            work.mkdir()
            messages, _ = in_process(run_pipeline, extract, work)
            stages = [m for m in messages if m[0] != "summary"]
            summary, ours = next((m[1], m[2]) for m in messages if m[0] == "summary")
            total = sum(seconds for _, seconds, _ in stages[:3])
            for stage, seconds, peak in stages:
                table.add_row(
                    f"{fraction:g}",
                    f"{summary['officers']:,}",
                    stage,
                    f"{seconds:.1f}",
                    f"{peak:,.0f}",
                    "",
                )
            table.add_row(
                f"{fraction:g}",
                "",
                "import+build+analyze",
                f"{total:.1f}",
                "",
                "target: < 60 s, < 2,048 MB",
            )
            analyze = next(seconds for stage, seconds, _ in stages if stage == "analyze")
            baseline, finished = in_process(run_baseline, extract, limit=args.baseline_limit)
            if finished:
                _, seconds, peak = next(m for m in baseline if m[0] == "baseline")
                results = next(m[1] for m in baseline if m[0] == "results")
                table.add_row(f"{fraction:g}", "", "networkx baseline", f"{seconds:.1f}", f"{peak:,.0f}",
                              f"{seconds / analyze:.1f}× our analyze; {check(extract, ours, results)}")  # fmt: skip
            else:
                table.add_row(f"{fraction:g}", "", "networkx baseline", f">{args.baseline_limit:.0f} (stopped)", "",
                              f">{args.baseline_limit / analyze:.1f}× our analyze")  # fmt: skip
            console.print(table)
            print(json.dumps({"fraction": fraction, "summary": summary}), flush=True)


if __name__ == "__main__":
    main()
