"""The Case: the validated, typed form of any input, one table per node and relationship kind.

Every source adapter produces a :class:`Case`; every sink consumes a Case or the graph built
from it. Values are canonical (see :mod:`kg.values`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import Problem
from kg.values import Value


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a row came from, for error messages: file, line, and its columns' positions."""

    file: str
    line: int
    columns: Mapping[str, int] = field(default_factory=dict)

    def problem(self, message: str, column_name: str | None = None) -> Problem:
        """A problem located at this row (and at the named column when known)."""
        column = self.columns.get(column_name, 0) if column_name else 0
        return Problem(self.file, self.line, column, message)


@dataclass(slots=True)
class NodeRow:
    """One node: its id, typed properties and provenance."""

    id: str
    properties: dict[str, Value]
    sources: tuple[str, ...]
    quote: str | None = None
    origin: Origin | None = None


@dataclass(slots=True)
class RelationshipRow:
    """One relationship between two nodes, with typed properties and provenance."""

    id: str
    start_id: str
    end_id: str
    properties: dict[str, Value]
    sources: tuple[str, ...]
    quote: str | None = None
    origin: Origin | None = None


@dataclass
class Case:
    """A whole case: metadata, nodes by label and relationships by type (in ontology order)."""

    name: str
    title: str = ""
    description: str = ""
    nodes: dict[str, list[NodeRow]] = field(default_factory=dict)
    relationships: dict[str, list[RelationshipRow]] = field(default_factory=dict)
    input_files: list[Path] = field(default_factory=list)
    root: Path | None = None

    def iter_nodes(self) -> Iterator[tuple[str, NodeRow]]:
        """Every node as ``(label, row)``, kinds in ontology order, rows in input order."""
        for label, rows in self.nodes.items():
            for row in rows:
                yield label, row

    def iter_relationships(self) -> Iterator[tuple[str, RelationshipRow]]:
        """Every relationship as ``(type, row)``, kinds in ontology order, rows in input order."""
        for rel_type, rows in self.relationships.items():
            for row in rows:
                yield rel_type, row

    def counts(self) -> dict[str, int]:
        """Number of rows per label and relationship type (non-empty kinds only)."""
        tables = {**self.nodes, **self.relationships}
        return {kind: len(rows) for kind, rows in tables.items() if rows}
