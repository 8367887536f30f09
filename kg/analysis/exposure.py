"""Exposure over time: for every officer and period, how many of their ties had already adopted.

The model (discrete time, as in Anagnostopoulos, Kumar & Mahdian, KDD 2008): time runs in
periods from the first adoption to the last. An officer is at risk from the period they are first
present (their ``joined`` date, else the start) until they adopt (that period included) or leave.
An officer is *exposed* in period p by each alter who adopted in an earlier period and had a tie
with them in force during p. Adopting in the same period as an alter is not exposure to them.
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
from kg.analysis.ties import Tie
from kg.values import to_date

ANY_TIE = "any"
"""The pseudo tie type counting distinct exposed alters over all tie types."""


@dataclass(frozen=True)
class PairIntervals:
    """Periods in which each alter (an adopter) could expose each ego: parallel arrays."""

    alter: np.ndarray
    ego: np.ndarray
    start: np.ndarray
    end: np.ndarray


@dataclass
class SpreadModel:
    """Officers, their windows at risk, their adoption periods and their exposure intervals."""

    periods: Periods
    people: list[str]
    entry: np.ndarray
    exit: np.ndarray
    adopted: np.ndarray
    """Adoption period of each officer, -1 for officers who never adopted."""
    pairs: dict[str, PairIntervals]
    """Exposure intervals by tie type, plus :data:`ANY_TIE` (their union per pair)."""

    @property
    def adopters(self) -> np.ndarray:
        """Indices of the officers who adopted."""
        return np.flatnonzero(self.adopted >= 0)

    def exposure_counts(self, adopted: np.ndarray | None = None, tie_type: str = ANY_TIE) -> np.ndarray:
        """Exposed alters per officer (rows) and period (columns), for the given adoption periods
        (default: the observed ones)."""
        adopted = self.adopted if adopted is None else adopted
        pairs = self.pairs[tie_type]
        width = self.periods.count + 1
        start = np.maximum(pairs.start, adopted[pairs.alter] + 1)
        ok = start <= pairs.end
        size = len(self.people) * width
        diff = np.bincount(pairs.ego[ok] * width + start[ok], minlength=size) - np.bincount(
            pairs.ego[ok] * width + pairs.end[ok] + 1, minlength=size
        )
        return np.cumsum(diff.reshape(len(self.people), width)[:, :-1], axis=1)

    def at_risk(self, adopted: np.ndarray | None = None) -> np.ndarray:
        """A boolean matrix: officer (row) at risk in period (column)."""
        adopted = self.adopted if adopted is None else adopted
        last = np.where(adopted >= 0, adopted, self.exit)
        columns = np.arange(self.periods.count)
        return (columns >= self.entry[:, None]) & (columns <= last[:, None])

    def exposure_table(self, adopted: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """``(at_risk_by_k, adopted_by_k)``: officer-periods at risk and adoptions, by the number
        k of exposed alters (index k)."""
        adopted = self.adopted if adopted is None else adopted
        counts = self.exposure_counts(adopted)
        at_risk = np.bincount(counts[self.at_risk(adopted)])
        who = np.flatnonzero((adopted >= 0) & (adopted >= self.entry))
        adoptions = np.bincount(counts[who, adopted[who]], minlength=len(at_risk))
        return at_risk, adoptions


def _period_bounds(periods: Periods, start: date | None, end: date | None) -> tuple[int, int]:
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


def _pair_intervals(by_pair: Mapping[tuple[int, int], list[tuple[int, int]]]) -> PairIntervals:
    rows = sorted((a, e, s, t) for (a, e), spans in by_pair.items() for s, t in _union(spans))
    arrays = np.array(rows, dtype=np.int64).reshape(-1, 4).T
    return PairIntervals(*arrays)


def exposure_directions(tie: Tie) -> list[tuple[str, str]]:
    """``(alter, ego)`` pairs a tie can carry exposure along: both ways unless directed."""
    return (
        [(tie.source, tie.target)] if tie.directed else [(tie.source, tie.target), (tie.target, tie.source)]
    )


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
    ties: Iterable[Tie],
    unit: str = "month",
    presence: Presence | None = None,
) -> SpreadModel:
    """The spread model of ``adoptions`` among ``people`` over ``ties`` (see the module doc)."""
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
            entry[index[person]], exit_[index[person]] = _period_bounds(periods, joined, left)
    for person, adoption in adoptions.items():
        i = index[person]
        adopted[i] = periods.index(adoption.day)
        entry[i] = min(entry[i], adopted[i])
    by_type: dict[str, dict[tuple[int, int], list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for tie in ties:
        for alter, ego in exposure_directions(tie):
            if alter not in adoptions or ego not in index:
                continue
            span = _period_bounds(periods, tie.start, tie.end)
            if span[0] <= span[1]:
                for tie_type in (tie.tie_type, ANY_TIE):
                    by_type[tie_type][index[alter], index[ego]].append(span)
    by_type.setdefault(ANY_TIE, defaultdict(list))
    pairs = {tie_type: _pair_intervals(spans) for tie_type, spans in sorted(by_type.items())}
    return SpreadModel(periods, people, entry, exit_, adopted, pairs)
