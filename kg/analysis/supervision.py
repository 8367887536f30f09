"""Where supervision was: supervisors of participants, supervisors who took part, and the
stretches of time a team had no supervisor (SUPERVISES relationships with from/until)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import networkx as nx

from kg.analysis.groups import GroupIndex, covers
from kg.analysis.involvement import Involvement
from kg.analysis.measure import Measure, Section
from kg.ontology import RelType
from kg.timeline import edge_span


@dataclass(frozen=True)
class Supervision:
    """One SUPERVISES relationship: a supervisor over an officer or a team, for a span."""

    supervisor: str
    target: str
    start: date | None
    end: date | None


def supervisions(graph: nx.MultiDiGraph) -> list[Supervision]:
    """Every SUPERVISES relationship, sorted."""
    found = [
        Supervision(s, t, *edge_span(graph, s, t, key))
        for s, t, key, kind in graph.edges(keys=True, data="kind")
        if kind == RelType.SUPERVISES
    ]
    return sorted(found, key=lambda x: (x.supervisor, x.target, x.start or date.min))


def supervisors_on(officer: str, day: date, spans: list[Supervision], teams: GroupIndex) -> set[str]:
    """Who supervised ``officer`` on ``day``, directly or through a team they were in."""
    their_teams = set(teams.groups_of(officer, day))
    return {
        s.supervisor
        for s in spans
        if covers(s.start, s.end, day)
        and (s.target == officer or s.target in their_teams)
        and s.supervisor != officer
    }


@dataclass(frozen=True)
class SupervisorOfParticipant:
    """A supervisor, an officer they supervised, and the incidents that officer took part in then."""

    supervisor: str
    participant: str
    incidents: int
    first: date
    last: date
    supervisor_participated: bool


def supervisors_of_participants(
    items: Iterable[Involvement], spans: list[Supervision], teams: GroupIndex
) -> list[SupervisorOfParticipant]:
    """For each dated involvement, the supervisors of the participant on that day."""
    items = list(items)
    participants = {i.officer for i in items}
    found: dict[tuple[str, str], set[tuple[date, str]]] = defaultdict(set)
    for item in items:
        if item.day is not None:
            for supervisor in supervisors_on(item.officer, item.day, spans, teams):
                found[supervisor, item.officer].add((item.day, item.incident))
    return [
        SupervisorOfParticipant(s, p, len(hits), min(hits)[0], max(hits)[0], s in participants)
        for (s, p), hits in sorted(found.items())
    ]


@dataclass(frozen=True)
class ParticipatingSupervisor:
    """A supervisor who was actively involved in misconduct."""

    supervisor: str
    involvements: int
    while_supervising: int
    supervised: tuple[str, ...]


def participating_supervisors(
    items: Iterable[Involvement], spans: list[Supervision]
) -> list[ParticipatingSupervisor]:
    """Everyone with a SUPERVISES relationship who has an involvement in scope."""
    by_officer: dict[str, list[Involvement]] = defaultdict(list)
    for item in items:
        by_officer[item.officer].append(item)
    rows = []
    for supervisor in sorted({s.supervisor for s in spans} & by_officer.keys()):
        own = [s for s in spans if s.supervisor == supervisor]
        during = sum(
            1 for i in by_officer[supervisor] if i.day and any(covers(s.start, s.end, i.day) for s in own)
        )
        rows.append(
            ParticipatingSupervisor(
                supervisor, len(by_officer[supervisor]), during, tuple(sorted({s.target for s in own}))
            )
        )
    return rows


@dataclass(frozen=True)
class SupervisionGap:
    """A stretch of days a team had members with no supervisor: none over the team, and none over
    them personally."""

    team: str
    start: date
    end: date
    days: int
    unsupervised_members: int
    """Members without a supervisor at some time in the stretch."""
    incidents: int
    """Incidents in scope by those members while they were unsupervised in the team."""


def supervision_gaps(
    items: Iterable[Involvement], spans: list[Supervision], teams: GroupIndex
) -> list[SupervisionGap]:
    """For every team, the stretches when at least one member had no supervisor: neither a
    SUPERVISES relationship to the team nor one to the officer (a member who supervises the team
    is its supervision). A membership with an open start or end runs from the first or to the
    last day of the records; a team with no members has no gaps."""
    if teams.records is None:
        return []
    first, last = teams.records
    cover: dict[str, list[tuple[date, date]]] = defaultdict(list)
    for span in spans:
        cover[span.target].append((span.start or date.min, span.end or date.max))
    days_of: dict[str, list[tuple[date, str]]] = defaultdict(list)
    for item in items:
        if item.day is not None:
            days_of[item.officer].append((item.day, item.incident))
    gaps = []
    for team, stints in sorted(teams.by_group.items()):
        alone = [
            (m.officer, start, end)
            for m in stints
            for start, end in _uncovered(
                m.start or first, m.end or last, sorted(cover[team] + cover[m.officer])
            )
        ]
        for start, end in _merged([(a, b) for _, a, b in alone]):
            inside = [(o, max(a, start), min(b, end)) for o, a, b in alone if a <= end and b >= start]
            incidents = {i for o, a, b in inside for day, i in days_of[o] if a <= day <= b}
            gaps.append(SupervisionGap(team, start, end, (end - start).days + 1, len({o for o, _, _ in inside}),
                                       len(incidents)))  # fmt: skip
    return gaps


def _merged(stretches: list[tuple[date, date]]) -> list[tuple[date, date]]:
    """Overlapping or adjacent stretches joined, in order."""
    joined: list[tuple[date, date]] = []
    for start, end in sorted(stretches):
        if joined and start <= joined[-1][1] + timedelta(days=1):
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return joined


def _uncovered(first: date, last: date, cover: list[tuple[date, date]]) -> list[tuple[date, date]]:
    """The stretches of ``first``–``last`` not inside any of the sorted ``cover`` intervals."""
    gaps, cursor = [], first
    for start, end in cover:
        if start > cursor:
            gaps.append((cursor, min(last, start - timedelta(days=1))))
        if end >= cursor:
            cursor = end + timedelta(days=1) if end < date.max else date.max
        if cursor > last:
            return [g for g in gaps if g[0] <= g[1]]
    if cursor <= last:
        gaps.append((cursor, last))
    return [g for g in gaps if g[0] <= g[1]]


SUPERVISORS_OF_PARTICIPANTS = Measure(
    "supervisors_of_participants", "Supervisors of participants",
    "Supervisors (of the officer or of their team) on the days their officers took part in misconduct.",
    SupervisorOfParticipant,
    lambda context: supervisors_of_participants(context.items, context.supervision_spans, context.teams),
    Section.SUPERVISION,
)  # fmt: skip
PARTICIPATING_SUPERVISORS = Measure(
    "participating_supervisors", "Supervisors who took part",
    "Supervisors who took part in misconduct themselves, and how often while supervising.",
    ParticipatingSupervisor, lambda context: participating_supervisors(context.items, context.supervision_spans),
    Section.SUPERVISION,
)  # fmt: skip
SUPERVISION_GAPS = Measure(
    "supervision_gaps", "Teams without a supervisor",
    "Stretches of time a team had members with no supervisor recorded (none over the team, none over them), how "
    "many, and the incidents they took part in while unsupervised. Empty when the case records no supervision.",
    SupervisionGap, lambda context: context.supervision_gaps, Section.SUPERVISION,
)  # fmt: skip
