"""The likely transmission tree: who exposed each adopter before they adopted, with evidence."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from kg.analysis.exposure import SpreadModel, exposure_directions, period_bounds
from kg.analysis.involvement import Adoption
from kg.analysis.ties import Membership, Tie


@dataclass(frozen=True)
class Exposer:
    """An earlier adopter tied to an adopter when they adopted."""

    officer: str
    adopted_on: date
    tie_types: tuple[str, ...]
    evidence: tuple[str, ...]
    """Messages and incidents up to the adopter's adoption day, teams and chats shared."""


@dataclass(frozen=True)
class TreeNode:
    """An adopter and the earlier adopters who exposed them (none: a seed)."""

    officer: str
    adopted_on: date
    exposers: tuple[Exposer, ...]

    @property
    def is_seed(self) -> bool:
        """Whether the officer adopted with no prior exposure."""
        return not self.exposers

    @property
    def likely_source(self) -> Exposer | None:
        """The exposer with the most tie types, then the latest adoption, then the first id."""
        ranked = sorted(
            self.exposers, key=lambda e: (-len(e.tie_types), -e.adopted_on.toordinal(), e.officer)
        )
        return ranked[0] if ranked else None


def transmission_tree(
    model: SpreadModel,
    adoptions: Mapping[str, Adoption],
    ties: Iterable[Tie],
    evidence_day: Callable[[str], date | None],
    groups: Mapping[str, Iterable[Membership]] | None = None,
) -> list[TreeNode]:
    """Each adopter (by adoption date, then id) with the alters who exposed them under the
    exposure rule of :mod:`kg.analysis.exposure`: adopted in an earlier period, with a pair tie
    or a shared group (``groups``, by tie type) in force in the adopter's adoption period.
    ``evidence_day`` dates an evidence id (None: keep)."""
    period = {officer: model.periods.index(a.day) for officer, a in adoptions.items()}
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
            p = period[ego]
            if (tie.start and model.periods.index(tie.start) > p) or (
                tie.end and model.periods.index(tie.end) < p
            ):
                continue
            types, evidence = found[alter, ego]
            types.add(tie.tie_type)
            day = adoptions[ego].day
            evidence.update(e for e in tie.evidence if (evidence_day(e) or day) <= day)
    exposers: dict[str, list[Exposer]] = defaultdict(list)
    for (alter, ego), (types, evidence) in found.items():
        exposers[ego].append(
            Exposer(alter, adoptions[alter].day, tuple(sorted(types)), tuple(sorted(evidence)))
        )
    return [
        TreeNode(
            a.officer, a.day, tuple(sorted(exposers[a.officer], key=lambda e: (e.adopted_on, e.officer)))
        )
        for a in sorted(adoptions.values())
    ]


def _shared_groups(
    model: SpreadModel, memberships: Iterable[Membership], period: Mapping[str, int]
) -> Iterable[tuple[str, str, str]]:
    """``(alter, ego, group)`` for adopters sharing a group in the ego's adoption period, the
    alter having adopted earlier."""
    spans: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for m in memberships:
        if m.officer in period:
            spans[m.group].append((m.officer, *period_bounds(model.periods, m.start, m.end)))
    for group, members in sorted(spans.items()):
        present = [(officer, first, last) for officer, first, last in members if first <= last]
        for ego, first, last in present:
            p = period[ego]
            if first <= p <= last:
                for alter, a_first, a_last in present:
                    if period[alter] < p and a_first <= p <= a_last:
                        yield alter, ego, group


def mean_later_adopters_exposed(tree: list[TreeNode]) -> float:
    """The mean, over adopters, of the number of later adopters each one exposed."""
    return sum(len(node.exposers) for node in tree) / len(tree) if tree else 0.0
