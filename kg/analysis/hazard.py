"""A discrete-time hazard model of adoption at officer-period level, with team × quarter fixed
effects (the design of Quispe-Torreblanca & Stewart, "Causal peer effects in police misconduct",
Nature Human Behaviour 2019).

One row per officer-period at risk (:mod:`kg.analysis.risk_set`); the outcome is whether the
officer adopted in that period. The model is a linear probability model

    adopted[i, p] = a[team(i, p), quarter(p)] + b · x[i, p] + c · tenure[i, p] + e[i, p]

with ``x`` the lagged exposure, ``log(1 + k)``, through pair ties (messages received and shared
incidents: ties that differ between officers of one team in one quarter) and through teams and
chats; ``tenure`` in bands of years (:data:`TENURE_BANDS`), where the case gives joining dates. The team ×
quarter effects absorb anything that lifts a whole team in a quarter — a new commander, a
crackdown, a team that recruits alike — so ``b`` is identified only by who, within a team and
quarter, was exposed. Calendar time is absorbed by the same effects. Standard errors are
clustered by team (Cameron & Miller 2015), with t-tests on (teams − 1) degrees of freedom.
Fitted with statsmodels' OLS on the within-transformed rows (the effects are absorbed, not
estimated).

The test of contagion is one-sided: ``b`` for pair ties greater than zero. When no officer-period
at risk has any pair-tie exposure that varies within its team and quarter, the term is not
identified and no test is made: timing alone then cannot tell peer influence from a change that
reached the whole team.

The placebo replaces current pair exposure by *future* pair exposure: ties in force now to
officers who will adopt within the next year. With no contagion and a design that holds, it finds
nothing; a placebo rejection on data without contagion means the fixed effects did not absorb a
shared cause. Under contagion it also picks up influence running from the officer to their
partners, so it is read beside the main test, not alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from statsmodels.regression.linear_model import WLS

from kg.analysis.exposure import SpreadModel
from kg.analysis.risk_set import UNKNOWN_JOINED, Strata
from kg.analysis.ties import PAIR_TIE_TYPES

PAIR = "pair"
"""The term for exposure through pair ties (messages and shared incidents)."""
PLACEBO_MONTHS = 12
TENURE_BANDS = (0.0, 1.0, 2.0, 3.0, 5.0, 8.0, 12.0, 20.0)
"""Lower edges, in years, of the tenure bands the model controls for (an effect per band, one of
them the reference), so that a hazard that changes with tenure in any shape is absorbed."""


@dataclass(frozen=True)
class HazardTerm:
    """One coefficient of the hazard model."""

    term: str
    coefficient: float
    standard_error: float
    p_value: float
    """One-sided (coefficient > 0) for exposure terms, two-sided for controls."""


@dataclass(frozen=True)
class HazardFit:
    """The fitted hazard model."""

    terms: tuple[HazardTerm, ...]
    tested: str
    """The term whose coefficient is the test of contagion."""
    identified: bool
    """Whether the tested term varies within team and quarter among officer-periods at risk."""
    rows: int
    adoptions: int
    strata: int
    clusters: int
    baseline: float
    """The adoption rate among officer-periods at risk with no exposure of any kind."""

    def term(self, name: str) -> HazardTerm | None:
        return next((t for t in self.terms if t.term == name), None)

    @property
    def p_value(self) -> float | None:
        """The one-sided p-value of the tested term (None when not identified)."""
        found = self.term(self.tested)
        return found.p_value if self.identified and found else None

    def effects(self) -> dict[str, float]:
        """Each tie type's coefficient (pair types share the pair term's)."""
        result = {}
        for t in self.terms:
            if t.term == PAIR:
                result.update(dict.fromkeys(PAIR_TIE_TYPES, t.coefficient))
            elif t.term.startswith("exposure:"):
                result[t.term.removeprefix("exposure:")] = t.coefficient
        return result


def hazard_models(model: SpreadModel, strata: Strata) -> tuple[HazardFit, HazardFit]:
    """The model of the module doc and its placebo, sharing the officer-periods and exposures."""
    design = _Design(model, strata)
    return design.fit(design.current), design.fit(design.future_pair_exposure(model))


class _Design:
    """The officer-periods at risk, collapsed into cells that share a stratum (team × quarter), a
    tenure band and every exposure count. Weighted least squares on the cells' adoption rates,
    weighted by their officer-periods, gives the same coefficients and the same clustered scores
    as least squares on the officer-periods themselves, in a fraction of the memory; only
    statsmodels' small-sample factor (N − 1)/(N − K) counts cells, which makes the standard errors
    very slightly larger (a test checks both against the officer-periods)."""

    def __init__(self, model: SpreadModel, strata: Strata) -> None:
        self.rows, self.periods = np.nonzero(model.at_risk())
        rows, periods = self.rows, self.periods
        self.outcome = (model.adopted[rows] == periods).astype(np.int64)
        self.current = model.exposure_at(rows, periods, PAIR_TIE_TYPES)
        """Pair ties in force before each officer-period to officers adopted before it."""
        self.groups = {t: model.exposure_at(rows, periods, (t,)) for t in sorted(model.groups)}
        known = strata.joined[rows] > UNKNOWN_JOINED
        tenure = np.where(known, (periods - strata.joined[rows]) * model.periods.months / 12.0, -1.0)
        self.band = np.where(
            known, np.searchsorted(TENURE_BANDS, tenure, side="right"), len(TENURE_BANDS) + 1
        )
        self.bands = sorted(set(self.band.tolist())) if known.any() else []
        team = strata.teams[rows, periods]
        quarter = model.periods.quarters(periods)
        self.stratum = _codes(team * (int(quarter.max()) + 1 if len(quarter) else 1) + quarter)
        self.stratum_team = np.zeros(int(self.stratum.max()) + 1 if len(self.stratum) else 0, dtype=np.int64)
        self.stratum_team[self.stratum] = team
        unexposed = np.logical_and.reduce([self.current == 0, *(c == 0 for c in self.groups.values())])
        self.baseline = float(self.outcome[unexposed].mean()) if unexposed.any() else 0.0
        """The adoption rate among officer-periods at risk with no exposure of any kind."""

    def future_pair_exposure(self, model: SpreadModel) -> np.ndarray:
        """Pair ties in force before each officer-period to officers who adopt within the next
        :data:`PLACEBO_MONTHS` months, from the period on."""
        ahead = max(1, PLACEBO_MONTHS // model.periods.months)
        shifted = np.where(model.adopted >= 0, model.adopted - ahead, -1)
        return model.exposure_at(self.rows, self.periods, PAIR_TIE_TYPES, shifted) - self.current

    def fit(self, pair: np.ndarray) -> HazardFit:
        """The model with ``pair`` as each officer-period's pair exposure."""
        keys = [self.stratum, self.band, pair, *self.groups.values()]
        shape = tuple(int(k.max()) + 1 if len(k) else 1 for k in keys)
        codes, inverse, weight = distinct(np.ravel_multi_index(keys, shape))
        cells = np.column_stack(np.unravel_index(codes, shape))
        inverse = inverse.ravel()
        adopted = np.bincount(inverse, weights=self.outcome, minlength=len(cells))
        stratum = cells[:, 0]
        cluster = _codes(self.stratum_team[stratum])
        columns = [np.log1p(cells[:, 2].astype(float))]
        names = [PAIR]
        for position, tie_type in enumerate(self.groups, start=3):
            columns.append(np.log1p(cells[:, position].astype(float)))
            names.append(f"exposure:{tie_type}")
        for number in self.bands:
            columns.append((cells[:, 1] == number).astype(float))
            names.append(_band_name(number))
        y = _within(adopted / weight, stratum, weight)
        x = np.column_stack([_within(c, stratum, weight) for c in columns])
        keep = _independent(x, weight)
        clusters = int(cluster.max()) + 1 if len(cluster) else 0
        total = int(self.outcome.sum())
        fitted = bool(keep) and clusters >= 2 and total > 0
        return HazardFit(
            _terms(y, x, keep, names, cluster, weight) if fitted else (), PAIR, fitted and 0 in keep, len(self.rows),
            total, len(self.stratum_team), clusters, self.baseline,
        )  # fmt: skip


