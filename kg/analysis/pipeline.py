"""The analysis pipeline: every declared measure (:mod:`kg.analysis.registry`) over one
knowledge graph, and the headline figures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg.analysis.context import AnalysisContext
from kg.analysis.involvement import ALL
from kg.analysis.measure import Measure, Section
from kg.analysis.options import AnalysisOptions
from kg.analysis.registry import measures
from kg.analysis.result_tables import Table, table_of
from kg.analysis.spread import Spread
from kg.analysis.structure import CommunityComparison
from kg.forked import side_by_side, worth_forking
from kg.gc_pause import paused_gc
from kg.progress import Step, no_progress

__all__ = ["Analysis", "AnalysisOptions", "Step", "analyze_graph"]

NETWORK_SECTIONS = (Section.STRUCTURE, Section.COMMUNITIES)
"""Sections whose tables come from the officer network, teams and ties alone, never from the
spread: on a large graph they are computed in a forked child (:mod:`kg.forked`) while the
spread and the other tables are computed here. The tables are the same either way."""


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


@paused_gc()
def analyze_graph(
    graph: nx.MultiDiGraph, options: AnalysisOptions | None = None, step: Step = no_progress
) -> Analysis:
    """Compute every declared measure over ``graph`` (see docs/analysis.md); ``step`` hears each
    phase: reading the ties and memberships, the network, each scope's spread and each table.

    >>> from kg.build import graph_from
    >>> analysis = analyze_graph(graph_from("examples/hotton"), AnalysisOptions(shuffles=20))
    >>> analysis.summary["officers"], analysis.summary["adopters"]
    (21, 11)
    """
    context = AnalysisContext(graph, options or AnalysisOptions(), step)
    context.pair_ties, context.group_memberships  # noqa: B018  (phases of their own, before the network's)
    step("officer network")
    context.network  # noqa: B018  (built first: a network too large to list is refused before any other work)
    if worth_forking(graph.number_of_nodes() + context.relationships):
        apart = [m for m in measures() if m.section in NETWORK_SECTIONS]
        context.names, context.teams  # noqa: B018  (both sides use them: computed once, before the fork)
        step(f"{len(apart)} tables of the officer network, in a forked child beside the others")
        (tables, computed), found_here = side_by_side(
            lambda _: _in_child(context, apart),
            lambda _: _tables(context, [m for m in measures() if m.section not in NETWORK_SECTIONS], step),
        )
        context.adopt(computed)
        tables.update(found_here)
    else:
        tables = _tables(context, list(measures()), step)
    return Analysis(
        str(graph.graph.get("name", "")), context.options, context.names, context.spread,
        {m.name: tables[m.name] for m in measures()},
        context.communities, context.structure_parameters, _summary(context),
    )  # fmt: skip


def _in_child(context: AnalysisContext, chosen: list[Measure]) -> tuple[dict[str, Table], dict[str, Any]]:
    """In a forked child: the tables of the ``chosen`` measures and the shared inputs computed for
    them. It shows no progress of its own (the parent's is the one on screen)."""
    known = context.computed()
    context.step = no_progress
    return _tables(context, chosen), context.computed(since=known)


def _tables(context: AnalysisContext, chosen: list[Measure], step: Step = no_progress) -> dict[str, Table]:
    """The tables of the ``chosen`` measures, the spread of each scope first when one needs it;
    ``step`` hears each phase."""
    if any(m.section not in NETWORK_SECTIONS for m in chosen):
        context.spread  # noqa: B018  (each scope's analysis is a phase of its own)
    tables = {}
    for measure in chosen:
        step(measure.title)
        tables[measure.name] = table_of(measure.name, measure.title, measure.description, measure.row_type,
                                        measure.rows(context), context.names, measure.extra)  # fmt: skip
    return tables


def _summary(context: AnalysisContext) -> dict[str, Any]:
    """The headline figures."""
    everything = context.spread.get(ALL)
    exposed, held, network, compared = context.exposed, context.held, context.network, context.communities
    reports_recorded = all(b.reported is not None for b in exposed)
    components = sorted(
        (len(c) for c in nx.connected_components(network.subgraph(n for n in network if network.degree(n)))),
        reverse=True,
    )
    tied = sum(components)
    return {
        "officers": len(context.people),
        "involvements": len({(i.officer, i.incident) for i in context.items}),
        "undated_involvements": sum(1 for i in context.items if i.day is None),
        "adopters": len(everything.adoptions) if everything else 0,
        "seeds": len(everything.seeds) if everything else 0,
        "mean_later_adopters_exposed": round(everything.mean_later_exposed, 6) if everything else None,
        "contagion_null": everything.test.null if everything and everything.test else None,
        "contagion_p_value": round(everything.test.p_value, 6) if everything and everything.test else None,
        "contagion_alpha": round(everything.test.alpha, 6) if everything and everything.test else None,
        "hazard_identified": everything.hazard.identified if everything else None,
        "hazard_p_value": _rounded(everything.hazard.p_value) if everything else None,
        "placebo_p_value": _rounded(everything.placebo.p_value) if everything else None,
        "adoptions_outside_presence": everything.model.conflicts if everything else None,
        "exposed_officers": len(exposed),
        "reports_recorded": reports_recorded,
        "silent_bystanders": sum(1 for b in exposed if b.silent) if reports_recorded else None,
        "reporters": sum(1 for b in exposed if b.reported) if reports_recorded else None,
        "supervision_recorded": bool(context.supervision_spans),
        "supervision_gaps": len(context.supervision_gaps),
        "involved_or_accused": len(held),
        "with_outcome": sum(1 for a in held if a.has_outcome),
        "sanctioned": sum(1 for a in held if a.sanctioned),
        "network_ties": network.number_of_edges(),
        "tied_officers": tied,
        "largest_component_share": round(components[0] / tied, 6) if tied else None,
        "communities": len(set(compared.communities.values())),
        "community_team_nmi": _rounded(compared.nmi),
        "community_team_ami": _rounded(compared.ami),
        "community_team_ari": _rounded(compared.ari),
    }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 6)
