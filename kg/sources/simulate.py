"""Simulated units where the truth is known, to check the spread analysis (``kg simulate``).

A unit of officers in teams is simulated month by month over a window. Each month, every officer
at risk (in the force, on a team's roll, not yet adopted) adopts with a hazard set by the
scenario; adopting is taking part in an incident of the category ``cat-misconduct``. Officers
have *partners*: pair ties from incidents they were accused in together (not sustained, so they
are ties and not involvement). The case written is a valid kg case (every element cites the
source ``simulation``, of type ``synthetic``); ``ground_truth.json`` beside it says who adopted
when and why, the true transmission edges, the crews and the parameters.

Scenarios without contagion (the adoption hazard never depends on anyone's adoption):

- ``null``: one constant hazard;
- ``homophily``: each team's hazard multiplied by its own lognormal frailty;
- ``shocks``: each team has one six-month spell with six times the hazard;
- ``gaps``: half the officers are off the roll for 6–12 months (and cannot adopt then);
- ``careers``: half join during the window, a quarter leave, a third transfer between teams;
- ``coaccused``: partners form during the window, through random complaints within teams;
- ``chat``: each team has a chat; an officer adopts by posting a first message there, which the
  members present receive, and posts again later;
- ``crews``: small crews accused together again and again;
- ``chicago``: academy cohorts joining together, retirement after 25 years, a hazard falling
  with tenure, partners chosen among the nearest in tenure.

Scenarios with contagion through partners (``beta``): ``contagion`` (each partner who adopted
before the month raises the hazard: 1 − (1 − h)(1 − β)^k) and ``threshold`` (complex contagion:
the hazard rises by β only with two or more such partners).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from kg.case import Case
from kg.ontology import Label, RelType
from kg.sources.case_builder import CaseBuilder
from kg.sources.importer import ImportReport, ImportResult, write_import

SOURCE = "simulation"
CATEGORY = "cat-misconduct"
START = date(2010, 1, 1)
GROUND_TRUTH = "ground_truth.json"
PARTNERS = 3
NULL_SCENARIOS = ("null", "homophily", "shocks", "gaps", "careers", "coaccused", "chat", "crews", "chicago")
CONTAGION_SCENARIOS = ("contagion", "threshold")
SCENARIOS = (*NULL_SCENARIOS, *CONTAGION_SCENARIOS)


@dataclass(frozen=True)
class SimulationSettings:
    """What to simulate; the same settings give the same case, byte for byte."""

    scenario: str = "null"
    officers: int = 200
    teams: int = 10
    months: int = 48
    seed: int = 0
    base_hazard: float = 0.01
    """Monthly hazard of adopting without contagion."""
    beta: float = 0.03
    """Contagion strength: the monthly hazard one exposed partner adds (``contagion``, ``threshold``)."""

    def __post_init__(self) -> None:
        from kg.errors import OptionError

        if self.scenario not in SCENARIOS:
            raise OptionError(
                "scenario", f"{{0}}: unknown scenario {self.scenario!r}; use one of {', '.join(SCENARIOS)}"
            )
        if self.teams < 1 or self.officers < 2 * self.teams:
            raise OptionError(("officers", "teams"), "{0} must be at least twice {1}, and {1} at least 1")
        if self.months < 2:
            raise OptionError("months", "{0} must be at least 2")
        for name in ("base_hazard", "beta"):
            if not 0 <= getattr(self, name) < 1:
                raise OptionError(name, "{0} must be at least 0 and below 1")


@dataclass(frozen=True)
class Simulation:
    """A simulated case and what really happened in it."""

    case: Case
    ground_truth: dict


def month_start(month: int) -> date:
    return date(START.year + month // 12, month % 12 + 1, 1)


def _day_in(rng: np.random.Generator, month: int) -> date:
    first, following = month_start(month), month_start(month + 1)
    return first + timedelta(days=int(rng.integers((following - first).days)))


class _Unit:
    """The officers, their teams over time, their partners and who adopted when."""

    def __init__(self, settings: SimulationSettings) -> None:
        self.s = settings
        self.rng = np.random.default_rng(settings.seed)
        n, months = settings.officers, settings.months
        self.names = [f"officer-{i:04d}" for i in range(n)]
        self.team = self.rng.permutation(n) % settings.teams
        self.joined = [START - timedelta(days=int(self.rng.integers(365, 15 * 365))) for _ in range(n)]
        self.left: list[date | None] = [None] * n
        self.stints: list[list[tuple[int, int, int]]] = [
            [(0, months - 1, int(self.team[i]))] for i in range(n)
        ]
        """Per officer: (first month, last month, team) on a roll."""
        self.partners: dict[tuple[int, int], int] = {}
        """Partner pairs (i < j) and the month their tie formed (-1: before the window)."""
        self.complaints: list[tuple[int, tuple[int, ...]]] = []
        """Not-sustained complaints: (month, accused officers)."""
        self.crews: list[tuple[int, ...]] = []
        self.adopted = np.full(n, -1)
        self.adoption_day: dict[int, date] = {}
        self.causes: dict[int, tuple[str, tuple[int, ...]]] = {}

    def roll(self) -> np.ndarray:
        """Officers × months: on a team's roll and in the force."""
        n, months = self.s.officers, self.s.months
        on = np.zeros((n, months), dtype=bool)
        for i, stints in enumerate(self.stints):
            for first, last, _ in stints:
                on[i, first : last + 1] = True
        return on

    def team_in(self, i: int, month: int) -> int:
        return next((team for first, last, team in self.stints[i] if first <= month <= last), -1)


