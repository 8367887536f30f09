"""Read a conversation from Facebook's "Download your information" JSON (``message_1.json``,
``message_2.json``… in one folder) as :class:`~kg.sources.chat_lines.ChatExport`.

Facebook writes UTF-8 text as if each byte were a Latin-1 character (``"\\u00e2\\u0080\\u0099"``
for ’); every string is repaired. Messages are numbered as records in file order (``message_1``
first), newest first as Facebook writes them, and ``timestamp_ms`` is read as UTC. Photos,
videos, audio, files, stickers and shares are media; an unsent message is deleted; ``Subscribe``
and ``Unsubscribe`` records give who joined and left.

>>> repaired("\\u00e2\\u0080\\u0099")
'’'
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kg.errors import UsageError
from kg.gc_pause import paused_gc
from kg.progress import BYTES, Step, no_progress
from kg.sources.chat_import import ChatImportResult, ChatSource, import_chat, read_into
from kg.sources.chat_lines import ChatEvent, ChatExport, ChatMessage, EventKind, MessageKind

MESSAGE_FILE = re.compile(r"^message_(\d+)\.json$")
MEDIA_KEYS = ("photos", "videos", "audio_files", "files", "gifs", "sticker", "share")


def repaired(text: str) -> str:
    """``text`` with Facebook's Latin-1 rendering of UTF-8 undone (unchanged when it is not one)."""
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def _repaired_all(value: Any) -> Any:
    if isinstance(value, str):
        return repaired(value)
    if isinstance(value, list):
        return [_repaired_all(v) for v in value]
    if isinstance(value, dict):
        return {k: _repaired_all(v) for k, v in value.items()}
    return value


def message_files(folder: Path) -> list[Path]:
    """The conversation's ``message_N.json`` files in ``folder``, by N."""
    if not folder.is_dir():
        raise UsageError(f"{folder}: no such folder (give the conversation's folder holding message_1.json)")
    found = sorted((int(m.group(1)), p) for p in folder.iterdir() if (m := MESSAGE_FILE.match(p.name)))
    if not found:
        raise UsageError(f"{folder}: no message_1.json here; give the folder of one conversation from "
                         "Facebook's Download your information (JSON format)")  # fmt: skip
    return [p for _, p in found]


def read_messenger(folder: str | Path, step: Step = no_progress) -> tuple[ChatExport, bytes, str]:
    """The conversation in ``folder``, the bytes read (all message files, in order, for a
    sha256) and its title; reading it is a phase ``step`` hears of, counted in bytes."""
    export = ChatExport([], [], [])
    read: list[bytes] = []
    title = ""
    record = 0
    files = {path: path.stat().st_size for path in message_files(Path(folder))}
    advance = step("reading the conversation", sum(files.values()), BYTES)
    for path, size in files.items():
        raw = path.read_bytes()
        read.append(raw)
        try:
            document = _repaired_all(json.loads(raw.decode("utf-8")))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise UsageError(
                f"{path}: not Facebook's JSON ({err}); download the information again in JSON format"
            ) from None
        if not isinstance(document, dict) or not isinstance(document.get("messages"), list):
            raise UsageError(f'{path}: no "messages" list; is this a conversation\'s message_N.json?')
        title = title or str(document.get("title", ""))
        for entry in document["messages"]:
            record += 1
            _record(export, entry, record, path.name)
        advance(size)
    export.records = record
    return export, b"".join(read), title


def _record(export: ChatExport, entry: Any, record: int, file: str) -> None:
    """One message record: a message, membership events, or a malformed record."""
    if (
        not isinstance(entry, dict)
        or not isinstance(entry.get("timestamp_ms"), int)
        or not entry.get("sender_name")
    ):
        export.malformed.append(
            (record, "no sender_name or timestamp_ms", json.dumps(entry, ensure_ascii=False)[:200])
        )
        return
    at = datetime.fromtimestamp(entry["timestamp_ms"] / 1000, UTC).replace(tzinfo=None)
    sender = str(entry["sender_name"])
    kind = entry.get("type")
    if kind in ("Subscribe", "Unsubscribe"):
        event = EventKind.JOINED if kind == "Subscribe" else EventKind.LEFT
        users = [u.get("name") for u in entry.get("users", []) if isinstance(u, dict)] or [sender]
        export.events += [ChatEvent(at, str(name), event, record) for name in users if name]
        return
    if entry.get("is_unsent"):
        export.messages.append(ChatMessage(at, sender, "", MessageKind.DELETED, record))
        return
    media = next((key for key in MEDIA_KEYS if entry.get(key)), None)
    if media and not entry.get("content"):
        attached = _attachment(entry[media])
        export.messages.append(ChatMessage(at, sender, "", MessageKind.MEDIA, record, attachment=attached))
        return
    export.messages.append(ChatMessage(at, sender, str(entry.get("content", "")), MessageKind.TEXT, record))


def _attachment(value: Any) -> str:
    """The file name (or link) of an attachment record."""
    first = value[0] if isinstance(value, list) and value else value
    if isinstance(first, dict):
        return Path(str(first.get("uri") or first.get("link") or "")).name
    return ""


@paused_gc()
def import_messenger(folder: str | Path, into: str | Path, aliases: str | Path, group: str | None = None,
                     lexicon: str | Path | None = None, keep_text: bool = False,
                     step: Step = no_progress) -> ChatImportResult:  # fmt: skip
    """Add a Messenger conversation (the folder of its ``message_N.json``) to the case folder
    ``into`` as the chat ``group`` (default: the conversation's title); ``step`` hears each phase."""
    read_into(group or str(folder), into)
    found, data, title = read_messenger(folder, step)
    name = group or title
    if not name:
        raise UsageError(f"{folder}: the conversation has no title; give --group NAME")
    return import_chat(
        found, ChatSource("messenger", Path(folder).name, data), name, into, aliases, lexicon, keep_text, step
    )
