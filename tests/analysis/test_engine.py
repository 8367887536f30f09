"""igraph runs the heavy algorithms; networkx is the reference they must equal."""

import networkx as nx
import pytest

from kg.analysis import engine


def graphs() -> list[nx.Graph]:
    weighted = nx.connected_watts_strogatz_graph(120, 6, 0.2, seed=4)
    for i, (a, b) in enumerate(weighted.edges()):
        weighted.edges[a, b]["weight"] = 1 + i % 3
    with_isolates = nx.karate_club_graph()
    with_isolates.add_nodes_from(["lone-1", "lone-2"])
    return [nx.karate_club_graph(), weighted, with_isolates, nx.path_graph(["a", "b", "c"])]


@pytest.mark.parametrize("network", graphs(), ids=["karate", "weighted", "isolates", "path"])
def test_pagerank_betweenness_and_cores_equal_networkx(network: nx.Graph) -> None:
    ours, theirs = engine.pagerank(network), nx.pagerank(network, weight="weight", tol=1e-12, max_iter=10_000)
    assert all(abs(ours[n] - theirs[n]) < 1e-9 for n in network)
    ours, theirs = engine.betweenness(network), nx.betweenness_centrality(network)
    assert all(abs(ours[n] - theirs[n]) < 1e-12 for n in network)
    assert engine.core_number(network) == nx.core_number(network)


@pytest.mark.parametrize("seed", [0, 1, 7])
def test_sampled_betweenness_equals_networkx_with_the_same_seed(seed: int) -> None:
    network = graphs()[1]
    ours, theirs = (
        engine.betweenness(network, pivots=25, seed=seed),
        nx.betweenness_centrality(network, k=25, seed=seed),
    )
    assert all(abs(ours[n] - theirs[n]) < 1e-12 for n in network)


@pytest.mark.parametrize("network", graphs()[:2], ids=["karate", "weighted"])
def test_eigenvector_equals_networkx_on_connected_graphs(network: nx.Graph) -> None:
    ours = engine.eigenvector(network)
    theirs = nx.eigenvector_centrality(network, weight="weight", max_iter=10_000, tol=1e-12)
    assert all(abs(ours[n] - theirs[n]) < 1e-6 for n in network)


def test_louvain_finds_what_networkx_finds() -> None:
    cliques = nx.disjoint_union_all([nx.complete_graph(6) for _ in range(4)])
    cliques.add_edges_from([(0, 6), (6, 12), (12, 18), (18, 0)])
    expected = nx.community.louvain_communities(cliques, seed=0)
    assert sorted(map(sorted, engine.louvain(cliques, seed=0))) == sorted(map(sorted, expected))
    karate = nx.karate_club_graph()
    ours = nx.community.modularity(karate, engine.louvain(karate, seed=0))
    theirs = nx.community.modularity(karate, nx.community.louvain_communities(karate, seed=0))
    assert abs(ours - theirs) < 0.02  # the same method: partitions of the same quality
    assert engine.louvain(karate, seed=3) == engine.louvain(karate, seed=3)


def test_results_do_not_depend_on_insertion_order_or_the_random_state() -> None:
    """Several components make the leading eigenvector degenerate: ARPACK's start vector and the
    node order would otherwise decide it (and Louvain's partition)."""
    import random

    crews = nx.disjoint_union_all([nx.complete_graph(4) for _ in range(6)])
    crews = nx.relabel_nodes(crews, {n: f"o{n:02d}" for n in crews})
    found = []
    for seed in range(3):
        order = list(crews.edges())
        random.Random(seed).shuffle(order)
        network = nx.Graph()
        network.add_nodes_from(random.Random(seed + 10).sample(sorted(crews), len(crews)))
        network.add_edges_from(order, weight=1.0)
        random.seed(seed)
        found.append((engine.eigenvector(network), engine.louvain(network, seed=0)))
    assert found[0] == found[1] == found[2]


@pytest.mark.parametrize("network", graphs(), ids=["karate", "weighted", "isolates", "path"])
def test_a_network_converted_once_gives_what_each_algorithm_gives_on_the_networkx_graph(
    network: nx.Graph,
) -> None:
    converted = engine.indexed(network)
    looped, node = nx.Graph(network), next(iter(network))
    looped.add_edge(node, node)  # a loop: core_number simplifies a copy, never the shared graph
    converted_looped = engine.indexed(looped)
    assert engine.core_number(converted_looped) == engine.core_number(looped)
    assert converted_looped.graph.ecount() == looped.number_of_edges()
    assert engine.pagerank(converted) == engine.pagerank(network)
    assert engine.betweenness(converted) == engine.betweenness(network)
    assert engine.betweenness(converted, pivots=2, seed=5) == engine.betweenness(network, pivots=2, seed=5)
    assert engine.eigenvector(converted) == engine.eigenvector(network)
    assert engine.core_number(converted) == engine.core_number(network)
    assert engine.louvain(converted, seed=1) == engine.louvain(network, seed=1)
    assert engine.indexed(converted) is converted
