"""The spread model on four officers, worked by hand (periods are months, January–April 2017):

a adopts in January, b in February, c in April; d never. a–b share a team throughout, b–c from
March; a messaged d from mid-February (a directed tie: d is exposed to a, not a to d).

Exposed alters per period:  a [0,0,1,1] (b from March)   b [0,1,1,1] (a from February)
                            c [0,0,1,1] (b from March)   d [0,1,1,1] (a from February)
At risk: a January; b January–February; c and d all four months. So at k=0: a Jan, b Jan,
c Jan–Feb, d Jan = 5 officer-months with 1 adoption (a); at k=1: b Feb, c Mar–Apr, d Feb–Apr
= 6 with 2 adoptions (b, c).
"""

from dataclasses import replace
from datetime import date

import numpy as np

from kg.analysis.contagion import exposure_response, fit_alpha
from kg.analysis.exposure import spread_model
from kg.analysis.transmission import mean_later_adopters_exposed, transmission_tree
from tests.analysis.builder import adoption, tie

PEOPLE = ["a", "b", "c", "d"]
ADOPTIONS = {
    "a": adoption("a", "2017-01-20"),
    "b": adoption("b", "2017-02-03"),
    "c": adoption("c", "2017-04-30"),
}
TIES = [
    tie("a", "b"),
    tie("b", "c", "2017-03-01"),
    tie("a", "d", "2017-02-15", directed=True, tie_type="message"),
]


def test_exposure_counts_per_officer_and_period() -> None:
    model = spread_model(PEOPLE, ADOPTIONS, TIES)
    assert model.periods.count == 4
    assert model.exposure_counts().tolist() == [[0, 0, 1, 1], [0, 1, 1, 1], [0, 0, 1, 1], [0, 1, 1, 1]]
    assert model.exposure_counts(tie_type="message").tolist() == [[0] * 4, [0] * 4, [0] * 4, [0, 1, 1, 1]]
    assert model.at_risk().astype(int).tolist() == [[1, 0, 0, 0], [1, 1, 0, 0], [1, 1, 1, 1], [1, 1, 1, 1]]
    at_risk, adopted = model.exposure_table()
    assert at_risk.tolist() == [5, 6] and adopted.tolist() == [1, 2]


def test_presence_limits_the_time_at_risk() -> None:
    model = spread_model(
        PEOPLE, ADOPTIONS, TIES, presence={"d": (None, date(2017, 2, 10)), "c": (date(2017, 3, 1), None)}
    )
    at_risk, adopted = model.exposure_table()
    assert at_risk.tolist() == [3, 4] and adopted.tolist() == [
        1,
        2,
    ]  # d: Jan (0), Feb (1); c: Mar, Apr (1, 1)


def test_shuffled_timing_recounts_exposure() -> None:
    model = spread_model(PEOPLE, ADOPTIONS, TIES)
    swapped = model.adopted.copy()
    swapped[[0, 2]] = swapped[[2, 0]]  # a adopts in April, c in January
    at_risk, adopted = model.exposure_table(swapped)
    # b (Feb) exposes a and c from March; c (Jan) exposes b from March (the tie starts then); a (Apr)
    # exposes nobody in time. At risk: a Jan–Apr with k = 0,0,1,1; b Jan–Feb (0,0); c Jan (0);
    # d Jan–Apr (0,0,0,0). Adoptions: c (k=0), b (k=0), a (k=1).
    assert at_risk.tolist() == [2 + 2 + 1 + 4, 2] and adopted.tolist() == [2, 1]


def test_two_points_fit_alpha_exactly() -> None:
    # logit(2/6) - logit(1/5) = ln(1/2) - ln(1/4) = ln 2, over ln(1 + 1) - ln(1 + 0) = ln 2
    alpha, beta = fit_alpha(np.array([5, 6]), np.array([1, 2]))
    assert abs(alpha - 1.0) < 1e-5 and abs(beta - np.log(1 / 4)) < 1e-5


def test_exposure_response_has_wilson_intervals() -> None:
    points = exposure_response(spread_model(PEOPLE, ADOPTIONS, TIES))
    assert [(p.exposed, p.at_risk, p.adopted) for p in points] == [(0, 5, 1), (1, 6, 2)]
    z = 1.959963984540054
    for point in points:
        n, phat = point.at_risk, point.probability
        centre = (phat + z * z / (2 * n)) / (1 + z * z / n)
        half = z / (1 + z * z / n) * np.sqrt(phat * (1 - phat) / n + z * z / (4 * n * n))
        assert abs(point.low - (centre - half)) < 1e-9 and abs(point.high - (centre + half)) < 1e-9


def test_transmission_tree_names_exposers_and_seeds() -> None:
    tree = transmission_tree(spread_model(PEOPLE, ADOPTIONS, TIES), ADOPTIONS, TIES, lambda _: None)
    assert [(n.officer, n.is_seed, [e.officer for e in n.exposers]) for n in tree] == [
        ("a", True, []),
        ("b", False, ["a"]),
        ("c", False, ["b"]),
    ]
    assert tree[2].likely_source.tie_types == ("team",) and tree[2].likely_source.evidence == ("b-c",)
    assert abs(mean_later_adopters_exposed(tree) - 2 / 3) < 1e-12


def test_evidence_after_the_adoption_day_is_left_out() -> None:
    days = {"m-early": date(2017, 1, 5), "m-late": date(2017, 3, 1)}
    ties = [replace(tie("a", "b", tie_type="message", directed=True), evidence=("m-early", "m-late"))]
    tree = transmission_tree(spread_model(PEOPLE, ADOPTIONS, ties), ADOPTIONS, ties, days.get)
    assert tree[1].exposers[0].evidence == ("m-early",)
