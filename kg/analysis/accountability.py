"""Who was held to account: participants and accused officers with and without outcomes, and
outcome rates by team and by rank. An outcome is any RECEIVED_OUTCOME; a sanction is an outcome
of one of the ontology's ``SANCTION_TYPES`` (dismissal, termination, suspension, reprimand, a
warning, a gross-misconduct finding, barring)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import networkx as nx

from kg.analysis.groups import NO_TEAM, GroupIndex
from kg.analysis.involvement import Involvement
from kg.analysis.measure import Measure, Section
from kg.ontology import SANCTION_TYPES, Label, RelType

UNKNOWN = "(unknown)"
"""An officer's rank when the case does not give it."""


@dataclass(frozen=True)
class Accountability:
    """An officer who took part in misconduct or was accused, and what became of it."""

    officer: str
    rank: str
    team: str
    involvements: int
    accusations: int
    sustained: int
    outcomes: tuple[str, ...]
    """Outcome types received, sorted (repeats kept)."""

    @property
    def has_outcome(self) -> bool:
        return bool(self.outcomes)

    @property
    def sanctioned(self) -> bool:
        return any(o in SANCTION_TYPES for o in self.outcomes)


def accountability(
    graph: nx.MultiDiGraph, items: Iterable[Involvement], teams: GroupIndex
) -> list[Accountability]:
    """Every officer with an involvement in ``items`` or any accusation, by id."""
    involved: dict[str, set[str]] = defaultdict(set)
    for item in items:
        involved[item.officer].add(item.incident)
    accused: dict[str, list[dict]] = defaultdict(list)
    outcomes: dict[str, list[str]] = defaultdict(list)
    for start, end, data in graph.edges(data=True):
        if data["kind"] == RelType.ACCUSED_IN:
            accused[start].append(data)
        elif data["kind"] == RelType.RECEIVED_OUTCOME:
            outcomes[start].append(str(graph.nodes[end]["outcome_type"]))
    rows = []
    for officer in sorted(involved.keys() | accused.keys()):
        if graph.nodes[officer]["kind"] != Label.OFFICER:
            continue
        sustained = sum(
            1 for d in accused[officer] if (d.get("final_finding") or d.get("finding")) == "sustained"
        )
        rows.append(
            Accountability(
                officer,
                str(graph.nodes[officer].get("rank") or UNKNOWN),
                teams.primary(officer),
                len(involved[officer]),
                len(accused[officer]),
                sustained,
                tuple(sorted(outcomes[officer])),
            )  # fmt: skip
        )
    return rows


@dataclass(frozen=True)
class OutcomeRate:
    """Outcome and sanction rates within one group of officers."""

    group: str
    officers: int
    with_outcome: int
    outcome_rate: float
    sanctioned: int
    sanction_rate: float


def outcome_rates(rows: list[Accountability], key: Callable[[Accountability], str]) -> list[OutcomeRate]:
    """Rates per value of ``key`` (e.g. team or rank), sorted by that value; none when no row has
    a known value (one "(unknown)" group compares nothing)."""
    groups: dict[str, list[Accountability]] = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    if set(groups) <= {UNKNOWN, NO_TEAM}:
        return []
    result = []
    for group, members in sorted(groups.items()):
        with_outcome = sum(1 for m in members if m.has_outcome)
        sanctioned = sum(1 for m in members if m.sanctioned)
        result.append(
            OutcomeRate(
                group,
                len(members),
                with_outcome,
                with_outcome / len(members),
                sanctioned,
                sanctioned / len(members),
            )
        )
    return result


ACCOUNTABILITY = Measure(
    "accountability", "Who was held to account",
    "Every officer who took part or was accused: involvements, accusations, sustained findings, and the outcomes "
    "they received. A sanction is a dismissal, termination, suspension, reprimand or warning, a gross-misconduct "
    "finding or barring; no case to answer, no action, a notice, management action, reflective practice, "
    "resigning, retiring and other outcomes (a violation noted, a penalty reinstated or not served) are not.",
    Accountability, lambda context: context.held, Section.ACCOUNTABILITY,
    extra={"has_outcome": lambda a: a.has_outcome, "sanctioned": lambda a: a.sanctioned},
)  # fmt: skip
_RATES = ("Officers who took part or were accused, and the share with an outcome and with a sanction; empty when the "
          "case records none of them.")  # fmt: skip
OUTCOMES_BY_TEAM = Measure(
    "outcomes_by_team", "Outcomes by team", _RATES, OutcomeRate,
    lambda context: outcome_rates(context.held, lambda a: a.team), Section.ACCOUNTABILITY,
)  # fmt: skip
OUTCOMES_BY_RANK = Measure(
    "outcomes_by_rank", "Outcomes by rank", _RATES, OutcomeRate,
    lambda context: outcome_rates(context.held, lambda a: a.rank), Section.ACCOUNTABILITY,
)  # fmt: skip
