"""What a chat export says, whatever app wrote it: messages and membership events, each with
where it stood in the export (line or record number).

Both chat readers (:mod:`kg.sources.whatsapp`, :mod:`kg.sources.messenger`) produce these; the
chat importer (:mod:`kg.sources.chat_import`) turns them into a case's nodes and relationships.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
"""Zero-width characters and direction marks (iOS puts U+200E before many lines and names)."""


def visible(text: str) -> str:
    """``text`` without zero-width characters and direction marks, trimmed."""
    return INVISIBLE.sub("", text).strip()


def folded(text: str) -> str:
    """``text`` for matching: without invisible characters and accents, case-folded."""
    if text.isascii():
        return text.casefold()  # nothing to remove, nothing to decompose
    decomposed = unicodedata.normalize("NFKD", INVISIBLE.sub("", text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class MessageKind(Enum):
    """What a message line holds."""

    TEXT = "text"
    MEDIA = "media"
    """A photo, video, audio, sticker or file (not in the export, or attached by name)."""
    DELETED = "deleted"
    """A message its sender deleted: only that it was sent remains."""


@dataclass(frozen=True, slots=True)
class ChatMessage:
    """One message: when, who (as the export names them), what, and where it stood."""

    sent_at: datetime
    sender: str
    text: str
    kind: MessageKind
    line: int
    edited: bool = False
    attachment: str = ""


class EventKind(Enum):
    """Membership events the exports record."""

    CREATED = "created"
    JOINED = "joined"
    LEFT = "left"


@dataclass(frozen=True)
class ChatEvent:
    """Someone joined (created the group, was added, joined by link) or left (left, was
    removed) on ``at``, as the export names them."""

    at: datetime
    person: str
    kind: EventKind
    line: int


@dataclass
class ChatExport:
    """Everything read from one export, with the lines that could not be read."""

    messages: list[ChatMessage]
    events: list[ChatEvent]
    malformed: list[tuple[int, str, str]]
    """(line, reason, the line's text) of each line that could not be read."""
    other_system_lines: int = 0
    """System lines read and not used (subject or icon changed, security codes, encryption notices)."""
    records: int = 0
    """Lines (or records) read."""
