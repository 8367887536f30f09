"""The heavy network algorithms, run by igraph's C core behind networkx-shaped functions.

Each function takes a weighted undirected :class:`networkx.Graph` (or an :class:`IndexedNetwork`
made from one, to convert it once for several algorithms) and returns a dict by node,
equal to what the networkx function of the same name returns (the tests check it): networkx is
the reference, igraph the engine, because networkx's pure-Python betweenness and Louvain take
minutes on a network of the size of a city's police force.
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import igraph
import networkx as nx
import numpy as np


@dataclass(frozen=True)
class IndexedNetwork:
    """A network in igraph form (edge attribute ``weight``), converted once for several
    algorithms: its nodes in a canonical order (by id, edges by their ends), so that results
    never depend on the order the networkx graph happened to be built in (which can follow
    Python's hash order), and in that graph's own order (sampled pivots are drawn in it)."""

    graph: igraph.Graph
    nodes: list[Hashable]
    order: list[Hashable]


Network = nx.Graph | IndexedNetwork
"""What the algorithms take: a weighted undirected networkx graph, or one already converted."""


def indexed(network: Network) -> IndexedNetwork:
    """``network`` in igraph form (itself when already converted)."""
    if isinstance(network, IndexedNetwork):
        return network
    try:
        nodes = sorted(network)
    except TypeError:  # ids of mixed types
        nodes = sorted(network, key=str)
    index = {node: i for i, node in enumerate(nodes)}
    edges = sorted(
        (min(index[a], index[b]), max(index[a], index[b]), float(w))
        for a, b, w in network.edges(data="weight", default=1.0)
    )
    graph = igraph.Graph(n=len(nodes), edges=[(a, b) for a, b, _ in edges])
    graph.es["weight"] = [w for _, _, w in edges]
    return IndexedNetwork(graph, nodes, list(network))


def to_igraph(network: Network) -> tuple[igraph.Graph, list[Hashable]]:
    """The igraph graph of ``network`` and its nodes, in canonical order (:func:`indexed`)."""
    converted = indexed(network)
    return converted.graph, converted.nodes


def pagerank(network: Network, damping: float = 0.85) -> dict[Hashable, float]:
    """PageRank (Page et al. 1999) on edge weights; as ``nx.pagerank(network, damping)`` (which
    stops at a tolerance: the two agree to about 1e-6), solved exactly by PRPACK."""
    graph, nodes = to_igraph(network)
    if not graph.ecount():
        return dict.fromkeys(nodes, 1 / len(nodes)) if nodes else {}
    return dict(zip(nodes, graph.pagerank(damping=damping, weights="weight", directed=False), strict=True))


def betweenness(network: Network, pivots: int | None = None, seed: int = 0) -> dict[Hashable, float]:
    """Normalised shortest-path betweenness (Brandes 2001; hops, not weights); as
    ``nx.betweenness_centrality(network, k=pivots, seed=seed)``, including its choice of
    pivots and its rescaling of sampled values (Brandes & Pich 2007)."""
    converted = indexed(network)
    graph, nodes = converted.graph, converted.nodes
    n = len(nodes)
    if n < 3:
        return dict.fromkeys(nodes, 0.0)
    if pivots is None or pivots >= n:
        raw = graph.betweenness(directed=False)
        return {node: value * 2 / ((n - 1) * (n - 2)) for node, value in zip(nodes, raw, strict=True)}
    # As networkx picks them: in the networkx graph's order.
    chosen = random.Random(seed).sample(converted.order, pivots)
    index = {node: i for i, node in enumerate(nodes)}
    raw = graph.betweenness(directed=False, sources=[index[node] for node in chosen])
    sources = set(chosen)
    return {
        node: value * 2 / (((pivots - 1) if node in sources else pivots) * (n - 2))
        for node, value in zip(nodes, raw, strict=True)
    }


def eigenvector(network: Network) -> dict[Hashable, float]:
    """Eigenvector centrality (Bonacich 1972) on edge weights, scaled to unit length as
    ``nx.eigenvector_centrality`` does; computed with ARPACK."""
    graph, nodes = to_igraph(network)
    if not graph.ecount():
        return dict.fromkeys(nodes, 1 / np.sqrt(len(nodes))) if nodes else {}
    with seeded(0):  # ARPACK's start vector: on a network of several components the result depends on it
        values = np.abs(np.array(graph.eigenvector_centrality(weights="weight")))
    values /= np.linalg.norm(values)
    return dict(zip(nodes, values.tolist(), strict=True))


def core_number(network: Network) -> dict[Hashable, int]:
    """The k-core number of every node (Batagelj & Zaversnik 2003); as ``nx.core_number``."""
    graph, nodes = to_igraph(network)
    simple = graph.copy().simplify(multiple=True, loops=True)
    return dict(zip(nodes, simple.coreness(), strict=True))


def louvain(network: Network, resolution: float = 1.0, seed: int = 0) -> list[set[Hashable]]:
    """Louvain communities (Blondel et al. 2008) on edge weights, as
    ``nx.community.louvain_communities``: the same method, run by igraph's multilevel
    algorithm; reproducible for a seed, and equal to networkx's on clearly separated groups."""
    graph, nodes = to_igraph(network)
    if not graph.ecount():
        return [{node} for node in nodes]
    with seeded(seed):
        found = graph.community_multilevel(weights="weight", resolution=resolution)
    return [{nodes[i] for i in members} for members in found]


@contextmanager
def seeded(seed: int) -> Iterator[None]:
    """Run igraph's randomised algorithms on a generator seeded with ``seed``."""
    igraph.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        igraph.set_random_number_generator(random)
