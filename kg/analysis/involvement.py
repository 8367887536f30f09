"""Who was actively involved in what, and when each officer first was (adoption events).

Active involvement is sending a message (SENT), established participation (PARTICIPATED_IN) and,
for complaint data, an accusation (ACCUSED_IN) whose finding is among those chosen: by default
only sustained findings count, because an allegation is not a finding. Being a witness or a
recipient is exposure, not involvement.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import networkx as nx

from kg.ontology import Label, RelType
from kg.progress import Advance, counted, ignore
from kg.values import to_date

ACTIVE_TYPES = (RelType.SENT, RelType.PARTICIPATED_IN, RelType.ACCUSED_IN)
DEFAULT_FINDINGS = ("sustained",)
ANY_FINDING = "any"
ALL = "all"
"""The scope of all misconduct (the other scopes are category ids)."""


@dataclass(frozen=True, order=True)
class Involvement:
    """One officer's active involvement in one incident."""

    day: date | None
    officer: str
    incident: str
    role: str
    """The relationship type: SENT, PARTICIPATED_IN or ACCUSED_IN."""
    categories: tuple[str, ...]


@dataclass(frozen=True, order=True)
class Adoption:
    """An officer's first active involvement in scope: the day they 'adopted' the behaviour."""

    day: date
    officer: str
    incident: str
    role: str


def incident_day(graph: nx.MultiDiGraph, incident: str) -> date | None:
    """The date of an incident (``occurred_on``, filled from ``occurred_at``), or None."""
    value = graph.nodes[incident].get("occurred_on") or graph.nodes[incident].get("occurred_at")
    return to_date(value) if isinstance(value, str) else None


def case_window(graph: nx.MultiDiGraph) -> tuple[date, date] | None:
    """The first and last day of the case's dated incidents (None: none dated)."""
    days = [
        d for n, kind in graph.nodes(data="kind") if kind == Label.INCIDENT and (d := incident_day(graph, n))
    ]
    return (min(days), max(days)) if days else None


def incident_categories(graph: nx.MultiDiGraph, incident: str) -> tuple[str, ...]:
    """The ids of the categories an incident is in (IN_CATEGORY), sorted."""
    return tuple(
        sorted(
            c for _, c, data in graph.out_edges(incident, data=True) if data["kind"] == RelType.IN_CATEGORY
        )
    )


def accusation_counts(data: dict, findings: Iterable[str] | str) -> bool:
    """Whether an ACCUSED_IN relationship counts as involvement: its final finding (or, when
    that is missing, its recommended finding) is among ``findings``, or ``findings`` is ``"any"``."""
    if findings == ANY_FINDING:
        return True
    finding = data.get("final_finding") or data.get("finding")
    return finding in tuple(findings)


def involvements(
    graph: nx.MultiDiGraph, findings: Iterable[str] | str = DEFAULT_FINDINGS, advance: Advance = ignore
) -> list[Involvement]:
    """Every active involvement of an officer, sorted by date (undated last), officer, incident.

    An accusation whose ``allegation`` names a Category node is in that category only; otherwise
    an involvement is in the categories of its incident. What counts: taking part in an incident,
    an accusation with a counted finding, and sending a message that is in at least one
    category (an uncategorised message is not misconduct; see docs/case-format.md). ``advance``
    hears of the relationships read.
    """
    active: list[tuple[str, str, dict]] = []
    categories: dict[str, list[str]] = defaultdict(list)  # each incident's, from one pass over all
    for start, end, data in counted(graph.edges(data=True), advance):
        if data["kind"] == RelType.IN_CATEGORY:
            categories[start].append(end)
        elif data["kind"] in ACTIVE_TYPES and graph.nodes[start]["kind"] == Label.OFFICER:
            active.append((start, end, data))
    found: set[Involvement] = set()
    for officer, incident, data in active:
        role = data["kind"]
        if role == RelType.ACCUSED_IN and not accusation_counts(data, findings):
            continue
        allegation = data.get("allegation")
        is_category = allegation in graph and graph.nodes[allegation]["kind"] == Label.CATEGORY
        in_categories = (allegation,) if is_category else tuple(sorted(categories.get(incident, ())))
        if role == RelType.SENT and not in_categories:
            continue  # a message is misconduct only when it is in a category
        found.add(Involvement(incident_day(graph, incident), officer, incident, role, in_categories))
    return sorted(found, key=lambda i: (i.day is None, i.day or date.min, i.officer, i.incident, i.role))


def in_scope(involvement: Involvement, category: str | None) -> bool:
    """Whether an involvement counts for ``category`` (None: all misconduct)."""
    return category is None or category in involvement.categories


def adoptions(items: Iterable[Involvement], category: str | None = None) -> dict[str, Adoption]:
    """Each officer's first dated involvement in scope, by officer id."""
    first: dict[str, Adoption] = {}
    for item in items:
        if item.day is None or not in_scope(item, category) or item.officer in first:
            continue
        first[item.officer] = Adoption(item.day, item.officer, item.incident, item.role)
    return dict(sorted(first.items()))
