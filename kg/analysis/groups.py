"""Dated group membership (teams, chat groups): who was in which group on a given day."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import networkx as nx
import numpy as np

from kg.analysis.ties import Membership, memberships
from kg.ontology import Label, RelType

NO_TEAM = "(no team)"


def covers(start: date | None, end: date | None, day: date) -> bool:
    """Whether ``day`` lies within ``start``–``end`` (None: unbounded)."""
    return (start is None or start <= day) and (end is None or day <= end)


@dataclass
class GroupIndex:
    """Memberships by officer and by group."""

    by_officer: dict[str, list[Membership]] = field(default_factory=lambda: defaultdict(list))
    by_group: dict[str, list[Membership]] = field(default_factory=lambda: defaultdict(list))
    _cache: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = field(default_factory=dict, repr=False)

    @classmethod
    def of(
        cls, graph: nx.MultiDiGraph, rel_type: str = RelType.MEMBER_OF, group_kind: str = Label.TEAM
    ) -> GroupIndex:
        """The memberships of ``group_kind`` groups through ``rel_type`` (default: teams)."""
        index = cls()
        for membership in memberships(graph, rel_type, group_kind):
            index.by_officer[membership.officer].append(membership)
            index.by_group[membership.group].append(membership)
        return index

    def groups_of(self, officer: str, day: date | None = None) -> tuple[str, ...]:
        """The groups ``officer`` was in on ``day`` (None: ever), sorted."""
        return tuple(
            sorted(
                {
                    m.group
                    for m in self.by_officer.get(officer, [])
                    if day is None or covers(m.start, m.end, day)
                }
            )
        )

    def members(self, group: str, day: date | None = None) -> set[str]:
        """The officers in ``group`` on ``day`` (None: ever)."""
        officers, starts, ends = self._arrays(group)
        if day is None:
            return set(officers.tolist())
        ordinal = day.toordinal()
        return set(officers[(starts <= ordinal) & (ends >= ordinal)].tolist())

    def _arrays(self, group: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The group's members with their first and last days as ordinals (open ends unbounded)."""
        if group not in self._cache:
            stints = self.by_group.get(group, [])
            self._cache[group] = (
                np.array([m.officer for m in stints], dtype=object),
                np.array([m.start.toordinal() if m.start else 0 for m in stints], dtype=np.int64),
                np.array(
                    [m.end.toordinal() if m.end else date.max.toordinal() for m in stints], dtype=np.int64
                ),
            )
        return self._cache[group]

    def primary(self, officer: str) -> str:
        """The group ``officer`` spent longest in (open ends run to the last known date), or
        :data:`NO_TEAM`; ties go to the earliest-joined, then the first id."""
        stints = self.by_officer.get(officer, [])
        if not stints:
            return NO_TEAM
        known = [d for m in stints for d in (m.start, m.end) if d] or [date(1970, 1, 1)]
        length: dict[str, int] = defaultdict(int)
        for m in stints:
            length[m.group] += ((m.end or max(known)) - (m.start or min(known))).days + 1
        first = {g: min((m.start or min(known)) for m in stints if m.group == g) for g in length}
        return min(length, key=lambda g: (-length[g], first[g], g))
