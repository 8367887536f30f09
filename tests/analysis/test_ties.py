from datetime import date

import networkx as nx
import pytest

from kg.analysis.networks import (
    chat_network,
    combined_network,
    coparticipation_network,
    message_network,
    structure_network,
    team_network,
)
from kg.analysis.ties import (
    PAIR_TIE_TYPES,
    TIE_TYPES,
    Membership,
    Tie,
    TieChoice,
    all_ties,
    coparticipation_ties,
    feasible_ties,
    group_memberships,
    message_ties,
    team_ties,
)
from tests.analysis.builder import GraphBuilder


def graph() -> nx.MultiDiGraph:
    b = GraphBuilder().officers("a", "b", "c", "d")
    b.node("p", "Person", name="Staff member")
    b.message("m1", "2017-03-05", "a", "b", "c", "p")
    b.message("m2", "2017-02-01", "a", "b")
    b.message("m3", "2017-04-01", "b", "a")
    b.incident("i1", "2017-01-10", incident_type="bullying").rel("b", "i1", "PARTICIPATED_IN").rel(
        "c", "i1", "PARTICIPATED_IN"
    )
    b.incident("c1", "2016-05-01", incident_type="complaint")
    b.rel("b", "c1", "ACCUSED_IN", final_finding="unfounded").rel(
        "c", "c1", "ACCUSED_IN", final_finding="sustained"
    )
    b.member("a", "t1", "2016-01-01", "2016-12-31").member("b", "t1", "2016-07-01", None)
    b.member("c", "t1", "2017-01-01", "2017-06-30").member("d", "t2", None, None)
    b.member("a", "t1", "2017-06-01", None)  # a rejoins t1
    b.member("a", "chat", "2016-01-01", None, kind="IN_CHAT").member(
        "d", "chat", "2016-06-01", None, kind="IN_CHAT"
    )
    return b.graph


def d(text: str) -> date:
    return date.fromisoformat(text)


def test_message_ties_run_from_sender_to_each_officer_recipient() -> None:
    assert message_ties(graph()) == [
        Tie("a", "b", "message", d("2017-02-01"), None, 2, ("m1", "m2"), True),
        Tie("a", "c", "message", d("2017-03-05"), None, 1, ("m1",), True),
        Tie("b", "a", "message", d("2017-04-01"), None, 1, ("m3",), True),
    ]


def test_coparticipation_counts_shared_incidents_and_co_accusal_whatever_the_finding() -> None:
    assert coparticipation_ties(graph()) == [
        Tie("b", "c", "coparticipation", d("2016-05-01"), None, 2, ("c1", "i1"))
    ]


def test_team_ties_hold_only_while_both_were_members() -> None:
    assert team_ties(graph()) == [
        Tie("a", "b", "team", d("2016-07-01"), d("2016-12-31"), 1, ("t1",)),
        Tie("a", "b", "team", d("2017-06-01"), None, 1, ("t1",)),
        Tie("a", "c", "team", d("2017-06-01"), d("2017-06-30"), 1, ("t1",)),
        Tie("b", "c", "team", d("2017-01-01"), d("2017-06-30"), 1, ("t1",)),
    ]  # a left t1 before c joined, so their only tie is after a rejoined; d shares no team


def test_ties_among_a_set_are_the_full_ties_that_touch_it() -> None:
    full = all_ties(graph(), ("team", "chat"))
    for among in ({"a"}, {"c"}, {"a", "b"}, set()):
        expected = [t for t in full if t.source in among or t.target in among]
        assert all_ties(graph(), ("team", "chat"), among) == expected


def test_unknown_tie_type_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown tie types"):
        all_ties(graph(), ("friendship",))


