"""Candidate sources: for each adopter, the earlier adopters tied to them before they adopted,
with the dated evidence of each tie.

The rule is the exposure rule of :mod:`kg.analysis.exposure`: a candidate adopted in an earlier
period and was tied to the adopter by a tie in force on the day before the adopter's adoption
period began (a pair tie, or a team or chat both were in). Evidence is the tie's incidents dated
before that day (undated ones are kept and can be checked by hand) or the group shared.

Candidates are ranked only when a likelihood is given: the per-tie-type effects of the hazard
model (:mod:`kg.analysis.hazard`). A candidate's *share* is the part of the adopter's modelled
hazard that their ties account for, against the baseline hazard and the other candidates
(:func:`ranked`). Without positive effects there is no likelihood to rank by, and candidates are
listed by adoption date with no share.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from kg.analysis.exposure import SpreadModel, exposure_directions
from kg.analysis.involvement import Adoption
from kg.analysis.risk_set import lagged_bounds
from kg.analysis.ties import Membership, Tie


@dataclass(frozen=True)
class Candidate:
    """An earlier adopter tied to an adopter before the adopter's adoption period began."""

    officer: str
    adopted_on: date
    tie_types: tuple[str, ...]
    evidence: tuple[str, ...]
    """Incidents behind the tie dated before the adoption period began; teams and chats shared."""
    share: float | None = None
    """The share of the adopter's modelled hazard this candidate's ties account for (None: no
    likelihood to rank by)."""


@dataclass(frozen=True)
class TreeNode:
    """An adopter and their candidate sources (none: a seed)."""

    officer: str
    adopted_on: date
    candidates: tuple[Candidate, ...]

    @property
    def is_seed(self) -> bool:
        """Whether the officer adopted with no earlier adopter tied to them."""
        return not self.candidates

    @property
    def top_candidate(self) -> Candidate | None:
        """The candidate with the largest share, when candidates are ranked by a likelihood."""
        ranked_ones = [c for c in self.candidates if c.share is not None]
        return (
            max(ranked_ones, key=lambda c: (c.share, -c.adopted_on.toordinal(), c.officer))
            if ranked_ones
            else None
        )


def candidate_sources(
    model: SpreadModel,
    adoptions: Mapping[str, Adoption],
    ties: Iterable[Tie],
    evidence_day: Callable[[str], date | None],
    groups: Mapping[str, Iterable[Membership]] | None = None,
) -> list[TreeNode]:
    """Each adopter (by adoption date, then id) with their candidate sources (see the module doc).
    ``evidence_day`` dates an evidence id (None: undated, kept)."""
    periods = model.periods
    period = {officer: periods.index(a.day) for officer, a in adoptions.items()}
    found: dict[tuple[str, str], tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    for tie_type, memberships in (groups or {}).items():
        for alter, ego, group in _shared_groups(model, memberships, period):
            types, evidence = found[alter, ego]
            types.add(tie_type)
            evidence.add(group)
    for tie in ties:
        for alter, ego in exposure_directions(tie):
            if alter not in period or ego not in period or period[alter] >= period[ego]:
                continue
            first, last = lagged_bounds(periods, tie.start, tie.end)
            if first <= period[ego] <= last:
                types, evidence = found[alter, ego]
                types.add(tie.tie_type)
                began = periods.start(period[ego])
                evidence.update(
                    e for e in tie.evidence if (evidence_day(e) or began - timedelta(days=1)) < began
                )
    candidates: dict[str, list[Candidate]] = defaultdict(list)
    for (alter, ego), (types, evidence) in found.items():
        candidates[ego].append(
            Candidate(alter, adoptions[alter].day, tuple(sorted(types)), tuple(sorted(evidence)))
        )
    return [
        TreeNode(
            a.officer, a.day, tuple(sorted(candidates[a.officer], key=lambda c: (c.adopted_on, c.officer)))
        )
        for a in sorted(adoptions.values())
    ]


def ranked(tree: list[TreeNode], effects: Mapping[str, float], baseline: float) -> list[TreeNode]:
    """``tree`` with each candidate's share of the adopter's modelled hazard: the candidate's
    weight is the sum of the positive ``effects`` of their tie types, the adopter's hazard the
    ``baseline`` plus every candidate's weight. Without a positive effect, ``tree`` unchanged."""
    if not any(v > 0 for v in effects.values()):
        return tree
    result = []
    for node in tree:
        weights = [sum(max(0.0, effects.get(t, 0.0)) for t in c.tie_types) for c in node.candidates]
        total = max(baseline, 0.0) + sum(weights)
        shares = [w / total if total > 0 else 0.0 for w in weights]
        result.append(
            replace(
                node,
                # Built directly: replace() per candidate took seconds on a whole force.
                candidates=tuple(
                    Candidate(c.officer, c.adopted_on, c.tie_types, c.evidence, share)
                    for c, share in zip(node.candidates, shares, strict=True)
                ),
            )
        )
    return result


def _shared_groups(
    model: SpreadModel, memberships: Iterable[Membership], period: Mapping[str, int]
) -> Iterable[tuple[str, str, str]]:
    """``(alter, ego, group)`` for adopters who were both in a group on the day before the ego's
    adoption period began, the alter having adopted in an earlier period."""
    spans: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for m in memberships:
        if m.officer in period:
            spans[m.group].append((m.officer, *lagged_bounds(model.periods, m.start, m.end)))
    for group, members in sorted(spans.items()):
        present = [(officer, first, last) for officer, first, last in members if first <= last]
        for ego, first, last in present:
            p = period[ego]
            if first <= p <= last:
                for alter, a_first, a_last in present:
                    if period[alter] < p and a_first <= p <= a_last:
                        yield alter, ego, group


def mean_later_adopters_exposed(tree: list[TreeNode]) -> float:
    """The mean, over adopters, of the number of later adopters each one was a candidate for."""
    return sum(len(node.candidates) for node in tree) / len(tree) if tree else 0.0
