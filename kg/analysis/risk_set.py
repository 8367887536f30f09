"""Who could adopt when: the risk set of the spread analysis.

An officer is *present* in a period when, on some day of it, they were in the force (between
their ``joined`` and ``left`` dates, where the case gives them), inside the case's window, and —
when the case records any team membership for them — on a roll: a member of some team. A
membership with no end date ends when the officer left, or else at the end of the case's window.
An officer is *at risk* in the periods they are present, up to the period they adopt.

Every null, exposure count and rate of the spread analysis uses this risk set. An adoption
recorded in a period where the records do not place the officer is evidence that they were
there: that period counts as present, and the conflict is counted (:attr:`RiskSet.conflicts`).

Exposure is *lagged*: in period p an officer is exposed by each tie in force on the last day
before p began, to an officer who adopted before p began. So exposure is always measured before
any adoption it could explain, and never through the tie the adopting incident itself creates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from kg.analysis.periods import Periods
from kg.analysis.ties import Membership

Presence = Mapping[str, tuple[date | None, date | None]]
"""When each officer was in the force (joined, left; None where unknown)."""

NULLS = ("risk-set", "team", "team-quarter", "all")
"""How the shuffles permute adoption periods under the null of no contagion:

- ``risk-set``: between adopters each present (:mod:`kg.analysis.risk_set`) at the other's time;
- ``team``: the same, and only between adopters on the same team's roll when they adopted;
- ``team-quarter``: the same, and only within the same calendar quarter;
- ``all``: among all adopters, whoever was present when (the original test, kept for comparison:
  it places adoptions where the officer could not have adopted).
"""
DEFAULT_NULL = "team"
"""The null the report's shuffle test uses unless told otherwise (see docs/analysis.md for why)."""


def lagged_bounds(periods: Periods, start: date | None, end: date | None) -> tuple[int, int]:
    """The first and last period whose *previous day* lies in ``start``–``end`` (None: open),
    within the window: the periods in which something that held from ``start`` to ``end`` was
    already in force when the period began."""
    first = 0 if start is None else max(0, periods.index(start) + 1)
    last = (
        periods.count - 1 if end is None else min(periods.count - 1, periods.index(end + timedelta(days=1)))
    )
    return first, last


def period_bounds(periods: Periods, start: date | None, end: date | None) -> tuple[int, int]:
    """The first and last period touched by ``start``–``end`` within the window (None: its edge)."""
    first = 0 if start is None else max(0, periods.index(start))
    last = periods.count - 1 if end is None else min(periods.count - 1, periods.index(end))
    return first, last


@dataclass(frozen=True)
class RiskSet:
    """The officer × period presence mask and the adoption period of each officer."""

    present: np.ndarray
    """Boolean, officers × periods: in the force, in the window and on a roll (see the module doc)."""
    adopted: np.ndarray
    """Adoption period of each officer; -1 for officers who never adopted."""
    conflicts: int
    """Adoptions in a period where the records do not place the officer."""

    def at_risk(self, adopted: np.ndarray | None = None) -> np.ndarray:
        """Officers × periods at risk: present, and not yet adopted before the period."""
        adopted = self.adopted if adopted is None else adopted
        last = np.where(adopted >= 0, adopted, self.present.shape[1] - 1)
        return self.present & (np.arange(self.present.shape[1]) <= last[:, None])


@dataclass(frozen=True)
class Strata:
    """Officer × period team numbers (-1: none), for the fixed effects and the clusters."""

    teams: np.ndarray
    joined: np.ndarray
    """The period each officer joined (may be negative: before the window), or a large negative
    number where unknown."""


UNKNOWN_JOINED = -(10**6)
"""The joining period of an officer whose joining date is unknown."""


def presence_mask(
    people: list[str],
    periods: Periods,
    presence: Presence,
    rolls: Iterable[Membership] = (),
    window_end: date | None = None,
) -> np.ndarray:
    """Officers × periods: in the force, in the window and on a roll, before any adoption is
    placed (see :func:`risk_set`)."""
    index = {person: i for i, person in enumerate(people)}
    count = periods.count
    present = np.ones((len(people), count), dtype=bool)
    for person, (joined, left) in presence.items():
        if person in index:
            first, last = period_bounds(periods, joined, left)
            row = present[index[person]]
            row[:first] = False
            row[last + 1 :] = False
    for row, spans in _roll_spans(people, periods, rolls, presence, window_end).items():
        rolled = np.zeros(count, dtype=bool)
        for first, last, _ in spans:
            rolled[first : last + 1] = True
        present[row] &= rolled
    return present


def with_adoptions(present: np.ndarray, index: Mapping[str, int], adopted: Mapping[str, int]) -> RiskSet:
    """The risk set of a :func:`presence_mask` and the adoption period of each adopter: an
    adopter counts as present in their adoption period, where the records place them or not
    (those are the conflicts)."""
    present = present.copy()
    adoption = np.full(len(present), -1, dtype=np.int64)
    conflicts = 0
    for person, period in adopted.items():
        row = index[person]
        adoption[row] = period
        conflicts += not present[row, period]
        present[row, period] = True
    return RiskSet(present, adoption, conflicts)


def risk_set(
    people: list[str],
    periods: Periods,
    adopted: Mapping[str, int],
    presence: Presence,
    rolls: Iterable[Membership] = (),
    window_end: date | None = None,
) -> RiskSet:
    """The risk set of ``people`` over ``periods`` (see the module doc). ``adopted`` gives the
    adoption period of each adopter, ``presence`` each officer's joined and left dates, ``rolls``
    the team memberships (None ends: when the officer left, else ``window_end``)."""
    index = {person: i for i, person in enumerate(people)}
    return with_adoptions(presence_mask(people, periods, presence, rolls, window_end), index, adopted)


def roll_teams(
    people: list[str],
    periods: Periods,
    rolls: Iterable[Membership],
    presence: Presence,
    window_end: date | None,
) -> tuple[np.ndarray, list[str]]:
    """Officers × periods: the number of the team each officer was on the roll of in each period
    (the first by team id when several; -1 when none), and the teams by number."""
    spans = _roll_spans(people, periods, rolls, presence, window_end)
    teams = sorted({group for found in spans.values() for _, _, group in found})
    number = {team: i for i, team in enumerate(teams)}
    found = np.full((len(people), periods.count), len(teams), dtype=np.int64)
    for row, memberships in spans.items():
        for first, last, group in memberships:
            found[row, first : last + 1] = np.minimum(found[row, first : last + 1], number[group])
    found[found == len(teams)] = -1
    return found, teams


def _roll_spans(
    people: list[str],
    periods: Periods,
    rolls: Iterable[Membership],
    presence: Presence,
    window_end: date | None,
) -> dict[int, list[tuple[int, int, str]]]:
    """The periods each officer (by row) was on each team's roll; an open end ends when the
    officer left, else at ``window_end``."""
    index = {person: i for i, person in enumerate(people)}
    spans: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for membership in rolls:
        if membership.officer in index:
            left = presence.get(membership.officer, (None, None))[1]
            first, last = period_bounds(periods, membership.start, membership.end or left or window_end)
            found = spans[index[membership.officer]]  # an officer with rolls, even all outside the window
            if first <= last:
                found.append((first, last, membership.group))
    return spans
