"""How each scope (all misconduct, or one category) spread: the spread model, the contagion
test and the transmission tree of a scope, and the tables and curves that report them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

import networkx as nx

from kg.analysis import plots
from kg.analysis.contagion import ResponsePoint, ShuffleTest, exposure_response, time_shuffle_test
from kg.analysis.exposure import (
    ANY_TIE,
    Population,
    SpreadModel,
    model_periods,
    officer_presence,
    population,
    scope_model,
)
from kg.analysis.groups import NO_TEAM
from kg.analysis.hazard import HazardFit, hazard_models
from kg.analysis.involvement import ALL, Adoption, Involvement, adoptions, case_window, incident_day
from kg.analysis.measure import FigureSpec, Measure, Section
from kg.analysis.options import AnalysisOptions
from kg.analysis.periods import Periods
from kg.analysis.result_tables import reported
from kg.analysis.risk_set import Strata
from kg.analysis.ties import TIE_TYPES, Membership, Tie
from kg.analysis.transmission import TreeNode, candidate_sources, mean_later_adopters_exposed, ranked
from kg.errors import UsageError
from kg.ontology import Label
from kg.progress import Advance, Step, no_progress

if TYPE_CHECKING:
    from kg.analysis.context import AnalysisContext


@dataclass
class Spread:
    """How one scope (all misconduct, or a category) spread."""

    scope: str
    label: str
    adoptions: dict[str, Adoption]
    model: SpreadModel
    response: list[ResponsePoint]
    test: ShuffleTest | None
    """The time-shuffle test under the chosen null (None: fewer than two adopters)."""
    hazard: HazardFit
    placebo: HazardFit
    tree: list[TreeNode]
    strata: Strata
    """The team of each officer-period and each officer's joining period (for the nulls and the model)."""

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
    null: str | None
    alpha: float | None
    shuffled_alpha_mean: float | None
    shuffled_alpha_sd: float | None
    p_value: float | None
    shuffles: int | None
    """Shuffles run: fewer than --shuffles when the test stopped early (Besag & Clifford)."""
    seed: int | None


@dataclass(frozen=True)
class CandidateRow:
    scope: str
    officer: str
    adopted_on: date
    seed: bool
    candidate: str | None
    candidate_adopted_on: date | None
    tie_types: tuple[str, ...]
    evidence: tuple[str, ...]
    share: float | None
    """The candidate's share of the adopter's modelled hazard (empty: the hazard model gives no
    likelihood to rank by)."""


@dataclass(frozen=True)
class HazardRow:
    scope: str
    model: str
    """``main`` (current exposure) or ``placebo`` (future exposure)."""
    term: str
    coefficient: float
    standard_error: float
    p_value: float
    identified: bool
    rows: int
    adoptions: int
    strata: int
    clusters: int


def spreads(graph: nx.MultiDiGraph, items: list[Involvement], ties: list[Tie], groups: dict[str, list[Membership]],
            people: list[str], options: AnalysisOptions, step: Step = no_progress) -> list[Spread]:  # fmt: skip
    """The spread of all misconduct and of each chosen category (``options.categories``, or by
    default those with most adopters); ``step`` hears each part of each scope's analysis as it
    begins (the shuffles of its time-shuffle test counted)."""
    categories = options.categories
    known = sorted(n for n, kind in graph.nodes(data="kind") if kind == Label.CATEGORY)
    unknown = [c for c in categories or () if c not in known]
    if unknown:
        raise UsageError(f"unknown category {', '.join(unknown)}; the case has: {', '.join(known) or 'none'}")
    if categories is None:
        counts = {
            c: len(adoptions(items, c)) for c in sorted({c for i in items if i.day for c in i.categories})
        }
        ranked_categories = sorted(
            (c for c, n in counts.items() if n >= options.min_adopters), key=lambda c: (-counts[c], c)
        )
        categories = tuple(sorted(ranked_categories[: options.max_categories]))
    presence = officer_presence(graph)
    window = case_window(graph)
    shared: Population | None = None
    result = []
    for scope in (ALL, *categories):
        adopted = adoptions(items, None if scope == ALL else scope)
        if adopted:
            label = "all misconduct" if scope == ALL else str(graph.nodes[scope].get("name") or scope)
            phase = f"spread of {label}, {len(adopted):,} adopters"
            step(f"{phase}: risk set and exposure")
            periods = model_periods(adopted, options.period, window)
            if shared is None or shared.periods != periods:
                shared = population(people, periods, presence, groups)
            result.append(scope_spread(graph, scope, label, adopted, ties, groups, shared, options,
                                       partial(_sub_phase, step, phase)))  # fmt: skip
    return result