def _careers(unit: _Unit) -> None:
    s, rng = unit.s, unit.rng
    for i in range(s.officers):
        first, last, team = unit.stints[i][0]
        if rng.random() < 0.5:
            first = int(rng.integers(1, s.months - 1))
            unit.joined[i] = month_start(first)
        if rng.random() < 0.25:
            last = int(rng.integers(first, s.months - 1))
            unit.left[i] = month_start(last + 1) - timedelta(days=1)
        if rng.random() < 1 / 3 and last - first >= 2:
            move = int(rng.integers(first + 1, last + 1))
            other = int((team + rng.integers(1, s.teams)) % s.teams) if s.teams > 1 else team
            unit.stints[i] = [(first, move - 1, team), (move, last, other)]
        else:
            unit.stints[i] = [(first, last, team)]


def _gaps(unit: _Unit) -> None:
    s, rng = unit.s, unit.rng
    for i in range(s.officers):
        if rng.random() < 0.5:
            length = int(rng.integers(6, 13))
            gap = int(rng.integers(1, max(2, s.months - length)))
            team = unit.stints[i][0][2]
            unit.stints[i] = [
                (0, gap - 1, team),
                *([(gap + length, s.months - 1, team)] if gap + length < s.months else []),
            ]


def _chicago(unit: _Unit) -> None:
    """Academy cohorts every half year since 25 years before the window; retirement at 25 years."""
    s, rng = unit.s, unit.rng
    cohorts = 50
    for i in range(s.officers):
        cohort = int(rng.integers(cohorts))
        unit.joined[i] = month_start(-6 * (cohorts - cohort)) + timedelta(days=int(rng.integers(0, 5)))
        retire = unit.joined[i] + timedelta(days=int(365.25 * 25))
        if retire < month_start(s.months):
            unit.left[i] = retire
            last = (retire.year - START.year) * 12 + retire.month - 1
            team = unit.stints[i][0][2]
            unit.stints[i] = [(0, last, team)] if last >= 0 else []


