"""The time-shuffle test, both ways, on simulated event sequences over the same kind of network."""

from datetime import date

import networkx as nx
import numpy as np
from sklearn.linear_model import LogisticRegression

from kg.analysis.contagion import fit_alpha, time_shuffle_test
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
