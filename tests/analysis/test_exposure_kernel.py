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
