"""The risk set and the exposure-before-adoption rule, worked by hand; the restricted nulls never
place an adoption where the officer could not have adopted, and their compiled swap round does
what its whole-array definition does (property tests)."""

from __future__ import annotations

from datetime import date

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.analysis.contagion import null_draw, shuffled_adoptions, swap_round
from kg.analysis.exposure import spread_model
from kg.analysis.involvement import Adoption
from kg.analysis.periods import Periods
from kg.analysis.risk_set import RiskSet, Strata, risk_set
from kg.analysis.ties import Membership, Tie
from kg.analysis.transmission import candidate_sources

WINDOW = (date(2017, 1, 1), date(2017, 12, 31))
PERIODS = Periods(*WINDOW)


def test_presence_follows_service_rolls_and_the_window() -> None:
    """a: no dates, no roll (present all year). b: joined 10 May. c: on t1 Jan–Mar, off the roll
    April–June, back from July. d: left 20 August, with an open-ended membership (it ends then).
    e: on a roll only in 2015 (never present in the window), but adopted in March (a conflict)."""
    rolls = [
        Membership("c", "t1", date(2016, 1, 1), date(2017, 3, 31)),
        Membership("c", "t1", date(2017, 7, 1), None),
        Membership("d", "t1", date(2015, 1, 1), None),
        Membership("e", "t2", date(2015, 1, 1), date(2015, 12, 31)),
    ]
    presence = {"b": (date(2017, 5, 10), None), "d": (None, date(2017, 8, 20))}
    found = risk_set(list("abcde"), PERIODS, {"e": 2}, presence, rolls, WINDOW[1])
    months = [[int(x) for x in row] for row in found.present]
    assert months == [
        [1] * 12,
        [0] * 4 + [1] * 8,
        [1] * 3 + [0] * 3 + [1] * 6,
        [1] * 8 + [0] * 4,
        [0, 0, 1] + [0] * 9,
    ]
    assert found.conflicts == 1
    assert found.at_risk()[4].tolist() == [False, False, True] + [False] * 9


def test_a_tie_formed_in_or_after_the_adoption_month_never_counts() -> None:
    """c adopts on 30 April through incident i-c, in which a (adopted in January) also took part:
    that tie is the adopting incident's own. b messaged c on 10 April (same month, before the
    adoption day) and d on 5 May (after). Only ties in force before April began can count."""
    adoptions = {
        "a": Adoption(date(2017, 1, 15), "a", "i-a", "PARTICIPATED_IN"),
        "b": Adoption(date(2017, 2, 15), "b", "i-b", "PARTICIPATED_IN"),
        "d": Adoption(date(2017, 1, 20), "d", "i-d", "PARTICIPATED_IN"),
        "c": Adoption(date(2017, 4, 30), "c", "i-c", "PARTICIPATED_IN"),
    }
    ties = [
        Tie("a", "c", "coparticipation", date(2017, 4, 30), None, 1, ("i-c",)),
        Tie("b", "c", "message", date(2017, 4, 10), None, 1, ("m-1",), directed=True),
        Tie("d", "c", "message", date(2017, 5, 5), None, 1, ("m-2",), directed=True),
    ]
    model = spread_model(list("abcd"), adoptions, ties, window=WINDOW)
    april = 3
    assert model.exposure_counts()[2, : april + 1].tolist() == [0, 0, 0, 0]
    tree = candidate_sources(model, adoptions, ties, {"m-1": date(2017, 4, 10), "m-2": date(2017, 5, 5)}.get)
    assert [n.candidates for n in tree if n.officer == "c"] == [()]  # c is a seed under the rule


def test_a_tie_in_force_before_the_month_counts_with_its_earlier_evidence_only() -> None:
    adoptions = {
        "a": Adoption(date(2017, 1, 15), "a", "i-a", "PARTICIPATED_IN"),
        "c": Adoption(date(2017, 4, 30), "c", "i-c", "PARTICIPATED_IN"),
    }
    ties = [Tie("a", "c", "message", date(2017, 2, 1), None, 2, ("m-feb", "m-apr"), directed=True)]
    model = spread_model(["a", "c"], adoptions, ties, window=WINDOW)
    assert model.exposure_counts()[1, :4].tolist() == [0, 0, 1, 1]  # from March: in force on 28 February
    days = {"m-feb": date(2017, 2, 1), "m-apr": date(2017, 4, 2)}
    (node,) = [n for n in candidate_sources(model, adoptions, ties, days.get) if n.officer == "c"]
    assert [(c.officer, c.evidence) for c in node.candidates] == [("a", ("m-feb",))]


