"""`kg load` against a real Neo4j 5: schema, counts, idempotency, --replace, typed values, case
isolation, hostile text. Runs on the Neo4j Community server the tests start (or the server
NEO4J_URI names)."""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from neo4j.exceptions import ConstraintError

from kg.build import graph_from
from kg.neo4j.api import load
from kg.neo4j.connection import connect
from kg.neo4j.loader import apply_schema, load_batches, load_graph
from kg.neo4j.statements import schema_definitions
from tests.conftest import HOSTILE, HOTTON, TINY, GraphDb, hostile_case, renamed_copy, run_kg

CASES = ("tiny", "tiny-twin", "hostile", "hotton")
TINY_NODES, TINY_RELATIONSHIPS = 11, 13


@pytest.fixture
def db(neo4j_db: GraphDb) -> GraphDb:
    """The database with this module's cases removed."""
    neo4j_db.remove(*CASES)
    return neo4j_db


def duplicate_keys(db: GraphDb, case_id: str) -> int:
    nodes = db.value(
        "MATCH (n {case_id: $case_id}) WITH labels(n)[0] AS label, n.id AS id, count(*) AS copies "
        "WHERE copies > 1 RETURN count(*)",
        case_id=case_id,
    )
    relationships = db.value(
        "MATCH ()-[r {case_id: $case_id}]->() WITH type(r) AS type, r.id AS id, count(*) AS copies "
        "WHERE copies > 1 RETURN count(*)",
        case_id=case_id,
    )
    return int(nodes) + int(relationships)


def test_load_creates_every_node_and_relationship(db: GraphDb) -> None:
    result = db.kg("load", TINY)
    assert result.exit_code == 0, result.output
    assert f"{TINY_NODES} nodes and {TINY_RELATIONSHIPS} relationships created" in result.stdout
    assert db.count_nodes("tiny") == TINY_NODES
    assert db.count_relationships("tiny") == TINY_RELATIONSHIPS
    assert db.value("MATCH (o:Officer {case_id: 'tiny'}) RETURN count(o)") == 3
    assert db.value("MATCH (:Officer {case_id: 'tiny'})-[r:MEMBER_OF]->(:Team) RETURN count(r)") == 3


def test_a_second_load_creates_nothing_and_duplicates_no_key(db: GraphDb) -> None:
    db.kg("load", TINY)
    again = db.kg("load", TINY)
    assert again.exit_code == 0, again.output
    assert "0 nodes and 0 relationships created" in again.stdout
    assert (db.count_nodes("tiny"), db.count_relationships("tiny")) == (TINY_NODES, TINY_RELATIONSHIPS)
    assert duplicate_keys(db, "tiny") == 0


def test_loading_again_updates_changed_values_and_removes_dropped_ones(db: GraphDb) -> None:
    db.kg("load", TINY)
    graph = graph_from(TINY)
    graph.nodes["officer-1"]["rank"] = "Sergeant"
    del graph.nodes["officer-1"]["probationer"]
    (membership,) = (data for _, end, data in graph.out_edges("officer-3", data=True) if end == "team-1")
    del membership["until"]
    with connect(db.settings) as driver:
        summary = load_graph(driver, graph, db.settings)
    assert (summary.nodes_created, summary.relationships_created) == (0, 0)
    officer = db.records("MATCH (o:Officer {case_id: 'tiny', id: 'officer-1'}) RETURN o")[0]["o"]
    assert officer["rank"] == "Sergeant" and "probationer" not in officer and officer["name"] == "Officer One"
    until = db.value(
        "MATCH (:Officer {case_id: 'tiny', id: 'officer-3'})-[r:MEMBER_OF]->(:Team {id: 'team-1'}) RETURN r.until"
    )
    assert until is None


def operators(plan: dict) -> list[str]:
    """Every operator of a query plan as the driver reports it, depth first."""
    return [plan["operatorType"], *(name for child in plan.get("children", []) for name in operators(child))]


