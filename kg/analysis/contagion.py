"""Exposure–response and the time-shuffle test of contagion.

Social correlation is measured as in Anagnostopoulos, Kumar & Mahdian, "Influence and
Correlation in Social Networks" (KDD 2008): the probability that an officer at risk adopts in a
period, given k exposed ties, is modelled as logistic in ln(k + 1),

    p(k) = exp(α ln(k+1) + β) / (1 + exp(α ln(k+1) + β)),

and α is fitted by maximum likelihood. The *time-shuffle test* keeps the network and who adopted,
permutes the adoption times among the adopters under a null (:data:`~kg.analysis.risk_set.NULLS`:
only between officers present at both times, and by default only within a team), and fits α
again. If adoption spreads through ties, the real timing gives a larger α than permuted timings;
what the null keeps — each team's adoption times, by default — cannot produce a difference. The
p-value is the share of shuffles whose α is at least the observed one, counting the observed:
(1 + #{α' ≥ α}) / (1 + shuffles); the shuffles are drawn so that it is exact (:func:`null_draw`).
Shuffling stops early, by Besag & Clifford's sequential rule (:func:`sequential_p_value`), once
:data:`EXCEEDANCES_TO_STOP` shuffles have reached α: the p-value is still exact, a clearly null
result costs tens of shuffles rather than the whole budget, and a small p-value is unchanged.
The original test permuted among all adopters whoever was present, and so called contagion where
officers joined, left or were off the roll (docs/analysis.md shows by how much).
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass

import numpy as np
from numba import njit
from scipy.stats import binomtest

from kg.analysis.allocator import keep_heap
from kg.analysis.exposure import SpreadModel
from kg.analysis.risk_set import NULLS, Strata
from kg.analysis.shuffle_table import ShuffleTable
from kg.progress import Advance, ignore

RIDGE = 1e-6
"""A tiny L2 penalty that keeps α finite when no exposed officer ever adopts."""


def fit_alpha(at_risk: np.ndarray, adoptions: np.ndarray, iterations: int = 50) -> tuple[float, float]:
    """``(α, β)`` of the logistic model above, fitted to officer-periods at risk and adoptions
    by exposure k (index k) with Newton's method (iteratively reweighted least squares)."""
    k = np.flatnonzero(at_risk)
    n, y = at_risk[k].astype(float), adoptions[k].astype(float)
    x = np.column_stack([np.log1p(k), np.ones(len(k))])
    theta = np.zeros(2)
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(x @ theta)))
        gradient = x.T @ (y - n * p) - RIDGE * theta
        hessian = (x.T * (n * p * (1 - p))) @ x + RIDGE * np.eye(2)
        step = np.linalg.solve(hessian, gradient)
        theta += step
        if np.max(np.abs(step)) < 1e-10:
            break
    return float(theta[0]), float(theta[1])


@dataclass(frozen=True)
class ResponsePoint:
    """Adoption in a period among officer-periods with ``exposed`` exposed ties."""

    exposed: int
    at_risk: int
    adopted: int
    probability: float
    low: float
    high: float
    """95% Wilson score interval of the probability."""


def exposure_response(model: SpreadModel, cap: int = 10) -> list[ResponsePoint]:
    """The probability of adopting in a period given k exposed ties, for k = 0 … cap (the last
    point pools k ≥ cap), with 95% Wilson intervals; points with nobody at risk are left out."""
    at_risk, adoptions = model.exposure_table()
    at_risk = np.append(at_risk[:cap], at_risk[cap:].sum())
    adoptions = np.append(adoptions[:cap], adoptions[cap:].sum())
    points = []
    for k, (n, y) in enumerate(zip(at_risk.tolist(), adoptions.tolist(), strict=True)):
        if n:
            interval = binomtest(y, n).proportion_ci(0.95, method="wilson")
            points.append(ResponsePoint(k, n, y, y / n, float(interval.low), float(interval.high)))
    return points


SWAP_ROUNDS = 10
"""Rounds of random pair swaps between the observed periods and the hidden start, and between
the start and each shuffle. Any number gives an exact test; more rounds mix further."""


@dataclass(frozen=True)
class ShuffleTest:
    """The result of the time-shuffle test."""

    alpha: float
    shuffled_alpha_mean: float
    shuffled_alpha_sd: float
    p_value: float
    shuffles: int
    """Shuffles run: the budget, or fewer when the test stopped early (see the module doc)."""
    seed: int
    adopters: int
    null: str = "risk-set"
    budget: int = 0
    """The most shuffles the test would have run."""
    stop_after: int = 0
    """How many shuffles reaching α stop the test."""

    @property
    def stopped_early(self) -> bool:
        return self.shuffles < self.budget


