"""Dated group membership (teams, chat groups): who was in which group on a given day."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import networkx as nx
import numpy as np

from kg.analysis.involvement import case_window
from kg.analysis.ties import GroupMemberships, Membership, group_memberships

NO_TEAM = "(no team)"


def covers(start: date | None, end: date | None, day: date) -> bool:
    """Whether ``day`` lies within ``start``–``end`` (None: unbounded)."""
    return (start is None or start <= day) and (end is None or day <= end)


@dataclass
class GroupIndex:
    """Memberships by officer and by group, and the span of days the records cover (``records``:
    the first and last day of any dated membership or incident), where open ends run to."""

    records: tuple[date, date] | None = None
    by_officer: dict[str, list[Membership]] = field(default_factory=lambda: defaultdict(list))
    by_group: dict[str, list[Membership]] = field(default_factory=lambda: defaultdict(list))
    _cache: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = field(default_factory=dict, repr=False)

    @classmethod
    def of(
        cls, graph: nx.MultiDiGraph, tie_type: str = "team", groups: GroupMemberships | None = None
    ) -> GroupIndex:
        """The memberships of ``graph``'s teams (``tie_type`` ``chat``: its chat groups); ``groups``
        are its :func:`~kg.analysis.ties.group_memberships`, found when not given."""
        found = (groups if groups is not None else group_memberships(graph))[tie_type]
        days = [d for m in found for d in (m.start, m.end) if d] + list(case_window(graph) or ())
        index = cls((min(days), max(days)) if days else None)
        for membership in found:
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
        """The group ``officer`` spent longest in, or :data:`NO_TEAM`: an open start counts from
        the first day of the records, an open end to the last; ties go to the earliest-joined,
        then the first id."""
        stints = self.by_officer.get(officer, [])
        if not stints:
            return NO_TEAM
        first, last = self.records or (date(1970, 1, 1), date(1970, 1, 1))
        length: dict[str, int] = defaultdict(int)
        joined: dict[str, date] = {}
        for m in stints:
            start, end = m.start or first, m.end or last
            length[m.group] += (end - start).days + 1
            joined[m.group] = min(joined.get(m.group, start), start)
        return min(length, key=lambda g: (-length[g], joined[g], g))
