"""Exposure over time: for every officer and period, how many of their ties had already adopted.

The model (discrete time, as in Anagnostopoulos, Kumar & Mahdian, KDD 2008): time runs in
periods from the first adoption to the last. An officer is at risk from the period they are first
present (their ``joined`` date, else the start) until they adopt (that period included) or leave.
An officer is *exposed* in period p by each tie, in force during p, to an alter who adopted in an
earlier period. Adopting in the same period as an alter is not exposure to them.

Exposure counts ties: an earlier adopter who is both a teammate and a chat member of an officer
counts once for ``team`` and once for ``chat``, and twice in the total (:data:`ANY_TIE`).

Ties come in two forms. Pair ties (messages, co-participation) are listed pair by pair. Group ties
(teams, chats) are never listed: they are counted from the groups' dated memberships, period by
period, so a unit of thousands of officers over many years costs memberships × periods, not
members². Two officers share a group in a period when both were members at some time in it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

import networkx as nx
import numpy as np

from kg.analysis.involvement import Adoption
from kg.analysis.periods import Periods
from kg.analysis.ties import Membership, Tie
from kg.values import to_date

ANY_TIE = "any"
"""The total over all tie types."""


@dataclass(frozen=True)
class PairIntervals:
    """Periods in which each alter (an adopter) could expose each ego: parallel arrays."""

    alter: np.ndarray
    ego: np.ndarray
    start: np.ndarray
    end: np.ndarray


@dataclass(frozen=True)
class GroupCells:
    """Dated group memberships (merged per officer and group), as parallel arrays, and every
    (officer, period) and (group, period) cell they cover, flattened."""

    groups: list[str]
    member: np.ndarray
    group: np.ndarray
    start: np.ndarray
    end: np.ndarray
    cell_person: np.ndarray
    """``officer × periods + period`` of every covered cell."""
    cell_group: np.ndarray
    """``group × periods + period`` of the same cells."""


def _rows(parts: list[np.ndarray], columns: int) -> np.ndarray:
    return np.array(parts, dtype=np.int64).reshape(-1, columns).T


@dataclass
class SpreadModel:
    """Officers, their windows at risk, their adoption periods and their ties."""

    periods: Periods
    people: list[str]
    entry: np.ndarray
    exit: np.ndarray
    adopted: np.ndarray
    """Adoption period of each officer, -1 for officers who never adopted."""
    pairs: dict[str, PairIntervals]
    groups: dict[str, GroupCells]

    @property
    def tie_types(self) -> list[str]:
        """The tie types present, sorted."""
        return sorted({*self.pairs, *self.groups})

    @property
    def adopters(self) -> np.ndarray:
        """Indices of the officers who adopted."""
        return np.flatnonzero(self.adopted >= 0)

    def exposure_counts(self, adopted: np.ndarray | None = None, tie_type: str = ANY_TIE) -> np.ndarray:
        """Exposing ties per officer (rows) and period (columns), for the given adoption periods
        (default: the observed ones); ``tie_type`` :data:`ANY_TIE` sums all types."""
        adopted = self.adopted if adopted is None else adopted
        if tie_type == ANY_TIE:
            total = np.zeros((len(self.people), self.periods.count), dtype=np.int64)
            for each in self.tie_types:
                total += self.exposure_counts(adopted, each)
            return total
        if tie_type in self.groups:
            return self._group_counts(self.groups[tie_type], adopted)
        if tie_type in self.pairs:
            return self._pair_counts(self.pairs[tie_type], adopted)
        return np.zeros((len(self.people), self.periods.count), dtype=np.int64)

    def _pair_counts(self, pairs: PairIntervals, adopted: np.ndarray) -> np.ndarray:
        start = np.maximum(pairs.start, adopted[pairs.alter] + 1)
        ok = start <= pairs.end
        return self._running(pairs.ego[ok], start[ok], pairs.end[ok], len(self.people))

    def _group_counts(self, cells: GroupCells, adopted: np.ndarray) -> np.ndarray:
        """Per officer and period: the sum, over the groups they are in then, of the other
        members then who adopted earlier."""
        when = adopted[cells.member]
        start = np.maximum(cells.start, when + 1)
        ok = (when >= 0) & (start <= cells.end)
        adopters_in = self._running(cells.group[ok], start[ok], cells.end[ok], len(cells.groups)).ravel()
        size = len(self.people) * self.periods.count
        counts = np.bincount(cells.cell_person, weights=adopters_in[cells.cell_group], minlength=size)
        counts = counts.astype(np.int64).reshape(len(self.people), self.periods.count)
        return counts - self._running(cells.member[ok], start[ok], cells.end[ok], len(self.people))

    def _running(self, rows: np.ndarray, start: np.ndarray, end: np.ndarray, height: int) -> np.ndarray:
        """A ``height × periods`` matrix counting, in each cell, the ``[start, end]`` spans of its row."""
        width = self.periods.count + 1
        size = height * width
        diff = np.bincount(rows * width + start, minlength=size) - np.bincount(
            rows * width + end + 1, minlength=size
        )
        return np.cumsum(diff.reshape(height, width)[:, :-1], axis=1)

    def at_risk(self, adopted: np.ndarray | None = None) -> np.ndarray:
        """A boolean matrix: officer (row) at risk in period (column)."""
        adopted = self.adopted if adopted is None else adopted
        last = np.where(adopted >= 0, adopted, self.exit)
        columns = np.arange(self.periods.count)
        return (columns >= self.entry[:, None]) & (columns <= last[:, None])

    def exposure_table(self, adopted: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """``(at_risk_by_k, adopted_by_k)``: officer-periods at risk and adoptions, by the number
        k of exposing ties (index k)."""
        adopted = self.adopted if adopted is None else adopted
        counts = self.exposure_counts(adopted)
        at_risk = np.bincount(counts[self.at_risk(adopted)])
        who = np.flatnonzero((adopted >= 0) & (adopted >= self.entry))
        adoptions = np.bincount(counts[who, adopted[who]], minlength=len(at_risk))
        return at_risk, adoptions


def period_bounds(periods: Periods, start: date | None, end: date | None) -> tuple[int, int]:
    """The first and last period of ``start``–``end`` within the window (None: its edge)."""
    first = 0 if start is None else max(0, periods.index(start))
    last = periods.count - 1 if end is None else min(periods.count - 1, periods.index(end))
    return first, last


def _union(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def exposure_directions(tie: Tie) -> list[tuple[str, str]]:
    """``(alter, ego)`` pairs a tie can carry exposure along: both ways unless directed."""
    return (
        [(tie.source, tie.target)] if tie.directed else [(tie.source, tie.target), (tie.target, tie.source)]
    )


def _pair_intervals(
    ties: Iterable[Tie], periods: Periods, index: Mapping[str, int], adopters: Iterable[str]
) -> dict[str, PairIntervals]:
    adopters = set(adopters)
    by_type: dict[str, dict[tuple[int, int], list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for tie in ties:
        for alter, ego in exposure_directions(tie):
            if alter in adopters and ego in index:
                span = period_bounds(periods, tie.start, tie.end)
                if span[0] <= span[1]:
                    by_type[tie.tie_type][index[alter], index[ego]].append(span)
    result = {}
    for tie_type, spans in sorted(by_type.items()):
        rows = sorted((a, e, s, t) for (a, e), found in spans.items() for s, t in _union(found))
        result[tie_type] = PairIntervals(*_rows(rows, 4))
    return result


def _group_cells(memberships: Iterable[Membership], periods: Periods, index: Mapping[str, int]) -> GroupCells:
    spans: dict[tuple[int, str], list[tuple[int, int]]] = defaultdict(list)
    for m in memberships:
        if m.officer in index:
            span = period_bounds(periods, m.start, m.end)
            if span[0] <= span[1]:
                spans[index[m.officer], m.group].append(span)
    groups = sorted({group for _, group in spans})
    number = {group: i for i, group in enumerate(groups)}
    rows = sorted(
        (person, number[group], s, e) for (person, group), found in spans.items() for s, e in _union(found)
    )
    member, group, start, end = _rows(rows, 4)
    lengths = end - start + 1
    offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    period = np.repeat(start, lengths) + offsets
    count = periods.count
    return GroupCells(groups, member, group, start, end,
                      np.repeat(member, lengths) * count + period, np.repeat(group, lengths) * count + period)  # fmt: skip


Presence = Mapping[str, tuple[date | None, date | None]]
"""When each officer was present (joined, left; None where unknown)."""


def officer_presence(graph: nx.MultiDiGraph) -> dict[str, tuple[date | None, date | None]]:
    """Each officer's ``joined`` and ``left`` dates, where the case gives them."""
    presence = {}
    for node, data in graph.nodes(data=True):
        if data["kind"] == "Officer" and (data.get("joined") or data.get("left")):
            joined, left = data.get("joined"), data.get("left")
            presence[node] = (to_date(joined) if joined else None, to_date(left) if left else None)
    return presence


