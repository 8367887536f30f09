from datetime import date

import pytest

from kg.analysis.accountability import Accountability, OutcomeRate, accountability, outcome_rates
from kg.analysis.groups import GroupIndex
from kg.analysis.involvement import involvements
from kg.analysis.silence import bystanders, silence_by_team
from kg.analysis.supervision import (
    ParticipatingSupervisor,
    SupervisionGap,
    SupervisorOfParticipant,
    participating_supervisors,
    supervision_gaps,
    supervisions,
    supervisors_of_participants,
)  # fmt: skip
from tests.analysis.builder import GraphBuilder
from tests.analysis.unit import unit_graph


def setup():
    graph = unit_graph()
    return graph, involvements(graph), GroupIndex.of(graph), GroupIndex.of(graph, "chat")


def test_bystanders_by_route() -> None:
    graph, items, teams, chats = setup()
    rows = {
        b.officer: (b.received, b.witnessed, b.team, b.chat, b.participant, b.reported, b.silent)
        for b in bystanders(graph, items, teams, chats)
    }
    assert rows == {
        "a": (0, 0, 2, 0, True, 0, False),  # team: i1 (b), i2 (s)
        "b": (1, 0, 2, 0, True, 0, False),  # received m1; team: m1 (a), i2 (s)
        "c": (1, 0, 3, 0, False, 1, False),  # reported m1
        "d": (0, 1, 3, 0, False, 0, True),  # witnessed i1, never reported: silent
        "f": (1, 0, 1, 0, False, 0, True),
        "s": (0, 0, 2, 0, True, 0, False),
    }  # e is exposed to nobody's misconduct: f never took part
    assert min(b.first_exposed for b in bystanders(graph, items, teams, chats) if b.officer == "f") == date(
        2017, 3, 1
    )


def test_silence_by_team() -> None:
    graph, items, teams, chats = setup()
    rows = [
        (t.team, t.exposed, t.participants, t.reported, t.silent, t.reporting_rate)
        for t in silence_by_team(bystanders(graph, items, teams, chats))
    ]
    assert rows == [("t1", 5, 3, 1, 1, 0.2), ("t2", 1, 0, 0, 1, 0.0)]


def test_supervision() -> None:
    graph, items, teams, _ = setup()
    spans = supervisions(graph)
    assert supervisors_of_participants(items, spans, teams) == [
        SupervisorOfParticipant("s", "a", 1, date(2017, 2, 1), date(2017, 2, 1), True)
    ]  # b's incident (May) falls after s stopped supervising; s does not supervise themself
    assert participating_supervisors(items, spans) == [ParticipatingSupervisor("s", 1, 1, ("t1",))]
    assert supervision_gaps(items, spans, teams) == [
        SupervisionGap("t1", date(2017, 4, 1), date(2017, 12, 31), 275, 5, 1),  # s, a, b, c, d; i1
        SupervisionGap("t2", date(2017, 1, 1), date(2017, 6, 30), 181, 2, 1),  # e, f; m2
    ]


def test_supervision_gaps_need_unsupervised_members() -> None:
    """Team t: x (2010-01 to 2010-06) under the team's supervisor (2010); nobody in the second half
    of 2010; y from 2011 with no end, supervised personally through 2011. The records run to the
    end of 2012, so the one gap is y's 2012, holding y's 2012 incident but not the 2011 one."""
    b = GraphBuilder().officers("x", "y", "s", "p")
    b.member("x", "t", "2010-01-01", "2010-06-30").member("y", "t", "2011-01-01", None)
    b.rel("s", "t", "SUPERVISES", **{"from": "2010-01-01", "until": "2010-12-31"})
    b.rel("p", "y", "SUPERVISES", **{"from": "2011-01-01", "until": "2011-12-31"})
    for incident, day in (("i2011", "2011-06-01"), ("i2012", "2012-06-01"), ("end", "2012-12-31")):
        b.incident(incident, day, "cat-x", incident_type="bullying")
    b.rel("y", "i2011", "PARTICIPATED_IN").rel("y", "i2012", "PARTICIPATED_IN")
    graph = b.graph
    gaps = supervision_gaps(involvements(graph), supervisions(graph), GroupIndex.of(graph))
    assert gaps == [SupervisionGap("t", date(2012, 1, 1), date(2012, 12, 31), 366, 1, 1)]


def test_accountability_and_rates() -> None:
    graph, items, teams, _ = setup()
    rows = accountability(graph, items, teams)
    assert [
        (
            r.officer,
            r.rank,
            r.team,
            r.involvements,
            r.accusations,
            r.sustained,
            r.outcomes,
            r.has_outcome,
            r.sanctioned,
        )
        for r in rows
    ] == [
        ("a", "PC", "t1", 1, 0, 0, ("written_warning",), True, True),
        ("b", "PC", "t1", 1, 0, 0, ("no_case_to_answer",), True, False),
        ("e", "PC", "t2", 1, 0, 0, (), False, False),
        ("f", "(unknown)", "t2", 0, 1, 0, (), False, False),
        ("s", "Sergeant", "t1", 1, 0, 0, (), False, False),
    ]
    assert outcome_rates(rows, lambda r: r.team) == [
        OutcomeRate("t1", 3, 2, 2 / 3, 1, 1 / 3),
        OutcomeRate("t2", 2, 0, 0.0, 0, 0.0),
    ]
    assert [(r.group, r.officers, r.with_outcome) for r in outcome_rates(rows, lambda r: r.rank)] == [
        ("(unknown)", 1, 0),
        ("PC", 3, 2),
        ("Sergeant", 1, 0),
    ]


@pytest.mark.parametrize(
    "outcome_types, sanctioned",
    [
        (("reprimand",), True),
        (("suspension", "other"), True),
        (("other",), False),  # a violation noted, a penalty reinstated or not served, an unknown code
        (("resigned",), False),
        (("management_action", "reflective_practice", "notice_served"), False),
    ],
)
def test_only_the_sanction_types_are_sanctions(outcome_types: tuple[str, ...], sanctioned: bool) -> None:
    row = Accountability("a", "PC", "t1", 1, 0, 0, outcome_types)
    assert row.has_outcome and row.sanctioned is sanctioned


def test_rates_over_one_unknown_group_are_left_empty() -> None:
    graph, items, teams, _ = setup()
    rows = accountability(graph, items, teams)
    assert outcome_rates(rows, lambda a: "(unknown)") == []
    assert [r.group for r in outcome_rates(rows, lambda a: a.rank)] == [
        "(unknown)",
        "PC",
        "Sergeant",
    ]  # f has none
