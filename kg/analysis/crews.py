"""Crews: small groups of officers involved in incidents together again and again, more often
than chance would put them together (after Jain, Sinclair & Papachristos, "Identifying
misconduct-committing officer crews in the Chicago police department", PLOS ONE 2022).

Two officers are *linked* when they share at least :data:`MIN_SHARED` incidents (taking part or
accused, whatever the finding) and that count is improbable under chance mixing: if each
officer's incidents were spread over the incidents at random, the pair would share on average
``λ = d_i · d_j · S / D²`` incidents (``d``: each officer's incidents, ``S``: the number of
officer pairs the incidents hold, ``D``: the sum of all ``d``), and the Poisson probability of
sharing as many as they did is below :data:`ALPHA` divided by the number of pairs that share any
incident (Bonferroni). A crew is a connected group of linked officers of at least
:data:`MIN_SIZE` and at most :data:`MAX_SIZE`; a larger connected group is reported as such,
flagged, since it is a network, not a crew.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx
from scipy.stats import poisson

from kg.analysis.measure import Measure, Section
from kg.ontology import Label, RelType

if TYPE_CHECKING:
    pass

MIN_SHARED = 2
MIN_SIZE = 3
MAX_SIZE = 8
ALPHA = 0.05
INVOLVING = (RelType.PARTICIPATED_IN, RelType.ACCUSED_IN)


@dataclass(frozen=True)
class Crew:
    """A crew: its officers and the incidents two or more of them were involved in together."""

    crew: int
    officers: tuple[str, ...]
    size: int
    incidents: int
    share_of_incidents: float
    """Of the incidents with any officer involved."""
    share_of_officers: float
    """Of the officers involved in any incident."""
    network_not_crew: bool
    """More than :data:`MAX_SIZE` officers linked together."""


def incident_officers(graph: nx.MultiDiGraph) -> dict[str, set[str]]:
    """The officers involved in each incident (taking part or accused, any finding)."""
    found: dict[str, set[str]] = defaultdict(set)
    for start, end, kind in graph.edges(data="kind"):
        if kind in INVOLVING and graph.nodes[start]["kind"] == Label.OFFICER:
            found[end].add(start)
    return found


def crews(graph: nx.MultiDiGraph) -> list[Crew]:
    """The crews of ``graph`` (see the module doc), largest first."""
    involved = incident_officers(graph)
    degree: dict[str, int] = defaultdict(int)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    slots = 0
    for officers in involved.values():
        ordered = sorted(officers)
        slots += len(ordered) * (len(ordered) - 1) // 2
        for i, a in enumerate(ordered):
            degree[a] += 1
            for b in ordered[i + 1 :]:
                shared[a, b] += 1
    total = sum(degree.values())
    threshold = ALPHA / max(1, len(shared))
    linked = nx.Graph()
    for (a, b), count in sorted(shared.items()):
        expected = degree[a] * degree[b] * slots / total**2 if total else 0.0
        if count >= MIN_SHARED and poisson.sf(count - 1, expected) < threshold:
            linked.add_edge(a, b)
    groups = sorted(
        (sorted(c) for c in nx.connected_components(linked) if len(c) >= MIN_SIZE), key=lambda c: (-len(c), c)
    )
    incidents_with_officers = len(involved)
    incidents_of: dict[str, list[str]] = defaultdict(list)
    for incident, officers in involved.items():
        for officer in officers:
            incidents_of[officer].append(incident)
    result = []
    for number, members in enumerate(groups):
        members_in = Counter(incident for member in members for incident in incidents_of[member])
        together = sum(1 for count in members_in.values() if count >= 2)
        result.append(Crew(number, tuple(members), len(members), together,
                           together / incidents_with_officers if incidents_with_officers else 0.0,
                           len(members) / len(degree) if degree else 0.0, len(members) > MAX_SIZE))  # fmt: skip
    return result


def crew_recovery(found: list[tuple[str, ...]], true: list[list[str]], overlap: float = 0.5) -> float | None:
    """The share of ``true`` crews matched by a ``found`` one with Jaccard overlap at least
    ``overlap`` (None when there are no true crews)."""
    if not true:
        return None
    matched = sum(
        1 for crew in true if any(len(set(crew) & set(f)) / len(set(crew) | set(f)) >= overlap for f in found)
    )
    return matched / len(true)


CREWS = Measure(
    "crews", "Crews",
    "Small groups of officers involved in incidents together more often than chance (each linked pair shares at "
    "least two incidents, Poisson p below 0.05 over the pairs that share any, Bonferroni), with the incidents two "
    "or more of them shared and their share of all incidents and officers. A group of more than eight linked "
    "officers is flagged as a network rather than a crew.",
    Crew, lambda context: crews(context.graph), Section.STRUCTURE,
)  # fmt: skip
