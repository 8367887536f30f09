"""A Cypher script that creates the case's graph, for ``cypher-shell -f graph.cypher``.

It first creates the schema (constraints and indexes from the ontology), then merges nodes and
relationships on ``(case_id, id)`` in batches, with the very statements the Bolt loader sends,
so running it twice changes nothing. Data values are written by :mod:`kg.cypher_literal`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import networkx as nx

from kg.cypher_literal import literal, string_literal
from kg.neo4j.model import batches, case_id_of, row_groups
from kg.neo4j.statements import merge_statement, schema_statements
from kg.progress import Advance, ignore

BATCH_SIZE = 500


def _rows_literal(rows: list[dict]) -> str:
    return "[\n  " + ",\n  ".join(literal(row) for row in rows) + "\n]"


def cypher_statements(
    graph: nx.MultiDiGraph, batch_size: int = BATCH_SIZE, advance: Advance = ignore
) -> Iterator[str]:
    """The script's statements (without the terminating ``;``); ``advance`` hears of the nodes
    and relationships of each statement."""
    case = string_literal(case_id_of(graph))
    yield from schema_statements()
    for group in row_groups(graph):
        for rows in batches(group.rows, batch_size):
            yield merge_statement(group, rows=_rows_literal(rows), case=case)
            advance(len(rows))


def export_cypher(
    graph: nx.MultiDiGraph, path: str | Path, advance: Advance = ignore, batch_size: int = BATCH_SIZE
) -> Path:
    """Write the Cypher script for ``graph`` to ``path``, telling ``advance`` of the nodes and
    relationships written."""
    path = Path(path)
    header = (
        f"// Knowledge graph of case {string_literal(str(graph.graph.get('name', '')))}, written by kg.\n"
        "// Run with: cypher-shell -a neo4j://HOST:7687 -u USER -d DATABASE -f graph.cypher\n"
        "// Safe to run again: nodes and relationships are merged on (case_id, id).\n"
    )
    with path.open("w", encoding="utf-8") as out:
        out.write(header)
        for statement in cypher_statements(graph, batch_size, advance):
            out.write(f"\n{statement};\n")
    return path
