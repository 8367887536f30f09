"""The analysis pipeline: compose the measures of kg.analysis over one knowledge graph."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

import networkx as nx

from kg.analysis.accountability import Accountability, OutcomeRate, accountability, outcome_rates
from kg.analysis.contagion import exposure_response, time_shuffle_test
from kg.analysis.exposure import officer_presence, spread_model
from kg.analysis.groups import GroupIndex
from kg.analysis.involvement import (
    ANY_FINDING,
    DEFAULT_FINDINGS,
    Involvement,
    adoptions,
    incident_day,
    involvements,
)
from kg.analysis.networks import DEFAULT_TIE_WEIGHTS, NETWORKS, combined_network
from kg.analysis.periods import PERIOD_MONTHS
from kg.analysis.silence import Bystander, TeamSilence, bystanders, silence_by_team
from kg.analysis.spread import ALL, Spread, spread_tables
from kg.analysis.structure import (
    Broker,
    Centrality,
    CommunityComparison,
    brokers,
    centralities,
    communities_vs_teams,
)
from kg.analysis.supervision import (
    ParticipatingSupervisor,
    SupervisionGap,
    SupervisorOfParticipant,
    participating_supervisors,
    supervision_gaps,
    supervisions,
    supervisors_of_participants,
)  # fmt: skip
from kg.analysis.tables import Table, table_of
from kg.analysis.ties import (
    GROUP_TIE_TYPES,
    MAX_GROUP_TIES,
    PAIR_TIE_TYPES,
    Membership,
    Tie,
    all_ties,
    group_tie_estimate,
    memberships,
    officers,
)  # fmt: skip
from kg.analysis.transmission import transmission_tree
from kg.errors import UsageError
from kg.gc_pause import paused_gc
from kg.ontology import Label, RelType


@dataclass(frozen=True)
class AnalysisOptions:
    """Every choice the analysis makes, recorded in its output."""

    findings: tuple[str, ...] | str = DEFAULT_FINDINGS
    """Accusation findings that count as involvement, or ``"any"``."""
    period: str = "month"
    network: str = "combined"
    """The officer network whose structure is measured: ``combined`` or one tie type."""
    tie_weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_TIE_WEIGHTS))
    categories: tuple[str, ...] | None = None
    """Categories to analyse spread for (None: the ``max_categories`` with most adopters, each
    with at least ``min_adopters``)."""
    min_adopters: int = 3
    max_categories: int = 8
    shuffles: int = 1000
    seed: int = 0

    def __post_init__(self) -> None:
        if self.network not in NETWORKS:
            raise ValueError(f"unknown network {self.network!r}; use one of {', '.join(NETWORKS)}")
        if self.period not in PERIOD_MONTHS:
            raise ValueError(f"unknown period {self.period!r}; use one of {', '.join(PERIOD_MONTHS)}")
        if self.shuffles < 1:
            raise ValueError("shuffles must be at least 1")

    def as_json(self) -> dict[str, Any]:
        return {
            "findings": self.findings if self.findings == ANY_FINDING else list(self.findings),
            "period": self.period, "network": self.network, "tie_weights": dict(sorted(self.tie_weights.items())),
            "categories": list(self.categories) if self.categories is not None else None,
            "min_adopters": self.min_adopters, "max_categories": self.max_categories,
            "shuffles": self.shuffles, "seed": self.seed,
        }  # fmt: skip


@dataclass
class Analysis:
    """Everything the analysis found, ready to write."""

    case: str
    options: AnalysisOptions
    names: dict[str, str]
    spread: dict[str, Spread]
    tables: dict[str, Table]
    communities: CommunityComparison
    structure_parameters: dict[str, Any]
    summary: dict[str, Any]


Step = Callable[[str], None]


@paused_gc()
def analyze_graph(
    graph: nx.MultiDiGraph, options: AnalysisOptions | None = None, step: Step | None = None
) -> Analysis:
    """Run every measure over ``graph`` (see docs/analysis.md); ``step`` hears each step's name."""
    options = options or AnalysisOptions()
    say = step or (lambda _: None)
    names = {n: str(d.get("name") or d.get("title") or n) for n, d in graph.nodes(data=True)}
    people = officers(graph)
    items = involvements(graph, options.findings)
    teams, chats = GroupIndex.of(graph), GroupIndex.of(graph, RelType.IN_CHAT, Label.CHAT_GROUP)
    tables: dict[str, Table] = {}

    def add(table: Table) -> None:
        tables[table.name] = table

    say("ties")
    ties = all_ties(graph, PAIR_TIE_TYPES)
    groups = {
        "team": memberships(graph, RelType.MEMBER_OF, Label.TEAM),
        "chat": memberships(graph, RelType.IN_CHAT, Label.CHAT_GROUP),
    }

    say("spread")
    spread = {s.scope: s for s in _spreads(graph, items, ties, groups, people, options)}
    for table in spread_tables(graph, spread, teams, names):
        add(table)

    say("silence")
    exposed = bystanders(graph, items, teams, chats)
    add(
        table_of(
            "bystanders",
            "Officers exposed to misconduct",
            _BYSTANDERS,
            Bystander,
            exposed,
            names,
            {"silent": lambda b: b.silent},
        )
    )
    add(
        table_of("silence_by_team", "Silence by team", _SILENCE, TeamSilence, silence_by_team(exposed), names)
    )

    say("supervision")
    spans = supervisions(graph)
    add(table_of("supervisors_of_participants", "Supervisors of participants", _SUPERVISORS, SupervisorOfParticipant,
                 supervisors_of_participants(items, spans, teams), names))  # fmt: skip
    add(table_of("participating_supervisors", "Supervisors who took part", _PARTICIPATING, ParticipatingSupervisor,
                 participating_supervisors(items, spans), names))  # fmt: skip
    gaps = supervision_gaps(items, spans, teams) if spans else []
    add(table_of("supervision_gaps", "Teams without a supervisor", _GAPS, SupervisionGap, gaps, names))

    say("accountability")
    held = accountability(graph, items, teams)
    add(table_of("accountability", "Who was held to account", _ACCOUNTABILITY, Accountability, held, names,
                 {"has_outcome": lambda a: a.has_outcome, "sanctioned": lambda a: a.sanctioned}))  # fmt: skip
    add(
        table_of(
            "outcomes_by_team",
            "Outcomes by team",
            _RATES,
            OutcomeRate,
            outcome_rates(held, lambda a: a.team),
            names,
        )
    )
    add(
        table_of(
            "outcomes_by_rank",
            "Outcomes by rank",
            _RATES,
            OutcomeRate,
            outcome_rates(held, lambda a: a.rank),
            names,
        )
    )

    say("structure")
    network = structure_network(graph, people, options, ties)
    central, structure_parameters = centralities(network, options.seed)
    add(
        table_of(
            "centrality",
            f"Centrality in the {options.network} network",
            _CENTRALITY,
            Centrality,
            central,
            names,
        )
    )
    between = {c.officer: c.betweenness for c in central}
    add(
        table_of(
            "brokers", "Brokers between teams", _BROKERS, Broker, brokers(network, teams, between), names
        )
    )
    compared = communities_vs_teams(network, teams, options.seed)
    add(_community_table(compared, teams, names))

    summary = _summary(graph, people, items, spread, exposed, held, gaps, network, compared, spans)
    structure_parameters.update(
        network=options.network, louvain_seed=compared.seed, louvain_resolution=compared.resolution
    )
    return Analysis(
        str(graph.graph.get("name", "")),
        options,
        names,
        spread,
        tables,
        compared,
        structure_parameters,
        summary,
    )


