"""Exposure–response and the time-shuffle test of contagion.

Social correlation is measured as in Anagnostopoulos, Kumar & Mahdian, "Influence and
Correlation in Social Networks" (KDD 2008): the probability that an officer at risk adopts in a
period, given k exposed ties, is modelled as logistic in ln(k + 1),

    p(k) = exp(α ln(k+1) + β) / (1 + exp(α ln(k+1) + β)),

and α is fitted by maximum likelihood. The *time-shuffle test* keeps the network and who adopted,
shuffles the adoption times among the adopters, and fits α again. If adoption spreads through
ties, the real timing gives a larger α than shuffled timings; if officers who are merely alike or
active at the same time adopt, shuffling changes nothing. The p-value is the share of shuffles
whose α is at least the observed one, counting the observed: (1 + #{α' ≥ α}) / (1 + shuffles).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.stats import binomtest

from kg.analysis.exposure import SpreadModel

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


@dataclass(frozen=True)
class ShuffleTest:
    """The result of the time-shuffle test."""

    alpha: float
    shuffled_alpha_mean: float
    shuffled_alpha_sd: float
    p_value: float
    shuffles: int
    seed: int
    adopters: int


def time_shuffle_test(model: SpreadModel, shuffles: int = 1000, seed: int = 0) -> ShuffleTest:
    """Test whether adoption spread through ties (see the module doc). Needs at least two
    adopters; ``seed`` makes the shuffles reproducible."""
    who = model.adopters
    if len(who) < 2:
        raise ValueError("the time-shuffle test needs at least two adopters")
    alpha = fit_alpha(*model.exposure_table())[0]
    rng = np.random.default_rng(seed)
    shuffled = np.empty(shuffles)
    adopted = model.adopted.copy()
    for s in range(shuffles):
        adopted[who] = rng.permutation(model.adopted[who])
        shuffled[s] = fit_alpha(*model.exposure_table(adopted))[0]
    p_value = (1 + int(np.sum(shuffled >= alpha - 1e-12))) / (1 + shuffles)
    return ShuffleTest(
        alpha, float(shuffled.mean()), float(shuffled.std()), p_value, shuffles, seed, len(who)
    )
