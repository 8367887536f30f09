"""Generate the illustrative part of the Hotton example: every ``*.illustrative.csv`` file.

The article gives no message-level data. So that the demo has something to analyse, this script
simulates one among the pseudonymous officers: three teams, their chats, supervision with a gap,
probationers joining, and offensive messages that spread from two officers to others through
shared teams and chats (each month an officer starts with probability 1 - 0.99 * 0.95**k, k
being the colleagues who already had). Nothing here is a fact; every row names the source
``illustrative``. The seed is fixed, so the files are the same on every run:

    python examples/hotton/generate_illustrative.py [--out examples/hotton]
"""

from __future__ import annotations

import argparse
import csv
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

SEED = 2022
SOURCE = "illustrative"
START, END = date(2016, 1, 4), date(2018, 6, 29)
MONTHS = [(year, month) for year in (2016, 2017, 2018) for month in range(1, 13)
          if date(year, month, 1) <= END]  # fmt: skip
PROBATIONERS_JOIN = date(2017, 2, 6)
SEEDS = ("officer-a", "officer-b")
NEVER_ADOPT = ("officer-h", "officer-m", "officer-n")
CATEGORIES = ("cat-racism", "cat-misogyny", "cat-homophobia", "cat-ableism", "cat-sexualised",
              "cat-violence")  # fmt: skip
STATION = "station-charing-cross"
INVESTIGATION = "inv-iopc-charing-cross"


@dataclass(frozen=True)
class Membership:
    person: str
    group: str
    start: date
    end: date
    role: str = ""

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.end


def officer(letter: str) -> str:
    return f"officer-{letter}"


def memberships() -> list[Membership]:
    """Team memberships: A–E team 1 (E moves to team 3 in 2017), F–J team 2, K–N team 3."""
    rows = []
    for letters, team in (("abcde", 1), ("fghij", 2), ("klmn", 3)):
        for letter in letters:
            end = date(2016, 12, 30) if letter == "e" else END
            role = "sergeant" if letter == "c" else "constable"
            rows.append(Membership(officer(letter), f"team-westminster-{team}", START, end, role))
    rows.append(Membership(officer("e"), "team-westminster-3", date(2017, 1, 2), END, "constable"))
    for number, team in ((1, 1), (2, 1), (3, 2), (4, 3)):
        rows.append(
            Membership(
                f"officer-p{number}", f"team-westminster-{team}", PROBATIONERS_JOIN, END, "probationer"
            )
        )
    rows.append(Membership("officer-s1", "team-westminster-2", START, END, "sergeant"))
    rows.append(Membership("officer-s2", "team-westminster-3", START, date(2017, 3, 31), "sergeant"))
    rows.append(Membership("person-staff-1", "team-westminster-2", START, END, "staff"))
    rows.append(Membership("person-staff-2", "team-westminster-1", START, END, "staff"))
    return rows


def chat_memberships(teams: list[Membership]) -> list[Membership]:
    """Each team's chat holds its officers; a cross-team chat holds a few from every team."""
    chats = [
        Membership(m.person, m.group.replace("team-westminster", "chat-team"), m.start, m.end)
        for m in teams if m.person.startswith("officer-")
    ]  # fmt: skip
    for letter in "abefgkl":
        chats.append(Membership(officer(letter), "chat-westminster", date(2016, 6, 1), END))
    return chats


def contacts(person: str, day: date, groups: list[Membership]) -> set[str]:
    """Everyone sharing a team or chat with ``person`` on ``day``."""
    mine = {m.group for m in groups if m.person == person and m.holds(day)}
    return {m.person for m in groups if m.group in mine and m.holds(day) and m.person != person}


class Writer:
    """Collects rows per file and writes them as CSV."""

    def __init__(self) -> None:
        self.files: dict[str, tuple[list[str], list[list[str]]]] = {}

    def add(self, stem: str, header: list[str], row: list[object]) -> None:
        self.files.setdefault(stem, (header, []))[1].append(["" if v is None else str(v) for v in row])

    def write(self, folder: Path) -> list[Path]:
        written = []
        for stem, (header, rows) in sorted(self.files.items()):
            path = folder / f"{stem}.illustrative.csv"
            with path.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow([*header, "sources"])
                writer.writerows([*row, SOURCE] for row in rows)
            written.append(path)
        return written


def random_moment(rng: random.Random, year: int, month: int) -> datetime:
    first = max(date(year, month, 1), START)
    day = first + timedelta(days=rng.randrange(28 - first.day + 1))
    return datetime(day.year, day.month, day.day, rng.randrange(7, 24), rng.randrange(60))


