"""Small knowledge graphs written out by hand for the analysis tests."""

from __future__ import annotations

from datetime import date
from typing import Any

import networkx as nx

from kg.analysis.involvement import Adoption
from kg.analysis.ties import Tie


class GraphBuilder:
    """Adds nodes and relationships with the attributes kg's graph build gives them."""

    def __init__(self, name: str = "test") -> None:
        self.graph = nx.MultiDiGraph(name=name)
        self._count = 0

    def node(self, node_id: str, kind: str, **properties: Any) -> GraphBuilder:
        self.graph.add_node(node_id, kind=kind, sources="s", **properties)
        return self

    def officers(self, *ids: str, **properties: Any) -> GraphBuilder:
        for officer in ids:
            self.node(officer, "Officer", name=f"Name {officer}", **properties)
        return self

    def rel(self, start: str, end: str, kind: str, **properties: Any) -> GraphBuilder:
        self._count += 1
        self.graph.add_edge(start, end, key=f"r{self._count}", kind=kind, sources="s", **properties)
        return self

    def incident(
        self, incident: str, day: str | None, *categories: str, incident_type: str = "message"
    ) -> GraphBuilder:
        props = {"incident_type": incident_type, **({"occurred_on": day} if day else {})}
        self.node(incident, "Incident", **props)
        for category in categories:
            if category not in self.graph:
                self.node(category, "Category", name=category.title())
            self.rel(incident, category, "IN_CATEGORY")
        return self

    def message(
        self, incident: str, day: str, sender: str, *recipients: str, category: str | None = "cat-x"
    ) -> GraphBuilder:
        self.incident(incident, day, *((category,) if category else ()))
        self.rel(sender, incident, "SENT")
        for recipient in recipients:
            self.rel(recipient, incident, "RECEIVED")
        return self

    def member(
        self, officer: str, team: str, start: str | None, end: str | None, kind: str = "MEMBER_OF"
    ) -> GraphBuilder:
        group_kind = "Team" if kind == "MEMBER_OF" else "ChatGroup"
        if team not in self.graph:
            self.node(team, group_kind, name=team.title())
        props = {k: v for k, v in (("from", start), ("until", end)) if v}
        return self.rel(officer, team, kind, **props)


def adoption(officer: str, day: str) -> Adoption:
    return Adoption(date.fromisoformat(day), officer, f"inc-{officer}", "SENT")


def tie(a: str, b: str, start: str | None = None, end: str | None = None, directed: bool = False,
        tie_type: str = "team") -> Tie:  # fmt: skip
    return Tie(a, b, tie_type, date.fromisoformat(start) if start else None,
               date.fromisoformat(end) if end else None, 1, (f"{a}-{b}",), directed)  # fmt: skip
