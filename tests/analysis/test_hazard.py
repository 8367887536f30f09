"""The hazard model: the within estimator equals OLS with explicit team × quarter dummies; the test
finds contagion through partners and not a team-wide shock; a unit with no pair ties is not
identified (no test is made)."""

from __future__ import annotations

import numpy as np
import statsmodels.api as sm
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.analysis.context import AnalysisContext
from kg.analysis.hazard import PAIR, TENURE_BANDS, _codes, _within, distinct, hazard_models
from kg.analysis.involvement import ALL
from kg.analysis.options import AnalysisOptions
from kg.analysis.ties import PAIR_TIE_TYPES
from kg.graph import build_graph
from kg.sources.simulate import SimulationSettings, simulate


def spread_of(scenario: str, seed: int = 0, **settings):
    graph = build_graph(simulate(SimulationSettings(scenario, seed=seed, **settings)).case)
    spread = AnalysisContext(graph, AnalysisOptions(shuffles=9, max_categories=0)).spread[ALL]
    return spread, spread.strata


def test_the_within_estimator_equals_ols_with_dummies() -> None:
    spread, strata = spread_of("contagion", officers=60, teams=3, months=24)
    model = spread.model
    rows, periods = np.nonzero(model.at_risk())
    y = (model.adopted[rows] == periods).astype(float)
    pair = sum(model.exposure_counts(tie_type=t) for t in PAIR_TIE_TYPES if t in model.pairs)
    team = model.exposure_counts(tie_type="team")
    tenure = (periods - strata.joined[rows]) / 12.0
    bands = np.eye(len(TENURE_BANDS) + 1)[np.searchsorted(TENURE_BANDS, tenure, side="right")]
    quarter = (model.periods.start(0).month - 1 + periods) // 3 + model.periods.start(0).year * 4
    stratum = np.unique(strata.teams[rows, periods] * 10_000 + quarter, return_inverse=True)[1].ravel()
    dummies = np.eye(stratum.max() + 1)[stratum]
    x = np.column_stack([np.log1p(pair[rows, periods]), np.log1p(team[rows, periods]), bands, dummies])
    reference = np.linalg.lstsq(x, y, rcond=None)[0]  # least squares with every dummy (rank deficient)
    fit = spread.hazard
    assert abs(fit.term(PAIR).coefficient - reference[0]) < 1e-9
    assert abs(fit.term("exposure:team").coefficient - reference[1]) < 1e-9
    assert fit.identified and fit.rows == len(rows) and fit.adoptions == int(y.sum())
    # the clustered standard error on the officer-periods themselves: the model, fitted on cells,
    # differs only by the small-sample factor, counted over cells, and only upwards
    within = [_within(c, stratum, np.ones(len(y))) for c in (y, np.log1p(pair[rows, periods]),
              np.log1p(team[rows, periods]), *bands.T)]  # fmt: skip
    by_row = sm.OLS(within[0], np.column_stack(within[1:])).fit(
        cov_type="cluster", cov_kwds={"groups": _codes(strata.teams[rows, periods])}, use_t=True
    )
    assert 1.0 <= fit.term(PAIR).standard_error / by_row.bse[0] < 1.02


def test_contagion_through_partners_is_found_and_a_team_shock_is_not() -> None:
    contagion, _ = spread_of("contagion", seed=4)
    shocks, _ = spread_of("shocks", seed=4)
    assert contagion.hazard.p_value < 0.01 and contagion.hazard.term(PAIR).coefficient > 0
    assert shocks.hazard.p_value > 0.05


def test_without_pair_ties_the_pair_term_is_not_identified() -> None:
    spread, strata = spread_of("null", officers=40, teams=2, months=24)
    model = spread.model
    bare = type(model)(model.periods, model.people, model.present, model.adopted, {}, model.groups, 0)
    fit, placebo = hazard_models(bare, strata)
    assert not fit.identified and fit.p_value is None and placebo.p_value is None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-(2**40), 2**40), max_size=50), st.lists(st.integers(-5, 30), max_size=200))
def test_distinct_equals_numpy_unique(spread_out: list[int], dense: list[int]) -> None:
    """Both ways of counting distinct values (a table over a short range; a hash otherwise)."""
    for values in (np.array(spread_out, dtype=np.int64), np.array(dense, dtype=np.int64)):
        expected = np.unique(values, return_inverse=True, return_counts=True)
        found = distinct(values)
        for got, want in zip(found, expected, strict=True):
            assert got.tolist() == want.ravel().tolist()
