"""Each simulated scenario, at small size and a fixed seed, through the same code path as a case
(Case → graph → spread analysis): the default test does not reject on units without contagion and
rejects on units with it. The rates over many seeds are in benchmarks/bench_validity.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.analysis.evaluation import evaluate_graph
from kg.analysis.options import AnalysisOptions
from kg.analysis.risk_set import DEFAULT_NULL
from kg.graph import build_graph
from kg.sources.simulate import NULL_SCENARIOS, SimulationSettings, simulate
from tests.conftest import run_kg

DEFAULT_TEST = f"shuffle:{DEFAULT_NULL}"


def evaluated(settings: SimulationSettings):
    run = simulate(settings)
    return evaluate_graph(
        build_graph(run.case), run.ground_truth, AnalysisOptions(shuffles=99, seed=settings.seed)
    )


@pytest.mark.parametrize("scenario", NULL_SCENARIOS)
def test_no_contagion_is_not_called_contagion(scenario: str) -> None:
    result = evaluated(SimulationSettings(scenario, officers=120, teams=6, months=36, seed=0))
    assert result.contagion is False and result.adopters > 10
    assert result.decision(DEFAULT_TEST).rejected is False
    assert result.decision("placebo").rejected is not True


@pytest.mark.parametrize(
    ("settings", "seed_recall_at_least"),
    [
        (SimulationSettings("contagion", officers=120, teams=6, months=36, seed=0), 0.5),
        (SimulationSettings("threshold", seed=0), 0.5),
    ],
    ids=["contagion", "threshold"],
)
def test_contagion_is_found(settings: SimulationSettings, seed_recall_at_least: float) -> None:
    result = evaluated(settings)
    assert result.contagion is True
    assert result.decision(DEFAULT_TEST).rejected is True and result.decision("hazard").rejected is True
    assert result.seed_recall_at_k >= seed_recall_at_least
    assert result.candidate_coverage == 1.0  # every true source is among the adopter's candidates


def test_crews_are_recovered() -> None:
    result = evaluated(SimulationSettings("crews", officers=120, teams=6, months=36, seed=0))
    assert result.crew_recovery == 1.0


def test_the_old_shuffle_is_fooled_by_careers_and_the_default_is_not() -> None:
    result = evaluated(SimulationSettings("careers", seed=2))
    assert result.decision("shuffle:all").rejected is True  # adoptions shuffled to when officers were absent
    assert result.decision(DEFAULT_TEST).rejected is False


def test_simulate_and_evaluate_through_the_cli(tmp_path: Path) -> None:
    out = tmp_path / "sim"
    made = run_kg(
        "simulate", "--scenario", "contagion", "--officers", 60, "--teams", 3, "--months", 24, "--out", out
    )
    assert made.exit_code == 0, made.output
    truth = json.loads((out / "ground_truth.json").read_text(encoding="utf-8"))
    assert truth["contagion"] is True and truth["transmissions"]
    assert run_kg("validate", out).exit_code == 0
    again = run_kg("simulate", "--scenario", "contagion", "--officers", 60, "--teams", 3, "--months", 24,
                   "--out", tmp_path / "sim2")  # fmt: skip
    assert [(p.name, p.read_bytes()) for p in sorted(out.rglob("*.csv"))] == [
        (p.name, p.read_bytes()) for p in sorted((tmp_path / "sim2").rglob("*.csv"))
    ] and again.exit_code == 0
    evaluated_run = run_kg("evaluate", out, "--shuffles", 49, "--out", tmp_path / "evaluation.json")
    assert evaluated_run.exit_code == 0, evaluated_run.output
    assert "shuffle:team" in evaluated_run.output and "seed recall at k" in evaluated_run.output
    assert json.loads((tmp_path / "evaluation.json").read_text(encoding="utf-8"))["scenario"] == "contagion"


def test_evaluate_needs_a_ground_truth(tmp_path: Path) -> None:
    from tests.conftest import TINY

    result = run_kg("evaluate", TINY)
    assert result.exit_code == 2 and "ground_truth.json: missing" in result.output


def test_bad_simulation_settings_name_the_flag(tmp_path: Path) -> None:
    result = run_kg("simulate", "--officers", 5, "--teams", 10, "--out", tmp_path / "x")
    assert result.exit_code == 2 and "--officers must be at least twice --teams" in result.output
    assert not (tmp_path / "x").exists()
