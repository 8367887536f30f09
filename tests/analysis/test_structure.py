from datetime import date

import networkx as nx
from sklearn.metrics import adjusted_mutual_info_score, adjusted_rand_score, normalized_mutual_info_score

from kg.analysis.groups import GroupIndex
from kg.analysis.structure import (
    TiesAndUnits,
    betweenness,
    brokers,
    centralities,
    communities_vs_teams,
    ties_and_units,
)
from tests.analysis.builder import GraphBuilder


def test_centralities_equal_networkx() -> None:
    network = nx.karate_club_graph()
    rows, parameters = centralities(network)
    by_node = {r.officer: r for r in rows}
    pagerank = nx.pagerank(network, weight="weight", tol=1e-12, max_iter=10_000)
    between = nx.betweenness_centrality(network)
    eigen = nx.eigenvector_centrality(network, max_iter=10_000, tol=1e-12, weight="weight")
    core = nx.core_number(network)
    for node in network:
        row = by_node[node]
        assert row.degree == network.degree(node)
        assert row.weighted_degree == network.degree(node, weight="weight")
        assert abs(row.pagerank - pagerank[node]) < 1e-9 and abs(row.betweenness - between[node]) < 1e-12
        assert abs(row.eigenvector - eigen[node]) < 1e-6 and row.core == core[node]
    assert rows[0].officer == max(pagerank, key=pagerank.get)
    assert parameters["betweenness"] == {"method": "exact"} and parameters["eigenvector_warning"] is None


def test_a_path_by_hand() -> None:
    rows, _ = centralities(nx.path_graph(["a", "b", "c"]))
    by_node = {r.officer: r for r in rows}
    assert (by_node["b"].degree, by_node["b"].betweenness, by_node["b"].core) == (2, 1.0, 1)
    assert (by_node["a"].degree, by_node["a"].betweenness) == (1, 0.0)


def test_officers_of_equal_reported_pagerank_are_listed_by_id() -> None:
    """Leaves of a star, and of a ring around it, have equal PageRank: the table lists them by id
    whatever the last bits of their computed values."""
    network = nx.star_graph(["hub", "e", "a", "d", "c", "b"])
    network.add_edges_from([("x", "hub"), ("x", "y"), ("y", "hub")])
    rows, _ = centralities(network)
    assert [r.officer for r in rows] == ["hub", "x", "y", "a", "b", "c", "d", "e"]
    assert len({round(r.pagerank, 6) for r in rows[3:]}) == 1


def test_betweenness_is_sampled_above_the_limit() -> None:
    network = nx.connected_watts_strogatz_graph(60, 4, 0.2, seed=1)
    values, method = betweenness(network, seed=3, exact_limit=50, pivots=20)
    assert method == {"method": "sampled", "pivots": 20, "seed": 3}
    reference = nx.betweenness_centrality(network, k=20, seed=3)
    assert all(abs(values[n] - reference[n]) < 1e-12 for n in network)
    exact, reference = betweenness(network, exact_limit=60)[0], nx.betweenness_centrality(network)
    assert all(abs(exact[n] - reference[n]) < 1e-12 for n in network)


def teams_of(assignment: dict[str, str]) -> GroupIndex:
    b = GraphBuilder().officers(*assignment)
    for officer, team in assignment.items():
        b.member(officer, team, "2017-01-01", "2017-12-31")
    return GroupIndex.of(b.graph)


def test_brokers_tie_officers_of_other_teams() -> None:
    teams = teams_of({"x": "t1", "z": "t1", "y": "t2", "w": "t3"})
    network = nx.Graph([("x", "y"), ("x", "z"), ("x", "w"), ("y", "w")])
    rows = {b.officer: (b.cross_team_ties, b.teams_reached) for b in brokers(network, teams, {})}
    assert rows == {"x": (2, ("t2", "t3")), "y": (2, ("t1", "t3")), "w": (2, ("t1", "t2"))}


def two_cliques() -> nx.Graph:
    network = nx.complete_graph(["a1", "a2", "a3", "a4"])
    network.add_edges_from(nx.complete_graph(["b1", "b2", "b3", "b4"]).edges)
    network.add_edge("a1", "b1")
    return network


