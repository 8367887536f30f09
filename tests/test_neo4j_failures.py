"""What a user sees when the server is away, refuses them, or dies mid-load: one clear line (after
the progress lines of the phases done before it), exit code 3, no traceback, no credentials, and a
re-run that finishes the job."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time

import pytest
from neo4j import GraphDatabase

from kg.build import graph_from
from kg.errors import UsageError
from kg.neo4j.settings import Neo4jSettings
from tests.conftest import HOTTON, ROOT, TINY, GraphDb, run_kg
from tests.neo4j_server import Neo4jServer, free_port
from tests.progress_record import STAMPED

SECRET = "s3cret-Passw0rd-that-must-not-leak"


def one_line_exit_3(result_stderr: str, exit_code: int) -> str:
    """The one line of the error, after the progress lines of the phases done before it."""
    assert exit_code == 3, result_stderr
    *progress_lines, error = result_stderr.strip().splitlines()
    assert all(STAMPED.match(line) for line in progress_lines) and not STAMPED.match(error), result_stderr
    assert "Traceback" not in result_stderr
    return error


@pytest.mark.parametrize("command", [["load", TINY], ["query", "run", "silent-witnesses", "--case", "tiny"]])
def test_an_unreachable_server_is_one_line_and_exit_3(command: list[object]) -> None:
    env = {
        "NEO4J_URI": f"bolt://127.0.0.1:{free_port()}",
        "NEO4J_PASSWORD": SECRET,
    }
    started = time.monotonic()
    result = run_kg(*command, env=env)
    line = one_line_exit_3(result.stderr, result.exit_code)
    assert line.endswith(
        "cannot reach the server (Connection refused); is it running, and is NEO4J_URI right?"
    )
    assert SECRET not in result.output
    assert time.monotonic() - started < 10, "an unreachable server is reported at once, not after retries"


def test_a_refused_password_is_one_line_and_never_printed(
    neo4j_db: GraphDb, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="neo4j"):
        result = run_kg("load", TINY, env=neo4j_db.env | {"NEO4J_PASSWORD": SECRET})
    line = one_line_exit_3(result.stderr, result.exit_code)
    assert "refused the user name or password" in line and "NEO4J_PASSWORD" in line
    assert SECRET not in result.output and SECRET not in caplog.text


def test_the_password_can_come_from_stdin_and_is_never_printed(neo4j_db: GraphDb) -> None:
    password = neo4j_db.settings.password or ""
    env = neo4j_db.env | {"NEO4J_PASSWORD": ""}
    accepted = run_kg("load", TINY, "--password-stdin", env=env, input=password + "\n")
    assert accepted.exit_code == 0, accepted.output
    assert password not in accepted.output
    refused = run_kg("load", TINY, "--password-stdin", env=env, input=SECRET + "\n")
    line = one_line_exit_3(refused.stderr, refused.exit_code)
    assert "NEO4J_PASSWORD" in line and SECRET not in refused.output


def test_there_is_no_password_option() -> None:
    result = run_kg("load", TINY, "--password", SECRET)
    assert result.exit_code == 2
    assert "No such option" in result.output


@pytest.mark.parametrize(
    "uri, message",
    [
        ("http://localhost:7474", "is not a Neo4j address"),
        ("bolt://neo4j:" + SECRET + "@localhost:7687", "not in the URI"),
        ("localhost", "is not a Neo4j address"),
        ("bolt://localhost:abc", "is not a Neo4j address"),
        ("bolt://localhost:99999", "is not a Neo4j address"),
        ("bolt://[::1", "is not a Neo4j address"),
    ],
)
def test_a_bad_uri_is_a_usage_error(uri: str, message: str) -> None:
    result = run_kg("load", TINY, env={"NEO4J_URI": uri})
    assert result.exit_code == 2
    assert message in result.stderr and SECRET not in result.output


def test_settings_never_show_the_password() -> None:
    settings = Neo4jSettings.from_env({"NEO4J_URI": "neo4j+s://db.example:7687", "NEO4J_PASSWORD": SECRET})
    assert settings.password == SECRET
    assert SECRET not in repr(settings) and SECRET not in settings.describe()
    assert settings.describe() == "neo4j+s://db.example:7687 (the default database, user neo4j)"


def test_the_retry_time_comes_from_the_environment() -> None:
    assert Neo4jSettings.from_env({"KG_NEO4J_RETRY_SECONDS": "2.5"}).retry_seconds == 2.5
    assert Neo4jSettings.from_env({}).retry_seconds == 30
    with pytest.raises(UsageError, match="KG_NEO4J_RETRY_SECONDS must be a number of seconds"):
        Neo4jSettings.from_env({"KG_NEO4J_RETRY_SECONDS": "soon"})


@pytest.mark.parametrize("scheme", ["bolt", "neo4j", "neo4j+s", "bolt+s"])
def test_the_usual_schemes_are_accepted(scheme: str) -> None:
    settings = Neo4jSettings.from_env({"NEO4J_URI": f"{scheme}://db.example:7687"})
    assert settings.uri == f"{scheme}://db.example:7687"


def test_options_override_the_environment() -> None:
    env = {"NEO4J_URI": "bolt://a:7687", "NEO4J_USERNAME": "alice", "NEO4J_DATABASE": "one"}
    settings = Neo4jSettings.from_env(env, uri="bolt://b:7687", database="two")
    assert (settings.uri, settings.username, settings.database) == ("bolt://b:7687", "alice", "two")
    assert Neo4jSettings.from_env({}).uri == "neo4j://localhost:7687"


def test_a_wrong_database_name_is_one_line_and_exit_3(neo4j_db: GraphDb) -> None:
    result = run_kg("load", TINY, "--database", "kgnosuchdatabase", env=neo4j_db.env)
    line = one_line_exit_3(result.stderr, result.exit_code)
    assert "there is no database 'kgnosuchdatabase'" in line


def graph_counts(server: Neo4jServer) -> tuple[int, int, int]:
    """Nodes, relationships and duplicated (case, label or type, id) keys of case hotton."""
    with GraphDatabase.driver(server.uri, auth=(server.username, server.password)) as driver:
        with driver.session() as session:
            nodes = session.run("MATCH (n {case_id: 'hotton'}) RETURN count(n)").single()[0]
            relationships = session.run("MATCH ()-[r {case_id: 'hotton'}]->() RETURN count(r)").single()[0]
            duplicates = session.run(
                "MATCH (n {case_id: 'hotton'}) WITH labels(n)[0] AS kind, n.id AS id, count(*) AS copies "
                "WHERE copies > 1 RETURN count(*) AS duplicated "
                "UNION ALL "
                "MATCH ()-[r {case_id: 'hotton'}]->() WITH type(r) AS kind, r.id AS id, count(*) AS copies "
                "WHERE copies > 1 RETURN count(*) AS duplicated"
            ).value()
    return int(nodes), int(relationships), sum(duplicates)


def test_a_load_cut_short_by_a_crash_is_finished_by_loading_again() -> None:
    """Kill Neo4j (SIGKILL) in the middle of a load: after a restart (Neo4j recovers from its
    transaction log), the committed batches are there and nothing else; loading again gives
    exactly the whole graph, with no duplicated key."""
    graph = graph_from(HOTTON)
    whole = (graph.number_of_nodes(), graph.number_of_edges(), 0)
    server = Neo4jServer(heap="512m", page_cache="64m").start()
    try:
        env = os.environ | server.env() | {"KG_NEO4J_RETRY_SECONDS": "2"}
        loading = subprocess.Popen(
            [sys.executable, "-m", "kg", "load", str(HOTTON), "--batch-size", "20"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while graph_counts(server)[0] < 200:
            assert time.monotonic() < deadline and loading.poll() is None, "the load ended before the kill"
            time.sleep(0.01)
        server.kill()
        _, stderr = loading.communicate(timeout=90)
        line = one_line_exit_3(stderr, loading.returncode)
        assert "cannot reach the server" in line

        server.start()
        survived = graph_counts(server)
        assert 200 <= survived[0] < whole[0], "committed batches survive the crash; the rest is missing"
        assert survived[2] == 0
        again = subprocess.run(
            [sys.executable, "-m", "kg", "load", str(HOTTON)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        assert again.returncode == 0, again.stderr
        assert graph_counts(server) == whole
    finally:
        server.remove()


def test_no_password_is_asked_for_a_server_that_is_not_there() -> None:
    """At a terminal with no NEO4J_PASSWORD, kg load first finds that nothing answers, and says
    so, instead of prompting for a password it cannot use."""
    import pty

    controller, terminal = pty.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "kg", "load", str(TINY)], cwd=ROOT, stdin=terminal, capture_output=True,
            text=True, timeout=30, env=env | {"NEO4J_URI": f"bolt://127.0.0.1:{free_port()}"},
        )  # fmt: skip
    finally:
        os.close(terminal)
        os.close(controller)
    assert "Password" not in done.stdout + done.stderr
    assert one_line_exit_3(done.stderr, done.returncode).endswith("is it running, and is NEO4J_URI right?")
