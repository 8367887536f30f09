"""The time-shuffle test, both ways, on simulated event sequences over the same kind of network."""

from datetime import date

import networkx as nx
import numpy as np
from sklearn.linear_model import LogisticRegression

from kg.analysis.contagion import fit_alpha, sequential_p_value, time_shuffle_test
from kg.analysis.exposure import SpreadModel, spread_model
from kg.analysis.involvement import Adoption
from kg.analysis.ties import Tie

PERIODS = 36


def month(i: int) -> date:
    return date(2000 + i // 12, i % 12 + 1, 1)


def simulate(seed: int, contagious: bool, n: int = 120) -> SpreadModel:
    """Officers on a small-world network (Watts–Strogatz, 6 neighbours). Contagious: each month a
    non-adopter adopts with probability 1 − 0.99 × 0.8^k for k neighbours who already have.
    Not: with probability 0.03 whatever the neighbours did (about as many adopters)."""
    rng = np.random.default_rng(seed)
    network = nx.watts_strogatz_graph(n, 6, 0.1, seed=seed)
    people = [f"o{i:03d}" for i in range(n)]
    adopted: dict[int, int] = {}
    for period in range(PERIODS):
        new = [
            v for v in range(n) if v not in adopted
            and rng.random() < ((1 - 0.99 * 0.8 ** sum(1 for u in network[v] if u in adopted)) if contagious else 0.03)
        ]  # fmt: skip
        adopted.update((v, period) for v in new)
    adoptions = {people[v]: Adoption(month(p), people[v], "i", "SENT") for v, p in adopted.items()}
    ties = [Tie(people[a], people[b], "team", None, None, 1, ()) for a, b in network.edges()]
    return spread_model(people, adoptions, ties)


def test_alpha_equals_an_unpenalised_logistic_regression() -> None:
    at_risk, adopted = simulate(3, contagious=True).exposure_table()
    k = np.arange(len(at_risk))
    x = np.log1p(np.concatenate([k, k]))[:, None]
    y = np.concatenate([np.ones(len(k)), np.zeros(len(k))])
    weights = np.concatenate([adopted, at_risk - adopted])
    keep = weights > 0
    reference = LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(
        x[keep], y[keep], sample_weight=weights[keep]
    )
    alpha, beta = fit_alpha(at_risk, adopted)
    assert abs(alpha - reference.coef_[0][0]) < 1e-4 and abs(beta - reference.intercept_[0]) < 1e-4


def test_spread_through_ties_is_detected() -> None:
    for seed in range(5):
        result = time_shuffle_test(simulate(seed, contagious=True), shuffles=200, seed=seed)
        assert result.p_value < 0.05, (seed, result)
        assert result.alpha > result.shuffled_alpha_mean


def test_random_timing_is_rarely_called_contagion() -> None:
    """False-positive check: with timing independent of the network, p < 0.05 should happen in
    about 5% of runs. Over 60 seeds we allow at most 8 (13%); the observed rate is printed."""
    runs = 60
    p_values = [
        time_shuffle_test(simulate(seed, contagious=False), shuffles=99, seed=seed).p_value
        for seed in range(runs)
    ]
    false_positives = sum(p < 0.05 for p in p_values)
    print(f"false-positive rate at p < 0.05: {false_positives}/{runs} = {false_positives / runs:.1%}")
    assert false_positives <= 8
    assert 0.3 < float(np.median(p_values)) < 0.7  # p-values spread over (0, 1), not piled up at either end


def test_the_shuffles_are_reproducible() -> None:
    model = simulate(1, contagious=True)
    assert time_shuffle_test(model, 50, seed=7) == time_shuffle_test(model, 50, seed=7)


def test_shuffling_in_several_processes_gives_the_same_result(monkeypatch) -> None:
    from kg.analysis import contagion

    model = simulate(2, contagious=True)
    alone = time_shuffle_test(model, 40, seed=5, workers=1)
    monkeypatch.setattr(contagion, "PARALLEL_CELLS", 0)
    assert time_shuffle_test(model, 40, seed=5, workers=2) == alone
    assert time_shuffle_test(model, 40, seed=5, workers=3) == alone


def _null_levels_hold(rule) -> tuple[bool, float]:
    """Whether, over 4,000 null runs (observed and shuffled values from one distribution; budget
    999, stop at 20), ``rule`` gives p ≤ 0.05 and p ≤ 0.2 no more often than 5% and 20% (within
    three binomial standard errors); and the median number of shuffles it used."""
    rng = np.random.default_rng(3)
    runs = [rule(rng.normal(), rng.normal(size=999), 999, 20) for _ in range(4000)]
    p_values = np.array([p for p, _ in runs])
    held = all(np.mean(p_values <= x) <= x + 3 * np.sqrt(x * (1 - x) / 4000) for x in (0.05, 0.2))
    return held and np.mean(p_values <= 0.5) > 0.4, float(np.median([used for _, used in runs]))


def test_stopping_early_keeps_the_p_value_exact_under_the_null() -> None:
    held, median_used = _null_levels_hold(sequential_p_value)
    assert held and median_used < 100

    def claims_17_of_20(alpha, shuffled, budget, stop_after):
        p_value, used = sequential_p_value(alpha, shuffled, budget, stop_after)
        return (p_value * (stop_after - 3) / stop_after if used < budget else p_value), used

    assert not _null_levels_hold(claims_17_of_20)[0], "the check catches an anticonservative rule"


def test_a_null_result_stops_early_and_a_clear_one_runs_the_budget() -> None:
    null = time_shuffle_test(simulate(4, contagious=False), shuffles=500, seed=1, stop_after=10)
    assert null.shuffles < 500 and null.p_value == 10 / null.shuffles
    clear = time_shuffle_test(simulate(0, contagious=True), shuffles=300, seed=1, stop_after=10)
    assert clear.shuffles == 300 and clear.p_value < 10 / 300


def test_stopping_does_not_depend_on_batches_or_processes(monkeypatch) -> None:
    from kg.analysis import contagion

    model = simulate(4, contagious=False)
    alone = time_shuffle_test(model, 200, seed=5, workers=1, stop_after=7)
    assert alone.shuffles < 200
    monkeypatch.setattr(contagion, "SHUFFLE_BATCH", 3)
    monkeypatch.setattr(contagion, "PARALLEL_CELLS", 0)
    assert time_shuffle_test(model, 200, seed=5, workers=2, stop_after=7) == alone
