"""Build a :class:`Case` in code, row by row: for generators (synthetic cases, simulations)."""

from __future__ import annotations

from collections.abc import Mapping

from kg.case import Case, NodeRow, RelationshipRow
from kg.ontology import NODE_KINDS, RELATIONSHIP_KINDS, Label
from kg.values import Value


class CaseBuilder:
    """A case whose every node and relationship cites one source."""

    def __init__(
        self, name: str, title: str, description: str, source: str, source_properties: Mapping[str, Value]
    ) -> None:
        self.source = source
        self.case = Case(name=name, title=title, description=description)
        self.case.nodes = {kind.label: [] for kind in NODE_KINDS}
        self.case.relationships = {kind.type: [] for kind in RELATIONSHIP_KINDS}
        self.node(Label.SOURCE, source, **source_properties)

    def node(self, label: str, node_id: str, **properties: Value | None) -> None:
        """Add a node; properties that are None are left out."""
        kept = {k: v for k, v in properties.items() if v is not None}
        self.case.nodes[label].append(NodeRow(node_id, kept, (self.source,)))

    def relationship(self, rel_type: str, start: str, end: str, rel_id: str | None = None,
                     **properties: Value | None) -> None:  # fmt: skip
        """Add a relationship (id ``start-TYPE-end`` unless given); None properties are left out."""
        kept = {k: v for k, v in properties.items() if v is not None}
        row = RelationshipRow(rel_id or f"{start}-{rel_type}-{end}", start, end, kept, (self.source,))
        self.case.relationships[rel_type].append(row)

    def finished(self) -> Case:
        """The case, without empty kinds."""
        self.case.nodes = {label: rows for label, rows in self.case.nodes.items() if rows}
        self.case.relationships = {t: rows for t, rows in self.case.relationships.items() if rows}
        return self.case