def test_no_load_statement_reads_its_whole_batch_before_writing(db: GraphDb) -> None:
    """An ``Eager`` step in a merge's plan holds every row of the batch before the first write."""
    statements = {batch.statement for batch in load_batches(graph_from(HOTTON))}
    assert len(statements) > 10
    with db.driver.session(database=db.settings.database) as session:
        for statement in sorted(statements):
            plan = session.run("EXPLAIN " + statement, rows=[], case_id="hotton").consume().plan
            assert plan and not any(name.startswith("Eager") for name in operators(plan)), statement


def test_the_summary_lists_what_was_sent_per_kind(db: GraphDb) -> None:
    result = db.kg("load", TINY)
    rows = {
        line.split("│")[1].strip(): line.split("│")[2].strip()
        for line in result.stdout.splitlines()
        if line.count("│") == 3
    }
    assert rows["Officer"] == "3" and rows["MEMBER_OF"] == "3" and rows["Source"] == "2"
    assert sum(int(count) for count in rows.values() if count.isdigit()) == TINY_NODES + TINY_RELATIONSHIPS


def test_values_arrive_with_their_types(db: GraphDb) -> None:
    db.kg("load", TINY)
    officer = "MATCH (o:Officer {case_id: 'tiny', id: 'officer-3'}) "
    assert db.value(officer + "RETURN toString(o.joined)") == "2016-09-01"
    assert db.value(officer + "RETURN o.joined.year * 100 + o.joined.month") == 201609
    assert (
        db.value(officer + "RETURN o.joined > date('2016-08-31') AND o.joined < date('2016-09-02')") is True
    )
    assert db.value(officer + "RETURN o.probationer") is True
    assert db.value(officer + "RETURN o.sources") == ["src-report", "src-demo"]
    message = "MATCH (i:Incident {case_id: 'tiny', id: 'inc-1'}) "
    assert db.value(message + "RETURN [i.occurred_at.year, i.occurred_at.hour, i.occurred_at.minute]") == [
        2016,
        22,
        15,
    ]
    assert db.value(message + "RETURN toString(i.occurred_on)") == "2016-10-02"
    assert db.value(message + "RETURN i.severity") == 2
    assert db.value(message + "RETURN i.text") == "placeholder text, with a comma"
    # a reduced-precision date ("2017-05") becomes the first day of its month
    assert db.value("MATCH (x:Outcome {case_id: 'tiny'}) RETURN toString(x.decided_on)") == "2017-05-01"
    assert (
        db.value(
            "MATCH (:Officer {id: 'officer-3'})-[m:MEMBER_OF {case_id: 'tiny'}]->() RETURN toString(m.until)"
        )
        == "2017-06-30"
    )
    assert db.value("MATCH (o:Officer {case_id: 'tiny', id: 'officer-1'}) RETURN o.probationer") is False


def test_replace_removes_the_previous_data_first(db: GraphDb, tmp_path: Path) -> None:
    db.kg("load", TINY)
    smaller = Path(shutil.copytree(TINY, tmp_path / "tiny"))
    (smaller / "witnessed.csv").unlink()
    kept = db.kg("load", smaller)
    assert kept.exit_code == 0
    assert db.count_relationships("tiny") == TINY_RELATIONSHIPS, "a plain load never removes anything"
    replaced = db.kg("load", smaller, "--replace", "--yes")
    assert replaced.exit_code == 0, replaced.output
    assert f"Removed {TINY_NODES} nodes of case tiny first." in replaced.stdout
    assert db.count_nodes("tiny") == TINY_NODES
    assert db.count_relationships("tiny") == TINY_RELATIONSHIPS - 1


def test_replace_asks_first_and_no_leaves_everything(db: GraphDb) -> None:
    db.kg("load", TINY)
    answered_no = db.kg("load", TINY, "--replace", input="n\n")
    assert answered_no.exit_code == 1
    assert "Remove every node and relationship of case 'tiny'" in answered_no.output
    assert db.count_nodes("tiny") == TINY_NODES