def test_communities_that_are_the_teams_score_one() -> None:
    teams = teams_of({f"{g}{i}": f"team-{g}" for g in "ab" for i in range(1, 5)})
    result = communities_vs_teams(two_cliques(), teams, seed=0)
    assert sorted(set(result.communities.values())) == [0, 1]
    assert result.communities["a1"] == result.communities["a4"] != result.communities["b1"]
    assert (result.nmi, result.ami, result.ari, result.officers_compared) == (1.0, 1.0, 1.0, 8)


def test_communities_across_the_teams_score_as_sklearn_says() -> None:
    assignment = {
        "a1": "t1",
        "a2": "t2",
        "a3": "t1",
        "a4": "t2",
        "b1": "t1",
        "b2": "t2",
        "b3": "t1",
        "b4": "t1",
    }
    result = communities_vs_teams(two_cliques(), teams_of(assignment), seed=0)
    formal = [assignment[o] for o in sorted(assignment)]
    informal = [0, 0, 0, 0, 1, 1, 1, 1]  # the cliques, in sorted officer order
    assert result.nmi == normalized_mutual_info_score(formal, informal) and result.nmi < 0.1
    assert result.ari == adjusted_rand_score(formal, informal) and result.ari < 0.1
    assert result.ami == adjusted_mutual_info_score(formal, informal) and result.ami < 0.1


def test_a_single_tie_type_network_is_weighted_by_what_pairs_share() -> None:
    from kg.analysis.networks import structure_network
    from kg.analysis.ties import PAIR_TIE_TYPES, all_ties, group_memberships, officers
    from tests.analysis.builder import GraphBuilder

    b = GraphBuilder().officers("a", "b", "c")
    for number, accused in enumerate((("a", "b"), ("a", "b"), ("b", "c"))):
        b.incident(f"i{number}", "2017-01-01", incident_type="complaint")
        for officer in accused:
            b.rel(officer, f"i{number}", "ACCUSED_IN", final_finding="not_sustained")
    graph = b.graph
    network, _ = structure_network(
        graph,
        officers(graph),
        "coparticipation",
        {},
        all_ties(graph, PAIR_TIE_TYPES),
        group_memberships(graph),
    )
    assert network["a"]["b"]["weight"] == 2 and network["b"]["c"]["weight"] == 1


def test_an_open_ended_assignment_runs_to_the_end_of_the_records() -> None:
    """An officer in unit b for four years (2000–2003), then in unit a from 2004 with no end
    date, while the records run to 2015: a is their primary unit (12 years), not b (an open end
    once counted as one day)."""
    b = GraphBuilder().officers("x", "y")
    b.member("x", "b", "2000-01-01", "2003-12-31").member("x", "a", "2004-01-01", None)
    b.member("y", "b", "2000-01-01", None)
    b.incident("late", "2015-06-30", incident_type="complaint").rel("y", "late", "ACCUSED_IN")
    teams = GroupIndex.of(b.graph)
    assert teams.records == (date(2000, 1, 1), date(2015, 6, 30))
    assert (teams.primary("x"), teams.primary("y")) == ("a", "b")


def test_ties_are_compared_with_the_units_on_their_first_day() -> None:
    """Co-accused pairs by hand: a–b in one unit on their first day (and not on their second);
    a–d in one unit only from two years later; b–c and a–c never in one unit; c–e with an officer
    who has no unit."""
    b = GraphBuilder().officers("a", "b", "c", "d", "e")
    b.member("a", "u1", "2010-01-01", None).member("b", "u1", "2010-01-01", "2011-12-31")
    b.member("b", "u2", "2012-01-01", None).member("c", "u3", "2010-01-01", None)
    b.member("d", "u1", "2014-01-01", None)
    pairs = {"i1": ("a", "b", "2011-06-01"), "i2": ("a", "b", "2013-06-01"), "i3": ("b", "c", "2013-06-01"),
             "i4": ("c", "e", "2013-06-01"), "i5": ("a", "c", "2012-06-01"), "i6": ("a", "d", "2012-06-01")}  # fmt: skip
    for incident, (first, second, day) in pairs.items():
        b.incident(incident, day, incident_type="complaint")
        b.rel(first, incident, "ACCUSED_IN").rel(second, incident, "ACCUSED_IN")
    from kg.analysis.ties import PAIR_TIE_TYPES, all_ties

    [row] = ties_and_units(all_ties(b.graph, PAIR_TIE_TYPES), GroupIndex.of(b.graph))
    assert row == TiesAndUnits("coparticipation", 5, 1, 1, 2, 1)
