"""Validity of the spread tests on simulated units where the truth is known.

For every scenario of ``kg simulate`` (:mod:`kg.sources.simulate`) and ``--replicates`` seeds, a
unit is simulated (200 officers in 10 teams over 48 months by default), its graph built as any
case's is, and every test of the spread analysis run on all misconduct
(:mod:`kg.analysis.evaluation`): the time-shuffle test under each null, the hazard model and its
placebo. The table gives each test's rejection rate at p < 0.05 with a 95% Wilson interval: on
scenarios without contagion that is the false-positive rate (nominal 5%), on the contagion
scenarios the power. A power curve runs the ``contagion`` scenario over a range of β.

    python -m benchmarks.bench_validity [--replicates 100] [--shuffles 99] [--out FILE]

The results (``benchmarks/results/validity.json``, deterministic for given settings) are what
``docs/analysis.md`` shows (``make docs`` fills the table from the file). ``make bench-validity``
runs it; it is not part of the tests (about five minutes on two cores).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from statistics import mean
from typing import Any

from rich.console import Console
from rich.table import Table
from scipy.stats import binomtest

from kg.analysis.evaluation import TESTS, evaluate_graph
from kg.analysis.options import AnalysisOptions
from kg.graph import build_graph
from kg.sources.simulate import CONTAGION_SCENARIOS, SCENARIOS, SimulationSettings, simulate

RESULTS = Path(__file__).resolve().parent / "results" / "validity.json"
BETAS = (0.0, 0.005, 0.01, 0.02, 0.03, 0.05)
METRICS = (
    "seed_recall_at_k",
    "candidate_precision",
    "candidate_recall",
    "candidate_coverage",
    "crew_recovery",
)


def replicate(job: tuple[str, int, float, int]) -> tuple[str, float, dict[str, Any]]:
    """One simulated unit, evaluated: the scenario, β and the evaluation as JSON."""
    scenario, seed, beta, shuffles = job
    run = simulate(SimulationSettings(scenario, seed=seed, beta=beta))
    evaluation = evaluate_graph(
        build_graph(run.case), run.ground_truth, AnalysisOptions(shuffles=shuffles, seed=seed)
    )
    return scenario, beta, evaluation.as_json()


def rate(outcomes: list[bool | None]) -> dict[str, Any]:
    """Rejections among the tests that could be made, with a 95% Wilson interval."""
    made = [o for o in outcomes if o is not None]
    rejected = sum(made)
    interval = binomtest(rejected, len(made)).proportion_ci(0.95, method="wilson") if made else None
    return {"rejected": rejected, "tests": len(made), "rate": round(rejected / len(made), 4) if made else None,
            "low": round(interval.low, 4) if interval else None, "high": round(interval.high, 4) if interval else None}  # fmt: skip


def summarise(evaluations: list[dict[str, Any]]) -> dict[str, Any]:
    decisions: dict[str, list[bool | None]] = defaultdict(list)
    for evaluation in evaluations:
        for decision in evaluation["decisions"]:
            decisions[decision["test"]].append(decision["rejected"])
    metrics = {}
    for name in METRICS:
        values = [e[name] for e in evaluations if e[name] is not None]
        metrics[name] = round(mean(values), 4) if values else None
    return {"replicates": len(evaluations), "tests": {t: rate(decisions[t]) for t in TESTS}, "metrics": metrics,
            "mean_adopters": round(mean(e["adopters"] for e in evaluations), 1)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicates", type=int, default=100)
    parser.add_argument("--shuffles", type=int, default=99)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    default_beta = SimulationSettings().beta
    jobs = [(s, seed, default_beta, args.shuffles) for s in SCENARIOS for seed in range(args.replicates)]
    jobs += [("contagion", seed, beta, args.shuffles) for beta in BETAS for seed in range(args.replicates)]
    started = time.perf_counter()
    by_scenario: dict[str, list[dict]] = defaultdict(list)
    by_beta: dict[float, list[dict]] = defaultdict(list)
    with ProcessPoolExecutor(2) as pool:
        for index, (scenario, beta, evaluation) in enumerate(pool.map(replicate, jobs, chunksize=4)):
            (by_scenario[scenario] if index < len(SCENARIOS) * args.replicates else by_beta[beta]).append(
                evaluation
            )
    results = {
        "settings": {"replicates": args.replicates, "shuffles": args.shuffles, "level": 0.05,
                     "simulation": {k: v for k, v in vars(SimulationSettings()).items() if k not in ("scenario", "seed")}},
        "scenarios": {s: {"contagion": s in CONTAGION_SCENARIOS, **summarise(by_scenario[s])} for s in SCENARIOS},
        "power_curve": [{"beta": beta, **summarise(by_beta[beta])} for beta in BETAS],
    }  # fmt: skip
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    show(results, time.perf_counter() - started)


def show(results: dict[str, Any], seconds: float) -> None:
    console = Console()
    table = Table("scenario", "contagion", *TESTS, title="Rejection rate at p < 0.05 (95% interval)")
    for scenario, found in results["scenarios"].items():
        table.add_row(
            scenario, "yes" if found["contagion"] else "no", *(_cell(found["tests"][t]) for t in TESTS)
        )
    console.print(table)
    curve = Table("beta", *TESTS, title="Power over β (contagion scenario)")
    for point in results["power_curve"]:
        curve.add_row(str(point["beta"]), *(_cell(point["tests"][t]) for t in TESTS))
    console.print(curve)
    console.print(
        f"{sum(s['replicates'] for s in results['scenarios'].values()) + sum(p['replicates'] for p in results['power_curve'])} units in {seconds:.0f} s"
    )


def _cell(found: dict[str, Any]) -> str:
    if found["rate"] is None:
        return "—"
    return f"{found['rate']:.0%} ({found['low']:.0%}–{found['high']:.0%})"


if __name__ == "__main__":
    main()
