"""What the report says about spread: each sentence follows from which tests rejected, under which
null, and what the data can identify (docs/analysis.md, "Reading the spread tests").

The wording never says "spread" or "likely" beyond what a test shows: the time-shuffle test under
its null is the verdict; the hazard model gives the size of the effect and the ranking of
candidate sources; the placebo says whether a shared cause is visible; and where no exposure
differs within a team and quarter, the report says that timing cannot separate peer influence
from a change that reached the whole team.
"""

from __future__ import annotations

from kg.analysis.contagion import ShuffleTest
from kg.analysis.hazard import PAIR, HazardFit
from kg.analysis.spread import Spread

LEVEL = 0.05
FEW_CLUSTERS = 20
"""Below this many teams the hazard model's clustered p-values run too small (docs/analysis.md)."""
NULL_WORDS = {
    "team": "adoption times permuted only between officers on the same team's roll, each present at the other's time",
    "team-quarter": "adoption times permuted only within a team and a calendar quarter, between officers present "
    "at both times",
    "risk-set": "adoption times permuted between officers present at both times, across teams",
    "all": "adoption times permuted among all adopters, whether or not they were present (the original test; it "
    "rejects too often where officers join, leave or are off the roll)",
}
SHARED_CAUSE = {
    "team": "a change that reached a whole team at once (a new commander, a crackdown) or teams that differ in how "
    "prone their officers are",
    "team-quarter": "a change that reached a whole team within a quarter, or teams that differ",
}


def _shuffles(test: ShuffleTest) -> str:
    if not test.stopped_early:
        return f"{test.shuffles:,} shuffles"
    return (f"{test.shuffles:,} shuffles, stopped early of {test.budget:,} once {test.stop_after} had reached the observed "
            "alpha (Besag & Clifford's rule: the p-value stays exact)")  # fmt: skip


def shuffle_test_sentence(test: ShuffleTest | None) -> str:
    """The verdict of the time-shuffle test, under its null."""
    if test is None:
        return "With fewer than two officers adopting on a known date there is no timing to test."
    head = (
        f"Time-shuffle test ({NULL_WORDS[test.null]}; {_shuffles(test)}, seed {test.seed}): alpha = "
        f"{test.alpha:.3f} against {test.shuffled_alpha_mean:.3f} ± {test.shuffled_alpha_sd:.3f} under the null, "
        f"p = {test.p_value:.3f}."
    )
    if test.p_value < LEVEL:
        ruled_out = SHARED_CAUSE.get(test.null)
        tail = (
            " Officers adopted after their ties had adopted more often than their timing would give by chance"
            + (f"; {ruled_out} cannot produce that under this null." if ruled_out else ".")
            + " It does not rule out officers who chose partners like themselves."
        )
    else:
        tail = " The order of adoption is not distinguishable from chance on these ties under this null."
    return head + tail


def hazard_sentence(hazard: HazardFit) -> str:
    """What the hazard model estimates, or why it cannot."""
    term = hazard.term(PAIR)
    if not hazard.identified or term is None:
        return (
            "No officer at risk was exposed through a pair tie (a message received or an incident shared) that differs "
            "between officers of one team in one quarter: timing alone cannot separate peer influence from a change "
            "that reached the whole team."
        )
    caveat = (
        f" With {hazard.clusters} teams the model's clustered p-values run too small (docs/analysis.md), so it gives "
        "the size of the effect, not the verdict."
        if hazard.clusters < FEW_CLUSTERS
        else ""
    )
    return (
        f"Hazard model (team × quarter effects, {hazard.rows:,} officer-periods at risk, {hazard.adoptions:,} "
        f"adoptions, errors clustered by {hazard.clusters} teams): each step of log(1 + exposed pair ties) changes "
        f"the monthly chance of adopting by {term.coefficient * 100:+.2f} percentage points (baseline {hazard.baseline:.2%}; one-sided "
        f"p = {term.p_value:.3f}).{caveat}"
    )


def placebo_sentence(placebo: HazardFit) -> str | None:
    """The placebo's reading (None when there is no placebo to read)."""
    p_value = placebo.p_value
    if p_value is None:
        return None
    if p_value < LEVEL:
        return (
            f"Placebo (ties to officers who adopt only in the next year): p = {p_value:.3f}. It responds, which a cause "
            "shared by partners or influence from the officer to their partners would both produce."
        )
    return f"Placebo (ties to officers who adopt only in the next year): p = {p_value:.3f}, nothing found."


def spread_paragraphs(spread: Spread) -> list[str]:
    """The test, the hazard model and the placebo, in that order."""
    return [
        p
        for p in (
            shuffle_test_sentence(spread.test),
            hazard_sentence(spread.hazard),
            placebo_sentence(spread.placebo),
        )
        if p
    ]


def candidates_paragraph(spread: Spread | None) -> str:
    """How to read the candidate sources."""
    ranked = spread is not None and any(c.share is not None for node in spread.tree for c in node.candidates)
    ranking = (
        "The share is the part of the adopter's modelled hazard that the candidate's ties account for in the hazard "
        "model."
        if ranked
        else "The hazard model gives no likelihood to rank them by, so they are listed by date, unranked."
    )
    return (
        "For each adopter, the earlier adopters tied to them before their adoption month began (candidate sources), "
        f"with the evidence dated before that month. {ranking} A candidate could have passed the behaviour on; the "
        "data cannot show that they did."
    )
