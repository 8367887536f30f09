"""The shuffle table (plain officers as weights, the rest as a model) gives the same exposure
table as the full model, for the observed adoption periods and for shuffled ones."""

from datetime import date, timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.analysis.exposure import spread_model
from kg.analysis.involvement import Adoption
from kg.analysis.shuffle_table import ShuffleTable
from kg.analysis.ties import Membership, Tie

START = date(2016, 1, 1)


def day(offset: int) -> date:
    return START + timedelta(days=offset)


@st.composite
def models(draw: st.DrawFn):
    """Up to 12 officers in overlapping team and chat stints, a few pair ties, some presence
    windows, and at least two adopters, over about three years."""
    people = [f"o{i:02d}" for i in range(draw(st.integers(2, 12)))]
    span = st.tuples(st.integers(0, 1100), st.integers(0, 600), st.booleans())
    groups: dict[str, list[Membership]] = {"team": [], "chat": []}
    for person in people:
        for tie_type, prefix in (("team", "t"), ("chat", "c")):
            for _ in range(draw(st.integers(0, 3 if tie_type == "team" else 1))):
                start, length, open_ended = draw(span)
                end = None if open_ended else day(start + length)
                groups[tie_type].append(
                    Membership(person, f"{prefix}{draw(st.integers(0, 2))}", day(start), end)
                )
    ties = []
    for _ in range(draw(st.integers(0, 6))):
        a, b = draw(st.lists(st.sampled_from(people), min_size=2, max_size=2, unique=True))
        start, length, open_ended = draw(span)
        tie_type, directed = draw(st.sampled_from([("coparticipation", False), ("message", True)]))
        ties.append(
            Tie(a, b, tie_type, day(start), None if open_ended else day(start + length), 1, ("i",), directed)
        )
    presence = {}
    for person in draw(st.lists(st.sampled_from(people), unique=True)):
        start, length, open_ended = draw(span)
        presence[person] = (day(start), None if open_ended else day(start + length))
    adopters = draw(st.lists(st.sampled_from(people), min_size=2, unique=True))
    adoptions = {p: Adoption(day(draw(st.integers(0, 1100))), p, "i", "SENT") for p in adopters}
    seeds = draw(st.lists(st.integers(0, 2**32 - 1), min_size=1, max_size=4))
    return spread_model(people, adoptions, ties, "month", presence, groups), seeds


@settings(max_examples=200, deadline=None)
@given(models())
def test_the_table_equals_the_full_count(case) -> None:
    model, seeds = case
    table = ShuffleTable.of(model)
    assert [a.tolist() for a in table.exposure_table(model.adopted)] == [
        a.tolist() for a in model.exposure_table()
    ]
    who = model.adopters
    for seed in seeds:
        adopted = model.adopted.copy()
        adopted[who] = np.random.default_rng(seed).permutation(model.adopted[who])
        assert [a.tolist() for a in table.exposure_table(adopted)] == [
            a.tolist() for a in model.exposure_table(adopted)
        ]


def test_plain_officers_are_counted_as_weights() -> None:
    """a and b adopt; c shares team t1 with them; d is in t1 and chat h1 at once; e has a pair
    tie with a; f is in no group. Plain: c (one group), d (two groups) and f (none)."""
    team = [Membership(p, "t1", date(2017, 1, 1), None) for p in "abcd"]
    chat = [Membership("d", "h1", date(2017, 1, 1), None), Membership("a", "h1", date(2017, 1, 1), None)]
    tie = Tie("a", "e", "coparticipation", date(2017, 1, 1), None, 1, ("i",))
    adoptions = {
        "a": Adoption(date(2017, 1, 5), "a", "i", "SENT"),
        "b": Adoption(date(2017, 4, 5), "b", "i", "SENT"),
    }
    model = spread_model(list("abcdef"), adoptions, [tie], "month", None, {"team": team, "chat": chat})
    table = ShuffleTable.of(model)
    assert table.rest.people == ["a", "b", "e"]
    # groups count from the day before a period: memberships from 1 January count from February.
    # c at risk January-April, in t1 (group 0) from February: one officer-period per cell
    assert {t: w.tolist() for t, w in table.single.items()} == {"team": [0, 1, 1, 1], "chat": [0, 0, 0, 0]}
    # d's periods from February, each in t1 and h1
    assert table.several_count == 3
    assert {t: (n.tolist(), c.tolist()) for t, (n, c) in table.several.items()} == {
        "team": ([0, 1, 2], [1, 2, 3]),
        "chat": ([0, 1, 2], [1, 2, 3]),
    }
    assert table.alone == 4 + 1 + 1  # f all four months; c and d in January
