"""Dated ties between officers, by tie type: the raw material of every officer network.

A tie is in force from ``start`` to ``end`` (None: unbounded on that side):

- ``message``: a sender to each officer who received one of their messages, from the first
  such message; directed (the recipient is exposed to the sender);
- ``coparticipation``: two officers involved in the same incident (participants, or named in
  the same complaint — co-accusal, whatever the finding), from the first such incident;
- ``team``: two officers in the same team at the same time, only while both were members;
- ``chat``: two officers in the same chat group at the same time, likewise.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from itertools import combinations

import networkx as nx

from kg.analysis.involvement import incident_day
from kg.ontology import Label, RelType
from kg.progress import Advance, counted, ignore
from kg.timeline import edge_span

TIE_TYPES = ("message", "coparticipation", "team", "chat")
PAIR_TIE_TYPES = ("message", "coparticipation")
GROUP_TIE_TYPES = ("team", "chat")
MAX_GROUP_TIES = 2_000_000
"""More team and chat ties than this are not listed pair by pair (see :func:`group_tie_estimate`)."""
GROUP_RELATIONSHIPS = {"team": (RelType.MEMBER_OF, Label.TEAM), "chat": (RelType.IN_CHAT, Label.CHAT_GROUP)}
CO_INVOLVEMENT_TYPES = (RelType.PARTICIPATED_IN, RelType.ACCUSED_IN)


@dataclass(frozen=True, order=True)
class Tie:
    """A tie between two officers, in force from ``start`` to ``end`` (inclusive)."""

    source: str
    target: str
    tie_type: str
    start: date | None
    end: date | None
    weight: int
    """Messages sent, incidents shared, or 1 for a shared team or chat stint."""
    evidence: tuple[str, ...]
    """Ids of the messages, incidents, teams or chat groups behind the tie."""
    directed: bool = False


def officers(graph: nx.MultiDiGraph) -> list[str]:
    """The ids of every Officer node, sorted."""
    return sorted(n for n, kind in graph.nodes(data="kind") if kind == Label.OFFICER)


def _earliest(days: Iterable[date | None]) -> date | None:
    known = [d for d in days if d is not None]
    return min(known) if known else None


PeopleByRelationship = dict[str, set[str]]
"""The officers with each type of relationship to one incident."""


def _incident_people(graph: nx.MultiDiGraph, incident: str, officer_ids: set[str]) -> PeopleByRelationship:
    found: PeopleByRelationship = defaultdict(set)
    for person, keyed in graph.pred[incident].items():
        if person in officer_ids:
            for data in keyed.values():
                found[data["kind"]].add(person)
    return found


def _message_pairs(people: PeopleByRelationship) -> Iterable[tuple[str, str]]:
    recipients = people.get(RelType.RECEIVED, set())
    return ((s, r) for s in people.get(RelType.SENT, ()) for r in recipients - {s})


def _coparticipation_pairs(people: PeopleByRelationship) -> Iterable[tuple[str, str]]:
    return combinations(sorted(set().union(*(people.get(kind, ()) for kind in CO_INVOLVEMENT_TYPES))), 2)


INCIDENT_TIES: dict[str, tuple[Callable[[PeopleByRelationship], Iterable[tuple[str, str]]], bool]] = {
    "message": (_message_pairs, True),
    "coparticipation": (_coparticipation_pairs, False),
}
"""Tie types found within incidents: the pairs an incident ties, and whether the tie is directed."""


def incident_ties(
    graph: nx.MultiDiGraph, tie_types: Iterable[str] = PAIR_TIE_TYPES, advance: Advance = ignore
) -> list[Tie]:
    """The ties of ``tie_types`` (of :data:`INCIDENT_TIES`) in one pass over the nodes, of which
    ``advance`` hears: one per pair of officers and type, weighted by incidents, in ``tie_types``
    order."""
    chosen = list(tie_types)
    if not chosen:
        return []
    found: dict[str, dict[tuple[str, str], list[tuple[date | None, str]]]] = {
        t: defaultdict(list) for t in chosen
    }
    officer_ids = set(officers(graph))
    for incident, kind in counted(graph.nodes(data="kind"), advance):
        if kind == Label.INCIDENT:
            people = _incident_people(graph, incident, officer_ids)
            for tie_type in chosen:
                for pair in INCIDENT_TIES[tie_type][0](people):
                    found[tie_type][pair].append((incident_day(graph, incident), incident))
    return [  # sorted as Ties sort: a tie type holds each pair once, so by the pair
        Tie(
            a,
            b,
            tie_type,
            _earliest(d for d, _ in items),
            None,
            len(items),
            tuple(sorted(i for _, i in items)),
            INCIDENT_TIES[tie_type][1],
        )  # fmt: skip
        for tie_type in chosen
        for (a, b), items in sorted(found[tie_type].items())
    ]


def message_ties(graph: nx.MultiDiGraph) -> list[Tie]:
    """Sender → recipient ties, one per pair, weighted by the number of messages."""
    return incident_ties(graph, ("message",))


def coparticipation_ties(graph: nx.MultiDiGraph) -> list[Tie]:
    """Ties between officers involved in the same incident, weighted by incidents shared."""
    return incident_ties(graph, ("coparticipation",))


@dataclass(frozen=True)
class Membership:
    """An officer's membership of a group (team or chat) from ``start`` to ``end``."""

    officer: str
    group: str
    start: date | None
    end: date | None


