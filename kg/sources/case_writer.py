"""Write a :class:`Case` as a case folder (``case.toml`` and one CSV per non-empty kind), the
format ``kg build`` reads (docs/case-format.md). Source adapters use it to hand their output on."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from kg.case import Case, NodeRow, RelationshipRow
from kg.export.csv_files import write_csv
from kg.ontology import (
    CASE_NODE_KINDS,
    RELATIONSHIP_KINDS,
    SOURCE_TYPES,
    Label,
    node_columns,
    relationship_columns,
)
from kg.progress import Advance, counted, ignore
from kg.sources.case_folder import METADATA_FILE
from kg.values import to_text

SOURCE_KEYS = ("title", "source_type", "publisher", "published", "url", "sha256", "description")


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # JSON string escapes are valid TOML basic strings


def source_toml(source: NodeRow) -> list[str]:
    """The ``[[sources]]`` table of a Source row, as lines of ``case.toml``."""
    assert source.properties.get("source_type") in SOURCE_TYPES
    return ["", "[[sources]]", f"id = {_toml_string(source.id)}"] + [
        f"{k} = {_toml_string(to_text(source.properties[k]))}" for k in SOURCE_KEYS if k in source.properties
    ]


def write_case(case: Case, folder: Path, advance: Advance = ignore) -> list[Path]:
    """Write ``case`` into ``folder`` (which must exist), telling ``advance`` of the rows written;
    returns the files written."""
    lines = [f"name = {_toml_string(case.name)}", f"title = {_toml_string(case.title)}",
             f"description = {_toml_string(case.description)}"]  # fmt: skip
    for source in case.nodes.get(Label.SOURCE, []):
        lines += source_toml(source)
    metadata = folder / METADATA_FILE
    metadata.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [metadata, *write_tables(case.nodes, case.relationships, folder, advance=advance)]


def rows_written(
    nodes: Mapping[str, list[NodeRow]], relationships: Mapping[str, list[RelationshipRow]]
) -> int:
    """How many rows :func:`write_tables` writes."""
    return sum(len(nodes.get(kind.label, ())) for kind in CASE_NODE_KINDS) + sum(
        map(len, relationships.values())
    )


def write_tables(nodes: Mapping[str, list[NodeRow]], relationships: Mapping[str, list[RelationshipRow]],
                 folder: Path, part: str | None = None, advance: Advance = ignore) -> list[Path]:  # fmt: skip
    """One CSV per non-empty kind in ``folder`` (Sources excluded: they live in ``case.toml``):
    ``<kind>.csv``, or ``<kind>.<part>.csv`` for a part of the case (see docs/case-format.md);
    ``advance`` hears of the rows written."""
    suffix = f".{part}.csv" if part else ".csv"
    joined = cache(to_text)  # rows share their lists of sources: one text for each list, not each row
    written = []
    for kind in CASE_NODE_KINDS:
        rows = nodes.get(kind.label)
        if rows:
            columns = [c.name for c in node_columns(kind)]
            written.append(write_csv(folder / f"{kind.file_stem}{suffix}", columns, (
                [r.id, *map(r.properties.get, columns[1:-2]), joined(r.sources), r.quote] for r in counted(rows, advance)
            ), for_spreadsheets=False))  # fmt: skip
    for kind in RELATIONSHIP_KINDS:
        rows = relationships.get(kind.type)
        if rows:
            columns = [c.name for c in relationship_columns(kind)]
            written.append(write_csv(folder / f"{kind.file_stem}{suffix}", columns, (
                [r.id, r.start_id, r.end_id, *map(r.properties.get, columns[3:-2]), joined(r.sources), r.quote]
                for r in counted(rows, advance)
            ), for_spreadsheets=False))  # fmt: skip
    return written
