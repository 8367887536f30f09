"""Regenerate the golden files, on purpose only (``make golden``; review the diff): the tiny
case's exports, and every library query's rows on examples/hotton (on a Neo4j started here)."""

import json
import shutil

from neo4j import GraphDatabase

from kg import build
from kg.neo4j.api import load
from kg.neo4j.settings import Neo4jSettings
from tests.conftest import HOTTON, TINY
from tests.neo4j_server import Neo4jServer
from tests.test_exports import GOLDEN
from tests.test_neo4j_queries import HOTTON_GOLDEN, hotton_results


def regenerate_exports() -> None:
    shutil.rmtree(GOLDEN, ignore_errors=True)
    print(f"wrote {len(build(TINY, GOLDEN).files)} files to {GOLDEN}")


def regenerate_hotton_queries() -> None:
    server = Neo4jServer().start()
    try:
        settings = Neo4jSettings.from_env(server.env())
        load(HOTTON, settings)
        with GraphDatabase.driver(settings.uri, auth=settings.auth()) as driver:
            results = hotton_results(driver, settings)
    finally:
        server.remove()
    HOTTON_GOLDEN.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(results)} query results to {HOTTON_GOLDEN}")


if __name__ == "__main__":
    regenerate_exports()
    regenerate_hotton_queries()