def _terms(y: np.ndarray, x: np.ndarray, keep: list[int], names: list[str], cluster: np.ndarray,
           weight: np.ndarray) -> tuple[HazardTerm, ...]:  # fmt: skip
    """Weighted least squares of ``y`` on the ``keep`` columns of ``x``, standard errors clustered
    by ``cluster``."""
    fit = WLS(y, x[:, keep], weights=weight).fit(cov_type="cluster", cov_kwds={"groups": cluster}, use_t=True)
    terms = []
    for position, j in enumerate(keep):
        coefficient, two_sided = float(fit.params[position]), float(fit.pvalues[position])
        if names[j] == PAIR or names[j].startswith("exposure:"):
            p_value = two_sided / 2 if coefficient > 0 else 1 - two_sided / 2
        else:
            p_value = two_sided
        terms.append(HazardTerm(names[j], coefficient, float(fit.bse[position]), p_value))
    return tuple(terms)


def _band_name(number: int) -> str:
    if number > len(TENURE_BANDS):
        return "tenure_unknown"
    low = TENURE_BANDS[number - 1]
    high = TENURE_BANDS[number] if number < len(TENURE_BANDS) else None
    return f"tenure_{low:g}_{high:g}_years" if high is not None else f"tenure_{low:g}_plus_years"


def _independent(x: np.ndarray, weight: np.ndarray, tolerance: float = 1e-9) -> list[int]:
    """The columns of ``x``, in order, that are not linear combinations of the columns kept before
    them (a constant column after the within transformation is zero and goes too): a team's
    chat that mirrors the team gives the same exposure twice."""
    gram = x.T @ (x * weight[:, None])
    kept: list[int] = []
    for j in range(x.shape[1]):
        if gram[j, j] <= tolerance:
            continue
        if kept:
            inner = gram[np.ix_(kept, kept)]
            cross = gram[kept, j]
            residual = gram[j, j] - cross @ np.linalg.solve(inner, cross)
            if residual <= tolerance * gram[j, j]:
                continue
        kept.append(j)
    return kept


def distinct(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``np.unique(values, return_inverse=True, return_counts=True)`` for whole numbers: counted
    in a table over their range when it is at most twice as long as ``values``, else hashed
    (``pandas.factorize``), so that only the distinct values are sorted, never ``values``."""
    if len(values) and int(values.max()) - int(values.min()) < 2 * len(values):
        low = int(values.min())
        counts = np.bincount(values - low)
        present = counts > 0
        return np.flatnonzero(present) + low, (np.cumsum(present) - 1)[values - low], counts[present]
    inverse, found = pd.factorize(values, sort=True)
    return found, inverse, np.bincount(inverse, minlength=len(found))


def _codes(values: np.ndarray) -> np.ndarray:
    """Consecutive codes 0… for the distinct ``values``."""
    return distinct(values)[1]


def _within(values: np.ndarray, codes: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """``values`` minus their ``weight``-weighted mean within each code (the within transformation)."""
    sums = np.bincount(codes, weights=values * weight)
    counts = np.bincount(codes, weights=weight)
    return values - (sums / counts)[codes]