@dataclass(frozen=True)
class NullDraw:
    """What the shuffles of one test draw from: the adopters, the blocks they may swap within
    (numbered 0, 1, … in the order of the values that define them; None: any two), and the state
    every shuffle starts from."""

    name: str
    who: np.ndarray
    blocks: np.ndarray | None
    start: np.ndarray


def null_draw(model: SpreadModel, name: str, seed: int, strata: Strata | None = None) -> NullDraw:
    """The null ``name`` of :data:`NULLS` for ``model``. For a restricted null the shuffles start
    from a hidden state reached from the observed periods by the same swap chain (Besag &
    Clifford 1989, "Generalized Monte Carlo significance tests", Biometrika): the observed and the
    shuffled periods are then exchangeable, so the p-value is exact."""
    if name not in NULLS:
        raise ValueError(f"unknown null {name!r}; use one of {', '.join(NULLS)}")
    who = model.adopters
    observed = model.adopted[who]
    if name == "all":
        return NullDraw(name, who, None, observed)
    blocks = None
    if name in ("team", "team-quarter"):
        if strata is None:
            raise ValueError(f"the {name} null needs the officers' teams")
        blocks = strata.teams[who, observed].astype(np.int64)
        if name == "team-quarter":
            quarter = model.periods.quarters(observed)
            blocks = blocks * (int(quarter.max()) + 1) + quarter
        blocks = np.unique(blocks, return_inverse=True)[1].ravel()
    hidden = _swap_chain(model.present[who], observed, blocks, np.random.default_rng([seed, 2**31]))
    return NullDraw(name, who, blocks, hidden)


def _swap_chain(present: np.ndarray, periods: np.ndarray, blocks: np.ndarray | None,
                rng: np.random.Generator, rounds: int = SWAP_ROUNDS) -> np.ndarray:  # fmt: skip
    """Swap periods between random pairs of adopters, ``rounds`` times: in each round the
    adopters are put in a random order, grouped by block (``blocks``; None: one block), and
    neighbours are paired; each pair swaps when both were present at the other's period and are
    in the same block. The order does not depend on the periods and a swap undoes itself, so the
    chain is reversible with the uniform distribution over the allowed arrangements as its
    stationary law."""
    periods = periods.copy()
    grouped = blocks is not None
    block_of = blocks if grouped else np.zeros(0, dtype=np.int64)
    for _ in range(rounds):
        swap_round(rng.permutation(len(periods)), present, periods, block_of, grouped)
    return periods


@njit(cache=True)
def swap_round(order: np.ndarray, present: np.ndarray, periods: np.ndarray, blocks: np.ndarray,
               grouped: bool) -> None:  # fmt: skip
    """One round of :func:`_swap_chain` on ``periods``, in place, compiled (it runs ten times per
    shuffle): ``order`` grouped by block when ``grouped``, then neighbours paired. The pairs are
    disjoint, so swapping them one after another is swapping them all at once."""
    if grouped:
        order = _grouped(order, blocks)
    for i in range(0, len(order) - 1, 2):
        a, b = order[i], order[i + 1]
        if present[a, periods[b]] and present[b, periods[a]] and (not grouped or blocks[a] == blocks[b]):
            periods[a], periods[b] = periods[b], periods[a]


@njit(cache=True)
def _grouped(order: np.ndarray, blocks: np.ndarray) -> np.ndarray:
    """``order`` sorted by block number (0, 1, …), keeping its order within each block (a
    counting sort: as a stable sort of ``blocks[order]``)."""
    if not len(order):
        return order
    starts = np.zeros(blocks.max() + 2, dtype=np.int64)
    for i in order:
        starts[blocks[i] + 1] += 1
    starts = np.cumsum(starts)
    result = np.empty_like(order)
    for i in order:
        result[starts[blocks[i]]] = i
        starts[blocks[i]] += 1
    return result


def shuffled_adoptions(model: SpreadModel, draw: NullDraw, seed: int, index: int) -> np.ndarray:
    """The adoption periods of shuffle number ``index``, drawn with a generator seeded with
    ``(seed, index)`` so each shuffle is the same however the shuffles are shared out."""
    rng = np.random.default_rng([seed, index])
    adopted = model.adopted.copy()
    if draw.name == "all":
        adopted[draw.who] = rng.permutation(draw.start)
    else:
        adopted[draw.who] = _swap_chain(model.present[draw.who], draw.start, draw.blocks, rng)
    return adopted


PARALLEL_CELLS = 2_000_000
"""Models with more officer-periods than this shuffle in several processes."""
_SHARED: tuple[SpreadModel, ShuffleTable, NullDraw] | None = None
"""The model, table and null a forked worker shuffles (inherited from the parent, never pickled)."""


