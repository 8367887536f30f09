"""Add a chat export (WhatsApp, Messenger) to a case folder: its senders, membership over time
and messages, each message citing the export and its line or record.

- Senders and members map to officers through an alias table (display names and phone
  numbers); anyone else becomes a Person node, named in the summary.
- Membership is dated IN_CHAT: from the system lines (created, added, joined; left, removed)
  and otherwise from a person's first message, open-ended unless they left. Who received a
  message is not written per member (that grows as messages × members): the analysis reads it
  from membership on the message's day.
- Each message is a message Incident with SENT and POSTED_IN. Its text is not kept unless asked
  (``keep_text``): its SHA-256, its length and the lexicon terms it matched are.
- Categories come from the user's lexicon only (whole word, case- and accent-insensitive). An
  uncategorised message is not misconduct.

The chat's rows live in their own part files (``incident.chat-<group>.csv``…) beside the case's
other files, and its export is a Source in ``case.toml`` with the file's SHA-256. Message ids
come from the message itself (time, sender, text, and its repeat number), so importing the same
export again adds nothing and a later, overlapping export adds only the new messages. The
folder is changed all or nothing, and checked as ``kg validate`` would before it is.
"""

from __future__ import annotations

import csv
import hashlib
import re
import shutil
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path

from kg.case import Case, NodeRow, RelationshipRow
from kg.errors import UsageError
from kg.export.csv_files import write_csv
from kg.ontology import Label, RelType
from kg.progress import Advance, Step, counted, ignore, no_progress
from kg.sources.case_folder import METADATA_FILE, load_case
from kg.sources.case_writer import rows_written, source_toml, write_tables
from kg.sources.chat_lines import ChatExport, ChatMessage, EventKind, MessageKind, folded, visible
from kg.sources.importer import IMPORT_FOLDER, ImportReport, SourceRow, check_staged
from kg.staging import swapped_folder
from kg.values import to_date

PLATFORMS = {"whatsapp": "WhatsApp", "messenger": "Messenger"}
"""The chat apps kg imports from, by the name ``kg import`` gives them."""
PHONE = re.compile(r"^\+?[\d\s().-]{6,}$")


@dataclass(frozen=True)
class ChatSource:
    """The export being imported: its platform, file name and bytes."""

    platform: str
    name: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class ChatImportResult:
    """What a chat import added to the case folder."""

    case: Path
    report: ImportReport
    added: Counter = field(default_factory=Counter)
    """New rows per kind."""
    unknown_senders: list[str] = field(default_factory=list)
    """Names (as the export writes them) that became Person nodes."""


def slug(text: str) -> str:
    """``text`` as lower-case letters, digits and hyphens (for ids and file names)."""
    return re.sub(r"[^a-z0-9]+", "-", folded(text)).strip("-") or "chat"


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def alias_key(name: str) -> str:
    """How a sender is looked up: a phone number by its digits, a name case- and accent-folded."""
    shown = visible(name)
    return "phone:" + re.sub(r"\D", "", shown) if PHONE.match(shown) else folded(shown)


