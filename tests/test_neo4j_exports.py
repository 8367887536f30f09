"""The exports meant for Neo4j, proven on a real Neo4j: ``graph.cypher`` run by cypher-shell into
a fresh database, and the ``neo4j-admin/`` files imported by their own ``import.sh`` with Neo4j's
import tool, each give exactly the graph ``kg load`` gives: every node with its labels, every
relationship with its type and ends, every property with its value and type."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from neo4j import GraphDatabase

from kg.neo4j.api import load
from tests.conftest import HOTTON, GraphDb, hostile_case, run_kg
from tests.neo4j_server import Neo4jServer

Snapshot = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]


def snapshot(uri: str, auth: tuple[str, str], case_id: str, database: str | None = None) -> Snapshot:
    """Every node (labels, properties) and relationship (type, ends, properties) of a case,
    sorted; temporal values stay driver values, so a date and its string differ."""
    with GraphDatabase.driver(uri, auth=auth) as driver:
        nodes, _, _ = driver.execute_query(
            "MATCH (n {case_id: $case_id}) RETURN labels(n) AS labels, properties(n) AS properties",
            case_id=case_id, database_=database,
        )  # fmt: skip
        relationships, _, _ = driver.execute_query(
            "MATCH (a)-[r {case_id: $case_id}]->(b) "
            "RETURN type(r) AS type, a.id AS start, b.id AS end, properties(r) AS properties",
            case_id=case_id, database_=database,
        )  # fmt: skip
    return (
        sorted((sorted(r["labels"]), sorted(r["properties"].items())) for r in nodes),
        sorted((r["type"], r["start"], r["end"], sorted(r["properties"].items())) for r in relationships),
    )


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """``kg build`` of examples/hotton and of a case with hostile text (quotes, backslashes,
    line breaks, right-to-left marks, emoji), by case id."""
    folder = tmp_path_factory.mktemp("exports")
    built = {}
    for case_id, case in (("hotton", HOTTON), ("hostile", hostile_case(folder))):
        out = folder / f"{case_id}-build"
        assert run_kg("build", case, "--out", out).exit_code == 0
        built[case_id] = out
    return built


@pytest.fixture(scope="module")
def loaded(neo4j_db: GraphDb, builds: dict[str, Path]) -> dict[str, Snapshot]:
    """What ``kg load`` puts in Neo4j for each build, as snapshots."""
    settings = neo4j_db.settings
    expected = {}
    for case_id, build in builds.items():
        load(build, settings, replace=True)
        expected[case_id] = snapshot(settings.uri, settings.auth() or ("", ""), case_id, settings.database)
    return expected


@pytest.fixture
def fresh_server() -> Iterator[Neo4jServer]:
    """A Neo4j of its own, with an empty database, for one test."""
    server = Neo4jServer(heap="512m", page_cache="128m")
    yield server
    server.remove()


def test_graph_cypher_run_by_cypher_shell_gives_the_loaded_graph(
    loaded: dict[str, Snapshot], builds: dict[str, Path], fresh_server: Neo4jServer
) -> None:
    fresh_server.start()
    for case_id, build in builds.items():
        shell = subprocess.run(
            [*fresh_server.tool_command("org.neo4j.shell.Main"), "-a", fresh_server.uri, "-f", str(build / "graph.cypher")],
            env=fresh_server.tool_env(), capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert shell.returncode == 0, shell.stderr[-2000:]
        auth = (fresh_server.username, fresh_server.password)
        assert snapshot(fresh_server.uri, auth, case_id) == loaded[case_id]
        assert sum(len(part) for part in loaded[case_id]) > 10


@pytest.mark.parametrize("case_id", ["hotton", "hostile"])
def test_neo4j_admin_import_sh_gives_the_loaded_graph(
    loaded: dict[str, Snapshot],
    builds: dict[str, Path],
    fresh_server: Neo4jServer,
    case_id: str,
    tmp_path: Path,
) -> None:
    """import.sh, run as a user runs it from its folder, into a new home; then the server starts
    on the imported database."""
    env = fresh_server.admin_env(tmp_path / "bin")
    fresh_server.write_configuration()
    folder = builds[case_id] / "neo4j-admin"
    imported = subprocess.run(
        ["sh", "import.sh"], cwd=folder, env=env, capture_output=True, text=True, check=False
    )
    assert imported.returncode == 0, imported.stdout[-2000:] + imported.stderr[-2000:]
    fresh_server.start()
    auth = (fresh_server.username, fresh_server.password)
    assert snapshot(fresh_server.uri, auth, case_id) == loaded[case_id]
