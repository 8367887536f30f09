"""The report's sentences about spread follow from the tests: which rejected, under which null,
and what the data can identify; no "likely" anywhere without a likelihood."""

from __future__ import annotations

import re
from pathlib import Path

from kg.analysis import AnalysisOptions, analyze_graph
from kg.analysis.contagion import ShuffleTest
from kg.analysis.hazard import PAIR, HazardFit, HazardTerm
from kg.analysis.report import write_analysis
from kg.analysis.spread_wording import hazard_sentence, placebo_sentence, shuffle_test_sentence
from kg.build import graph_from
from tests.conftest import HOTTON


def shuffle(p_value: float, null: str = "team") -> ShuffleTest:
    return ShuffleTest(0.5, 0.1, 0.05, p_value, 99, 0, 20, null)


def fit(p_value: float | None, clusters: int = 40, identified: bool = True) -> HazardFit:
    terms = (HazardTerm(PAIR, 0.01, 0.004, p_value if p_value is not None else 1.0),)
    return HazardFit(terms, PAIR, identified, 5000, 60, 300, clusters, 0.004)


def test_a_rejection_under_the_team_null_rules_out_team_wide_change_and_not_homophily() -> None:
    text = shuffle_test_sentence(shuffle(0.01))
    assert "p = 0.010" in text and "same team's roll" in text
    assert (
        "a change that reached a whole team at once" in text and "cannot produce that under this null" in text
    )
    assert "does not rule out officers who chose partners like themselves" in text


def test_a_rejection_under_the_risk_set_null_claims_nothing_about_teams() -> None:
    text = shuffle_test_sentence(shuffle(0.01, "risk-set"))
    assert "across teams" in text and "whole team" not in text


def test_no_rejection_says_so() -> None:
    assert "not distinguishable from chance" in shuffle_test_sentence(shuffle(0.4))
    assert "no timing to test" in shuffle_test_sentence(None)


def test_without_exposure_that_varies_within_teams_timing_cannot_separate_the_causes() -> None:
    text = hazard_sentence(fit(None, identified=False))
    assert "timing alone cannot separate peer influence from a change that reached the whole team" in text


def test_few_teams_make_the_hazard_model_an_estimate_not_a_verdict() -> None:
    assert "gives the size of the effect, not the verdict" in hazard_sentence(fit(0.01, clusters=6))
    assert "not the verdict" not in hazard_sentence(fit(0.01, clusters=60))


def test_the_placebo_reading() -> None:
    assert "nothing found" in placebo_sentence(fit(0.6))
    assert "cause shared by partners" in placebo_sentence(fit(0.01))
    assert placebo_sentence(fit(None, identified=False)) is None


def test_no_report_says_likely(tmp_path: Path) -> None:
    write_analysis(analyze_graph(graph_from(HOTTON), AnalysisOptions(shuffles=20)), tmp_path)
    for name in ("report.md", "report.html"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert not re.search(r"\blikel(y|iest)\b", text, re.I), name
