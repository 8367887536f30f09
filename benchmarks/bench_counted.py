"""What counting progress costs the exports it counts: each export of a generated chat-shaped
graph written with its loops counted (:func:`kg.progress.counted`, as ``kg build`` does) and,
as the baseline in the same run, with counting turned off. The table gives medians and the
ratio counted ÷ uncounted.

    python -m benchmarks.bench_counted [--messages 300000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path

import networkx as nx
from rich.console import Console
from rich.table import Table

import kg.export.node_link as node_link
import kg.export.spreadsheet_csv as spreadsheet_csv
from benchmarks.bench_chats import median_seconds
from kg.progress import counted

COUNTING_MODULES = (node_link, spreadsheet_csv)
EXPORTS: dict[str, Callable[..., Path]] = {
    "relationships.csv": spreadsheet_csv.export_relationships_csv,
    "graph.json": node_link.export_node_link_json,
}


def chat_graph(messages: int) -> nx.MultiDiGraph:
    """Messages sent by 50 people into one chat: a node and two relationships per message."""
    graph = nx.MultiDiGraph(name="bench")
    graph.add_node("chat", kind="ChatGroup", name="chat", sources="s")
    for person in range(50):
        graph.add_node(f"p{person}", kind="Person", name=f"Person {person}", sources="s")
    for n in range(messages):
        graph.add_node(
            f"m{n}", kind="Incident", incident_type="message", occurred_on="2020-01-01", sources="s"
        )
        graph.add_edge(f"p{n % 50}", f"m{n}", key=f"sent-{n}", kind="SENT", sources="s")
        graph.add_edge(f"m{n}", "chat", key=f"in-{n}", kind="POSTED_IN", sources="s")
    return graph


def uncounted(items: Iterable, advance: Callable[[int], None], every: int = 0) -> Iterator:
    """The baseline: the items as they are, nothing told."""
    return iter(items)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=300_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    graph = chat_graph(args.messages)
    told: list[int] = []
    table = Table(title=f"Exports of {args.messages:,} messages, counted and not (median of {args.repeats})")
    for column in ("export", "uncounted s", "counted s", "counted ÷ uncounted"):
        table.add_column(column, justify="right")
    with tempfile.TemporaryDirectory() as folder:
        for name, export in EXPORTS.items():
            seconds = {}
            for mode, wrapper in (("uncounted", uncounted), ("counted", counted)):
                for module in COUNTING_MODULES:
                    module.counted = wrapper  # type: ignore[attr-defined]
                seconds[mode] = median_seconds(
                    partial(export, graph, Path(folder) / name, advance=told.append), args.repeats
                )
            table.add_row(name, f"{seconds['uncounted']:.2f}", f"{seconds['counted']:.2f}",
                          f"{seconds['counted'] / seconds['uncounted']:.2f}")  # fmt: skip
    Console(width=100).print(table)


if __name__ == "__main__":
    main()