def evidence_day(graph: nx.MultiDiGraph, evidence: str) -> date | None:
    """The date of an evidence id when it is an incident of the graph."""
    return incident_day(graph, evidence) if evidence in graph else None


def structure_network(
    graph: nx.MultiDiGraph, people: list[str], options: AnalysisOptions, pair_ties: list[Tie]
) -> nx.Graph:
    """The officer network whose structure is measured, from the message and co-participation
    ``pair_ties`` already found and, when chosen, team and chat ties. A network whose team and
    chat ties would number more than :data:`MAX_GROUP_TIES` is refused with advice."""
    chosen = GROUP_TIE_TYPES if options.network == "combined" else {options.network} & set(GROUP_TIE_TYPES)
    estimate = sum(group_tie_estimate(graph, t) for t in chosen)
    if estimate > MAX_GROUP_TIES:
        raise UsageError(
            f"the {options.network} network would hold about {estimate:,} team and chat ties (more than "
            f"{MAX_GROUP_TIES:,}); measure a smaller one with --network coparticipation or --network message"
        )
    if options.network == "combined":
        return combined_network([*pair_ties, *all_ties(graph, GROUP_TIE_TYPES)], people, options.tie_weights)
    chosen_ties = [t for t in pair_ties if t.tie_type == options.network] or all_ties(
        graph, (options.network,)
    )
    return combined_network(chosen_ties, people, {options.network: 1.0})