def test_projections_have_every_officer_and_weighted_ties() -> None:
    messages = message_network(graph())
    assert sorted(messages.nodes) == ["a", "b", "c", "d"]
    assert (
        messages.is_directed()
        and messages.edges["a", "b"]["weight"] == 2
        and messages.edges["b", "a"]["weight"] == 1
    )
    assert messages.edges["a", "b"]["since"] == "2017-02-01"
    co = coparticipation_network(graph())
    assert list(co.edges(data="weight")) == [("b", "c", 2)]
    teams = team_network(graph())
    assert teams.edges["a", "b"]["periods"] == [["2016-07-01", "2016-12-31"], ["2017-06-01", None]]
    assert teams.edges["a", "b"]["weight"] == 2 and teams.degree("d") == 0
    assert list(chat_network(graph()).edges(data="since")) == [("a", "d", "2016-06-01")]


def test_combined_network_adds_each_tie_type_once_with_its_weight() -> None:
    g = graph()
    combined = combined_network(all_ties(g), sorted(n for n, k in g.nodes(data="kind") if k == "Officer"))
    assert combined.edges["a", "b"]["types"] == ("message", "team")
    assert combined.edges["a", "b"]["weight"] == 1.0 + 0.5  # two messages and two stints count once each
    assert combined.edges["b", "c"]["weight"] == 1.0 + 0.5
    assert combined.edges["a", "d"]["weight"] == 0.5
    only_messages = combined_network(
        all_ties(g), ["a", "b", "c", "d"], {"team": 0, "chat": 0, "coparticipation": 0}
    )
    assert sorted(only_messages.edges) == [("a", "b"), ("a", "c")]


def test_group_ties_too_many_to_list_are_left_out_by_default_and_said_so() -> None:
    """Decided from group sizes alone: team t1 has 2 members (1 pair), chat g1 has 3 (3 pairs)."""
    b = GraphBuilder().officers("a", "b", "c")
    b.member("a", "t1", "2016-01-01", None).member("b", "t1", "2016-01-01", None)
    for officer in ("a", "b", "c"):
        b.member(officer, "g1", "2016-01-01", None, kind="IN_CHAT")
    assert feasible_ties(group_memberships(b.graph), limit=4) == TieChoice(TIE_TYPES, {}, 4)
    choice = feasible_ties(group_memberships(b.graph), limit=2)
    assert choice == TieChoice(("message", "coparticipation", "team"), {"chat": 3}, 2)
    assert choice.note() == "chat ties left out: about 3 pairs, more than the 2 kg lists"
    assert feasible_ties(group_memberships(b.graph), limit=0).kept == ("message", "coparticipation")


def test_the_auto_network_is_the_combined_one_when_every_tie_can_be_listed() -> None:
    g = graph()
    people = sorted(n for n, k in g.nodes(data="kind") if k == "Officer")
    pairs = all_ties(g, PAIR_TIE_TYPES)
    auto, choice = structure_network(g, people, "auto", {}, pairs, group_memberships(g))
    combined, _ = structure_network(g, people, "combined", {}, pairs, group_memberships(g))
    assert choice.left_out == {} and choice.kept == TIE_TYPES
    assert sorted(auto.edges(data=True)) == sorted(combined.edges(data=True))


def test_group_memberships_are_officers_in_teams_and_chats_in_one_pass() -> None:
    """A person's chat membership is not an officer's; each list is sorted by group, officer, dates."""
    b = GraphBuilder().officers("b", "a")
    b.node("p", "Person", name="Staff member")
    b.member("b", "t1", "2016-02-01", None).member("a", "t1", "2016-03-01", "2016-04-01")
    b.member("a", "t1", "2016-01-01", "2016-01-31")
    b.member("b", "g1", "2016-01-01", None, kind="IN_CHAT").member(
        "p", "g1", "2016-01-01", None, kind="IN_CHAT"
    )
    day = date.fromisoformat
    assert group_memberships(b.graph) == {
        "team": [
            Membership("a", "t1", day("2016-01-01"), day("2016-01-31")),
            Membership("a", "t1", day("2016-03-01"), day("2016-04-01")),
            Membership("b", "t1", day("2016-02-01"), None),
        ],
        "chat": [Membership("b", "g1", day("2016-01-01"), None)],
    }
