"""Shared test helpers: the small hand-checkable cases, a copy to break, the real CLI, and the
Neo4j server the Neo4j tests run against (started here, or the one NEO4J_URI names)."""

from __future__ import annotations

import csv
import os
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from neo4j import Driver, GraphDatabase, Record
from typer.testing import CliRunner, Result

from kg.cli import app
from kg.neo4j.loader import delete_case
from kg.neo4j.settings import Neo4jSettings
from tests.browser import browser  # noqa: F401  (the headless Chromium fixture)
from tests.neo4j_server import Neo4jServer

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


def renamed_copy(folder: Path, target: Path, name: str) -> Path:
    """A copy of a case folder under another case name."""
    shutil.copytree(folder, target)
    toml = target / "case.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace('name = "tiny"', f'name = "{name}"'), encoding="utf-8"
    )
    return target


HOSTILE = [
    "x' RETURN 1 //",
    '"}) MATCH (n) DETACH DELETE n //',
    "'}) MATCH (n) DETACH DELETE n //",
    "back\\slash \\' and \\\\ and \\u0041",
    "line\nbreak\ttab\r\nend",
    "$case_id {rows} `backtick`",
    "<script>window.pwned = 1</script>",
    "ünïcödé — 😀 \u202eright-to-left",
]


def hostile_case(tmp_path: Path) -> Path:
    """The tiny case renamed ``hostile``, with hostile text in officers' names and a message."""
    case = renamed_copy(TINY, tmp_path / "hostile", "hostile")
    with (case / "officer.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "sources"])
        for number, text in enumerate(HOSTILE, start=1):
            writer.writerow([f"officer-{number}", text, "src-report"])
    incidents = (case / "incident.csv").read_text(encoding="utf-8")
    (case / "incident.csv").write_text(
        incidents.replace('"placeholder text, with a comma"', '"' + HOSTILE[1].replace('"', '""') + '"'),
        encoding="utf-8",
    )
    return case


class GraphDb:
    """The Neo4j the tests use: its settings, the environment that points the CLI at it, and one
    long-lived driver for the tests' own checks."""

    def __init__(self, settings: Neo4jSettings, env: dict[str, str]):
        self.settings = settings
        self.env = env
        self.driver: Driver = GraphDatabase.driver(
            settings.uri, auth=settings.auth(), **settings.driver_options()
        )

    def kg(self, *args: object, input: str | None = None) -> Result:
        """Run the real ``kg`` CLI pointed at this database."""
        return run_kg(*args, env=self.env, input=input)

    def value(self, cypher: str, **parameters: object) -> object:
        """The single value a query returns."""
        records = self.records(cypher, **parameters)
        assert len(records) == 1 and len(records[0]) == 1, records
        return records[0][0]

    def records(self, cypher: str, **parameters: object) -> list[Record]:
        """Every record a query returns."""
        with self.driver.session(database=self.settings.database) as session:
            return list(session.run(cypher, parameters))

    def count_nodes(self, case_id: str) -> int:
        return int(self.value("MATCH (n {case_id: $case_id}) RETURN count(n)", case_id=case_id))

    def count_relationships(self, case_id: str) -> int:
        return int(self.value("MATCH ()-[r {case_id: $case_id}]->() RETURN count(r)", case_id=case_id))

    def remove(self, *case_ids: str) -> None:
        """Remove the given cases (never anything else: an external Neo4j may hold other data)."""
        for case_id in case_ids:
            delete_case(self.driver, self.settings, case_id)

    def close(self) -> None:
        self.driver.close()


@pytest.fixture(scope="session")
def neo4j_db() -> Iterator[GraphDb]:
    """The Neo4j 5 the tests load into and query: the server NEO4J_URI names (with
    NEO4J_USERNAME/NEO4J_PASSWORD, e.g. an Enterprise server or a cluster), else a Neo4j
    Community server started here once for the session (see tests/neo4j_server.py)."""
    if os.environ.get("NEO4J_URI"):
        database = GraphDb(Neo4jSettings.from_env(), {})
        yield database
        database.close()
        return
    server = Neo4jServer().start()
    database = GraphDb(Neo4jSettings.from_env(server.env()), server.env())
    yield database
    database.close()
    server.remove()