def _spreads(graph: nx.MultiDiGraph, items: list[Involvement], ties: list[Tie],
             groups: dict[str, list[Membership]], people: list[str], options: AnalysisOptions) -> list[Spread]:  # fmt: skip
    """The spread of all misconduct and of each chosen category."""
    categories = options.categories
    known = sorted(n for n, kind in graph.nodes(data="kind") if kind == Label.CATEGORY)
    unknown = [c for c in categories or () if c not in known]
    if unknown:
        raise UsageError(f"unknown category {', '.join(unknown)}; the case has: {', '.join(known) or 'none'}")
    if categories is None:
        counts = {
            c: len(adoptions(items, c)) for c in sorted({c for i in items if i.day for c in i.categories})
        }
        ranked = sorted(
            (c for c, n in counts.items() if n >= options.min_adopters), key=lambda c: (-counts[c], c)
        )
        categories = tuple(sorted(ranked[: options.max_categories]))
    presence = officer_presence(graph)
    result = []
    for scope in (ALL, *categories):
        adopted = adoptions(items, None if scope == ALL else scope)
        if not adopted:
            continue
        model = spread_model(people, adopted, ties, options.period, presence, groups)
        test = time_shuffle_test(model, options.shuffles, options.seed) if len(adopted) >= 2 else None
        tree = transmission_tree(model, adopted, ties, partial(evidence_day, graph), groups)
        label = (
            "all misconduct"
            if scope == ALL
            else str(graph.nodes[scope].get("name") or scope)
            if scope in graph
            else scope
        )
        result.append(Spread(scope, label, adopted, model, exposure_response(model), test, tree))
    return result


@dataclass(frozen=True)
class CommunityRow:
    officer: str
    community: int
    primary_team: str


def _community_table(compared: CommunityComparison, teams: GroupIndex, names: dict[str, str]) -> Table:
    rows = [CommunityRow(o, c, teams.primary(o)) for o, c in compared.communities.items()]
    return table_of("communities", "Communities and teams", _COMMUNITIES, CommunityRow, rows, names)


def _summary(graph: nx.MultiDiGraph, people: list[str], items: list[Involvement], spread: dict[str, Spread],
             exposed: list[Bystander], held: list[Accountability], gaps: list[SupervisionGap], network: nx.Graph,
             compared: CommunityComparison, spans: list) -> dict[str, Any]:  # fmt: skip
    """The headline figures."""
    everything = spread.get(ALL)
    components = sorted(
        (len(c) for c in nx.connected_components(network.subgraph(n for n in network if network.degree(n)))),
        reverse=True,
    )
    tied = sum(components)
    return {
        "officers": len(people),
        "involvements": len(items),
        "undated_involvements": sum(1 for i in items if i.day is None),
        "adopters": len(everything.adoptions) if everything else 0,
        "seeds": len(everything.seeds) if everything else 0,
        "mean_later_adopters_exposed": round(everything.mean_later_exposed, 6) if everything else None,
        "contagion_p_value": round(everything.test.p_value, 6) if everything and everything.test else None,
        "contagion_alpha": round(everything.test.alpha, 6) if everything and everything.test else None,
        "exposed_officers": len(exposed),
        "silent_bystanders": sum(1 for b in exposed if b.silent),
        "reporters": sum(1 for b in exposed if b.reported),
        "supervision_recorded": bool(spans),
        "supervision_gaps": len(gaps),
        "involved_or_accused": len(held),
        "with_outcome": sum(1 for a in held if a.has_outcome),
        "sanctioned": sum(1 for a in held if a.sanctioned),
        "network_ties": network.number_of_edges(),
        "tied_officers": tied,
        "largest_component_share": round(components[0] / tied, 6) if tied else None,
        "communities": len(set(compared.communities.values())),
        "community_team_nmi": round(compared.nmi, 6) if compared.nmi is not None else None,
        "community_team_ari": round(compared.ari, 6) if compared.ari is not None else None,
    }


_BYSTANDERS = ("Officers exposed to misconduct: incidents received, witnessed, or committed by someone in the same "
               "team or chat that day; whether they took part and how many reports they made. Silent: exposed, "
               "not a participant, never reported.")  # fmt: skip
_SILENCE = "Exposed officers per team they were ever in, with how many reported and how many stayed silent."
_SUPERVISORS = (
    "Supervisors (of the officer or of their team) on the days their officers took part in misconduct."
)
_PARTICIPATING = "Supervisors who took part in misconduct themselves, and how often while supervising."
_GAPS = ("Stretches of time a team had members but no supervisor recorded, and the incidents its members took "
         "part in then. Empty when the case records no supervision at all.")  # fmt: skip
_ACCOUNTABILITY = ("Every officer who took part or was accused: involvements, accusations, sustained findings, and "
                   "the outcomes they received. A sanction is an outcome other than no case to answer, no action "
                   "or a notice.")  # fmt: skip
_RATES = "Officers who took part or were accused, and the share with an outcome and with a sanction."
_CENTRALITY = ("Degree, weighted degree, PageRank, betweenness, eigenvector centrality and k-core number of every "
               "officer in the officer network, highest PageRank first.")  # fmt: skip
_BROKERS = (
    "Officers with ties to officers of teams they never belonged to, by how many other teams they reach."
)
_COMMUNITIES = (
    "The Louvain community of each tied officer beside their primary team (the team they spent longest in)."
)
