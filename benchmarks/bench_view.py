"""The interactive graph at scale: time to first complete draw in headless Chromium, and file size.

For 1k, 10k and 50k nodes (about 3 relationships per node; officers, teams, incidents and
categories with dates), ``kg view`` writes the page; Chromium opens it offline and the time from
navigation until the final picture is drawn is measured (the median of ``--repeats``): the first
complete draw when positions come from Python, the first draw after the layout has settled when
the browser lays it out. The baseline, measured in the same run for the sizes up to 10k, is the
same page with vis-network's physics laying the graph out in the browser (pyvis's default).
Target: 10k nodes drawn and interactive in under 3 s, in a file under 15 MB.

    python -m benchmarks.bench_view [--sizes 1000,10000,50000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import networkx as nx
from playwright.sync_api import Browser, sync_playwright
from playwright.sync_api import TimeoutError as PageTimeout
from rich.console import Console
from rich.table import Table

from kg.viz.drawing import ViewOptions, knowledge_drawing, narrow
from kg.viz.layout import PHYSICS_LIMIT
from kg.viz.page import render

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]  # fmt: skip
START = date(2016, 1, 1)
BASELINE_TIMEOUT = 180.0
RESULTS = Path(__file__).resolve().parent / "results" / "view.json"


def synthetic_graph(nodes: int, seed: int = 0) -> nx.MultiDiGraph:
    """A knowledge graph of ``nodes`` nodes and about 3 relationships per node: officers in teams
    of 20, messages each sent by one officer to two others, five categories."""
    rng = random.Random(seed)
    graph = nx.MultiDiGraph(name="bench", title=f"Synthetic graph of {nodes:,} nodes")
    officers = max(2, nodes * 2 // 5)
    teams = max(1, officers // 20)
    messages = nodes - officers - teams - 5
    add = graph.add_node
    for c in range(5):
        add(f"cat-{c}", kind="Category", name=f"Category {c}", sources="s")
    for t in range(teams):
        add(f"team-{t}", kind="Team", name=f"Team {t}", sources="s")
    for o in range(officers):
        joined = START + timedelta(days=rng.randrange(700))
        add(f"officer-{o}", kind="Officer", name=f"Officer {o}", joined=joined.isoformat(), sources="s")
        graph.add_edge(f"officer-{o}", f"team-{o % teams}", key=f"m{o}", kind="MEMBER_OF", sources="s",
                       **{"from": joined.isoformat()})  # fmt: skip
    for m in range(messages):
        day = START + timedelta(days=rng.randrange(730))
        add(
            f"msg-{m}",
            kind="Incident",
            name=f"Message {m}",
            incident_type="message",
            occurred_on=day.isoformat(),
            sources="s",
        )
        sender, *recipients = rng.sample(range(officers), 3)
        graph.add_edge(f"officer-{sender}", f"msg-{m}", key=f"s{m}", kind="SENT", sources="s")
        for r in recipients:
            graph.add_edge(f"officer-{r}", f"msg-{m}", key=f"r{m}-{r}", kind="RECEIVED", sources="s")
        graph.add_edge(f"msg-{m}", f"cat-{m % 5}", key=f"c{m}", kind="IN_CATEGORY", sources="s")
    return graph


def write_graph(nodes: int, path: Path, physics_limit: int = PHYSICS_LIMIT) -> Path:
    """Write the page of a synthetic graph of ``nodes`` nodes (``physics_limit``: see render)."""
    graph = synthetic_graph(nodes)
    drawing = narrow(knowledge_drawing(graph), graph, ViewOptions(size_by="degree"))
    path.write_text(render(drawing, "degree", physics_limit=physics_limit), encoding="utf-8")
    return path


def settled_seconds(browser: Browser, path: Path, timeout: float = 120.0) -> float:
    """Seconds from navigation until the page has its final picture: the first complete draw,
    or, when the browser lays the graph out, the first draw after the layout has settled."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.route(lambda url: not url.startswith("file://"), lambda route: route.abort())
    try:
        page.goto(path.resolve().as_uri(), timeout=timeout * 1000)
        page.wait_for_function("() => window.kgSettled !== undefined", timeout=timeout * 1000)
        return page.evaluate("window.kgSettled") / 1000
    finally:
        page.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    table = Table("nodes", "edges", "page", "MB", "write s", "drawn, s (median)", "× baseline",
                  title="kg view: seconds until the final picture is drawn, headless Chromium")  # fmt: skip
    rows = []
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        for size in (int(s) for s in args.sizes.split(",")):
            started = time.perf_counter()
            path = write_graph(size, Path(folder) / f"kg-{size}.html")
            write = time.perf_counter() - started
            edges = synthetic_graph(size).number_of_edges()
            ours = statistics.median(settled_seconds(browser, path) for _ in range(args.repeats))
            baseline = None
            if size <= 10_000:
                physics = write_graph(size, Path(folder) / f"physics-{size}.html", physics_limit=10**9)
                try:
                    baseline = settled_seconds(browser, physics, BASELINE_TIMEOUT)
                except PageTimeout:  # a baseline that does not settle in time is reported as such
                    baseline = None
                rows.append({"nodes": size, "edges": edges, "page": "baseline", "mb": round(physics.stat().st_size / 1e6, 1),
                             "write_seconds": None, "drawn_seconds": None if baseline is None else round(baseline, 2)})  # fmt: skip
            rows.append({"nodes": size, "edges": edges, "page": "kg view", "python_positions": size > PHYSICS_LIMIT,
                         "mb": round(path.stat().st_size / 1e6, 1), "write_seconds": round(write, 1),
                         "drawn_seconds": round(ours, 2),
                         "baseline_ratio": None if baseline is None else round(baseline / ours, 1)})  # fmt: skip
        browser.close()
    for row in rows:
        table.add_row(f"{row['nodes']:,}", f"{row['edges']:,}", row["page"], f"{row['mb']}", str(row["write_seconds"] or ""),
                      str(row["drawn_seconds"] or f"> {BASELINE_TIMEOUT:.0f}"), str(row.get("baseline_ratio") or ""))  # fmt: skip
    Console(width=140).print(table)
    if args.sizes == parser.get_default("sizes"):
        result = {"cpus": os.cpu_count(), "repeats": args.repeats, "baseline_timeout": BASELINE_TIMEOUT,
                  "physics_limit": PHYSICS_LIMIT, "rows": rows}  # fmt: skip
        RESULTS.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print("wrote", RESULTS)


if __name__ == "__main__":
    main()
