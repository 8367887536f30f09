"""The structure of an officer network: who is central, who brokers between teams, the dense
core, and whether the informal communities follow the formal teams."""

from __future__ import annotations

import warnings
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx
from sklearn.metrics import adjusted_mutual_info_score, adjusted_rand_score, normalized_mutual_info_score

from kg.analysis import engine, plots
from kg.analysis.groups import NO_TEAM, GroupIndex
from kg.analysis.measure import FigureSpec, Measure, Section
from kg.analysis.result_tables import reported
from kg.analysis.ties import Tie

if TYPE_CHECKING:
    from kg.analysis.context import AnalysisContext

EXACT_BETWEENNESS_LIMIT = 5000
"""Networks with more nodes than this get betweenness from sampled pivots."""
BETWEENNESS_PIVOTS = 1000


@dataclass(frozen=True)
class Centrality:
    """Centrality measures of one officer in a weighted undirected network."""

    officer: str
    degree: int
    weighted_degree: float
    pagerank: float
    betweenness: float
    eigenvector: float
    core: int


def betweenness(network: engine.Network, seed: int = 0, exact_limit: int = EXACT_BETWEENNESS_LIMIT,
                pivots: int = BETWEENNESS_PIVOTS) -> tuple[dict[str, float], dict[str, object]]:  # fmt: skip
    """Normalised betweenness (Brandes 2001; hops, not weights), exact up to ``exact_limit``
    nodes, otherwise estimated from ``pivots`` sources drawn with ``seed`` (Brandes & Pich 2007).
    Returns the values and the method used."""
    converted = engine.indexed(network)
    if len(converted.nodes) <= exact_limit:
        return engine.betweenness(converted), {"method": "exact"}
    return engine.betweenness(converted, pivots, seed), {"method": "sampled", "pivots": pivots, "seed": seed}


def eigenvector(network: engine.Network) -> tuple[dict[str, float], str | None]:
    """Eigenvector centrality (Bonacich 1972) on weights, and igraph's warning when the network
    is not connected (where eigenvector centrality means little outside the main component)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        values = engine.eigenvector(network)
    return values, str(caught[0].message).split(" Location:")[0] if caught else None


def centralities(network: nx.Graph, seed: int = 0) -> tuple[list[Centrality], dict[str, object]]:
    """Degree, weighted degree, PageRank (Page et al. 1999, damping 0.85, weighted),
    betweenness, eigenvector centrality and k-core number (Batagelj & Zaversnik 2003) of every
    node, sorted by PageRank (highest first) then id; and the parameters used."""
    converted = engine.indexed(network)
    pagerank = engine.pagerank(converted, 0.85)
    between, between_params = betweenness(converted, seed)
    eigen, eigen_warning = eigenvector(converted)
    core = engine.core_number(converted)
    rows = [
        Centrality(
            node,
            network.degree(node),
            float(network.degree(node, weight="weight")),
            pagerank[node],
            between[node],
            eigen[node],
            core[node],
        )  # fmt: skip
        for node in network
    ]
    rows.sort(key=lambda r: (-reported(r.pagerank), r.officer))
    parameters = {
        "pagerank_damping": 0.85,
        "betweenness": between_params,
        "eigenvector_warning": eigen_warning,
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
    rows.sort(key=lambda b: (-len(b.teams_reached), -reported(b.betweenness), b.officer))
    return rows


@dataclass(frozen=True)
class CommunityComparison:
    """Louvain communities of the network compared with officers' primary teams."""

    communities: dict[str, int]
    """Community number of each officer (0 is the largest community)."""
    officers_compared: int
    nmi: float | None
    ami: float | None
    ari: float | None
    seed: int
    resolution: float