def spread_model(
    people: list[str],
    adoptions: Mapping[str, Adoption],
    ties: Iterable[Tie] = (),
    unit: str = "month",
    presence: Presence | None = None,
    groups: Mapping[str, Iterable[Membership]] | None = None,
) -> SpreadModel:
    """The spread model of ``adoptions`` among ``people`` over pair ``ties`` and the dated group
    memberships ``groups`` (by tie type, e.g. ``{"team": …, "chat": …}``); see the module doc."""
    if not adoptions:
        raise ValueError("no dated adoptions to model")
    days = [a.day for a in adoptions.values()]
    periods = Periods(min(days), max(days), unit)
    index = {person: i for i, person in enumerate(people)}
    entry = np.zeros(len(people), dtype=np.int64)
    exit_ = np.full(len(people), periods.count - 1, dtype=np.int64)
    adopted = np.full(len(people), -1, dtype=np.int64)
    for person, (joined, left) in (presence or {}).items():
        if person in index:
            entry[index[person]], exit_[index[person]] = period_bounds(periods, joined, left)
    for person, adoption in adoptions.items():
        i = index[person]
        adopted[i] = periods.index(adoption.day)
        entry[i] = min(entry[i], adopted[i])
    pairs = _pair_intervals(ties, periods, index, adoptions)
    cells = {
        tie_type: _group_cells(found, periods, index) for tie_type, found in sorted((groups or {}).items())
    }
    return SpreadModel(periods, people, entry, exit_, adopted, pairs, cells)
