"""``kg import whatsapp`` and ``kg import messenger`` on small exports written for these tests
(tests/fixtures/chats, neutral placeholder text) and on the example (examples/chat).

Worked out by hand from the files:

- ios_mdy_12h.txt (iOS: brackets, seconds, 12-hour clock with a narrow no-break space,
  month-first, direction marks): 5 messages (a text; two media, one attached by name; a
  right-to-left text from a sender wrapped in embedding marks, continued on a line holding a
  zero-width space; a deleted one), 3 membership events (created, added, left) and 1 other
  system line (the encryption notice).
- android_dmy_24h.txt (Android, day-first, 24-hour): 4 messages (the same text twice in one
  minute, a media one, an edited one), 5 events (created; added B and C on one line; B joined by
  link; C removed), 2 other system lines, and 3 malformed lines: 1 (before any message), 7 (day
  32) and 8 (continues line 7).
- the example: 10 messages (7 text, 2 media, 1 deleted; 1 edited), 6 events, 2 other system
  lines; +44 7700 900123 is in no alias; the lexicon matches A's "alpha", the unknown sender's
  "bravo", C's "Álpha" (accent and case folded) and D's "Charlie Delta", not "alphabet".
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from kg.build import graph_from
from kg.sources.case_folder import load_case
from kg.sources.chat_lines import EventKind, MessageKind
from kg.sources.messenger import read_messenger
from kg.sources.whatsapp import read_whatsapp
from tests.conftest import ROOT, run_kg

CHATS = ROOT / "tests" / "fixtures" / "chats"
EXAMPLE = ROOT / "examples" / "chat"
EXPORT = EXAMPLE / "export" / "WhatsApp Chat with Placeholder Group.txt"
PART = "chat-placeholder-group"


def folder_hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}  # fmt: skip


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def case(tmp_path: Path) -> Path:
    return Path(shutil.copytree(EXAMPLE / "case", tmp_path / "case"))


def import_example(case: Path, *extra: object, export: Path = EXPORT):
    return run_kg("import", "whatsapp", export, "--group", "Placeholder Group", "--aliases", EXAMPLE / "aliases.csv",
                  "--lexicon", EXAMPLE / "lexicon.csv", "--into", case, *extra)  # fmt: skip


def test_ios_layout_with_marks_and_a_12_hour_clock() -> None:
    export, _ = read_whatsapp(CHATS / "ios_mdy_12h.txt")
    assert [(m.sent_at, m.sender, m.kind, m.line) for m in export.messages] == [
        (datetime(2022, 1, 5, 9, 1, 10), "Officer A", MessageKind.TEXT, 4),
        (datetime(2022, 1, 5, 12, 30), "Officer B", MessageKind.MEDIA, 5),
        (datetime(2022, 1, 13, 23, 59, 59), "Officer B", MessageKind.MEDIA, 6),
        (datetime(2022, 1, 14, 0, 0), "Officer B", MessageKind.TEXT, 7),
        (datetime(2022, 1, 15, 7, 45), "Officer A", MessageKind.DELETED, 9),
    ]
    assert export.messages[2].attachment == "00000005-PHOTO-2022-01-13-23-59-59.jpg"
    assert export.messages[3].text == "نص تجريبي بالعربية\nzero\u200bwidth continuation line"
    assert [(e.person, e.kind, e.line) for e in export.events] == [
        ("Officer A", EventKind.CREATED, 2), ("Officer B", EventKind.JOINED, 3), ("Officer B", EventKind.LEFT, 10)
    ]  # fmt: skip
    assert (export.other_system_lines, export.malformed, export.records) == (1, [], 10)


def test_android_layout_with_malformed_lines() -> None:
    export, _ = read_whatsapp(CHATS / "android_dmy_24h.txt")
    assert [(m.sender, m.kind, m.line, m.edited) for m in export.messages] == [
        ("Officer A", MessageKind.TEXT, 4, False), ("Officer A", MessageKind.TEXT, 5, False),
        ("Officer C", MessageKind.MEDIA, 6, False), ("Officer B", MessageKind.TEXT, 12, True),
    ]  # fmt: skip
    assert (
        export.messages[0].text == "Placeholder text 😀 two"
        and export.messages[3].text == "Edited placeholder"
    )
    assert [(e.person, e.kind) for e in export.events] == [
        ("Officer A", EventKind.CREATED), ("Officer B", EventKind.JOINED), ("Officer C", EventKind.JOINED),
        ("Officer B", EventKind.JOINED), ("Officer C", EventKind.LEFT),
    ]  # fmt: skip
    assert [line for line, _, _ in export.malformed] == [1, 7, 8]
    assert export.other_system_lines == 2


def test_the_zip_whatsapp_makes_reads_as_its_chat_text(tmp_path: Path) -> None:
    archive = tmp_path / "WhatsApp Chat - Placeholder.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.write(CHATS / "android_dmy_24h.txt", "_chat.txt")
        handle.writestr("00000004-PHOTO-2022-01-01-00-01-00.jpg", b"\xff\xd8placeholder")
    assert read_whatsapp(archive) == read_whatsapp(CHATS / "android_dmy_24h.txt")


def test_an_ambiguous_date_order_is_an_error_that_asks_for_date_format(case: Path) -> None:
    before = folder_hashes(case)
    result = import_example(case, export=CHATS / "ambiguous.txt")
    assert result.exit_code == 2
    assert "could be day-first or month-first; give --date-format DMY or MDY" in result.output
    assert folder_hashes(case) == before
    export, _ = read_whatsapp(CHATS / "ambiguous.txt", "MDY")
    assert [m.sent_at.date().isoformat() for m in export.messages] == ["2022-01-02", "2022-02-03"]


def test_a_file_that_is_not_a_chat_export_is_refused_and_nothing_written(case: Path) -> None:
    before = folder_hashes(case)
    result = import_example(case, export=CHATS / "not_a_chat.txt")
    assert result.exit_code == 2 and "not a WhatsApp chat export" in result.output
    assert folder_hashes(case) == before


def test_messenger_text_is_repaired_and_records_are_read() -> None:
    export, data, title = read_messenger(CHATS / "messenger")
    assert title == "Placeholder Chat ’24"
    assert [(m.sender, m.kind, m.line) for m in export.messages] == [
        ("Officer B", MessageKind.TEXT, 1), ("Officer Zoë", MessageKind.MEDIA, 2),
        ("Officer B", MessageKind.DELETED, 3), ("Officer Zoë", MessageKind.TEXT, 4),
    ]  # fmt: skip
    assert (
        export.messages[0].text == "Placeholder reply 😀 it’s fine"
        and export.messages[3].text == "Café placeholder"
    )
    assert [(e.person, e.kind) for e in export.events] == [("Officer B", EventKind.JOINED)]
    assert [line for line, _, _ in export.malformed] == [6]
    assert data.startswith(b"{") and export.records == 6


def test_the_example_import(case: Path) -> None:
    result = import_example(case)
    assert result.exit_code == 0, result.output
    assert "Not in the alias table (Person nodes): +44 7700 900123" in result.output
    loaded = load_case(case)
    counts = loaded.counts()
    assert (counts["Incident"], counts["SENT"], counts["POSTED_IN"], counts["Person"], counts["IN_CATEGORY"]) == (
        10, 10, 10, 1, 4)  # fmt: skip
    assert counts.get("RECEIVED", 0) == 0, "who received a message follows from membership"
    members = {(r["start_id"], r["from"], r["until"]) for r in rows(case / f"in_chat.{PART}.csv")}
    person = next(r["id"] for r in rows(case / f"person.{PART}.csv"))
    assert members == {
        ("officer-a", "2021-03-01", ""), ("officer-b", "2021-03-01", ""), ("officer-c", "2021-03-01", "2021-03-10"),
        ("officer-d", "2021-03-07", ""), (person, "2021-03-01", ""),
    }  # fmt: skip
    messages = rows(case / f"incident.{PART}.csv")
    assert all(m["text"] == "" for m in messages), "the text is not kept by default"
    terms = sorted(m["matched_terms"] for m in messages if m["matched_terms"])
    assert terms == ["alpha", "alpha", "bravo", "charlie delta"]
    with_text = next(m for m in messages if m["source_location"].endswith(":4"))
    assert with_text["text_sha256"] == hashlib.sha256(b"Morning all, alpha placeholder text").hexdigest()
    assert with_text["text_length"] == "35"
    source = next(s for s in loaded.nodes["Source"] if s.id.startswith("src-whatsapp-"))
    assert source.properties["sha256"] == hashlib.sha256(EXPORT.read_bytes()).hexdigest()


def test_keep_text_stores_each_message_verbatim(case: Path) -> None:
    assert import_example(case, "--keep-text").exit_code == 0
    texts = {m["text"] for m in rows(case / f"incident.{PART}.csv")}
    assert "First line of a longer note\nsecond line of the same note" in texts


def test_importing_twice_adds_nothing(case: Path) -> None:
    assert import_example(case).exit_code == 0
    first = folder_hashes(case)
    again = import_example(case)
    assert again.exit_code == 0 and "nothing new" in again.output
    assert folder_hashes(case) == first


def test_a_later_overlapping_export_adds_only_its_new_messages(case: Path, tmp_path: Path) -> None:
    assert import_example(case).exit_code == 0
    before = {m["id"]: m for m in rows(case / f"incident.{PART}.csv")}
    lines = EXPORT.read_text(encoding="utf-8").splitlines()
    later = tmp_path / "later.txt"
    later.write_text("\n".join(lines[5:] + ["15/03/2021, 10:00 - Officer B: New placeholder",
                                            "16/03/2021, 10:00 - Officer B left"]) + "\n", encoding="utf-8")  # fmt: skip
    result = import_example(case, export=later)
    assert result.exit_code == 0, result.output
    after = {m["id"]: m for m in rows(case / f"incident.{PART}.csv")}
    assert after.keys() > before.keys() and len(after) - len(before) == 1
    assert all(after[i] == before[i] for i in before), "earlier messages keep their first source and line"
    b_stints = [
        (r["from"], r["until"]) for r in rows(case / f"in_chat.{PART}.csv") if r["start_id"] == "officer-b"
    ]
    assert b_stints == [("2021-03-01", "2021-03-16")], "the later export ends B's membership"
    assert len([s for s in load_case(case).nodes["Source"] if s.id.startswith("src-whatsapp-")]) == 2


def test_uncategorised_messages_are_not_misconduct_and_membership_gives_chat_ties(case: Path) -> None:
    from kg.analysis import AnalysisOptions, analyze_graph

    assert import_example(case).exit_code == 0
    analysis = analyze_graph(graph_from(case), AnalysisOptions(shuffles=10))
    adopters = set(analysis.tables["adoptions"].column("officer"))
    assert adopters == {
        "officer-a",
        "officer-c",
        "officer-d",
    }  # B and the unknown sender sent nothing in a category
    assert "chat" in analysis.structure_parameters["tie_types"]


def test_an_alias_for_an_officer_not_in_the_case_is_named(case: Path, tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("alias,officer\nOfficer A,officer-a\nOfficer Q,officer-q\n", encoding="utf-8")
    before = folder_hashes(case)
    result = run_kg("import", "whatsapp", EXPORT, "--group", "G", "--aliases", aliases, "--into", case)
    assert result.exit_code == 2
    assert f"{aliases}:3:2: no officer 'officer-q' in the case" in result.output
    assert folder_hashes(case) == before


def test_into_must_be_a_case_folder(tmp_path: Path) -> None:
    result = run_kg("import", "whatsapp", EXPORT, "--group", "G", "--aliases", EXAMPLE / "aliases.csv",
                    "--into", tmp_path)  # fmt: skip
    assert result.exit_code == 2 and "not a case folder (no case.toml)" in result.output


def test_a_messenger_conversation_imports(tmp_path: Path) -> None:
    case = Path(shutil.copytree(EXAMPLE / "case", tmp_path / "case"))
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("alias,officer\nOfficer Zoë,officer-a\nOfficer B,officer-b\n", encoding="utf-8")
    result = run_kg(
        "import", "messenger", CHATS / "messenger", "--aliases", aliases, "--into", case, "--keep-text"
    )
    assert result.exit_code == 0, result.output
    part = "chat-placeholder-chat-24"
    texts = {m["text"] for m in rows(case / f"incident.{part}.csv")}
    assert "Placeholder reply 😀 it’s fine" in texts and "Café placeholder" in texts
    assert json.loads(json.dumps(rows(case / f"chat_group.{part}.csv")))[0]["name"] == "Placeholder Chat ’24"
    rejected = rows(case / "import" / "chats" / "placeholder-chat-24" / "rejected.csv")
    assert [(r["line"], r["reason"]) for r in rejected] == [("6", "no sender_name or timestamp_ms")]


def test_a_person_in_two_chats_is_one_person(case: Path) -> None:
    assert import_example(case).exit_code == 0
    second = run_kg("import", "whatsapp", EXPORT, "--group", "Second Group", "--aliases", EXAMPLE / "aliases.csv",
                    "--into", case)  # fmt: skip
    assert second.exit_code == 0, second.output
    people = load_case(case).nodes["Person"]
    assert len(people) == 1 and people[0].properties["name"] == "+44 7700 900123"
    assert {r["start_id"] for r in rows(case / "in_chat.chat-second-group.csv")} >= {people[0].id}