def scope_spread(graph: nx.MultiDiGraph, scope: str, label: str, adopted: dict[str, Adoption], ties: list[Tie],
                 groups: dict[str, list[Membership]], shared: Population, options: AnalysisOptions,
                 step: Step = no_progress) -> Spread:  # fmt: skip
    """The spread of one scope: its risk set and exposure, the shuffle test under ``options.null``,
    the hazard model and its placebo, and the candidate sources ranked by the hazard model; the
    test (counted in shuffles) and what follows it are phases ``step`` hears of."""
    model = scope_model(shared, adopted, ties)
    strata = shared.strata
    test = None
    if len(adopted) >= 2:
        advance = step("time-shuffle test", options.shuffles, "shuffles")
        test = time_shuffle_test(
            model, options.shuffles, options.seed, null=options.null, strata=strata, advance=advance
        )
    step("hazard model and candidate sources")
    hazard, placebo = hazard_models(model, strata)
    tree = candidate_sources(model, adopted, ties, partial(_evidence_day, graph), groups)
    if hazard.identified:
        tree = ranked(tree, hazard.effects(), hazard.baseline)
    return Spread(scope, label, adopted, model, exposure_response(model), test, hazard, placebo, tree, strata)


def _sub_phase(step: Step, phase: str, name: str, total: int | None = None, unit: str = "") -> Advance:
    """``step`` told of the part ``name`` of ``phase``."""
    return step(f"{phase}: {name}", total, unit)


def _evidence_day(graph: nx.MultiDiGraph, evidence: str) -> date | None:
    """The date of an evidence id when it is an incident of the graph."""
    return incident_day(graph, evidence) if evidence in graph else None


def adoption_rows(context: AnalysisContext) -> list[AdoptionRow]:
    rows = []
    for scope, s in context.spread.items():
        who = s.model.adopters
        position = {s.model.people[i]: n for n, i in enumerate(who.tolist())}
        counts = {t: s.model.exposure_at(who, s.model.adopted[who], (t,)).tolist() for t in s.model.tie_types}
        for officer, a in s.adoptions.items():
            n = position[officer]
            exposure = tuple(f"{t}={counts[t][n] if t in counts else 0}" for t in TIE_TYPES) + (
                f"{ANY_TIE}={sum(c[n] for c in counts.values())}",
            )
            rows.append(AdoptionRow(scope, officer, a.day, s.periods.label(s.periods.index(a.day)), a.incident, a.role,
                                    context.teams.groups_of(officer, a.day), exposure))  # fmt: skip
    return rows


def curve_points(context: AnalysisContext) -> list[CurvePoint]:
    """New and cumulative adopters per period, overall (team ``all``) and per team at adoption."""
    points = []
    for spread in context.spread.values():
        new: dict[tuple[str, int], int] = {}
        for officer, a in spread.adoptions.items():
            p = spread.periods.index(a.day)
            for team in (ALL, *(context.teams.groups_of(officer, a.day) or (NO_TEAM,))):
                new[team, p] = new.get((team, p), 0) + 1
        for team in sorted({t for t, _ in new}, key=lambda t: (t != ALL, t)):
            total = 0
            for p in range(spread.periods.count):
                total += new.get((team, p), 0)
                points.append(
                    CurvePoint(spread.scope, spread.periods.label(p), team, new.get((team, p), 0), total)
                )
    return points


