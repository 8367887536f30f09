"""The query library and `kg query` against a real Neo4j 5, on the hand-checkable `unit`
case (every expected row worked out by hand from tests/fixtures/unit/) and on examples/hotton."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from kg.neo4j.api import load
from kg.neo4j.queries import library, run_query
from kg.neo4j.settings import Neo4jSettings
from tests.conftest import HOTTON, ROOT, UNIT, GraphDb, run_kg

pytestmark = pytest.mark.usefixtures("loaded")


@pytest.fixture(scope="module")
def loaded(neo4j_db: GraphDb) -> GraphDb:
    """The database with `unit` and `hotton` freshly loaded."""
    for case in (UNIT, HOTTON):
        load(case, neo4j_db.settings, replace=True)
    return neo4j_db


def rows(db: GraphDb, name: str, **given: str) -> list[list[Any]]:
    """The rows of library query ``name`` on case `unit` (unless ``case_id`` is given)."""
    query = library()[name]
    result = run_query(db.driver, db.settings, query, query.bind({"case_id": "unit", **given}))
    return result.rows


EXPECTED_ON_UNIT: dict[str, tuple[dict[str, str], list[list[Any]]]] = {
    "categories-by-month": ({}, [
        ["2016-02", "Category X", 1], ["2016-03", "Category X", 1], ["2016-04", "Category Y", 1],
        ["2016-07", "Category Y", 1], ["2016-09", "Category X", 1], ["2017-02", "Category X", 1],
    ]),
    "chat-groups-top-senders": ({}, [
        ["Chat One", 3, 4, ["Officer One (2)", "Officer Three (1)", "Officer Two (1)"]],
    ]),
    "co-participation-pairs": ({}, [["officer-4", "Officer Four", "officer-5", "Officer Five", 2]]),
    "exposed-before-first-incident": ({}, [
        ["officer-2", "Officer Two", "2016-07-20", 2, 1],
        ["officer-3", "Officer Three", "2017-02-01", 1, 1],
    ]),
    "incidents-by-team-over-time": ({}, [
        ["Team A", "2016-02", 1, ["Officer One"]], ["Team A", "2016-03", 1, ["Officer One"]],
        ["Team A", "2016-07", 1, ["Officer Two"]], ["Team A", "2017-02", 1, ["Officer Three"]],
        ["Team B", "2016-04", 1, ["Officer Five", "Officer Four"]], ["Team B", "2016-09", 1, ["Officer Four"]],
    ]),
    "officer-neighbourhood": ({"officer_id": "officer-4", "hops": "1"}, [
        ["inc-1", "Incident", "Incident one", 1], ["inc-2", "Incident", "Incident two", 1],
        ["out-1", "Outcome", "Outcome one", 1], ["team-b", "Team", "Team B", 1],
    ]),
    "outcomes-by-team": ({}, [["Team A", 3, 3, 0, 3], ["Team B", 2, 2, 1, 1]]),
    "participants-without-outcome": ({}, [
        ["officer-1", "Officer One", 2, 0], ["officer-5", "Officer Five", 1, 1],
        ["officer-2", "Officer Two", 1, 0], ["officer-3", "Officer Three", 1, 0],
    ]),
    "path-between-officers": ({"from_id": "officer-1", "to_id": "officer-5"}, [
        [["officer-1", "inc-1", "officer-5"], ["Officer One", "Incident one", "Officer Five"],
         ["WITNESSED", "PARTICIPATED_IN"], 2],
    ]),
    "says-who": ({"id": "inc-1"}, [["inc-1", "Incident", "placeholder quote", ["Placeholder report"]]]),
    "silent-recipients": ({}, [
        ["officer-2", "Officer Two", 3, "2016-02-10", 1], ["officer-1", "Officer One", 2, "2016-07-20", 2],
    ]),
    "silent-witnesses": ({}, [["officer-1", "Officer One", 1, 2]]),
    "supervisors-of-participants": ({}, [["officer-2", "Officer Two", "Team A", 1, 2, True]]),
    "supervisors-who-participated": ({}, [
        ["officer-2", "Officer Two", ["Team A"], 1, "2016-07-20", "2016-07-20"],
    ]),
    "teams-without-supervisor": ({}, [["Team A", "2017-02", 1], ["Team B", "2016-04", 1], ["Team B", "2016-09", 1]]),
}  # fmt: skip


def test_every_library_query_has_a_hand_checked_expectation() -> None:
    assert sorted(EXPECTED_ON_UNIT) == sorted(library())
    assert len(library()) >= 12


@pytest.mark.parametrize("name", sorted(EXPECTED_ON_UNIT))
def test_library_query_on_the_unit_case(loaded: GraphDb, name: str) -> None:
    given, expected = EXPECTED_ON_UNIT[name]
    assert rows(loaded, name, **given) == expected


def test_says_who_also_answers_for_a_relationship(loaded: GraphDb) -> None:
    assert rows(loaded, "says-who", id="part-1") == [
        ["part-1", "PARTICIPATED_IN", "placeholder relationship quote", ["Placeholder report"]]
    ]


def test_neighbourhood_grows_with_hops(loaded: GraphDb) -> None:
    two_hops = rows(loaded, "officer-neighbourhood", officer_id="officer-4", hops="2")
    assert {row[0] for row in two_hops if row[3] == 2} == {
        "officer-1",
        "officer-3",
        "officer-5",
        "cat-x",
        "cat-y",
    }


def test_no_path_within_four_steps_gives_no_row(loaded: GraphDb) -> None:
    assert rows(loaded, "path-between-officers", from_id="officer-1", to_id="officer-404") == []


def test_queries_see_only_their_case(loaded: GraphDb) -> None:
    assert rows(loaded, "silent-witnesses", case_id="no-such-case") == []
    assert len(rows(loaded, "silent-witnesses", case_id="hotton")) > 0


HOTTON_GOLDEN = ROOT / "tests" / "golden" / "hotton-queries.json"
"""Every library query's result on examples/hotton, with its header example's parameters
(``make golden`` rewrites it, starting a Neo4j of its own: review the diff)."""


def hotton_results(driver: Driver, settings: Neo4jSettings) -> dict[str, dict[str, Any]]:
    """Each library query run on a loaded examples/hotton with its header example's parameters."""
    results = {}
    for query in library().values():
        example = query.examples[0].split()
        given = {"case_id": "hotton"} | dict(
            example[i + 1].split("=", 1) for i, word in enumerate(example) if word == "--param"
        )
        result = run_query(driver, settings, query, query.bind(given))
        results[query.name] = {"parameters": given, "columns": result.columns, "rows": result.rows}
    return results


