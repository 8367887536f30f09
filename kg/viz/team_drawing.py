"""The aggregated view of a large force: teams as nodes, the officer ties between their members
as edges (``kg view --by-team``)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date

import networkx as nx

from kg.analysis.groups import NO_TEAM, GroupIndex
from kg.analysis.ties import Tie, all_ties, group_memberships
from kg.graph import relationship_count
from kg.ontology import Label
from kg.progress import Step, counted, no_progress
from kg.viz.drawing import (
    DrawEdge,
    Drawing,
    DrawNode,
    case_title,
    chosen_ties,
    draw_nodes,
    evidence_text,
    filter_names,
    tie_span,
)

LABELLED = 30
"""Units labelled on the page: those with most officers (the rest are named on hover)."""


def team_drawing(
    graph: nx.MultiDiGraph, tie_types: tuple[str, ...] | None = None, step: Step = no_progress
) -> Drawing:
    """Every team, and for each pair of teams and tie type one edge counting the officer ties
    between their members (directed for messages: sender's team to recipient's). An officer
    counts in the team they were in on the day the tie began (the first of several, by id),
    else in their main team (:meth:`GroupIndex.primary`); ties inside a team are counted in its
    tooltip, ties of officers never in a team in a note. Only the :data:`LABELLED` units with
    most officers carry a label, and the page lays the units out itself (lone units in rows).
    Reading the memberships, the ties and placing the ties are counted phases ``step`` hears of."""
    groups = group_memberships(
        graph, step("team and chat memberships", relationship_count(graph), "relationships")
    )
    choice = chosen_ties(groups, tie_types)
    teams = GroupIndex.of(graph, "team", groups)
    inside: Counter[tuple[str, str]] = Counter()
    between: dict[tuple[str, str, str], list[Tie]] = defaultdict(list)
    teamless = 0
    ties = all_ties(graph, choice.kept, groups=groups,
                    advance=step("ties between officers", graph.number_of_nodes(), "nodes"))  # fmt: skip
    for tie in counted(ties, step("the teams each tie joins", len(ties), "ties")):
        ends = (_team_of(teams, tie.source, tie.start), _team_of(teams, tie.target, tie.start))
        if None in ends:
            teamless += 1
        elif ends[0] == ends[1]:
            inside[ends[0], tie.tie_type] += 1
        else:
            first, second = ends if tie.directed else sorted(ends)
            between[first, second, tie.tie_type].append(tie)
    names = filter_names(graph)
    edges = []
    for (first, second, tie_type), ties in sorted(between.items()):
        tooltip = (
            f"{len(ties)} {tie_type} ties between officers of {names[first]} and {names[second]}\n"
            f"evidence: {evidence_text(ties)}"
        )
        edges.append(
            DrawEdge(
                f"{first}|{second}|{tie_type}", first, second, tie_type, tooltip, *tie_span(ties), len(ties)
            )
        )
    sized: list[tuple[int, DrawNode]] = []
    for node in draw_nodes(graph, sorted(n for n, kind in graph.nodes(data="kind") if kind == Label.TEAM)):
        counts = [
            f"{tie_type} ties inside: {n}"
            for (team, tie_type), n in sorted(inside.items())
            if team == node.id
        ]
        officers = len({m.officer for m in teams.by_group.get(node.id, [])})
        tooltip = "\n".join([node.tooltip, f"officers ever: {officers}", *counts])
        sized.append((officers, replace(node, tooltip=tooltip, teams=(node.id,))))
    labelled = {n.id for _, n in sorted(sized, key=lambda item: (-item[0], item[1].id))[:LABELLED]}
    nodes = [n if n.id in labelled else replace(n, label="") for _, n in sized]
    notes = [choice.note()] if choice.left_out else []
    if teamless:
        notes.append(f"{teamless:,} tie{'s' if teamless > 1 else ''} of officers never in a team not drawn.")
    if len(nodes) > LABELLED:
        notes.append(f"Labels on the {LABELLED} units with most officers; hover any unit for its name.")
    return Drawing(f"{case_title(graph)}: teams and the ties between their officers", nodes, edges, notes, names,
                   fixed_layout=True)  # fmt: skip


def _team_of(teams: GroupIndex, officer: str, day: date | None) -> str | None:
    """The team ``officer`` was in on ``day`` (the first by id), else their main team."""
    on_day = teams.groups_of(officer, day) if day else ()
    if on_day:
        return on_day[0]
    main = teams.primary(officer)
    return None if main == NO_TEAM else main