def response_rows(context: AnalysisContext) -> list[ResponseRow]:
    rows = []
    for scope, s in context.spread.items():
        last = len(s.response) - 1
        rows.extend(
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
    return rows


def contagion_rows(context: AnalysisContext) -> list[ContagionRow]:
    rows = []
    for scope, s in context.spread.items():
        t = s.test
        rows.append(ContagionRow(
            scope, s.label, len(s.adoptions), len(s.seeds), s.mean_later_exposed, t.null if t else None,
            t.alpha if t else None, t.shuffled_alpha_mean if t else None, t.shuffled_alpha_sd if t else None,
            t.p_value if t else None, t.shuffles if t else None, t.seed if t else None,
        ))  # fmt: skip
    return rows


def candidate_rows(context: AnalysisContext) -> list[CandidateRow]:
    """One row per adopter and candidate source (one row with no candidate for a seed), the
    largest share first when ranked."""
    rows = []
    for scope, s in context.spread.items():
        for node in s.tree:
            if node.is_seed:
                rows.append(
                    CandidateRow(scope, node.officer, node.adopted_on, True, None, None, (), (), None)
                )
            ordered = sorted(
                node.candidates, key=lambda c: (-reported(c.share or 0.0), c.adopted_on, c.officer)
            )
            rows.extend(
                CandidateRow(
                    scope,
                    node.officer,
                    node.adopted_on,
                    False,
                    c.officer,
                    c.adopted_on,
                    c.tie_types,
                    c.evidence,
                    c.share,
                )  # fmt: skip
                for c in ordered
            )
    return rows


def hazard_rows(context: AnalysisContext) -> list[HazardRow]:
    rows = []
    for scope, s in context.spread.items():
        for name, fit in (("main", s.hazard), ("placebo", s.placebo)):
            rows.extend(
                HazardRow(
                    scope,
                    name,
                    term.term,
                    term.coefficient,
                    term.standard_error,
                    term.p_value,
                    fit.identified,
                    fit.rows,
                    fit.adoptions,
                    fit.strata,
                    fit.clusters,
                )  # fmt: skip
                for term in fit.terms
            )
    return rows


ADOPTION_CURVE = Measure(
    "adoption_curve", "Adoption curve",
    "Officers who adopted in each period and in all so far, overall (team 'all') and by their team at the time.",
    CurvePoint, curve_points, Section.SPREAD,
    figures=(
        FigureSpec("adoption_curve", "Cumulative adopters of all misconduct, overall and in the teams with most.",
                   plots.adoption_curve),
        FigureSpec("category_curves", "Cumulative adopters for each category of misconduct with enough adopters.",
                   plots.category_curves),
    ),
)  # fmt: skip
CONTAGION = Measure(
    "contagion", "Contagion test",
    "The time-shuffle test (Anagnostopoulos, Kumar & Mahdian 2008): alpha measures how much exposure raises the "
    "chance of adopting; the p-value is the share of shuffled timings giving an alpha at least as large. A small "
    "p-value means the order of adoption followed the ties.",
    ContagionRow, contagion_rows, Section.SPREAD,
)  # fmt: skip
EXPOSURE_RESPONSE = Measure(
    "exposure_response", "Exposure and response",
    "Among officer-periods at risk with a given number of exposed ties, the share in which the officer adopted, "
    "with a 95% Wilson interval, which treats officer-periods as independent (officers and units recur), so it "
    "is too narrow. A rising curve is what spread through ties looks like.",
    ResponseRow, response_rows, Section.SPREAD,
    figures=(FigureSpec("exposure_response", "The probability of adopting in a period by exposed ties, with 95% "
                        "intervals.", plots.exposure_response),),
)  # fmt: skip
ADOPTIONS = Measure(
    "adoptions", "Adoption events",
    "Each officer's first active involvement in scope (sending, participating, or an accusation with a counted "
    "finding) and how many of their ties led to officers who had already adopted, by tie type; 'any' is the total.",
    AdoptionRow, adoption_rows, Section.SPREAD,
)  # fmt: skip
HAZARD_MODEL = Measure(
    "hazard_model", "Hazard model of adoption",
    "A discrete-time hazard model at officer-period level (linear probability, team × quarter fixed effects, "
    "standard errors clustered by team): the effect of lagged exposure through pair ties (messages, shared "
    "incidents) and through teams and chats, with tenure controls. 'main' uses exposure before the period; "
    "'placebo' uses ties to officers who adopt only in the next year, and must find nothing where there is no "
    "contagion. p-values of exposure terms are one-sided.",
    HazardRow, hazard_rows, Section.SPREAD,
)  # fmt: skip
TRANSMISSION = Measure(
    "transmission", "Candidate sources of each adopter",
    "For each adopter, each earlier adopter tied to them before their adoption period began (a candidate source), "
    "the tie types and the evidence: incidents dated before that day, teams and chats shared. The share is the "
    "part of the adopter's modelled hazard the candidate's ties account for in the hazard model (empty when the "
    "model gives no likelihood to rank by). A candidate could have passed the behaviour on; the data cannot show "
    "that they did. An adopter with no candidate is a seed.",
    CandidateRow, candidate_rows, Section.TRANSMISSION,
    figures=(FigureSpec("adoption_timeline", "Who started when: the earliest adopters, each on a row, with a line back "
                        "to the day each of their candidate sources had started.", plots.adoption_timeline),),
)  # fmt: skip