def generate(folder: Path) -> list[Path]:
    """Simulate the illustrative network and write its files into ``folder``."""
    rng = random.Random(SEED)
    out = Writer()
    teams = memberships()
    chats = chat_memberships(teams)
    everyone = teams + chats
    _people(out)
    _structure(out, teams, chats)
    officers = sorted({m.person for m in teams if m.person.startswith("officer-") and m.person[-1].isalpha()})
    adopted: dict[str, date] = {seed: START for seed in SEEDS}
    messages = 0
    received: dict[str, list[tuple[str, date]]] = {}
    for year, month in MONTHS:
        day = date(year, month, 15)
        for person in officers:
            if person in adopted or person in NEVER_ADOPT:
                continue
            exposed = len(contacts(person, day, everyone) & adopted.keys())
            if rng.random() < 1 - 0.99 * 0.95**exposed:
                adopted[person] = day
        for sender in sorted(adopted):
            my_chats = sorted(m.group for m in chats if m.person == sender and m.holds(day))
            for _ in range(rng.choice((0, 1, 1, 2, 3))):
                if not my_chats:
                    break
                messages += 1
                moment = random_moment(rng, year, month)
                chat = rng.choice(my_chats)
                category = rng.choice(CATEGORIES)
                message = f"msg-{messages:04d}"
                out.add("incident", ["id", "name", "incident_type", "occurred_at", "summary"],
                        [message, f"Illustrative message {messages}", "message", moment.isoformat(),
                         f"Illustrative offensive message ({category.removeprefix('cat-')})"])  # fmt: skip
                out.add("sent", ["start_id", "end_id"], [sender, message])
                out.add("posted_in", ["start_id", "end_id"], [message, chat])
                out.add("in_category", ["start_id", "end_id"], [message, category])
                for member in sorted(m.person for m in chats if m.group == chat and m.holds(moment.date())):
                    if member != sender:
                        out.add("received", ["start_id", "end_id"], [member, message])
                        received.setdefault(member, []).append((message, moment.date()))
    _workplace_incidents(out, rng, teams, adopted)
    _reports(out, received)
    return out.write(folder)


def _people(out: Writer) -> None:
    header = ["id", "name", "rank", "probationer"]
    for number in range(1, 5):
        out.add("officer", header, [f"officer-p{number}", f"Probationer {number}", "PC", "true"])
    for number in (1, 2):
        out.add("officer", header, [f"officer-s{number}", f"Sergeant S{number}", "Sergeant", "false"])
    for number in (1, 2):
        out.add(
            "person", ["id", "name", "role"], [f"person-staff-{number}", f"Staff member {number}", "staff"]
        )


def _structure(out: Writer, teams: list[Membership], chats: list[Membership]) -> None:
    for m in teams:
        out.add(
            "member_of",
            ["start_id", "end_id", "from", "until", "role"],
            [m.person, m.group, m.start, m.end, m.role],
        )
    for team in (1, 2, 3):
        out.add(
            "based_at",
            ["start_id", "end_id", "from", "until"],
            [f"team-westminster-{team}", STATION, START, END],
        )
    for m in teams:
        if m.role == "sergeant":
            out.add(
                "supervises", ["start_id", "end_id", "from", "until"], [m.person, m.group, m.start, m.end]
            )
    names = {"chat-team-1": "Team 1 group chat", "chat-team-2": "Team 2 group chat",
             "chat-team-3": "Team 3 group chat", "chat-westminster": "Westminster teams group chat"}  # fmt: skip
    for chat, name in names.items():
        created = min(m.start for m in chats if m.group == chat)
        out.add("chat_group", ["id", "name", "platform", "created"], [chat, name, "messaging app", created])
        out.add("examined", ["start_id", "end_id"], [INVESTIGATION, chat])
    for m in chats:
        out.add("in_chat", ["start_id", "end_id", "from", "until"], [m.person, m.group, m.start, m.end])


def _workplace_incidents(
    out: Writer, rng: random.Random, teams: list[Membership], adopted: dict[str, date]
) -> None:
    """Bullying of probationers and harassment of staff, with participants and witnesses."""
    number = 0
    targets = sorted({(m.person, m.group) for m in teams if m.role in ("probationer", "staff")})
    for year, month in MONTHS:
        for target, team in targets:
            moment = random_moment(rng, year, month)
            day = moment.date()
            present = sorted(
                m.person for m in teams if m.group == team and m.holds(day) and m.person != target
            )
            culprits = [p for p in present if p in adopted and adopted[p] <= day]
            if (
                not culprits
                or rng.random() > 0.25
                or not any(m.person == target and m.holds(day) for m in teams)
            ):
                continue
            number += 1
            incident = f"inc-illustrative-{number:03d}"
            staff = target.startswith("person-")
            kind, category = (
                ("sexual_harassment", "cat-harassment") if staff else ("bullying", "cat-bullying")
            )
            what = "harassment of a staff member" if staff else "bullying of a probationer"
            out.add("incident", ["id", "name", "incident_type", "occurred_at", "summary"],
                    [incident, f"Illustrative incident {number}", kind, moment.isoformat(), f"Illustrative {what}"])  # fmt: skip
            out.add("in_category", ["start_id", "end_id"], [incident, category])
            out.add("at", ["start_id", "end_id"], [incident, STATION])
            out.add("targeted", ["start_id", "end_id"], [incident, target])
            doers = rng.sample(culprits, k=min(len(culprits), rng.choice((1, 1, 2))))
            for person in sorted(doers):
                out.add("participated_in", ["start_id", "end_id", "role"], [person, incident, "participant"])
            for person in present:
                if person not in doers and rng.random() < 0.6:
                    out.add("witnessed", ["start_id", "end_id"], [person, incident])


def _reports(out: Writer, received: dict[str, list[tuple[str, date]]]) -> None:
    """Officer N and Probationer 3 come forward in 2018; everyone else who saw stays silent."""
    for person, when in (("officer-n", date(2018, 2, 12)), ("officer-p3", date(2018, 3, 5))):
        seen = [message for message, day in received.get(person, []) if day < when]
        for message in seen[-3:]:
            out.add(
                "reported",
                ["start_id", "end_id", "reported_on", "to"],
                [person, message, when, "professional standards"],
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent, help="folder to write into")
    args = parser.parse_args()
    for path in generate(args.out):
        print(path)


if __name__ == "__main__":
    main()
