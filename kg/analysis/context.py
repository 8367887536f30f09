"""The shared inputs of one analysis run, each computed once, on first use.

Measures (:mod:`kg.analysis.measure`) compute their rows from an :class:`AnalysisContext`:
involvements, group memberships, officer ties, the spread of each scope, the officer network…
so that two tables built on the same input never compute it twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Any

import networkx as nx

from kg.analysis.accountability import Accountability, accountability
from kg.analysis.groups import GroupIndex
from kg.analysis.involvement import Involvement, involvements
from kg.analysis.networks import structure_network
from kg.analysis.options import AnalysisOptions
from kg.analysis.silence import Bystander, bystanders
from kg.analysis.spread import Spread, spreads
from kg.analysis.structure import Centrality, CommunityComparison, centralities, communities_vs_teams
from kg.analysis.supervision import Supervision, SupervisionGap, supervision_gaps, supervisions
from kg.analysis.ties import (
    PAIR_TIE_TYPES,
    GroupMemberships,
    Tie,
    TieChoice,
    group_memberships,
    incident_ties,
    officers,
)
from kg.graph import relationship_count
from kg.progress import Step, no_progress


class AnalysisContext:
    """One graph and one set of options, and everything the measures share, computed lazily."""

    def __init__(self, graph: nx.MultiDiGraph, options: AnalysisOptions, step: Step = no_progress) -> None:
        self.graph = graph
        self.options = options
        self.step = step
        """Told each long phase as it begins: reading the graph for involvements, ties and
        memberships, and the spread of each scope."""

    def computed(self, since: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The shared inputs computed so far (by name), or only those computed after ``since``
        (an earlier answer): what a copy of this context in a forked child hands back."""
        return {name: value for name, value in vars(self).items() if since is None or name not in since}

    def adopt(self, computed: Mapping[str, Any]) -> None:
        """Take shared inputs another copy of this context computed (:meth:`computed`); those
        computed here already are kept."""
        for name, value in computed.items():
            vars(self).setdefault(name, value)

    @cached_property
    def names(self) -> dict[str, str]:
        """The display name of every node (its name, else its title, else its id)."""
        return {n: str(d.get("name") or d.get("title") or n) for n, d in self.graph.nodes(data=True)}

    @cached_property
    def relationships(self) -> int:
        """How many relationships the graph has (counted once: a pass over all of them)."""
        return relationship_count(self.graph)

    @cached_property
    def people(self) -> list[str]:
        """Every officer, sorted."""
        return officers(self.graph)

    @cached_property
    def items(self) -> list[Involvement]:
        """Every active involvement under the chosen findings."""
        advance = self.step("officers' involvements", self.relationships, "relationships")
        return involvements(self.graph, self.options.findings, advance)

    @cached_property
    def teams(self) -> GroupIndex:
        return GroupIndex.of(self.graph, "team", self.group_memberships)

    @cached_property
    def chats(self) -> GroupIndex:
        return GroupIndex.of(self.graph, "chat", self.group_memberships)

    @cached_property
    def pair_ties(self) -> list[Tie]:
        """Message and co-participation ties, listed pair by pair."""
        advance = self.step("message and co-participation ties", self.graph.number_of_nodes(), "nodes")
        return incident_ties(self.graph, PAIR_TIE_TYPES, advance)

    @cached_property
    def group_memberships(self) -> GroupMemberships:
        """Dated team and chat memberships, by tie type."""
        advance = self.step("team and chat memberships", self.relationships, "relationships")
        return group_memberships(self.graph, advance)

    @cached_property
    def spread(self) -> dict[str, Spread]:
        """The spread of all misconduct and of each chosen category, by scope."""
        found = spreads(
            self.graph,
            self.items,
            self.pair_ties,
            self.group_memberships,
            self.people,
            self.options,
            self.step,
        )
        return {s.scope: s for s in found}

    @cached_property
    def exposed(self) -> list[Bystander]:
        """Officers exposed to misconduct."""
        return bystanders(self.graph, self.items, self.teams, self.chats)

    @cached_property
    def supervision_spans(self) -> list[Supervision]:
        return supervisions(self.graph)

    @cached_property
    def supervision_gaps(self) -> list[SupervisionGap]:
        spans = self.supervision_spans
        return supervision_gaps(self.items, spans, self.teams) if spans else []

    @cached_property
    def held(self) -> list[Accountability]:
        """Every officer who took part or was accused, with their outcomes."""
        return accountability(self.graph, self.items, self.teams)

    @cached_property
    def _network_and_ties(self) -> tuple[nx.Graph, TieChoice]:
        return structure_network(self.graph, self.people, self.options.network, self.options.tie_weights,
                                 self.pair_ties, self.group_memberships)  # fmt: skip

    @property
    def network(self) -> nx.Graph:
        """The officer network whose structure is measured (``options.network``)."""
        return self._network_and_ties[0]

    @property
    def network_ties(self) -> TieChoice:
        """The tie types in :attr:`network`, and those left out as too many to list."""
        return self._network_and_ties[1]

    @cached_property
    def _centralities(self) -> tuple[list[Centrality], dict[str, Any]]:
        return centralities(self.network, self.options.seed)

    @property
    def centrality(self) -> list[Centrality]:
        return self._centralities[0]

    @property
    def structure_parameters(self) -> dict[str, Any]:
        """How the structure was measured (betweenness method, Louvain seed…)."""
        compared = self.communities
        return {**self._centralities[1], "network": self.options.network, "tie_types": list(self.network_ties.kept),
                "left_out": self.network_ties.left_out, "tie_limit": self.network_ties.limit, "louvain_seed": compared.seed,
                "louvain_resolution": compared.resolution}  # fmt: skip

    @cached_property
    def communities(self) -> CommunityComparison:
        return communities_vs_teams(self.network, self.teams, self.options.seed)
