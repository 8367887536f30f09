"""The structure of an officer network: who is central, who brokers between teams, the dense
core, and whether the informal communities follow the formal teams."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from kg.analysis.groups import NO_TEAM, GroupIndex

EXACT_BETWEENNESS_LIMIT = 2000
"""Networks with more nodes than this get betweenness from sampled pivots."""
BETWEENNESS_PIVOTS = 500


@dataclass(frozen=True)
class Centrality:
    """Centrality measures of one officer in a weighted undirected network."""

    officer: str
    degree: int
    weighted_degree: float
    pagerank: float
    betweenness: float
    eigenvector: float | None
    """None when power iteration did not converge."""
    core: int


def betweenness(network: nx.Graph, seed: int = 0, exact_limit: int = EXACT_BETWEENNESS_LIMIT,
                pivots: int = BETWEENNESS_PIVOTS) -> tuple[dict[str, float], dict[str, object]]:  # fmt: skip
    """Normalised betweenness (Brandes 2001; hops, not weights), exact up to ``exact_limit``
    nodes, otherwise estimated from ``pivots`` sources drawn with ``seed`` (Brandes & Pich 2007).
    Returns the values and the method used."""
    if network.number_of_nodes() <= exact_limit:
        return nx.betweenness_centrality(network), {"method": "exact"}
    values = nx.betweenness_centrality(network, k=min(pivots, network.number_of_nodes()), seed=seed)
    return values, {"method": "sampled", "pivots": pivots, "seed": seed}


def eigenvector(network: nx.Graph) -> dict[str, float] | None:
    """Eigenvector centrality (Bonacich 1972) by power iteration on weights; None when it does
    not converge (as on some disconnected or bipartite networks)."""
    try:
        return nx.eigenvector_centrality(network, max_iter=1000, tol=1e-9, weight="weight")
    except (nx.PowerIterationFailedConvergence, nx.NetworkXPointlessConcept):
        return None


def centralities(network: nx.Graph, seed: int = 0) -> tuple[list[Centrality], dict[str, object]]:
    """Degree, weighted degree, PageRank (Page et al. 1999, damping 0.85, weighted),
    betweenness, eigenvector centrality and k-core number (Batagelj & Zaversnik 2003) of every
    node, sorted by PageRank (highest first) then id; and the parameters used."""
    pagerank = nx.pagerank(network, alpha=0.85, weight="weight") if network.number_of_edges() else {
        n: 1 / max(1, network.number_of_nodes()) for n in network
    }  # fmt: skip
    between, between_params = betweenness(network, seed)
    eigen = eigenvector(network)
    core = nx.core_number(network)
    rows = [
        Centrality(
            node,
            network.degree(node),
            float(network.degree(node, weight="weight")),
            pagerank[node],
            between[node],
            eigen[node] if eigen else None,
            core[node],
        )  # fmt: skip
        for node in network
    ]
    rows.sort(key=lambda r: (-r.pagerank, r.officer))
    parameters = {
        "pagerank_damping": 0.85,
        "betweenness": between_params,
        "eigenvector_converged": eigen is not None,
    }
    return rows, parameters


@dataclass(frozen=True)
class Broker:
    """An officer tied to officers of teams they never belonged to."""

    officer: str
    teams: tuple[str, ...]
    cross_team_ties: int
    teams_reached: tuple[str, ...]
    betweenness: float


def brokers(network: nx.Graph, teams: GroupIndex, between: dict[str, float]) -> list[Broker]:
    """Officers with ties to officers who share no team with them, ranked by how many other
    teams they reach, then betweenness, then id."""
    rows = []
    for officer in network:
        own = set(teams.groups_of(officer))
        if not own:
            continue
        outside = [n for n in network[officer] if teams.groups_of(n) and not own & set(teams.groups_of(n))]
        reached = sorted({t for n in outside for t in teams.groups_of(n)} - own)
        if outside:
            rows.append(
                Broker(officer, tuple(sorted(own)), len(outside), tuple(reached), between.get(officer, 0.0))
            )
    rows.sort(key=lambda b: (-len(b.teams_reached), -b.betweenness, b.officer))
    return rows


@dataclass(frozen=True)
class CommunityComparison:
    """Louvain communities of the network compared with officers' primary teams."""

    communities: dict[str, int]
    """Community number of each officer (0 is the largest community)."""
    officers_compared: int
    nmi: float | None
    ari: float | None
    seed: int
    resolution: float


def communities_vs_teams(
    network: nx.Graph, teams: GroupIndex, seed: int = 0, resolution: float = 1.0
) -> CommunityComparison:
    """Louvain communities (Blondel et al. 2008, seeded) compared with each officer's primary team
    (see :meth:`GroupIndex.primary`) by normalised mutual information and the adjusted Rand index
    (Hubert & Arabie 1985), over officers with a team and at least one tie. 1 means the informal
    network follows the teams exactly; 0, no more than chance."""
    tied = network.subgraph(n for n in network if network.degree(n))
    found = (
        nx.community.louvain_communities(tied, weight="weight", resolution=resolution, seed=seed)
        if tied
        else []
    )
    ordered = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    membership = {officer: number for number, community in enumerate(ordered) for officer in community}
    compared = sorted(o for o in membership if teams.primary(o) != NO_TEAM)
    if len(compared) < 2:
        return CommunityComparison(membership, len(compared), None, None, seed, resolution)
    formal = [teams.primary(o) for o in compared]
    informal = [membership[o] for o in compared]
    return CommunityComparison(
        dict(sorted(membership.items())), len(compared),
        float(normalized_mutual_info_score(formal, informal)), float(adjusted_rand_score(formal, informal)),
        seed, resolution,
    )  # fmt: skip
