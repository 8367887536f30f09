"""Compare what the spread analysis says with what really happened in a simulated unit
(``kg evaluate``; the truth is the ``ground_truth.json`` that ``kg simulate`` writes).

For all misconduct, every test is run and its decision at :data:`LEVEL` recorded: the time-shuffle
test under each null of :data:`~kg.analysis.risk_set.NULLS`, the hazard model and its placebo.
Then:

- *seed recall@k*: adopters ranked by the modelled chance that they adopted on their own (1 for an
  adopter with no candidate source, else the baseline's share of their modelled hazard); the share
  of the k true seeds (adopters who adopted on their own) among the first k;
- *candidate-source precision and recall*: a transmission is named when an adopter's top
  candidate accounts for at least half of their modelled hazard; precision is the share of named
  transmissions that are true, recall the share of true ones named; *coverage* is the share of
  true transmissions whose source is among the adopter's candidates at all;
- *crew recovery*: the share of true crews matched by a found crew (Jaccard ≥ 0.5).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import networkx as nx

from kg.analysis.contagion import time_shuffle_test
from kg.analysis.context import AnalysisContext
from kg.analysis.crews import crew_recovery, crews
from kg.analysis.involvement import ALL
from kg.analysis.options import AnalysisOptions
from kg.analysis.risk_set import NULLS
from kg.analysis.transmission import TreeNode
from kg.errors import UsageError
from kg.graph import build_graph
from kg.sources.case_folder import load_case
from kg.sources.simulate import GROUND_TRUTH

LEVEL = 0.05
TESTS = (*(f"shuffle:{null}" for null in NULLS), "hazard", "placebo")


@dataclass(frozen=True)
class Decision:
    test: str
    p_value: float | None
    rejected: bool | None
    """None when the test could not be made (too few adopters, nothing identified)."""


@dataclass(frozen=True)
class Evaluation:
    scenario: str
    contagion: bool
    adopters: int
    true_adopters: int
    decisions: tuple[Decision, ...]
    seed_recall_at_k: float | None
    candidate_precision: float | None
    candidate_recall: float | None
    candidate_coverage: float | None
    crew_recovery: float | None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    def decision(self, test: str) -> Decision:
        return next(d for d in self.decisions if d.test == test)


def evaluate_graph(graph: nx.MultiDiGraph, truth: dict, options: AnalysisOptions | None = None) -> Evaluation:
    """Evaluate the spread analysis of all misconduct in ``graph`` against ``truth``."""
    options = replace(options or AnalysisOptions(), max_categories=0, categories=None)
    spread = AnalysisContext(graph, options).spread.get(ALL)
    decisions = []
    if spread is not None:
        for null in NULLS:
            test = (
                spread.test
                if null == options.null or spread.test is None
                else time_shuffle_test(
                    spread.model, options.shuffles, options.seed, null=null, strata=spread.strata
                )
            )
            decisions.append(_decision(f"shuffle:{null}", test.p_value if test else None))
        decisions += [
            _decision("hazard", spread.hazard.p_value),
            _decision("placebo", spread.placebo.p_value),
        ]
        seed_recall, precision, recall, coverage = _sources(spread.tree, truth)
    else:
        decisions = [Decision(test, None, None) for test in TESTS]
        seed_recall = precision = recall = coverage = None
    found = [c.officers for c in crews(graph)]
    adopters = len(spread.adoptions) if spread else 0
    return Evaluation(truth["scenario"], bool(truth["contagion"]), adopters, len(truth["adoptions"]), tuple(decisions),
                      seed_recall, precision, recall, coverage, crew_recovery(found, truth.get("crews", [])))  # fmt: skip


def _decision(test: str, p_value: float | None) -> Decision:
    return Decision(test, p_value, None if p_value is None else p_value < LEVEL)


def _sources(
    tree: list[TreeNode], truth: dict
) -> tuple[float | None, float | None, float | None, float | None]:
    true_seeds = set(truth["seeds"])
    true_edges = {tuple(edge) for edge in truth["transmissions"]}
    alone = {}
    named, candidates = set(), set()
    for node in tree:
        weights = [c.share for c in node.candidates if c.share is not None]
        alone[node.officer] = 1.0 if node.is_seed else (1.0 - sum(weights) if weights else 0.5)
        candidates.update((c.officer, node.officer) for c in node.candidates)
        top = node.top_candidate
        if top is not None and top.share is not None and top.share >= 0.5:
            named.add((top.officer, node.officer))
    k = len(true_seeds)
    first = sorted(alone, key=lambda o: (-alone[o], o))[:k]
    seed_recall = len(true_seeds & set(first)) / k if k else None
    precision = len(named & true_edges) / len(named) if named else None
    recall = len(named & true_edges) / len(true_edges) if true_edges else None
    coverage = len(candidates & true_edges) / len(true_edges) if true_edges else None
    return seed_recall, precision, recall, coverage


def evaluate(case: str | Path, options: AnalysisOptions | None = None) -> Evaluation:
    """Evaluate the spread analysis of a simulated case folder against its ``ground_truth.json``.

    >>> from kg.sources.simulate import SimulationSettings, simulate_case
    >>> _ = simulate_case(SimulationSettings("null", officers=60, teams=3, months=24), "exports/doctest-sim", replace=True)
    >>> result = evaluate("exports/doctest-sim", AnalysisOptions(shuffles=19))
    >>> result.scenario, result.contagion, [d.test for d in result.decisions][:2]
    ('null', False, ['shuffle:risk-set', 'shuffle:team'])
    """
    folder = Path(case)
    truth_file = folder / GROUND_TRUTH
    if not truth_file.is_file():
        raise UsageError(
            f"{truth_file}: missing; kg evaluate compares with the ground truth that kg simulate writes"
        )
    try:
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
    except ValueError as err:
        raise UsageError(f"{truth_file}: not valid JSON ({err}); write it again with kg simulate") from None
    return evaluate_graph(build_graph(load_case(folder)), truth, options)
