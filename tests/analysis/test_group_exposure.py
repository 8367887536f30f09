"""Team and chat exposure counted from dated memberships equals the same exposure counted from
the team ties listed pair by pair (two independent computations), on random units.

Exposure is counted in periods: two officers are tied in a month when both were in the group
on the day before it began. The random stints run from the first of a month to the last day of one, so
that the day-exact pair ties and the month-level counts describe the same thing."""

from datetime import date, timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.analysis.exposure import population, scope_model, spread_model
from kg.analysis.involvement import Adoption
from kg.analysis.periods import Periods
from kg.analysis.ties import group_memberships, officers, team_ties
from kg.analysis.transmission import candidate_sources
from tests.analysis.builder import GraphBuilder

START = date(2016, 1, 1)


def first_of(month: int) -> date:
    return date(START.year + month // 12, month % 12 + 1, 1)


@st.composite
def units(draw: st.DrawFn):
    """Up to 8 officers, each in a sequence of non-overlapping stints in 3 teams over 3 years;
    some adopt on random days."""
    people = [f"o{i}" for i in range(draw(st.integers(2, 8)))]
    b = GraphBuilder().officers(*people)
    for person in people:
        month = draw(st.integers(0, 12))
        for _ in range(draw(st.integers(1, 3))):
            months = draw(st.integers(1, 15))
            open_ended = draw(st.booleans()) and months > 12
            end = None if open_ended else first_of(month + months) - timedelta(days=1)
            b.member(
                person,
                f"t{draw(st.integers(0, 2))}",
                first_of(month).isoformat(),
                end.isoformat() if end else None,
            )
            if end is None:
                break
            month += months + draw(st.integers(0, 3))
    adopted = draw(st.lists(st.sampled_from(people), min_size=1, unique=True))
    adoptions = {
        p: Adoption(START + timedelta(days=draw(st.integers(0, 1000))), p, "i", "SENT") for p in adopted
    }
    return b.graph, adoptions


@settings(max_examples=150, deadline=None)
@given(units())
def test_group_counts_equal_pair_counts(unit) -> None:
    graph, adoptions = unit
    people = officers(graph)
    groups = {"team": group_memberships(graph)["team"]}
    by_group = spread_model(people, adoptions, groups=groups)
    by_pair = spread_model(people, adoptions, team_ties(graph))
    assert (by_group.exposure_counts(tie_type="team") == by_pair.exposure_counts(tie_type="team")).all()
    tree_group = candidate_sources(by_group, adoptions, [], lambda _: None, groups)
    tree_pair = candidate_sources(by_pair, adoptions, team_ties(graph), lambda _: None)
    assert [[c.officer for c in n.candidates] for n in tree_group] == [
        [c.officer for c in n.candidates] for n in tree_pair
    ]


def test_a_hand_example() -> None:
    """a, b in team t1 all year; c joins t1 in March; d in t2. a adopts in January, b in April."""
    b = GraphBuilder().officers("a", "b", "c", "d")
    b.member("a", "t1", "2017-01-01", None).member("b", "t1", "2017-01-01", None)
    b.member("c", "t1", "2017-03-10", None).member("d", "t2", "2017-01-01", None)
    adoptions = {
        "a": Adoption(date(2017, 1, 5), "a", "i", "SENT"),
        "b": Adoption(date(2017, 4, 5), "b", "i", "SENT"),
    }
    model = spread_model(officers(b.graph), adoptions, groups={"team": group_memberships(b.graph)["team"]})
    assert model.exposure_counts().tolist() == [
        [0, 0, 0, 0],  # a: b adopted in April, so could expose a only from May, after the window
        [0, 1, 1, 1],  # b: a from February (both members on 31 January)
        [0, 0, 0, 1],  # c: a from April (c joined on 10 March: a member on 31 March)
        [0, 0, 0, 0],  # d: another team
    ]


@settings(max_examples=150, deadline=None)
@given(units(), st.data())
def test_scopes_sharing_a_population_count_exposure_as_pair_ties_do(unit, data) -> None:
    """Every scope reuses one population's cells (cut to its exposing groups, or shared whole);
    its exposure equals that counted from the team ties listed pair by pair."""
    graph, adoptions = unit
    people = officers(graph)
    periods = Periods(START, START + timedelta(days=1100))
    shared = population(people, periods, groups={"team": group_memberships(graph)["team"]})
    for _ in range(3):
        chosen = data.draw(st.lists(st.sampled_from(sorted(adoptions)), min_size=1, unique=True))
        scope = {person: adoptions[person] for person in chosen}
        by_pair = spread_model(people, scope, team_ties(graph), window=(periods.first, periods.last))
        found = scope_model(shared, scope)
        counts = by_pair.exposure_counts(tie_type="team")
        assert (found.exposure_counts(tie_type="team") == counts).all()
        at_risk_by_k = found.exposure_table()[0]
        expected = np.bincount(counts[found.at_risk()], minlength=len(at_risk_by_k))
        assert at_risk_by_k.tolist() == expected.tolist()


def test_a_scope_cuts_the_cells_only_where_that_leaves_out_most_of_them() -> None:
    """t1 holds a and b all year, t2 holds c, d, e and f: an adopter in t1 alone leaves out t2's
    larger share of cells; adopters in both teams keep all of them, shared."""
    b = GraphBuilder().officers(*"abcdef")
    for person, team in zip("abcdef", ["t1", "t1", "t2", "t2", "t2", "t2"], strict=True):
        b.member(person, team, "2017-01-01", None)
    shared = population(officers(b.graph), Periods(date(2017, 1, 1), date(2017, 12, 31)),
                        groups={"team": group_memberships(b.graph)["team"]})  # fmt: skip
    one_team = scope_model(shared, {"a": Adoption(date(2017, 3, 5), "a", "i", "SENT")}).groups["team"]
    both = scope_model(shared, {p: Adoption(date(2017, 3, 5), p, "i", "SENT") for p in "ac"}).groups["team"]
    assert one_team.groups == ["t1"] and set(one_team.member.tolist()) == {0, 1}
    assert both is shared.groups["team"][1]