def _static_partners(unit: _Unit, nearest_tenure: bool = False) -> None:
    """Each officer gets up to :data:`PARTNERS` partners in their first team, tied before the window."""
    s, rng = unit.s, unit.rng
    for team in range(s.teams):
        members = [i for i in range(s.officers) if unit.stints[i] and unit.stints[i][0][2] == team]
        for i in members:
            others = [j for j in members if j != i]
            if nearest_tenure:
                others.sort(key=lambda j: (abs((unit.joined[j] - unit.joined[i]).days), j))
                chosen = others[: 2 * PARTNERS]
                picks = (
                    rng.choice(len(chosen), size=min(PARTNERS, len(chosen)), replace=False) if chosen else []
                )
                chosen = [chosen[k] for k in picks]
            else:
                picks = (
                    rng.choice(len(others), size=min(PARTNERS, len(others)), replace=False) if others else []
                )
                chosen = [others[k] for k in picks]
            for j in chosen:
                pair = (min(i, j), max(i, j))
                if pair not in unit.partners:
                    unit.partners[pair] = -1
                    unit.complaints.append((-1, pair))


def _coaccused(unit: _Unit) -> None:
    """Random complaints within teams during the window, accusing two or three officers."""
    s, rng = unit.s, unit.rng
    on = unit.roll()
    for month in range(s.months):
        for team in range(s.teams):
            if rng.random() < 0.5:
                members = [i for i in range(s.officers) if on[i, month] and unit.team_in(i, month) == team]
                if len(members) >= 2:
                    accused = tuple(
                        sorted(
                            rng.choice(
                                members, size=min(len(members), int(rng.integers(2, 4))), replace=False
                            ).tolist()
                        )
                    )
                    unit.complaints.append((month, accused))
                    for a in accused:
                        for b in accused:
                            if a < b:
                                unit.partners.setdefault((a, b), month)


def _crews(unit: _Unit) -> None:
    """Crews of three or four within teams (about 40% of officers), accused together 4–8 times."""
    s, rng = unit.s, unit.rng
    for team in range(s.teams):
        members = [int(i) for i in rng.permutation([i for i in range(s.officers) if unit.team[i] == team])]
        size = int(len(members) * 0.4)
        position = 0
        while position + 3 <= size:
            crew = tuple(sorted(members[position : position + int(rng.integers(3, 5))]))
            position += len(crew)
            unit.crews.append(crew)
            for _ in range(int(rng.integers(4, 9))):
                month = int(rng.integers(-12, s.months))
                unit.complaints.append((month, crew))
                for a in crew:
                    for b in crew:
                        if a < b:
                            unit.partners.setdefault((a, b), month)


def _hazards(unit: _Unit) -> np.ndarray:
    """Officers × months: the hazard without contagion."""
    s, rng = unit.s, unit.rng
    hazard = np.full((s.officers, s.months), s.base_hazard)
    if s.scenario == "homophily":
        frailty = np.exp(rng.normal(0, 1, s.teams) - 0.5)
        hazard *= frailty[unit.team][:, None]
    elif s.scenario == "shocks":
        for team in range(s.teams):
            spell = int(rng.integers(0, max(1, s.months - 6)))
            hazard[unit.team == team, spell : spell + 6] *= 6
    elif s.scenario == "chicago":
        tenure = np.array(
            [
                [(month_start(m) - unit.joined[i]).days / 365.25 for m in range(s.months)]
                for i in range(s.officers)
            ]
        )
        hazard *= 2.5 * np.exp(-np.clip(tenure, 0, None) / 6)
    return np.clip(hazard, 0, 0.95)


def _adopt(unit: _Unit) -> None:
    """Run the months: each officer at risk adopts with the scenario's hazard."""
    s, rng = unit.s, unit.rng
    hazard = _hazards(unit)
    on = unit.roll()
    partners_of: dict[int, list[tuple[int, int]]] = {i: [] for i in range(s.officers)}
    for (a, b), formed in unit.partners.items():
        partners_of[a].append((b, formed))
        partners_of[b].append((a, formed))
    contagious = s.scenario in CONTAGION_SCENARIOS
    for month in range(s.months):
        draws = rng.random(s.officers)
        for i in np.flatnonzero(on[:, month] & (unit.adopted < 0)):
            exposers = tuple(
                sorted(j for j, formed in partners_of[i] if formed < month and 0 <= unit.adopted[j] < month)
            )
            base, k = hazard[i, month], len(exposers)
            if contagious and s.scenario == "contagion":
                h = 1 - (1 - base) * (1 - s.beta) ** k
            elif contagious:
                h = base + (s.beta if k >= 2 else 0.0)
            else:
                h = base
            if draws[i] < h:
                unit.adopted[i] = month
                unit.adoption_day[i] = _day_in(rng, month)
                unit.causes[i] = _cause(rng, s, base, exposers)