@st.composite
def units(draw: st.DrawFn):
    """Up to 12 officers over 24 months with random presence, in 3 teams; some adopt while present."""
    count = draw(st.integers(2, 12))
    present = np.array(
        draw(st.lists(st.lists(st.booleans(), min_size=24, max_size=24), min_size=count, max_size=count))
    )
    teams = np.array([[draw(st.integers(-1, 2))] * 24 for _ in range(count)])
    adopted = np.full(count, -1)
    for i in range(count):
        months = np.flatnonzero(present[i])
        if len(months) and draw(st.booleans()):
            adopted[i] = draw(st.sampled_from(months.tolist()))
    return present, teams, adopted


@settings(max_examples=200, deadline=None)
@given(units(), st.integers(0, 2**16))
def test_restricted_shuffles_never_place_an_adoption_outside_presence(unit, seed: int) -> None:
    present, teams, adopted = unit
    if (adopted >= 0).sum() < 2:
        return
    model = spread_model(
        [f"o{i}" for i in range(len(adopted))],
        _adoptions(adopted),
        window=(date(2000, 1, 1), date(2001, 12, 31)),
    )
    model = type(model)(model.periods, model.people, present, adopted, {}, {}, 0)
    strata = Strata(teams, np.zeros(len(adopted), dtype=np.int64))
    quarter = adopted // 3
    for null in ("risk-set", "team", "team-quarter"):
        draw = null_draw(model, null, seed, strata)
        for index in range(3):
            shuffled = shuffled_adoptions(model, draw, seed, index)
            who = np.flatnonzero(adopted >= 0)
            assert present[who, shuffled[who]].all()
            assert sorted(shuffled[who]) == sorted(adopted[who])  # a permutation of the observed periods
            if null != "risk-set":
                for block in set(teams[who, 0]):
                    mine = who[teams[who, 0] == block]
                    assert sorted(shuffled[mine]) == sorted(adopted[mine])  # each team keeps its periods
            if null == "team-quarter":
                assert (shuffled[who] // 3 == quarter[who]).all()


def _swap_round_definition(order: np.ndarray, present: np.ndarray, periods: np.ndarray,
                           blocks: np.ndarray | None) -> np.ndarray:  # fmt: skip
    """One round of the swap chain with whole-array operations: ``order`` stably sorted by block,
    neighbours paired, and the pairs allowed to swap swapped at once."""
    periods = periods.copy()
    if blocks is not None:
        order = order[np.argsort(blocks[order], kind="stable")]
    a, b = order[0 : len(order) - 1 : 2], order[1 : len(order) : 2]
    ok = present[a, periods[b]] & present[b, periods[a]]
    if blocks is not None:
        ok &= blocks[a] == blocks[b]
    a, b = a[ok], b[ok]
    periods[a], periods[b] = periods[b], periods[a].copy()
    return periods


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_the_compiled_swap_round_equals_its_definition(data: st.DataObject) -> None:
    officers, months = data.draw(st.integers(0, 25)), data.draw(st.integers(1, 8))
    cells = data.draw(st.lists(st.booleans(), min_size=officers * months, max_size=officers * months))
    present = np.array(cells, dtype=bool).reshape(officers, months)
    periods = np.array(
        data.draw(st.lists(st.integers(0, months - 1), min_size=officers, max_size=officers)), dtype=np.int64
    )
    blocks = np.array(
        data.draw(st.lists(st.integers(0, 5), min_size=officers, max_size=officers)), dtype=np.int64
    )
    order = np.array(data.draw(st.permutations(range(officers))), dtype=np.int64)
    for grouped in (False, True):
        found = periods.copy()
        swap_round(order, present, found, blocks if grouped else np.zeros(0, dtype=np.int64), grouped)
        assert (
            found.tolist()
            == _swap_round_definition(order, present, periods, blocks if grouped else None).tolist()
        )


def _adoptions(adopted: np.ndarray) -> dict[str, Adoption]:
    return {
        f"o{i}": Adoption(date(2000 + p // 12, p % 12 + 1, 1), f"o{i}", "i", "SENT")
        for i, p in enumerate(adopted.tolist())
        if p >= 0
    }


def test_at_risk_ends_with_the_adoption() -> None:
    found = RiskSet(np.ones((2, 4), dtype=bool), np.array([1, -1]), 0)
    assert found.at_risk().astype(int).tolist() == [[1, 1, 0, 0], [1, 1, 1, 1]]
