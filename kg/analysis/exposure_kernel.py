"""Exposure counted officer by officer in one compiled pass.

:meth:`SpreadModel.exposure_table <kg.analysis.exposure.SpreadModel.exposure_table>` runs once
per shuffle of the time-shuffle test, hundreds of times per scope. Counted with whole-array
operations it made about ten passes over every officer-period (weights, sums, masks, gathers);
here each officer's periods are counted in a small buffer and added to the histograms at once,
compiled by Numba (cached on disk after the first run). The hazard model and the adoption table
read the same counts at the officer-periods they need (:meth:`ExposureLayout.values`) instead of
whole officer × period matrices. The counts are integers, so both are the same to the last
digit; property tests compare them with the matrices of
:meth:`~kg.analysis.exposure.SpreadModel.exposure_counts`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numba import njit


@dataclass(frozen=True)
class ExposureLayout:
    """A model's group memberships and pair ties regrouped by officer (compressed rows), for
    :func:`exposure_histograms` and :func:`exposure_values`."""

    member_rows: np.ndarray
    """Officer i's group memberships are ``member_rows[i]:member_rows[i + 1]``."""
    member_group: np.ndarray
    """The membership's group, numbered across every tie type's groups."""
    member_start: np.ndarray
    member_end: np.ndarray
    pair_rows: np.ndarray
    """Officer i's pair ties (as ego) are ``pair_rows[i]:pair_rows[i + 1]``."""
    pair_alter: np.ndarray
    pair_start: np.ndarray
    pair_end: np.ndarray
    most_groups: int
    """The most groups one officer is in during one period."""
    most_pairs: int
    """The most pair ties of one officer."""

    @classmethod
    def of(cls, officers: int, memberships: list[tuple[np.ndarray, ...]], pairs: list[tuple[np.ndarray, ...]],
           most_groups: int) -> ExposureLayout:  # fmt: skip
        """The layout of ``officers``: ``memberships`` per tie type as ``(member, group, start,
        end)`` with the groups already numbered across tie types, ``pairs`` per tie type as
        ``(alter, ego, start, end)``, and the most groups one officer is in at once."""
        member, group, start, end = _joined(memberships)
        alter, ego, pair_start, pair_end = _joined(pairs)
        by_member = np.argsort(member, kind="stable")
        by_ego = np.argsort(ego, kind="stable")
        per_ego = np.bincount(ego, minlength=officers)
        return cls(
            _row_starts(member[by_member], officers), group[by_member], start[by_member], end[by_member],
            _row_starts(ego[by_ego], officers), alter[by_ego], pair_start[by_ego], pair_end[by_ego],
            most_groups, int(per_ego.max()) if len(per_ego) else 0,
        )  # fmt: skip

    def histograms(
        self, adopters_in: np.ndarray, present: np.ndarray, adopted: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """``(at_risk_by_k, adopted_by_k)`` given each group's earlier adopters per period
        (``adopters_in``: groups × periods, in the layout's group numbering), who is present when
        (officers × periods) and the adoption periods; trailing zeros trimmed, both of one length."""
        most_adopters = int(adopters_in.max()) if adopters_in.size else 0
        size = most_adopters * self.most_groups + self.most_pairs + 1
        at_risk, adoptions = exposure_histograms(
            self.member_rows, self.member_group, self.member_start, self.member_end, adopters_in,
            self.pair_rows, self.pair_alter, self.pair_start, self.pair_end, present, adopted, size,
        )  # fmt: skip
        used = max(1, len(np.trim_zeros(at_risk, "b")), len(np.trim_zeros(adoptions, "b")))
        return at_risk[:used], adoptions[:used]

    def values(
        self, adopters_in: np.ndarray, adopted: np.ndarray, rows: np.ndarray, periods: np.ndarray
    ) -> np.ndarray:
        """The exposure at each cell ``(rows[c], periods[c])`` (``rows`` ascending) given each
        group's earlier adopters per period (``adopters_in``: groups × every period of the model,
        even with no group) and the adoption periods that time the pair ties (``adopted``)."""
        starts = _row_starts(rows, len(self.member_rows) - 1)
        return exposure_values(
            self.member_rows, self.member_group, self.member_start, self.member_end, adopters_in,
            self.pair_rows, self.pair_alter, self.pair_start, self.pair_end, adopted,
            starts, periods.astype(np.int64),
        )  # fmt: skip


def _joined(parts: list[tuple[np.ndarray, ...]]) -> tuple[np.ndarray, ...]:
    """Four parallel int64 arrays: ``parts`` (tuples of four arrays) joined end to end."""
    if not parts:
        return tuple(np.zeros(0, dtype=np.int64) for _ in range(4))
    return tuple(np.concatenate(column).astype(np.int64) for column in zip(*parts, strict=True))


def _row_starts(sorted_rows: np.ndarray, count: int) -> np.ndarray:
    """Where each of ``count`` rows starts in an array sorted by row (and one past the end)."""
    return np.searchsorted(sorted_rows, np.arange(count + 1)).astype(np.int64)


@njit(cache=True, nogil=True)
def _count_officer(i, member_rows, member_group, member_start, member_end, adopters_in, pair_rows, pair_alter,
                   pair_start, pair_end, adopted, from_groups, pair_changes):  # fmt: skip  # pragma: no cover (compiled)
    """Fill officer ``i``'s exposure per period from groups (the sum of their groups' earlier
    adopters then) and the changes of their pair exposure (where each tie whose alter adopted
    earlier starts and stops counting): the pair exposure is the running sum of the changes."""
    from_groups[:] = 0
    pair_changes[:] = 0
    for m in range(member_rows[i], member_rows[i + 1]):
        group = member_group[m]
        for p in range(member_start[m], member_end[m] + 1):
            from_groups[p] += adopters_in[group, p]
    for j in range(pair_rows[i], pair_rows[i + 1]):
        first = max(pair_start[j], adopted[pair_alter[j]] + 1)
        if first <= pair_end[j]:
            pair_changes[first] += 1
            pair_changes[pair_end[j] + 1] -= 1


@njit(cache=True, nogil=True)
def exposure_histograms(member_rows, member_group, member_start, member_end, adopters_in, pair_rows, pair_alter,
                        pair_start, pair_end, present, adopted, size):  # fmt: skip  # pragma: no cover (compiled)
    """The histograms of :meth:`ExposureLayout.histograms`, officer by officer: each period at
    risk (present, up to the adoption) adds one at that period's exposure, and the adoption period
    one to the adoptions."""
    officers, width = present.shape
    at_risk = np.zeros(size, dtype=np.int64)
    adoptions = np.zeros(size, dtype=np.int64)
    from_groups = np.zeros(width, dtype=np.int64)
    pair_changes = np.zeros(width + 1, dtype=np.int64)
    for i in range(officers):
        _count_officer(i, member_rows, member_group, member_start, member_end, adopters_in, pair_rows, pair_alter,
                       pair_start, pair_end, adopted, from_groups, pair_changes)  # fmt: skip
        when = adopted[i]
        last = when if when >= 0 else width - 1
        from_pairs = 0
        for p in range(last + 1):
            from_pairs += pair_changes[p]
            if present[i, p]:
                at_risk[from_groups[p] + from_pairs] += 1
        if when >= 0:
            adoptions[from_groups[when] + from_pairs] += 1
    return at_risk, adoptions


@njit(cache=True, nogil=True)
def exposure_values(member_rows, member_group, member_start, member_end, adopters_in, pair_rows, pair_alter,
                    pair_start, pair_end, adopted, cell_rows, cell_periods):  # fmt: skip  # pragma: no cover (compiled)
    """The values of :meth:`ExposureLayout.values`: officer i's cells are
    ``cell_rows[i]:cell_rows[i + 1]``."""
    width = adopters_in.shape[1]
    values = np.zeros(len(cell_periods), dtype=np.int64)
    from_groups = np.zeros(width, dtype=np.int64)
    pair_changes = np.zeros(width + 1, dtype=np.int64)
    from_pairs = np.zeros(width, dtype=np.int64)
    for i in range(len(cell_rows) - 1):
        if cell_rows[i] == cell_rows[i + 1]:
            continue
        _count_officer(i, member_rows, member_group, member_start, member_end, adopters_in, pair_rows, pair_alter,
                       pair_start, pair_end, adopted, from_groups, pair_changes)  # fmt: skip
        running = 0
        for p in range(width):
            running += pair_changes[p]
            from_pairs[p] = running
        for c in range(cell_rows[i], cell_rows[i + 1]):
            values[c] = from_groups[cell_periods[c]] + from_pairs[cell_periods[c]]
    return values
