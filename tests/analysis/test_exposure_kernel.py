"""The compiled exposure table equals the histogram of the officer × period matrices it avoids."""

import numpy as np
from hypothesis import given, settings

from tests.analysis.test_shuffle_table import models


def matrix_table(model, adopted: np.ndarray) -> tuple[list[int], list[int]]:
    """The exposure table counted from whole matrices: exposure per officer-period, kept where
    the officer is at risk and where they adopt."""
    counts = model.exposure_counts(adopted, exclude_self=False)
    at_risk = np.bincount(counts[model.at_risk(adopted)])
    who = np.flatnonzero(adopted >= 0)
    adoptions = np.bincount(counts[who, adopted[who]], minlength=len(at_risk))
    return np.trim_zeros(at_risk, "b").tolist(), np.trim_zeros(adoptions, "b").tolist()


@settings(max_examples=200, deadline=None)
@given(models())
def test_the_compiled_table_equals_the_matrix_count(case) -> None:
    model, seeds = case
    for adopted in [model.adopted] + [
        np.where(model.adopted >= 0, np.random.default_rng(seed).permutation(model.adopted), -1)
        for seed in seeds
    ]:
        at_risk, adoptions = model.exposure_table(adopted)
        assert len(at_risk) == len(adoptions)
        assert (np.trim_zeros(at_risk, "b").tolist(), np.trim_zeros(adoptions, "b").tolist()) == matrix_table(
            model, adopted
        )


@settings(max_examples=200, deadline=None)
@given(models())
def test_exposure_at_cells_equals_the_matrix(case) -> None:
    """At every officer-period up to the adoption, for each tie type alone and for pairs and
    groups together, under the observed and under shuffled adoption periods."""
    model, seeds = case
    for adopted in [model.adopted] + [
        np.where(model.adopted >= 0, np.random.default_rng(seed).permutation(model.adopted), -1)
        for seed in seeds
    ]:
        rows, periods = np.nonzero(model.at_risk(adopted))
        for types in [(t,) for t in model.tie_types] + [tuple(model.tie_types)] * bool(model.tie_types):
            matrix = sum(model.exposure_counts(adopted, t) for t in types)
            assert model.exposure_at(rows, periods, types, adopted).tolist() == matrix[rows, periods].tolist()
