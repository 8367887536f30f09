"""The synthetic case used by the benchmarks: valid, sized as documented, reproducible."""

from __future__ import annotations

import pytest

from kg.graph import build_graph
from kg.sources.synthetic import synthetic_case
from kg.validate import validate_case


def test_a_synthetic_case_is_valid_and_sized_as_documented() -> None:
    case = synthetic_case(20)
    assert validate_case(case) == []
    counts = case.counts()
    assert (counts["Officer"], counts["Team"], counts["ChatGroup"], counts["SUPERVISES"]) == (20, 2, 2, 2)
    assert counts["Incident"] == counts["SENT"] == counts["POSTED_IN"] == 20 * 4
    assert counts["RECEIVED"] == 3 * counts["SENT"]
    graph = build_graph(case)
    # per officer: itself, MEMBER_OF, IN_CHAT, and 4 messages with SENT, 3 RECEIVED, POSTED_IN, IN_CATEGORY;
    # per team: the team, its chat, SUPERVISES; then 5 categories and 1 source
    assert graph.number_of_nodes() + graph.number_of_edges() == 20 * (3 + 4 * 7) + 2 * 3 + 5 + 1


def test_the_same_arguments_give_the_same_case_and_another_seed_another() -> None:
    def messages(seed: int) -> list[tuple[str, str]]:
        return [(r.start_id, r.end_id) for r in synthetic_case(30, seed=seed).relationships["SENT"]]

    assert messages(1) == messages(1)
    assert messages(1) != messages(2)


def test_too_few_officers_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 10 officers"):
        synthetic_case(5)
