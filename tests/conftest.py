"""Shared test helpers: the small hand-checkable cases, a copy to break, the real CLI, and the
graph databases the Neo4j tests run against (FalkorDB always; a real Neo4j when NEO4J_URI is set)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from neo4j import Driver, GraphDatabase, Record
from typer.testing import CliRunner, Result

from kg.cli import app
from kg.neo4j.dialect import FALKORDB
from kg.neo4j.loader import delete_case
from kg.neo4j.settings import Neo4jSettings
from tests.bolt_server import BoltServer
from tests.browser import browser  # noqa: F401  (the headless Chromium fixture)

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "fixtures" / "tiny"
UNIT = ROOT / "tests" / "fixtures" / "unit"
HOTTON = ROOT / "examples" / "hotton"


def run_kg(*args: object, env: Mapping[str, str] | None = None, input: str | None = None) -> Result:
    """Run the real ``kg`` CLI in-process and return its result (stdout, stderr, exit code)."""
    return CliRunner().invoke(app, [str(a) for a in args], env=env, input=input, catch_exceptions=False)


@pytest.fixture
def tiny_copy(tmp_path: Path) -> Path:
    """A writable copy of the tiny case, for tests that break it."""
    return Path(shutil.copytree(TINY, tmp_path / "tiny"))


class GraphDb:
    """A Bolt server the Neo4j tests use: its settings, the environment that points the CLI at
    it, and one long-lived driver for the tests' own checks."""

    def __init__(self, settings: Neo4jSettings, env: dict[str, str], server: BoltServer | None = None):
        self.settings = settings
        self.env = env
        self.server = server
        self.driver: Driver = GraphDatabase.driver(
            settings.uri, auth=settings.auth(), **settings.driver_options()
        )

    def kg(self, *args: object, input: str | None = None) -> Result:
        """Run the real ``kg`` CLI pointed at this database."""
        result = run_kg(*args, env=self.env, input=input)
        if self.server:
            self.server.settle()
        return result

    @property
    def is_falkordb(self) -> bool:
        return self.settings.dialect is FALKORDB

    def value(self, cypher: str, **parameters: object) -> object:
        """The single value a query returns."""
        records = self.records(cypher, **parameters)
        assert len(records) == 1 and len(records[0]) == 1, records
        return records[0][0]

    def records(self, cypher: str, **parameters: object) -> list[Record]:
        """Every record a query returns."""
        with self.driver.session(database=self.settings.database) as session:
            return list(session.run(cypher, self.settings.dialect.parameters(parameters)))

    def count_nodes(self, case_id: str) -> int:
        return int(self.value("MATCH (n {case_id: $case_id}) RETURN count(n)", case_id=case_id))

    def count_relationships(self, case_id: str) -> int:
        return int(self.value("MATCH ()-[r {case_id: $case_id}]->() RETURN count(r)", case_id=case_id))

    def remove(self, *case_ids: str) -> None:
        """Remove the given cases (never anything else: a real Neo4j may hold other data)."""
        for case_id in case_ids:
            delete_case(self.driver, self.settings, case_id)

    def close(self) -> None:
        self.driver.close()


def falkordb_env(server: BoltServer) -> dict[str, str]:
    """The environment that points ``kg`` at a FalkorDB test server (and nowhere else)."""
    return {
        "NEO4J_URI": server.uri,
        "NEO4J_USERNAME": "kg-tests",
        "NEO4J_PASSWORD": "",
        "NEO4J_DATABASE": "",
        "KG_CYPHER_DIALECT": FALKORDB.name,
    }


@pytest.fixture(scope="session")
def falkordb() -> Iterator[BoltServer]:
    """A FalkorDB Bolt server on free loopback ports for the whole session."""
    server = BoltServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def neo4j_db() -> Iterator[GraphDb]:
    """A real Neo4j 5, when NEO4J_URI (with NEO4J_USERNAME/NEO4J_PASSWORD) is set."""
    if not os.environ.get("NEO4J_URI"):
        pytest.skip("real Neo4j tests need NEO4J_URI (see docs/neo4j.md)")
    database = GraphDb(Neo4jSettings.from_env(dialect="neo4j"), {"KG_CYPHER_DIALECT": "neo4j"})
    yield database
    database.close()


@pytest.fixture(scope="session", params=["falkordb", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def graph_db(request: pytest.FixtureRequest) -> Iterator[GraphDb]:
    """Each graph database the tests can reach: the FalkorDB server the tests start, and a real
    Neo4j 5 when NEO4J_URI is set."""
    if request.param == "neo4j":
        yield request.getfixturevalue("neo4j_db")
        return
    server = request.getfixturevalue("falkordb")
    database = GraphDb(Neo4jSettings(uri=server.uri, dialect=FALKORDB), falkordb_env(server), server)
    yield database
    database.close()