def test_cases_share_a_database_without_mixing(db: GraphDb, tmp_path: Path) -> None:
    twin = renamed_copy(TINY, tmp_path / "twin", "tiny-twin")
    assert db.kg("load", TINY).exit_code == 0
    assert db.kg("load", twin).exit_code == 0
    for case_id in ("tiny", "tiny-twin"):
        assert (db.count_nodes(case_id), db.count_relationships(case_id)) == (TINY_NODES, TINY_RELATIONSHIPS)
    crossing = (
        "MATCH (a {case_id: 'tiny'})-[r]-(b) WHERE b.case_id <> 'tiny' OR r.case_id <> 'tiny' RETURN count(r)"
    )
    assert db.value(crossing) == 0
    assert db.kg("load", twin, "--replace", "--yes").exit_code == 0
    assert db.count_nodes("tiny") == TINY_NODES


def test_a_build_folder_loads_like_its_case(db: GraphDb, tmp_path: Path) -> None:
    assert run_kg("build", TINY, "--out", tmp_path / "build").exit_code == 0
    result = db.kg("load", tmp_path / "build")
    assert result.exit_code == 0, result.output
    assert (db.count_nodes("tiny"), db.count_relationships("tiny")) == (TINY_NODES, TINY_RELATIONSHIPS)


def test_the_batch_size_sets_the_transactions(db: GraphDb) -> None:
    graph = graph_from(TINY)
    expected = list(load_batches(graph, batch_size=2))
    assert all(1 <= len(batch.rows) <= 2 for batch in expected)
    assert sum(len(batch.rows) for batch in expected) == TINY_NODES + TINY_RELATIONSHIPS
    sent: list[int] = []
    summary = load(TINY, db.settings, batch_size=2, on_batch=lambda batch: sent.append(len(batch.rows)))
    assert summary.batches == len(expected) == len(sent)
    assert sent == [len(batch.rows) for batch in expected]
    assert (summary.nodes_created, summary.relationships_created) == (TINY_NODES, TINY_RELATIONSHIPS)


def test_hostile_text_is_stored_exactly_and_never_runs(db: GraphDb, tmp_path: Path) -> None:
    db.kg("load", TINY)
    result = db.kg("load", hostile_case(tmp_path))
    assert result.exit_code == 0, result.output
    records = db.records(
        "MATCH (o:Officer {case_id: 'hostile'}) RETURN o.id AS id, o.name AS name ORDER BY o.id"
    )
    stored = {r["id"]: r["name"] for r in records}
    assert stored == {f"officer-{n}": text for n, text in enumerate(HOSTILE, start=1)}
    assert db.value("MATCH (i:Incident {case_id: 'hostile', id: 'inc-1'}) RETURN i.text") == HOSTILE[1]
    assert db.count_nodes("tiny") == TINY_NODES, "a payload must not delete other data"
    assert db.count_nodes("hostile") == len(HOSTILE) + TINY_NODES - 3


def test_the_schema_is_in_place_and_the_server_refuses_a_duplicate_node(db: GraphDb) -> None:
    """Every constraint and index kg declares exists after a load (a second load creates none),
    and the server itself refuses a second node with a taken (case_id, id)."""
    assert db.kg("load", TINY).exit_code == 0
    names = {record["name"] for record in db.records("SHOW INDEXES YIELD name")}
    assert set(schema_definitions()) <= names
    assert apply_schema(db.driver, db.settings) == 0
    with pytest.raises(ConstraintError):
        db.records("CREATE (:Officer {case_id: 'tiny', id: 'officer-1'})")
    assert duplicate_keys(db, "tiny") == 0


def test_loads_that_run_at_once_merge_each_relationship_once(db: GraphDb) -> None:
    """Relationships have an index, not a constraint: their merge locks both end nodes, so
    four loads of the same case at once, in batches of ten rows, still give each once."""
    with ThreadPoolExecutor(4) as pool:
        summaries = list(pool.map(lambda _: load(HOTTON, db.settings, batch_size=10), range(4)))
    graph = graph_from(HOTTON)
    assert sum(s.relationships_created for s in summaries) == graph.number_of_edges()
    assert db.count_relationships("hotton") == graph.number_of_edges()
    assert duplicate_keys(db, "hotton") == 0