def _cause(
    rng: np.random.Generator, s: SimulationSettings, base: float, exposers: tuple[int, ...]
) -> tuple[str, tuple[int, ...]]:
    """Why an officer adopted: ``spontaneous``, or ``partner`` with the partner(s) who passed it on
    (competing risks: each exposing partner and the baseline in proportion to their hazards)."""
    if s.scenario not in CONTAGION_SCENARIOS or not exposers:
        return "spontaneous", ()
    if s.scenario == "threshold":
        if len(exposers) < 2 or rng.random() < base / (base + s.beta):
            return "spontaneous", ()
        return "partner", exposers
    rates = np.array([-np.log1p(-base), *([-np.log1p(-s.beta)] * len(exposers))])
    pick = int(rng.choice(len(rates), p=rates / rates.sum()))
    return ("spontaneous", ()) if pick == 0 else ("partner", (exposers[pick - 1],))


SHAPES = {"careers": _careers, "gaps": _gaps, "chicago": _chicago}


def simulate(settings: SimulationSettings) -> Simulation:
    """Simulate ``settings`` (see the module doc).

    >>> run = simulate(SimulationSettings("contagion", officers=40, teams=4, months=24, seed=1))
    >>> run.ground_truth["scenario"], run.ground_truth["contagion"], len(run.ground_truth["adoptions"]) > 0
    ('contagion', True, True)
    """
    unit = _Unit(settings)
    if settings.scenario in SHAPES:
        SHAPES[settings.scenario](unit)
    if settings.scenario == "coaccused":
        _coaccused(unit)
    elif settings.scenario == "crews":
        _crews(unit)
    else:
        _static_partners(unit, nearest_tenure=settings.scenario == "chicago")
    _adopt(unit)
    return Simulation(_case(unit), _truth(unit))


def _case(unit: _Unit) -> Case:
    s = unit.s
    name = f"sim-{s.scenario}-{s.seed}"
    builder = CaseBuilder(name, f"Simulated unit ({s.scenario})", "Generated by kg simulate; nothing here happened.",
                          SOURCE, {"title": "kg simulate", "source_type": "synthetic",
                                   "description": json.dumps(asdict(s), sort_keys=True)})  # fmt: skip
    node, rel = builder.node, builder.relationship
    node(Label.CATEGORY, CATEGORY, name="Misconduct (simulated)")
    for team in range(s.teams):
        node(Label.TEAM, f"team-{team:02d}", name=f"Team {team:02d}", team_type="response")
        if s.scenario == "chat":
            node(Label.CHAT_GROUP, f"chat-{team:02d}", name=f"Chat {team:02d}", platform="simulated")
    for i, officer in enumerate(unit.names):
        left = unit.left[i]
        node(Label.OFFICER, officer, name=f"Officer {i:04d}", rank="PC", joined=unit.joined[i].isoformat(),
             left=left.isoformat() if left else None)  # fmt: skip
        for first, last, team in unit.stints[i]:
            since = max(month_start(first), unit.joined[i]) if first > 0 else min(unit.joined[i], START)
            until = (
                None
                if last == s.months - 1 and left is None
                else (left or month_start(last + 1) - timedelta(days=1))
            )
            span = {"from": since.isoformat(), "until": until.isoformat() if until else None}
            rel(RelType.MEMBER_OF, officer, f"team-{team:02d}", f"mem-{officer}-{first}", **span)
            if s.scenario == "chat":
                rel(RelType.IN_CHAT, officer, f"chat-{team:02d}", f"chat-{officer}-{first}", **span)
    for number, (month, accused) in enumerate(unit.complaints):
        complaint = f"complaint-{number:05d}"
        day = _day_in(unit.rng, month) if month >= 0 else START - timedelta(days=30 + number % 300)
        node(
            Label.INCIDENT,
            complaint,
            name=f"Complaint {number}",
            incident_type="complaint",
            occurred_on=day.isoformat(),
        )
        for i in accused:
            rel(
                RelType.ACCUSED_IN,
                unit.names[i],
                complaint,
                f"acc-{number:05d}-{i}",
                final_finding="not_sustained",
            )
    on = unit.roll()
    for i in sorted(unit.adoption_day, key=lambda i: (unit.adoption_day[i], i)):
        day, officer = unit.adoption_day[i], unit.names[i]
        incident = f"adoption-{i:04d}"
        kind = "message" if s.scenario == "chat" else "verbal"
        node(
            Label.INCIDENT,
            incident,
            name=f"Incident of {officer}",
            incident_type=kind,
            occurred_on=day.isoformat(),
        )
        rel(RelType.IN_CATEGORY, incident, CATEGORY)
        if s.scenario == "chat":
            _post(builder, unit, i, incident, day, on)
        else:
            rel(RelType.PARTICIPATED_IN, officer, incident, role="participant")
    return builder.finished()


