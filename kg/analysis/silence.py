"""Who saw misconduct and said nothing: exposure routes, reporting, and silence by team.

An officer is exposed to an incident in scope when they received it (a message), witnessed it,
or shared a team or a chat group with one of its participants on the day it happened. Their
reports are their REPORTED relationships dated on or after their first exposure (by
``reported_on``, else the reported incident's date; undated ones count). A case that records no
report at all cannot show who stayed silent: reporting and silence are then unknown (empty), not
zero.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import networkx as nx

from kg.analysis import plots
from kg.analysis.groups import NO_TEAM, GroupIndex
from kg.analysis.involvement import Involvement, incident_day
from kg.analysis.measure import FigureSpec, Measure, Section
from kg.ontology import Label, RelType
from kg.values import to_date

ROUTES = ("received", "witnessed", "team", "chat")


@dataclass(frozen=True)
class Bystander:
    """An officer exposed to misconduct, by route (number of incidents), and whether they reported."""

    officer: str
    received: int
    witnessed: int
    team: int
    chat: int
    first_exposed: date | None
    participant: bool
    reported: int | None
    """Reports from the first exposure on; None when the case records no report at all."""
    teams: tuple[str, ...]

    @property
    def silent(self) -> bool | None:
        """Exposed, not a participant, and no report from the first exposure on (None: unknown)."""
        return None if self.reported is None else not self.participant and not self.reported


def _officers_by(graph: nx.MultiDiGraph, incident: str, rel_type: str) -> set[str]:
    return {
        s
        for s, _, kind in graph.in_edges(incident, data="kind")
        if kind == rel_type and graph.nodes[s]["kind"] == Label.OFFICER
    }


def reports_by_officer(graph: nx.MultiDiGraph) -> dict[str, list[date | None]] | None:
    """The date of each report (REPORTED) per officer: ``reported_on``, else the reported
    incident's date, else None. None when the case records no report by anyone."""
    found: dict[str, list[date | None]] = defaultdict(list)
    recorded = False
    for start, end, data in graph.edges(data=True):
        if data["kind"] != RelType.REPORTED:
            continue
        recorded = True
        if graph.nodes[start]["kind"] == Label.OFFICER:
            day = data.get("reported_on")
            found[start].append(to_date(day) if isinstance(day, str) else incident_day(graph, end))
    return found if recorded else None


def bystanders(
    graph: nx.MultiDiGraph, items: Iterable[Involvement], teams: GroupIndex, chats: GroupIndex
) -> list[Bystander]:
    """Every officer exposed to an incident of ``items`` (the involvements in scope), by id."""
    participants: dict[str, set[str]] = defaultdict(set)
    days: dict[str, date | None] = {}
    for item in items:
        participants[item.incident].add(item.officer)
        days[item.incident] = item.day
    by_route = [Counter[str]() for _ in ROUTES]
    first: dict[str, date] = {}
    for incident in sorted(participants, key=lambda i: (days[i] is None, days[i] or date.min, i)):
        doers, day = participants[incident], days[incident]
        reached = [  # in ROUTES order
            _officers_by(graph, incident, RelType.RECEIVED) - doers,
            _officers_by(graph, incident, RelType.WITNESSED) - doers,
            _co_members(teams, doers, day) - doers,
            _co_members(chats, doers, day) - doers,
        ]
        for counts, officers in zip(by_route, reached, strict=True):
            counts.update(officers)
        if day is not None:  # incidents come in date order: an officer's first one is the earliest
            first.update(dict.fromkeys(set().union(*reached).difference(first), day))
    every_participant = set().union(*participants.values()) if participants else set()
    reports = reports_by_officer(graph)
    return [
        Bystander(
            officer,
            *(counts[officer] for counts in by_route),
            first.get(officer),
            officer in every_participant,
            None if reports is None else _reports_since(reports.get(officer, []), first.get(officer)),
            teams.groups_of(officer),
        )  # fmt: skip
        for officer in sorted(set().union(*by_route))
    ]


def _reports_since(days: list[date | None], first: date | None) -> int:
    """Reports on or after ``first`` (undated reports, or no date to compare with: all count)."""
    return sum(1 for day in days if day is None or first is None or day >= first)


def _co_members(groups: GroupIndex, officers: set[str], day: date | None) -> set[str]:
    """Officers sharing a group with any of ``officers`` on ``day`` (nobody when undated)."""
    if day is None:
        return set()
    return {
        m
        for officer in officers
        for group in groups.groups_of(officer, day)
        for m in groups.members(group, day)
    }


@dataclass(frozen=True)
class TeamSilence:
    """Exposure and reporting among the officers who were ever in one team."""

    team: str
    exposed: int
    participants: int
    reported: int | None
    silent: int | None
    reporting_rate: float | None
    """Share of the exposed officers who reported (None, with ``reported`` and ``silent``, when the
    case records no report)."""


def silence_by_team(people: list[Bystander]) -> list[TeamSilence]:
    """Per team (each officer counts in every team they were ever in), sorted by team id."""
    members: dict[str, list[Bystander]] = defaultdict(list)
    for person in people:
        for team in person.teams or (NO_TEAM,):
            members[team].append(person)
    rows = []
    for team, group in sorted(members.items()):
        known = all(p.reported is not None for p in group)
        reported = sum(1 for p in group if p.reported) if known else None
        rows.append(
            TeamSilence(
                team,
                len(group),
                sum(1 for p in group if p.participant),
                reported,
                sum(1 for p in group if p.silent) if known else None,
                reported / len(group) if reported is not None else None,
            )  # fmt: skip
        )
    return rows


BYSTANDERS = Measure(
    "bystanders", "Officers exposed to misconduct",
    "Officers exposed to misconduct: incidents received, witnessed, or committed by someone in the same team or chat "
    "that day; whether they took part and how many reports they made from their first exposure on. Silent: exposed, "
    "not a participant, no report since. Reports and silence are empty when the case records no report at all.",
    Bystander, lambda context: context.exposed, Section.SILENCE, extra={"silent": lambda b: b.silent},
)  # fmt: skip
SILENCE_BY_TEAM = Measure(
    "silence_by_team", "Silence by team",
    "Exposed officers per team they were ever in, with how many reported and how many stayed silent.",
    TeamSilence, lambda context: silence_by_team(context.exposed), Section.SILENCE,
    figures=(FigureSpec("silence_by_team", "Exposed officers per team: reported, silent, took part.",
                        plots.silence_by_team),),
)  # fmt: skip