def read_table(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """The rows of a small CSV the user supplies (aliases, lexicon), by line, with ``columns``
    (which must be the file's first columns, in that order, so that problems can name them)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in columns if c not in (reader.fieldnames or [])]
            if not missing and tuple(reader.fieldnames or ())[: len(columns)] != columns:
                raise UsageError(f"{path}:1:1: the header must begin {','.join(columns)}")
            if missing:
                raise UsageError(
                    f"{path}:1:1: missing column(s) {', '.join(missing)}; the header must name {', '.join(columns)}"
                )
            return [(reader.line_num, {c: (row.get(c) or "").strip() for c in columns}) for row in reader]
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except UnicodeDecodeError as err:
        raise UsageError(f"{path}: not UTF-8 ({err.reason}); save it as UTF-8 CSV") from None


def read_aliases(path: Path, officers: set[str]) -> dict[str, str]:
    """Alias key → officer id, from a CSV of ``alias,officer``; every officer must be in the case."""
    found: dict[str, str] = {}
    for line, row in read_table(path, ("alias", "officer")):
        if not row["alias"] or not row["officer"]:
            raise UsageError(f"{path}:{line}:1: an alias and an officer id are both needed")
        if row["officer"] not in officers:
            raise UsageError(
                f"{path}:{line}:2: no officer {row['officer']!r} in the case; use an Officer id from it"
            )
        key = alias_key(row["alias"])
        if found.get(key, row["officer"]) != row["officer"]:
            raise UsageError(f"{path}:{line}:1: alias {row['alias']!r} already names officer {found[key]}")
        found[key] = row["officer"]
    return found


@dataclass(frozen=True)
class Lexicon:
    """Terms and their categories, matched as whole words, case- and accent-insensitive."""

    terms: dict[str, tuple[str, str]]
    """Folded term → (the term as written, category id)."""
    pattern: re.Pattern[str] | None

    @classmethod
    def read(cls, path: Path | None) -> Lexicon:
        if path is None:
            return cls({}, None)
        terms: dict[str, tuple[str, str]] = {}
        for line, row in read_table(path, ("term", "category")):
            if not row["term"] or not row["category"]:
                raise UsageError(f"{path}:{line}:1: a term and a category are both needed")
            if ";" in row["term"]:
                raise UsageError(
                    f"{path}:{line}:1: a term cannot contain ';' (matched terms are listed with it)"
                )
            terms[folded(row["term"])] = (row["term"], row["category"])
        ordered = sorted(terms, key=lambda t: (-len(t), t))  # the longest term wins where two overlap
        pattern = (
            re.compile(r"(?<!\w)(" + "|".join(map(re.escape, ordered)) + r")(?!\w)") if ordered else None
        )
        return cls(terms, pattern)

    def matches(self, text: str) -> list[tuple[str, str]]:
        """(term, category) of each distinct term found in ``text``, sorted."""
        if self.pattern is None or not text:
            return []
        found = {m.group(1) for m in self.pattern.finditer(folded(text))}
        return sorted({self.terms[f] for f in found})


Moment = tuple[datetime, int, EventKind]
"""When someone's membership is evidenced, its order on that day, and whether it begins or ends."""


def _stints(moments: list[Moment]) -> list[tuple[str, str | None]]:
    """(from, until) of each stint in the chat: a join (or a message, or an earlier import's
    stint) opens one unless one is open, a leaving closes it."""
    stints: list[tuple[str, str | None]] = []
    start: str | None = None
    for at, _, kind in sorted(moments):
        day = at.date().isoformat()
        if kind in (EventKind.CREATED, EventKind.JOINED) and start is None:
            start = day
        elif kind == EventKind.LEFT and start is not None:
            stints.append((start, day))
            start = None
    if start is not None:
        stints.append((start, None))
    return stints


def earlier_moments(stints: Iterable[RelationshipRow]) -> dict[str, list[Moment]]:
    """The membership an earlier import recorded, as moments per person (its stints' ends)."""
    found: dict[str, list[Moment]] = defaultdict(list)
    for stint in stints:
        found[stint.start_id].append((datetime.combine(to_date(str(stint.properties["from"])), time.min), 0,
                                      EventKind.JOINED))  # fmt: skip
        if "until" in stint.properties:
            found[stint.start_id].append((datetime.combine(to_date(str(stint.properties["until"])), time.max), 0,
                                          EventKind.LEFT))  # fmt: skip
    return found


class _ChatCase:
    """The rows one export gives, keyed by id."""

    def __init__(self, group: str, source: ChatSource, aliases: dict[str, str], elsewhere: set[str]) -> None:
        self.group, self.source, self.aliases, self.elsewhere = group, source, aliases, elsewhere
        self.chat_id = f"chat-{slug(group)}"
        self.source_id = f"src-{source.platform}-{slug(group)}-{source.sha256[:12]}"
        self.nodes: dict[str, dict[str, NodeRow]] = defaultdict(dict)
        self.rels: dict[str, dict[str, RelationshipRow]] = defaultdict(dict)
        self.unknown: dict[str, str] = {}
        self._person_of: dict[str, str] = {}

    def person(self, name: str) -> str:
        """The officer or Person id of a name as the export writes it."""
        if name not in self._person_of:
            self._person_of[name] = self._new_person(name)
        return self._person_of[name]

    def _new_person(self, name: str) -> str:
        key = alias_key(name)
        if key in self.aliases:
            return self.aliases[key]
        person = f"person-{slug(name)}-{_digest(key)[:8]}"
        self.unknown[person] = visible(name)
        if (
            person not in self.nodes[Label.PERSON] and person not in self.elsewhere
        ):  # e.g. met in another chat
            self.nodes[Label.PERSON][person] = NodeRow(person, {"name": visible(name)}, (self.source_id,))
        return person

    def node(self, label: str, row: NodeRow) -> None:
        self.nodes[label][row.id] = row

    def rel(self, rel_type: str, row: RelationshipRow) -> None:
        self.rels[rel_type][row.id] = row


def build_chat_rows(export: ChatExport, group: str, source: ChatSource, aliases: dict[str, str], lexicon: Lexicon,
                    keep_text: bool, elsewhere: set[str], earlier: dict[str, list[Moment]],
                    advance: Advance = ignore) -> _ChatCase:  # fmt: skip
    """The chat group, people, memberships and messages of ``export`` as case rows. ``elsewhere``
    holds the ids of the case's other nodes (a category or person already there is not made
    again); ``earlier`` is the membership an earlier import of the chat recorded, which the
    stints take in; ``advance`` hears of the messages made rows."""
    chat = _ChatCase(group, source, aliases, elsewhere)
    cite = (chat.source_id,)
    chat.node(Label.CHAT_GROUP, NodeRow(chat.chat_id, {"name": group, "platform": source.platform}, cite))
    repeats: Counter[tuple[str, str, str]] = Counter()
    first_message: dict[str, ChatMessage] = {}
    group_slug = slug(group)
    for message in counted(sorted(export.messages, key=lambda m: (m.sent_at, m.line)), advance):
        sender = chat.person(message.sender)
        first_message.setdefault(sender, message)
        content = (
            message.text if message.kind is MessageKind.TEXT else f"{message.kind.value}:{message.attachment}"
        )
        sent_at = message.sent_at.isoformat()
        repeats[sent_at, sender, content] += 1
        number = repeats[sent_at, sender, content]
        incident = f"msg-{group_slug}-{_digest(sent_at, sender, content, str(number))[:16]}"
        terms = lexicon.matches(message.text)
        properties = _message_properties(message, group, source, terms, keep_text)
        chat.node(Label.INCIDENT, NodeRow(incident, properties, cite))
        chat.rel(RelType.SENT, RelationshipRow(f"sent-{incident}", sender, incident, {}, cite))
        chat.rel(RelType.POSTED_IN, RelationshipRow(f"in-{incident}", incident, chat.chat_id, {}, cite))
        for _, category in terms:
            if category not in elsewhere:
                chat.node(Label.CATEGORY, NodeRow(category, {"name": category}, cite))
            chat.rel(
                RelType.IN_CATEGORY,
                RelationshipRow(f"cat-{incident}-{category}", incident, category, {}, cite),
            )
    moments: dict[str, list[Moment]] = defaultdict(list, {p: list(m) for p, m in earlier.items()})
    for event in export.events:
        moments[chat.person(event.person)].append((event.at, event.line, event.kind))
    for person, message in first_message.items():
        moments[person].append((message.sent_at, message.line, EventKind.JOINED))
    for person in sorted(moments):
        for start, end in _stints(moments[person]):
            dates = {"from": start, **({"until": end} if end else {})}
            chat.rel(RelType.IN_CHAT, RelationshipRow(f"member-{chat.chat_id}-{person}-{start}", person, chat.chat_id,
                                                      dates, cite))  # fmt: skip
    return chat


def _message_properties(message: ChatMessage, group: str, source: ChatSource, terms: list[tuple[str, str]],
                        keep_text: bool) -> dict[str, object]:  # fmt: skip
    properties: dict[str, object] = {
        "name": f"Message in {group}", "incident_type": "message", "occurred_on": message.sent_at.date().isoformat(),
        "occurred_at": message.sent_at.isoformat(),
        "source_location": f"{source.name}:{message.line}",
    }  # fmt: skip
    if message.kind is MessageKind.MEDIA:
        properties["summary"] = (
            f"media{': ' + message.attachment if message.attachment else ' (not in the export)'}"
        )
    elif message.kind is MessageKind.DELETED:
        properties["summary"] = "deleted by its sender"
    elif message.text:
        properties["text_sha256"] = hashlib.sha256(message.text.encode("utf-8")).hexdigest()
        properties["text_length"] = len(message.text)
        if terms:
            properties["matched_terms"] = "; ".join(term for term, _ in terms)
        if keep_text:
            properties["text"] = message.text
    if message.edited:
        properties["summary"] = "edited by its sender"
    return properties


def import_chat(export: ChatExport, source: ChatSource, group: str, into: str | Path, aliases: str | Path,
                lexicon: str | Path | None = None, keep_text: bool = False,
                step: Step = no_progress) -> ChatImportResult:  # fmt: skip
    """Add ``export`` (read from ``source``) to the case folder ``into`` as the chat ``group``
    (see the module doc), each phase one ``step`` hears of; returns what was added."""
    target = Path(into)
    case = load_case(target, step)
    officers = {row.id for row in case.nodes.get(Label.OFFICER, [])}
    part = f"chat-{slug(group)}"
    earlier_nodes, earlier_rels, elsewhere = _split_by_part(case, f".{part}.csv")
    lexicon_terms = Lexicon.read(Path(lexicon) if lexicon else None)
    advance = step("making the chat's nodes and relationships", len(export.messages), "messages")
    chat = build_chat_rows(export, group, source, read_aliases(Path(aliases), officers), lexicon_terms, keep_text,
                           elsewhere, earlier_moments(earlier_rels[RelType.IN_CHAT].values()), advance)  # fmt: skip
    clash = sorted(i for label, rows in chat.nodes.items() for i in rows if i in elsewhere)
    if clash:
        raise UsageError(f"{target}: ids {', '.join(clash[:5])} are already used outside this chat's files; "
                         "import the chat under another --group name")  # fmt: skip
    added: Counter[str] = Counter()
    nodes = {label: _merged(earlier_nodes[label], rows, added, label) for label, rows in chat.nodes.items()}
    nodes = {**{label: list(rows.values()) for label, rows in earlier_nodes.items()}, **nodes}
    rels = {
        t: _merged(earlier_rels[t], rows, added, t) for t, rows in chat.rels.items() if t != RelType.IN_CHAT
    }
    rels[RelType.IN_CHAT] = _restated(earlier_rels[RelType.IN_CHAT], chat.rels[RelType.IN_CHAT], added)
    rels = {**{t: list(rows.values()) for t, rows in earlier_rels.items()}, **rels}
    report = _report(export, source, chat)
    known_sources = {row.id for row in case.nodes.get(Label.SOURCE, [])}
    with swapped_folder(target) as stage:
        advance = step("writing the case folder", rows_written(nodes, rels), "rows")
        shutil.copytree(target, stage, dirs_exist_ok=True)
        for old in stage.glob(f"*.{part}.csv"):
            old.unlink()
        write_tables(nodes, rels, stage, part, advance)
        if chat.source_id not in known_sources:
            _add_source(stage / METADATA_FILE, chat, export)
        _write_report(stage / IMPORT_FOLDER / "chats" / slug(group), report)
        unknown = sorted(set(chat.unknown.values()))
        # The rows are written: free them before the folder is read back (a large chat's peak).
        del case, chat, nodes, rels, earlier_nodes, earlier_rels
        check_staged(stage, target, step)
    return ChatImportResult(target, report, added, unknown)


def _split_by_part(
    case: Case, suffix: str
) -> tuple[dict[str, dict[str, NodeRow]], dict[str, dict[str, RelationshipRow]], set[str]]:
    """The rows an earlier import of this chat wrote (its part files), by kind and id; and the
    ids of every other node in the case."""
    nodes: dict[str, dict[str, NodeRow]] = defaultdict(dict)
    rels: dict[str, dict[str, RelationshipRow]] = defaultdict(dict)
    elsewhere = set()
    for label, rows in case.nodes.items():
        for row in rows:
            if row.origin is not None and row.origin.file.endswith(suffix):
                nodes[label][row.id] = row
            else:
                elsewhere.add(row.id)
    for rel_type, found in case.relationships.items():
        for rel in found:
            if rel.origin is not None and rel.origin.file.endswith(suffix):
                rels[rel_type][rel.id] = rel
    return nodes, rels, elsewhere


def _merged(earlier: dict, new: dict, added: Counter, kind: str) -> list:
    """Earlier rows with the new ones added by id (an earlier row stays as it was, with its
    source and line)."""
    merged = dict(earlier)
    for row_id, row in new.items():
        if row_id not in merged:
            merged[row_id] = row
            added[kind] += 1
    return [merged[i] for i in sorted(merged)]


def _restated(earlier: dict[str, RelationshipRow], new: dict[str, RelationshipRow],
              added: Counter) -> list[RelationshipRow]:  # fmt: skip
    """The memberships worked out again from every export so far (``new`` took in the earlier
    stints): an unchanged one keeps its earlier row; a changed one cites the earlier sources too."""
    restated = []
    for row_id, row in sorted(new.items()):
        before = earlier.get(row_id)
        if before is None:
            added[RelType.IN_CHAT] += 1
            restated.append(row)
        elif before.properties == row.properties:
            restated.append(before)
        else:
            restated.append(RelationshipRow(row.id, row.start_id, row.end_id, row.properties,
                                             tuple(dict.fromkeys(before.sources + row.sources))))  # fmt: skip
    return restated


def _add_source(metadata: Path, chat: _ChatCase, export: ChatExport) -> None:
    """Declare the export as a Source at the end of ``case.toml``."""
    first = min((m.sent_at for m in export.messages), default=None)
    source = NodeRow(chat.source_id, {
        "title": f"{PLATFORMS[chat.source.platform]} export of {chat.group}", "source_type": "chat_export",
        "sha256": chat.source.sha256,
        "description": f"{chat.source.name}, read by kg import {chat.source.platform}"
        + (f"; messages from {first.date().isoformat()}" if first else ""),
    }, (chat.source_id,))  # fmt: skip
    text = metadata.read_text(encoding="utf-8")
    metadata.write_text(text.rstrip("\n") + "\n" + "\n".join(source_toml(source)) + "\n", encoding="utf-8")


def _report(export: ChatExport, source: ChatSource, chat: _ChatCase) -> ImportReport:
    """What the import read: messages by kind, membership events, system lines, malformed lines,
    and the people who are not in the alias table."""
    report = ImportReport(source.platform, (source.name,))
    report.rows[source.name] = export.records
    report.headers[source.name] = ("text",)
    for line, reason, text in export.malformed:
        report.reject(SourceRow(source.name, line, {}, (text,)), reason)
    counts = {
        **{f"{kind} messages": n for kind, n in sorted(Counter(m.kind.value for m in export.messages).items())},
        "edited messages": sum(1 for m in export.messages if m.edited),
        "membership events (created, added, joined, left, removed)": len(export.events),
        "other system lines (not used)": export.other_system_lines,
        **{f"not in the alias table, became Person {p}: {name}": 1 for p, name in sorted(chat.unknown.items())},
    }  # fmt: skip
    for note, count in counts.items():
        if count:
            report.note(source.name, note, count)
    return report


def _write_report(folder: Path, report: ImportReport) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(folder / "summary.csv", ["file", "what", "rows"], report.summary_rows(), for_spreadsheets=True)
    rejected = [
        (line, reason, *cells) for rows in report.rejected_rows.values() for line, reason, cells in rows
    ]
    write_csv(folder / "rejected.csv", ["line", "reason", "text"], rejected, for_spreadsheets=True)


def read_into(group: str, into: str | Path) -> None:
    """Refuse a ``--into`` that is not a case folder, before any export is read."""
    if not (Path(into) / METADATA_FILE).is_file():
        raise UsageError(f"{into}: not a case folder (no {METADATA_FILE}); --into names the case to add the chat "
                         f"{group!r} to")  # fmt: skip