def communities_vs_teams(
    network: nx.Graph, teams: GroupIndex, seed: int = 0, resolution: float = 1.0
) -> CommunityComparison:
    """Louvain communities (Blondel et al. 2008, seeded) compared with each officer's primary team
    (see :meth:`GroupIndex.primary`) by normalised mutual information, adjusted mutual information
    (Vinh et al. 2010: corrected for the agreement chance gives many small groups) and the adjusted
    Rand index (Hubert & Arabie 1985), over officers with a team and at least one tie. 1 means the
    informal network follows the teams exactly; the adjusted scores are 0 at chance."""
    tied = network.subgraph(n for n in network if network.degree(n))
    found = engine.louvain(tied, resolution, seed) if tied else []
    ordered = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    membership = {officer: number for number, community in enumerate(ordered) for officer in community}
    compared = sorted(o for o in membership if teams.primary(o) != NO_TEAM)
    if len(compared) < 2:
        return CommunityComparison(membership, len(compared), None, None, None, seed, resolution)
    formal = [teams.primary(o) for o in compared]
    informal = [membership[o] for o in compared]
    return CommunityComparison(
        dict(sorted(membership.items())), len(compared),
        float(normalized_mutual_info_score(formal, informal)), float(adjusted_mutual_info_score(formal, informal)),
        float(adjusted_rand_score(formal, informal)), seed, resolution,
    )  # fmt: skip


@dataclass(frozen=True)
class CommunityRow:
    officer: str
    community: int
    primary_team: str


def community_rows(context: AnalysisContext) -> list[CommunityRow]:
    return [CommunityRow(o, c, context.teams.primary(o)) for o, c in context.communities.communities.items()]


@dataclass(frozen=True)
class TiesAndUnits:
    """How many ties of one type joined officers who shared a unit on the day the tie began."""

    tie_type: str
    ties: int
    same_unit_that_day: int
    same_unit_another_time: int
    never_same_unit: int
    not_comparable: int
    """Undated ties, and ties of an officer with no recorded unit."""


def ties_and_units(ties: Iterable[Tie], teams: GroupIndex) -> list[TiesAndUnits]:
    """Each pair tie type's ties, by whether its two officers were in a common unit on the tie's
    first day (the first shared incident or message), at another time, or never."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for tie in ties:
        if not (teams.groups_of(tie.source) and teams.groups_of(tie.target)):
            counts[tie.tie_type]["not_comparable"] += 1
        elif set(teams.groups_of(tie.source)).isdisjoint(teams.groups_of(tie.target)):
            counts[tie.tie_type]["never_same_unit"] += 1
        elif tie.start is None:
            counts[tie.tie_type]["not_comparable"] += 1
        elif set(teams.groups_of(tie.source, tie.start)) & set(teams.groups_of(tie.target, tie.start)):
            counts[tie.tie_type]["same_unit_that_day"] += 1
        else:
            counts[tie.tie_type]["same_unit_another_time"] += 1
    return [
        TiesAndUnits(tie_type, sum(found.values()), found["same_unit_that_day"], found["same_unit_another_time"],
                     found["never_same_unit"], found["not_comparable"])
        for tie_type, found in sorted(counts.items())
    ]  # fmt: skip


CENTRALITY = Measure(
    "centrality", "Centrality in the officer network",
    "Degree, weighted degree, PageRank, betweenness, eigenvector centrality and k-core number of every officer in "
    "the officer network chosen with --network, highest PageRank first.",
    Centrality, lambda context: context.centrality, Section.STRUCTURE,
    figures=(FigureSpec("top_pagerank", "The officers with the highest PageRank.", plots.top_centrality),),
)  # fmt: skip
BROKERS = Measure(
    "brokers", "Brokers between teams",
    "Officers with ties to officers of teams they never belonged to, by how many other teams they reach.",
    Broker,
    lambda context: brokers(context.network, context.teams, {c.officer: c.betweenness for c in context.centrality}),
    Section.STRUCTURE,
)  # fmt: skip
COMMUNITIES = Measure(
    "communities", "Communities and teams",
    "The Louvain community of each tied officer beside their primary team (the team they spent longest in).",
    CommunityRow, community_rows, Section.COMMUNITIES,
    figures=(FigureSpec("communities_vs_teams", "Officers of each primary team (rows) in each community (columns).",
                        plots.communities_vs_teams),),
)  # fmt: skip
TIES_AND_UNITS = Measure(
    "ties_and_units", "Ties and units on the day",
    "For each pair tie type (shared incidents, messages), how many ties joined two officers who were in a common "
    "unit on the day the tie began, who shared one only at another time, or who never shared one.",
    TiesAndUnits, lambda context: ties_and_units(context.pair_ties, context.teams), Section.COMMUNITIES,
)  # fmt: skip