GroupMemberships = dict[str, list[Membership]]
"""Officers' dated memberships by group tie type (``team``, ``chat``), each list sorted."""


def group_memberships(graph: nx.MultiDiGraph, advance: Advance = ignore) -> GroupMemberships:
    """Officers' memberships of teams (MEMBER_OF a Team) and chat groups (IN_CHAT), by group tie
    type, in one pass over the relationships (of which ``advance`` hears); each list sorted by
    group, officer and dates."""
    tie_type_of = {rel_type: tie_type for tie_type, (rel_type, _) in GROUP_RELATIONSHIPS.items()}
    kinds = dict(graph.nodes(data="kind"))
    found: GroupMemberships = {tie_type: [] for tie_type in GROUP_RELATIONSHIPS}
    for officer, group, key, kind in counted(graph.edges(keys=True, data="kind"), advance):
        tie_type = tie_type_of.get(kind)
        if tie_type and kinds[group] == GROUP_RELATIONSHIPS[tie_type][1] and kinds[officer] == Label.OFFICER:
            found[tie_type].append(Membership(officer, group, *edge_span(graph, officer, group, key)))
    return {tie_type: sorted(members, key=_membership_order) for tie_type, members in found.items()}


def _membership_order(membership: Membership) -> tuple[str, str, date, date]:
    return membership.group, membership.officer, membership.start or date.min, membership.end or date.max


def overlap(a: Membership, b: Membership) -> tuple[date | None, date | None] | None:
    """The days two memberships share, or None when they do not overlap."""
    start = b.start if a.start is None else a.start if b.start is None else max(a.start, b.start)
    end = b.end if a.end is None else a.end if b.end is None else min(a.end, b.end)
    if start is not None and end is not None and start > end:
        return None
    return start, end


def co_membership_ties(
    members_of_groups: list[Membership], tie_type: str, among: set[str] | None = None
) -> list[Tie]:
    """Ties of ``tie_type`` between officers for each stretch of time both were members of the
    same group (of ``members_of_groups``).

    With ``among``, only ties with at least one end in it are made (the exposure analysis needs
    only ties that touch adopters, which keeps large units tractable).
    """
    by_group: dict[str, list[Membership]] = defaultdict(list)
    for membership in members_of_groups:
        by_group[membership.group].append(membership)
    ties = []
    for group, members in by_group.items():
        for i, j in _member_pairs(members, among):
            shared = overlap(members[i], members[j])
            if shared is None or members[i].officer == members[j].officer:
                continue
            a, b = sorted((members[i].officer, members[j].officer))
            ties.append(Tie(a, b, tie_type, *shared, 1, (group,)))
    return sorted(ties, key=lambda t: (t.source, t.target, t.start or date.min, t.evidence))


