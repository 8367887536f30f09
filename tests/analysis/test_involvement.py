from datetime import date

from kg.analysis.involvement import adoptions, involvements
from tests.analysis.builder import GraphBuilder


def graph():
    b = GraphBuilder().officers("a", "b", "c", "d")
    b.message("m1", "2017-03-05", "a", "b", category="cat-racism")
    b.message("m2", "2017-02-01", "a", "b", category="cat-misogyny")
    b.incident("i1", "2017-01-10", "cat-bullying", incident_type="bullying").rel("b", "i1", "PARTICIPATED_IN")
    b.incident("c1", "2016-05-01", "cat-bullying", "cat-racism", incident_type="complaint")
    b.rel("c", "c1", "ACCUSED_IN", final_finding="sustained", allegation="cat-racism")
    b.rel("d", "c1", "ACCUSED_IN", final_finding="not_sustained")
    b.rel("d", "c1", "ACCUSED_IN", finding="sustained")  # no final finding: the recommended one counts
    b.incident("u1", None, "cat-racism").rel("a", "u1", "PARTICIPATED_IN")
    b.rel("b", "m1", "WITNESSED")  # exposure, not involvement
    return b.graph


def test_involvements_are_sending_participating_and_counted_accusations() -> None:
    found = [(i.officer, i.incident, i.role, i.categories) for i in involvements(graph())]
    assert found == [
        ("c", "c1", "ACCUSED_IN", ("cat-racism",)),  # the allegation names a category: only that one
        ("d", "c1", "ACCUSED_IN", ("cat-bullying", "cat-racism")),
        ("b", "i1", "PARTICIPATED_IN", ("cat-bullying",)),
        ("a", "m2", "SENT", ("cat-misogyny",)),
        ("a", "m1", "SENT", ("cat-racism",)),
        ("a", "u1", "PARTICIPATED_IN", ("cat-racism",)),  # undated: last
    ]


def test_any_finding_counts_every_accusation() -> None:
    accused = {i.officer for i in involvements(graph(), "any") if i.role == "ACCUSED_IN"}
    assert accused == {"c", "d"}
    assert {i.officer for i in involvements(graph(), ("unfounded",)) if i.role == "ACCUSED_IN"} == set()


def test_adoption_is_the_first_dated_involvement_in_scope() -> None:
    items = involvements(graph())
    assert {o: (a.day, a.incident) for o, a in adoptions(items).items()} == {
        "a": (date(2017, 2, 1), "m2"),
        "b": (date(2017, 1, 10), "i1"),
        "c": (date(2016, 5, 1), "c1"),
        "d": (date(2016, 5, 1), "c1"),
    }
    assert {o: a.incident for o, a in adoptions(items, "cat-racism").items()} == {
        "a": "m1",
        "c": "c1",
        "d": "c1",
    }
    assert adoptions(items, "cat-none") == {}


def test_an_uncategorised_message_is_not_misconduct() -> None:
    b = GraphBuilder().officers("a", "b")
    b.message("m1", "2017-03-05", "a", "b", category=None)
    b.message("m2", "2017-04-05", "b", "a", category="cat-racism")
    found = involvements(b.graph)
    assert [(i.officer, i.incident) for i in found] == [("b", "m2")]
    assert list(adoptions(found)) == ["b"]