def test_every_library_query_gives_its_golden_rows_on_hotton(loaded: GraphDb) -> None:
    """Every query returns rows on examples/hotton, exactly those reviewed into the golden file."""
    results = hotton_results(loaded.driver, loaded.settings)
    assert all(result["rows"] for result in results.values())
    assert json.loads(json.dumps(results)) == json.loads(HOTTON_GOLDEN.read_text(encoding="utf-8"))


def test_hotton_headline_answers(loaded: GraphDb) -> None:
    """Facts of the Hotton example that the queries must reproduce (see examples/hotton/README.md)."""
    chats = rows(loaded, "chat-groups-top-senders", case_id="hotton")
    assert [row[0] for row in chats][:2] == ["Team 1 group chat", "Westminster teams group chat"]
    supervisors = rows(loaded, "supervisors-who-participated", case_id="hotton")
    assert [row[0] for row in supervisors] == ["officer-c"]
    path = rows(loaded, "path-between-officers", case_id="hotton", from_id="officer-a", to_id="officer-n")
    assert path[0][3] == len(path[0][2]) == len(path[0][0]) - 1


def test_cli_query_list_names_every_query() -> None:
    result = run_kg("query", "list")
    assert result.exit_code == 0
    for name in library():
        assert name in result.stdout


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_cli_query_run_formats(loaded: GraphDb, fmt: str) -> None:
    result = loaded.kg("query", "run", "silent-recipients", "--case", "unit", "--format", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "csv":
        assert result.stdout == (
            "id,name,received,first_received,sent\n"
            "officer-2,Officer Two,3,2016-02-10,1\n"
            "officer-1,Officer One,2,2016-07-20,2\n"
        )
    elif fmt == "json":
        assert json.loads(result.stdout) == [
            {
                "id": "officer-2",
                "name": "Officer Two",
                "received": 3,
                "first_received": "2016-02-10",
                "sent": 1,
            },
            {
                "id": "officer-1",
                "name": "Officer One",
                "received": 2,
                "first_received": "2016-07-20",
                "sent": 2,
            },
        ]
    else:
        assert "Officer Two" in result.stdout and result.stdout.rstrip().endswith("2 rows")


def test_cli_query_run_a_file_with_parameters(loaded: GraphDb, tmp_path: Path) -> None:
    query = tmp_path / "team.cypher"
    query.write_text(
        "// param: case_id STRING  The case.\n// param: team STRING  A team name.\n"
        "MATCH (o:Officer {case_id: $case_id})-[:MEMBER_OF]->(:Team {name: $team}) RETURN o.id AS id ORDER BY id\n",
        encoding="utf-8",
    )
    result = loaded.kg(
        "query", "run", "--file", query, "--case", "unit", "--param", "team=Team B", "--format", "csv"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "id\nofficer-4\nofficer-5\n"


def test_hostile_parameter_values_are_only_ever_values(loaded: GraphDb) -> None:
    before = loaded.count_nodes("unit")
    for payload in ("x' RETURN 1 //", "'}) MATCH (n) DETACH DELETE n //", "\\' OR 1=1 //"):
        result = loaded.kg(
            "query", "run", "says-who", "--case", "unit", "--param", f"id={payload}", "--format", "json"
        )
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout) == []
    assert loaded.count_nodes("unit") == before


@pytest.mark.parametrize(
    "cypher, clause",
    [
        ("MATCH (n) DETACH DELETE n", "DETACH"),
        ("MATCH (n:Officer) SET n.name = 'x'", "SET"),
        ("CREATE (:Officer {id: 'x'})", "CREATE"),
        ("MATCH (n)\nWITH n merge (m:Officer {id: n.id}) RETURN m", "MERGE"),
        ("CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DELETE n', {})", "apoc.periodic.iterate"),
    ],
)
def test_a_query_that_writes_is_refused_before_it_reaches_the_server(
    loaded: GraphDb, tmp_path: Path, cypher: str, clause: str
) -> None:
    before = loaded.count_nodes("unit")
    path = tmp_path / "write.cypher"
    path.write_text(cypher + "\n", encoding="utf-8")
    result = loaded.kg("query", "run", "--file", path)
    assert result.exit_code == 2
    assert str(path) in result.stderr and clause in result.stderr and "read-only" in result.stderr
    assert "Traceback" not in result.output
    assert loaded.count_nodes("unit") == before


def test_write_words_inside_strings_and_comments_are_fine(loaded: GraphDb, tmp_path: Path) -> None:
    path = tmp_path / "read.cypher"
    path.write_text(
        "// CREATE nothing here\nRETURN 'DELETE me' AS text, \"SET\" AS other\n", encoding="utf-8"
    )
    result = loaded.kg("query", "run", "--file", path, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == "text,other\nDELETE me,SET\n"


@pytest.mark.parametrize(
    "args, message",
    [
        (["no-such-query"], "no query named 'no-such-query'"),
        (["path-between-officers", "--case", "unit"], "needs --param from_id="),
        (
            ["co-participation-pairs", "--case", "unit", "--param", "limit=many"],
            "--param limit: expected INTEGER",
        ),
        (["co-participation-pairs", "--case", "unit", "--param", "colour=red"], "has no parameter 'colour'"),
        (["co-participation-pairs", "--param", "novalue"], "write key=value"),
        ([], "give either a query NAME or --file"),
        (["silent-witnesses", "--case", "unit", "--format", "xml"], "unknown format 'xml'"),
    ],
)
def test_query_usage_errors_are_one_clear_line(loaded: GraphDb, args: list[str], message: str) -> None:
    result = loaded.kg("query", "run", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_query_the_server_rejects_is_one_clear_line(loaded: GraphDb, tmp_path: Path) -> None:
    path = tmp_path / "broken.cypher"
    path.write_text("MATCH (n RETURN n\n", encoding="utf-8")
    result = loaded.kg("query", "run", "--file", path)
    assert result.exit_code == 2
    assert result.stderr.startswith("query 'broken' failed")
    assert "Traceback" not in result.output


def test_markup_and_escape_sequences_in_results_are_shown_not_run(loaded: GraphDb, tmp_path: Path) -> None:
    path = tmp_path / "hostile.cypher"
    path.write_text("RETURN '[/bold]' AS markup, '\\u001b[2Jred' AS escape\n", encoding="utf-8")
    result = loaded.kg("query", "run", "--file", path)
    assert result.exit_code == 0, result.output
    assert "[/bold]" in result.stdout and "\\x1b[2Jred" in result.stdout and "\x1b" not in result.stdout
