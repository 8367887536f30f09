"""Exposure over time: for every officer and period, how many of their ties had already adopted.

The model (discrete time, as in Anagnostopoulos, Kumar & Mahdian, KDD 2008): time runs in
periods over the case's window. An officer is at risk in the periods they are present (the risk
set of :mod:`kg.analysis.risk_set`: in the force, in the window, on a roll) up to the period they
adopt. Exposure is lagged: in period p an officer is exposed by each tie in force on the last day
before p began, to an alter who adopted in an earlier period. So an adoption is never explained
by a tie formed later, nor by the tie its own incident created.

Exposure counts ties: an earlier adopter who is both a teammate and a chat member of an officer
counts once for ``team`` and once for ``chat``, and twice in the total (:data:`ANY_TIE`).

Ties come in two forms. Pair ties (messages, co-participation) are listed pair by pair. Group ties
(teams, chats) are never listed: they are counted from the groups' dated memberships, period by
period, so a unit of thousands of officers over many years costs memberships × periods, not
members². Two officers share a group in period p when both were members on the day before p began.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import networkx as nx
import numpy as np

from kg.analysis.exposure_kernel import ExposureLayout
from kg.analysis.involvement import Adoption
from kg.analysis.periods import Periods
from kg.analysis.risk_set import (
    UNKNOWN_JOINED,
    Presence,
    RiskSet,
    Strata,
    lagged_bounds,
    presence_mask,
    roll_teams,
    with_adoptions,
)
from kg.analysis.ties import Membership, Tie
from kg.ontology import Label
from kg.values import to_date

ANY_TIE = "any"
"""The total over all tie types."""


@dataclass(frozen=True)
class PairIntervals:
    """Periods in which each alter (an adopter) could expose each ego: parallel arrays, sorted
    by ego."""

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
    present: np.ndarray
    """Officers × periods: in the risk set when not yet adopted (see :mod:`kg.analysis.risk_set`)."""
    adopted: np.ndarray
    """Adoption period of each officer, -1 for officers who never adopted."""
    pairs: dict[str, PairIntervals]
    groups: dict[str, GroupCells]
    conflicts: int = 0
    """Adoptions where the records do not place the officer (counted as present then)."""
    _layouts: dict[tuple[str, ...], ExposureLayout] = field(default_factory=dict, repr=False, compare=False)

    @property
    def tie_types(self) -> list[str]:
        """The tie types present, sorted."""
        return sorted({*self.pairs, *self.groups})

    @property
    def adopters(self) -> np.ndarray:
        """Indices of the officers who adopted."""
        return np.flatnonzero(self.adopted >= 0)

    def exposure_counts(
        self, adopted: np.ndarray | None = None, tie_type: str = ANY_TIE, exclude_self: bool = True
    ) -> np.ndarray:
        """Exposing ties per officer (rows) and period (columns), for the given adoption periods
        (default: the observed ones); ``tie_type`` :data:`ANY_TIE` sums all types. The whole
        matrix, by whole-array operations: the plain definition that the compiled counts of
        :meth:`exposure_table` and :meth:`exposure_at` are tested against.

        Without ``exclude_self``, an adopter's own adoption is counted in the groups they are in
        from the period after it: those cells are never at risk, so the tables need no
        correction."""
        adopted = self.adopted if adopted is None else adopted
        types = self.tie_types if tie_type == ANY_TIE else [tie_type]
        shape = (len(self.people), self.periods.count)
        group_total = np.zeros(shape[0] * shape[1])
        total = np.zeros(shape, dtype=np.int64)
        for each in types:
            if each in self.groups:
                group_total += self._group_counts(self.groups[each], adopted)
                if exclude_self:
                    total -= self._self_counts(self.groups[each], adopted)
            elif each in self.pairs:
                total += self._pair_counts(self.pairs[each], adopted)
        return total + group_total.astype(np.int64).reshape(shape)

    def _pair_counts(self, pairs: PairIntervals, adopted: np.ndarray) -> np.ndarray:
        start = np.maximum(pairs.start, adopted[pairs.alter] + 1)
        ok = start <= pairs.end
        return self._running(pairs.ego[ok], start[ok], pairs.end[ok], len(self.people))

    @staticmethod
    def _adopted_spans(cells: GroupCells, adopted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Which memberships belong to adopters who adopted in time to count, and from when."""
        when = adopted[cells.member]
        start = np.maximum(cells.start, when + 1)
        return (when >= 0) & (start <= cells.end), start

    def group_adopters(self, cells: GroupCells, adopted: np.ndarray) -> np.ndarray:
        """Flattened per group and period (``group × periods + period``): the members then who
        adopted in an earlier period."""
        ok, start = self._adopted_spans(cells, adopted)
        return self._running(cells.group[ok], start[ok], cells.end[ok], len(cells.groups)).ravel()

    def _group_counts(self, cells: GroupCells, adopted: np.ndarray) -> np.ndarray:
        """Flattened per officer and period: the sum, over the groups they are in then, of the
        members then who adopted earlier (themselves included; see :meth:`_self_counts`)."""
        adopters_in = self.group_adopters(cells, adopted)
        return np.bincount(
            cells.cell_person,
            weights=adopters_in[cells.cell_group],
            minlength=len(self.people) * self.periods.count,
        )

    def _self_counts(self, cells: GroupCells, adopted: np.ndarray) -> np.ndarray:
        """Per officer and period: the groups in which :meth:`_group_counts` counted the officer."""
        ok, start = self._adopted_spans(cells, adopted)
        return self._running(cells.member[ok], start[ok], cells.end[ok], len(self.people))

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
        return RiskSet(self.present, adopted, 0).at_risk()

    def layout(self, tie_types: tuple[str, ...]) -> ExposureLayout:
        """The group memberships and pair ties of ``tie_types`` (in order) regrouped by officer,
        made once per choice of types."""
        found = self._layouts.get(tie_types)
        if found is None:
            width, offset, memberships = self.periods.count, 0, []
            in_groups = np.zeros(len(self.people) * width, dtype=np.int64)
            for each in (self.groups[t] for t in tie_types if t in self.groups):
                memberships.append((each.member, each.group + offset, each.start, each.end))
                offset += len(each.groups)
                in_groups += np.bincount(each.cell_person, minlength=len(in_groups))
            pairs = [
                (p.alter, p.ego, p.start, p.end)
                for p in (self.pairs[t] for t in tie_types if t in self.pairs)
            ]
            found = ExposureLayout.of(len(self.people), memberships, pairs, int(in_groups.max(initial=0)))
            self._layouts[tie_types] = found
        return found

    def _adopters_in(self, tie_types: tuple[str, ...], adopted: np.ndarray) -> np.ndarray:
        """Groups of ``tie_types`` (numbered as in :meth:`layout`) × periods: their members then
        who adopted earlier."""
        found = [
            self.group_adopters(self.groups[t], adopted).reshape(-1, self.periods.count)
            for t in tie_types
            if t in self.groups
        ]
        return np.concatenate(found) if found else np.zeros((0, self.periods.count), dtype=np.int64)

    def exposure_table(self, adopted: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """``(at_risk_by_k, adopted_by_k)``: officer-periods at risk and adoptions, by the number
        k of exposing ties (index k), counted officer by officer without an officer × period
        matrix (:mod:`kg.analysis.exposure_kernel`; the shuffle test calls this hundreds of
        times)."""
        adopted = self.adopted if adopted is None else adopted
        types = tuple(self.tie_types)
        return self.layout(types).histograms(self._adopters_in(types, adopted), self.present, adopted)

    def exposure_at(
        self,
        rows: np.ndarray,
        periods: np.ndarray,
        tie_types: Iterable[str],
        adopted: np.ndarray | None = None,
    ) -> np.ndarray:
        """The exposing ties of ``tie_types`` at each officer-period ``(rows[c], periods[c])``
        (``rows`` ascending) at or before the officer's adoption, for the adoption periods
        ``adopted`` (default: the observed ones), as :meth:`exposure_counts` gives them there,
        without its matrices."""
        adopted = self.adopted if adopted is None else adopted
        types = tuple(tie_types)
        return self.layout(types).values(self._adopters_in(types, adopted), adopted, rows, periods)


def add_histograms(total: np.ndarray, more: np.ndarray) -> np.ndarray:
    """The sum of two histograms of different lengths."""
    if len(more) > len(total):
        total, more = more, total
    total = total.copy()
    total[: len(more)] += more
    return total


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
    ties: Iterable[Tie], periods: Periods, index: Mapping[str, int], adopters: Mapping[str, Adoption]
) -> dict[str, PairIntervals]:
    """The periods each adopter (alter) could expose each ego through each pair tie. A tie first
    evidenced by the alter's own adopting incident (the adopting message itself, say) exists
    because the alter adopted: it is kept open from the start, so that it carries exposure from
    the alter's adoption on, where the shuffles put it, as it did where it was observed."""
    by_type: dict[str, dict[tuple[int, int], list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for tie in ties:
        for alter, ego in exposure_directions(tie):
            if alter in adopters and ego in index:
                adoption = adopters[alter]
                made_by_adoption = tie.start == adoption.day and adoption.incident in tie.evidence
                span = lagged_bounds(periods, None if made_by_adoption else tie.start, tie.end)
                if span[0] <= span[1]:
                    by_type[tie.tie_type][index[alter], index[ego]].append(span)
    result = {}
    for tie_type, spans in sorted(by_type.items()):
        rows = sorted((e, a, s, t) for (a, e), found in spans.items() for s, t in _union(found))
        ego, alter, start, end = _rows(rows, 4)
        result[tie_type] = PairIntervals(alter, ego, start, end)
    return result


def _group_cells(memberships: Iterable[Membership], periods: Periods, index: Mapping[str, int]) -> GroupCells:
    spans: dict[tuple[int, str], list[tuple[int, int]]] = defaultdict(list)
    for m in memberships:
        if m.officer in index:
            span = lagged_bounds(periods, m.start, m.end)
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


def officer_presence(graph: nx.MultiDiGraph) -> dict[str, tuple[date | None, date | None]]:
    """Each officer's ``joined`` and ``left`` dates, where the case gives them."""
    presence = {}
    for node, data in graph.nodes(data=True):
        if data["kind"] == Label.OFFICER and (data.get("joined") or data.get("left")):
            joined, left = data.get("joined"), data.get("left")
            presence[node] = (to_date(joined) if joined else None, to_date(left) if left else None)
    return presence


@dataclass(frozen=True)
class Population:
    """What the spread models of every scope over the same periods share: the officers, who was
    present in each period before any adoption is placed, every group's membership cells, and
    the strata (each officer-period's team, each officer's joining period)."""

    people: list[str]
    periods: Periods
    present: np.ndarray
    groups: dict[str, tuple[list[Membership], GroupCells]]
    """By tie type: the memberships, and the cells of all of them."""
    strata: Strata

    @cached_property
    def index(self) -> dict[str, int]:
        return {person: i for i, person in enumerate(self.people)}


def model_periods(adoptions: Mapping[str, Adoption], unit: str, window: tuple[date, date] | None) -> Periods:
    """The periods of a spread model: over ``window`` (default: from the first adoption to the
    last), stretched to every adoption."""
    days = [a.day for a in adoptions.values()]
    first, last = window or (min(days), max(days))
    return Periods(min(first, *days), max(last, *days), unit)


def population(
    people: list[str],
    periods: Periods,
    presence: Presence | None = None,
    groups: Mapping[str, Iterable[Membership]] | None = None,
) -> Population:
    """The :class:`Population` of ``people`` over ``periods``; the team memberships of ``groups``
    are also the rolls of the risk set."""
    presence = presence or {}
    index = {person: i for i, person in enumerate(people)}
    found = {tie_type: list(memberships) for tie_type, memberships in sorted((groups or {}).items())}
    rolls = found.get("team", [])
    teams, _ = roll_teams(people, periods, rolls, presence, periods.end)
    joined = np.array([
        periods.index(presence[p][0]) if p in presence and presence[p][0] else UNKNOWN_JOINED for p in people
    ], dtype=np.int64)  # fmt: skip
    return Population(
        people,
        periods,
        presence_mask(people, periods, presence, rolls, periods.end),
        {
            tie_type: (memberships, _group_cells(memberships, periods, index))
            for tie_type, memberships in found.items()
        },
        Strata(teams, joined),
    )


def scope_model(
    shared: Population, adoptions: Mapping[str, Adoption], ties: Iterable[Tie] = ()
) -> SpreadModel:
    """The spread model of ``adoptions`` over pair ``ties`` and the population's groups."""
    if not adoptions:
        raise ValueError("no dated adoptions to model")
    periods, index = shared.periods, shared.index
    risk = with_adoptions(shared.present, index, {p: periods.index(a.day) for p, a in adoptions.items()})
    cells = {
        tie_type: _exposing_cells(cells, memberships, adoptions, periods.count)
        for tie_type, (memberships, cells) in shared.groups.items()
    }
    pairs = _pair_intervals(ties, periods, index, adoptions)
    return SpreadModel(periods, shared.people, risk.present, risk.adopted, pairs, cells, risk.conflicts)


SHARED_CELLS = 0.5
"""A scope whose exposing groups cover more than this share of the population's cells uses
the population's cells as they are (one copy for every such scope), rather than a cut."""


def _exposing_cells(
    cells: GroupCells, memberships: list[Membership], adopters: Mapping[str, Adoption], count: int
) -> GroupCells:
    """The cells of the groups that ever had an adopter, renumbered from 0 in their order: no
    other group can expose anyone, however the adopters' dates are shuffled, so leaving them out
    changes no count and makes the counting cheaper. Where they would leave out less than half
    the cells (:data:`SHARED_CELLS`), the population's cells are returned instead: a group
    without an adopter adds nothing to any count, and the scopes share one copy."""
    exposing = {m.group for m in memberships if m.officer in adopters}
    kept = np.array([group in exposing for group in cells.groups], dtype=bool)
    rows = kept[cells.group]
    lengths = cells.end - cells.start + 1
    covered = np.repeat(rows, lengths)
    if not len(covered) or covered.mean() > SHARED_CELLS:
        return cells
    number = np.cumsum(kept) - 1
    cell_group = cells.cell_group[covered]
    return GroupCells(
        [group for group, keep in zip(cells.groups, kept, strict=True) if keep],
        cells.member[rows], number[cells.group[rows]], cells.start[rows], cells.end[rows],
        cells.cell_person[covered], number[cell_group // count] * count + cell_group % count,
    )  # fmt: skip


def spread_model(
    people: list[str],
    adoptions: Mapping[str, Adoption],
    ties: Iterable[Tie] = (),
    unit: str = "month",
    presence: Presence | None = None,
    groups: Mapping[str, Iterable[Membership]] | None = None,
    window: tuple[date, date] | None = None,
) -> SpreadModel:
    """The spread model of ``adoptions`` among ``people`` over pair ``ties`` and the dated group
    memberships ``groups`` (by tie type, e.g. ``{"team": …, "chat": …}``), in ``window`` (default:
    from the first adoption to the last). The team memberships are also the rolls of the risk
    set; see the module doc."""
    if not adoptions:
        raise ValueError("no dated adoptions to model")
    shared = population(people, model_periods(adoptions, unit, window), presence, groups)
    return scope_model(shared, adoptions, ties)
