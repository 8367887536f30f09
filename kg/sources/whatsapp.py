"""Read the chat text WhatsApp exports ("Export chat"), alone or inside the ``.zip`` it makes
with media, as :class:`~kg.sources.chat_lines.ChatExport`.

Phones write the same chat in several layouts, all read here: Android (``31/12/2020, 21:41 -
Alice: text``) and iOS (``[31/12/2020, 21:41:05] Alice: text``), day-first, month-first or
year-first dates with two- or four-digit years, 12- or 24-hour clocks, with or without seconds,
and the invisible direction marks iOS puts before names and system lines. A line that does not
start with a date continues the message before it. System lines (English exports) give
membership: created the group, added, joined by link, left, removed; the others (subject, icon,
security code, encryption notice…) are counted. The date order is read from the dates
themselves; when every date could be read either way it is an error that asks for
``--date-format``, never a guess.

>>> export = read_whatsapp_text(["[31/12/2020, 21:41:05] Alice: Hello", "second line"], "chat.txt")
>>> export.messages[0].sender, export.messages[0].text, export.messages[0].sent_at.isoformat()
('Alice', 'Hello\\nsecond line', '2020-12-31T21:41:05')
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from kg.errors import UsageError
from kg.gc_pause import paused_gc
from kg.progress import Step, counted, no_progress
from kg.sources.chat_import import ChatImportResult, ChatSource, import_chat, read_into
from kg.sources.chat_lines import (
    INVISIBLE,
    ChatEvent,
    ChatExport,
    ChatMessage,
    EventKind,
    MessageKind,
    visible,
)

DATE_FORMATS = ("DMY", "MDY", "YMD")
HEADER = re.compile(
    r"^\[?(?P<date>\d{1,4}[./-]\d{1,2}[./-]\d{1,4}),?\s+(?P<time>\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)"
    r"(?:\s*(?P<half>[AaPp])\.?\s?[Mm]\.?)?\]?\s*(?:-\s+)?(?P<rest>.*)$"
)
SENDER = re.compile(r"^(?P<sender>[^:]{1,200}?): (?P<text>.*)$", re.S)
MEDIA = re.compile(
    r"^(?:<Media omitted>|(?:image|video|audio|sticker|GIF|document|Contact card) omitted"
    r"|<attached: (?P<attached>[^>]+)>|(?P<file>\S+\.\w{2,5}) \(file attached\).*)$",
    re.S,
)
DELETED = re.compile(r"^(?:This message was deleted\.?|You deleted this message\.?)$")
EDITED = "<This message was edited>"
CREATED = re.compile(r"^(?P<who>.+?) created (?:the )?group\b")
ADDED = re.compile(r"^(?P<by>.+?) added (?P<who>.+)$")
JOINED = re.compile(r"^(?P<who>.+?) joined (?:using this group's invite link|from the community)$")
LEFT = re.compile(r"^(?P<who>.+?) left$")
REMOVED = re.compile(r"^(?P<by>.+?) removed (?P<who>.+)$")
OTHER_SYSTEM = re.compile(
    r"(?:changed the subject|changed this group's icon|deleted this group's icon|changed the group description"
    r"|security code|end-to-end encrypted|changed (?:this group's|the group) settings|changed their phone number"
    r"|now an admin|no longer an admin|[Dd]isappearing messages|pinned a message)"
)
LIKELY_SPECIAL = ("<", "This message", "You deleted")
"""How the text of a media or deleted message begins (besides "… omitted" and "… (file attached)")."""
MARKED_START = "\u200e\u200f\u202a\u202b\ufeff "
NAME_LIST = re.compile(r",\s*|\s+and\s+")


@dataclass(slots=True)
class _Header:
    line: int
    date: str
    time: str
    half: str | None
    rest: str
    split: re.Match[str] | None
    """The rest split into sender and text, when it has a sender."""
    marked: bool
    """The text after the sender began with an invisible mark (iOS system lines and media)."""


def read_whatsapp(
    path: str | Path, date_format: str | None = None, step: Step = no_progress
) -> tuple[ChatExport, bytes]:
    """The export at ``path`` (the chat text, or WhatsApp's ``.zip`` holding it) and the bytes of
    the chat text read (for its sha256); reading its lines is a phase ``step`` hears of."""
    path = Path(path)
    data = _chat_text_bytes(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise UsageError(
            f"{path}: not UTF-8 text ({err.reason} at byte {err.start}); export the chat again"
        ) from None
    lines = text.splitlines()
    advance = step("reading the export", len(lines), "lines")
    return read_whatsapp_text(counted(lines, advance), str(path), date_format), data


def _chat_text_bytes(path: Path) -> bytes:
    """The chat text of ``path``: the file itself, or the one chat text in a WhatsApp ``.zip``."""
    if not path.is_file():
        raise UsageError(f"{path}: no such file (give the exported .txt or the .zip WhatsApp made)")
    if not zipfile.is_zipfile(path):
        return path.read_bytes()
    with zipfile.ZipFile(path) as archive:
        texts = [n for n in archive.namelist() if n.lower().endswith(".txt") and not n.endswith("/")]
        chosen = [n for n in texts if Path(n).name == "_chat.txt" or Path(n).name.startswith("WhatsApp Chat")]
        if len(chosen or texts) != 1:
            found = ", ".join(texts) or "none"
            raise UsageError(
                f"{path}: expected one chat text in the .zip, found {found}; unzip it and give the chat's .txt"
            )
        return archive.read((chosen or texts)[0])


def read_whatsapp_text(lines: Iterable[str], name: str, date_format: str | None = None) -> ChatExport:
    """The messages and membership events of the chat text ``lines`` (from the file ``name``,
    for messages), with ``date_format`` one of :data:`DATE_FORMATS` or None to read it from the
    dates."""
    items: list[_Header | tuple[int, str]] = []
    for number, raw in enumerate(lines, 1):
        match = HEADER.match(INVISIBLE.sub("", raw[:40]) + raw[40:] if raw[:1] in MARKED_START else raw)
        if match:
            rest = match.group("rest")
            sender_split = SENDER.match(rest)
            marked = bool(sender_split) and sender_split.group("text")[:1] in "\u200e\u200f"
            items.append(
                _Header(
                    number,
                    match.group("date"),
                    match.group("time"),
                    match.group("half"),
                    rest,
                    sender_split,
                    marked,
                )
            )
        else:
            items.append((number, raw))
    headers = [i for i in items if isinstance(i, _Header)]
    if not headers:
        raise UsageError(f"{name}: not a WhatsApp chat export (no line starts with a date and time); "
                         "give the .txt or .zip that WhatsApp's Export chat wrote")  # fmt: skip
    order = date_format.upper() if date_format else _date_order(headers, name)
    if order not in DATE_FORMATS:
        raise UsageError(f"--date-format {date_format}: use one of {', '.join(DATE_FORMATS)}")
    export = _parse(items, order)
    export.records = len(items)
    return export


def _date_order(headers: list[_Header], name: str) -> str:
    """The date order the dates themselves show; an error when they could be read either way."""
    parts = [re.split(r"[./-]", h.date) for h in headers]
    if all(len(p[0]) == 4 for p in parts):
        return "YMD"
    day_first = any(int(p[0]) > 12 for p in parts)
    month_first = any(int(p[1]) > 12 for p in parts)
    if day_first and month_first:
        raise UsageError(f"{name}: the dates are day-first on some lines and month-first on others; "
                         "is this one export? Give --date-format DMY or MDY to read it one way")  # fmt: skip
    if day_first or month_first:
        return "DMY" if day_first else "MDY"
    example = headers[0].date
    raise UsageError(f"{name}: every date (e.g. {example}) could be day-first or month-first; "
                     "give --date-format DMY or MDY (as the phone that exported it writes dates)")  # fmt: skip


@lru_cache(maxsize=4096)
def _day(text: str, order: str) -> tuple[int, int, int]:
    """(year, month, day) of a header's date in ``order``."""
    numbers = [int(p) for p in re.split(r"[./-]", text)]
    year, month, day = {"DMY": (2, 1, 0), "MDY": (2, 0, 1), "YMD": (0, 1, 2)}[order]
    return (numbers[year] + 2000 if numbers[year] < 100 else numbers[year]), numbers[month], numbers[day]


@lru_cache(maxsize=4096)
def _clock(text: str, half: str | None) -> tuple[int, int, int]:
    """(hour, minute, second) of a header's time on a 24-hour clock; ValueError for 12-hour nonsense."""
    clock = [int(p) for p in re.split(r"[:.]", text)]
    hour = clock[0]
    if half:
        if not 1 <= hour <= 12:
            raise ValueError(f"hour {hour} on a 12-hour clock")
        hour = hour % 12 + (12 if half in "Pp" else 0)
    return hour, clock[1], clock[2] if len(clock) > 2 else 0


def _timestamp(header: _Header, order: str) -> datetime:
    """The header's date and time; ValueError when it is not a real one."""
    return datetime(*_day(header.date, order), *_clock(header.time, header.half))


def _parse(items: list[_Header | tuple[int, str]], order: str) -> ChatExport:
    export = ChatExport([], [], [])
    current: ChatMessage | None = None
    skipping = False
    for item in items:
        if not isinstance(item, _Header):
            number, raw = item
            if current is not None and not skipping:
                current = _continued(current, raw)
            else:
                reason = (
                    "continues a line that could not be read"
                    if skipping
                    else "no date and time, and no message before it"
                )
                export.malformed.append((number, reason, raw))
            continue
        if current is not None:
            export.messages.append(_finished(current))
            current = None
        try:
            at = _timestamp(item, order)
        except ValueError as err:
            export.malformed.append((item.line, f"not a date and time in {order} order ({err})", item.rest))
            skipping = True
            continue
        skipping = False
        current = _line(export, item, at)
    if current is not None:
        export.messages.append(_finished(current))
    return export


def _line(export: ChatExport, header: _Header, at: datetime) -> ChatMessage | None:
    """The message a header line starts, or None after recording a system line."""
    split = header.split
    if split and not (header.marked and _system(export, visible(split.group("text")), at, header.line)):
        return ChatMessage(
            at, visible(split.group("sender")), split.group("text"), MessageKind.TEXT, header.line
        )
    if not split and not _system(export, visible(header.rest), at, header.line):
        export.other_system_lines += 1
    return None


def _system(export: ChatExport, text: str, at: datetime, line: int) -> bool:
    """Record the membership event of a system line; whether ``text`` was one."""
    if match := CREATED.match(text):
        export.events.append(ChatEvent(at, visible(match.group("who")), EventKind.CREATED, line))
    elif match := JOINED.match(text):
        export.events.append(ChatEvent(at, visible(match.group("who")), EventKind.JOINED, line))
    elif match := LEFT.match(text):
        export.events.append(ChatEvent(at, visible(match.group("who")), EventKind.LEFT, line))
    elif (match := ADDED.match(text)) or (match := REMOVED.match(text)):
        kind = EventKind.JOINED if " added " in text else EventKind.LEFT
        for who in NAME_LIST.split(match.group("who")):
            if visible(who):
                export.events.append(ChatEvent(at, visible(who), kind, line))
    elif OTHER_SYSTEM.search(text):
        export.other_system_lines += 1
    else:
        return False
    return True


def _continued(message: ChatMessage, raw: str) -> ChatMessage:
    return ChatMessage(message.sent_at, message.sender, message.text + "\n" + raw, message.kind, message.line)


def _finished(message: ChatMessage) -> ChatMessage:
    """The message with its kind read from its whole text: media, deleted, edited or text."""
    text = message.text
    edited = text.rstrip().endswith(EDITED)
    if edited:
        text = text.rstrip()[: -len(EDITED)].rstrip()
    shown = visible(text) if text[:1] in MARKED_START or not text.isascii() else text
    if not shown.startswith(LIKELY_SPECIAL) and "omitted" not in shown and "(file attached)" not in shown:
        return message if not edited else ChatMessage(message.sent_at, message.sender, text, MessageKind.TEXT,
                                                      message.line, edited)  # fmt: skip
    if media := MEDIA.match(shown):
        attached = media.group("attached") or media.group("file") or ""
        return ChatMessage(
            message.sent_at, message.sender, "", MessageKind.MEDIA, message.line, edited, attached
        )
    if DELETED.match(shown):
        return ChatMessage(message.sent_at, message.sender, "", MessageKind.DELETED, message.line, edited)
    return ChatMessage(message.sent_at, message.sender, text, MessageKind.TEXT, message.line, edited)


@paused_gc()
def import_whatsapp(export: str | Path, into: str | Path, group: str, aliases: str | Path,
                    lexicon: str | Path | None = None, keep_text: bool = False,
                    date_format: str | None = None, step: Step = no_progress) -> ChatImportResult:  # fmt: skip
    """Add a WhatsApp export (``.txt`` or ``.zip``) to the case folder ``into`` as the chat
    ``group`` (see :mod:`kg.sources.chat_import`); ``step`` hears each phase.

    >>> import shutil; shutil.rmtree("exports/doctest-chat", ignore_errors=True)
    >>> _ = shutil.copytree("examples/chat", "exports/doctest-chat")
    >>> result = import_whatsapp("examples/chat/export/WhatsApp Chat with Placeholder Group.txt",
    ...                          "exports/doctest-chat/case", "Placeholder Group", "examples/chat/aliases.csv",
    ...                          "examples/chat/lexicon.csv")
    >>> result.unknown_senders
    ['+44 7700 900123']
    """
    read_into(group, into)
    found, data = read_whatsapp(export, date_format, step)
    return import_chat(
        found, ChatSource("whatsapp", Path(export).name, data), group, into, aliases, lexicon, keep_text, step
    )
