"""CSV files for ``neo4j-admin database import full``: one file per label and per type.

Headers follow Neo4j's import format: ``id:ID`` (one global id space: ids are unique across a
case), ``:LABEL``, ``:START_ID``, ``:END_ID``, ``:TYPE`` and typed property columns such as
``joined:date`` and ``sources:string[]`` (array items separated by ``;``).
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from kg.export.csv_files import write_csv
from kg.neo4j.model import (
    ADMIN_TYPES,
    CASE_KEY,
    full_date,
    node_properties,
    nodes_by_label,
    relationship_properties,
    relationships_by_type,
)
from kg.ontology import Property, ValueType
from kg.progress import Advance, counted, ignore

IMPORT_SCRIPT = "import.sh"


def _typed_header(properties: tuple[Property, ...]) -> list[str]:
    return [f"{p.name}:{ADMIN_TYPES[p.type]}" for p in properties]


def _rows(properties: tuple[Property, ...], elements: Iterable[tuple[Any, ...]]) -> Iterator[list[Any]]:
    """For each element (its leading cells, then its attributes last): those cells, then its
    value of each property (empty where it has none; a date in full; a list as the graph holds
    it, which the CSV writer joins with the array delimiter)."""
    names = [p.name for p in properties]
    dates = [i for i, p in enumerate(properties) if p.type is ValueType.DATE]
    for *cells, data in elements:
        values = list(map(data.get, names))
        for i in dates:
            if values[i] is not None:
                values[i] = full_date(values[i])
        yield [*cells, *values]


def export_neo4j_admin(graph: nx.MultiDiGraph, folder: str | Path, advance: Advance = ignore) -> list[Path]:
    """Write the neo4j-admin import files and ``import.sh`` (the command that imports them),
    telling ``advance`` of the nodes and relationships written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    case_id = str(graph.graph.get("name", ""))
    written: list[Path] = []
    for label, nodes in nodes_by_label(graph):
        properties = node_properties(label)
        header = ["id:ID", f"{CASE_KEY}:string", *_typed_header(properties), ":LABEL"]
        rows = (
            [*row, label]
            for row in _rows(properties, ((node, case_id, data) for node, data in counted(nodes, advance)))
        )
        written.append(write_csv(folder / f"nodes_{label}.csv", header, rows, for_spreadsheets=False))
    for rel_type, edges in relationships_by_type(graph):
        properties = relationship_properties(rel_type)
        header = [
            ":START_ID",
            ":END_ID",
            ":TYPE",
            "id:string",
            f"{CASE_KEY}:string",
            *_typed_header(properties),
        ]
        rows = _rows(
            properties, ((u, v, rel_type, key, case_id, data) for u, v, key, data in counted(edges, advance))
        )
        written.append(
            write_csv(folder / f"relationships_{rel_type}.csv", header, rows, for_spreadsheets=False)
        )
    written.append(_write_import_script(folder, written))
    return written


def _write_import_script(folder: Path, files: list[Path]) -> Path:
    options = [
        f"--{'nodes' if f.name.startswith('nodes_') else 'relationships'}={shlex.quote(f.name)}"
        for f in files
    ]
    lines = [
        "#!/bin/sh",
        "# Import these files into a new, empty database (default: neo4j). Run from this folder:",
        "#   sh import.sh [DATABASE]",
        "# Then create the kg schema: cypher-shell -f ../graph.cypher (it starts with the schema).",
        "set -eu",
        "# The database name comes first: --nodes and --relationships take every word after them.",
        "# Text values may span lines, hence --multiline-fields=true.",
        'neo4j-admin database import full "${1:-neo4j}" --array-delimiter=";" --multiline-fields=true \\',
        *(f"  {option}" + (" \\" if n < len(options) else "") for n, option in enumerate(options, 1)),
    ]
    path = folder / IMPORT_SCRIPT
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
