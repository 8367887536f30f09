"""The spread model on four officers, worked by hand (periods are months, January–April 2017):

a adopts in January, b in February, c in April; d never. a–b share a team throughout, b–c from
1 March; a messaged d from mid-February (a directed tie: d is exposed to a, not a to d).

Exposure is lagged: a tie counts in a month when it was in force on the day before the month
began, to an alter who adopted in an earlier month. So b–c (from 1 March) counts from April and
a→d (from 15 February) from March.

Exposed alters per period:  a [0,0,1,1] (b from March)   b [0,1,1,1] (a from February)
                            c [0,0,0,1] (b from April)   d [0,0,1,1] (a from March)
At risk: a January; b January–February; c and d all four months. So at k=0: a Jan, b Jan,
c Jan–Mar, d Jan–Feb = 7 officer-months with 1 adoption (a); at k=1: b Feb, c Apr, d Mar–Apr
= 4 with 2 adoptions (b, c).
"""

from dataclasses import replace
from datetime import date

import numpy as np

from kg.analysis.contagion import exposure_response, fit_alpha
from kg.analysis.exposure import spread_model
from kg.analysis.transmission import candidate_sources, mean_later_adopters_exposed, ranked
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
    assert model.exposure_counts().tolist() == [[0, 0, 1, 1], [0, 1, 1, 1], [0, 0, 0, 1], [0, 0, 1, 1]]
    assert model.exposure_counts(tie_type="message").tolist() == [[0] * 4, [0] * 4, [0] * 4, [0, 0, 1, 1]]
    assert model.at_risk().astype(int).tolist() == [[1, 0, 0, 0], [1, 1, 0, 0], [1, 1, 1, 1], [1, 1, 1, 1]]
    at_risk, adopted = model.exposure_table()
    assert at_risk.tolist() == [7, 4] and adopted.tolist() == [1, 2]


def test_presence_limits_the_time_at_risk() -> None:
    model = spread_model(
        PEOPLE, ADOPTIONS, TIES, presence={"d": (None, date(2017, 2, 10)), "c": (date(2017, 3, 1), None)}
    )
    at_risk, adopted = model.exposure_table()
    # d: Jan, Feb (k = 0, 0); c: Mar, Apr (0, 1); a Jan (0); b Jan, Feb (0, 1)
    assert at_risk.tolist() == [5, 2] and adopted.tolist() == [1, 2]


def test_shuffled_timing_recounts_exposure() -> None:
    model = spread_model(PEOPLE, ADOPTIONS, TIES)
    swapped = model.adopted.copy()
    swapped[[0, 2]] = swapped[[2, 0]]  # a adopts in April, c in January
    at_risk, adopted = model.exposure_table(swapped)
    # b (Feb) exposes a from March; c (Jan) exposes b from April (the tie starts 1 March); a (Apr)
    # exposes nobody in time. At risk: a Jan–Apr with k = 0,0,1,1; b Jan–Feb (0,0); c Jan (0);
    # d Jan–Apr (0,0,0,0). Adoptions: c (k=0), b (k=0), a (k=1).
    assert at_risk.tolist() == [2 + 2 + 1 + 4, 2] and adopted.tolist() == [2, 1]


def test_two_points_fit_alpha_exactly() -> None:
    # logit(2/6) - logit(1/5) = ln(1/2) - ln(1/4) = ln 2, over ln(1 + 1) - ln(1 + 0) = ln 2
    alpha, beta = fit_alpha(np.array([5, 6]), np.array([1, 2]))
    assert abs(alpha - 1.0) < 1e-5 and abs(beta - np.log(1 / 4)) < 1e-5


def test_exposure_response_has_wilson_intervals() -> None:
    points = exposure_response(spread_model(PEOPLE, ADOPTIONS, TIES))
    assert [(p.exposed, p.at_risk, p.adopted) for p in points] == [(0, 7, 1), (1, 4, 2)]
    z = 1.959963984540054
    for point in points:
        n, phat = point.at_risk, point.probability
        centre = (phat + z * z / (2 * n)) / (1 + z * z / n)
        half = z / (1 + z * z / n) * np.sqrt(phat * (1 - phat) / n + z * z / (4 * n * n))
        assert abs(point.low - (centre - half)) < 1e-9 and abs(point.high - (centre + half)) < 1e-9


def test_candidate_sources_and_seeds() -> None:
    tree = candidate_sources(spread_model(PEOPLE, ADOPTIONS, TIES), ADOPTIONS, TIES, lambda _: None)
    assert [(n.officer, n.is_seed, [c.officer for c in n.candidates]) for n in tree] == [
        ("a", True, []),
        ("b", False, ["a"]),
        ("c", False, ["b"]),  # b–c from 1 March: in force before April, when c adopted
    ]
    (candidate,) = tree[2].candidates
    assert (candidate.tie_types, candidate.evidence, candidate.share) == (("team",), ("b-c",), None)
    assert tree[2].top_candidate is None  # no likelihood given: no ranking
    assert abs(mean_later_adopters_exposed(tree) - 2 / 3) < 1e-12


def test_candidates_are_ranked_by_their_share_of_the_modelled_hazard() -> None:
    ties = [*TIES, tie("a", "c", tie_type="message", directed=True)]
    tree = ranked(candidate_sources(spread_model(PEOPLE, ADOPTIONS, ties), ADOPTIONS, ties, lambda _: None),
                  {"team": 0.02, "message": 0.06}, baseline=0.02)  # fmt: skip
    shares = {c.officer: c.share for c in tree[2].candidates}
    # c: a by message (0.06) and b by team (0.02) against a baseline of 0.02: 0.6 and 0.2
    assert abs(shares["a"] - 0.6) < 1e-12 and abs(shares["b"] - 0.2) < 1e-12
    assert tree[2].top_candidate.officer == "a"


def test_evidence_from_the_adoption_period_on_is_left_out() -> None:
    days = {"m-early": date(2017, 1, 5), "m-late": date(2017, 2, 1)}
    ties = [replace(tie("a", "b", tie_type="message", directed=True), evidence=("m-early", "m-late"))]
    tree = candidate_sources(spread_model(PEOPLE, ADOPTIONS, ties), ADOPTIONS, ties, days.get)
    assert tree[1].candidates[0].evidence == ("m-early",)  # b adopted in February: 1 February is too late