def _member_pairs(members: list[Membership], among: set[str] | None) -> Iterable[tuple[int, int]]:
    """Index pairs of memberships to compare: all of them, or those touching ``among``."""
    if among is None:
        return combinations(range(len(members)), 2)
    chosen = [i for i, m in enumerate(members) if m.officer in among]
    return (
        (i, j)
        for i in chosen
        for j in range(len(members))
        if j != i and not (members[j].officer in among and j < i)
    )


def group_tie_estimate(members_of_groups: list[Membership]) -> int:
    """An upper bound on the number of ties memberships make: pairs of memberships per group."""
    sizes: dict[str, int] = defaultdict(int)
    for membership in members_of_groups:
        sizes[membership.group] += 1
    return sum(n * (n - 1) // 2 for n in sizes.values())


@dataclass(frozen=True)
class TieChoice:
    """The tie types used by default on a case: ``kept``, and the group tie types ``left_out``
    because they would be too many to list, with the number of pairs each would have."""

    kept: tuple[str, ...]
    left_out: dict[str, int]
    limit: int = MAX_GROUP_TIES
    """The most team and chat ties listed."""

    def note(self) -> str:
        """What was left out and why, for a report or a page ('' when nothing was)."""
        return "; ".join(
            f"{tie_type} ties left out: about {count:,} pairs, more than the {self.limit:,} kg lists"
            for tie_type, count in self.left_out.items()
        )


def feasible_ties(
    groups: GroupMemberships, tie_types: Iterable[str] = TIE_TYPES, limit: int | None = None
) -> TieChoice:
    """Every pair tie type of ``tie_types``, and each group tie type whose ties, with those of the
    group types kept before it, number at most ``limit`` (:func:`group_tie_estimate`): decided
    from the group sizes alone, in seconds, before any tie is listed. ``limit`` defaults to
    :data:`MAX_GROUP_TIES`."""
    limit = MAX_GROUP_TIES if limit is None else limit
    kept, left_out, total = [], {}, 0
    for tie_type in tie_types:
        if tie_type in GROUP_TIE_TYPES:
            estimate = group_tie_estimate(groups[tie_type])
            if total + estimate > limit:
                left_out[tie_type] = estimate
                continue
            total += estimate
        kept.append(tie_type)
    return TieChoice(tuple(kept), left_out, limit)


def team_ties(graph: nx.MultiDiGraph, among: set[str] | None = None) -> list[Tie]:
    """Ties between officers while both were members of the same team (MEMBER_OF a Team)."""
    return co_membership_ties(group_memberships(graph)["team"], "team", among)


def chat_ties(graph: nx.MultiDiGraph, among: set[str] | None = None) -> list[Tie]:
    """Ties between officers while both were members of the same chat group (IN_CHAT)."""
    return co_membership_ties(group_memberships(graph)["chat"], "chat", among)


def all_ties(
    graph: nx.MultiDiGraph,
    tie_types: Iterable[str] = TIE_TYPES,
    among: set[str] | None = None,
    groups: GroupMemberships | None = None,
    advance: Advance = ignore,
) -> list[Tie]:
    """The ties of the chosen types (``among`` restricts team and chat ties, see above; ``groups``
    are the graph's :func:`group_memberships`, found when not given); ``advance`` hears of the
    nodes read for the ties of incidents (:func:`incident_ties`)."""
    chosen = list(tie_types)
    unknown = set(chosen) - set(TIE_TYPES)
    if unknown:
        raise ValueError(f"unknown tie types {sorted(unknown)}; use {', '.join(TIE_TYPES)}")
    by_type: dict[str, list[Tie]] = {tie_type: [] for tie_type in chosen}
    for tie in incident_ties(graph, [t for t in chosen if t in INCIDENT_TIES], advance):
        by_type[tie.tie_type].append(tie)
    wanted = [t for t in chosen if t in GROUP_TIE_TYPES]
    if wanted:
        members = groups if groups is not None else group_memberships(graph)
        for tie_type in wanted:
            by_type[tie_type] = co_membership_ties(members[tie_type], tie_type, among)
    return [tie for tie_type in chosen for tie in by_type[tie_type]]
