"""A hand-checkable unit for the silence, supervision and accountability tests (all in 2017).

Team t1 (1 Jan–31 Dec): sergeant s, a, b, c, d; s supervises t1 only until 31 March.
Team t2 (1 Jan–30 Jun): e, f; never supervised.
- m1, 1 Feb: a messages b and c; c reports it the next day.
- i2, 10 Feb: s takes part.
- m2, 1 Mar: e messages f.
- i1, 1 May: b takes part; d witnesses it.
- c1, 1 Apr: f is accused; not sustained.
Outcomes: a a written warning, b no case to answer.
"""

import networkx as nx

from tests.analysis.builder import GraphBuilder


def unit_graph() -> nx.MultiDiGraph:
    b = (
        GraphBuilder("unit")
        .officers("a", "b", "c", "d", "e", rank="PC")
        .officers("f")
        .officers("s", rank="Sergeant")
    )
    for officer in ("s", "a", "b", "c", "d"):
        b.member(officer, "t1", "2017-01-01", "2017-12-31")
    b.member("e", "t2", "2017-01-01", "2017-06-30").member("f", "t2", "2017-01-01", "2017-06-30")
    b.rel("s", "t1", "SUPERVISES", **{"from": "2017-01-01", "until": "2017-03-31"})
    b.message("m1", "2017-02-01", "a", "b", "c").rel("c", "m1", "REPORTED", reported_on="2017-02-02")
    b.incident("i2", "2017-02-10", "cat-x", incident_type="bullying").rel("s", "i2", "PARTICIPATED_IN")
    b.message("m2", "2017-03-01", "e", "f")
    b.incident("i1", "2017-05-01", "cat-x", incident_type="bullying").rel("b", "i1", "PARTICIPATED_IN")
    b.rel("d", "i1", "WITNESSED")
    b.incident("c1", "2017-04-01", "cat-x", incident_type="complaint").rel(
        "f", "c1", "ACCUSED_IN", final_finding="not_sustained"
    )
    b.node("o1", "Outcome", outcome_type="written_warning").rel("a", "o1", "RECEIVED_OUTCOME")
    b.node("o2", "Outcome", outcome_type="no_case_to_answer").rel("b", "o2", "RECEIVED_OUTCOME")
    return b.graph
