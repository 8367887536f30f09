"""Every Cypher statement kg has or sends passes Neo4j's own linter with the ontology as schema:
the query library, cypher/schema.cypher, every statement the loader can send,
and the statements of the exported graph.cypher scripts."""

from __future__ import annotations

import pytest

from kg.build import graph_from
from kg.export.cypher_script import cypher_statements
from kg.neo4j.queries import library
from kg.neo4j.statements import (
    EXISTING_SCHEMA,
    SCHEMA_FILE,
    delete_case_batch,
    node_merge,
    relationship_merge,
    schema_script,
    schema_statements,
)
from kg.ontology import NODE_KINDS, RELATIONSHIP_KINDS
from tests.conftest import TINY, UNIT
from tests.cypher_lint import Statement, lint

SAMPLE = {
    "STRING": "x",
    "INTEGER": 1,
    "FLOAT": 1.0,
    "BOOLEAN": True,
    "DATE": "2016-01-01",
    "LIST<STRING>": ["x"],
}
LOADER_PARAMETERS = {"rows": [], "case_id": "x", "limit": 1}


def library_statements() -> list[Statement]:
    return [
        Statement(f"query {q.name}", q.text, {p.name: SAMPLE[p.type] for p in q.parameters})
        for q in library().values()
    ]


def schema_file_statements() -> list[Statement]:
    lines = SCHEMA_FILE.read_text(encoding="utf-8").splitlines()
    text = "\n".join(line for line in lines if not line.startswith("//"))
    return [
        Statement(f"schema.cypher #{n}", s.strip()) for n, s in enumerate(text.split(";"), 1) if s.strip()
    ]


def loader_statements() -> list[Statement]:
    statements = [
        Statement("connectivity check", "RETURN 1"),
        Statement("loader: existing schema", EXISTING_SCHEMA),
    ]
    statements += [Statement(f"loader: schema #{n}", s) for n, s in enumerate(schema_statements(), 1)]
    for kind in NODE_KINDS:
        statements.append(Statement(f"loader: merge {kind.label}", node_merge(kind.label), LOADER_PARAMETERS))
        statements.append(
            Statement(f"loader: delete {kind.label}", delete_case_batch(kind.label), LOADER_PARAMETERS)
        )
    for rel in RELATIONSHIP_KINDS:
        for start in rel.starts:
            for end in rel.ends:
                text = relationship_merge(rel.type, start, end)
                statements.append(
                    Statement(f"loader: merge {start}-{rel.type}->{end}", text, LOADER_PARAMETERS)
                )
    return statements


def script_statements() -> list[Statement]:
    """The graph.cypher statements of the small cases (Hotton's are the same statements with
    more literal rows, and take the linter a minute)."""
    return [
        Statement(f"{case.name} graph.cypher #{n}", text)
        for case in (TINY, UNIT)
        for n, text in enumerate(cypher_statements(graph_from(case)), 1)
    ]


STATEMENTS = library_statements() + schema_file_statements() + loader_statements() + script_statements()


@pytest.fixture(scope="module")
def problems() -> dict[str, list[str]]:
    return lint(STATEMENTS)


def test_the_linter_sees_every_statement(problems: dict[str, list[str]]) -> None:
    assert len({s.name for s in STATEMENTS}) == len(STATEMENTS)
    assert sorted(problems) == sorted(s.name for s in STATEMENTS)
    assert len(library_statements()) == len(library()) >= 12


@pytest.mark.parametrize(
    "group",
    ["query", "schema.cypher", "connectivity", "loader:", "graph.cypher"],
)
def test_no_statement_has_a_problem(problems: dict[str, list[str]], group: str) -> None:
    checked = {name: found for name, found in problems.items() if group in name}
    assert checked, f"no statements in group {group!r}"
    assert {name: found for name, found in checked.items() if found} == {}


def test_schema_cypher_matches_the_ontology() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_script(), (
        "cypher/schema.cypher drifted: run `make docs`"
    )


PROBES = {
    "syntax": ("MATCH (n:Officer RETURN n", {}, "Invalid input"),
    "label": ("MATCH (n:Oficer) RETURN n", {}, "Label Oficer is not present in the database"),
    "type": ("MATCH ()-[r:SUPERVISED]->() RETURN r", {}, "Relationship type SUPERVISED is not present"),
    "key": ("MATCH (n:Officer) RETURN n.nmae", {}, "nmae is not present in the database"),
    "parameter": (
        "MATCH (n:Officer {id: $officer}) RETURN n",
        {"id": "x"},
        "Parameter $officer is not defined",
    ),
}


@pytest.fixture(scope="module")
def probe_problems() -> dict[str, list[str]]:
    return lint([Statement(name, text, parameters) for name, (text, parameters, _) in PROBES.items()])


@pytest.mark.parametrize("probe", PROBES)
def test_the_linter_catches_what_it_should(probe_problems: dict[str, list[str]], probe: str) -> None:
    expected = PROBES[probe][2]
    assert any(expected in problem for problem in probe_problems[probe]), probe_problems[probe]
