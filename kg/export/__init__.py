"""Exports of the knowledge graph: GraphML, GEXF, node-link JSON, CSV, neo4j-admin, Cypher."""

from __future__ import annotations

import tempfile
from functools import partial
from pathlib import Path
from typing import Protocol

import networkx as nx

from kg.export.cypher_script import export_cypher
from kg.export.elements import Elements, as_elements, read_elements, write_elements
from kg.export.gexf import export_gexf
from kg.export.graphml import export_graphml
from kg.export.neo4j_admin import export_neo4j_admin
from kg.export.node_link import export_node_link_json
from kg.export.spreadsheet_csv import export_nodes_csv, export_relationships_csv
from kg.forked import side_by_side, worth_a_fresh_process
from kg.gc_pause import paused_gc
from kg.graph import relationship_count
from kg.progress import Advance, Step, all_counted_by, no_progress

__all__ = [
    "export_all",
    "export_cypher",
    "export_gexf",
    "export_graphml",
    "export_neo4j_admin",
    "export_node_link_json",
    "export_nodes_csv",
    "export_relationships_csv",
]


class Writer(Protocol):
    """An export of ``graph`` to ``path``, telling ``advance`` of each node and relationship it writes."""

    def __call__(self, graph: nx.MultiDiGraph, path: Path, advance: Advance = ...) -> Path | list[Path]: ...


WRITERS: dict[str, Writer] = {
    "graph.graphml": export_graphml, "graph.gexf": export_gexf, "graph.json": export_node_link_json,
    "nodes.csv": export_nodes_csv, "relationships.csv": export_relationships_csv,
    "graph.cypher": export_cypher, "neo4j-admin": export_neo4j_admin,
}  # fmt: skip
"""Every export, by the file or folder it writes."""
IN_A_FRESH_PROCESS = ("graph.graphml", "graph.gexf", "graph.json")
"""The exports written from the graph's elements in a fresh process beside the others when the
graph is large (:func:`export_all`): about half of the work on the Chicago records and on a large
chat."""
WRITTEN = {"nodes.csv": "nodes", "relationships.csv": "relationships"}
"""What the exports that do not write both nodes and relationships write."""


Sizes = dict[str, int]
"""A graph's ``nodes`` and ``relationships``, counted once (:func:`sizes_of`)."""


def sizes_of(graph: nx.MultiDiGraph) -> Sizes:
    """How many nodes and relationships ``graph`` has."""
    return {"nodes": graph.number_of_nodes(), "relationships": relationship_count(graph)}


def elements_written(sizes: Sizes, names: list[str]) -> int:
    """How many nodes and relationships the exports ``names`` write in all, for a graph of ``sizes``."""
    return sum(sizes[WRITTEN[name]] if name in WRITTEN else sum(sizes.values()) for name in names)


@paused_gc()
def export_all(graph: nx.MultiDiGraph, folder: str | Path, step: Step = no_progress) -> list[Path]:
    """Write every export of ``graph`` into ``folder``; returns the files written, in
    :data:`WRITERS` order. ``step`` hears each phase as it begins, counted in nodes and
    relationships written: each file in turn, or, for a large graph
    (:func:`kg.forked.worth_a_fresh_process`), first the graph's elements handed to a fresh
    process in files (:mod:`kg.export.elements`, in a temporary folder inside ``folder``), then
    all the exports at once, those of :data:`IN_A_FRESH_PROCESS` written there from the elements
    and the others here."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    sizes = sizes_of(graph)
    if worth_a_fresh_process(sum(sizes.values())):
        written = _write_in_two_processes(graph, sizes, folder, step)
    else:
        written = _write(graph, sizes, folder, list(WRITERS), step)
    return [path for name in WRITERS for path in written[name]]


def _write_in_two_processes(
    graph: nx.MultiDiGraph, sizes: Sizes, folder: Path, step: Step
) -> dict[str, list[Path]]:
    """Every export of ``graph``, those of :data:`IN_A_FRESH_PROCESS` written in a fresh process
    from the elements handed to it (see :func:`export_all`); the files of each."""
    there_names = [name for name in WRITERS if name in IN_A_FRESH_PROCESS]
    here_names = [name for name in WRITERS if name not in IN_A_FRESH_PROCESS]
    total = sum(sizes.values())
    with tempfile.TemporaryDirectory(prefix=".kg-elements-", dir=folder) as handed:
        advance = step("handing the graph to a second process", total, "nodes and relationships")
        write_elements(as_elements(graph), Path(handed), advance)
        advance = step(
            f"writing {len(WRITERS)} exports, {len(there_names)} of them in a second process",
            elements_written(sizes, list(WRITERS)), "nodes and relationships",
        )  # fmt: skip
        there, here = side_by_side(
            partial(_write_handed, Path(handed), sizes, folder, there_names),
            lambda counts: _write(graph, sizes, folder, here_names, all_counted_by(counts)),
            advance,
            fresh=True,
        )
    return there | here


@paused_gc()
def _write_handed(
    handed: Path, sizes: Sizes, folder: Path, names: list[str], advance: Advance
) -> dict[str, list[Path]]:
    """In the fresh process: write the exports ``names`` from the elements in ``handed``."""
    return _write(read_elements(handed), sizes, folder, names, all_counted_by(advance))


def _write(
    graph: nx.MultiDiGraph | Elements, sizes: Sizes, folder: Path, names: list[str], step: Step
) -> dict[str, list[Path]]:
    """Write the exports ``names`` of ``graph`` (of ``sizes``), each a phase ``step`` hears of;
    the files of each."""
    written = {}
    for name in names:
        advance = step(
            f"writing {name}", elements_written(sizes, [name]), WRITTEN.get(name, "nodes and relationships")
        )
        found = WRITERS[name](graph, folder / name, advance=advance)
        written[name] = found if isinstance(found, list) else [found]
    return written
