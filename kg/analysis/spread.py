"""How each scope (all misconduct, or one category) spread: the spread model, the contagion
test and the transmission tree of a scope, and the tables and curves that report them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import networkx as nx

from kg.analysis.contagion import ResponsePoint, ShuffleTest
from kg.analysis.exposure import ANY_TIE, SpreadModel
from kg.analysis.groups import NO_TEAM, GroupIndex
from kg.analysis.involvement import Adoption
from kg.analysis.periods import Periods
from kg.analysis.tables import Table, table_of
from kg.analysis.ties import TIE_TYPES
from kg.analysis.transmission import TreeNode, mean_later_adopters_exposed

ALL = "all"
"""The scope of all misconduct (the other scopes are category ids)."""


@dataclass
class Spread:
    """How one scope (all misconduct, or a category) spread."""

    scope: str
    label: str
    adoptions: dict[str, Adoption]
    model: SpreadModel
    response: list[ResponsePoint]
    test: ShuffleTest | None
    tree: list[TreeNode]

    @property
    def periods(self) -> Periods:
        return self.model.periods

    @property
    def seeds(self) -> list[str]:
        return [node.officer for node in self.tree if node.is_seed]

    @property
    def mean_later_exposed(self) -> float:
        return mean_later_adopters_exposed(self.tree)


@dataclass(frozen=True)
class AdoptionRow:
    scope: str
    officer: str
    adopted_on: date
    period: str
    incident: str
    role: str
    teams: tuple[str, ...]
    exposure: tuple[str, ...]
    """``type=k`` for each tie type with k exposing ties at adoption, and ``any=k`` their total."""


@dataclass(frozen=True)
class CurvePoint:
    scope: str
    period: str
    team: str
    new: int
    cumulative: int


@dataclass(frozen=True)
class ResponseRow:
    scope: str
    exposed: str
    at_risk: int
    adopted: int
    probability: float
    low: float
    high: float


@dataclass(frozen=True)
class ContagionRow:
    scope: str
    label: str
    adopters: int
    seeds: int
    mean_later_adopters_exposed: float
    alpha: float | None
    shuffled_alpha_mean: float | None
    shuffled_alpha_sd: float | None
    p_value: float | None
    shuffles: int | None
    seed: int | None


@dataclass(frozen=True)
class TreeRow:
    scope: str
    officer: str
    adopted_on: date
    seed: bool
    exposers: tuple[str, ...]
    likely_source: str | None
    tie_types: tuple[str, ...]
    evidence: tuple[str, ...]


def spread_tables(graph: nx.MultiDiGraph, spread: dict[str, Spread], teams: GroupIndex,
                   names: dict[str, str]) -> list[Table]:  # fmt: skip
    adoption_rows, curve, response, contagion, tree = [], [], [], [], []
    for scope, s in spread.items():
        counts = {t: s.model.exposure_counts(tie_type=t) for t in s.model.tie_types}
        index = {p: i for i, p in enumerate(s.model.people)}
        for officer, a in s.adoptions.items():
            i, p = index[officer], s.periods.index(a.day)
            exposure = tuple(f"{t}={int(counts[t][i, p]) if t in counts else 0}" for t in TIE_TYPES) + (
                f"{ANY_TIE}={sum(int(c[i, p]) for c in counts.values())}",
            )
            adoption_rows.append(AdoptionRow(scope, officer, a.day, s.periods.label(p), a.incident, a.role,
                                             teams.groups_of(officer, a.day), exposure))  # fmt: skip
        curve.extend(_curve(s, teams))
        last = len(s.response) - 1
        response.extend(
            ResponseRow(
                scope,
                f"{r.exposed}+" if i == last and r.exposed >= 10 else str(r.exposed),
                r.at_risk,
                r.adopted,
                r.probability,
                r.low,
                r.high,
            )  # fmt: skip
            for i, r in enumerate(s.response)
        )
        t = s.test
        contagion.append(ContagionRow(
            scope, s.label, len(s.adoptions), len(s.seeds), s.mean_later_exposed,
            t.alpha if t else None, t.shuffled_alpha_mean if t else None, t.shuffled_alpha_sd if t else None,
            t.p_value if t else None, t.shuffles if t else None, t.seed if t else None,
        ))  # fmt: skip
        for node in s.tree:
            source = node.likely_source
            tree.append(TreeRow(scope, node.officer, node.adopted_on, node.is_seed, tuple(e.officer for e in node.exposers),
                                source.officer if source else None, source.tie_types if source else (),
                                source.evidence if source else ()))  # fmt: skip
    return [
        table_of("adoptions", "Adoption events", _ADOPTIONS, AdoptionRow, adoption_rows, names),
        table_of("adoption_curve", "Adoption curve", _CURVE, CurvePoint, curve, names),
        table_of("exposure_response", "Exposure and response", _RESPONSE, ResponseRow, response, names),
        table_of("contagion", "Contagion test", _CONTAGION, ContagionRow, contagion, names),
        table_of("transmission", "Likely transmission tree", _TREE, TreeRow, tree, names),
    ]


def _curve(spread: Spread, teams: GroupIndex) -> list[CurvePoint]:
    """New and cumulative adopters per period, overall (team ``all``) and per team at adoption."""
    new: dict[tuple[str, int], int] = {}
    for officer, a in spread.adoptions.items():
        p = spread.periods.index(a.day)
        for team in (ALL, *(teams.groups_of(officer, a.day) or (NO_TEAM,))):
            new[team, p] = new.get((team, p), 0) + 1
    points = []
    for team in sorted({t for t, _ in new}, key=lambda t: (t != ALL, t)):
        total = 0
        for p in range(spread.periods.count):
            total += new.get((team, p), 0)
            points.append(
                CurvePoint(spread.scope, spread.periods.label(p), team, new.get((team, p), 0), total)
            )
    return points


_ADOPTIONS = ("Each officer's first active involvement in scope (sending, participating, or an accusation with a "
              "counted finding) and how many of their ties led to officers who had already adopted, by tie type; "
              "'any' is the total.")  # fmt: skip
_CURVE = "Officers who adopted in each period and in all so far, overall (team 'all') and by their team at the time."
_RESPONSE = ("Among officer-periods at risk with a given number of exposed ties, the share in which the officer "
             "adopted, with a 95% Wilson interval. A rising curve is what spread through ties looks like.")  # fmt: skip
_CONTAGION = ("The time-shuffle test (Anagnostopoulos, Kumar & Mahdian 2008): alpha measures how much exposure "
              "raises the chance of adopting; the p-value is the share of shuffled timings giving an alpha at "
              "least as large. A small p-value means the order of adoption followed the ties.")  # fmt: skip
_TREE = ("For each adopter, the earlier adopters tied to them when they adopted (their exposers), the likeliest "
         "source (most tie types, then the latest to adopt) and the evidence: messages and incidents up to the "
         "day of adoption, teams and chats shared. An adopter with no exposer is a seed.")  # fmt: skip
