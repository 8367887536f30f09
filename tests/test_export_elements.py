"""A graph's elements handed to another process through files: read back exactly as the graph
holds them, value types included, whatever the chunking."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg import build_graph, load_case
from kg.export import elements
from kg.export.elements import as_elements, read_elements, write_elements
from tests.conftest import HOTTON, hostile_case


def typed(items: Any) -> list[tuple[Any, ...]]:
    """Each element with every value beside its type (so that ``1`` and ``True`` differ)."""
    return [(*ends, [(k, type(v), v) for k, v in data.items()]) for *ends, data in items]


@pytest.mark.parametrize("chunk", [1, 7, elements.CHUNK])
def test_elements_read_back_as_the_graph_holds_them(chunk: int, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(elements, "CHUNK", chunk)
    graph = build_graph(load_case(hostile_case(tmp_path / "hostile")))
    graph.add_node("typed", kind="Officer", count=3, share=0.5, flag=True, absent=None)  # every value type
    told: list[int] = []
    write_elements(as_elements(graph), tmp_path, told.append)
    read = read_elements(tmp_path)
    assert read.attributes == graph.graph
    assert typed(read.nodes()) == typed(graph.nodes(data=True))
    assert typed(read.edges()) == typed(graph.edges(keys=True, data=True))
    assert list(read.nodes()) == list(read.nodes())  # each call reads afresh
    assert sum(told) == graph.number_of_nodes() + graph.number_of_edges()
    for scope in ("node", "edge"):
        assert read.types(scope) == as_elements(graph).types(scope)
    assert read.types("node")["flag"] == "boolean" and read.types("node")["count"] == "long"


def test_a_graph_is_its_elements(tmp_path: Path) -> None:
    graph: nx.MultiDiGraph = build_graph(load_case(HOTTON))
    found = as_elements(graph)
    assert as_elements(found) is found
    assert list(found.nodes()) == list(graph.nodes(data=True))