def shuffled_alpha(
    model: SpreadModel, draw: NullDraw, seed: int, index: int, table: ShuffleTable | None = None
) -> float:
    """α after shuffle number ``index``. ``table`` (:class:`ShuffleTable` of ``model``) makes it
    cheaper, not different."""
    return fit_alpha(*(table or model).exposure_table(shuffled_adoptions(model, draw, seed, index)))[0]


def _shuffled_alphas(task: tuple[int, range]) -> list[float]:
    seed, indices = task
    assert _SHARED is not None
    model, table, draw = _SHARED
    return [shuffled_alpha(model, draw, seed, i, table) for i in indices]


EXCEEDANCES_TO_STOP = 20
"""Shuffles whose α reaches the observed one after which the time-shuffle test stops."""
SHUFFLE_BATCH = 100
"""Shuffles computed between two checks of the stopping rule (the result does not depend on it)."""


def sequential_p_value(alpha: float, shuffled: np.ndarray, budget: int, stop_after: int) -> tuple[float, int]:
    """Besag & Clifford's (1991) sequential Monte Carlo p-value from shuffled values in the order
    drawn: when the ``stop_after``-th value at least ``alpha`` is shuffle number L, the p-value is
    ``stop_after / L`` and L shuffles count; otherwise every one of the ``budget`` shuffles counts
    and it is ``(1 + #{α' ≥ α}) / (1 + budget)``. Either way P(p ≤ x) ≤ x under the null.

    >>> sequential_p_value(1.0, np.array([0.5, 2.0, 1.0, 0.1, 3.0]), 5, stop_after=2)
    (0.6666666666666666, 3)
    >>> sequential_p_value(1.0, np.array([0.5, 2.0, 0.9, 0.1, 0.3]), 5, stop_after=2)
    (0.3333333333333333, 5)
    """
    reached = np.flatnonzero(shuffled >= alpha - 1e-12)
    if len(reached) >= stop_after:
        used = int(reached[stop_after - 1]) + 1
        return stop_after / used, used
    return (1 + len(reached)) / (1 + budget), budget


def time_shuffle_test(
    model: SpreadModel, shuffles: int = 1000, seed: int = 0, workers: int | None = None,
    null: str = "risk-set", strata: Strata | None = None, stop_after: int = EXCEEDANCES_TO_STOP,
    advance: Advance = ignore,
) -> ShuffleTest:  # fmt: skip
    """Test whether adoption spread through ties (see the module doc), with at most ``shuffles``
    shuffles under ``null`` (:data:`NULLS`; ``team`` and ``team-quarter`` need ``strata``),
    stopping after ``stop_after`` reach α (:func:`sequential_p_value`). Needs at least two
    adopters; ``seed`` makes the shuffles reproducible. Large models are shuffled in ``workers``
    processes (default: one per CPU); the result does not depend on how many. ``advance`` hears of
    the shuffles done, a batch at a time."""
    global _SHARED
    keep_heap()
    who = model.adopters
    if len(who) < 2:
        raise ValueError("the time-shuffle test needs at least two adopters")
    alpha = fit_alpha(*model.exposure_table())[0]
    draw = null_draw(model, null, seed, strata)
    table = ShuffleTable.of(model)
    workers = workers or os.cpu_count() or 1
    parallel = workers > 1 and len(model.people) * model.periods.count > PARALLEL_CELLS
    values: list[float] = []
    with ExitStack() as stack:
        if parallel:
            _SHARED = model, table, draw
            stack.callback(_forget_shared)
            pool = stack.enter_context(
                ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
            )
        reached = 0
        for first in range(0, shuffles, SHUFFLE_BATCH):
            batch = range(first, min(shuffles, first + SHUFFLE_BATCH))
            if parallel:
                found = np.empty(len(batch))
                chunks = [(seed, batch[i::workers]) for i in range(workers)]
                for chunk, computed in zip(chunks, pool.map(_shuffled_alphas, chunks), strict=True):
                    found[[i - first for i in chunk[1]]] = computed
            else:
                found = np.array([shuffled_alpha(model, draw, seed, i, table) for i in batch])
            values.extend(found.tolist())
            advance(len(batch))
            reached += int(np.sum(found >= alpha - 1e-12))
            if reached >= stop_after:
                break
    p_value, used = sequential_p_value(alpha, np.array(values), shuffles, stop_after)
    shuffled = np.array(values[:used])
    return ShuffleTest(
        alpha,
        float(shuffled.mean()),
        float(shuffled.std()),
        p_value,
        used,
        seed,
        len(who),
        null,
        shuffles,
        stop_after,
    )


def _forget_shared() -> None:
    global _SHARED
    _SHARED = None
