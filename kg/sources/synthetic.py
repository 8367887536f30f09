"""A synthetic case of any size, for benchmarks and scale tests.

Officers in teams of ten (dated memberships, a supervising sergeant per team), a chat group
per team, and messages posted in the chats, each sent by one member to three others and put in
one of five categories. All text is neutral placeholder text, every row names the one
``illustrative`` source, and the same arguments give the same case (fixed seed).
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from kg.case import Case
from kg.ontology import Label, RelType
from kg.sources.case_builder import CaseBuilder

SOURCE = "synthetic"
TEAM_SIZE = 10
MESSAGES_PER_OFFICER = 4
RECIPIENTS = 3
CATEGORIES = 5
START = date(2016, 1, 1)
DAYS = 730


def synthetic_case(officers: int, *, seed: int = 0, name: str = "synthetic") -> Case:
    """A case with ``officers`` officers (at least ``TEAM_SIZE``) and about 31 nodes and
    relationships per officer. The same ``officers`` and ``seed`` give the same case."""
    if officers < TEAM_SIZE:
        raise ValueError(f"a synthetic case needs at least {TEAM_SIZE} officers")
    rng = random.Random(seed)
    builder = CaseBuilder(name, f"Synthetic case of {officers} officers", "Generated placeholder data.", SOURCE,
                          {"title": "Synthetic placeholder data", "source_type": "illustrative"})  # fmt: skip
    node, relationship = builder.node, builder.relationship
    for number in range(CATEGORIES):
        node(Label.CATEGORY, f"cat-{number}", name=f"Category {number}")
    teams = [list(range(start, min(start + TEAM_SIZE, officers))) for start in range(0, officers, TEAM_SIZE)]
    for team_number, members in enumerate(teams):
        team, chat = f"team-{team_number}", f"chat-{team_number}"
        node(Label.TEAM, team, name=f"Team {team_number}", team_type="response")
        node(Label.CHAT_GROUP, chat, name=f"Chat {team_number}", platform="placeholder")
        for officer_number in members:
            officer = f"officer-{officer_number}"
            joined = START + timedelta(days=rng.randrange(DAYS // 2))
            rank = "Sergeant" if officer_number == members[0] else "PC"
            node(
                Label.OFFICER, officer, name=f"Officer {officer_number}", rank=rank, joined=joined.isoformat()
            )
            relationship(
                RelType.MEMBER_OF, officer, team, **{"from": joined.isoformat(), "role": rank.lower()}
            )
            relationship(RelType.IN_CHAT, officer, chat, **{"from": joined.isoformat()})
        relationship(RelType.SUPERVISES, f"officer-{members[0]}", team, **{"from": START.isoformat()})
        for message_number in range(len(members) * MESSAGES_PER_OFFICER):
            message = f"msg-{team_number}-{message_number}"
            sent = datetime(START.year, START.month, START.day) + timedelta(
                days=rng.randrange(DAYS), minutes=rng.randrange(24 * 60)
            )
            node(Label.INCIDENT, message, name=f"Message {team_number}-{message_number}", incident_type="message",
                 occurred_on=sent.date().isoformat(), occurred_at=sent.isoformat(), summary="Placeholder message")  # fmt: skip
            sender, *recipients = rng.sample(members, min(len(members), RECIPIENTS + 1))
            relationship(RelType.SENT, f"officer-{sender}", message)
            for recipient in recipients:
                relationship(RelType.RECEIVED, f"officer-{recipient}", message)
            relationship(RelType.POSTED_IN, message, chat)
            relationship(RelType.IN_CATEGORY, message, f"cat-{rng.randrange(CATEGORIES)}")
    return builder.finished()