def _post(builder: CaseBuilder, unit: _Unit, i: int, incident: str, day: date, on: np.ndarray) -> None:
    """A message by officer ``i`` in their team's chat, received by the members present, and two
    later messages of theirs in the window."""
    s = unit.s
    month = (day.year - START.year) * 12 + day.month - 1
    team = unit.team_in(i, month)
    days = [day, *sorted(_day_in(unit.rng, int(m)) for m in unit.rng.integers(month, s.months, size=2))]
    for number, when in enumerate(days):
        message = incident if number == 0 else f"{incident}-later-{number}"
        if number:
            builder.node(Label.INCIDENT, message, name=f"Later message of {unit.names[i]}", incident_type="message",
                         occurred_on=when.isoformat())  # fmt: skip
            builder.relationship(RelType.IN_CATEGORY, message, CATEGORY)
        builder.relationship(RelType.SENT, unit.names[i], message)
        builder.relationship(RelType.POSTED_IN, message, f"chat-{team:02d}")
        at = (when.year - START.year) * 12 + when.month - 1
        for j in range(s.officers):
            if j != i and on[j, at] and unit.team_in(j, at) == team:
                builder.relationship(RelType.RECEIVED, unit.names[j], message)


def _truth(unit: _Unit) -> dict:
    s = unit.s
    adoptions = [
        {"officer": unit.names[i], "day": unit.adoption_day[i].isoformat(), "cause": unit.causes[i][0],
         "sources": [unit.names[j] for j in unit.causes[i][1]]}
        for i in sorted(unit.adoption_day, key=lambda i: (unit.adoption_day[i], i))
    ]  # fmt: skip
    return {
        "scenario": s.scenario,
        "contagion": s.scenario in CONTAGION_SCENARIOS,
        "parameters": asdict(s),
        "adoptions": adoptions,
        "transmissions": [[source, a["officer"]] for a in adoptions for source in a["sources"]],
        "seeds": [a["officer"] for a in adoptions if a["cause"] == "spontaneous"],
        "crews": [[unit.names[i] for i in crew] for crew in unit.crews],
        "teams": {
            f"team-{t:02d}": [unit.names[i] for i in range(s.officers) if unit.team[i] == t]
            for t in range(s.teams)
        },
    }


def simulate_case(settings: SimulationSettings, out: str | Path, *, replace: bool = False) -> ImportResult:
    """Simulate ``settings`` and write the case folder ``out`` with ``ground_truth.json``, all or
    nothing, the way every importer writes (:func:`~kg.sources.importer.write_import`)."""
    run = simulate(settings)
    report = ImportReport("simulate", ())
    text = json.dumps(run.ground_truth, indent=2, sort_keys=True) + "\n"
    return write_import(run.case, report, out, replace=replace, extra={GROUND_TRUTH: text})
