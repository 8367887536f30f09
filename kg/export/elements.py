"""A graph's nodes and relationships as the streamed exports (GraphML, GEXF, node-link JSON)
read them: from the graph in memory, or from files another process wrote.

A graph of millions of elements costs gigabytes; a second process that shares its pages through
``fork`` ends up copying most of them, since every object either process reads has its reference
count written. So for a second process to write some exports beside the first, this process
writes the elements once to a folder of pickled chunks (:func:`write_elements`) and the second
process, started afresh, reads them back a chunk at a time (:func:`read_elements`), holding
little. The folder is a temporary one this process made (readable by its user only) inside the
output folder, removed once the exports are written.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from kg.export.xml_text import declared_types
from kg.neo4j.model import batches
from kg.progress import Advance, counted, ignore

Node = tuple[str, dict[str, Any]]
"""A node's id and attributes."""
Edge = tuple[str, str, str, dict[str, Any]]
"""A relationship's start, end, id and attributes."""
CHUNK = 10_000
"""Elements pickled together: large enough that pickling is fast, small enough to hold little."""
ATTRIBUTES, NODES, EDGES = "attributes.pickle", "nodes.pickle", "edges.pickle"


@dataclass
class Elements:
    """A graph's attributes and its nodes and edges, read afresh by each call of ``nodes`` and
    ``edges``."""

    attributes: dict[str, Any]
    nodes: Callable[[], Iterable[Node]]
    edges: Callable[[], Iterable[Edge]]
    _declared: dict[str, dict[str, str]] = field(default_factory=dict, init=False, repr=False)

    def types(self, scope: str) -> dict[str, str]:
        """Each ``node`` or ``edge`` property with its XML type (see
        :func:`~kg.export.xml_text.declared_types`), in first-seen order; worked out on first
        use, so that GraphML and GEXF share one pass."""
        if scope not in self._declared:
            items = self.nodes() if scope == "node" else self.edges()
            self._declared[scope] = declared_types(element[-1] for element in items)
        return self._declared[scope]


def as_elements(graph: nx.MultiDiGraph | Elements) -> Elements:
    """The elements of ``graph``, read from it as they are needed (``graph`` itself when it is
    already :class:`Elements`)."""
    if isinstance(graph, Elements):
        return graph
    return Elements(graph.graph, lambda: graph.nodes(data=True), lambda: graph.edges(keys=True, data=True))


def write_elements(elements: Elements, folder: Path, advance: Advance = ignore) -> None:
    """Write ``elements`` to ``folder`` (which must exist) for :func:`read_elements`; ``advance``
    hears of the nodes and relationships written."""
    (folder / ATTRIBUTES).write_bytes(pickle.dumps(elements.attributes, pickle.HIGHEST_PROTOCOL))
    for name, items in ((NODES, elements.nodes), (EDGES, elements.edges)):
        with (folder / name).open("wb") as out:
            for chunk in batches(counted(items(), advance), CHUNK):
                pickle.dump(chunk, out, pickle.HIGHEST_PROTOCOL)


def read_elements(folder: Path) -> Elements:
    """The elements :func:`write_elements` wrote to ``folder``, read a chunk at a time."""
    return Elements(
        pickle.loads((folder / ATTRIBUTES).read_bytes()),
        lambda: _unpickled(folder / NODES),
        lambda: _unpickled(folder / EDGES),
    )


def _unpickled(path: Path) -> Iterator[Any]:
    with path.open("rb") as handle:
        while handle.peek(1):
            yield from pickle.load(handle)
