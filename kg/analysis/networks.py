"""Officer networks: projections of the knowledge graph onto officers, one per tie type and
one combined. Every officer is a node (isolated ones too); edges carry ``weight``, ``since``
(the first day the tie held, ISO text, or None) and ``evidence`` (ids behind the tie)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx as nx

from kg.analysis.ties import (
    GROUP_TIE_TYPES,
    TIE_TYPES,
    GroupMemberships,
    Tie,
    TieChoice,
    all_ties,
    chat_ties,
    coparticipation_ties,
    feasible_ties,
    group_tie_estimate,
    message_ties,
    officers,
    team_ties,
)
from kg.errors import UsageError

NETWORKS = ("auto", "combined", *TIE_TYPES)
"""The officer networks ``kg analyze --network`` can measure: ``auto`` is the combined network
of every tie type that can be listed on the case (:func:`~kg.analysis.ties.feasible_ties`)."""

DEFAULT_TIE_WEIGHTS: dict[str, float] = {"message": 1.0, "coparticipation": 1.0, "team": 0.5, "chat": 0.5}
"""Weight a tie of each type adds to the combined network (a tie counts once per type)."""


def _network(graph: nx.MultiDiGraph, ties: Iterable[Tie], directed: bool = False) -> nx.Graph:
    """A simple graph of all officers with the ties added up per pair."""
    network: nx.Graph = nx.DiGraph() if directed else nx.Graph()
    network.add_nodes_from(officers(graph))
    for tie in ties:
        since = tie.start.isoformat() if tie.start else None
        if network.has_edge(tie.source, tie.target):
            data = network.edges[tie.source, tie.target]
            data["weight"] += tie.weight
            data["since"] = min(filter(None, (data["since"], since)), default=None)
            data["evidence"] = tuple(sorted({*data["evidence"], *tie.evidence}))
        else:
            network.add_edge(tie.source, tie.target, weight=tie.weight, since=since, evidence=tie.evidence)
    return network


def message_network(graph: nx.MultiDiGraph) -> nx.DiGraph:
    """Who sent messages to whom: sender → recipient, weighted by the number of messages."""
    return _network(graph, message_ties(graph), directed=True)


def coparticipation_network(graph: nx.MultiDiGraph) -> nx.Graph:
    """Officers involved in the same incidents (co-accusal for complaint data), weighted by the
    number of incidents they share."""
    return _network(graph, coparticipation_ties(graph))


def team_network(graph: nx.MultiDiGraph) -> nx.Graph:
    """Officers who were in the same team at the same time; the edge weight counts the shared
    stints and ``periods`` lists them as ``[from, until]`` (None: open)."""
    ties = team_ties(graph)
    network = _network(graph, ties)
    _add_periods(network, ties)
    return network


def chat_network(graph: nx.MultiDiGraph) -> nx.Graph:
    """Officers who were in the same chat group at the same time; like :func:`team_network`."""
    ties = chat_ties(graph)
    network = _network(graph, ties)
    _add_periods(network, ties)
    return network


def _add_periods(network: nx.Graph, ties: Iterable[Tie]) -> None:
    for tie in ties:
        period = [tie.start.isoformat() if tie.start else None, tie.end.isoformat() if tie.end else None]
        network.edges[tie.source, tie.target].setdefault("periods", []).append(period)


def combined_network(
    ties: Iterable[Tie], nodes: Iterable[str], weights: Mapping[str, float] | None = None
) -> nx.Graph:
    """All tie types in one undirected network: each pair's weight is the sum of the weights of
    the tie types that join it (``weights``, default :data:`DEFAULT_TIE_WEIGHTS`), and ``types``
    names them. Tie types with weight 0 are left out."""
    weights = {**DEFAULT_TIE_WEIGHTS, **(weights or {})}
    network = nx.Graph()
    network.add_nodes_from(nodes)
    for tie in ties:
        weight = weights.get(tie.tie_type, 0.0)
        if weight <= 0 or tie.source == tie.target:
            continue
        data = network.get_edge_data(tie.source, tie.target)
        if data is None:
            network.add_edge(tie.source, tie.target, weight=weight, types=(tie.tie_type,))
        elif tie.tie_type not in data["types"]:
            data["weight"] += weight
            data["types"] = tuple(sorted((*data["types"], tie.tie_type)))
    return network


def structure_network(graph: nx.MultiDiGraph, people: list[str], network: str, tie_weights: Mapping[str, float],
                      pair_ties: list[Tie], groups: GroupMemberships) -> tuple[nx.Graph, TieChoice]:  # fmt: skip
    """The officer network whose structure is measured, and the tie types in it: ``auto`` (the
    combined network of every tie type that can be listed; team or chat ties too many to list
    are left out, and said so), ``combined`` (all tie types; refused with advice when team and
    chat ties would number more than :data:`~kg.analysis.ties.MAX_GROUP_TIES`) or one tie type (a pair's weight is
    what it shares: incidents, messages, groups). In a combined network a pair's weight is the
    sum of its tie types' weights. Message and co-participation ties come from ``pair_ties``, team
    and chat ties from ``groups`` (:func:`~kg.analysis.ties.group_memberships`)."""
    asked = TIE_TYPES if network in ("auto", "combined") else (network,)
    choice = feasible_ties(groups, asked)
    if choice.left_out and network != "auto":
        estimate = sum(group_tie_estimate(groups[t]) for t in asked if t in GROUP_TIE_TYPES)
        raise UsageError(
            f"the {network} network would hold about {estimate:,} team and chat ties (more than "
            f"{choice.limit:,}); use --network auto, coparticipation or message"
        )
    if network in ("auto", "combined"):
        kept_groups = [t for t in choice.kept if t in GROUP_TIE_TYPES]
        return combined_network(
            [*pair_ties, *all_ties(graph, kept_groups, groups=groups)], people, tie_weights
        ), choice
    chosen_ties = [t for t in pair_ties if t.tie_type == network] or all_ties(
        graph, (network,), groups=groups
    )
    return _network(graph, chosen_ties), choice  # one tie type: weighted by incidents or messages shared
